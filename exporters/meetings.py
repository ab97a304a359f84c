"""会议's paper: the 检点单 (.xlsx/.docx), the 签到表 (.docx/.xlsx), the 会议通知 (.docx) and a template as .xlsx (the
shape `import meeting-template` reads back). A classified meeting's 密级 is on every page: the sheet's page header,
the Word section header."""

from pathlib import Path

from exporters.files import output_path
from exporters.forms import BODY_FONT, LABEL_FONT, TITLE_FONT
from exporters.forms import _paragraph as forms_paragraph
from exporters.xlsx_ledger import write_ledger
from models.core.exports import audit_export
from models.core.rights import require
from models.meetings import attendees, meetings, templates
from models.meetings.deadlines import EXAMPLES
from models.meetings.manifest import READ_MEETINGS
from models.meetings.meetings import Meeting
from models.meetings.terms import mark as secrecy_mark

# widths in characters (.xlsx) and shares of the line (.docx): 「会后10个工作日」「未开始」「办理人」 on one line
CHECKLIST_COLUMNS = [("序号", 5), ("阶段", 5), ("事项", 28), ("责任人", 8), ("时限", 16), ("截止日期", 11),
                     ("状态", 7), ("办理人", 7), ("备注", 13)]
SIGN_IN_COLUMNS = [("序号", 5), ("姓名", 8), ("职务", 16), ("单位", 20), ("签到", 11)]
TEMPLATE_COLUMNS = [("阶段", 4), ("事项", 40), ("责任人", 8), ("时限", 12), ("必办", 4), ("仅涉密会议", 6)]


def _heading(meeting: Meeting) -> str:
    return f"{meeting.number_text}（{meeting.title}）"


def checklist_rows(actor, meeting: Meeting) -> list[tuple]:
    rows = []
    for i, item in enumerate(meetings.checklist(actor, meeting.id), start=1):
        note = "；".join(x for x in (item.due_note, item.note) if x)
        rows.append((i, item.phase, item.task + ("" if item.required else "（选办）"), item.owner, item.deadline,
                     f"{item.due:%Y-%m-%d}", item.state, item.done_by, note))
    return rows


def export_checklist(actor, meeting_id: int, path: str | Path) -> Path:
    """The meeting's 全流程检点单, items by deadline, with state and who."""
    require(actor, READ_MEETINGS, "导出会议检点单")
    target, suffix = output_path(path, (".xlsx", ".docx"))
    meeting = meetings.get(actor, meeting_id)
    rows = checklist_rows(actor, meeting)
    mark = secrecy_mark(meeting.secrecy)
    title = f"{_heading(meeting)}全流程检点单"
    note = f"会议时间：{meeting.when_text}　地点：{meeting.place or '（未定）'}　阶段：{meeting.phase_text}"
    if suffix == ".xlsx":
        write_ledger(target, title, CHECKLIST_COLUMNS, rows, mark=mark, sheet_name="检点单", notes=[note])
    else:
        doc = _document(mark, landscape=True)
        _title(doc, title)
        _line(doc, note)
        _table(doc, CHECKLIST_COLUMNS, rows, 257)
        doc.save(str(target))
    audit_export(actor, f"会议检点单（{meeting.number_text}）", f"meeting:{meeting.id}", len(rows), str(target), mark)
    return target


def sign_in_rows(people: list[attendees.Attendee]) -> list[tuple]:
    return [(i, p.name, p.title, p.unit, "请假" if p.on_leave else "")
            for i, p in enumerate(people, start=1)]


def export_sign_in(actor, meeting_id: int, path: str | Path) -> Path:
    """签到表: 姓名, 职务, 单位 and an empty 签到 box, in 排序; those on leave marked 请假."""
    require(actor, READ_MEETINGS, "导出签到表")
    target, suffix = output_path(path, (".docx", ".xlsx"))
    meeting = meetings.get(actor, meeting_id)
    people = attendees.listed(actor, meeting.id)
    rows = sign_in_rows(people)
    counts = attendees.counts(people)
    mark = secrecy_mark(meeting.secrecy)
    title = f"{_heading(meeting)}签到表"
    lines = [f"时间：{meeting.when_text}　地点：{meeting.place or '（未定）'}",
             f"应到 {counts.expected} 人　实到 ____ 人　请假 {counts.on_leave} 人"]
    if suffix == ".xlsx":
        write_ledger(target, title, SIGN_IN_COLUMNS, rows, mark=mark, sheet_name="签到表", portrait=True, notes=lines)
    else:
        doc = _document(mark)
        _title(doc, title)
        for line in lines:
            _line(doc, line)
        _table(doc, SIGN_IN_COLUMNS, rows, 170, row_mm=11)
        doc.save(str(target))
    audit_export(actor, f"签到表（{meeting.number_text}）", f"meeting:{meeting.id}", len(rows), str(target), mark)
    return target


def export_notice(actor, meeting_id: int, path: str | Path) -> Path:
    """会议通知: time, place, participants, 议程, 报到, 回执 (a reply slip at the end)."""
    from docx.shared import Pt

    require(actor, READ_MEETINGS, "导出会议通知")
    target, _ = output_path(path, (".docx",))
    meeting = meetings.get(actor, meeting_id)
    people = [p for p in attendees.listed(actor, meeting.id)]
    topics = meetings.topics(actor, meeting.id)
    mark = secrecy_mark(meeting.secrecy)
    doc = _document(mark)
    _title(doc, f"关于召开{meeting.number_text}的通知")
    issuer = f"{meeting.org}办公室"  # the 落款: a notice is not addressed to the office that sends it
    units = list(dict.fromkeys(p.unit for p in people if p.unit and p.unit != issuer))
    _line(doc, ("、".join(units) if units else "各有关单位") + "：", indent=False)
    _line(doc, f"经研究，定于{meeting.when_text}召开{meeting.number_text}，{meeting.title}。现将有关事项通知如下：")
    _line(doc, "一、会议时间", font=LABEL_FONT)
    _line(doc, meeting.when_text)
    _line(doc, "二、会议地点", font=LABEL_FONT)
    _line(doc, meeting.place or "另行通知")
    _line(doc, "三、参会人员", font=LABEL_FONT)
    for zones, label in ((("主席台", "台下"), "出席"), (("列席",), "列席")):
        names = [f"{p.name}（{p.unit}{p.title}）" if p.unit or p.title else p.name for p in people if p.zone in zones]
        if names:
            _line(doc, f"{label}：{'、'.join(names)}")
    if meeting.host:
        _line(doc, f"会议由{meeting.host}同志主持。")
    _line(doc, "四、会议议程", font=LABEL_FONT)
    if topics:
        for i, topic in enumerate(topics, start=1):
            _line(doc, f"{i}. {topic.title}" + (f"（{topic.unit}汇报）" if topic.unit else ""))
    else:
        _line(doc, "（议程另行通知）")
    _line(doc, "五、有关要求", font=LABEL_FONT)
    _line(doc, f"1. 报到：{meeting.check_in or '请参会人员于会前10分钟到会场签到。'}")
    _line(doc, "2. 请假：参会人员原则上不得请假，确需请假的须经会议主持人同意；由他人代会的须书面申请。")
    if mark:
        _line(doc, "3. 保密：本次会议涉及国家秘密，手机等通信工具一律不得带入会场，会议材料会后统一收回。")
    _line(doc, f"{'4' if mark else '3'}. 回执：{meeting.reply_by or '请于会前1个工作日将回执报会务组。'}")
    if meeting.contact:
        _line(doc, f"联系人：{meeting.contact}")
    _line(doc, issuer, align="right")
    # the 落款 never alone on a page: the last line of the text goes with it. A blank line's room is space before,
    # not an empty paragraph: LibreOffice breaks a keep-with-next chain at an empty paragraph
    doc.paragraphs[-1].paragraph_format.space_before = Pt(26)
    for para in doc.paragraphs[-2:]:
        para.paragraph_format.keep_with_next = True
    _line(doc, f"{meeting.created_at.year}年{meeting.created_at.month}月{meeting.created_at.day}日", align="right")
    doc.add_page_break()
    _title(doc, "回　执")
    _line(doc, f"{meeting.number_text}（{meeting.when_text}）", indent=False)
    _table(doc, [("单位", 20), ("姓名", 8), ("职务", 12), ("联系电话", 12), ("备注", 10)],
           [("", "", "", "", "")] * 6, 170, row_mm=11)
    doc.save(str(target))
    audit_export(actor, f"会议通知（{meeting.number_text}）", f"meeting:{meeting.id}", len(people), str(target), mark)
    return target


def export_template(actor, name: str, path: str | Path) -> Path:
    """A type's current template as .xlsx, in the shape `import meeting-template` reads."""
    target, _ = output_path(path, (".xlsx",))
    template, items = templates.read(actor, templates.check_name(name))
    rows = [(i.phase, i.task, i.owner, i.deadline, "是" if i.required else "否", "是" if i.secret_only else "否")
            for i in items]
    write_ledger(target, f"{template.name}检点单", TEMPLATE_COLUMNS, rows, sheet_name="检点单模板",
                 notes=[f"第 {template.current} 版。时限写法：{EXAMPLES}。"])
    audit_export(actor, f"检点单模板「{template.name}」第 {template.current} 版", f"meeting_template:{template.id}",
                 len(rows), str(target))
    return target


# --- Word ---------------------------------------------------------------------------------------------------------

def _document(mark: str, landscape: bool = False):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    if mark:  # every page: the section header repeats
        _paragraph(section.header.paragraphs[0], mark, LABEL_FONT, 14)
    return doc


def _paragraph(para, text: str, font: str, size: float, align: str = "", bold: bool = False):
    """forms' one-run paragraph, its alignment named in a word ("center", "right")."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    aligned = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(align)
    return forms_paragraph(para, text, font, size, aligned, bold)


def _title(doc, text: str) -> None:
    from docx.shared import Pt

    para = _paragraph(doc.add_paragraph(), text, TITLE_FONT, 18, "center")
    para.paragraph_format.space_after = Pt(12)


def _line(doc, text: str, font: str = BODY_FONT, align: str = "", indent: bool = True) -> None:
    from docx.shared import Pt

    para = _paragraph(doc.add_paragraph(), text, font, 14, align)
    para.paragraph_format.line_spacing = Pt(26)
    if indent and not align:
        para.paragraph_format.first_line_indent = Pt(28)


def _table(doc, columns: list[tuple[str, int]], rows: list[tuple], width_mm: float, row_mm: float = 0) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.shared import Mm

    table = doc.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    total = sum(w for _, w in columns)
    widths = [Mm(width_mm * w / total) for _, w in columns]
    # a column of long text reads from the left, every cell of it: centring the short ones made a ragged column
    left = [any(len(str(r[i] or "")) > 12 for r in rows) for i in range(len(columns))]
    for values, bold in [([c for c, _ in columns], True)] + [(list(r), False) for r in rows]:
        row = table.add_row()  # add_row, not table.cell(): the latter is quadratic
        if row_mm:
            row.height, row.height_rule = Mm(row_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, value, width, ragged in zip(row.cells, values, widths, left, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _paragraph(cell.paragraphs[0], "" if value is None else str(value), LABEL_FONT if bold else BODY_FONT,
                       11, "" if ragged and not bold else "center", bold)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid (w:gridCol) LibreOffice reads
    rows_xml = table.rows[0]._tr
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.set(qn("w:val"), "true")
    rows_xml.get_or_add_trPr().append(header)
