"""The words of 值班 work (DOMAIN.md §3): entry kinds, incident grades, shifts and the reporting clock's limits."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from models.core.errors import ValidationError
from models.core.text import clean

ENTRY_KINDS = ("来电", "来文", "传真", "突发事件", "其他")
GRADES = ("特别重大", "重大", "较大", "一般")  # 突发事件应对法 第3条: Ⅰ–Ⅳ
GRADE_NUMBER = {g: n for n, g in enumerate(GRADES, start=1)}
ABSENCE_KINDS = ("出差", "出访", "学习", "开会", "休假", "病事假", "其他")
DAY_PARTS = ("上午", "下午", "晚上")
ROLES = {"leader": "带班领导", "officer": "值班员"}


@dataclass(frozen=True)
class Shift:
    name: str
    start: time
    end: time  # at or before `start`: ends the next day

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def span(self, day: date) -> tuple[datetime, datetime]:
        """When this shift of duty day `day` begins and ends."""
        begin = datetime.combine(day, self.start)
        finish = datetime.combine(day + timedelta(days=1) if self.overnight else day, self.end)
        return begin, finish

    @property
    def text(self) -> str:
        return f"{self.name} {self.start:%H:%M}-{self.end:%H:%M}"


SHIFT_PART = re.compile(r"^(\S{1,6})\s*(\d{1,2})[:：](\d{2})\s*[-－—~～至到]\s*(\d{1,2})[:：](\d{2})$")


def parse_shifts(text: str) -> tuple[Shift, ...]:
    """「白班 08:30-17:30；夜班 17:30-08:30」 → the day's shifts, which must follow one another round the clock."""
    parts = [p for p in re.split(r"[；;，,、\n]+", clean(text)) if p.strip()]
    shifts: list[Shift] = []
    for part in parts:
        match = SHIFT_PART.match(part.strip())
        if not match:
            raise ValidationError("duty_shifts", f"班次「{part}」看不懂，应写成「名称 开始-结束」，如「白班 08:30-17:30」。")
        name, h1, m1, h2, m2 = match.groups()
        try:
            shifts.append(Shift(name, time(int(h1), int(m1)), time(int(h2), int(m2))))
        except ValueError:
            raise ValidationError("duty_shifts", f"班次「{part}」的时间不对，小时应为 0–23，分钟 0–59。") from None
    if not shifts:
        raise ValidationError("duty_shifts", "请至少设置一个班次，如「全天 08:30-08:30」。")
    if len({s.name for s in shifts}) != len(shifts):
        raise ValidationError("duty_shifts", "班次名称不能重复。")
    for current, following in zip(shifts, shifts[1:] + shifts[:1], strict=True):
        if current.end != following.start:
            raise ValidationError("duty_shifts", f"「{current.name}」结束于 {current.end:%H:%M}，下一班「{following.name}」"
                                                 f"却从 {following.start:%H:%M} 开始：班次要首尾相接，覆盖全天 24 小时。")
    return tuple(shifts)


def shift_at(shifts: tuple[Shift, ...], moment: datetime) -> tuple[date, Shift]:
    """The duty day and shift on duty at `moment` (03:00 belongs to the previous day's night shift)."""
    for day in (moment.date(), moment.date() - timedelta(days=1)):
        for shift in shifts:
            begin, finish = shift.span(day)
            if begin <= moment < finish:
                return day, shift
    raise AssertionError("parse_shifts guarantees the shifts cover the clock")


def parse_grade(value: object, field: str = "grade") -> str:
    text = clean(value).replace("突发事件", "").replace("级", "").strip()
    roman = {"Ⅰ": "特别重大", "Ⅱ": "重大", "Ⅲ": "较大", "Ⅳ": "一般", "I": "特别重大", "II": "重大", "III": "较大",
             "IV": "一般"}
    text = roman.get(text.upper(), text)
    if text not in GRADES:
        raise ValidationError(field, f"事件等级「{clean(value)}」无法识别，应为：{'、'.join(GRADES)}（或未定时留空）。")
    return text


def report_limits(grade: str) -> tuple[int, int]:
    """(电话报告, 书面报告) time limits in minutes for a grade, as the office set them."""
    from models.core import settings

    number = GRADE_NUMBER[grade]
    return settings.get(f"report_phone_{number}"), settings.get(f"report_written_{number}")


def minutes_text(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} 分钟"
    hours, rest = divmod(minutes, 60)
    return f"{hours} 小时" + (f" {rest} 分钟" if rest else "")


def chinese_ordinal(number: int) -> str:
    """1 → 一, 12 → 十二 (item headings 一、二、 and 续报一)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def month_day(day) -> str:
    """12月2日, without the leading zeros strftime gives."""
    return f"{day.month}月{day.day}日"
