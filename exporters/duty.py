"""The 值班 exports: the month's 值班表 (.xlsx/.docx), the 值班要情 and the 值班快报 (.pdf/.docx). All audited."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from exporters import duty_sheets
from exporters.files import output_path
from exporters.xlsx_ledger import write_ledger
from models.core import settings
from models.core.db import DB
from models.core.errors import ValidationError
from models.core.exports import audit_export
from models.core.rights import require
from models.duty import brief as duty_brief
from models.duty import roster
from models.duty.manifest import READ_DUTY
from models.duty.terms import month_day

ROSTER_NOTE = f"说明：如需调班，请提前{roster.SWAP_NOTICE_DAYS}日报办公室同意。"


def parse_month(text: str | None) -> tuple[int, int]:
    """「2026-12」 or 「2026年12月」 → (2026, 12)."""
    import re

    match = re.match(r"^\s*((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*月?\s*$", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError("month", f"月份「{text or ''}」看不懂，请写成「2026-12」。")
    return int(match.group(1)), int(match.group(2))


def roster_table(actor, year: int, month: int) -> tuple[list[tuple[str, int]], list[tuple], list[str]]:
    """(columns, rows, notes): phones go in a contact list under the table, as offices print it, not per day."""
    names = roster.shift_names()
    officer_labels = list(names) if len(names) > 1 else ["值班人员"]
    columns = [("日期", 12), ("星期", 6), ("带班领导", 12)] + [(n, 12) for n in officer_labels] + [("备注", 22)]
    rows, phones = [], {}
    for day in roster.month(actor, year, month):
        phones.update(day.phones)
        note = "；".join(p for p in (day.holiday, day.note, *day.changes) if p)
        rows.append((month_day(day.day), day.weekday, day.leader,
                     *["、".join(day.officers.get(n, [])) for n in names], note))
    # a no-break space keeps a name with its number where the line wraps (it broke as 「赵值班/13808710011」)
    contacts = [f"{n}\xa0{p}" for n, p in sorted(phones.items(), key=lambda item: item[0])]
    # three to a line: four overran a portrait line in LibreOffice, which then broke a number
    notes = ["联系电话：" + "　".join(contacts[i:i + 3]) if i == 0 else "　　　　　" + "　".join(contacts[i:i + 3])
             for i in range(0, len(contacts), 3)]
    return columns, rows, notes + [ROSTER_NOTE]


def export_roster(actor, month_text: str, path: str | Path) -> Path:
    require(actor, READ_DUTY, "导出值班表")
    target, suffix = output_path(path, (".xlsx", ".docx"))
    year, month = parse_month(month_text)
    columns, rows, notes = roster_table(actor, year, month)
    title = f"{settings.get_text('office_name')}{year}年{month}月值班安排表"
    if suffix == ".xlsx":
        write_ledger(target, title, columns, rows, sheet_name=f"{year}年{month}月", portrait=True, notes=notes)
    else:
        _roster_docx(target, title, columns, rows, notes)
    audit_export(actor, f"{year}年{month}月值班表", f"roster:{year}-{month:02d}", len(rows),
                 str(target))
    return target


def _roster_docx(path: Path, title: str, columns: list[tuple[str, int]], rows: list[tuple], notes: list[str]) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from exporters.forms import BODY_FONT, TITLE_FONT, _east_asian

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(15)

    def write(paragraph, text: str, font: str, size: float, bold: bool = False) -> None:
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.font.size, run.bold = Pt(size), bold
        _east_asian(run, font)

    heading = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    write(heading, title, TITLE_FONT, 18)
    table = doc.add_table(rows=0, cols=len(columns))
    table.style = "Table Grid"
    total = sum(w for _, w in columns)
    widths = [Mm(180 * w / total) for _, w in columns]
    for values, bold in [([c for c, _ in columns], True)] + [(list(r), False) for r in rows]:
        cells = table.add_row().cells  # add_row, not table.cell(): the latter is quadratic
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            para = cell.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            write(para, str(value or ""), BODY_FONT, 10.5, bold)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid (w:gridCol) LibreOffice reads
    for note in notes:
        write(doc.add_paragraph(), note, BODY_FONT, 10.5)
    doc.save(str(path))


def _write_sheet(brief: duty_brief.DutyBrief, target: Path, suffix: str) -> None:
    sheet = duty_sheets.sheet_for(brief, settings.get_text("office_name"))
    if suffix == ".pdf":
        duty_sheets.write_pdf(sheet, target)
    else:
        duty_sheets.write_docx(sheet, target)


BRIEF_SUFFIXES = (".pdf", ".docx")


def export_brief(actor, brief_id: int, path: str | Path) -> Path:
    """A saved 值班要情 or 值班快报, exactly as numbered and worded; audited as a print."""
    require(actor, READ_DUTY, "打印值班要情")
    target, suffix = output_path(path, BRIEF_SUFFIXES)
    brief = duty_brief.get(actor, brief_id)
    _write_sheet(brief, target, suffix)
    mark = brief.secrecy if brief.secrecy != "非密" else ""
    audit_export(actor, f"{duty_brief.KINDS[brief.kind]}{brief.number_text}（{brief.day:%Y-%m-%d}）",
                 f"duty_brief:{brief.id}", len(brief.item_list), str(target), mark)
    return target


def export_numbered(actor, make: Callable[[], duty_brief.DutyBrief], path: str | Path) -> Path:
    """Number a brief (`make`: the day's 值班要情 or an entry's 快报) and write it, or neither: a wrong target is
    refused before a 期号 is taken, and a write that fails anyway gives the number back (one transaction)."""
    output_path(path, BRIEF_SUFFIXES)
    with DB.atomic():
        return export_brief(actor, make().id, path)


def brief_for_day(actor, day: date) -> duty_brief.DutyBrief:
    """The day's 值班要情 for the CLI: the one printed before, else numbered now from the log as drafted."""
    draft = duty_brief.draft_brief(actor, day)
    return draft.brief or duty_brief.save(actor, draft)


def flash_for_entry(actor, entry_id: int) -> duty_brief.DutyBrief:
    draft = duty_brief.draft_flash(actor, entry_id)
    return draft.brief or duty_brief.save(actor, draft)
