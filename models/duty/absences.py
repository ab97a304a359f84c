"""领导外出报备 / 请假报备 (DOMAIN.md §3.5): who is away, where, until when, and who stands in.

State: 已报备 → 已返回 (销假); 作废 with a reason. An 行程变更 is kept as a line of the entry's change log,
never by overwriting what was reported.
"""

from dataclasses import dataclass
from datetime import date, datetime

from peewee import CharField, DateField, DateTimeField, TextField

from models.core import clock
from models.core.db import DB, BaseModel, now
from models.core.errors import StaleRecord, ValidationError
from models.core.records import Records
from models.core.rights import require
from models.core.text import choice, clean
from models.core.validators import parse_date
from models.duty.manifest import EDIT_DUTY, READ_DUTY
from models.duty.terms import ABSENCE_KINDS, DAY_PARTS, month_day

STATUS = {"reported": "已报备", "returned": "已返回", "void": "已作废"}


class Absence(BaseModel):
    person = CharField(max_length=40, index=True)  # 外出人员
    position = CharField(max_length=60, default="")  # 职务
    kind = CharField(max_length=10)  # 事由类别: 出差/学习/休假…
    start_on = DateField(index=True)
    start_part = CharField(max_length=4, default="上午")
    end_on = DateField(index=True)
    end_part = CharField(max_length=4, default="晚上")
    destination = CharField(max_length=100, default="")
    purpose = TextField(default="")
    transport = CharField(max_length=20, default="")
    stand_in = CharField(max_length=60, default="")  # 代为主持工作的负责同志及职务
    contact = CharField(max_length=40, default="")
    approved_by = CharField(max_length=40, default="")  # 审批人/报备对象
    reported_at = DateTimeField(default=now)
    reported_by = CharField(max_length=64, default="")
    returned_at = DateTimeField(null=True)
    status = CharField(max_length=10, default="reported", index=True)
    changes = TextField(default="")  # 行程变更, one line each, with when and who
    reason = TextField(default="")  # 作废 reason

    @property
    def period_text(self) -> str:
        return f"{month_day(self.start_on)}{self.start_part}至{month_day(self.end_on)}{self.end_part}"

    @property
    def summary(self) -> str:
        who = f"{self.person}{('（' + self.position + '）') if self.position else ''}"
        where = f"赴{self.destination}" if self.destination else ""
        purpose = self.purpose or self.kind
        stand_in = f"，由{self.stand_in}主持工作" if self.stand_in else ""
        contact = f"，联系电话 {self.contact}" if self.contact else ""
        return f"{who}{self.period_text}{where}{purpose}{stand_in}{contact}"


@dataclass
class Checked:
    values: dict
    notes: list[str]


def check(data: dict) -> Checked:
    person = clean(data.get("person"))
    if not person:
        raise ValidationError("person", "请填写外出人员姓名。")
    if len(person) > 40:
        raise ValidationError("person", "外出人员姓名过长（最多 40 个字）。")
    kind = choice(data.get("kind"), ABSENCE_KINDS, "事由类别", "kind", "出差")
    start = parse_date(data.get("start_on"), "start_on")
    end = parse_date(data.get("end_on"), "end_on") if clean(data.get("end_on")) else start
    start_part = choice(data.get("start_part"), DAY_PARTS, "出发时段", "start_part", "上午")
    end_part = choice(data.get("end_part"), DAY_PARTS, "返回时段", "end_part", "晚上")
    if (end, DAY_PARTS.index(end_part)) < (start, DAY_PARTS.index(start_part)):
        raise ValidationError("end_on", f"返回时间（{end:%Y-%m-%d}{end_part}）早于出发时间（{start:%Y-%m-%d}{start_part}），请核对。")
    if (end - start).days > 366:
        raise ValidationError("end_on", "外出时间超过一年，请核对日期。")
    values = dict(person=person, position=clean(data.get("position"))[:60], kind=kind, start_on=start,
                  start_part=start_part, end_on=end, end_part=end_part,
                  destination=clean(data.get("destination"))[:100], purpose=clean(data.get("purpose")),
                  transport=clean(data.get("transport"))[:20], stand_in=clean(data.get("stand_in"))[:60],
                  contact=clean(data.get("contact"))[:40], approved_by=clean(data.get("approved_by"))[:40])
    notes = []
    if start < clock.today():
        notes.append(f"出发日期 {start:%Y-%m-%d} 已过，按补报登记。外出应事前报备。")
    if not values["stand_in"]:
        notes.append("未填写代为主持工作的负责同志；主要负责同志外出时应写明。")
    return Checked(values, notes)


def report(actor, data: dict) -> tuple[Absence, list[str]]:
    """Record a leader's 外出/请假 报备; returns the entry and notes for the user (补报, no stand-in…)."""
    require(actor, EDIT_DUTY, "登记领导外出报备")
    checked = check(data)
    with DB.atomic():
        entry = Absence(reported_by=actor.display_name, **checked.values)
        RECORDS.save(actor, entry, f"领导外出报备：{entry.summary[:60]}", action="create", after=checked.values,
                     insert=True)
    notes = list(checked.notes)
    from models.duty import roster

    for day in roster.leader_days(actor, entry.person, entry.start_on, entry.end_on):
        notes.append(f"{entry.person}是 {month_day(day)} 的带班领导，外出期间请安排调班或替班。")
    return entry, notes


RECORDS = Records(Absence, "absence", "没有记录号为 {id} 的外出报备。")
_get = RECORDS.get


def change(actor, entry_id: int, data: dict, version: int) -> Absence:
    """行程变更: new dates or destination, with what changed kept in the entry's change log."""
    require(actor, EDIT_DUTY, "登记行程变更")
    with DB.atomic():
        entry = _get(entry_id)
        if entry.version != version:
            raise StaleRecord()
        if entry.status != "reported":
            raise ValidationError("status", f"这条报备{STATUS[entry.status]}，不能再变更行程。")
        checked = check({**{k: getattr(entry, k) for k in ("person", "position", "kind", "start_on", "start_part",
                                                           "end_on", "end_part", "destination", "purpose",
                                                           "transport", "stand_in", "contact", "approved_by")},
                         **{k: v for k, v in data.items() if k != "reason"}})
        before = {k: getattr(entry, k) for k in checked.values if getattr(entry, k) != checked.values[k]}
        if not before:
            raise ValidationError("end_on", "没有改动任何内容。")
        words = "；".join(f"{k}：{_text(v)}→{_text(checked.values[k])}" for k, v in before.items())
        reason = clean(data.get("reason"))
        for key, value in checked.values.items():
            setattr(entry, key, value)
        line = f"{now():%m-%d %H:%M} {actor.display_name}登记变更：{words}" + (f"（{reason}）" if reason else "")
        entry.changes = "\n".join(p for p in (entry.changes, line) if p)
        RECORDS.save(actor, entry, f"行程变更：{entry.person}", before)
    return entry


def _text(value: object) -> str:
    return f"{value:%Y-%m-%d}" if isinstance(value, date) else str(value)


def mark_returned(actor, entry_id: int, when: datetime | None = None) -> Absence:
    """销假: the leader is back."""
    require(actor, EDIT_DUTY, "登记返回销假")
    with DB.atomic():
        entry = _get(entry_id)
        if entry.status != "reported":
            raise ValidationError("status", f"这条报备{STATUS[entry.status]}，无需再销假。")
        entry.returned_at, entry.status = when or now(), "returned"
        RECORDS.save(actor, entry, f"销假：{entry.person}于 {entry.returned_at:%m-%d %H:%M} 返回")
    return entry


def void(actor, entry_id: int, reason: str) -> Absence:
    require(actor, EDIT_DUTY, "作废外出报备")
    reason = clean(reason)
    if not reason:
        raise ValidationError("reason", "请写明作废原因（如「行程取消」）。")
    with DB.atomic():
        entry = _get(entry_id)
        if entry.status == "void":
            raise ValidationError("status", "这条报备已作废。")
        entry.status, entry.reason = "void", reason
        RECORDS.save(actor, entry, f"作废外出报备：{entry.person}（{reason}）", action="void")
    return entry


def away_on(actor, day: date) -> list[Absence]:
    """Everyone reported away on `day` and not yet back (a 销假 before the planned end ends it early)."""
    require(actor, READ_DUTY, "查看领导外出报备")
    query = (Absence.select().where((Absence.status != "void") & (Absence.start_on <= day) & (Absence.end_on >= day))
             .order_by(Absence.start_on, Absence.person))
    return [a for a in query if a.returned_at is None or a.returned_at.date() >= day]


def away_between(actor, start: date, end: date) -> list[Absence]:
    require(actor, READ_DUTY, "查看领导外出报备")
    return list(Absence.select().where((Absence.status != "void") & (Absence.start_on <= end)
                                       & (Absence.end_on >= start)))


def overdue_returns(actor, today: date | None = None) -> list[Absence]:
    """Past their planned return and not 销假: the 值班员 should ask."""
    require(actor, READ_DUTY, "查看领导外出报备")
    today = today or clock.today()
    return list(Absence.select().where((Absence.status == "reported") & (Absence.end_on < today))
                .order_by(Absence.end_on))


def recent(actor, limit: int = 200) -> list[Absence]:
    require(actor, READ_DUTY, "查看领导外出报备")
    return list(Absence.select().order_by(Absence.start_on.desc(), Absence.id.desc()).limit(limit))
