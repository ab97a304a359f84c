"""值班记录 (DOMAIN.md §3.1, §3.3): the duty log, its shifts and the handover that locks them.

Each entry belongs to the shift on duty at its time. An entry stays in sight until it is 办结, whichever shift
that takes. 交接班 is two steps: the outgoing officer writes the handover note (open items listed explicitly),
the incoming officer confirms with their own account; from then on the shift's entries are locked. A correction
to a locked entry is an amendment (补充更正): the value changes, and the old value, the new one, the reason, who
and when are kept beside it and shown with the entry. Progress on an open item (报告, 批示, 处理, 办结) is never
an edit: it is a dated step of the entry's history, allowed in any shift.

State (DOMAIN.md §3.1): 已登记 → 已报告 → 已批示 → 处理中 → 已办结.
突发事件 carry a grade and a reporting clock: 电话报告 and 书面报告 within the office's limits after 接报.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from models.core import audit
from models.core.db import DB, BaseModel, PlainModel, now, text_contains, tuples
from models.core.errors import StaleRecord, ValidationError
from models.core.records import Records
from models.core.rights import require
from models.core.states import ANY, Flow
from models.core.text import clean
from models.core.validators import parse_date, parse_phone
from models.documents.terms import NOT_SECRET, parse_secrecy
from models.duty import roster
from models.duty.manifest import EDIT_DUTY, READ_DUTY
from models.duty.terms import ENTRY_KINDS, GRADES, minutes_text, month_day, parse_grade, report_limits

STATUS = {"logged": "已登记", "reported": "已报告", "instructed": "已批示", "handling": "处理中", "closed": "已办结"}
OPEN = ("logged", "reported", "instructed", "handling")
ACTIONS = {"report": "报告领导", "instruct": "登记领导批示", "handle": "登记处理情况", "report_up": "登记事件上报",
           "close": "办结", "edit": "修改", "amend": "补充更正"}
# The status is derived from what an entry holds (_status): a later step never moves it back (批示 after 处理 stays
# 处理中). Only a closed entry refuses, and its refusal names when it was closed, so the label is that moment.
FLOW = Flow(STATUS, ACTIONS, [
    ("logged", "report", "reported"), ("reported", "report", "reported"), ("instructed", "report", "instructed"),
    ("handling", "report", "handling"),
    ("logged", "instruct", "instructed"), ("reported", "instruct", "instructed"),
    ("instructed", "instruct", "instructed"), ("handling", "instruct", "handling"),
    *[(s, "handle", "handling") for s in OPEN],
    *[(s, "close", "closed") for s in OPEN],
    *[(s, step, s) for s in STATUS for step in ("report_up", "edit", "amend")],
    ("closed", ANY, None, "如需补充，请用「补充更正」。"),
], message="这条记录已于 {label} 办结。{hint}")
EDITABLE = {"at": "时间", "kind": "类别", "unit": "来电单位", "person": "来电人", "phone": "联系电话",
            "subject": "事由", "grade": "事件等级", "occurred_at": "事发时间", "place": "事发地点", "secrecy": "密级"}
FUTURE_SLACK = timedelta(minutes=5)


class DutyShift(BaseModel):
    """One shift of one duty day, from its first entry to the confirmed handover."""

    day = DateField(index=True)
    shift = CharField(max_length=10)
    handed_by = CharField(max_length=64, default="")
    handed_by_name = CharField(max_length=64, default="")
    handed_at = DateTimeField(null=True)
    note = TextField(default="")  # 本班要事摘要
    open_items = TextField(default="")  # 未办结事项, listed at handover
    things = TextField(default="")  # 设备、钥匙、文件 (涉密 items counted)
    received_by = CharField(max_length=64, default="")
    received_by_name = CharField(max_length=64, default="")
    received_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("day", "shift"), True),)

    @property
    def locked(self) -> bool:
        return self.received_at is not None

    @property
    def state(self) -> str:
        if self.received_at:
            return "已交接"
        return "待接班确认" if self.handed_at else "值班中"

    @property
    def label(self) -> str:
        return f"{month_day(self.day)}{self.shift}"


class DutyEntry(BaseModel):
    """One item of the duty log (来电 / 来文 / 传真 / 突发事件 / 其他)."""

    duty_shift = ForeignKeyField(DutyShift, backref="entries")
    duty_shift_id: int
    at = DateTimeField(index=True)  # 来电时间 / 接报时间
    kind = CharField(max_length=6)
    unit = CharField(max_length=100, default="")  # 来电单位
    person = CharField(max_length=40, default="")  # 来电人
    phone = CharField(max_length=40, default="")
    subject = TextField()  # 事由/内容
    handling = TextField(default="")  # 处理情况, one dated line per step
    reported_to = TextField(default="")  # 报告领导: 「周主任 14:25」 lines
    instructions = TextField(default="")  # 领导批示: 「周主任（14:40）：…」 lines
    result = TextField(default="")  # 办理结果
    closed = BooleanField(default=False, index=True)
    closed_at = DateTimeField(null=True)
    status = CharField(max_length=10, default="logged")
    grade = CharField(max_length=4, default="")  # 突发事件等级, "" = 未定
    occurred_at = DateTimeField(null=True)
    place = CharField(max_length=100, default="")
    phoned_at = DateTimeField(null=True)  # first report upward by phone
    written_at = DateTimeField(null=True)  # first report upward in writing
    secrecy = CharField(max_length=4, default=NOT_SECRET)
    recorder = CharField(max_length=40)  # 记录人
    recorder_username = CharField(max_length=64)
    search_text = TextField(default="")

    @property
    def heading(self) -> str:
        """A short title for lists and the brief: the subject's first clause."""
        import re

        first = re.split(r"[。；;\n]", self.subject, maxsplit=1)[0]
        return first[:40] + ("…" if len(first) > 40 else "")

    @property
    def source_text(self) -> str:
        return "".join(p for p in (self.unit, self.person) if p) or "—"


class DutyEvent(PlainModel):
    """A step of an entry's history: 登记, 报告, 批示, 处理, 上报, 办结, 修改 (before handover), 更正 (after)."""

    entry = ForeignKeyField(DutyEntry, backref="events")
    entry_id: int
    at = DateTimeField(default=now)
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=64)
    action = CharField(max_length=10)
    field = CharField(max_length=20, default="")
    before = TextField(default="")
    after = TextField(default="")
    text = TextField(default="")


# --- reading what was typed ----------------------------------------------------------------------------------

def parse_moment(value: object, field: str, default: datetime | None = None) -> datetime:
    """「14:20」 (today), 「11-23 14:20」, 「2026-11-23 14:20」, a datetime, or blank for `default`."""
    import re

    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    text = clean(value).replace("：", ":").replace("时", ":").replace("分", "")
    if not text:
        if default is None:
            raise ValidationError(field, "请填写时间，如「14:20」或「2026-11-23 14:20」。")
        return default.replace(second=0, microsecond=0)
    match = re.match(r"^(?:(.+?)[\sT]+)?(\d{1,2}):(\d{2})(?::\d{2})?$", text)
    if not match:
        raise ValidationError(field, f"时间「{clean(value)}」看不懂，请写成「14:20」或「2026-11-23 14:20」。")
    day_text, hour, minute = match.groups()
    today = now().date()
    day = parse_date(day_text, field, today.year) if day_text else today
    if int(hour) > 23 or int(minute) > 59:
        raise ValidationError(field, f"时间「{clean(value)}」不对：小时应为 0–23，分钟 0–59。")
    return datetime(day.year, day.month, day.day, int(hour), int(minute))


def _not_future(moment: datetime, field: str, label: str) -> datetime:
    if moment > now() + FUTURE_SLACK:
        raise ValidationError(field, f"{label}「{moment:%Y-%m-%d %H:%M}」晚于现在，请核对。")
    return moment


def check_entry(data: dict) -> dict:
    kind = clean(data.get("kind")) or "来电"
    if kind not in ENTRY_KINDS:
        raise ValidationError("kind", f"类别「{kind}」无法识别，应为：{'、'.join(ENTRY_KINDS)}。")
    at = _not_future(parse_moment(data.get("at"), "at", now()), "at", "时间")
    subject = clean(data.get("subject"))
    if not subject:
        raise ValidationError("subject", "请填写事由（对方说了什么、要办什么）。")
    phone = clean(data.get("phone"))
    values = dict(kind=kind, at=at, unit=clean(data.get("unit"))[:100], person=clean(data.get("person"))[:40],
                  phone=parse_phone(phone, "phone") if phone else "", subject=subject)
    grade_text = clean(data.get("grade"))
    values["grade"] = "" if grade_text in ("", "未定") else parse_grade(grade_text)
    if values["grade"] and kind != "突发事件":
        values["kind"] = "突发事件"  # a graded event is an incident, whatever channel brought it
    occurred = data.get("occurred_at")
    occurred_at = _not_future(parse_moment(occurred, "occurred_at"), "occurred_at", "事发时间") \
        if clean(occurred) else None
    values["occurred_at"] = occurred_at
    if occurred_at and occurred_at > at:
        raise ValidationError("occurred_at", "事发时间晚于接报时间，请核对。")
    values["place"] = clean(data.get("place"))[:100]
    secrecy, _ = parse_secrecy(data.get("secrecy") or NOT_SECRET, "secrecy")
    values["secrecy"] = secrecy
    return values


def _search_text(entry: DutyEntry) -> str:
    return " ".join(p for p in (entry.kind, entry.unit, entry.person, entry.phone, entry.subject, entry.handling,
                                entry.reported_to, entry.instructions, entry.result, entry.place) if p)


def _status(entry: DutyEntry) -> str:
    if entry.closed:
        return "closed"
    if entry.handling:
        return "handling"
    if entry.instructions:
        return "instructed"
    if entry.reported_to:
        return "reported"
    return "logged"


# --- shifts -----------------------------------------------------------------------------------------------

def shift_of(actor, moment: datetime) -> DutyShift:
    """The DutyShift on duty at `moment`, created on first use."""
    require(actor, READ_DUTY, "查看值班班次")
    return _shift_of(moment)


def _shift_of(moment: datetime) -> DutyShift:
    day, shift = roster.current(moment)
    record, _ = DutyShift.get_or_create(day=day, shift=shift.name)
    return record


def current_shift(actor) -> DutyShift:
    return shift_of(actor, now())


def shift_by_id(actor, shift_id: int) -> DutyShift:
    require(actor, READ_DUTY, "查看值班班次")
    return _shift_by_id(shift_id)


def _shift_by_id(shift_id: int) -> DutyShift:
    record = DutyShift.get_or_none(DutyShift.id == shift_id)
    if record is None:
        raise ValidationError("shift", f"没有编号为 {shift_id} 的班次。")
    return record


def recent_shifts(actor, limit: int = 30) -> list[DutyShift]:
    require(actor, READ_DUTY, "查看值班班次")
    return list(DutyShift.select().order_by(DutyShift.day.desc(), DutyShift.id.desc()).limit(limit))


# --- changes ----------------------------------------------------------------------------------------------

def _prepare(entry: DutyEntry) -> None:
    entry.status = _status(entry)
    entry.search_text = _search_text(entry)


RECORDS = Records(DutyEntry, "duty", "没有编号为 {id} 的值班记录。", events=DutyEvent,
                  link=lambda entry: {"entry": entry}, prepare=_prepare)
_get = RECORDS.get


def _save(actor, entry: DutyEntry, summary: str, before: dict | None = None) -> DutyEntry:
    return RECORDS.save(actor, entry, f"值班记录 {entry.at:%m-%d %H:%M}：{summary}", before)


def log(actor, data: dict) -> tuple[DutyEntry, list[str]]:
    """Log a call, a document, a fax, an incident; the time defaults to now. Returns the entry and notes."""
    require(actor, EDIT_DUTY, "登记值班记录")
    values = check_entry(data)
    notes: list[str] = []
    with DB.atomic():
        shift = _shift_of(values["at"])
        if shift.locked:
            raise ValidationError("at", f"{values['at']:%m-%d %H:%M} 属于已交接的{shift.label}，交接后不能再补记。"
                                        "请按实际时间登记到本班，并在「事由」中写明是补记。")
        entry = DutyEntry(duty_shift=shift, recorder=actor.display_name, recorder_username=actor.username, **values)
        RECORDS.save(actor, entry, f"值班记录：{entry.kind} {entry.heading}", action="create", after=values,
                     insert=True, event=dict(action="log", text=f"登记（{entry.kind}）"))
    if entry.kind == "突发事件":
        if not entry.grade:
            notes.append("事件等级未定：定级后请用「补充更正」填写，报告时限按等级计算。")
        else:
            phone, written = report_limits(entry.grade)
            notes.append(f"{entry.grade}突发事件：须在 {minutes_text(phone)}内电话报告、{minutes_text(written)}内书面报告"
                         f"（分别至 {entry.at + timedelta(minutes=phone):%H:%M} 和 "
                         f"{entry.at + timedelta(minutes=written):%m-%d %H:%M}）。")
    return entry, notes


def update(actor, entry_id: int, data: dict, version: int) -> DutyEntry:
    """Correct an entry of a shift not yet handed over (after that, `amend`)."""
    require(actor, EDIT_DUTY, "修改值班记录")
    with DB.atomic():
        entry = _get(entry_id)
        if entry.duty_shift.locked:
            raise ValidationError("locked", f"{entry.duty_shift.label}已交接，记录已锁定，不能直接修改。"
                                            "请用「补充更正」写明更正内容和原因，原记录会保留。")
        if entry.version != version:
            raise StaleRecord()
        current = {k: getattr(entry, k) for k in EDITABLE}
        values = check_entry({**current, **data})
        before = {k: current[k] for k in EDITABLE if values.get(k) != current[k]}
        if not before:
            return entry
        if _shift_of(values["at"]).id != entry.duty_shift_id:
            raise ValidationError("at", "改后的时间属于另一个班次。请只更正到本班时间范围内，或登记为新记录。")
        for key in before:
            setattr(entry, key, values[key])
        for key, old in before.items():
            RECORDS.event(actor, entry, action="edit", text=f"修改{EDITABLE[key]}", field=key, before=_text(old),
                   after=_text(values[key]))
        return _save(actor, entry, "修改" + "、".join(EDITABLE[k] for k in before), before)


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return "" if value is None else str(value)


def amend(actor, entry_id: int, field: str, value: object, reason: str) -> DutyEntry:
    """补充更正: change one field of an entry, keeping the old value, the new one, the reason, who and when."""
    require(actor, EDIT_DUTY, "更正值班记录")
    reason = clean(reason)
    if field not in EDITABLE:
        raise ValidationError("field", f"「{field}」不能更正；可更正：{'、'.join(EDITABLE.values())}。")
    if not reason:
        raise ValidationError("reason", "请写明更正原因（如「来电人姓名记错，经回电核实」）。")
    with DB.atomic():
        entry = _get(entry_id)
        current = {k: getattr(entry, k) for k in EDITABLE}
        values = check_entry({**current, field: value})
        old, new = current[field], values[field]
        if old == new:
            raise ValidationError("value", f"更正后的{EDITABLE[field]}与原来相同。")
        setattr(entry, field, new)
        if field == "grade" and new and entry.kind != "突发事件":
            entry.kind = "突发事件"
        RECORDS.event(actor, entry, action="amend", text=reason, field=field, before=_text(old), after=_text(new))
        return _save(actor, entry, f"更正{EDITABLE[field]}（{reason}）", {field: old})


def report_leader(actor, entry_id: int, leader: str, at: object = None) -> DutyEntry:
    """报告领导: who was told, when (a line per report)."""
    require(actor, EDIT_DUTY, "登记报告领导")
    leader = clean(leader)
    if not leader:
        raise ValidationError("leader", "请填写报告了哪位领导。")
    with DB.atomic():
        entry = _open(entry_id, "report")
        moment = _not_future(parse_moment(at, "at", now()), "at", "报告时间")
        _after_logged(entry, moment, "报告时间")
        entry.reported_to = "\n".join(p for p in (entry.reported_to, f"{leader} {moment:%m-%d %H:%M}") if p)
        RECORDS.event(actor, entry, action="report", text=f"报告{leader}", after=f"{moment:%Y-%m-%d %H:%M}")
        return _save(actor, entry, f"报告{leader}")


def instruct(actor, entry_id: int, leader: str, text: str, at: object = None) -> DutyEntry:
    """领导批示: who, when, what (a line per instruction)."""
    require(actor, EDIT_DUTY, "登记领导批示")
    leader, text = clean(leader), clean(text)
    if not leader:
        raise ValidationError("leader", "请填写作出批示的领导。")
    if not text:
        raise ValidationError("text", "请填写批示内容。")
    with DB.atomic():
        entry = _open(entry_id, "instruct")
        moment = _not_future(parse_moment(at, "at", now()), "at", "批示时间")
        _after_logged(entry, moment, "批示时间")
        entry.instructions = "\n".join(p for p in (entry.instructions, f"{leader}（{moment:%m-%d %H:%M}）：{text}") if p)
        RECORDS.event(actor, entry, action="instruct", text=f"{leader}批示：{text}")
        return _save(actor, entry, f"{leader}批示")


def handle(actor, entry_id: int, text: str, at: object = None) -> DutyEntry:
    """处理情况: what was done (转办, 通知), a dated line per step (when it was done; now by default)."""
    require(actor, EDIT_DUTY, "登记处理情况")
    text = clean(text)
    if not text:
        raise ValidationError("text", "请填写处理情况（转给了谁、通知了谁、怎么答复的）。")
    with DB.atomic():
        entry = _open(entry_id, "handle")
        moment = _not_future(parse_moment(at, "at", now()), "at", "处理时间")
        _after_logged(entry, moment, "处理时间")
        entry.handling = "\n".join(p for p in (entry.handling, f"{moment:%m-%d %H:%M} {text}") if p)
        RECORDS.event(actor, entry, action="handle", text=text)
        return _save(actor, entry, "处理情况")


def report_up(actor, entry_id: int, channel: str, at: object = None) -> DutyEntry:
    """突发事件 reported upward: 「phone」 (电话报告) or 「written」 (书面报告); the first time counts for the clock."""
    require(actor, EDIT_DUTY, "登记事件上报")
    if channel not in ("phone", "written"):
        raise ValidationError("channel", "上报方式应为电话报告或书面报告。")
    label = "电话报告" if channel == "phone" else "书面报告"
    with DB.atomic():
        entry = _get(entry_id)
        if entry.kind != "突发事件":
            raise ValidationError("channel", "只有突发事件需要登记向上级报告的时间。")
        moment = _not_future(parse_moment(at, "at", now()), "at", f"{label}时间")
        _after_logged(entry, moment, f"{label}时间")
        column = "phoned_at" if channel == "phone" else "written_at"
        if getattr(entry, column) is not None:
            raise ValidationError("channel", f"已登记 {getattr(entry, column):%m-%d %H:%M} {label}。"
                                             "续报请在「处理情况」中记录；时间记错请用「补充更正」。")
        setattr(entry, column, moment)
        RECORDS.event(actor, entry, action="report_up", text=f"{label} {moment:%m-%d %H:%M}")
        return _save(actor, entry, label)


def close(actor, entry_id: int, result: str) -> DutyEntry:
    """办结 with the 办理结果; from any shift."""
    require(actor, EDIT_DUTY, "办结值班记录")
    result = clean(result)
    if not result:
        raise ValidationError("result", "请填写办理结果（如「已转县应急局处理，对方已反馈」）。")
    with DB.atomic():
        entry = _open(entry_id, "close")
        if entry.kind == "突发事件" and entry.grade and (entry.phoned_at is None or entry.written_at is None):
            missing = "、".join(n for n, v in (("电话报告", entry.phoned_at), ("书面报告", entry.written_at)) if v is None)
            raise ValidationError("result", f"这起{entry.grade}突发事件还没有登记{missing}时间，请先登记后再办结。")
        entry.result, entry.closed, entry.closed_at = result, True, now()
        RECORDS.event(actor, entry, action="close", text=f"办结：{result}")
        return _save(actor, entry, "办结")


def _open(entry_id: int, action: str) -> DutyEntry:
    """The entry, if `action` applies to it (FLOW); a closed one is refused."""
    entry = _get(entry_id)
    FLOW.check(f"{entry.closed_at:%m-%d %H:%M}" if entry.closed_at else "", entry.status, action)
    return entry


def _after_logged(entry: DutyEntry, moment: datetime, label: str) -> None:
    if moment < entry.at:
        raise ValidationError("at", f"{label} {moment:%m-%d %H:%M} 早于接报时间 {entry.at:%m-%d %H:%M}，请核对。")


# --- handover ---------------------------------------------------------------------------------------------

def hand_over(actor, shift_id: int, note: str, things: str = "") -> DutyShift:
    """交班: the outgoing officer writes the summary; the open items are listed by the program."""
    require(actor, EDIT_DUTY, "交班")
    note = clean(note)
    if not note:
        raise ValidationError("note", "请填写本班要事摘要（没有要事就写「本班无要事」）。")
    with DB.atomic():
        shift = _shift_by_id(shift_id)
        if shift.locked:
            raise ValidationError("shift", f"{shift.label}已于 {shift.received_at:%m-%d %H:%M} 交接完毕。")
        if shift.handed_at:
            raise ValidationError("shift", f"{shift.label}已由{shift.handed_by_name}交班，等待接班人确认。")
        items = _open_entries()
        shift.open_items = "\n".join(f"{e.at:%m-%d %H:%M} {e.kind} {e.heading}（{STATUS[e.status]}）" for e in items) \
            or "无"
        shift.note, shift.things = note, clean(things)
        shift.handed_by, shift.handed_by_name, shift.handed_at = actor.username, actor.display_name, now()
        shift.save()
        audit.record(actor, "update", f"duty_shift:{shift.id}", f"交班：{shift.label}，未办结 {len(items)} 件")
    return shift


def take_over(receiver, shift_id: int) -> DutyShift:
    """接班: the incoming officer confirms with their own account; the shift's entries are locked from now."""
    require(receiver, EDIT_DUTY, "接班确认")
    with DB.atomic():
        shift = _shift_by_id(shift_id)
        if not shift.handed_at:
            raise ValidationError("shift", f"{shift.label}还没有交班，请交班人先填写交班记录。")
        if shift.locked:
            raise ValidationError("shift", f"{shift.label}已由{shift.received_by_name}接班确认。")
        if receiver.username == shift.handed_by:
            raise ValidationError("receiver", "交班人和接班人不能是同一人：请接班的同志用自己的账户确认。")
        shift.received_by, shift.received_by_name, shift.received_at = (receiver.username, receiver.display_name,
                                                                         now())
        shift.save()
        count = DutyEntry.select().where(DutyEntry.duty_shift == shift).count()
        audit.record(receiver, "update", f"duty_shift:{shift.id}",
                     f"接班确认：{shift.label}，{count} 条记录已锁定", handed_by=shift.handed_by)
    return shift


# --- reading ----------------------------------------------------------------------------------------------

def open_entries(actor) -> list[DutyEntry]:
    """Everything not 办结, oldest first: carried from shift to shift until closed."""
    require(actor, READ_DUTY, "查看值班记录")
    return _open_entries()


def _open_entries() -> list[DutyEntry]:
    return list(DutyEntry.select().where(DutyEntry.closed == False).order_by(DutyEntry.at))  # noqa: E712


def shift_entries(actor, shift_id: int) -> list[DutyEntry]:
    require(actor, READ_DUTY, "查看值班记录")
    return list(DutyEntry.select().where(DutyEntry.duty_shift == shift_id).order_by(DutyEntry.at))


def day_entries(actor, day: date) -> list[DutyEntry]:
    """The entries of every shift of duty day `day`."""
    require(actor, READ_DUTY, "查看值班记录")
    return list(DutyEntry.select().join(DutyShift).where(DutyShift.day == day).order_by(DutyEntry.at))


def history(actor, entry_id: int) -> list[DutyEvent]:
    require(actor, READ_DUTY, "查看值班记录经过")
    return _history(entry_id)


def _history(entry_id: int) -> list[DutyEvent]:
    return list(DutyEvent.select().where(DutyEvent.entry == entry_id).order_by(DutyEvent.at, DutyEvent.id))


def search(actor, text: str, limit: int = 200) -> list[DutyEntry]:
    require(actor, READ_DUTY, "查找值班记录")
    return list(DutyEntry.select().where(text_contains(DutyEntry, DutyEntry.search_text, text))
                .order_by(DutyEntry.at.desc()).limit(limit))


def known_people(actor, limit: int = 300) -> list[str]:
    require(actor, READ_DUTY, "查看来电人")
    return [p for (p,) in tuples(DutyEntry.select(DutyEntry.person).where(DutyEntry.person != "").distinct()
                                 .order_by(DutyEntry.person).limit(limit))]


def known_units(actor, limit: int = 300) -> list[str]:
    require(actor, READ_DUTY, "查看来电单位")
    return [u for (u,) in tuples(DutyEntry.select(DutyEntry.unit).where(DutyEntry.unit != "").distinct()
                                 .order_by(DutyEntry.unit).limit(limit))]


# --- the reporting clock ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Clock:
    label: str  # 电话报告 / 书面报告
    limit: int  # minutes
    deadline: datetime
    done_at: datetime | None
    state: str  # "done" | "late" (done after the deadline) | "missing" (deadline passed) | "running"

    @property
    def text(self) -> str:
        if self.done_at:
            used = int((self.done_at - self.deadline).total_seconds() // 60) + self.limit
            late = "，已超时" if self.state == "late" else ""
            return f"{self.label}：{self.done_at:%H:%M}（用时 {minutes_text(max(used, 0))}，时限 {minutes_text(self.limit)}{late}）"
        if self.state == "missing":
            return f"{self.label}：未报告，已超过时限 {minutes_text(self.limit)}（应于 {self.deadline:%m-%d %H:%M} 前）"
        return f"{self.label}：应于 {self.deadline:%m-%d %H:%M} 前报告（时限 {minutes_text(self.limit)}）"

    @property
    def red(self) -> bool:
        return self.state in ("late", "missing")


def clock(entry: DutyEntry | SimpleNamespace, moment: datetime | None = None) -> list[Clock]:
    """The incident's reporting clock against the office's limits; [] for an entry that is not a graded incident."""
    if entry.kind != "突发事件" or entry.grade not in GRADES:
        return []
    moment = moment or now()
    result = []
    for label, limit, done in zip(("电话报告", "书面报告"), report_limits(entry.grade),
                                  (entry.phoned_at, entry.written_at), strict=True):
        deadline = entry.at + timedelta(minutes=limit)
        if done is not None:
            state = "late" if done > deadline else "done"
        else:
            state = "missing" if moment > deadline else "running"
        result.append(Clock(label, limit, deadline, done, state))
    return result


def detail_lines(actor, entry_id: int) -> list[tuple[str, str]]:
    require(actor, READ_DUTY, "查看值班记录")
    entry = _get(entry_id)
    lines = [("时间", f"{entry.at:%Y-%m-%d %H:%M}"), ("类别", entry.kind + (f"（{entry.grade}）" if entry.grade else "")),
             ("班次", f"{entry.duty_shift.label}（{entry.duty_shift.state}）"),
             ("来电单位/人", f"{entry.source_text}　{entry.phone}".strip()), ("事由", entry.subject)]
    if entry.occurred_at or entry.place:
        lines.append(("事发时间/地点", f"{_text(entry.occurred_at)}　{entry.place}".strip()))
    for label, value in (("报告领导", entry.reported_to), ("领导批示", entry.instructions), ("处理情况", entry.handling),
                         ("办理结果", entry.result)):
        if value:
            lines.append((label, value))
    lines += [("报告时限", c.text) for c in clock(entry)]
    lines.append(("状态", STATUS[entry.status]))
    lines.append(("记录人", entry.recorder))
    for event in _history(entry.id):
        if event.action in ("amend", "edit"):
            what = "更正" if event.action == "amend" else "修改"
            lines.append((f"{what} {event.at:%m-%d %H:%M}",
                          f"{event.actor_name}将{EDITABLE.get(event.field, event.field)}由「{event.before}」改为"
                          f"「{event.after}」" + (f"，原因：{event.text}" if event.action == "amend" else "")))
    return lines
