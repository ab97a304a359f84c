"""Reading what people type or old files contain, for every module: text cleaning and a choice among fixed words."""

import unicodedata

from models.core.errors import ValidationError


def clean(value: object) -> str:
    """Half-width text without surrounding blanks (full-width digits and letters folded, and the digits of every
    script as ASCII: 「٣」 and 「३」 are 3, so a number typed either way is one number)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).translate(_FOLDED).replace("\u3000", " ").strip()


class _FoldTable(dict[int, str]):
    """str.translate's table, filled on first sight of each character: the fold runs once per character ever seen,
    not once per character read (an import of 10,000 rows read 2.5 million characters one by one)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = self[code] = _fold(char) if char.isalnum() else char
        return folded


_FOLDED = _FoldTable()


def _fold(char: str) -> str:
    if char.isascii():
        return char
    digit = unicodedata.decimal(char, None)
    return str(digit) if digit is not None else unicodedata.normalize("NFKC", char)


def choice(value: object, choices: tuple[str, ...], label: str, field: str, default: str = "") -> str:
    """One of `choices` as typed (blank gives `default`), or a ValidationError that lists the choices."""
    text = clean(value) or default
    if text not in choices:
        if not text:
            raise ValidationError(field, f"请选择{label}：{'、'.join(choices)}。")
        raise ValidationError(field, f"{label}「{text}」无法识别，应为：{'、'.join(choices)}。")
    return text


def text_value(value: object, field: str, label: str, required: bool = True, limit: int = 2000) -> str:
    """Typed text, cleaned: refused when required and blank (「请填写…」) or longer than `limit` characters."""
    text = clean(value)
    if required and not text:
        raise ValidationError(field, f"请填写{label}。")
    if len(text) > limit:
        raise ValidationError(field, f"{label}过长（最多 {limit} 个字）。")
    return text
