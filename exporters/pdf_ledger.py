"""A ledger (台账) as a PDF for the print preview: landscape A4, the title, top-left on each page the highest 密级 of
the rows printed on it (of the whole ledger when it has no 密级 column),
the header repeated on every page, CJK font embedded, 「第 N 页 共 M 页」 at the foot (DOMAIN.md §7, Ledgers).

Body 10 pt: long columns wrap rather than shrink. A row taller than a page cannot be laid out (reportlab raises
LayoutError), so its long cells are cut where the page ends and continue in a row whose first cell says 「（续）」.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from exporters.xlsx_ledger import EMPTY, code_like, fitted_widths

BODY_PT = 10
HEAD_PT = 10.5
PADDING = 6  # points, left + right
SHORT = 90  # points: a column whose longest entry fits in this keeps it on one line (dates, numbers, 状态)
CELL_PAD = 3  # points above and below a cell's text (reportlab's default)
LEVELS = ("秘密", "机密", "绝密")  # lowest first


def _column_widths(columns, rows, page_width: float, body: str, heading: str) -> list[float]:
    """Short columns get exactly what their longest entry needs; the long ones share the rest, as fitted."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    natural = []
    for index, (label, _) in enumerate(columns):
        longest = max((stringWidth(str(r[index] or ""), body, BODY_PT) for r in rows[:500] if index < len(r)),
                      default=0)
        natural.append(max(longest, stringWidth(label, heading, HEAD_PT)) + PADDING)
    if sum(natural) <= page_width:
        spare = page_width - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    sample = rows[:500]
    # short columns, and columns of codes (文号, 编号, dates) up to twice that, keep their width: never wrapped
    fixed = {i: w for i, w in enumerate(natural)
             if w <= SHORT or (w <= 2 * SHORT and code_like([r[i] for r in sample if i < len(r)]))}
    fitted = fitted_widths(columns, rows)
    flexible = [i for i in range(len(columns)) if i not in fixed]
    room = page_width - sum(fixed.values())
    share = sum(fitted[i] for i in flexible) or 1
    return [fixed[i] if i in fixed else room * fitted[i] / share for i in range(len(columns))]


def split_row(cells: list, widths: Sequence[float], limit: float, first_label=None,
              first_room: float | None = None) -> list[list]:
    """The row of Paragraphs as rows no taller than `limit` points (the first one no taller than `first_room`, what
    is left of the current page): each cell taller than that is cut where the limit falls and goes on in the next
    row; `first_label(n)` makes the first cell of continuation row n."""
    inner = [w - 4 for w in widths]  # less the cell's left and right padding
    heights = [c.wrap(w, 1e9)[1] for c, w in zip(cells, inner, strict=True)]
    if max(heights) <= limit - 2 * CELL_PAD:
        return [cells]
    pending: list = list(cells)
    rows: list[list] = []
    while pending:
        room = (first_room if first_room is not None and not rows else limit) - 2 * CELL_PAD
        line: list = []
        rest: list = []
        more = False
        for cell, width in zip(pending, inner, strict=True):
            if cell is None:
                line.append("")
                rest.append(None)
                continue
            if cell.wrap(width, 1e9)[1] <= room:
                line.append(cell)
                rest.append(None)
                continue
            head, *tail = cell.split(width, room) or [cell]
            line.append(head)
            rest.append(tail[0] if tail else None)
            more = more or bool(tail)
        rows.append(line)
        if not more:
            break
        pending = rest
        if first_label is not None and pending[0] is None:
            pending[0] = first_label(len(rows))
    return rows


def write_ledger_pdf(path: str | Path, title: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence],
                     mark: str = "") -> int:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    from exporters.fonts import body_font, heading_font, markup, title_font

    count = len(rows)
    rows = list(rows) or [(EMPTY,) + ("",) * (len(columns) - 1)]
    body, heading = body_font(), heading_font()
    cell = ParagraphStyle("cell", fontName=body, fontSize=BODY_PT, leading=BODY_PT * 1.3, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, fontName=heading, fontSize=HEAD_PT, alignment=TA_CENTER)
    title_style = ParagraphStyle("title", fontName=title_font(), fontSize=16, leading=22, alignment=TA_CENTER)
    mark_style = ParagraphStyle("mark", fontName=heading, fontSize=12, leading=16)
    page_width, page_height = landscape(A4)
    top, bottom = 16 * mm, 15 * mm
    widths = _column_widths(columns, rows, page_width - 24 * mm, body, heading)

    def text(value: object, style) -> Paragraph:
        return Paragraph(markup("" if value is None else str(value), style.fontName), style)

    header = [text(label, head) for label, _ in columns]
    header_height = max(p.wrap(w - 4, 1e9)[1] for p, w in zip(header, widths, strict=True)) + 2 * CELL_PAD
    frame = page_height - top - bottom - 12  # reportlab's frame keeps 6 pt of padding top and bottom
    limit = frame - header_height - 4  # a row on a page of its own, under the repeated header
    opening = [Spacer(1, mark_style.leading), text(title, title_style), Spacer(1, 4 * mm)]  # 密级: drawn per page
    # each printed row's 密级 (a continuation row has its row's), read from the ledger's 密级 column
    secrecy_column = next((i for i, (label, _) in enumerate(columns) if label == "密级"), None)
    row_levels: dict[int, str] = {}
    page_levels: dict[int, set[str]] = {}
    used = sum(f.wrap(page_width, 1e9)[1] for f in opening) + header_height  # how far down the page the table is
    data = [header]
    for row in rows:
        cells = [text(value, cell) for value in row]
        first = row[0] if row else ""
        left = frame - used - 4
        # a tall row starts on this page when a few lines still fit here, else on the next page
        pieces = split_row(cells, widths, limit, lambda n, first=first: text(f"{first}（续）", cell),
                           left if left > 4 * BODY_PT * 1.3 + 2 * CELL_PAD else None)
        for piece in pieces:
            height = max(p.wrap(w - 4, 1e9)[1] for p, w in zip(piece, widths, strict=True) if p) + 2 * CELL_PAD
            used = header_height + height if used + height > frame else used + height
        if secrecy_column is not None:
            level = str(row[secrecy_column] or "").split("★")[0]
            if level in LEVELS:
                # by the cells' identity: reportlab's Table copies the row lists but keeps their Paragraphs
                row_levels.update((id(c), level) for piece in pieces for c in piece if not isinstance(c, str))
        data += pieces
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))

    class NumberedCanvas(Canvas):
        """Draws 「第 N 页 共 M 页」 once the number of pages is known (pages are kept, then written)."""

        # reportlab's own, which its stubs leave out: the page's drawing operators, its number, the next page
        _code: list[str]
        _pageNumber: int  # noqa: N815 - reportlab's name
        _startPage: Callable[[], None]  # noqa: N815 - reportlab's name

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                here = page_mark(self._pageNumber)
                if here:  # page 1 has it above the title, the others at the top of the page
                    # known only now that the page is laid out, but moved to the front of the page's drawing so
                    # that it reads first (text extraction, screen readers), as it prints
                    start = len(self._code)
                    self.setFont(heading, 12)
                    self.drawString(12 * mm, page_height - (top + 6 + 12 if self._pageNumber == 1 else 11 * mm), here)
                    drawn = self._code[start:]
                    del self._code[start:]
                    self._code[0:0] = drawn
                self.setFont(body, 9)
                self.drawCentredString(page_width / 2, 8 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
                super().showPage()
            super().save()

    class Document(SimpleDocTemplate):
        def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab's name
            """The part of the table just drawn: note the 密级 of its rows for this page."""
            for line in getattr(flowable, "_cellvalues", ()):
                # a drawn cell holds its Paragraph in a tuple (reportlab's _ExpandedCellTuple)
                found = {row_levels[id(p)] for c in line for p in (c if isinstance(c, (tuple, list)) else (c,))
                         if id(p) in row_levels}
                page_levels.setdefault(self.page, set()).update(found)

    def page_mark(page: int) -> str:
        """The highest 密级 of the rows on `page` when the ledger has a 密级 column, else the ledger's."""
        if secrecy_column is None:
            return mark
        return max(page_levels.get(page, ()), key=LEVELS.index, default="")

    document = Document(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                        topMargin=top, bottomMargin=bottom, title=title, author="三办")
    document.build([*opening, table], canvasmaker=NumberedCanvas)
    return count
