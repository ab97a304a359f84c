"""The 会议 tab's file steps: import an attendee list, 议定事项 or a template; save the 座次图, 桌签, 签到表, 会议通知
and 检点单 of the selected meeting where the user chooses."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from models.core.changes import Change
from models.core.errors import SanbanError
from ui import messages
from ui.widgets.preview import save_path

PDF_OR_WORD = "PDF 文件 (*.pdf);;Word 文件 (*.docx)"
# report -> (label, file name tail, filters, exporter "module:function")
PRINTS = {
    "seating": ("座次图", "座次图.pdf", PDF_OR_WORD, "exporters.meetings_seating:export_seating"),
    "cards": ("桌签", "桌签.pdf", PDF_OR_WORD, "exporters.meetings_seating:export_name_cards"),
    "sign_in": ("签到表", "签到表.docx", "Word 文件 (*.docx);;Excel 文件 (*.xlsx)",
                "exporters.meetings:export_sign_in"),
    "notice": ("会议通知", "会议通知.docx", "Word 文件 (*.docx)", "exporters.meetings:export_notice"),
    "checklist": ("检点单", "检点单.xlsx", "Excel 文件 (*.xlsx);;Word 文件 (*.docx)",
                  "exporters.meetings:export_checklist"),
}


def save(parent: QWidget, session, meeting, report: str) -> None:
    from models.core.manifest import resolve

    label, tail, filters, exporter = PRINTS[report]
    path = save_path(parent, parent.tr("保存%1").replace("%1", label), f"{meeting.number_text}{tail}", filters)
    if not path:
        return
    try:
        written = resolve(exporter)(session, meeting.id, path)
    except SanbanError as exc:
        messages.warn(parent, label, exc.message)
        return
    messages.info(parent, label, parent.tr("已保存到\n%1").replace("%1", str(written)))


def save_template(parent: QWidget, session, name: str) -> None:
    from exporters.meetings import export_template

    path = save_path(parent, parent.tr("导出检点单模板"), f"{name}检点单模板.xlsx", "Excel 文件 (*.xlsx)")
    if not path:
        return
    try:
        written = export_template(session, name, path)
    except SanbanError as exc:
        messages.warn(parent, parent.tr("导出检点单模板"), exc.message)
        return
    text = parent.tr("已保存到\n%1\n在 Excel 中修改后可用「导入模板」导入为新版本。").replace("%1", str(written))
    messages.info(parent, parent.tr("导出检点单模板"), text)


def import_sheet(parent: QWidget, title: str, run: Callable[[str], tuple[str, list]], change: Change,
                 path: str = "") -> Change | None:
    """Check the chosen file first; write only when it is all good (every bad row is listed otherwise)."""
    if not path:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", "Excel 文件 (*.xlsx);;CSV 文件 (*.csv)")
    if not path:
        return None
    try:
        summary, errors = run(path)
    except SanbanError as exc:
        messages.warn(parent, title, exc.message)
        return None
    if errors:
        shown = "\n".join(errors[:30]) + (f"\n……另有 {len(errors) - 30} 处" if len(errors) > 30 else "")
        messages.warn(parent, title, parent.tr("「%1」中有 %2 处错误，未导入任何内容：\n%3")
                      .replace("%1", Path(path).name).replace("%2", str(len(errors))).replace("%3", shown))
        return None
    messages.info(parent, title, summary)
    return change
