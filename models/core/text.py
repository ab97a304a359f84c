"""Reading what people type or old files contain, for every module: text cleaning and a choice among fixed words."""

import unicodedata

from models.core.errors import ValidationError


def clean(value: object) -> str:
    """Half-width text without surrounding blanks (full-width digits and letters folded)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "".join(unicodedata.normalize("NFKC", c) if c.isalnum() else c for c in str(value))
    return text.replace("\u3000", " ").strip()


def choice(value: object, choices: tuple[str, ...], label: str, field: str, default: str = "") -> str:
    """One of `choices` as typed (blank gives `default`), or a ValidationError that lists the choices."""
    text = clean(value) or default
    if text not in choices:
        if not text:
            raise ValidationError(field, f"请选择{label}：{'、'.join(choices)}。")
        raise ValidationError(field, f"{label}「{text}」无法识别，应为：{'、'.join(choices)}。")
    return text
