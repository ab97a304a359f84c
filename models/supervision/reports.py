"""督查通报 and the 督查台账's figures, counted in SQL (GROUP BY 牵头单位), as of a date (DOMAIN.md §5.3).

Per 牵头单位, as of day D:
  交办        items given to the unit on or before D (立项 not yet 交办 and 退办 items are with the office);
  已到期      of those, the 办结时限 in force is on or before D;
  按期办结    of 已到期, closed on or before D and on or before the 时限 (an item closed early but not yet due waits
              for its 时限 to count, so 已到期 = 按期办结 + 逾期办结 + 逾期未办结 and the rate never exceeds 100%);
  逾期办结    closed on or before D, after the 时限;
  逾期未办结  已到期 and not closed on D;
  按期办结率  按期办结 ÷ 已到期, one decimal, 「—」 when nothing is due.
The same figures against the original 时限 (before any approved 延期) come with them: 「reports count both」.
"""

from dataclasses import dataclass
from datetime import date

from peewee import Case, ColumnBase, Node, fn

from models.core.db import tuples
from models.core.rights import require
from models.supervision.items import ASSIGNED, DONE, STATUS, SupervisionItem
from models.supervision.ladder import Ladder, Policy, Signal
from models.supervision.manifest import READ_SUPERVISION

TOTAL = "合计"


@dataclass(frozen=True)
class Figures:
    """One line of the 通报: a 牵头单位 (or 合计) and its counts, in force and against the original 时限."""

    unit: str
    assigned: int
    due: int
    on_time: int
    late_closed: int
    late_open: int
    due_original: int = 0
    on_time_original: int = 0
    late_closed_original: int = 0
    late_open_original: int = 0

    @property
    def rate(self) -> float | None:
        """按期办结率 in percent, or None when nothing is due."""
        return self.on_time * 100 / self.due if self.due else None

    @property
    def rate_original(self) -> float | None:
        return self.on_time_original * 100 / self.due_original if self.due_original else None

    @property
    def rate_text(self) -> str:
        return rate_text(self.rate)

    @property
    def rate_original_text(self) -> str:
        return rate_text(self.rate_original)


def rate_text(rate: float | None) -> str:
    """「85.7%」, or 「—」 when nothing was due (a rate of nothing is not 0%)."""
    return "—" if rate is None else f"{rate:.1f}%"


@dataclass(frozen=True)
class OverdueItem:
    """An item 逾期未办结 on the day of the 通报, listed under its unit."""

    id: int
    number: str
    title: str
    lead_unit: str
    source_type: str
    due_date: date
    due_original: date
    status: str
    late_workdays: int
    secrecy: str = "非密"  # a 督办 of a classified 批示 is listed with its 密级

    @property
    def extended(self) -> bool:
        return self.due_date != self.due_original


@dataclass(frozen=True)
class Bulletin:
    """督查通报 as of a day: a line per 牵头单位 (most 逾期未办结 first, then by name), the 合计, and the overdue items
    by unit."""

    as_of: date
    rows: tuple[Figures, ...]
    total: Figures
    overdue: tuple[OverdueItem, ...]


def _count(condition: Node) -> ColumnBase:
    return fn.SUM(Case(None, [(condition, 1)], 0))


def _figures(day: date) -> list:
    item = SupervisionItem
    closed = item.status.in_(DONE) & item.closed_on.is_null(False) & (item.closed_on <= day)
    columns = [item.lead_unit, fn.COUNT(item.id)]
    for limit in (item.due_date, item.due_original):
        due = limit <= day
        columns += [_count(due), _count(due & closed & (item.closed_on <= limit)),
                    _count(closed & (item.closed_on > limit)), _count(due & ~closed)]
    return list(tuples(item.select(*columns)
                       .where(item.status.in_(ASSIGNED) & (item.assigned_on <= day))
                       .group_by(item.lead_unit)))


def bulletin(actor, as_of: date) -> Bulletin:
    """督查通报 as of `as_of`: per 牵头单位 and in total, and the items 逾期未办结 by unit."""
    require(actor, READ_SUPERVISION, "查看督查通报")
    rows = []
    for unit, assigned, *counts in _figures(as_of):
        numbers = [int(n or 0) for n in counts]
        rows.append(Figures(unit, int(assigned), numbers[0], numbers[1], numbers[2], numbers[3], *numbers[4:]))
    rows.sort(key=lambda f: (-f.late_open, f.unit))
    total = Figures(TOTAL, *(sum(getattr(r, name) for r in rows) for name in (
        "assigned", "due", "on_time", "late_closed", "late_open", "due_original", "on_time_original",
        "late_closed_original", "late_open_original")))
    return Bulletin(as_of, tuple(rows), total, tuple(overdue_items(as_of)))


def overdue_items(as_of: date) -> list[OverdueItem]:
    """Items past their 时限 in force and not closed on `as_of`, by unit and 时限."""
    item = SupervisionItem
    closed = item.status.in_(DONE) & item.closed_on.is_null(False) & (item.closed_on <= as_of)
    found = list(tuples(item.select(item.id, item.number, item.title, item.lead_unit, item.source_type, item.due_date,
                                    item.due_original, item.status, item.secrecy)
                        .where(item.status.in_(ASSIGNED) & (item.assigned_on <= as_of) & (item.due_date < as_of)
                               & ~closed)
                        .order_by(item.lead_unit, item.due_date, item.id)))
    if not found:
        return []
    ladder = Ladder(min(r[5] for r in found), as_of, Policy())
    return [OverdueItem(i, number, title, unit, source, due, original, STATUS[status], ladder.between(due, as_of)[0],
                        classified)
            for i, number, title, unit, source, due, original, status, classified in found]


@dataclass(frozen=True)
class LedgerLine:
    """One row of the 督查台账 as printed: the item, its 时限 and state, and its colour with the reason."""

    item: SupervisionItem
    status: str
    signal: Signal


def ledger_lines(actor, as_of: date, year: int | None = None) -> list[LedgerLine]:
    """The 督查台账 as of `as_of` (all items, or those of `year`) in 督办编号 order, each with colour and reason."""
    require(actor, READ_SUPERVISION, "查看督查台账")
    query = SupervisionItem.select().order_by(SupervisionItem.year, SupervisionItem.serial)
    if year is not None:
        query = query.where(SupervisionItem.year == year)
    items = list(query)
    if not items:
        return []
    first = min(min(i.assigned_on, i.due_date, i.feedback_on or i.assigned_on) for i in items)
    ladder = Ladder(min(first, as_of), max(max(i.due_date for i in items), as_of))
    return [LedgerLine(i, STATUS[i.status], ladder.signal(i.status, i.assigned_on, i.due_date, i.feedback_on,
                                                          i.progress, as_of)) for i in items]
