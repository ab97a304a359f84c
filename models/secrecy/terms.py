"""The words of the 涉密人员库 (DOMAIN.md §4): levels, kinds, states, and how a typed value becomes one of them."""

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from models.core import settings
from models.core.errors import ValidationError
from models.core.text import clean

LEVELS = ("核心", "重要", "一般")  # 保密法 第43条; index + 1 is the settings suffix (declass_months_1 …)
NATURES = ("在编", "借调", "跟班学习", "挂职", "聘用")  # 人员性质
SECONDED = frozenset({"借调", "跟班学习", "挂职"})  # have a 派出单位 that reviewed them and takes them back
GENDERS = ("男", "女")
POLITICAL = ("中共党员", "中共预备党员", "共青团员", "民主党派成员", "无党派人士", "群众")
REVIEW_KINDS = ("上岗审查", "复审", "派出单位审查")
REVIEW_RESULTS = ("通过", "不通过")
PLEDGE_KINDS = ("上岗", "在岗", "离岗", "专项")
LEAVE_KINDS = ("离岗", "离职", "退休")  # 离岗: leaves the 涉密岗位 but stays in the agency
PASSPORT_KINDS = ("普通护照", "往来港澳通行证", "往来台湾通行证")
TRIP_DECISIONS = ("待审批", "批准", "不批准")

STATES = {
    "candidate": "拟任（审查中）",
    "on_post": "在岗",
    "declass": "脱密期中",
    "ended": "脱密期满",
    "refused": "不得上岗",
}
PASSPORT_STATES = {"in": "在库", "out": "借出", "cancelled": "已注销"}

_LEVEL_WORDS = {"核心": "核心", "重要": "重要", "一般": "一般", "ⅰ": "核心", "ⅱ": "重要", "ⅲ": "一般"}
_CLASSIFICATION = {"绝密": "核心", "机密": "重要", "秘密": "一般"}


def parse_level(value: object, field: str = "level") -> str:
    """「核心」「重要涉密人员」「一般岗位」 → the level; a 密级 typed by mistake gets its own hint."""
    text = re.sub(r"(涉密)?(人员|岗位|类|级|等级)$", "", clean(value).replace("涉密", "", 1).strip())
    if not text:
        raise ValidationError(field, "涉密等级是空的。应为核心、重要或一般。")
    if text.lower() in _LEVEL_WORDS:
        return _LEVEL_WORDS[text.lower()]
    if text in _CLASSIFICATION or clean(value) in _CLASSIFICATION:
        word = text if text in _CLASSIFICATION else clean(value)
        raise ValidationError(field, f"「{clean(value)}」是密级，不是涉密等级。涉密等级应为核心、重要或一般"
                                     f"（经常接触{word}事项的一般定为{_CLASSIFICATION[word]}）。")
    raise ValidationError(field, f"涉密等级「{clean(value)}」无法识别，应为核心、重要或一般。")



def highest(levels) -> str:
    """The highest of some levels (核心 > 重要 > 一般); "" when there are none."""
    ranked = sorted(LEVELS.index(v) for v in levels if v in LEVELS)
    return LEVELS[ranked[0]] if ranked else ""


def declass_months(level: str) -> int:
    """The policy's 脱密期 for a level, in months (editable by the 安全保密管理员; DOMAIN.md §4.2)."""
    return settings.get(f"declass_months_{LEVELS.index(level) + 1}")


def review_months(level: str) -> int:
    return settings.get(f"review_months_{LEVELS.index(level) + 1}")


def review_periods(values: dict[str, int]) -> dict[str, int]:
    """Every level's 复审 period from `settings.all_values()` (one read for a whole page of people)."""
    return {level: values[f"review_months_{n + 1}"] for n, level in enumerate(LEVELS)}


def add_months(day: date, months: int) -> date:
    """Calendar months on: 2026-01-31 + 1 month is 2026-02-28, never 03-03."""
    return day + relativedelta(months=months)


def months_text(months: int) -> str:
    years, rest = divmod(months, 12)
    return (f"{years}年" if years else "") + (f"{rest}个月" if rest else "") or "0个月"
