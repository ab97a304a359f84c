"""Finding the header row of a sheet an office typed by hand, and guessing which column is which.

Shared by every importer: a Target names a field and the headers offices write for it; the header row is the
one naming the most targets among the first rows; the year comes from the title rows or the file name.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from models.core.errors import ValidationError
from models.core.text import clean


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False


YEAR_IN_TITLE = re.compile(r"(19|20)\d{2}(?=\s*年)")
TOTAL_ROW = re.compile(r"^(本页)?(小计|合计|总计|共计)|^共\s*\d+\s*(件|份|条)")
HEADER_SEARCH_ROWS = 20
# The signature lines offices put under a table: 「填表人：…」「制表：…」「联系电话：…」「注：…」.
NOTE_ROW = re.compile(r"^(填表人|填报人|制表人|制表|审核人|审核|联系人|联系电话|填表日期|填报日期|填报单位"
                      r"|注|说明|备注)\s*[:：]")


def norm(text: object) -> str:
    return re.sub(r"[\s:：*＊()（）]", "", clean(text))


def find_header(rows: list[tuple[int, list]], targets: tuple[Target, ...]) -> int:
    """Index (in `rows`) of the row that names the most known columns; ValidationError when none does."""
    names = {norm(a) for t in targets for a in t.aliases}
    best, best_hits = -1, 0
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = len({norm(c) for c in cells if norm(c) in names})
        if hits > best_hits:
            best, best_hits = index, hits
    if best_hits < 2:
        expected = "、".join(t.label for t in targets if t.required)
        raise ValidationError("file", f"在前 {HEADER_SEARCH_ROWS} 行中找不到表头。请确认这是台账文件，表头应含有{expected}等列名。")
    return best


def guess_mapping(header: list, targets: tuple[Target, ...]) -> dict[str, int]:
    """{target key: column index}, by exact alias first, then by an alias contained in the header text."""
    mapping: dict[str, int] = {}
    cells = [norm(c) for c in header]
    for exact in (True, False):
        for target in targets:
            if target.key in mapping:
                continue
            for alias in map(norm, target.aliases):
                found = next((i for i, c in enumerate(cells) if c and i not in mapping.values()
                              and (c == alias if exact else (alias in c and len(alias) >= 2))), None)
                if found is not None:
                    mapping[target.key] = found
                    break
    return mapping


def year_hint(rows_above: list[tuple[int, list]], file: Path) -> int | None:
    """The year a ledger states in its title rows (「2025年第四季度收文登记」) or its file name."""
    for _, cells in rows_above:
        for cell in cells:
            if match := YEAR_IN_TITLE.search(clean(cell)):
                return int(match.group(0))
    match = re.search(r"(19|20)\d{2}", file.stem)
    return int(match.group(0)) if match else None


def body_rows(rows: list[tuple[int, list]], at: int, skipped: list[tuple[int, str]]) -> Iterator[tuple[int, list]]:
    """The data rows under the header `rows[at]`: blank rows left out, 合计/小计 rows, a 「填表人：…」 line alone on its
    row and the header repeated on a later page left out and noted in `skipped` as (Excel row, why)."""
    header_names = {norm(c) for c in rows[at][1]} - {""}
    for number, cells in rows[at + 1:]:
        texts = [t for t in map(clean, cells) if t]
        if not texts:
            continue
        if any(TOTAL_ROW.search(t) for t in texts) and len(texts) <= 3:
            skipped.append((number, "合计/小计行，已跳过"))
        elif len(texts) == 1 and NOTE_ROW.match(texts[0]):
            skipped.append((number, "表尾说明行，已跳过"))
        elif len({norm(t) for t in texts} & header_names) >= 3:
            skipped.append((number, "重复的表头行，已跳过"))
        else:
            yield number, cells


@dataclass(frozen=True)
class Table:
    """A sheet read for importing: its rows, the header found among them, and which column is which target."""

    rows: list[tuple[int, list]]
    at: int  # index in `rows` of the header
    mapping: dict[str, int]

    @property
    def header_row(self) -> int:
        return self.rows[self.at][0]

    @property
    def header(self) -> list:
        return self.rows[self.at][1]


def read_table(path: Path, targets: tuple[Target, ...], mapping: dict[str, int] | None, advice: str) -> Table:
    """The file's rows, header and columns (`mapping` overrides the guess); refused in words when the file is empty
    or a required column is missing (`advice` says what to do about it)."""
    from importers.sheet import is_blank, read_rows

    rows = list(read_rows(path))
    if not rows or all(is_blank(c) for _, c in rows):
        raise ValidationError("file", f"「{path.name}」是空的，没有可导入的内容。")
    at = find_header(rows, targets)
    header_row, header = rows[at]
    mapping = dict(mapping) if mapping is not None else guess_mapping(header, targets)
    missing = [t.label for t in targets if t.required and t.key not in mapping]
    if missing:
        raise ValidationError("mapping", f"第 {header_row} 行的表头中找不到「{'」「'.join(missing)}」列。{advice}")
    return Table(rows, at, mapping)


def error_lines(errors: list[tuple[int, str]], limit: int = 50) -> list[str]:
    """「第 N 行：…」 for the first `limit` bad rows, and how many more there are."""
    lines = [f"第 {row} 行：{message}" for row, message in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"……另有 {len(errors) - limit} 行有问题")
    return lines
