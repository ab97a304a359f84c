"""Finding the header row of a sheet an office typed by hand, and guessing which column is which.

Shared by every importer: a Target names a field and the headers offices write for it; the header row is the
one naming the most targets among the first rows; the year comes from the title rows or the file name.
"""

import re
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
HEADER_SEARCH_ROWS = 20


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
