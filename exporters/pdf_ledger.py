"""A ledger (台账) as a PDF for the print preview: landscape A4, the title, the highest 密级 top-left, the header
repeated on every page, 宋体-like CJK font embedded, 「第 N 页 共 M 页」 at the foot (DOMAIN.md §7, Ledgers)."""

from collections.abc import Sequence
from pathlib import Path

BODY_PT = 9
HEAD_PT = 9.5


def write_ledger_pdf(path: str | Path, title: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence],
                     mark: str = "") -> int:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from exporters.fonts import body_font, heading_font

    body, heading = body_font(), heading_font()
    cell = ParagraphStyle("cell", fontName=body, fontSize=BODY_PT, leading=BODY_PT * 1.3, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontName=heading, fontSize=HEAD_PT, alignment=TA_CENTER)
    title_style = ParagraphStyle("title", fontName=heading, fontSize=16, leading=22, alignment=TA_CENTER)
    mark_style = ParagraphStyle("mark", fontName=heading, fontSize=12, leading=16)
    page_width = landscape(A4)[0] - 24 * mm
    total = sum(width for _, width in columns) or 1
    widths = [page_width * width / total for _, width in columns]

    def text(value: object, style) -> Paragraph:
        return Paragraph(escape("" if value is None else str(value)).replace("\n", "<br/>"), style)

    data = [[text(label, head) for label, _ in columns]]
    data += [[text(value, cell) for value in row] for row in rows]
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))

    class NumberedCanvas(Canvas):
        """Draws 「第 N 页 共 M 页」 once the number of pages is known (pages are kept, then written)."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(body, 9)
                self.drawCentredString(landscape(A4)[0] / 2, 8 * mm, f"第 {self._pageNumber} 页 共 {count} 页")
                super().showPage()
            super().save()

    document = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                 topMargin=12 * mm, bottomMargin=15 * mm, title=title, author="三办")
    document.build([text(mark or " ", mark_style), text(title, title_style), Spacer(1, 3 * mm), table],
                   canvasmaker=NumberedCanvas)
    return len(rows)
