"""排班 (DOMAIN.md §3.2): per duty day one 带班领导 and, per shift, the 值班员 (主班 first), with phones.

Swaps (调班) and stand-ins (替班) are kept as RosterChange rows with who approved them; the plan itself shows
who is on duty now. Problems are computed, not stored: a day or shift with nobody, someone reported away,
the same person on two shifts in a row.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from peewee import CharField, DateField, DateTimeField, IntegerField, TextField

from models.core import audit, clock, settings, workdays
from models.core.db import DB, BaseModel, PlainModel, now
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.core.validators import parse_phone
from models.duty.manifest import EDIT_DUTY, READ_DUTY
from models.duty.terms import Shift, month_day, parse_shifts, shift_at

WEEKDAYS = "一二三四五六日"
SWAP_NOTICE_DAYS = 2  # 「节假日调班需提前两日报备」 (DOMAIN.md §3.2, local practice)


class RosterSlot(BaseModel):
    """One person on one duty: role "leader" (带班领导, shift "" = the whole day) or "officer" (值班员)."""

    day = DateField(index=True)
    shift = CharField(max_length=10, default="")
    role = CharField(max_length=10)
    position = IntegerField(default=0)  # 0 主班, 1 副班…
    person = CharField(max_length=40)
    phone = CharField(max_length=40, default="")
    note = CharField(max_length=100, default="")

    class Meta:
        indexes = ((("day", "shift", "role", "position"), True),)


class RosterChange(PlainModel):
    """调班 or 替班: who was planned, who took it, who approved, why."""

    day = DateField(index=True)
    shift = CharField(max_length=10, default="")
    role = CharField(max_length=10)
    kind = CharField(max_length=4)  # 调班 | 替班
    old_person = CharField(max_length=40)
    new_person = CharField(max_length=40)
    other_day = DateField(null=True)  # 调班: the day the two exchanged with
    approved_by = CharField(max_length=40)
    reason = TextField(default="")
    at = DateTimeField(default=now)
    actor = CharField(max_length=64)

    @property
    def text(self) -> str:
        what = (f"与 {month_day(self.other_day)} 对调" if self.kind == "调班" and self.other_day else "替班")
        return (f"{month_day(self.day)}{self.shift}{'带班' if self.role == 'leader' else '值班'}："
                f"{self.old_person}→{self.new_person}（{what}，{self.approved_by}批准"
                + (f"，{self.reason}" if self.reason else "") + "）")


def shifts() -> tuple[Shift, ...]:
    return parse_shifts(settings.get_text("duty_shifts"))


def shift_names() -> tuple[str, ...]:
    return tuple(s.name for s in shifts())


def current(moment: datetime | None = None) -> tuple[date, Shift]:
    return shift_at(shifts(), moment or now())


# --- reading -----------------------------------------------------------------------------------------------

@dataclass
class RosterDay:
    day: date
    holiday: str  # 「国庆节」, 「调休上班」, "" on an ordinary day
    leader: str = ""
    leader_phone: str = ""
    officers: dict[str, list[str]] = field(default_factory=dict)  # shift name → names, 主班 first
    phones: dict[str, str] = field(default_factory=dict)  # name → phone
    note: str = ""
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.day.weekday()]

    @property
    def empty(self) -> bool:
        return not self.leader and not any(self.officers.values())


def _holiday(day: date) -> str:
    try:
        info = workdays.day_info(day)
    except Exception:  # a year with no calendar data: show nothing rather than guess  # noqa: BLE001
        return ""
    if info.name:
        return info.name if not info.is_workday else f"{info.name}调休上班"
    return ""


def days(actor, start: date, end: date, names: tuple[str, ...] | None = None) -> list[RosterDay]:
    """The plan for each day from `start` to `end` (inclusive), with its problems."""
    require(actor, READ_DUTY, "查看值班表")
    names = names or shift_names()
    plan = {start + timedelta(n): RosterDay(start + timedelta(n), _holiday(start + timedelta(n)),
                                            officers={s: [] for s in names})
            for n in range((end - start).days + 1)}
    slots = (RosterSlot.select().where(RosterSlot.day.between(start - timedelta(1), end + timedelta(1)))
             .order_by(RosterSlot.day, RosterSlot.shift, RosterSlot.position))
    around: dict[date, RosterDay] = {}
    for slot in slots:
        target = plan.get(slot.day) or around.setdefault(
            slot.day, RosterDay(slot.day, "", officers={s: [] for s in names}))
        if slot.phone:
            target.phones[slot.person] = slot.phone
        if slot.role == "leader":
            target.leader, target.leader_phone = slot.person, slot.phone
            target.note = target.note or slot.note
        else:
            target.officers.setdefault(slot.shift, []).append(slot.person)
            target.note = target.note or slot.note
    for change in RosterChange.select().where(RosterChange.day.between(start, end)).order_by(RosterChange.at):
        plan[change.day].changes.append(change.text)
    from models.duty import absences

    away = absences.away_between(actor, start, end)
    for day in plan.values():
        day.problems = _problems(day, plan.get(day.day - timedelta(1)) or around.get(day.day - timedelta(1)),
                                 names, [a for a in away if a.start_on <= day.day <= a.end_on])
    return list(plan.values())


def month(actor, year: int, month_number: int) -> list[RosterDay]:
    start = date(year, month_number, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return days(actor, start, end)


def _problems(day: RosterDay, previous: RosterDay | None, names: tuple[str, ...], away) -> list[str]:
    if day.empty:
        return ["未排班"]
    problems = []
    if not day.leader:
        problems.append("没有带班领导")
    for shift in names:
        if not day.officers.get(shift):
            problems.append(f"{shift}没有值班员")
    on_duty = [(day.leader, "带班")] + [(p, s) for s in names for p in day.officers.get(s, [])]
    for absence in away:
        for person, what in on_duty:
            if person == absence.person:
                problems.append(f"{person}当天{absence.kind}外出（{absence.destination or absence.purpose}），却安排{what}")
    # One officer alone on every shift of the day is 全天值班, as offices with one 值班人员 column keep it: no clash.
    lineups = {tuple(day.officers.get(s, [])) for s in names}
    alone = next(iter(lineups)) if len(lineups) == 1 else ()
    all_day = set(alone) if len(names) > 1 and len(alone) == 1 else set()
    seen: dict[str, str] = {}
    for shift in names:
        for person in day.officers.get(shift, []):
            if person in seen and person not in all_day:
                problems.append(f"{person}同一天连值{seen[person]}和{shift}")
            seen[person] = shift
    if previous and len(names) > 1:  # last shift of yesterday straight into the first shift of today
        for person in previous.officers.get(names[-1], []):
            if person in day.officers.get(names[0], []):
                problems.append(f"{person}昨天{names[-1]}后紧接今天{names[0]}")
    return problems


def leader_days(actor, person: str, start: date, end: date) -> list[date]:
    """The days `person` is the 带班领导 between `start` and `end`."""
    require(actor, READ_DUTY, "查看值班表")
    return [s.day for s in RosterSlot.select(RosterSlot.day).where(
        (RosterSlot.person == person) & (RosterSlot.role == "leader") & RosterSlot.day.between(start, end))
        .order_by(RosterSlot.day)]


def on_duty(actor, moment: datetime | None = None) -> tuple[date, Shift, RosterDay]:
    day, shift = current(moment)
    return day, shift, days(actor, day, day)[0]


def _phone_of(person: str) -> str:
    """The phone last given for `person`: a day planned without one keeps the known number."""
    slot = (RosterSlot.select(RosterSlot.phone).where((RosterSlot.person == person) & (RosterSlot.phone != ""))
            .order_by(RosterSlot.day.desc()).first())
    return slot.phone if slot else ""


def people(actor) -> list[str]:
    """Everyone who was ever on the roster (completion in the dialogs)."""
    require(actor, READ_DUTY, "查看值班人员")
    return [s.person for s in RosterSlot.select(RosterSlot.person).distinct().order_by(RosterSlot.person)]


# --- changing ----------------------------------------------------------------------------------------------

def _names(value: object, field: str) -> list[str]:
    import re

    text = clean(value)
    names = [n for n in re.split(r"[、，,；;/\s]+", text) if n]
    for name in names:
        if len(name) > 20 or any(ch.isdigit() for ch in name):
            raise ValidationError(field, f"「{name}」不像人名。多个人名请用顿号分开，电话请填在电话栏。")
    return names


def _phones(value: object) -> dict[str, str]:
    """「张三 13800000000、李四 6543210」 or a bare number → {name or "": phone}."""
    import re

    result = {}
    # one per line, as an Excel cell with line breaks holds them, as well as separated by 、
    for part in re.split(r"[、，,；;\r\n]+", clean(value)):
        if not part.strip():
            continue
        match = re.fullmatch(r"([^\d\s(（]{1,20})?\s*[:：]?\s*(.+)", part.strip())
        if match is None:  # cannot happen for a non-empty line; said for the type checker
            continue
        name, number = (match.group(1) or "").strip(), match.group(2)
        result[name] = parse_phone(number, "phone")
    return result


def plan_values(data: dict, names: tuple[str, ...]) -> dict:
    """Typed or imported values for one day → {"leader": [...], shift: [...], "phones": {...}, "note": str}."""
    leader = _names(data.get("leader"), "leader")
    if len(leader) > 1:
        raise ValidationError("leader", f"带班领导只能一人，这里写了「{'、'.join(leader)}」。")
    values = {"leader": leader, "note": clean(data.get("note"))[:100], "phones": _phones(data.get("phones"))}
    for shift in names:
        values[shift] = _names(data.get(shift), shift)
    return values


def set_day(actor, day: date, data: dict) -> RosterDay:
    """Replace the plan of one day (带班领导, each shift's 值班员, phones, note); audited before/after."""
    require(actor, EDIT_DUTY, "排班")
    names = shift_names()
    values = plan_values(data, names)
    with DB.atomic():
        before = _day_text(day)
        _write_day(day, values, names)
        after = _day_text(day)
        if before != after:
            audit.record(actor, "update", f"roster:{day:%Y-%m-%d}", f"排班 {day:%Y-%m-%d}",
                         before={"排班": before}, after={"排班": after})
    return days(actor, day, day)[0]


def _write_day(day: date, values: dict, names: tuple[str, ...]) -> None:
    RosterSlot.delete().where(RosterSlot.day == day).execute()
    phones = dict(values["phones"])
    if "" in phones:  # a bare number in the 联系电话 column belongs to the first person of the day
        first = (values["leader"] or [p for s in names for p in values[s]] or [""])[0]
        phones.setdefault(first, phones.pop(""))

    def phone(person: str) -> str:
        return phones.get(person) or _phone_of(person) or ""

    for person in values["leader"]:
        RosterSlot.create(day=day, shift="", role="leader", person=person, phone=phone(person), note=values["note"])
    for shift in names:
        for position, person in enumerate(values[shift]):
            RosterSlot.create(day=day, shift=shift, role="officer", position=position, person=person,
                              phone=phone(person), note="" if values["leader"] else values["note"])


def _day_text(day: date) -> str:
    slots = RosterSlot.select().where(RosterSlot.day == day).order_by(RosterSlot.role, RosterSlot.shift,
                                                                      RosterSlot.position)
    return "；".join(f"{s.shift or '带班'}:{s.person}" for s in slots)


def import_month(actor, plan: dict[date, dict], source: str) -> int:
    """Write imported days in one transaction (each day replaces what was planned); audited once."""
    require(actor, EDIT_DUTY, "导入值班表")
    names = shift_names()
    with DB.atomic():
        replaced = sum(1 for day in plan if RosterSlot.select().where(RosterSlot.day == day).exists())
        for day, values in sorted(plan.items()):
            _write_day(day, values, names)
        audit.record(actor, "import", "roster", f"导入值班表「{source}」：{len(plan)} 天", rows=len(plan),
                     replaced=replaced)
    return len(plan)


def change(actor, day: date, shift: str, role: str, old_person: str, new_person: str, approved_by: str,
           reason: str = "", swap_day: date | None = None) -> tuple[RosterChange, list[str]]:
    """替班 (new_person takes the duty) or, with `swap_day`, 调班 (the two exchange their duties)."""
    require(actor, EDIT_DUTY, "调班或替班")
    old_person, new_person, approved_by = clean(old_person), clean(new_person), clean(approved_by)
    if not new_person:
        raise ValidationError("new_person", "请填写接替的人。")
    if new_person == old_person:
        raise ValidationError("new_person", "接替的人与原值班人相同。")
    if not approved_by:
        raise ValidationError("approved_by", "调班、替班须经批准：请填写批准人。")
    shift = "" if role == "leader" else shift
    notes = []
    with DB.atomic():
        slot = RosterSlot.get_or_none((RosterSlot.day == day) & (RosterSlot.shift == shift)
                                      & (RosterSlot.role == role) & (RosterSlot.person == old_person))
        if slot is None:
            raise ValidationError("old_person", f"{month_day(day)}{shift}没有安排{old_person}，请核对日期和班次。")
        if swap_day is not None:
            other = RosterSlot.get_or_none((RosterSlot.day == swap_day) & (RosterSlot.shift == shift)
                                           & (RosterSlot.role == role) & (RosterSlot.person == new_person))
            if other is None:
                raise ValidationError("swap_day", f"{month_day(swap_day)}{shift}没有安排{new_person}，无法对调。")
            other.person, other.phone = old_person, slot.phone
            other.save()
        slot.person, slot.phone = new_person, _phone_of(new_person) or ""
        slot.save()
        kind = "调班" if swap_day else "替班"
        record = RosterChange.create(day=day, shift=shift, role=role, kind=kind, old_person=old_person,
                                     new_person=new_person, other_day=swap_day, approved_by=approved_by,
                                     reason=clean(reason), actor=actor.username)
        if swap_day:
            RosterChange.create(day=swap_day, shift=shift, role=role, kind=kind, old_person=new_person,
                                new_person=old_person, other_day=day, approved_by=approved_by,
                                reason=clean(reason), actor=actor.username)
        audit.record(actor, "update", f"roster:{day:%Y-%m-%d}", record.text)
    earliest = min(day, swap_day or day)
    if (earliest - clock.today()).days < SWAP_NOTICE_DAYS:
        notes.append(f"调班、替班应提前 {SWAP_NOTICE_DAYS} 天报备；这次距值班日不足 {SWAP_NOTICE_DAYS} 天。")
    return record, notes
