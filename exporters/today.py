"""The printable 今日待办: one A4 page (more only when the day holds more) grouped as the 今日 tab shows it, the date
and the user at the top, and the highest 密级 of the records on it top-left (DESIGN.md: every printed page that
holds a classified item carries it)."""

from datetime import date
from pathlib import Path
from typing import Any

from exporters.files import output_path
from models.core import settings
from models.core.due import LEVEL_LABELS, Level, day_text
from models.core.exports import audit_export
from models.core.today import EMPTY_TEXT, Agenda, agenda, weekday_text

BODY_PT = 10
LEVEL_COLOURS = {Level.RED: "#b3261e", Level.AMBER: "#9a6700"}  # print-safe red and amber, readable in grey too


def export_today(actor, path: str | Path, day: date | None = None) -> int:
    """The actor's 今日待办 for `day` (today by default) as a PDF; audited. Returns the number of items."""
    target, _ = output_path(path, (".pdf",))
    found = agenda(actor, day)
    write_today_pdf(target, found, f"{actor.display_name}（{actor.role_text()}）")
    audit_export(actor, f"{weekday_text(found.day)}今日待办", "today", found.count, str(target), found.mark)
    return found.count


def write_today_pdf(path: Path, found: Agenda, who: str) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from exporters.fonts import body_font, heading_font

    body, heading = body_font(), heading_font()
    cell = ParagraphStyle("cell", fontName=body, fontSize=BODY_PT, leading=BODY_PT * 1.3, wordWrap="CJK")
    mark_style = ParagraphStyle("mark", fontName=heading, fontSize=14, leading=18)
    title_style = ParagraphStyle("title", fontName=heading, fontSize=18, leading=24, alignment=TA_CENTER)
    line_style = ParagraphStyle("line", parent=cell, fontSize=11, leading=15, alignment=TA_CENTER)
    group_style = ParagraphStyle("group", fontName=heading, fontSize=12, leading=16, spaceBefore=8, spaceAfter=3)
    page_width, page_height = A4
    widths = [14 * mm, 62 * mm, 78 * mm, 26 * mm]  # 等级 | 事项 | 原因 | 期限: 180 mm, the page less its margins

    def text(value: str, style=cell) -> Paragraph:
        return Paragraph(escape(value).replace("\n", "<br/>"), style)

    office = settings.get_text("office_name")
    line = f"{weekday_text(found.day)}　　{who}" + (f"　　{found.summary()}" if found.count else "")
    story = [text(found.mark or " ", mark_style), text(f"{office}今日待办", title_style), text(line, line_style),
             Spacer(1, 3 * mm)]
    if not found.count:
        story.append(text(EMPTY_TEXT, ParagraphStyle("empty", parent=cell, fontSize=12, leading=18,
                                                      alignment=TA_CENTER, spaceBefore=20 * mm)))
    for group in found.groups:
        heading_text = f"{group.label}（{len(group.items)} 项" + (f"，逾期 {group.red} 项）" if group.red else "）")
        rows = [[text(t) for t in ("", "事项", "原因", "期限")]]
        style: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                 ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        for n, item in enumerate(group.items, start=1):
            level = ParagraphStyle(f"level{n}", parent=cell, fontName=heading,
                                   textColor=colors.HexColor(LEVEL_COLOURS[item.level]))
            due = day_text(item.due, found.day) if item.due else ""
            rows.append([text(LEVEL_LABELS[item.level], level), text(item.title), text(item.why), text(due)])
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        story += [KeepTogether([text(heading_text, group_style), table])] if len(rows) < 12 else \
            [text(heading_text, group_style), table]

    def every_page(canvas, document) -> None:
        canvas.setFont(body, 9)
        canvas.drawCentredString(page_width / 2, 8 * mm, f"第 {document.page} 页")
        if found.mark and document.page > 1:  # page 1 has it above the title
            canvas.setFont(heading, 14)
            canvas.drawString(15 * mm, page_height - 11 * mm, found.mark)

    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=15 * mm, bottomMargin=15 * mm, title=f"{office}今日待办", author="三办")
    document.build(story, onFirstPage=every_page, onLaterPages=every_page)
