"""What the shared ledger widget needs from a table: columns, filters, and rows fetched a page at a time.

Rows are paged by keyset (WHERE (sort, id) > (last sort, last id) … LIMIT n), so fetching any page costs the same
whether it is the first or the 500th. A jump into the middle first asks for the key at that offset, which
the index answers without reading the rows.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Protocol

from peewee import ColumnBase, Field, Tuple

PAGE_SIZE = 200
# A 1–2 character search runs LIKE over the whole table (a trigram index needs 3); counting every match of 「财」
# in 100,000 rows took 60 ms. The count stops at this many, and the view asks for more characters instead.
SHORT_SEARCH_CAP = 2000


def short_search(query: "Query") -> bool:
    return 0 < len(query.search.strip()) < 3


def count_matches(select, query: "Query") -> int:
    """COUNT of a source's filtered select, stopping at SHORT_SEARCH_CAP for a 1–2 character search."""
    return select.limit(SHORT_SEARCH_CAP).count() if short_search(query) else select.count()


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int = 100
    sortable: bool = True
    visible: bool = True  # shown until the user hides it


@dataclass(frozen=True)
class FilterSpec:
    key: str
    label: str
    kind: str  # "choice" | "date" | "check"
    choices: tuple[tuple[str, str], ...] = ()  # (value, label); the widget adds 「全部」
    default: Any = None  # the value chosen until the user picks another (None: 「全部」)


@dataclass(frozen=True)
class Query:
    search: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False


@dataclass(frozen=True)
class Row:
    id: int
    key: tuple
    values: tuple[str, ...]
    status: str | None = None  # "overdue" | "due_soon" | "on_time" | "done" (see STATUS_LABELS): decided in models
    secrecy: str = ""  # the record's 密级 (非密/内部/秘密/机密/绝密), for the mark on a printed or exported view
    status_text: str = ""  # why the row has its colour, when STATUS_LABELS does not say it (「脱密期中」)
    alerts: tuple[int, ...] = ()  # columns whose value is itself overdue or short (red text), whatever the row's colour


STATUS_LABELS = {"overdue": "已逾期", "due_soon": "即将到期", "on_time": "按期办理", "done": "已办结/作废"}


def count_filtered(select, query: "Query", text_count: int | None) -> int:
    """A search with no filter is counted on the trigram index alone (`text_count`, when the caller has it);
    anything else through the filtered select."""
    if text_count is not None and not any(query.filters.values()):
        return text_count
    return count_matches(select, query)


class LedgerSource(Protocol):
    name: str
    title: str
    kinds: frozenset[str]  # the kinds of record (as in `Change.kinds`) whose change alters these rows
    columns: tuple[Column, ...]
    filters: tuple[FilterSpec, ...]
    default_sort: str
    default_descending: bool

    def count(self, query: Query) -> int: ...
    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]: ...
    def key_at(self, query: Query, offset: int, total: int | None = None) -> tuple | None: ...
    def detail(self, row_id: int) -> list[tuple[str, str]]: ...
    def offset_of(self, query: Query, row_id: int) -> int | None: ...


class KeysetPager:
    """Counting and keyset paging over a peewee query; sources build the filtered query, this pages it."""

    def __init__(self, id_field: Field, sort_fields: dict[str, ColumnBase]) -> None:
        self.id_field = id_field
        self.sort_fields = sort_fields

    def _order(self, query: Query, default: str) -> tuple[ColumnBase, bool]:
        key = query.sort if query.sort in self.sort_fields else default
        return self.sort_fields[key], query.descending

    def select_page(self, base, query: Query, default_sort: str, after: tuple | None, limit: int):
        """The select of the page after the key `after`, with `_sort_key` and `_row_id` added, not yet run."""
        sort, desc = self._order(query, default_sort)
        select = base.select_extend(sort.alias("_sort_key"), self.id_field.alias("_row_id"))
        if after is not None:
            cursor = Tuple(sort, self.id_field)
            select = select.where(cursor < Tuple(*after) if desc else cursor > Tuple(*after))
        order = (sort.desc(), self.id_field.desc()) if desc else (sort.asc(), self.id_field.asc())
        return select.order_by(*order).limit(limit)

    def page(self, base, query: Query, default_sort: str, after: tuple | None, limit: int) -> list[dict]:
        """Dicts of the selected columns plus `_sort_key` and `_row_id`, after the key `after`."""
        return list(self.select_page(base, query, default_sort, after, limit).dicts())

    def offset_of(self, base, query: Query, default_sort: str, row_id: int) -> int | None:
        """Where the row `row_id` stands in the filtered, sorted rows (to select and show it after a step), or
        None when the query does not select it. Counts the rows before its key, through the same index."""
        sort, desc = self._order(query, default_sort)
        found = base.select(sort).where(self.id_field == row_id).tuples().first()
        if found is None:
            return None
        cursor, key = Tuple(sort, self.id_field), Tuple(found[0], row_id)
        return base.select(self.id_field).where(cursor > key if desc else cursor < key).count()

    def key_at(self, base, query: Query, default_sort: str, offset: int, total: int | None = None) -> tuple | None:
        """The key of row `offset`; past the middle (when `total` is known) counted from the end, since an index
        walk costs the rows it skips."""
        sort, desc = self._order(query, default_sort)
        if total is not None and offset > total // 2:
            desc, offset = not desc, total - 1 - offset
        order = (sort.desc(), self.id_field.desc()) if desc else (sort.asc(), self.id_field.asc())
        row = base.select(sort, self.id_field).order_by(*order).limit(1).offset(offset).tuples().first()
        return tuple(row) if row else None



class PagedSource(ABC):
    """What every ledger source shares: a keyset pager over its filtered select `_base(query)`. A source declares
    `columns`, `filters`, `default_sort`, `_pager`, `_base`, `page` and `detail`; counting, jumping and finding a
    record's row come from here."""

    default_sort = "id"
    default_descending = False
    _pager: KeysetPager

    @abstractmethod
    def _base(self, query: Query):
        """The select of the rows the query keeps (filters and search applied), before ordering and paging."""

    @abstractmethod
    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]: ...

    @abstractmethod
    def detail(self, row_id: int) -> list[tuple[str, str]]: ...

    def count(self, query: Query) -> int:
        return count_matches(self._base(query), query)

    def key_at(self, query: Query, offset: int, total: int | None = None) -> tuple | None:
        return self._pager.key_at(self._base(query), query, self.default_sort, offset, total)

    def offset_of(self, query: Query, row_id: int) -> int | None:
        return self._pager.offset_of(self._base(query), query, self.default_sort, row_id)

    def ids(self, query: Query, limit: int = 100_000) -> list[int]:
        """Every id the query selects, in the ledger's order (for exporting exactly what is on screen)."""
        sort, desc = self._pager._order(query, self.default_sort)
        id_field = self._pager.id_field
        order = (sort.desc(), id_field.desc()) if desc else (sort.asc(), id_field.asc())
        return [i for (i,) in self._base(query).select(id_field).order_by(*order).limit(limit).tuples()]
