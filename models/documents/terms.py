"""The vocabularies of 公文 (DOMAIN.md §0, §1): 文种, 密级, 紧急程度, 保管期限, and how to read them from what
people type or what old ledgers contain."""

import re
from typing import overload

from models.core.errors import ValidationError
from models.core.marks import CLASSIFIED, highest_secrecy  # noqa: F401 - 公文 names them too
from models.core.text import clean

# 条例 第8条: the 15 文种, then what offices also register.
DOC_TYPES = ("决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
             "议案", "函", "纪要", "简报", "明传电报", "其他")
NOT_SECRET = "非密"
INTERNAL = "内部"  # 工作秘密: marked, but not a 国家秘密 level
SECRECY = (NOT_SECRET, INTERNAL, "秘密", "机密", "绝密")
MAX_TERM_YEARS = {"秘密": 10, "机密": 20, "绝密": 30}  # 保密法 第20条
URGENCY = ("无", "加急", "特急", "平急", "特提")
RETENTION = ("永久", "定期30年", "定期10年")
RETENTION_CODES = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}




def infer_doc_type(title: str) -> str:
    """The 文种 a title ends with (关于…的通知 → 通知), or 其他."""
    for kind in sorted(DOC_TYPES[:-1], key=len, reverse=True):
        if title.endswith(kind):
            return kind
    return "其他"


def parse_secrecy(value: object, field: str = "secrecy") -> tuple[str, str]:
    """(密级, 保密期限) from 「机密」「秘密★1年」「机密★」「内部」 or blank (非密)."""
    text = clean(value).replace("*", "★").replace("☆", "★")
    if text in ("", "无", "-", "—", "公开", "非涉密", NOT_SECRET):
        return NOT_SECRET, ""
    level, _, term = text.partition("★")
    level = level.strip()
    if level in ("内部", "工作秘密", "内部资料"):
        return INTERNAL, ""
    if level not in CLASSIFIED:
        raise ValidationError(field, f"密级「{text}」无法识别，应为 非密、内部、秘密、机密 或 绝密（可写成「秘密★1年」）。")
    return level, check_term(level, term, field)


def check_term(level: str, term: object, field: str = "secrecy_term") -> str:
    """保密期限: 「5年」「6个月」, a 解密时间 or 解密条件 (free text), or blank (deemed the legal maximum)."""
    text = clean(term)
    if level not in CLASSIFIED:
        if text:
            raise ValidationError(field, f"{level}文件不标保密期限，请清空「保密期限」或改选密级。")
        return ""
    years = re.fullmatch(r"(\d+)\s*年", text)
    if years and int(years.group(1)) > MAX_TERM_YEARS[level]:
        raise ValidationError(
            field, f"{level}文件的保密期限最长 {MAX_TERM_YEARS[level]} 年（保密法第二十条），您填的是 {text}。")
    if years and int(years.group(1)) == 0:
        raise ValidationError(field, "保密期限不能为 0 年；不足一年请写成「6个月」。")
    return text


def secrecy_mark(level: str, term: str) -> str:
    """国家秘密标志 as printed: 机密★5年, or the level alone."""
    if level in CLASSIFIED:
        return f"{level}★{term}" if term else f"{level}★"
    return "" if level == NOT_SECRET else level


def parse_urgency(value: object, field: str = "urgency") -> str:
    text = clean(value)
    if text in ("", "无", "一般", "普通", "平件", "-", "—"):
        return "无"
    if text not in URGENCY:
        raise ValidationError(field, f"紧急程度「{text}」无法识别，应为 特急、加急（电报另有 特提、平急），或留空。")
    return text



MOST_COUNT = 99_999  # 份数, 页数: more is a typing slip (and past 2**63 the database refuses the number outright)


@overload
def parse_count(value: object, label: str, field: str, required: bool = False, *, default: int) -> int: ...
@overload
def parse_count(value: object, label: str, field: str, required: bool = False, default: None = None) -> int | None: ...
def parse_count(value: object, label: str, field: str, required: bool = False, default: int | None = None) -> int | None:
    """A positive whole number typed as 3, 「3份」, 「３」 or 3.0."""
    text = clean(value)
    if text == "":
        if required and default is None:
            raise ValidationError(field, f"请填写{label}。")
        return default
    match = re.fullmatch(r"(\d+)(?:\.0+)?\s*(份|页|件|张)?", text)
    if not match or int(match.group(1)) == 0:
        raise ValidationError(field, f"{label}「{text[:30]}」应为正整数，例如 3。")
    if int(match.group(1)) > MOST_COUNT:
        raise ValidationError(field, f"{label}「{text[:30]}」太大了（最多 {MOST_COUNT}），请核对。")
    return int(match.group(1))


def parse_copy_numbers(value: object, field: str = "copy_nos") -> list[str]:
    """份号: 「000012」, 「12,13」, 「000012-000014」 → six-digit copy numbers (GB/T 9704: 6 位)."""
    text = clean(value).replace("，", ",").replace("、", ",").replace("～", "-").replace("~", "-").replace("至", "-")
    numbers: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        bounds = part.split("-")
        if not all(b.strip().isdigit() for b in bounds) or len(bounds) > 2:
            raise ValidationError(field, f"份号「{part}」应为数字，多个用逗号分隔，连续的写成「000012-000014」。")
        low, high = int(bounds[0]), int(bounds[-1])
        if low == 0 or high < low or high - low > 999 or high > 999999:
            raise ValidationError(field, f"份号「{part}」不对：应为 1 到 999999 之间、从小到大的号码。")
        numbers.extend(range(low, high + 1))
    if len(set(numbers)) != len(numbers):
        raise ValidationError(field, "份号有重复，请检查。")
    return [f"{n:06d}" for n in numbers]


def copy_numbers_text(numbers: list[str]) -> str:
    """Six-digit copy numbers back as a short text: 000012-000014,000020."""
    if not numbers:
        return ""
    values = sorted(int(n) for n in numbers)
    runs, start, prev = [], values[0], values[0]
    for n in values[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(f"{start:06d}" if start == prev else f"{start:06d}-{prev:06d}")
        if n is not None:
            start = prev = n
    return ",".join(runs)
