"""Files in and out of the 公文 tab: print preview of a form, ledger export, and the import wizard."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.core import clock, previews
from models.core.errors import SanbanError
from ui import account_state, messages
from ui.widgets.preview import PreviewDialog, preview_form, save_path, save_to
from ui.widgets.screen_fit import fit, keep_on_screen
from ui.workers import run_in_background


def print_form(parent: QWidget, session, kind: str, doc_id: int, name: str) -> None:
    """Preview the form, then print it or save it as .pdf/.docx (each save audited as an export)."""
    from exporters.documents import export_form

    preview_form(parent, name, lambda path: export_form(session, kind, doc_id, path), parent.tr("打印"),
                 f"{name}.docx", "Word 文件 (*.docx);;PDF 文件 (*.pdf)")


class ExportDialog(QDialog):
    """Which ledger and year: to export (.xlsx, or the rows on screen) or, with `printing`, to preview and print."""

    def __init__(self, reports: tuple[str, str], parent=None, printing: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印台账") if printing else self.tr("导出台账"))
        labels = {"incoming-ledger": "收文登记簿", "incoming-progress": "收文办理进度台账",
                  "outgoing-ledger": "发文登记簿", "outgoing-progress": "发文审核进度台账"}
        self.report = QComboBox()
        for key in reports:
            self.report.addItem(labels[key], key)
        if not printing:  # 「屏幕上的行和列」 is exported, not printed
            self.report.addItem(self.tr("屏幕上的行和列（按当前筛选）"), "view")
        self.year = QSpinBox()
        self.year.setRange(1990, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.report.currentIndexChanged.connect(lambda _: self.year.setEnabled(self.report.currentData() != "view"))
        form = QFormLayout()
        form.addRow(self.tr("台账"), self.report)
        form.addRow(self.tr("年度"), self.year)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("打印预览…") if printing else self.tr("导出…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        keep_on_screen(self)


def export_ledger(parent: QWidget, session, reports: tuple[str, str], export_view) -> None:
    """A year's ledger as .xlsx, or (「屏幕上的行和列」) what the page shows, through the page's `export_view`."""
    from exporters.documents import export_ledger as write

    dialog = ExportDialog(reports, parent)
    if not dialog.exec():
        return
    report, year = dialog.report.currentData(), dialog.year.value()
    if report == "view":
        export_view()
        return
    name = f"{dialog.report.currentText()}-{year}.xlsx"
    path = save_path(parent, parent.tr("导出台账"), name, "Excel 文件 (*.xlsx)")
    if not path:
        return

    def operation(progress, cancelled):
        return write(session, report, path, year)

    def done(count, error) -> None:
        if error is not None:
            text = error.message if isinstance(error, SanbanError) else f"导出失败：{error}"
            messages.warn(parent, parent.tr("导出台账"), text)
            return
        messages.exported(parent, parent.tr("导出台账"), count, path)

    run_in_background(parent, parent.tr("正在导出…"), operation, done)


class ImportWizard(QDialog):
    """Pick the file, check the guessed columns and the year, see every bad row, then import."""

    def __init__(self, session, kind: str, path: str, parent=None) -> None:
        super().__init__(parent)
        from importers import ledger_import

        self.session, self.kind, self.path, self.imported = session, kind, path, 0
        self.targets = ledger_import.INCOMING_TARGETS if kind == "incoming" else ledger_import.OUTGOING_TARGETS
        self.setWindowTitle(self.tr("导入旧台账 — %1").replace("%1", Path(path).name))
        self.parsed = ledger_import.parse(session, path, kind)
        self.combos: dict[str, QComboBox] = {}
        mapping = QFormLayout()
        for target in self.targets:
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), None)
            for index, name in enumerate(self.parsed.columns):
                if name:
                    combo.addItem(f"第 {index + 1} 列：{name}", index)
            combo.setCurrentIndex(max(0, combo.findData(self.parsed.mapping.get(target.key))))
            combo.currentIndexChanged.connect(lambda _: self.check())
            mapping.addRow(target.label + (" *" if target.required else ""), combo)
            self.combos[target.key] = combo
        self.year = QSpinBox()
        self.year.setRange(0, clock.today().year)
        self.year.setSpecialValueText(self.tr("（文件中未写明）"))
        self.year.setValue(self.parsed.year or 0)
        self.year.valueChanged.connect(lambda _: self.check())
        mapping.addRow(self.tr("没有年份的日期按"), self.year)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.valid_only = QCheckBox(self.tr("只导入无误的行（有问题的行留在文件里，改好后再导入）"))
        self.valid_only.toggled.connect(lambda _: self._buttons())
        self.go = QPushButton(self.tr("导入"))
        self.go.clicked.connect(self.run)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        left = QWidget()
        left.setLayout(mapping)
        top = QHBoxLayout()
        top.addWidget(left)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.report, 1)
        top.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.valid_only)
        buttons.addStretch(1)
        buttons.addWidget(self.go)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("第 %1 行是表头。请核对每一项对应的列（已按列名猜好）：")
                                .replace("%1", str(self.parsed.header_row))))
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        fit(self, 980, 620)
        keep_on_screen(self)
        self._show()

    def check(self) -> None:
        from importers import ledger_import

        mapping = {k: c.currentData() for k, c in self.combos.items() if c.currentData() is not None}
        try:
            self.parsed = ledger_import.parse(self.session, self.path, self.kind, mapping, self.year.value() or None)
        except SanbanError as exc:
            self.summary.setText(exc.message)
            self.report.clear()
            self.go.setEnabled(False)
            return
        self._show()

    def _show(self) -> None:
        p = self.parsed
        self.summary.setText(self.tr("可导入 %1 行；有问题 %2 行；跳过 %3 行。")
                             .replace("%1", str(len(p.good))).replace("%2", str(len(p.errors)))
                             .replace("%3", str(len(p.skipped))))
        lines = [f"第 {n} 行：{m}" for n, m in p.errors] + [f"第 {n} 行：{m}" for n, m in p.skipped] + p.notes
        self.report.setPlainText("\n".join(lines) or self.tr("没有发现问题。"))
        self._buttons()

    def _buttons(self) -> None:
        ok = bool(self.parsed.good) and (not self.parsed.errors or self.valid_only.isChecked())
        self.go.setEnabled(ok)
        self.valid_only.setEnabled(bool(self.parsed.errors))

    def run(self) -> None:
        from importers import ledger_import

        mapping = {k: c.currentData() for k, c in self.combos.items() if c.currentData() is not None}
        self.setEnabled(False)

        def done(result, error) -> None:
            self.setEnabled(True)
            if error is not None:
                messages.warn(self, self.windowTitle(), error.message if isinstance(error, SanbanError)
                              else f"导入失败：{error}")
                return
            self.imported = result[1]
            messages.info(self, self.windowTitle(), self.tr("已导入 %1 条。").replace("%1", str(self.imported)))
            self.accept()

        run_in_background(self, self.tr("正在导入…"), lambda progress, cancelled: ledger_import.run(
            self.session, self.path, self.kind, valid_only=self.valid_only.isChecked(), mapping=mapping,
            year=self.year.value() or None), done)


def import_ledger(parent: QWidget, session, kind: str) -> bool:
    folder = account_state.settings().value("files/last_folder", str(Path.home()))
    path, _ = QFileDialog.getOpenFileName(parent, parent.tr("选择旧台账"), str(folder),
                                          "Excel/CSV 文件 (*.xlsx *.xlsm *.csv *.txt);;所有文件 (*)")
    if not path:
        return False
    try:
        wizard = ImportWizard(session, kind, path, parent)
    except SanbanError as exc:
        messages.warn(parent, parent.tr("导入旧台账"), exc.message)
        return False
    wizard.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
    return bool(wizard.exec() and wizard.imported)


def print_ledger(parent: QWidget, session, reports: tuple[str, str]) -> None:
    """A year's ledger in the print preview (PDF made in the background), then 打印 or 另存为 .pdf/.xlsx."""
    from exporters.documents import export_ledger as write

    dialog = ExportDialog(reports, parent, printing=True)
    if not dialog.exec():
        return
    report, year, label = dialog.report.currentData(), dialog.year.value(), dialog.report.currentText()
    pdf = previews.new_file(f"{label}-{year}.pdf")

    def save_as() -> None:
        save_to(parent, parent.tr("另存为"), f"{label}-{year}.xlsx", "Excel 文件 (*.xlsx);;PDF 文件 (*.pdf)",
                lambda path: write(session, report, path, year))

    def done(count, error) -> None:
        if error is not None:
            previews.discard(pdf)
            messages.warn(parent, parent.tr("打印台账"), error.message if isinstance(error, SanbanError)
                          else f"生成失败：{error}")
            return
        PreviewDialog(pdf, f"{label}（{year}年，{count} 条）", save_as, parent).exec()

    run_in_background(parent, parent.tr("正在生成打印预览…"), lambda progress, cancelled: write(session, report, pdf, year),
                      done)
