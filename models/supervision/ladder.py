"""The 三色 ladder (DOMAIN.md §5.2), derived from dates and progress, never stored.

Defaults (宿迁 2025, each office sets its own in the manifest's settings):
  level 1 「蓝」 the 办结时限 in force is within N working days (5) — 「距办结时限还有3个工作日」「今天到期」;
  level 2 「黄」 behind schedule: no 进展反馈 for M working days (10) since the last one or since 交办 —
             「已10个工作日未反馈」 — or the last percent is below the share of working time gone —
             「进度30%，时间已过60%」;
  level 3 「红」 past the 时限 in force — 「已逾期5个工作日」.
The highest level wins; its reason comes first and the others follow. Working days count 调休 (models/core/
workdays); an approved 延期 moves the 时限, so an item is not overdue against the one it replaced. Only items with the
牵头单位 (已交办, 办理中, 申请延期) are measured: a reported one waits on the office, not on the unit.

For many items at once (今日, the ledger's page) `Ladder` counts working days from one cumulative table instead of
walking the calendar per item, and `may_signal` narrows the items in SQL to those that can have a colour on the day.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import fn

from models.core import settings, workdays
from models.core.db import tuples
from models.supervision.items import WORKING, SupervisionItem

NONE, BLUE, YELLOW, RED = 0, 1, 2, 3


@dataclass(frozen=True)
class Policy:
    """The office's ladder: thresholds in working days and the colours' names (level 1–3)."""

    blue_workdays: int = 5
    silent_workdays: int = 10
    colours: tuple[str, str, str] = ("蓝", "黄", "红")

    @staticmethod
    def current() -> "Policy":
        return Policy(settings.get("sv_blue_workdays"), settings.get("sv_silent_workdays"),
                      (settings.get_text("sv_colour_1"), settings.get_text("sv_colour_2"),
                       settings.get_text("sv_colour_3")))

    def colour(self, level: int) -> str:
        return self.colours[level - 1] if level else ""


@dataclass(frozen=True)
class Signal:
    """An item's level on a day (0: none), its colour's name, and the reasons in words, the deciding one first."""

    level: int
    colour: str
    reasons: tuple[str, ...] = ()
    provisional: bool = False  # counted across a year whose 调休 is not entered

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


class Ladder:
    """Working days between dates in [first, last] from one cumulative table (one `day_info` per day of the span)."""

    def __init__(self, first: date, last: date, policy: Policy | None = None) -> None:
        self.policy = policy or Policy.current()
        start = first - timedelta(days=1)
        self._first = start.toordinal()
        self._cumulative: list[int] = []
        self._provisional: list[int] = []
        total = unknown = 0
        day = start
        while day <= last:
            info = workdays.day_info(day)
            total += info.is_workday
            unknown += info.source == "provisional"
            self._cumulative.append(total)
            self._provisional.append(unknown)
            day += timedelta(days=1)

    def between(self, start: date, end: date) -> tuple[int, bool]:
        """Working days in (start, end] (negative when end < start), and whether a year without data was crossed:
        as `workdays.workdays_between`, from the table when both dates are inside it."""
        a, b = start.toordinal() - self._first, end.toordinal() - self._first
        lo, hi = (a, b) if a <= b else (b, a)
        if lo < 0 or hi >= len(self._cumulative):
            count = workdays.workdays_between(start, end)
            return count.days, count.provisional
        days = self._cumulative[hi] - self._cumulative[lo]
        return (days if b >= a else -days), self._provisional[hi] > self._provisional[lo]

    def signal(self, status: str, assigned_on: date, due: date, feedback_on: date | None, progress: int,
               day: date) -> Signal:
        """The level of one item on `day` from its columns (the ledger and 今日 pass plain rows)."""
        if status not in WORKING:
            return Signal(NONE, "")
        policy = self.policy
        found: list[tuple[int, str]] = []
        provisional = False
        if day > due:
            late, provisional = self.between(due, day)
            found.append((RED, f"已逾期{late}个工作日" if late else f"已过办结时限（{due.month}月{due.day}日）"))
        else:
            left, provisional = self.between(day, due)
            if left <= policy.blue_workdays:
                found.append((BLUE, "今天到期" if day == due else f"距办结时限还有{left}个工作日" if left
                               else f"办结时限（{due.month}月{due.day}日）前已无工作日"))  # due on a day off
        since = feedback_on or assigned_on
        silent, unsure = self.between(since, day)
        provisional |= unsure
        if silent >= policy.silent_workdays:
            found.append((YELLOW, f"已{silent}个工作日未反馈" if feedback_on else f"交办已{silent}个工作日未反馈"))
        if feedback_on is not None and day <= due:
            spent, _ = self.between(assigned_on, day)
            span, _ = self.between(assigned_on, due)
            gone = 100 if span <= 0 else spent * 100 // span
            if progress < gone:
                found.append((YELLOW, f"进度{progress}%，时间已过{gone}%"))
        if not found:
            return Signal(NONE, "", provisional=provisional)
        found.sort(key=lambda pair: -pair[0])
        level = found[0][0]
        return Signal(level, policy.colour(level), tuple(reason for _, reason in found), provisional)


def may_signal(day: date, policy: Policy):
    """A WHERE clause keeping the items that can have a colour on `day` — 时限 within the blue window or passed (蓝/红),
    no 反馈 for the silent window (黄), or a 反馈 under 100% before the 时限 (黄 when behind time) — so the ladder runs
    on those only. Exact: an item it leaves out has no colour (tests/test_supervision_ladder.py)."""
    item = SupervisionItem
    # between(day, due) <= blue exactly when due comes before the (blue + 1)-th working day after day.
    due_before = workdays.add_workdays(day, policy.blue_workdays + 1).date
    silent = fn.COALESCE(item.feedback_on, item.assigned_on) < _silent_before(day, policy)
    behind = item.feedback_on.is_null(False) & (item.progress < 100) & (item.due_date >= day)
    return item.status.in_(WORKING) & ((item.due_date < due_before) | silent | behind)


def level_clause(level: int, day: date, policy: Policy):
    """A WHERE clause keeping the items whose level on `day` is `level` (NONE: no colour, 已办结 and 待交办 too) —
    the 督查台账's 督办等级 filter. 红 and 蓝 and the silent 黄 are date windows in SQL; only the 黄 of progress behind
    time needs the ladder, on the items with a 反馈 under 100% before their 时限."""
    item = SupervisionItem
    working = item.status.in_(WORKING)
    due_before = workdays.add_workdays(day, policy.blue_workdays + 1).date
    silent = fn.COALESCE(item.feedback_on, item.assigned_on) < _silent_before(day, policy)
    behind = _behind(day, policy)
    if level == RED:
        return working & (item.due_date < day)
    if level == YELLOW:
        return working & (item.due_date >= day) & (silent | item.id.in_(behind))
    quiet = ~silent & item.id.not_in(behind)
    if level == BLUE:
        return working & (item.due_date >= day) & (item.due_date < due_before) & quiet
    return ~working | ((item.due_date >= due_before) & quiet)


def _behind(day: date, policy: Policy) -> list[int]:
    """The working items with a 反馈 under 100% before their 时限 that are 黄 on `day` (progress behind time)."""
    item = SupervisionItem
    rows = list(tuples(item.select(item.id, item.status, item.assigned_on, item.due_date, item.feedback_on,
                                   item.progress)
                       .where(item.status.in_(WORKING) & item.feedback_on.is_null(False) & (item.progress < 100)
                              & (item.due_date >= day))))
    if not rows:
        return []
    ladder = Ladder(min(min(r[2] for r in rows), day), max(max(r[3] for r in rows), day), policy)
    return [item_id for item_id, status, assigned_on, due, feedback_on, progress in rows
            if ladder.signal(status, assigned_on, due, feedback_on, progress, day).level == YELLOW]


def _silent_before(day: date, policy: Policy) -> date:
    """between(since, day) >= silent exactly when since is before the silent-th working day counted back from day
    (day itself included)."""
    if policy.silent_workdays <= 0:
        return date.max
    current, seen = day, 0
    while True:
        seen += workdays.is_workday(current)
        if seen >= policy.silent_workdays:
            return current
        current -= timedelta(days=1)


def signal_of(item, day: date, policy: Policy | None = None) -> Signal:
    """The level of one `SupervisionItem` on `day` (the day itself counted), with the reasons in words."""
    start = min(item.assigned_on, item.due_date, item.feedback_on or item.assigned_on, day)
    ladder = Ladder(start, max(item.due_date, day), policy)
    return ladder.signal(item.status, item.assigned_on, item.due_date, item.feedback_on, item.progress, day)
