"""Reading rows from the spreadsheets and text files offices keep, whatever their quirks."""

import csv
from collections.abc import Iterator
from pathlib import Path

from models.core.errors import ValidationError

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
MERGED_CELLS_LIMIT = 8 * 1024 * 1024  # bytes; above it the file is read in read-only mode


def read_rows(path: str | Path) -> Iterator[tuple[int, list]]:
    """(1-based row number as the user sees it in Excel, cell values) for every row of the first sheet."""
    file = Path(path)
    if not file.is_file():
        raise ValidationError("file", f"找不到文件「{file}」，请检查路径。")
    suffix = file.suffix.lower()
    if suffix == ".xls":
        raise ValidationError("file", f"「{file.name}」是旧的 .xls 格式，请在 Excel 或 WPS 中「另存为」.xlsx 后再导入。")
    if suffix not in SUFFIXES:
        raise ValidationError("file", f"不支持「{file.suffix or '无扩展名'}」文件，请选择 .xlsx 或 .csv 文件。")
    if suffix in (".csv", ".txt"):
        yield from _text_rows(file)
        return
    from openpyxl import load_workbook

    # Merged cells are only known outside read-only mode; real ledgers are small enough for it.
    small = file.stat().st_size <= MERGED_CELLS_LIMIT
    try:
        book = load_workbook(file, read_only=not small, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged or mislabelled files
        raise ValidationError("file", f"无法读取「{file.name}」：文件已损坏或不是 Excel 文件（{type(exc).__name__}）。") from exc
    try:
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        if small:
            for merged in sheet.merged_cells.ranges:  # a merged 来文单位 counts for every row it spans
                value = rows[merged.min_row - 1][merged.min_col - 1]
                for r in range(merged.min_row, merged.max_row + 1):
                    for c in range(merged.min_col, merged.max_col + 1):
                        if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                            rows[r - 1][c - 1] = value
        yield from enumerate(rows, start=1)
    finally:
        book.close()


def _text_rows(file: Path) -> Iterator[tuple[int, list]]:
    raw = file.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError("file", f"「{file.name}」的文字编码无法识别，请用 UTF-8 或 GBK 编码保存。")
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    yield from enumerate(csv.reader(text.splitlines(), dialect), start=1)


def is_blank(row: list) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)
