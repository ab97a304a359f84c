"""Print-ready ledgers (台账) as .xlsx: landscape A4, a title row, the header repeated on every page and frozen on
screen, fitted column widths, 宋体 10.5 pt printed at 100 %, 「第 N 页 共 M 页」 in the footer, and the highest 密级
top-left on the sheet and in the page header (so every printed page carries it).

Printed at 100 % rather than fitted to the page width: fitting shrank the 收文办理进度台账 to 6–7 pt. The columns are
sized to the printable width instead and long text wraps, with row heights set from the wrapped lines (LibreOffice
and Excel do not grow a row for wrapped text written by openpyxl, so it overprinted). A row taller than a page
cannot print (a spreadsheet row never breaks), so its long cells continue on rows marked 「（续）」.

Written in openpyxl's write-only mode with named styles: setting a Font or Border object on each cell makes openpyxl
hash it against every style so far (10,000 rows took 4 s that way); a named style is looked up by its name.
"""

from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter

from exporters.linebreak import break_lines

FONT = "宋体"  # named explicitly, or LibreOffice picks a Japanese font and prints ### for dates
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MAX_WIDTH = 48
# The printable width of A4 (less 0.4" margins) in column units. A unit is the default font's digit width: about
# 5.3 pt in Excel (Calibri), 7 pt in LibreOffice without Calibri (DejaVu Sans). Widths are budgeted in the wider
# LibreOffice unit, so the sheet fits the page in both; lines are counted in the narrower one (a CJK character two
# units), so rows are tall enough in both.
PAGE_UNITS = {False: 108, True: 73}
SCALES = (100, 90)  # a sheet too wide at 100 % prints at 90 %: 10.5 pt as 9.45 pt, never below 9
KEEP_UNITS = 24  # a column of codes (编号, dates, 身份号码) at most this wide never wraps
LINE_PT = 14  # one line of 10.5 pt 宋体
TITLE_PT, TITLE_LINE_PT = 18, 24
MAX_LINES = 24  # lines in one sheet row; a longer cell continues on the next row
EMPTY = "（无）"
ONE_LINE = LINE_PT + 4


def _width(value: object) -> int:
    """Display width: two for a CJK character, one for anything else (GBK's byte count, measured in C: a loop over
    the characters was a fifth of a 10,000-row export)."""
    return len(str(value or "").encode("gbk", errors="replace"))


def fitted_widths(columns: Sequence[tuple[str, int]], rows: Sequence[Sequence]) -> list[int]:
    """Widths in characters fitted to the content (sampled), between the header's width and MAX_WIDTH; long text
    wraps. Shared by the .xlsx and the printed PDF so both keep short columns such as 收文编号 on one line."""
    widths = []
    for index, (label, suggested) in enumerate(columns):
        sample = max((_width(r[index]) for r in rows[:500] if index < len(r)), default=0)
        widths.append(max(_width(label) + 2, min(MAX_WIDTH, max(suggested, sample) + 1)))
    return widths


def code_like(values: Sequence) -> bool:
    """Mostly numbers, dates and 编号 (a digit, no space): a column that must not wrap."""
    texts = [str(v) for v in values if v not in (None, "")]
    codes = [t for t in texts if any(c.isdigit() for c in t) and not any(c.isspace() for c in t)]
    return bool(texts) and len(codes) >= 0.8 * len(texts)


def page_widths(columns: Sequence[tuple[str, int]], rows: Sequence[Sequence],
                portrait: bool = False) -> tuple[list[int], int]:
    """Widths that fit the printable width, and the print scale (%). Fitted widths when they fit at 100 %; else, at
    90 %, columns of codes keep their width and the others share the rest, wrapping (never narrower than half their
    header, which wraps too). Only a sheet with too many columns for that is left to span pages."""
    widths = fitted_widths(columns, rows)
    if sum(widths) <= PAGE_UNITS[portrait]:
        return widths, SCALES[0]
    budget = int(PAGE_UNITS[portrait] * 100 / SCALES[1])
    sample = rows[:500]
    kept = {i for i, w in enumerate(widths)
            if w <= KEEP_UNITS and code_like([r[i] for r in sample if i < len(r)])}
    floors = [max(6, -(-_width(label) // 2) + 2) for label, _ in columns]
    flexible = {i for i in range(len(columns)) if i not in kept}
    room = budget - sum(widths[i] for i in kept)
    while flexible:  # share the room by fitted width; a column whose share is below its floor gets the floor
        share = sum(widths[i] for i in flexible) or 1
        low = {i for i in flexible if room * widths[i] / share < floors[i]}
        if not low:
            for i in flexible:
                widths[i] = min(widths[i], int(room * widths[i] / share))
            break
        for i in low:
            widths[i] = floors[i]
            room -= floors[i]
        flexible -= low
    return widths, SCALES[1]


def wrapped_lines(value: object, units: int) -> list[str]:
    """The lines a cell of `units` width shows `value` in, broken by character width as the spreadsheet wraps."""
    lines: list[str] = []
    for paragraph in ("" if value is None else str(value)).split("\n"):
        *inner, last = break_lines(paragraph, max(2, units - 1))
        lines += inner + [last + "\n"]  # a paragraph's end, kept so that joined lines keep their breaks
    lines[-1] = lines[-1][:-1]
    return lines


def printed_rows(row: Sequence, widths: Sequence[int], max_lines: int = MAX_LINES) -> list[tuple[tuple, int]]:
    """The row as it prints, with the lines of its tallest cell: itself, or, when a cell is taller than
    `max_lines`, the row followed by continuation rows that carry the rest of each long cell and the first cell
    marked 「（续）」."""
    counts = [_line_count(v, w) for v, w in zip(row, widths, strict=False)]
    tallest = max(counts, default=1)
    if tallest <= max_lines:
        return [(tuple(row), tallest)]
    cells = [wrapped_lines(v, w) if isinstance(v, str) else None for v, w in zip(row, widths, strict=False)]
    parts = max(len(c) for c in cells if c is not None)
    out = []
    for start in range(0, parts, max_lines):
        line = []
        for index, (value, lines) in enumerate(zip(row, cells, strict=False)):
            if lines is not None and len(lines) > max_lines:
                line.append("".join(lines[start:start + max_lines]).rstrip("\n"))
            elif start == 0:
                line.append(value)
            else:
                line.append(f"{value}\n（续）" if index == 0 else "")
        out.append((tuple(line), max(_line_count(v, w) for v, w in zip(line, widths, strict=False))))
    return out


def _line_count(value: object, units: int) -> int:
    if not isinstance(value, str) or not value:
        return 1
    room = max(2, units - 1)
    if len(value) * 2 <= room and "\n" not in value:  # the common case, without measuring
        return 1
    return sum(max(1, -(-_width(part) // room)) for part in value.split("\n"))


def _cells_as_given(cells: Sequence[Cell], row_idx: int) -> Iterable[Cell]:
    """The rows `write_ledger` appends are all cells. openpyxl's own `_values_to_row` first tries every value as a
    plain value, and a cell fails that check with an exception whose message holds the cell's repr: a fifth of a
    10,000-row export. This places the cells as it does (no hyperlinks here); tests/test_golden.py shows any change."""
    for col_idx, item in enumerate(cells, 1):
        item.column = col_idx
        item.row = row_idx
        yield item


def row_height(row: Sequence, widths: Sequence[int]) -> float:
    """Points for the row's tallest wrapped cell (an estimate by character width, erring taller)."""
    lines = max((_line_count(v, w) for v, w in zip(row, widths, strict=False)), default=1)
    return lines * LINE_PT + 4


def page_marks(sheet: Any, mark: str) -> None:
    """「第 N 页 共 M 页」 at the foot of every page of `sheet` (a worksheet, or a write-only one); page 1 has the 密级
    `mark` in A1 above the title, the header repeats it on the later pages. (openpyxl's stubs type the header and
    footer parts as optional, for files read in; a sheet made here always has them.)"""
    sheet.HeaderFooter.differentFirst = True
    for footer in (sheet.oddFooter, sheet.firstFooter):
        footer.center.text = "第 &P 页 共 &N 页"
        footer.center.font = FONT
    if mark:
        sheet.oddHeader.left.text = mark
        sheet.oddHeader.left.font = "黑体,Bold"
        sheet.oddHeader.left.size = 12


def write_ledger(path: str | Path, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence],
                 mark: str = "", sheet_name: str = "台账", portrait: bool = False, notes: Sequence[str] = ()) -> int:
    """Write the ledger; returns how many rows were written. Columns are (label, width in characters);
    `notes` are lines printed under the table (a roster's 「说明：如需调班……」)."""
    rows = list(rows)
    count = len(rows)
    rows = rows or [(EMPTY,) + ("",) * (len(columns) - 1)]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name[:31])
    widths, scale = page_widths(columns, rows, portrait)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    sheet.sheet_format.defaultRowHeight = ONE_LINE
    sheet.sheet_format.customHeight = True
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "portrait" if portrait else "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.scale = scale
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top, sheet.page_margins.bottom = 0.9, 0.7
    sheet.page_margins.header, sheet.page_margins.footer = 0.35, 0.3
    page_marks(sheet, mark)

    def style(name: str, font: Font, align: Alignment, border: Border | None = None) -> str:
        book.add_named_style(NamedStyle(name=name, font=font, alignment=align, border=border or Border()))
        return name

    mark_style = style("台账密级", Font(name="黑体", size=14, bold=True), Alignment(horizontal="left"))
    # centerContinuous centres the title over the table without merging cells (write-only cannot merge)
    title_style = style("台账标题", Font(name="黑体", size=TITLE_PT), Alignment(horizontal="centerContinuous",
                                                                         vertical="center"))
    head_style = style("台账表头", Font(name=FONT, size=11, bold=True),
                       Alignment(horizontal="center", vertical="center", wrap_text=True), GRID)
    body_font = Font(name=FONT, size=10.5)
    wrap_style = style("台账正文", body_font, Alignment(vertical="center", wrap_text=True), GRID)
    centre_style = style("台账正文居中", body_font, Alignment(horizontal="center", vertical="center", wrap_text=True),
                         GRID)
    note_style = style("台账说明", body_font, Alignment(horizontal="left", vertical="center"))

    prototypes = {}

    def cell(value, name: str) -> Cell:
        item = WriteOnlyCell(sheet, value=value)
        if name not in prototypes:
            item.style = name
            prototypes[name] = item._style  # type: ignore[attr-defined]  # openpyxl's own slot, left out of its stubs
        else:  # the style array the name resolved to, copied: the descriptor's lookup was half the write time
            item._style = copy(prototypes[name])  # type: ignore[attr-defined]  # as above
        return item

    sheet.append([cell(mark, mark_style)])
    # centerContinuous never wraps: a title wider than the table overflowed both edges of the page, so it is broken
    # into lines here (an 18 pt character takes 18/10.5 of a body character's two units)
    title_lines = break_lines(title, max(2, int(sum(widths) * 10.5 / TITLE_PT) - 2))
    sheet.row_dimensions[2].height = 42 + (len(title_lines) - 1) * TITLE_LINE_PT  # space under it before the header
    sheet.append([cell("\n".join(title_lines), title_style)] + [cell(None, title_style) for _ in columns[1:]])
    sheet.row_dimensions[3].height = row_height([label for label, _ in columns], widths) + 2
    sheet.append([cell(label, head_style) for label, _ in columns])
    # One styled cell per column, given a new value for each row: a write-only sheet writes a row out as it is
    # appended, so the cells are free again after each append (a new cell and style copy per value was a sixth of
    # a 10,000-row export).
    body = [cell(None, centre_style if w <= 12 else wrap_style) for w in widths]
    sheet._values_to_row = _cells_as_given  # see _cells_as_given
    number = 4
    for row in rows:
        for line, lines in printed_rows(row, widths):
            if lines > 1:  # one-line rows take the sheet's default height
                # the <row> element's attributes, as openpyxl's write-only writer adds them: a RowDimension object
                # per row (validated descriptors, iterated when written) took a quarter of a 10,000-row export
                sheet.row_dimensions[number] = {"ht": str(lines * LINE_PT + 4), "customHeight": "1"}
            cells = body[:len(line)]
            if len(cells) < len(line):
                raise ValueError(f"台账行有 {len(line)} 列，表头只有 {len(body)} 列")
            for item, value in zip(cells, line, strict=True):
                item.value = "" if value is None else value
            sheet.append(cells)
            number += 1
    for note in notes:
        sheet.append([cell(note, note_style)])
    book.save(path)
    return count
