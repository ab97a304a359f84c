"""Print-ready ledgers (台账) as .xlsx: landscape A4, a title row, the header repeated on every page and frozen on
screen, fitted column widths, 宋体, 「第 N 页 共 M 页」 in the footer, and the highest 密级 top-left.

Written in openpyxl's write-only mode with named styles: setting a Font or Border object on each cell makes openpyxl
hash it against every style so far (10,000 rows took 4 s that way); a named style is looked up by its name.
"""

from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter

FONT = "宋体"  # named explicitly, or LibreOffice picks a Japanese font and prints ### for dates
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MAX_WIDTH = 48


def _width(value: object) -> int:
    text = str(value or "")
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def fitted_widths(columns: Sequence[tuple[str, int]], rows: Sequence[Sequence]) -> list[int]:
    """Widths in characters fitted to the content (sampled), between the header's width and MAX_WIDTH; long text
    wraps. Shared by the .xlsx and the printed PDF so both keep short columns such as 收文编号 on one line."""
    widths = []
    for index, (label, suggested) in enumerate(columns):
        sample = max((_width(r[index]) for r in rows[:500]), default=0)
        widths.append(max(_width(label) + 2, min(MAX_WIDTH, max(suggested, sample) + 1)))
    return widths


def write_ledger(path: str | Path, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence],
                 mark: str = "", sheet_name: str = "台账", portrait: bool = False, notes: Sequence[str] = ()) -> int:
    """Write the ledger; returns how many rows were written. Columns are (label, width in characters);
    `notes` are lines printed under the table (a roster's 「说明：如需调班……」)."""
    rows = list(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    widths = fitted_widths(columns, rows)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "portrait" if portrait else "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.7
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.center.font = FONT

    def style(name: str, font: Font, align: Alignment, border: Border | None = None) -> str:
        book.add_named_style(NamedStyle(name=name, font=font, alignment=align, border=border or Border()))
        return name

    mark_style = style("台账密级", Font(name="黑体", size=14, bold=True), Alignment(horizontal="left"))
    # centerContinuous centres the title over the table without merging cells (write-only cannot merge)
    title_style = style("台账标题", Font(name="黑体", size=18), Alignment(horizontal="centerContinuous",
                                                                         vertical="center"))
    head_style = style("台账表头", Font(name=FONT, size=11, bold=True),
                       Alignment(horizontal="center", vertical="center", wrap_text=True), GRID)
    body_font = Font(name=FONT, size=10.5)
    wrap_style = style("台账正文", body_font, Alignment(vertical="center", wrap_text=True), GRID)
    centre_style = style("台账正文居中", body_font, Alignment(horizontal="center", vertical="center", wrap_text=True),
                         GRID)
    note_style = style("台账说明", body_font, Alignment(horizontal="left", vertical="center"))

    prototypes = {}

    def cell(value, name: str) -> WriteOnlyCell:
        item = WriteOnlyCell(sheet, value=value)
        if name not in prototypes:
            item.style = name
            prototypes[name] = item._style
        else:  # the style array the name resolved to, copied: the descriptor's lookup was half the write time
            item._style = copy(prototypes[name])
        return item

    sheet.append([cell(mark, mark_style)])
    sheet.append([cell(title, title_style)] + [cell(None, title_style) for _ in columns[1:]])
    sheet.append([cell(label, head_style) for label, _ in columns])
    styles = [centre_style if w <= 12 else wrap_style for w in widths]
    for row in rows:
        sheet.append([cell("" if v is None else v, styles[i]) for i, v in enumerate(row)])
    for note in notes:
        sheet.append([cell(note, note_style)])
    book.save(path)
    return len(rows)
