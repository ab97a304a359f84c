"""Checklist deadlines as offices write them (「会前5个工作日」「会前1天」「会议当天」「会后3个工作日」「会后3天」
「会前2小时」), parsed once and counted from the meeting date (DOMAIN.md §2.2).

Working days count with 调休 (models.core.workdays); calendar days count as written, and a calendar-day deadline that
falls on a day off moves to the working day before (会前) or after (会后), said beside the item.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from models.core import workdays
from models.core.errors import ValidationError
from models.core.text import clean

CN_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PATTERN = re.compile(r"^(会前|会后)\s*(\d+|[一二两三四五六七八九十]{1,3})\s*(个工作日|工作日|天|日|个小时|小时)$")
SAME_DAY = ("会议当天", "当天", "会中", "会议期间")
EXAMPLES = "「会前5个工作日」「会前1天」「会议当天」「会后3个工作日」「会后3天」「会前2小时」"
MAX_DAYS = 366


@dataclass(frozen=True)
class Rule:
    """A parsed deadline: `days` before (negative) or after the meeting, in working or calendar days."""

    text: str
    days: int
    working: bool

    @property
    def same_day(self) -> bool:
        return self.days == 0


@dataclass(frozen=True)
class Due:
    day: date
    note: str = ""  # moved off a day off, or counted in a year whose holidays are not entered


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        high, _, low = text.partition("十")
        return CN_NUMBERS.get(high, 1) * 10 + CN_NUMBERS.get(low, 0)
    return CN_NUMBERS[text]


def parse(value: object, field: str = "deadline") -> Rule:
    """The rule a deadline text states, or a ValidationError that shows how to write one."""
    text = clean(value).replace(" ", "")
    if not text:
        raise ValidationError(field, f"请填写时限，如{EXAMPLES}。")
    if text in SAME_DAY:
        return Rule("会议当天", 0, False)
    match = PATTERN.match(text)
    if not match:
        raise ValidationError(field, f"时限「{text}」无法识别，应写作{EXAMPLES}。")
    where, number, unit = match.groups()
    days = _number(number)
    if "小时" in unit:  # 签到 T−10 min, 会场检查 T−2 h: the meeting day itself
        return Rule(f"{where}{days}小时", 0, False)
    if days > MAX_DAYS:
        raise ValidationError(field, f"时限「{text}」超过一年，请检查是否输错。")
    working = "工作日" in unit
    sign = -1 if where == "会前" else 1
    return Rule(f"{where}{days}{'个工作日' if working else '天'}", sign * days, working)


def _workdays_before(day: date, count: int) -> tuple[date, set[int]]:
    """The `count`-th working day before `day` (`day` not counted), and the years counted without data."""
    unknown: set[int] = set()
    current = day
    while count:
        current -= timedelta(days=1)
        info = workdays.day_info(current)
        if info.source == "provisional":
            unknown.add(current.year)
        if info.is_workday:
            count -= 1
    return current, unknown


def due_date(rule: Rule, meeting_day: date) -> Due:
    """The day an item with `rule` falls due for a meeting on `meeting_day`."""
    if rule.same_day:
        return Due(meeting_day)
    if rule.working:
        if rule.days < 0:
            day, unknown = _workdays_before(meeting_day, -rule.days)
        else:
            deadline = workdays.add_workdays(meeting_day, rule.days)
            day, unknown = deadline.date, set(deadline.unknown_years)
        return Due(day, workdays.provisional_warning(unknown))
    day = meeting_day + timedelta(days=rule.days)
    info = workdays.day_info(day)
    if info.is_workday:
        return Due(day, workdays.provisional_warning([day.year] if info.source == "provisional" else []))
    step = -1 if rule.days < 0 else 1
    moved = day
    while not workdays.is_workday(moved):
        moved += timedelta(days=step)
    way = "提前" if step < 0 else "顺延"
    return Due(moved, f"{day.month}月{day.day}日为{info.kind_text}，{way}至{moved.month}月{moved.day}日。")
