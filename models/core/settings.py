"""Settings an administrator may change, declared once with their types and defaults.

A missing key reads as its default; a user's stored value is never overwritten by a new default.
"""

import json
from dataclasses import dataclass

from peewee import CharField, TextField

from models.core.db import DB, BaseModel
from models.core.errors import ValidationError


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str = ""
    owner: str = "edit_settings"  # the Right that may change it (涉密人员 rules belong to the 安全保密管理员)


SECRECY = "edit_personnel"

SPECS: tuple[Spec, ...] = (
    Spec("lockout_attempts", "连续输错密码几次后锁定", 5, 3, 20, "次"),
    Spec("lockout_minutes", "锁定时长", 15, 1, 1440, "分钟"),
    Spec("idle_lock_minutes", "无操作自动锁屏", 10, 1, 240, "分钟"),
    Spec("password_min_length", "密码最短长度", 10, 8, 64, "位"),
    Spec("password_min_classes", "密码至少包含几类字符（大写、小写、数字、符号）", 3, 1, 4, "类"),
    # 突发事件 reporting limits, minutes from 接报 (DOMAIN.md §3.4: national 30 min phone / 1 h written for 重特大;
    # local rules differ, so each office sets its own).
    Spec("report_phone_1", "特别重大突发事件：电话报告时限", 30, 5, 2880, "分钟"),
    Spec("report_written_1", "特别重大突发事件：书面报告时限", 60, 5, 2880, "分钟"),
    Spec("report_phone_2", "重大突发事件：电话报告时限", 30, 5, 2880, "分钟"),
    Spec("report_written_2", "重大突发事件：书面报告时限", 60, 5, 2880, "分钟"),
    Spec("report_phone_3", "较大突发事件：电话报告时限", 30, 5, 2880, "分钟"),
    Spec("report_written_3", "较大突发事件：书面报告时限", 60, 5, 2880, "分钟"),
    Spec("report_phone_4", "一般突发事件：电话报告时限", 60, 5, 2880, "分钟"),
    Spec("report_written_4", "一般突发事件：书面报告时限", 1440, 5, 2880, "分钟"),
    # 涉密人员 (DOMAIN.md §4.2, §6: no national figures; widely quoted defaults, each office sets its own)
    Spec("declass_months_1", "核心涉密人员脱密期", 36, 1, 600, "个月", SECRECY),
    Spec("declass_months_2", "重要涉密人员脱密期", 24, 1, 600, "个月", SECRECY),
    Spec("declass_months_3", "一般涉密人员脱密期", 12, 1, 600, "个月", SECRECY),
    Spec("review_months_1", "核心涉密人员复审周期", 12, 1, 120, "个月", SECRECY),
    Spec("review_months_2", "重要涉密人员复审周期", 36, 1, 120, "个月", SECRECY),
    Spec("review_months_3", "一般涉密人员复审周期", 60, 1, 120, "个月", SECRECY),
    Spec("training_hours", "每年保密教育培训应达学时", 10, 0, 200, "学时", SECRECY),
    Spec("passport_return_days", "因私出入境证件返回后应交回期限", 10, 1, 60, "天", SECRECY),
    Spec("passport_expiry_days", "证件到期前提醒", 180, 0, 730, "天", SECRECY),
    Spec("remind_ahead_days", "复审、脱密期满提前提醒", 30, 0, 365, "天", SECRECY),
)
SPEC_BY_KEY = {s.key: s for s in SPECS}


class Setting(BaseModel):
    """A setting changed from its default (key → JSON value)."""

    key = CharField(unique=True, max_length=64)
    value = TextField()


def get(key: str) -> int:
    spec = SPEC_BY_KEY[key]
    row = Setting.get_or_none(Setting.key == key)
    return spec.default if row is None else json.loads(row.value)


def all_values() -> dict[str, int]:
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    return {s.key: stored.get(s.key, s.default) for s in SPECS}


def set_value(actor, key: str, value: int) -> None:
    """Change a setting (its owner only: 系统管理员, or 安全保密管理员 for 涉密人员 rules; audited)."""
    from models.core import audit, rights

    spec = SPEC_BY_KEY.get(key)
    rights.require(actor, rights.Right(spec.owner if spec else "edit_settings"), f"修改设置「{key}」")
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


# Text settings: the office's own words on printed forms.
TEXTS: dict[str, tuple[str, str]] = {
    "office_name": ("本单位名称（印在台账和处理笺的标题上）", "县委办公室"),
    "duty_shifts": ("值班班次（如「白班 08:30-17:30；夜班 17:30-08:30」或「全天 08:30-08:30」）",
                    "白班 08:30-17:30；夜班 17:30-08:30"),
    "duty_phone": ("值班电话（印在值班要情上）", "0000-0000000"),
    "brief_report_to": ("值班要情「报：」", "县委、县政府主要领导"),
    "brief_send_to": ("值班要情「送：」", "县委、县政府其他领导，县委办、县政府办领导"),
}
TEXT_MAX = 60


def get_text(key: str) -> str:
    label, default = TEXTS[key]
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_text(actor, key: str, value: str) -> None:
    """Change a text setting (系统管理员 only, audited)."""
    from models.core import audit, rights

    rights.require(actor, rights.Right.EDIT_SETTINGS, f"修改设置「{key}」")
    if key not in TEXTS:
        raise ValidationError("key", f"没有名为「{key}」的设置。")
    label = TEXTS[key][0]
    text = (value or "").strip()
    if not text or len(text) > TEXT_MAX:
        raise ValidationError(key, f"「{label}」应为 1 到 {TEXT_MAX} 个字。")
    if key == "duty_shifts":
        from models.duty.terms import parse_shifts

        parse_shifts(text)  # refuses a wording the roster cannot use, with the reason
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
