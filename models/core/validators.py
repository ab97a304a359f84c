"""Validators shared by every module: 身份证号, dates as people type them, 发文字号, phone numbers.

Each takes whatever a user or a spreadsheet cell holds and returns the clean value, or raises
`ValidationError` with a message that says what is wrong and how to write it. Nothing else escapes.
"""

import math
import re
import unicodedata
from datetime import date, datetime, timedelta

from models.core import clock
from models.core.errors import ValidationError

# GB 11643-1999: weights 2^(17-i) mod 11, check character by remainder.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# GB/T 2260 province-level codes (first two digits of the 地址码).
PROVINCES = frozenset({
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
})


def fold_digits(text: str) -> str:
    """Half-width text whose decimal digits of any script (Arabic-Indic ٣, Devanagari ३, full-width ３…) are
    ASCII 0–9: one person typed two ways must not become two records."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.decimal(c, None) is not None
                   else c for c in text)


def _text(value: object, field: str) -> str:
    """Cell or typed value as half-width text with ASCII digits, without surrounding blanks."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(field, "这里需要文字，单元格里是无效的数字。")
    text = value if isinstance(value, str) else str(value)
    return fold_digits(text).strip()


# Emoji and pictographs (So), control and format characters (Cc, Cf: e.g. a zero-width space or a right-to-left
# mark pasted from a web page), private-use and unassigned code points: none belongs in a 文号 or a person's name.
REFUSED_CATEGORIES = frozenset({"So", "Cc", "Cf", "Cs", "Co", "Cn"})


def check_plain(text: str, field: str, label: str) -> str:
    """`text` unchanged, or a ValidationError naming the first emoji, symbol or control character in it."""
    for position, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        if category in REFUSED_CATEGORIES or "\ufe00" <= char <= "\ufe0f":
            kind = "表情或图形符号" if category == "So" else "控制字符或不可见字符"
            shown = f"「{char}」" if category == "So" else f"（U+{ord(char):04X}）"
            raise ValidationError(field, f"{label}的第 {position} 个字符是{kind}{shown}，请删去后重新输入。")
    return text


def parse_whole(value: object, field: str, label: str, low: int, high: int, example: str) -> int:
    """A whole number typed in any script's digits (٣ ३ ３ all count), between `low` and `high`."""
    if isinstance(value, bool):
        raise ValidationError(field, f"{label}应为数字，如 {example}。")
    if isinstance(value, int):
        number = value
    else:
        text = re.sub(r"\s", "", _text(value, field))
        if not text:
            raise ValidationError(field, f"请填写{label}，如 {example}。")
        if not re.fullmatch(r"[+-]?[0-9]{1,30}", text):
            raise ValidationError(field, f"{label}「{text[:30]}」不是整数，请写阿拉伯数字，如 {example}。")
        number = int(text)
    if not low <= number <= high:
        raise ValidationError(field, f"{label} {str(number)[:30]} 超出范围，应在 {low}–{high} 之间，如 {example}。")
    return number


RECORD_ID_MAX = 2**63 - 1  # the largest id a database column holds


def parse_record_id(value: object, field: str = "id", label: str = "记录号") -> int:
    """A record number as typed (`--id`): a positive whole number the database can hold."""
    return parse_whole(value, field, label, 1, RECORD_ID_MAX, "--id 12")


def parse_year(value: object, field: str = "year") -> int:
    """A year as typed (`--year`), within the years the program keeps ledgers for."""
    return parse_whole(value, field, "年份", MIN_YEAR, MAX_YEAR, "2026")


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def parse_id_number(value: object, field: str = "id_number") -> str:
    """A valid 18-character 公民身份号码, upper-case X."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValidationError(
            field, "公民身份号码被存成了数字（Excel 会把18位数字的末几位变成0或写成科学计数法）。"
            "请把该列设为「文本」格式，重新输入号码后再导入。")
    text = re.sub(r"\s", "", _text(value, field)).upper()
    if not text:
        raise ValidationError(field, "请填写公民身份号码。")
    if len(text) == 15 and text.isdigit():
        raise ValidationError(field, "这是15位的旧身份证号码，请改用18位公民身份号码。")
    if len(text) != 18:
        raise ValidationError(field, f"公民身份号码应为18位，这里是{len(text)}位，请核对是否多输或漏输。")
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise ValidationError(field, "公民身份号码前17位应为数字，最后一位为数字或X。")
    if int(text[:2]) not in PROVINCES or text[2:6] == "0000":
        raise ValidationError(field, f"公民身份号码前6位地址码「{text[:6]}」不是有效的行政区划代码。")
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise ValidationError(field, f"公民身份号码中的出生日期「{text[6:14]}」不是真实日期。") from None
    if born.year < MIN_BIRTH_YEAR or born > clock.today():
        raise ValidationError(field, f"公民身份号码中的出生日期「{born:%Y年%m月%d日}」不合理，请核对。")
    expected = id_check_digit(text[:17])
    if text[17] != expected:
        raise ValidationError(field, "公民身份号码校验位不符（可能有数字输错或顺序颠倒），请逐位核对。")
    return text


def id_birth_date(id_number: str) -> date:
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def id_gender(id_number: str) -> str:
    return "男" if int(id_number[16]) % 2 else "女"


CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
             "六": "6", "七": "7", "八": "8", "九": "9"}

EXCEL_EPOCH = date(1899, 12, 30)  # with Lotus' 1900 leap-year bug folded in, valid from serial 61 on
MIN_YEAR, MAX_YEAR = 1900, 2100
MIN_BIRTH_YEAR = 1850

DATE_FORMS = "2026-03-05、2026.3.5、2026/3/5、2026年3月5日 或 20260305"


def _cn_number(text: str) -> str:
    """二〇二六年三月十五日 → 2026年3月15日 (years digit by digit, months and days with 十)."""

    def tens(match: re.Match) -> str:
        high = int(CN_DIGITS[match.group(1)]) if match.group(1) else 1
        low = int(CN_DIGITS[match.group(2)]) if match.group(2) else 0
        return str(high * 10 + low)

    text = re.sub(r"([一二三])?十([一二三四五六七八九])?", tens, text)
    return "".join(CN_DIGITS.get(c, c) for c in text)


def parse_date(value: object, field: str = "date", year_hint: int | None = None) -> date:
    """A date from a date cell, an Excel serial, or text in the forms people type.

    Text without a year ("3月5日", "3.5", "3/5") takes `year_hint`; without one it is refused rather than
    guessed, because a wrong year files a document in the wrong ledger.
    """
    if isinstance(value, datetime):
        return _in_range(value.date(), field)
    if isinstance(value, date):
        return _in_range(value, field)
    if isinstance(value, bool):
        raise ValidationError(field, f"这里应填写日期，如 {DATE_FORMS}。")
    if isinstance(value, int | float):
        return _from_serial(value, field)
    typed = re.sub(r"\s", "", _text(value, field))
    text = _cn_number(typed)
    if not text:
        raise ValidationError(field, "请填写日期。")
    text = re.sub(r"(日|号)$", "", text)
    match = (
        re.fullmatch(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})", text)
        or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    )
    if match:
        y, m, d = (int(g) for g in match.groups())
        return _build(y, m, d, field, typed)
    match = re.fullmatch(r"(\d{1,2})[-./月](\d{1,2})", text)
    if match:
        m, d = (int(g) for g in match.groups())
        if year_hint is None:
            raise ValidationError(field, f"日期「{typed[:40]}」没有写年份，请补上年份，如 {DATE_FORMS}。")
        return _build(year_hint, m, d, field, typed)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _from_serial(float(text), field)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?", text)
    if match:
        y, m, d = (int(g) for g in match.groups()[:3])
        return _build(y, m, d, field, typed)
    raise ValidationError(field, f"无法识别日期「{typed[:40]}」，请写成 {DATE_FORMS}。")


def _build(y: int, m: int, d: int, field: str, text: str) -> date:
    try:
        result = date(y, m, d)
    except ValueError:
        raise ValidationError(field, f"日期「{text}」不存在（月份或日数不对），请核对。") from None
    return _in_range(result, field)


def _in_range(result: date, field: str) -> date:
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise ValidationError(field, f"日期「{result.isoformat()}」的年份不合理，应在 {MIN_YEAR}–{MAX_YEAR} 年之间。")
    return result


def _from_serial(value: float, field: str) -> date:
    if not math.isfinite(value) or value < 61 or value > 73415:  # 1900-03-01 … 2100-12-31
        raise ValidationError(field, f"「{value}」不是有效的日期，请写成 {DATE_FORMS}。")
    return EXCEL_EPOCH + timedelta(days=int(value))


DOC_NO = re.compile(
    r"^(?P<prefix>.*?)\s*[〔\[(【［﹝｛{〈<《]\s*(?P<year>\d{4})\s*[〕\])】］﹞｝}〉>》]\s*第?\s*(?P<num>\d+)\s*号?$"
)


def normalize_doc_no(value: object, field: str = "doc_no") -> str:
    """发文字号 as GB/T 9704 writes it: 机关代字〔2026〕12号 (六角括号, no 第, no leading zeros)."""
    prefix, year, number = split_doc_no(value, field)
    return f"{prefix}〔{year}〕{number}号"


def split_doc_no(value: object, field: str = "doc_no") -> tuple[str, int, int]:
    """(机关代字, 年份, 序号) of a 发文字号, or a ValidationError saying what is missing."""
    text = re.sub(r"\s", "", _text(value, field))
    if not text:
        raise ValidationError(field, "请填写文号。")
    check_plain(text, field, f"文号「{text[:40]}」")
    match = DOC_NO.match(text)
    if not match:
        if re.search(r"\d{4}", text) is None:
            raise ValidationError(field, f"文号「{text[:40]}」缺少年份，应写成「X府发〔2026〕12号」。")
        raise ValidationError(field, f"无法识别文号「{text[:40]}」，应写成「机关代字〔年份〕序号号」，如「X府发〔2026〕12号」。")
    prefix, year, number = match.group("prefix"), int(match.group("year")), int(match.group("num"))
    if not prefix:
        raise ValidationError(field, f"文号「{text[:40]}」缺少机关代字，应写成「X府发〔2026〕12号」。")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(field, f"文号中的年份 {year} 不合理，请核对。")
    if number == 0:
        raise ValidationError(field, "文号的序号不能为 0。")
    return prefix, year, number


def parse_phone(value: object, field: str = "phone") -> str:
    """A mobile (13812345678), a landline with area code (0871-12345678, 转/-分机), a 400/800 number, or
    a short internal extension (3–8 digits), normalised to digits and one hyphen after the area code."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets store 13812345678 as a float
    text = _text(value, field)
    if not text:
        raise ValidationError(field, "请填写联系电话。")
    text = re.sub(r"[\s()（）]", "", text).replace("—", "-").replace("－", "-")
    result = _phone_number(text)
    ext = ""
    if result is None:
        match = re.fullmatch(r"(.+?)(?:转|ext\.?|x|-)(\d{1,6})", text, flags=re.IGNORECASE)
        if match:
            result, ext = _phone_number(match.group(1)), match.group(2)
    if result is None:
        if re.search(r"[^\d\-+转]", text):
            raise ValidationError(
                field, f"电话号码「{text[:30]}」含有数字以外的字符，请只写号码，如 13812345678 或 0871-12345678。"
            )
        raise ValidationError(
            field, f"电话号码「{text[:30]}」位数不对：手机为11位，固定电话写成「区号-号码」，如 0871-12345678。"
        )
    return f"{result}转{ext}" if ext else result


def _phone_number(text: str) -> str | None:
    main = re.sub(r"^(\+86|0086|86(?=1\d{10}$))-?", "", text)
    digits = main.replace("-", "")
    if not digits.isdigit():
        return None
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return digits
    if re.fullmatch(r"0(10|2\d)\d{8}", digits):
        return f"{digits[:3]}-{digits[3:]}"
    if re.fullmatch(r"0[3-9]\d{2}\d{7,8}", digits):
        return f"{digits[:4]}-{digits[4:]}"
    if re.fullmatch(r"[48]00\d{7}", digits):
        return digits
    if re.fullmatch(r"[1-9]\d{2,7}", digits):
        return digits  # an internal extension, or a local number without area code
    return None


# Letters of other scripts that look like Latin ones (Unicode's confusables, the part that matters for user names).
LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "ω": "w", "ϲ": "c", "ı": "i", "ℓ": "l",
})


def confusable_key(name: str) -> str:
    """What a user name looks like, for spotting impostors: 「ADMIN」, 「admіn」 (Cyrillic і) and 「ａｄｍｉｎ」 all
    give 「admin」. NFKC folds width and compatibility forms, casefold the case (Cyrillic and Greek capitals too,
    before the look-alike map)."""
    text = unicodedata.normalize("NFKC", name).casefold().translate(LOOK_ALIKES)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
