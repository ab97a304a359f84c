"""Compose the 值班要情 (or a 值班快报): tick the items, reword them, then preview and print.

Printing saves first: a new sheet takes the year's next 期号, a reprint keeps its own. The preview is the PDF
that will print; 另存为 writes .pdf or .docx, each audited as an export.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import SanbanError
from models.duty import brief as duty_brief
from models.duty.terms import month_day
from ui import messages
from ui.widgets.preview import preview_form
from ui.widgets.screen_fit import fit, keep_on_screen


class BriefDialog(QDialog):
    def __init__(self, session, draft: duty_brief.Draft, parent=None) -> None:
        super().__init__(parent)
        self.session, self.draft = session, draft
        kind = duty_brief.KINDS[draft.kind]
        when = month_day(draft.day)
        self.setWindowTitle(f"{kind}　{when}" if draft.kind == "brief" else kind)
        self.number = QLabel()
        self.number.setStyleSheet("font-weight: bold; color: #a61b0f;")
        self.items = QListWidget()
        self.items.setWordWrap(True)
        self.items.currentRowChanged.connect(self._load_item)
        self.items.itemChanged.connect(self._ticked)
        self.heading = QLineEdit()
        self.heading.textEdited.connect(self._store_item)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._store_item)
        editor = QWidget()
        editor_form = QFormLayout(editor)
        editor_form.addRow(self.tr("小标题"), self.heading)
        editor_form.addRow(self.tr("内容"), self.text)
        split = QSplitter()
        split.addWidget(self.items)
        split.addWidget(editor)
        split.setSizes([300, 520])
        self.title = QLineEdit(draft.title)
        self.whereabouts = QPlainTextEdit(draft.whereabouts)
        self.open_items = QPlainTextEdit(draft.open_items)
        for box in (self.whereabouts, self.open_items):
            box.setTabChangesFocus(True)
            box.setFixedHeight(64)
        self.leader, self.officers, self.phone = QLineEdit(draft.leader), QLineEdit(draft.officers), QLineEdit(draft.phone)
        self.report_to, self.send_to = QLineEdit(draft.report_to), QLineEdit(draft.send_to)
        self.signer = QLineEdit(draft.signer)
        self.copies = QSpinBox()
        self.copies.setRange(1, 999)
        self.copies.setValue(draft.copies)
        self.copies.setSuffix(" 份")
        form = QFormLayout()
        if draft.kind == "flash":
            form.addRow(self.tr("标题"), self.title)
        else:
            form.addRow(self.tr("领导外出情况"), self.whereabouts)
            form.addRow(self.tr("需继续关注事项"), self.open_items)
        people = QHBoxLayout()
        for label, widget in (("带班领导", self.leader), ("值班员", self.officers), ("值班电话", self.phone),
                              ("签发", self.signer), ("印数", self.copies)):
            people.addWidget(QLabel(label))
            people.addWidget(widget)
        form.addRow(self.tr("报："), self.report_to)
        form.addRow(self.tr("送："), self.send_to)
        form.addRow(people)
        preview = QPushButton(self.tr("预览并打印（Ctrl+P）"))
        preview.setDefault(True)
        preview.clicked.connect(self.preview)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.preview)
        buttons = QHBoxLayout()
        if draft.kind == "flash":
            followup = QPushButton(self.tr("写续报"))
            followup.clicked.connect(self.followup)
            buttons.addWidget(followup)
        buttons.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons.addWidget(preview)
        buttons.addWidget(close)
        self.notes = QLabel("\n".join(draft.notes))
        self.notes.setStyleSheet("color: #8a5a00;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(QLabel(self.tr("勾选要印的事项，选中后可在右侧修改措辞：") if draft.kind == "brief"
                                else self.tr("各部分内容可在右侧修改：")))
        layout.addWidget(split, 1)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        fit(self, 960, 720)
        keep_on_screen(self)
        self._fill()

    @classmethod
    def for_day(cls, session, day: date, parent=None) -> "BriefDialog":
        return cls(session, duty_brief.draft_brief(session, day), parent)

    @classmethod
    def for_flash(cls, session, entry_id: int, parent=None) -> "BriefDialog":
        return cls(session, duty_brief.draft_flash(session, entry_id), parent)

    def _fill(self) -> None:
        self.number.setText(self.draft.number_hint)
        self.items.blockSignals(True)
        self.items.clear()
        for item in self.draft.items:
            row = QListWidgetItem(item.heading or self.tr("（无小标题）"))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.chosen else Qt.CheckState.Unchecked)
            self.items.addItem(row)
        self.items.blockSignals(False)
        if self.draft.items:
            self.items.setCurrentRow(0)

    def _load_item(self, row: int) -> None:
        if 0 <= row < len(self.draft.items):
            item = self.draft.items[row]
            self.heading.blockSignals(True)
            self.text.blockSignals(True)
            self.heading.setText(item.heading)
            self.text.setPlainText(item.text)
            self.heading.blockSignals(False)
            self.text.blockSignals(False)

    def _store_item(self, *_):
        row = self.items.currentRow()
        if 0 <= row < len(self.draft.items):
            item = self.draft.items[row]
            item.heading, item.text = self.heading.text(), self.text.toPlainText()
            self.items.item(row).setText(item.heading or self.tr("（无小标题）"))

    def _ticked(self, row_item: QListWidgetItem) -> None:
        row = self.items.row(row_item)
        if 0 <= row < len(self.draft.items):
            self.draft.items[row].chosen = row_item.checkState() == Qt.CheckState.Checked

    def _collect(self) -> None:
        self._store_item()
        d = self.draft
        d.title, d.whereabouts, d.open_items = self.title.text(), self.whereabouts.toPlainText(), self.open_items.toPlainText()
        d.leader, d.officers, d.phone = self.leader.text(), self.officers.text(), self.phone.text()
        d.report_to, d.send_to, d.signer, d.copies = (self.report_to.text(), self.send_to.text(), self.signer.text(),
                                                      self.copies.value())

    def save(self) -> duty_brief.DutyBrief | None:
        self._collect()
        try:
            brief = duty_brief.save(self.session, self.draft)
        except SanbanError as exc:
            messages.warn(self, self.windowTitle(), exc.message)
            return None
        self.draft.number_hint = f"{brief.number_text}（已编号；再次打印保持原期号）"
        self.number.setText(self.draft.number_hint)
        return brief

    def preview(self) -> None:
        self._collect()
        warnings = duty_brief.print_warnings(self.draft)
        if warnings and not messages.confirm(self, self.windowTitle(), "\n".join(
                [self.tr("印出来会有以下问题："), *warnings, "", self.tr("仍要编号并打印吗？选「否」回去修改。")])):
            return
        brief = self.save()
        if brief is not None:
            show_preview(self, self.session, brief)

    def followup(self) -> None:
        if self.draft.entry is None:
            return
        if self.draft.brief is None and not messages.confirm(self, self.tr("写续报"),
                                                             self.tr("初报还没有打印编号，确定直接写续报吗？")):
            return
        self.draft = duty_brief.draft_flash(self.session, self.draft.entry, followup=True)
        self.title.setText(self.draft.title)
        self._fill()


def show_preview(parent: QWidget, session, brief: duty_brief.DutyBrief) -> None:
    from exporters.duty import export_brief

    name = f"{duty_brief.KINDS[brief.kind]}{brief.year}年{brief.number_text}"
    preview_form(parent, name, lambda path: export_brief(session, brief.id, path), parent.tr("打印"),
                 f"{name}.pdf", "PDF 文件 (*.pdf);;Word 文件 (*.docx)")


def print_saved(parent: QWidget, session, day: date) -> None:
    """领导 (read-only): the day's brief as it was printed, if it was."""
    saved = duty_brief.printed_brief(session, day)
    if saved is None:
        messages.info(parent, "值班要情", parent.tr("%1的值班要情还没有编印。").replace("%1", month_day(day)))
        return
    show_preview(parent, session, saved)
