"""Importing a year's holiday schedule (the 国务院办公厅 notice typed into a small sheet).

One row per day or per range: 日期 | 安排 (放假/上班) | 名称. Ranges like 「2027-02-06至2027-02-12」 are
expanded. Every bad row is reported with its row number; nothing is written unless every row is valid.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from importers.sheet import is_blank, read_rows
from models.core import workdays
from models.core.errors import ValidationError
from models.core.rights import Right, require
from models.core.validators import parse_date

HOLIDAY_WORDS = ("放假", "休息", "休假", "假日", "节假日", "假", "休")
WORKDAY_WORDS = ("上班", "补班", "调休上班", "工作日", "班")
RANGE = re.compile(r"^(.+?)\s*(?:至|到|~|～|—|--)\s*(.+)$")


@dataclass
class ScheduleFile:
    entries: list[workdays.ScheduleEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    years: set[int] = field(default_factory=set)

    def summary(self) -> str:
        years = "、".join(f"{y}年" for y in sorted(self.years)) or "无"
        holidays = sum(not e.is_workday for e in self.entries)
        return f"共 {len(self.entries)} 天（放假 {holidays} 天，调休上班 {len(self.entries) - holidays} 天），年份：{years}"


def _kind(value: object) -> bool:
    text = str(value or "").strip()
    if text in WORKDAY_WORDS or text.endswith("上班"):
        return True
    if text in HOLIDAY_WORDS or text.endswith("放假"):
        return False
    raise ValidationError("kind", f"安排「{text or '空'}」无法识别，请写「放假」或「上班」。")


def _days(value: object) -> list[date]:
    if isinstance(value, str) and (match := RANGE.match(value.strip())):
        first = parse_date(match.group(1), "date")
        last = parse_date(match.group(2), "date", year_hint=first.year)
        if last < first:
            raise ValidationError("date", f"日期范围「{value.strip()}」的结束早于开始。")
        if (last - first).days > 31:
            raise ValidationError("date", f"日期范围「{value.strip()}」超过一个月，请核对。")
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return [parse_date(value, "date")]


def read_schedule(path: str | Path) -> ScheduleFile:
    result = ScheduleFile()
    started = False
    for number, row in read_rows(path):
        cells = (list(row) + [None, None, None])[:3]
        if is_blank(cells):
            continue
        if not started:
            try:
                _kind(cells[1])
            except ValidationError:
                continue  # title and header rows above the first day: they name no 放假/上班
        started = True
        problems = []
        days: list[date] = []
        is_workday = False
        try:
            days = _days(cells[0])
        except ValidationError as exc:
            problems.append(exc.message)
        try:
            is_workday = _kind(cells[1])
        except ValidationError as exc:
            problems.append(exc.message)
        if problems:
            result.errors.append(f"第 {number} 行：{'；'.join(problems)}")
            continue
        name = str(cells[2] or "").strip()
        for day in days:
            result.entries.append(workdays.ScheduleEntry(day, is_workday, name))
            result.years.add(day.year)
    if not started and not result.errors:
        result.errors.append("文件中没有找到任何日期行。每行应为：日期 | 放假或上班 | 名称，如「2027-01-01 | 放假 | 元旦」。")
    return result


def import_schedule(actor, path: str | Path, dry_run: bool = False) -> ScheduleFile:
    """Read, check, and (unless dry_run or any row is bad) write the schedule and mark its years entered."""
    require(actor, Right.EDIT_HOLIDAYS, "导入节假日安排")
    schedule = read_schedule(path)
    if not schedule.errors and not dry_run:
        workdays.apply_schedule(actor, schedule.entries, schedule.years, note=f"由文件 {Path(path).name} 导入")
    return schedule
