"""The vocabularies of 督查督办 (DOMAIN.md §5) and how to read them from what people type or old 台账 contain:
来源类型, 答复类别, 满意度, 催办方式, and 办结时限 as a date or as 「N个工作日」「N天」「N个月」 from 交办."""

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from models.core import workdays
from models.core.errors import ValidationError
from models.core.text import clean
from models.core.validators import _cn_number, parse_date

SOURCES = ("领导批示件", "会议议定事项", "人大代表建议", "政协提案", "上级部署", "文件要求", "其他")
PROPOSALS = ("人大代表建议", "政协提案")  # 代表法: answer within 3 months of 交办, 6 for difficult ones
PROPOSAL_MAX_MONTHS = 6
# What offices write in the 来源 column or on the command line, beside the full names.
SOURCE_WORDS = {
    "批示": "领导批示件", "批示件": "领导批示件", "领导批示": "领导批示件",
    "会议": "会议议定事项", "会议议定": "会议议定事项", "议定事项": "会议议定事项", "会议纪要": "会议议定事项",
    "人大建议": "人大代表建议", "代表建议": "人大代表建议", "建议": "人大代表建议", "人大代表议案": "人大代表建议",
    "提案": "政协提案", "政协委员提案": "政协提案",
    "上级决策部署": "上级部署", "上级交办": "上级部署", "部署": "上级部署",
    "文件": "文件要求",
}
ANSWER_CLASSES = {"A": "已解决或采纳", "B": "正在解决或列入计划", "C": "留作参考"}
SATISFACTION = ("满意", "基本满意", "不满意")
URGE_METHODS = ("电话", "书面", "面催", "短信", "督办单")
SLIP_LEVELS = (1, 2, 3)
SECRECY = ("非密", "内部", "秘密", "机密", "绝密")
CLASSIFIED = ("秘密", "机密", "绝密")


def parse_source(value: object, field: str = "source_type") -> str:
    """The 来源类型 from its full name or the short words offices use (「人大建议」「批示件」…)."""
    text = clean(value).replace(" ", "")
    if text in SOURCES:
        return text
    if text in SOURCE_WORDS:
        return SOURCE_WORDS[text]
    if not text:
        raise ValidationError(field, f"请选择来源类型：{'、'.join(SOURCES)}。")
    raise ValidationError(field, f"来源类型「{text[:20]}」无法识别，应为：{'、'.join(SOURCES)}。")


def parse_secrecy(value: object, field: str = "secrecy") -> str:
    text = clean(value).partition("★")[0].strip()
    if text in ("", "无", "-", "—", "公开", "非涉密"):
        return "非密"
    if text not in SECRECY:
        raise ValidationError(field, f"密级「{text[:10]}」无法识别，应为：{'、'.join(SECRECY)}。")
    return text


def rank(secrecy: str) -> int:
    return SECRECY.index(secrecy) if secrecy in SECRECY else 0


def check_colour(text: str) -> None:
    """A colour name for a level of the ladder: one to four characters, no blanks (it is printed in 「×色督办单」)."""
    if not re.fullmatch(r"[^\s，,。；;]{1,4}", text or ""):
        raise ValidationError("colour", "颜色名称应为 1 到 4 个字，如「蓝」「黄」「橙」「红」。")


@dataclass(frozen=True)
class Limit:
    """办结时限: the date, the words it was given in (「20个工作日」, or "" for a date), and whether it was counted
    across a year whose 调休 is not entered (provisional)."""

    due: date
    rule: str = ""
    provisional: bool = False
    warning: str = ""


LIMIT_WORDS = re.compile(r"(\d+)\s*(个工作日|工作日|个自然日|自然日|天|日|个月|月)(内)?")


def parse_limit(value: object, start: date, field: str = "due", start_label: str = "交办日期") -> Limit:
    """办结时限 from a date, or from 「N个工作日」(调休-aware), 「N天」(calendar days) or 「N个月」 after `start`
    (交办日期, or the 时限 an extension starts from: `start_label`). Chinese numerals are read (「三个月」)."""
    if isinstance(value, date):
        return _after_start(Limit(value), start, field, start_label)
    text = re.sub(r"\s", "", clean(value))
    if not text:
        raise ValidationError(field, "请填写办结时限：一个日期，或「20个工作日」「30天」「3个月」。")
    words = LIMIT_WORDS.fullmatch(_cn_number(text.replace("两", "二")))
    if words is None:
        try:
            day = parse_date(value, field, start.year)
        except ValidationError as exc:
            if "无法识别" not in exc.message:
                raise  # a date that does not exist says so
            raise ValidationError(field, f"办结时限「{text[:20]}」无法识别，请写成日期（如 2026-06-30），"
                                         "或「20个工作日」「30天」「3个月」。") from None
        return _after_start(Limit(day), start, field, start_label)
    count, unit = int(words.group(1)), words.group(2)
    if count <= 0:
        raise ValidationError(field, f"办结时限「{text}」应大于 0。")
    if "工作日" in unit:
        deadline = workdays.add_workdays(start, count)
        return Limit(deadline.date, f"{count}个工作日", deadline.provisional, deadline.warning)
    if "月" in unit:
        if count > 24:
            raise ValidationError(field, f"办结时限「{text}」超过两年，请检查是否输错。")
        return Limit(start + relativedelta(months=count), f"{count}个月")
    if count > 730:
        raise ValidationError(field, f"办结时限「{text}」超过两年，请检查是否输错。")
    return Limit(date.fromordinal(start.toordinal() + count), f"{count}天")


def _after_start(limit: Limit, start: date, field: str, start_label: str) -> Limit:
    if limit.due < start:
        raise ValidationError(field, f"办结时限 {limit.due:%Y-%m-%d} 早于{start_label} {start:%Y-%m-%d}，请核对。")
    return limit


def proposal_limit(source: str, start: date, due: date, field: str = "due") -> None:
    """建议/提案 are answered within 6 months of 交办 at most (代表法; 政协 practice): refuse a later 时限."""
    if source in PROPOSALS and due > start + relativedelta(months=PROPOSAL_MAX_MONTHS):
        raise ValidationError(field, f"{source}应自交办之日起{PROPOSAL_MAX_MONTHS}个月内答复（{start:%Y-%m-%d} 交办，"
                                     f"最迟 {start + relativedelta(months=PROPOSAL_MAX_MONTHS):%Y-%m-%d}），"
                                     f"您填的办结时限是 {due:%Y-%m-%d}。")


def parse_answer_class(value: object, field: str = "answer_class") -> str:
    text = clean(value).upper().removesuffix("类")
    if text not in ANSWER_CLASSES:
        named = "、".join(f"{k}（{v}）" for k, v in ANSWER_CLASSES.items())
        said = f"答复类别「{text}」无法识别，应为" if text else "请填写答复类别"
        raise ValidationError(field, f"{said}：{named}。")
    return text


def parse_percent(value: object, field: str = "percent") -> int:
    text = clean(value).removesuffix("%").removesuffix("％").strip()
    try:
        number = float(text)
    except ValueError:
        raise ValidationError(field, f"办理进度应为 0 到 100 的数字（百分比），您填的是「{text[:10]}」。") from None
    if not 0 <= number <= 100 or not number.is_integer():
        raise ValidationError(field, f"办理进度应为 0 到 100 的整数（百分比），您填的是「{text[:10]}」。")
    return int(number)
