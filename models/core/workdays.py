"""Working days by the Chinese calendar: statutory holidays and 调休 workdays.

Sources, strongest first: the holiday table kept by the 系统管理员 (`CalendarDay`: one row per day that differs
from the usual), then the `chinesecalendar` package for the years it knows, then Monday–Friday. A year that the
package does not know and that has not been marked as entered (`CalendarYear`) is counted Monday–Friday only and
every result touching it says so (`provisional`), because each year's schedule comes from the 国务院办公厅 notice
and an air-gapped machine cannot update the package.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain
from time import monotonic

import chinese_calendar
from chinese_calendar import constants as calendar_data
from peewee import BooleanField, CharField, DateField, IntegerField

from models.core import audit
from models.core.db import DB, BaseModel, tuples
from models.core.errors import ValidationError
from models.core.rights import Right, require

PACKAGE_YEARS = frozenset(d.year for d in calendar_data.holidays) | frozenset(
    d.year for d in calendar_data.workdays
)

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

MAX_SPAN_DAYS = 3660  # no deadline in an office runs ten years; guards loops against typos like 20260


class CalendarDay(BaseModel):
    """A day that differs from the usual week: a holiday on a weekday, or a 调休 workday on a weekend."""

    day = DateField(unique=True)
    is_workday = BooleanField()
    name = CharField(max_length=32, default="")


class CalendarYear(BaseModel):
    """A year whose schedule the 系统管理员 has entered in full (so its dates are no longer provisional)."""

    year = IntegerField(unique=True)
    note = CharField(max_length=128, default="")  # e.g. the notice it came from: 国办发明电〔2026〕N号
    entered_by = CharField(max_length=32, default="")


@dataclass(frozen=True)
class DayInfo:
    day: date
    is_workday: bool
    name: str
    source: str  # "table" | "package" | "weekday" | "provisional"

    @property
    def kind_text(self) -> str:
        if self.is_workday:
            return "调休上班" if self.day.weekday() >= 5 else "工作日"
        return self.name or ("周末" if self.day.weekday() >= 5 else "休息")


@dataclass(frozen=True)
class Deadline:
    """A date counted in working days; `provisional` when a year without data was crossed."""

    date: date
    provisional: bool = False
    unknown_years: tuple[int, ...] = ()

    @property
    def warning(self) -> str:
        return provisional_warning(self.unknown_years)


@dataclass(frozen=True)
class Count:
    days: int
    provisional: bool = False
    unknown_years: tuple[int, ...] = ()

    @property
    def warning(self) -> str:
        return provisional_warning(self.unknown_years)


def provisional_warning(years: Iterable[int]) -> str:
    years = sorted(set(years))
    if not years:
        return ""
    text = "、".join(f"{y}年" for y in years)
    return (f"{text}的节假日安排尚未录入，期限暂按周一至周五推算，仅供参考。"
            "请系统管理员在「系统 → 节假日安排」中录入后自动更正。")


# Another workstation on the same database (the office's PostgreSQL server) may enter a year's holidays while this
# program runs all day: the table is read again once it is this old, so its deadlines follow within a minute.
SNAPSHOT_SECONDS = 60.0


@dataclass
class _Snapshot:
    overrides: dict[date, tuple[bool, str]] = field(default_factory=dict)
    entered_years: frozenset[int] = frozenset()
    # each day looked up once per snapshot: the package's lookup costs ≈ 30 µs, and 今日 and the 督查台账 count
    # working days across years for thousands of items (forgotten with the snapshot, so never stale)
    days: dict[date, "DayInfo"] = field(default_factory=dict)
    read_at: float = 0.0  # time.monotonic(): an interval, not the date (the date is models.core.clock's)


_snapshot: _Snapshot | None = None


def invalidate() -> None:
    """Forget the cached table (after a change here, a restore, or a switch of database)."""
    global _snapshot
    _snapshot = None


def _table() -> _Snapshot:
    global _snapshot
    if _snapshot is None or monotonic() - _snapshot.read_at > SNAPSHOT_SECONDS:
        overrides = {row.day: (row.is_workday, row.name) for row in CalendarDay.select()}
        years = frozenset(y for (y,) in tuples(CalendarYear.select(CalendarYear.year)))
        _snapshot = _Snapshot(overrides, years, read_at=monotonic())
    return _snapshot


def year_known(year: int) -> bool:
    return year in PACKAGE_YEARS or year in _table().entered_years


def day_info(day: date) -> DayInfo:
    table = _table()
    known = table.days.get(day)
    if known is None:
        known = table.days[day] = _look_up(table, day)
    return known


def _look_up(table: _Snapshot, day: date) -> DayInfo:
    if day in table.overrides:
        workday, name = table.overrides[day]
        return DayInfo(day, workday, name, "table")
    if day.year in PACKAGE_YEARS:
        holiday, english = chinese_calendar.get_holiday_detail(day)
        name = HOLIDAY_NAMES.get(getattr(english, "value", english) or "", "") if english else ""
        if not holiday and day.weekday() >= 5:
            name = f"{name}调休上班" if name else "调休上班"
        return DayInfo(day, not holiday, name, "package")
    source = "weekday" if day.year in table.entered_years else "provisional"
    return DayInfo(day, day.weekday() < 5, "", source)


def is_workday(day: date) -> bool:
    return day_info(day).is_workday


def add_workdays(start: date, days: int) -> Deadline:
    """The `days`-th working day after `start` (`start` itself not counted): 办理时限 of N 个工作日."""
    if not isinstance(days, int) or days < 0:
        raise ValidationError("days", "工作日天数应为 0 或正整数。")
    if days > MAX_SPAN_DAYS // 2:
        raise ValidationError("days", f"工作日天数 {days} 过大，请检查是否输错。")
    current, unknown = start, set()
    if not year_known(current.year):
        unknown.add(current.year)
    remaining = days
    while remaining:
        current += timedelta(days=1)
        info = day_info(current)
        if info.source == "provisional":
            unknown.add(current.year)
        if info.is_workday:
            remaining -= 1
    return Deadline(current, bool(unknown), tuple(sorted(unknown)))


def workdays_between(start: date, end: date) -> Count:
    """Working days in (start, end]; negative when end is before start (how late something is)."""
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValidationError("date", "两个日期相隔超过十年，请检查日期是否输错。")
    unknown, total, current = set(), 0, start
    while current < end:
        current += timedelta(days=1)
        info = day_info(current)
        if info.source == "provisional":
            unknown.add(current.year)
        total += info.is_workday
    return Count(sign * total, bool(unknown), tuple(sorted(unknown)))


def special_days(year: int) -> list[DayInfo]:
    """The holidays and 调休 workdays of a year, from the package and the table, in date order."""
    days: dict[date, DayInfo] = {}
    if year in PACKAGE_YEARS:
        for d in chain(calendar_data.holidays, calendar_data.workdays):
            if d.year == year:
                days[d] = day_info(d)
    for d in _table().overrides:
        if d.year == year:
            days[d] = day_info(d)
    return [days[d] for d in sorted(days)]


@dataclass(frozen=True)
class YearStatus:
    year: int
    known: bool
    source: str  # "package" | "entered" | "missing"
    note: str = ""


def year_status(year: int) -> YearStatus:
    row = CalendarYear.get_or_none(CalendarYear.year == year)
    if row:
        return YearStatus(year, True, "entered", row.note)
    if year in PACKAGE_YEARS:
        return YearStatus(year, True, "package")
    return YearStatus(year, False, "missing")


@dataclass(frozen=True)
class ScheduleEntry:
    day: date
    is_workday: bool
    name: str


def apply_schedule(actor, entries: list[ScheduleEntry], complete_years: Iterable[int] = (),
                   note: str = "", replace_years: bool = True) -> int:
    """Write a year's schedule (from the editor or an imported file) in one transaction.

    With `replace_years`, the table's earlier rows for the years in `complete_years` are replaced, so importing a
    corrected notice twice does not leave stale days behind. Returns the number of days written.
    """
    require(actor, Right.EDIT_HOLIDAYS, "修改节假日安排")
    years = sorted(set(complete_years))
    seen: dict[date, ScheduleEntry] = {}
    for entry in entries:
        if entry.day in seen and seen[entry.day].is_workday != entry.is_workday:
            raise ValidationError("day", f"{entry.day:%Y年%m月%d日} 同时被写成放假和上班，请核对。")
        seen[entry.day] = entry
    with DB.atomic():
        before = {}
        if replace_years and years:
            for y in years:
                rows = CalendarDay.select().where(
                    (CalendarDay.day >= date(y, 1, 1)) & (CalendarDay.day <= date(y, 12, 31)))
                before.update({r.day.isoformat(): _entry_text(r.is_workday, r.name) for r in rows})
                CalendarDay.delete().where(
                    (CalendarDay.day >= date(y, 1, 1)) & (CalendarDay.day <= date(y, 12, 31))).execute()
        for entry in seen.values():
            existing = CalendarDay.get_or_none(CalendarDay.day == entry.day)
            if existing:
                before.setdefault(entry.day.isoformat(), _entry_text(existing.is_workday, existing.name))
                existing.is_workday, existing.name = entry.is_workday, entry.name.strip()[:32]
                existing.save()
            else:
                CalendarDay.create(day=entry.day, is_workday=entry.is_workday, name=entry.name.strip()[:32])
        for y in years:
            row = CalendarYear.get_or_none(CalendarYear.year == y)
            if row is None:
                CalendarYear.create(year=y, note=note[:128], entered_by=actor.username)
            elif note:
                row.note = note[:128]
                row.save()
        audit.record(
            actor, "holiday_change", "calendar", f"录入节假日安排 {len(seen)} 天"
            + (f"（{'、'.join(str(y) for y in years)}年安排录入完毕）" if years else ""),
            before=before, after={e.day.isoformat(): _entry_text(e.is_workday, e.name) for e in seen.values()},
        )
    invalidate()
    return len(seen)


def remove_day(actor, day: date) -> None:
    require(actor, Right.EDIT_HOLIDAYS, "修改节假日安排")
    row = CalendarDay.get_or_none(CalendarDay.day == day)
    if row is None:
        raise ValidationError("day", f"节假日表中没有 {day:%Y年%m月%d日}。")
    with DB.atomic():
        CalendarDay.delete().where(CalendarDay.id == row.id).execute()
        audit.record(actor, "holiday_change", "calendar", f"删除 {day:%Y-%m-%d} 的节假日安排",
                     before={day.isoformat(): _entry_text(row.is_workday, row.name)})
    invalidate()


def set_year_entered(actor, year: int, entered: bool, note: str = "") -> None:
    """Mark a year's schedule as entered in full (or take the mark back)."""
    require(actor, Right.EDIT_HOLIDAYS, "修改节假日安排")
    if not 2000 <= year <= 2100:
        raise ValidationError("year", "年份应在 2000–2100 之间。")
    with DB.atomic():
        row = CalendarYear.get_or_none(CalendarYear.year == year)
        if entered and row is None:
            CalendarYear.create(year=year, note=note[:128], entered_by=actor.username)
        elif not entered and row is not None:
            CalendarYear.delete().where(CalendarYear.id == row.id).execute()
        else:
            return
        audit.record(actor, "holiday_change", f"calendar:{year}",
                     f"{'标记' if entered else '取消标记'} {year} 年节假日安排已录入完毕",
                     before={"entered": not entered}, after={"entered": entered})
    invalidate()


def _entry_text(is_workday: bool, name: str) -> str:
    return f"{'上班' if is_workday else '放假'}{'·' + name if name else ''}"
