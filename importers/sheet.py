"""Reading rows from the spreadsheets and text files offices keep, whatever their quirks."""

import csv
from collections.abc import Iterator
from pathlib import Path

from models.core.errors import ValidationError, file_error

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
MERGED_CELLS_LIMIT = 8 * 1024 * 1024  # bytes; above it the file is read in read-only mode


def read_rows(path: str | Path) -> Iterator[tuple[int, list]]:
    """(1-based row number as the user sees it in Excel, cell values) for every row of the first sheet."""
    file = Path(path)
    if file.is_dir():
        raise ValidationError("file", f"「{file}」是一个文件夹，不是文件。请选择其中要导入的 .xlsx 或 .csv 文件。")
    if not file.exists():
        raise ValidationError("file", f"找不到文件「{file}」，请检查路径。")
    if not file.is_file():
        raise ValidationError("file", f"「{file}」不是普通文件（可能是设备或管道），"
                                      "请选择要导入的 .xlsx 或 .csv 文件。")
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
    small = _check_workbook(file) <= MERGED_CELLS_LIMIT
    try:
        book = load_workbook(file, read_only=not small, data_only=True)
    except OSError as exc:
        raise file_error(exc) from None
    except Exception as exc:  # openpyxl raises many kinds for damaged or mislabelled files
        raise ValidationError("file", f"无法读取「{file.name}」：文件已损坏，或不是用 Excel 或 WPS 保存的 .xlsx 文件。"
                                      "请在 Excel 或 WPS 中打开它，「另存为」.xlsx 后再导入。") from exc
    try:
        sheet = first_visible(book)
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        _check_formulas(file, small, rows)
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


def first_visible(book):
    """The sheet a person sees first on opening the file: a hidden sheet (an old copy, a lookup list) is not read."""
    return next((s for s in book.worksheets if s.sheet_state == "visible"), book.worksheets[0])


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), and WPS's .et
ZIP_MAGIC = b"PK\x03\x04"


def _check_workbook(file: Path) -> int:
    """The file's size, after refusing what is plainly not an .xlsx, with what it is instead."""
    try:
        size = file.stat().st_size
        with file.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise file_error(exc) from None
    if size == 0:
        raise ValidationError("file", f"「{file.name}」是空文件（0 字节），没有可导入的内容。请检查是否选错了文件。")
    if head.startswith(OLE_MAGIC):
        raise ValidationError("file", f"「{file.name}」实际上是旧的 .xls（Excel 97-2003）文件，只是扩展名写成了"
                                      f"「{file.suffix}」。请在 Excel 或 WPS 中打开它，「另存为」.xlsx 后再导入。")
    if not head.startswith(ZIP_MAGIC):
        raise ValidationError("file", f"「{file.name}」不是 Excel（.xlsx）文件，可能已损坏或是别的文件改了扩展名。"
                                      "请在 Excel 或 WPS 中打开它，「另存为」.xlsx 后再导入。")
    return size


def _check_formulas(file: Path, small: bool, rows: list[list]) -> None:
    """Refuse formulas saved without their result (files written by scripts, never opened in Excel or WPS):
    read as values they are empty, and a row would be reported as missing a date it visibly has."""
    import zipfile

    with zipfile.ZipFile(file) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets):
            return
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(file, read_only=not small, data_only=False)
    try:
        for r, cells in enumerate(first_visible(book).iter_rows(values_only=True)):
            for c, formula in enumerate(cells):
                if (isinstance(formula, str) and formula.startswith("=") and r < len(rows) and c < len(rows[r])
                        and rows[r][c] is None):
                    where = f"第 {r + 1} 行的 {get_column_letter(c + 1)} 列"
                    raise ValidationError(
                        "file", f"「{file.name}」{where}是公式「{formula[:40]}」，"
                                "但文件里没有保存它的计算结果（文件不是用 Excel 或 WPS 保存的）。"
                                "请在 Excel 或 WPS 中打开该文件，保存一次后再导入。")
    finally:
        book.close()


def _text_rows(file: Path) -> Iterator[tuple[int, list]]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise file_error(exc) from None
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
