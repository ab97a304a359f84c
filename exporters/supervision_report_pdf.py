"""The 督查通报 as a PDF, for the program's print preview: portrait A4, the highest 密级 of the items it names top-left
on every page, the title, the summary, the figures per 牵头单位 with 合计, then the overdue items by unit (the header
repeated across pages), 「第 N 页 共 M 页」 at the foot. The .docx (with the letterhead) is the 通报 that is issued;
this is what the page prints."""

from collections.abc import Sequence
from pathlib import Path

from exporters.pdf_ledger import CELL_PAD

FIGURE_WIDTHS = (42, 16, 16, 18, 18, 20, 21, 21)  # mm, 172: the frame keeps 6 pt a side
OVERDUE_HEAD = ("牵头单位", "督办编号", "督办事项", "办结时限", "逾期")  # as exporters.supervision.overdue_rows
OVERDUE_WIDTHS = (32, 28, 62, 26, 24)  # 逾期 「85个工作日」 on one line


def write_report_pdf(path: str | Path, mark: str, title: str, summary: str,
                     figure_head: Sequence[str], figure_rows: Sequence[Sequence], overdue_rows: Sequence[Sequence]
                     ) -> int:
    """Write the PDF; returns its number of pages."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from exporters.fonts import body_font, heading_font, markup, title_font

    body, heading = body_font(), heading_font()
    cell = ParagraphStyle("cell", fontName=body, fontSize=10, leading=13, wordWrap="CJK")
    centred = ParagraphStyle("centred", parent=cell, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=centred, fontName=heading, fontSize=10.5)
    text_style = ParagraphStyle("text", fontName=body, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    part = ParagraphStyle("part", fontName=heading, fontSize=12, leading=20, spaceBefore=8, spaceAfter=4)
    title_style = ParagraphStyle("title", fontName=title_font(), fontSize=18, leading=26, alignment=TA_CENTER)

    def para(value: object, style) -> Paragraph:
        return Paragraph(markup("" if value is None else str(value), style.fontName), style)

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                       ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD),
                       ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)])

    def table(head_row: Sequence[str], rows: Sequence[Sequence], widths: Sequence[int], first_left: bool):
        data = [[para(v, head) for v in head_row]]
        data += [[para(v, cell if first_left and i in (0, 2) else centred) for i, v in enumerate(row)] for row in rows]
        built = LongTable(data, colWidths=[w * mm for w in widths], repeatRows=1)
        built.setStyle(grid)
        return built

    first_seen = {row[0]: n for n, row in reversed(list(enumerate(overdue_rows)))}
    overdue_rows = sorted(overdue_rows, key=lambda row: first_seen[row[0]])  # by unit, as the 通报 lists them

    def story() -> list:  # made anew for each layout: reportlab splits the flowables it is given
        return [Spacer(1, 8 * mm), para(title, title_style), Spacer(1, 6 * mm), para(summary, text_style),
                Spacer(1, 4 * mm), table(figure_head, figure_rows, FIGURE_WIDTHS, first_left=False),
                para(f"逾期未办结事项（{len(overdue_rows)}件）", part),
                table(OVERDUE_HEAD, overdue_rows, OVERDUE_WIDTHS, first_left=True) if overdue_rows
                else para("无。", text_style)]

    def build(total: int | None) -> int:
        pages: list[int] = []

        def decorate(canvas, document) -> None:
            canvas.saveState()
            if mark:
                canvas.setFont(heading, 12)
                canvas.drawString(16 * mm, A4[1] - 14 * mm, mark)
            canvas.setFont(body, 9)
            page = canvas.getPageNumber()
            pages.append(page)
            foot = f"第 {page} 页 共 {total} 页" if total else f"第 {page} 页"
            canvas.drawCentredString(A4[0] / 2, 10 * mm, foot)
            canvas.restoreState()

        document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                                     topMargin=18 * mm, bottomMargin=18 * mm, title=title, author="三办")
        document.build(story(), onFirstPage=decorate, onLaterPages=decorate)
        return len(pages)

    total = build(None)  # a bulletin is short: lay it out once to count its pages, then with 「共 M 页」
    return build(total)
