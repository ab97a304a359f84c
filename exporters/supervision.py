"""The 督办 exports (DOMAIN.md §5.3): the 督查台账 (.xlsx/.pdf, landscape), the 督办单 at an item's level
(.docx/.pdf, one per page, each issue logged) and the 督查通报 as of a day (.xlsx/.docx). All audited, each page
carrying the highest 密级 of what it shows."""

from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path

from exporters import forms
from exporters.files import output_path
from exporters.xlsx_ledger import write_ledger
from models.core import clock, settings
from models.core.db import DB
from models.core.exports import audit_export
from models.documents.terms import highest_secrecy
from models.supervision import reports, urging, views
from models.supervision.items import RECORDS, SupervisionItem, SupervisionSlip
from models.supervision.ledger import _source

LEDGER_COLUMNS = [("督办编号", 14), ("来源", 10), ("督办事项", 36), ("牵头单位", 14), ("责任人", 8),
                  ("交办日期", 11), ("办结时限", 11), ("原办结时限", 11), ("状态", 8), ("督办等级", 6), ("提示", 26)]
REPORT_COLUMNS = [("牵头单位", 24), ("交办", 10), ("已到期", 10), ("按期办结", 10), ("逾期办结", 10),
                  ("逾期未办结", 10), ("按期办结率", 12), ("按原时限计\n按期办结率", 12)]
# the same in the .docx: mm of the 156 mm type area at 10.5 pt, each header broken between words (at 12 pt in
# proportional widths they broke inside them: 「逾期/未办/结」)
DOCX_REPORT_COLUMNS = [("牵头单位", 47), ("交办", 12), ("已到期", 16), ("按期\n办结", 13), ("逾期\n办结", 13),
                       ("逾期\n未办结", 16), ("按期\n办结率", 16), ("按原时限计\n按期办结率", 23)]
OVERDUE_COLUMNS = [("牵头单位", 24), ("督办编号", 20), ("督办事项", 30), ("办结时限", 12), ("逾期", 12)]


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def due_text(due: date, original: date) -> str:
    """办结时限 in force, with the original beside it when an approved 延期 moved it."""
    return f"{due}" if due == original else f"{due}（原 {original}）"


# --- 督查台账 --------------------------------------------------------------------------------------------------

def ledger_rows(lines: Sequence[reports.LedgerLine]) -> list[tuple]:
    return [(i.number, i.source_type + (f"\n{i.source_no}" if i.source_no else ""), i.title, i.lead_unit, i.handler,
             f"{i.assigned_on}", f"{i.due_date}", f"{i.due_original}" if i.extended else "", line.status,
             line.signal.colour,
             line.signal.reason) for line in lines for i in (line.item,)]


def export_ledger(actor, path: str | Path, as_of: date | None = None, year: int | None = None) -> int:
    """The 督查台账 as of a day (today unless given), every item or those of `year`; .xlsx, or .pdf to print."""
    target, suffix = output_path(path, (".xlsx", ".pdf"))
    day = as_of or clock.today()
    lines = reports.ledger_lines(actor, day, year)
    if day < clock.today():  # as of a past day: the items given out by then (their state is today's)
        lines = [line for line in lines if line.item.assigned_on <= day]
    rows = ledger_rows(lines)
    mark = highest_secrecy(line.item.secrecy for line in lines)
    title = f"{settings.get_text('office_name')}{f'{year}年' if year else ''}督查台账（截至{_day(day)}）"
    if suffix == ".pdf":
        from exporters.pdf_ledger import write_ledger_pdf

        count = write_ledger_pdf(target, title, LEDGER_COLUMNS, rows, mark)
    else:
        count = write_ledger(target, title, LEDGER_COLUMNS, rows, mark, "督查台账")
    audit_export(actor, f"督查台账（截至{day:%Y-%m-%d}）", "supervision-ledger", count, str(target), mark)
    return count


# --- 督办单 -----------------------------------------------------------------------------------------------

def slip_values(item: SupervisionItem, slip: SupervisionSlip, office: str) -> dict:
    """The names a 督办单 template may use, as printed."""
    limit = slip.limit_date or item.due_date
    return {
        "title": f"{slip.colour}色督办单", "slip_no": slip.number, "number": item.number,
        "issued": _day(slip.issued_on),
        "item": item.title, "source": _source(item),
        "instruction": f"{item.leader}：{item.instruction}".strip("：") if item.leader or item.instruction else "",
        "lead_unit": item.lead_unit, "handler": item.handler, "co_units": item.co_units or "无",
        "due": due_text(item.due_date, item.due_original), "limit": f"{limit}",
        "reason": slip.reason, "requirement": item.requirement,
        "feedback": f"请于{_day(limit)}前将办理情况书面报送{office}督查室；逾期未能办结的，须说明原因、"
                    "提出下一步措施和完成时限。",
        "signer": slip.signer, "office": office, "secrecy": highest_secrecy([item.secrecy]),
    }


def slip_form(v: dict) -> forms.Form:
    """督办单 (DOMAIN.md §5.3): 编号, 事项, 来源 and 批示, 牵头/配合, 时限, 要求, 反馈要求, 督查室 签发."""
    C, R = forms.Cell, forms.Row

    def label(text: str) -> forms.Cell:
        return C(text, label=True)

    sign = "　".join(p for p in (f"签发人：{v['signer']}" if v["signer"] else "", f"{v['office']}督查室（盖章）") if p)
    return forms.Form("supervision-slip", v["title"], (26, 52, 26, 52), [
        R([label("督办编号"), C(v["number"], keep=True), label("签发日期"), C(v["issued"], keep=True)]),
        R([label("督办事项"), C(v["item"], 3)], 18),
        R([label("来　　源"), C(v["source"], 3)]),
        R([label("领导批示"), C(v["instruction"], 3)], 22),
        R([label("牵头单位"), C(v["lead_unit"]), label("责 任 人"), C(v["handler"])]),
        R([label("配合单位"), C(v["co_units"], 3)]),
        R([label("办结时限"), C(v["due"], keep=True), label("督办限期"), C(v["limit"], keep=True)]),
        R([label("督办事由"), C(v["reason"], 3)], 16),
        R([label("办理要求"), C(v["requirement"], 3)], 22),
        R([label("反馈要求"), C(v["feedback"], 3)], 18),
        R([label("督 查 室\n签　　发"), C("", 3, sign=f"{sign}\n{v['issued']}")], forms.SEAL_MM),
    ], mark=v["secrecy"], subtitle_right=v["slip_no"], reference=f"{v['slip_no']}　{v['number']}")


def export_slip(actor, item_id: int, path: str | Path, level: object = None, limit_date: object = None,
                signer: str = "", reason: str = "") -> SupervisionSlip:
    """签发 a 督办单 at the item's level today (or `level`) and write it, or neither: a wrong target is refused before
    a number is taken, and a write that fails gives the number back (one transaction). The issue is logged by the
    models (its 督办单 row, the item's history, the audit) and the file is audited as an export."""
    output_path(path, (".docx", ".pdf"))
    RECORDS.get(item_id)  # 「没有编号为 N 的督办事项」 before anything else
    with DB.atomic():
        slip = urging.issue_slip(actor, item_id, level, limit_date, signer, reason)[0]
        write_slip(actor, slip.id, path)
    return slip


def write_slip(actor, slip_id: int, path: str | Path) -> Path:
    """A 督办单 already issued, written again as it was issued (另存为, a reprint): audited, not issued anew."""
    target, suffix = output_path(path, (".docx", ".pdf"))
    slip = next(s for s in urging.slips(actor, SupervisionSlip.get_by_id(slip_id).item_id) if s.id == slip_id)
    values = slip_values(RECORDS.get(slip.item_id), slip, settings.get_text("office_name"))
    form = slip_form(values)
    if suffix == ".docx":
        forms.write_docx(form, values, target)
    else:
        forms.write_pdf(form, target)
    audit_export(actor, f"{values['title']}（{slip.number}，{values['number']}）",
                 f"supervision-slip:{slip.item_id}", 1, str(target), form.mark)
    return target


# --- 督查通报 ---------------------------------------------------------------------------------------------

def figure_row(f: reports.Figures) -> tuple:
    return (f.unit, f.assigned, f.due, f.on_time, f.late_closed, f.late_open, f.rate_text, f.rate_original_text)


def overdue_rows(bulletin: reports.Bulletin) -> list[tuple]:
    return [(o.lead_unit, o.number, o.title, due_text(o.due_date, o.due_original),
             f"{o.late_workdays}个工作日") for o in bulletin.overdue]


def report_title(as_of: date) -> str:
    return f"关于截至{_day(as_of)}督办事项办理情况的通报"


def summary(bulletin: reports.Bulletin) -> str:
    t = bulletin.total
    return (f"截至{_day(bulletin.as_of)}，共交办督办事项{t.assigned}件，其中已到办结时限{t.due}件：按期办结"
            f"{t.on_time}件，逾期办结{t.late_closed}件，逾期未办结{t.late_open}件，按期办结率{t.rate_text}"
            f"（按原定时限计{t.rate_original_text}）。")


def export_report(actor, as_of: date, path: str | Path) -> int:
    """督查通报 as of `as_of`: figures per 牵头单位 and 合计, then the overdue items by unit (.xlsx, .docx, .pdf)."""
    target, suffix = output_path(path, (".xlsx", ".docx", ".pdf"))
    bulletin = reports.bulletin(actor, as_of)
    mark = highest_secrecy(views.secrecy_of(actor, (o.id for o in bulletin.overdue)))
    if suffix == ".xlsx":
        _report_xlsx(bulletin, target, mark)
    elif suffix == ".pdf":  # what the 督查通报 page prints through the preview
        from exporters.supervision_report_pdf import write_report_pdf

        write_report_pdf(target, mark, report_title(as_of), summary(bulletin),
                         [label.replace("\n", "") for label, _ in REPORT_COLUMNS],
                         [figure_row(f) for f in bulletin.rows] + [figure_row(bulletin.total)], overdue_rows(bulletin))
    else:
        _report_docx(bulletin, target, mark)
    audit_export(actor, f"督查通报（截至{as_of:%Y-%m-%d}）", "supervision-report", len(bulletin.rows), str(target),
                 mark)
    return len(bulletin.rows)


# The 通报 sheet's grid (characters): the figures use a column each; the overdue items span some of them.
REPORT_WIDTHS = (24, 10, 10, 10, 10, 10, 12, 12)
OVERDUE_SPANS = (1, 2, 3, 1, 1)  # 牵头单位 | 督办编号 | 督办事项 | 办结时限 | 逾期


def _report_xlsx(bulletin: reports.Bulletin, path: Path, mark: str) -> None:
    """One landscape sheet: the figures with 合计, then the overdue items by unit under them on the same grid (a
    short sheet: a normal workbook, so the second table can merge cells)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    from exporters.xlsx_ledger import FONT, GRID, page_marks, row_height

    book = Workbook()
    sheet = book.worksheets[0]  # the one a new workbook has (`active` may also be a chart sheet, or none)
    sheet.title = "督查通报"
    count = len(REPORT_WIDTHS)
    for n, width in enumerate(REPORT_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", "9"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top, sheet.page_margins.bottom = 0.9, 0.7
    page_marks(sheet, mark)
    body, bold = Font(name=FONT, size=10.5), Font(name=FONT, size=11, bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(vertical="center", wrap_text=True)
    # merged ranges are set once at the end: openpyxl's merge_cells checks each new range against all the others
    # (2,000 overdue items took 11 s); the covered cells here hold only their border, as merge_cells leaves them
    merged: list[CellRange] = []

    def put(row: int, values: Sequence, spans: Sequence[int], font: Font, wrap_left: bool = False) -> None:
        col, widths = 1, []
        for value, span in zip(values, spans, strict=True):
            cell = sheet.cell(row, col, value)
            cell.font = font
            cell.alignment = left if wrap_left and isinstance(value, str) and len(value) > 8 else centre
            for n in range(col, col + span):
                sheet.cell(row, n).border = GRID
            if span > 1:
                merged.append(CellRange(min_col=col, min_row=row, max_col=col + span - 1, max_row=row))
            widths.append(sum(REPORT_WIDTHS[col - 1:col - 1 + span]))
            col += span
        sheet.row_dimensions[row].height = row_height([str(v) for v in values], widths)

    def heading(row: int, text: str, font: Font, height: float, align: str = "center") -> None:
        merged.append(CellRange(min_col=1, min_row=row, max_col=count, max_row=row))
        cell = sheet.cell(row, 1, text)
        cell.font, cell.alignment = font, Alignment(horizontal=align, vertical="center")
        sheet.row_dimensions[row].height = height

    ones = (1,) * count
    sheet.cell(1, 1, mark).font = Font(name="黑体", size=14, bold=True)
    heading(2, f"{settings.get_text('office_name')}督查通报", Font(name="黑体", size=18), 34)
    heading(3, report_title(bulletin.as_of), Font(name=FONT, size=12), 22)
    put(4, [label for label, _ in REPORT_COLUMNS], ones, bold)
    row = 5
    for f in (*bulletin.rows, bulletin.total):
        put(row, figure_row(f), ones, bold if f is bulletin.total else body)
        row += 1
    heading(row + 1, f"逾期未办结事项（{len(bulletin.overdue)}件，按牵头单位）", Font(name="黑体", size=12), 26, "left")
    row += 2
    put(row, [label for label, _ in OVERDUE_COLUMNS], OVERDUE_SPANS, bold)
    for values in overdue_rows(bulletin) or [("（无）", "", "", "", "")]:
        row += 1
        put(row, values, OVERDUE_SPANS, body, wrap_left=True)
    sheet.merged_cells = MultiCellRange(merged)
    book.save(path)  # no repeated header row: the sheet holds two tables, each with its own


def _report_docx(bulletin: reports.Bulletin, path: Path, mark: str) -> None:
    """The 通报 as the office sends it: the red 版头 with its letterhead words, the title, a summary paragraph, the
    table, and the overdue items by unit."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Mm

    from exporters.duty_sheets import MASTHEAD_PT, RED, SMALL_PT, TEXT_PT, _rule, sheet_line
    from exporters.forms import BODY_FONT, LABEL_FONT, MARGINS_MM, TITLE_FONT, later_pages

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"] - 12), Mm(MARGINS_MM["bottom"] - 10)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    width_mm = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]

    line = partial(sheet_line, doc)

    masthead = settings.get_text("sv_masthead")
    later_pages(section, mark, "", SMALL_PT)
    line(mark, LABEL_FONT, TEXT_PT, paragraph=doc.paragraphs[0] if doc.paragraphs else None)
    line("　".join(masthead) if len(masthead) <= 4 else masthead, TITLE_FONT, MASTHEAD_PT, WD_ALIGN_PARAGRAPH.CENTER,
         RED)
    issuer = line(settings.get_text("office_name") + settings.get_text("sv_issuer"), BODY_FONT, SMALL_PT)
    issuer.paragraph_format.tab_stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT)
    line("\t" + _day(clock.today()), BODY_FONT, SMALL_PT, paragraph=issuer)
    _rule(issuer, RED, 18)
    line()
    line(report_title(bulletin.as_of), TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, spacing=1.4)
    line()
    line(summary(bulletin), indent=True)
    line("一、各牵头单位办理情况", LABEL_FONT, indent=True).paragraph_format.keep_with_next = True
    _docx_table(doc, DOCX_REPORT_COLUMNS, [figure_row(f) for f in bulletin.rows] + [figure_row(bulletin.total)],
                width_mm, line)
    line()
    line("二、逾期未办结事项", LABEL_FONT, indent=True).paragraph_format.keep_with_next = True
    if not bulletin.overdue:
        line("无。", indent=True)
    unit, number = None, 0
    chinese = "一二三四五六七八九十"
    for o in bulletin.overdue:
        if o.lead_unit != unit:
            unit, number = o.lead_unit, number + 1
            count = sum(1 for x in bulletin.overdue if x.lead_unit == unit)
            head = f"（{chinese[number - 1]}）" if number <= 10 else f"（{number}）"
            line(f"{head}{unit}（{count}件）", BODY_FONT, indent=True).paragraph_format.keep_with_next = True
        extended = f"，原时限{o.due_original}" if o.extended else ""
        line(f"{o.number}　{o.title}（办结时限{o.due_date}{extended}，已逾期{o.late_workdays}个工作日）", indent=True)
    line()
    line("请上述单位高度重视，抓紧办理，于5个工作日内将办理情况和逾期原因书面报送督查室。", indent=True)
    doc.save(str(path))


def _docx_table(doc, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence], width_mm: float, line) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    from exporters.forms import BODY_FONT, LABEL_FONT

    table = doc.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(w for _, w in columns)
    widths = [Mm(width_mm * w / total) for _, w in columns]
    for values, font in [([c for c, _ in columns], LABEL_FONT)] + [(list(r), BODY_FONT) for r in rows]:
        cells = table.add_row().cells  # add_row, not table.cell(): the latter is quadratic
        if font == LABEL_FONT:  # the header row repeats on every page
            table.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        bold = values[0] == reports.TOTAL
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            line(str(value), LABEL_FONT if bold else font, 10.5, WD_ALIGN_PARAGRAPH.CENTER,
                 paragraph=cell.paragraphs[0], spacing=1.3)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid (w:gridCol) LibreOffice reads
