"""Print preview of a generated PDF (QtPdf) with 打印 and 另存为, and the remembered save folder."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from models.core import previews
from models.core.errors import SanbanError
from ui import account_state, messages


def save_path(parent: QWidget, title: str, name: str, filters: str) -> str:
    folder = account_state.settings().value("files/last_folder", str(Path.home()))
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name), filters)
    if path:
        account_state.settings().setValue("files/last_folder", str(Path(path).parent))
    return path


def save_to(parent: QWidget, title: str, name: str, filters: str, write: Callable[[str], object]) -> str:
    """Ask where (`name` in the last folder used), `write` the file there and say where it went; what models refuses
    is shown instead. Returns the path written, or "" when cancelled or refused."""
    path = save_path(parent, title, name, filters)
    if not path:
        return ""
    try:
        write(path)
    except SanbanError as exc:
        messages.warn(parent, title, exc.message)
        return ""
    messages.info(parent, title, parent.tr("已保存到 %1").replace("%1", path))
    return path


def preview_file(parent: QWidget, file_name: str, write: Callable[[Path], Any], title: Callable[[Any], str],
                 save_as: Callable[[], object], failed: str) -> None:
    """`write` the report into a private preview file and show it with 打印 and 另存为 (`save_as`); the window is
    named by `title` from what `write` returned (a count). What models refuses is shown under `failed` instead."""
    pdf = previews.new_file(file_name)
    try:
        result = write(pdf)
    except SanbanError as exc:
        previews.discard(pdf)
        messages.warn(parent, failed, exc.message)
        return
    PreviewDialog(pdf, title(result), save_as, parent).exec()


def preview_form(parent: QWidget, name: str, write: Callable[[Path | str], object], failed: str, save_name: str,
                 filters: str) -> None:
    """A form (处理笺, 登记表, 值班要情) titled `name` in the preview; 另存为 writes it again where the user says."""
    preview_file(parent, f"{name}.pdf", write, lambda _: name,
                 lambda: save_to(parent, parent.tr("另存为"), save_name, filters, write), failed)


class PreviewDialog(QDialog):
    """The form as it will print (QtPdf), with 打印 and 另存为 (.pdf/.docx)."""

    def __init__(self, pdf: Path, title: str, save_as, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.setWindowTitle(title)
        self.pdf = pdf
        self.document = QPdfDocument(self)
        self.loaded = self.document.load(str(pdf)) == QPdfDocument.Error.None_
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitInView)
        print_button = QPushButton(self.tr("打印…（Ctrl+P）"))
        print_button.setShortcut("Ctrl+P")
        print_button.clicked.connect(self.print_)
        save = QPushButton(self.tr("另存为…"))
        save.clicked.connect(save_as)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (print_button, save, close):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(view, 1)
        layout.addLayout(row)
        from ui.widgets.screen_fit import fit

        fit(self, 760, 1000)  # an A4 page's shape where the screen allows; its buttons always on screen

    def exec(self) -> int:
        """Shows the preview; one that cannot be shown says so instead of opening an empty window."""
        if not self.loaded:
            previews.discard(self.pdf)
            messages.warn(self.parentWidget(), self.tr("打印预览"), self.tr(
                "打印预览无法显示：生成的文件无法读取。请重试；如仍不行，请把情况告诉系统管理员。"))
            return QDialog.DialogCode.Rejected.value
        return super().exec()

    def done(self, result: int) -> None:
        """Closing the preview removes its PDF: a 涉密人员登记表 must not stay on disk."""
        self.document.close()
        super().done(result)
        previews.discard(self.pdf)

    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        if not self.send(printer):
            messages.warn(self, self.tr("打印"), self.tr("没有打印出来：打印机无法使用。请检查打印机是否已连接并开机，"
                                                      "或在打印对话框中另选一台打印机后重试。"))

    def send(self, printer) -> bool:
        """Paint every page on `printer`; audited as a print only when the printer took them all."""
        from PySide6.QtGui import QPainter
        from PySide6.QtPrintSupport import QPrinter

        from models.core.exports import audit_print

        painter = QPainter()
        if not painter.begin(printer):
            return False
        rect = painter.viewport()
        for page in range(self.document.pageCount()):
            if page and not printer.newPage():
                painter.end()
                return False
            image = self.document.render(page, rect.size())
            painter.drawImage(rect, image)
        if not painter.end() or printer.printerState() == QPrinter.PrinterState.Error:
            return False
        audit_print(self.pdf)
        return True
