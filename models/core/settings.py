"""Settings an office may change. The platform and each module declare theirs in their manifests (number or text,
with its default, limits and owner); this module stores and checks them.

A missing key reads as its default; a user's stored value is never overwritten by a new default.
"""

import json

from peewee import CharField, TextField

from models.core.db import DB, BaseModel
from models.core.errors import ValidationError
from models.core.manifest import SettingSpec, TextSpec, resolve

Spec = SettingSpec  # the modules declare their settings in their manifests


def specs() -> dict[str, SettingSpec]:
    """Every numeric setting, the platform's and the modules', by key."""
    from models.core import modules

    return modules.setting_specs()


def texts() -> dict[str, TextSpec]:
    """Every text setting (the office's own words on printed forms), by key."""
    from models.core import modules

    return modules.text_specs()


class Setting(BaseModel):
    """A setting changed from its default (key → JSON value)."""

    key = CharField(unique=True, max_length=64)
    value = TextField()


def get(key: str) -> int:
    spec = specs()[key]
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else json.loads(row.value)


def all_values() -> dict[str, int]:
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    return {s.key: stored.get(s.key, s.default) for s in specs().values()}


def set_value(actor, key: str, value: int) -> None:
    """Change a setting (its owner only: 系统管理员, or 安全保密管理员 for 涉密人员 rules; audited)."""
    from models.core import audit, rights

    spec = specs().get(key)
    rights.require(actor, spec.owner if spec else rights.Right.EDIT_SETTINGS, f"修改设置「{key}」")
    if spec is None:
        raise ValidationError("key", f"没有名为「{key}」的设置。")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(key, f"「{spec.label}」应为整数。") from None
    if not spec.minimum <= number <= spec.maximum:
        raise ValidationError(
            key, f"「{spec.label}」应在 {spec.minimum} 到 {spec.maximum}{spec.unit} 之间，您输入的是 {number}。"
        )
    with DB.atomic():
        before = get(key)
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            Setting.create(key=key, value=json.dumps(number))
        else:
            row.value = json.dumps(number)
            row.save()
        audit.record(
            actor, "setting_change", f"setting:{key}", f"修改设置「{spec.label}」",
            before={key: before}, after={key: number},
        )


def get_text(key: str) -> str:
    spec = texts()[key]
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else json.loads(row.value)


def set_text(actor, key: str, value: str) -> None:
    """Change a text setting (系统管理员 only, audited)."""
    from models.core import audit, rights

    spec = texts().get(key)
    rights.require(actor, spec.owner if spec else rights.Right.EDIT_SETTINGS, f"修改设置「{key}」")
    if spec is None:
        raise ValidationError("key", f"没有名为「{key}」的设置。")
    label = spec.label
    text = (value or "").strip()
    if not text and spec.optional:
        text = spec.default
    elif not text or len(text) > spec.max_length:
        raise ValidationError(key, f"「{label}」应为 1 到 {spec.max_length} 个字。")
    if spec.check and text:
        resolve(spec.check)(text)  # refuses a wording the module cannot use, with the reason
    with DB.atomic():
        before = get_text(key)
        row = Setting.get_or_none(Setting.key == key)
        if row is None:
            Setting.create(key=key, value=json.dumps(text, ensure_ascii=False))
        else:
            row.value = json.dumps(text, ensure_ascii=False)
            row.save()
        audit.record(actor, "setting_change", f"setting:{key}", f"修改设置「{label}」",
                     before={key: before}, after={key: text})
