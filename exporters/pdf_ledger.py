"""A ledger (台账) as a PDF for the print preview: landscape A4, the title, the highest 密级 top-left, the header
repeated on every page, 宋体-like CJK font embedded, 「第 N 页 共 M 页」 at the foot (DOMAIN.md §7, Ledgers)."""

from collections.abc import Sequence
from pathlib import Path

from exporters.xlsx_ledger import fitted_widths

BODY_PT = 9
PADDING = 6  # points, left + right
SHORT = 90  # points: a column whose longest entry fits in this keeps it on one line (dates, numbers, 状态)


def _column_widths(columns, rows, page_width: float, body: str, heading: str) -> list[float]:
    """Short columns get exactly what their longest entry needs; the long ones share the rest, as fitted."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    natural = []
    for index, (label, _) in enumerate(columns):
        longest = max((stringWidth(str(r[index] or ""), body, BODY_PT) for r in rows[:500]), default=0)
        natural.append(max(longest, stringWidth(label, heading, HEAD_PT)) + PADDING)
    if sum(natural) <= page_width:
        spare = page_width - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    fixed = {i: w for i, w in enumerate(natural) if w <= SHORT}
    fitted = fitted_widths(columns, rows)
    flexible = [i for i in range(len(columns)) if i not in fixed]
    room = page_width - sum(fixed.values())
    share = sum(fitted[i] for i in flexible) or 1
    return [fixed[i] if i in fixed else room * fitted[i] / share for i in range(len(columns))]
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
    widths = _column_widths(columns, rows, page_width, body, heading)

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
