"""收文 (incoming documents): registration, the 办理 flow, 传阅, 催办, and every step kept as history.

Flow (DOMAIN.md §1.2, 条例 第24条):
  已登记 → 已拟办 (拟办意见) → 已批示 (领导批示, one or more) → 承办中 (承办单位, 办理时限 in working days)
         → 已办结 (办理结果) → 已归档 (年度, 保管期限, 件号)
  退文 (before 承办, with a reason) and 作废 (with a reason) end it; the 收文编号 stays taken.
  A 阅件 may be closed (阅毕) without 承办. 传阅 and 催办 are events beside the flow.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    ModelSelect,
    TextField,
    fn,
)

from models.core import audit, clock, counters, workdays
from models.core.db import DB, BaseModel, PlainModel, chunks, insert_rows, now, tuples
from models.core.errors import NeedsConfirmation, ValidationError
from models.core.records import Records
from models.core.rights import require
from models.core.states import ANY, Flow
from models.core.text import choice, clean, text_value
from models.core.validators import normalize_doc_no, parse_date
from models.documents.manifest import EDIT_DOCUMENTS, READ_DOCUMENTS
from models.documents.terms import (
    CLASSIFIED,
    DOC_TYPES,
    NOT_SECRET,
    RETENTION,
    RETENTION_CODES,
    check_term,
    copy_numbers_text,
    infer_doc_type,
    parse_copy_numbers,
    parse_count,
    parse_secrecy,
    parse_urgency,
    secrecy_mark,
)

KINDS = ("办件", "阅件")

STATUS = {
    "registered": "已登记",
    "proposed": "已拟办",
    "instructed": "已批示",
    "assigned": "承办中",
    "closed": "已办结",
    "archived": "已归档",
    "returned": "已退文",
    "void": "已作废",
}
OPEN = ("registered", "proposed", "instructed", "assigned")
FINISHED = ("closed", "archived", "returned", "void")
REMIND_METHODS = ("电话", "书面", "面催", "短信")
SOON_WORKDAYS = 2  # amber: due within 2 working days (DESIGN.md)


class Incoming(BaseModel):
    """One incoming document (收文). Never deleted: voided with a reason, keeping its 收文编号."""

    reminders: "ModelSelect[Reminder]"  # backref

    year = IntegerField()
    serial = IntegerField()
    receipt_no = CharField(max_length=40)  # 收〔2026〕15号
    received_at = DateTimeField(index=True)  # 签收时间
    source_org = CharField(max_length=100)  # 来文单位
    doc_no = CharField(max_length=80, default="")  # 来文字号
    title = CharField(max_length=300)
    doc_type = CharField(max_length=10)
    secrecy = CharField(max_length=4, default=NOT_SECRET)
    secrecy_term = CharField(max_length=40, default="")
    urgency = CharField(max_length=4, default="无")
    copies = IntegerField(default=1)
    copy_nos = TextField(default="")  # 份号, 000012-000014
    pages = IntegerField(null=True)
    attachments = TextField(default="")
    kind = CharField(max_length=4, default="办件")
    signed_on = DateField(null=True)  # 成文日期
    proposal = TextField(default="")  # 拟办意见
    proposed_by = CharField(max_length=40, default="")
    proposed_on = DateField(null=True)
    instructions = TextField(default="")  # 领导批示, one line per instruction (rows in DocEvent)
    lead_unit = CharField(max_length=100, default="", index=True)  # 承办(主办)单位 (indexed: the filter's choices)
    co_units = CharField(max_length=200, default="")  # 协办单位
    handler = CharField(max_length=40, default="")  # 承办人
    assigned_on = DateField(null=True)
    due_date = DateField(null=True, index=True)  # 办理时限
    due_provisional = BooleanField(default=False)  # counted across a year whose 调休 is not entered
    result = TextField(default="")  # 办理结果
    closed_on = DateField(null=True)
    archive_year = IntegerField(null=True)
    retention = CharField(max_length=10, default="")
    archive_serial = IntegerField(null=True)  # 件号
    archive_code = CharField(max_length=60, default="")  # 档号
    status = CharField(max_length=12, default="registered", index=True)
    reason = TextField(default="")  # 退文 / 作废 reason
    remarks = TextField(default="")
    legacy_no = CharField(max_length=40, default="")  # the 登记号 in an imported old ledger
    search_text = TextField(default="")

    class Meta:
        # ("id",): a jump into the 收文编号 order walks this narrow index, not the wide rows (28 → 3 ms at 300k)
        indexes = ((("year", "serial"), True), (("source_org", "doc_no"), False), (("id",), False))

    @property
    def mark(self) -> str:
        return secrecy_mark(self.secrecy, self.secrecy_term)


class DocEvent(PlainModel):
    """One step in a document's history (登记, 拟办, 批示, 承办, 催办, 传阅, 办结, 归档, 退文, 作废, 修改…)."""

    doc_kind = CharField(max_length=10)  # "incoming" | "outgoing"
    doc_id = IntegerField()
    at = DateTimeField(default=now)
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=64)
    action = CharField(max_length=20)
    summary = TextField()
    person = CharField(max_length=100, default="")  # the leader who instructed, the unit reminded…
    on = DateField(null=True)  # the date the person gave (批示日期)
    text = TextField(default="")

    class Meta:
        indexes = ((("doc_kind", "doc_id"), False), (("at",), False))


class Circulation(BaseModel):
    """传阅: who holds a copy of the paper now, since when, and when it came back."""

    incoming = ForeignKeyField(Incoming, backref="circulations")
    incoming_id: int
    holder = CharField(max_length=60)
    copy_no = CharField(max_length=10, default="")
    lent_at = DateTimeField(default=now)
    lent_by = CharField(max_length=64)
    returned_at = DateTimeField(null=True, index=True)
    received_by = CharField(max_length=64, default="")


class Reminder(BaseModel):
    """催办: each one kept with its number, to whom, how, what was asked and what they answered."""

    incoming = ForeignKeyField(Incoming, backref="reminders")
    incoming_id: int
    year = IntegerField()
    serial = IntegerField()
    at = DateTimeField(default=now)
    target = CharField(max_length=100)  # 催办对象 (unit or person)
    method = CharField(max_length=10)
    request = TextField(default="")  # 催办事由/要求
    answer = TextField(default="")  # 对方答复
    by = CharField(max_length=64)

    class Meta:
        indexes = ((("year", "serial"), True),)

    @property
    def number(self) -> str:
        return f"催〔{self.year}〕{self.serial}号"


# --- reading what was typed ------------------------------------------------------------------------------

@dataclass
class Checked:
    """A registration after checking: the values to store, and notes the user should see (not errors)."""

    values: dict
    notes: list[str]


def check_incoming(data: dict, year_hint: int | None = None, strict: bool = True) -> Checked:
    """Turn typed or imported values into stored ones; raise ValidationError on the first bad field.

    `strict=False` (importing an old ledger) lets a classified entry miss its 份号, with a note to add it.
    """
    notes: list[str] = []
    received = data.get("received_at") or data.get("received_on")
    if received in (None, ""):
        raise ValidationError("received_on", "请填写收文日期。")
    if isinstance(received, datetime):
        received_at = received
    else:
        day, moment = parse_date(received, "received_on", year_hint), now()
        if day > moment.date():
            raise ValidationError("received_on", f"收文日期 {day:%Y-%m-%d} 晚于今天，请核对。")
        received_at = datetime.combine(day, moment.time() if day == moment.date() else datetime.min.time())
    source = clean(data.get("source_org"))
    if not source:
        raise ValidationError("source_org", "请填写来文单位。")
    if len(source) > 100:
        raise ValidationError("source_org", "来文单位过长（最多 100 个字），请检查是否把标题填进来了。")
    title = clean(data.get("title"))
    if not title:
        raise ValidationError("title", "请填写文件标题。")
    if len(title) > 300:
        raise ValidationError("title", "标题过长（最多 300 个字），请检查。")
    doc_no = clean(data.get("doc_no"))
    if doc_no and doc_no not in ("无", "-", "—"):
        doc_no = normalize_doc_no(doc_no, "doc_no")
    else:
        doc_no = ""
    doc_type = clean(data.get("doc_type")) or infer_doc_type(title)
    if doc_type not in DOC_TYPES:
        raise ValidationError("doc_type", f"文种「{doc_type}」无法识别，应为：{'、'.join(DOC_TYPES)}。")
    if data.get("secrecy_term") not in (None, ""):
        secrecy = choice(data.get("secrecy"), ("非密", "内部", *CLASSIFIED), "密级", "secrecy", "非密")
        term = check_term(secrecy, data.get("secrecy_term"), "secrecy_term")
    else:
        secrecy, term = parse_secrecy(data.get("secrecy"), "secrecy")
    urgency = parse_urgency(data.get("urgency"))
    copies = parse_count(data.get("copies"), "份数", "copies", default=1)
    copy_list = parse_copy_numbers(data.get("copy_nos"), "copy_nos")
    if copy_list and len(copy_list) != copies:
        raise ValidationError("copy_nos", f"登记了 {len(copy_list)} 个份号，但份数是 {copies}，请核对。")
    if secrecy in CLASSIFIED and not copy_list:
        if strict:
            raise ValidationError("copy_nos", f"{secrecy}文件必须登记份号（每份一个 6 位号码），如「000012」或「000012-000013」。")
        notes.append(f"{secrecy}文件「{title[:20]}」未登记份号，请补登。")
    pages = parse_count(data.get("pages"), "页数", "pages")
    kind = choice(data.get("kind"), KINDS, "文件性质", "kind", "办件")
    signed_on = parse_date(data["signed_on"], "signed_on", year_hint) if clean(data.get("signed_on")) else None
    values = dict(
        received_at=received_at, source_org=source, doc_no=doc_no, title=title, doc_type=doc_type,
        secrecy=secrecy, secrecy_term=term, urgency=urgency, copies=copies,
        copy_nos=copy_numbers_text(copy_list), pages=pages, attachments=clean(data.get("attachments")),
        kind=kind, signed_on=signed_on, remarks=clean(data.get("remarks")),
    )
    if clean(data.get("due_workdays")):
        values["due_workdays"] = parse_count(data.get("due_workdays"), "办理时限（工作日）", "due_workdays")
    elif clean(data.get("due_date")):
        values["due_date"] = parse_date(data.get("due_date"), "due_date", year_hint)
    return Checked(values, notes)


def _same_document(source_org: str, doc_no: str, exclude_id: int | None = None) -> list[Incoming]:
    """Entries already registered with this 文号 from this unit (a repeat is usually a second copy)."""
    if not doc_no:
        return []
    query = Incoming.select().where((Incoming.source_org == source_org) & (Incoming.doc_no == doc_no))
    if exclude_id:
        query = query.where(Incoming.id != exclude_id)
    return list(query.order_by(Incoming.id))


def receipt_number(year: int, serial: int) -> str:
    return f"收〔{year}〕{serial}号"


def _search_text(doc: Incoming) -> str:
    parts = (doc.receipt_no, doc.doc_no, doc.source_org, doc.title, doc.instructions, doc.lead_unit,
             doc.co_units, doc.handler, doc.legacy_no)
    return " ".join(p for p in parts if p)


# --- changes ----------------------------------------------------------------------------------------------

def _prepare(doc: Incoming) -> None:
    doc.search_text = _search_text(doc)


RECORDS = Records(Incoming, "incoming", "没有编号为 {id} 的收文记录。", events=DocEvent,
                  link=lambda doc: {"doc_kind": "incoming", "doc_id": doc.id}, prepare=_prepare)
_get = RECORDS.get


def _save(actor, doc: Incoming, action: str, summary: str, before: dict | None = None, **event) -> Incoming:
    return RECORDS.save(actor, doc, f"收文{doc.receipt_no}：{summary}", before,
                        event=dict(action=action, summary=summary, **event))


def _deadline(start: date, values: dict) -> tuple[date | None, bool, str]:
    if "due_workdays" in values:
        deadline = workdays.add_workdays(start, values.pop("due_workdays"))
        return deadline.date, deadline.provisional, deadline.warning
    if "due_date" in values:
        due = values.pop("due_date")
        if due < start:
            raise ValidationError("due_date", f"办理时限 {due:%Y-%m-%d} 早于 {start:%Y-%m-%d}，请核对。")
        return due, False, ""
    return None, False, ""


def register(actor, data: dict, confirm: bool = False) -> tuple[Incoming, list[str]]:
    """Register an incoming document and give it the next 收文编号 of its year.

    Raises NeedsConfirmation when the same 文号 from the same unit is already registered; call again with
    `confirm=True` once the user has looked. Returns the entry and notes for the user (provisional deadline…).
    """
    require(actor, EDIT_DOCUMENTS, "登记收文")
    checked = check_incoming(data)
    values = dict(checked.values)
    twins = _same_document(values["source_org"], values["doc_no"])
    if twins and not confirm:
        first = twins[0]
        raise NeedsConfirmation(
            "doc_no",
            f"「{values['source_org']}」的「{values['doc_no']}」已于 {first.received_at:%Y-%m-%d} 登记为"
            f"{first.receipt_no}（{STATUS[first.status]}）。如确是另一份（如续发、重发），请确认后继续登记。",
        )
    notes = list(checked.notes)
    with DB.atomic():
        year = values["received_at"].year
        due, provisional, warning = _deadline(values["received_at"].date(), values)
        if warning:
            notes.append(warning)
        serial = counters.take("incoming", year)
        doc = Incoming(year=year, serial=serial, receipt_no=receipt_number(year, serial),
                       due_date=due, due_provisional=provisional, **values)
        said = f"登记，{doc.source_org}{('「' + doc.doc_no + '」') if doc.doc_no else ''}"
        RECORDS.save(actor, doc, f"登记收文{doc.receipt_no}：{doc.title[:40]}", action="create", after=dict(values),
                     insert=True, event=dict(action="register", summary=said))
    return doc, notes


EDITABLE = ("received_at", "source_org", "doc_no", "title", "doc_type", "secrecy", "secrecy_term", "urgency",
            "copies", "copy_nos", "pages", "attachments", "kind", "signed_on", "remarks")


def update(actor, doc_id: int, data: dict, version: int) -> Incoming:
    """Correct the registration (not the 收文编号); refused once archived or voided. Audited before/after."""
    require(actor, EDIT_DOCUMENTS, "修改收文登记")
    doc = _get(doc_id)
    _check(doc, "edit")
    merged = {k: getattr(doc, k) for k in EDITABLE} | data
    if data.get("received_on") not in (None, ""):
        merged.pop("received_at")  # a typed date replaces the stored moment
    merged.pop("due_workdays", None)
    merged.pop("due_date", None)
    values = check_incoming(merged).values
    doc.version = version  # a stale form fails on save instead of overwriting another's change
    before = {k: getattr(doc, k) for k in EDITABLE if getattr(doc, k) != values[k]}
    if not before:
        return doc
    for key in before:
        setattr(doc, key, values[key])
    with DB.atomic():
        labels = "、".join(FIELD_LABELS.get(k, k) for k in before)
        _save(actor, doc, "edit", f"修改登记：{labels}", before=before)
    return doc


def get(actor, doc_id: int) -> Incoming:
    require(actor, READ_DOCUMENTS, "查看收文")
    return _get(doc_id)


ACTIONS = {"propose": "拟办", "instruct": "登记批示", "assign": "交办（承办）", "remind": "催办", "close": "办结",
           "close_reading": "办结", "archive": "归档", "return": "退文", "void": "作废", "circulate": "传阅",
           "reassign": "更换承办单位", "edit": "修改"}
NOT_HANDLED = ("registered", "proposed", "instructed")  # open, but not yet with a 承办单位
FLOW = Flow(STATUS, ACTIONS, [
    ("registered", "propose", "proposed"), ("proposed", "propose", "proposed"),
    ("registered", "instruct", "instructed"), ("proposed", "instruct", "instructed"),
    ("instructed", "instruct", "instructed"), ("assigned", "instruct", "assigned"),
    *[(s, "assign", "assigned") for s in OPEN],
    ("assigned", "remind", "assigned"), ("assigned", "reassign", "assigned"),
    ("assigned", "close", "closed"),  # 办件
    *[(s, "close_reading", "closed") for s in OPEN],  # 阅件: 阅毕 without 承办
    ("closed", "archive", "archived"),
    ("registered", "return", "returned"), ("proposed", "return", "returned"),
    *[(s, "void", "void") for s in (*OPEN, "closed")],
    *[(s, "circulate", s) for s in (*OPEN, "closed")],
    *[(s, "edit", s) for s in STATUS if s not in ("archived", "void")],
    *[(s, "archive", None, "文件尚未办理，请先拟办、批办、承办并办结后再归档。") for s in NOT_HANDLED],
    ("assigned", "archive", None, "请先登记办理结果（办结），再归档。"),
    *[(s, "remind", None, "文件尚未交承办单位，交办（承办）后才能催办。") for s in NOT_HANDLED],
    ("closed", "remind", None, "文件已办结，无需催办。"),
    *[(s, "close", None, "办件须先交承办单位办理；如只需阅知，请把文件性质改为「阅件」。") for s in NOT_HANDLED],
    ("assigned", "return", None, "文件已交承办单位办理，不能再退文；如确需退回，请先与承办单位沟通后作废。"),
    *[(s, ANY, None, f"已{STATUS[s][1:]}的文件不能再办理。") for s in ("void", "returned", "archived")],
], messages={"edit": "{label}{state}，不能再修改登记内容。"})


def _check(doc: Incoming, action: str) -> str:
    """The status `action` leads to, or the refusal in words (FLOW)."""
    return FLOW.check(f"收文{doc.receipt_no}", doc.status, action)


def past_day(value: object, field: str, label: str) -> date:
    today = clock.today()
    if value in (None, ""):
        return today
    day = value if isinstance(value, date) else parse_date(value, field)
    if day > today:
        raise ValidationError(field, f"{label}不能晚于今天（{today:%Y-%m-%d}）。")
    return day


def propose(actor, doc_id: int, opinion: str, by: str = "", on: object = None) -> Incoming:
    """拟办: the office's proposal of who should handle it."""
    require(actor, EDIT_DOCUMENTS, "填写拟办意见")
    doc = _get(doc_id)
    after = _check(doc, "propose")
    text = text_value(opinion, "opinion", "拟办意见")
    before = {"proposal": doc.proposal, "status": doc.status}
    doc.proposal, doc.proposed_by = text, clean(by) or actor.display_name
    doc.proposed_on, doc.status = past_day(on, "on", "拟办日期"), after
    with DB.atomic():
        return _save(actor, doc, "propose", f"拟办：{text}", before, person=doc.proposed_by, on=doc.proposed_on,
                     text=text)


def instruct(actor, doc_id: int, leader: str, text: str, on: object = None) -> Incoming:
    """批办: one leader's 批示 (several leaders may each add one)."""
    require(actor, EDIT_DOCUMENTS, "登记领导批示")
    doc = _get(doc_id)
    after = _check(doc, "instruct")
    who = text_value(leader, "leader", "批示领导", limit=40)
    words = text_value(text, "text", "批示内容")
    day = past_day(on, "on", "批示日期")
    before = {"instructions": doc.instructions, "status": doc.status}
    line = f"{who}（{day.month}月{day.day}日）：{words}"
    doc.instructions = f"{doc.instructions}\n{line}".strip()
    doc.status = after
    with DB.atomic():
        return _save(actor, doc, "instruct", f"领导批示：{line}", before, person=who, on=day, text=words)


def assign(actor, doc_id: int, lead_unit: str, workdays_limit: object = None, due_date: object = None,
           handler: str = "", co_units: str = "", on: object = None) -> tuple[Incoming, str]:
    """承办: hand it to a unit with a deadline counted in working days (or a date). Returns a calendar warning."""
    require(actor, EDIT_DOCUMENTS, "交办收文")
    doc = _get(doc_id)
    after = _check(doc, "assign")
    unit = text_value(lead_unit, "lead_unit", "承办单位", limit=100)
    start = past_day(on, "on", "交办日期")
    values: dict[str, Any] = {}
    if clean(workdays_limit):
        values["due_workdays"] = parse_count(workdays_limit, "办理时限（工作日）", "due_workdays")
    elif clean(due_date) or isinstance(due_date, date):
        values["due_date"] = due_date if isinstance(due_date, date) else parse_date(due_date, "due_date")
    elif doc.urgency != "无":
        raise ValidationError("due_workdays", f"{doc.urgency}文件须明确办理时限（条例第二十四条），请填写工作日天数或截止日期。")
    due, provisional, warning = _deadline(start, values)
    before = {k: getattr(doc, k) for k in ("lead_unit", "handler", "co_units", "due_date", "status")}
    doc.lead_unit, doc.handler, doc.co_units = unit, clean(handler), clean(co_units)
    doc.assigned_on, doc.status = start, after
    if due is not None:
        doc.due_date, doc.due_provisional = due, provisional
    limit = f"，办理时限 {doc.due_date:%Y-%m-%d}" if doc.due_date else ""
    with DB.atomic():
        _save(actor, doc, "assign", f"交{unit}{('（' + doc.handler + '）') if doc.handler else ''}办理{limit}",
              before, person=unit, on=start)
    return doc, warning


def remind(actor, doc_id: int, target: str, method: str, request: str = "", answer: str = "") -> Reminder:
    """催办: numbered 催〔年〕N号 per year, with to whom, how, what was asked and the answer."""
    require(actor, EDIT_DOCUMENTS, "催办")
    doc = _get(doc_id)
    _check(doc, "remind")
    who = text_value(target or doc.lead_unit, "target", "催办对象", limit=100)
    how = choice(method, REMIND_METHODS, "催办方式", "method")
    with DB.atomic():
        year = clock.today().year
        reminder = Reminder.create(incoming=doc, year=year, serial=counters.take("reminder", year), target=who,
                                   method=how, request=text_value(request, "request", "催办要求", False),
                                   answer=text_value(answer, "answer", "答复", False), by=actor.display_name)
        answered = f"，答复：{reminder.answer}" if reminder.answer else ""
        RECORDS.event(actor, doc, action="remind", summary=f"{reminder.number}：{how}催办{who}{answered}", person=who,
                      text=reminder.request)
        audit.record(actor, "create", f"incoming:{doc.id}", f"收文{doc.receipt_no}：{reminder.number} {how}催办{who}")
    return reminder


def record_answer(actor, reminder_id: int, answer: str) -> Reminder:
    """The 承办单位's answer to a 催办, written down when it comes."""
    require(actor, EDIT_DOCUMENTS, "登记催办答复")
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        raise ValidationError("id", "没有这条催办记录。")
    text = text_value(answer, "answer", "答复内容")
    with DB.atomic():
        before = {"answer": reminder.answer}
        reminder.answer = text
        reminder.save()
        RECORDS.event(actor, reminder.incoming, action="answer", summary=f"{reminder.number}答复：{text}",
                      person=reminder.target)
        audit.record(actor, "update", f"incoming:{reminder.incoming_id}", f"{reminder.number}登记答复",
                     before=before, after={"answer": text})
    return reminder


def close(actor, doc_id: int, result: str, on: object = None) -> Incoming:
    """办结: what was done. A 阅件 may be closed (阅毕) without 承办."""
    require(actor, EDIT_DOCUMENTS, "办结收文")
    doc = _get(doc_id)
    after = _check(doc, "close_reading" if doc.kind == "阅件" else "close")
    text = text_value(result, "result", "办理结果")
    before = {"result": doc.result, "status": doc.status}
    doc.result, doc.closed_on, doc.status = text, past_day(on, "on", "办结日期"), after
    with DB.atomic():
        return _save(actor, doc, "close", f"办结：{text}", before, on=doc.closed_on, text=text)


def archive(actor, doc_id: int, retention: str = "永久", year: object = None) -> Incoming:
    """归档: 年度, 保管期限 (永久 unless said), and the next 件号 of that year and period (DA/T 22)."""
    require(actor, EDIT_DOCUMENTS, "归档收文")
    doc = _get(doc_id)
    after = _check(doc, "archive")
    if out := _open_circulations(doc.id):
        names = "、".join(c.holder for c in out)
        raise ValidationError("status", f"收文{doc.receipt_no}还有 {len(out)} 份在{names}处传阅未退回，收回后才能归档。")
    period = choice(retention, RETENTION, "保管期限", "retention", "永久")
    archive_year = parse_count(year, "归档年度", "year", default=doc.year)
    if not 1949 <= archive_year <= clock.today().year + 1:
        raise ValidationError("year", f"归档年度 {archive_year} 不合理，请核对。")
    with DB.atomic():
        serial = counters.take(f"archive:{period}", archive_year)
        before = {"status": doc.status}
        doc.archive_year, doc.retention, doc.archive_serial = archive_year, period, serial
        doc.archive_code = f"WS·{archive_year}-{RETENTION_CODES[period]}-{serial:04d}"
        doc.status = after
        return _save(actor, doc, "archive", f"归档：{archive_year}年度 {period} 件号 {serial}（档号 {doc.archive_code}）",
                     before)


def send_back(actor, doc_id: int, reason: str) -> Incoming:
    """退文: returned to the sender with the reasons (条例 第24条 初审)."""
    require(actor, EDIT_DOCUMENTS, "退文")
    doc = _get(doc_id)
    after = _check(doc, "return")
    text = text_value(reason, "reason", "退文理由")
    before = {"status": doc.status}
    doc.status, doc.reason = after, text
    with DB.atomic():
        return _save(actor, doc, "return", f"退文：{text}", before, text=text)


def void(actor, doc_id: int, reason: str) -> Incoming:
    """作废: the entry stays in the ledger with its number, greyed out, with the reason."""
    require(actor, EDIT_DOCUMENTS, "作废收文")
    doc = _get(doc_id)
    after = _check(doc, "void")
    text = text_value(reason, "reason", "作废理由")
    before = {"status": doc.status}
    doc.status, doc.reason = after, text
    with DB.atomic():
        return _save(actor, doc, "void", f"作废：{text}", before, text=text)


# --- 传阅 -------------------------------------------------------------------------------------------------

def open_circulations(actor, doc_id: int) -> list[Circulation]:
    """The copies of a document out on 传阅 now, earliest first."""
    require(actor, READ_DOCUMENTS, "查看传阅情况")
    return _open_circulations(doc_id)


def _open_circulations(doc_id: int) -> list[Circulation]:
    return list(Circulation.select().where((Circulation.incoming == doc_id) & Circulation.returned_at.is_null())
                .order_by(Circulation.lent_at))


def lend(actor, doc_id: int, holder: str, copy_no: str = "") -> Circulation:
    """传阅: a copy goes to `holder` now. For a classified document the 份号 is required."""
    require(actor, EDIT_DOCUMENTS, "登记传阅")
    doc = _get(doc_id)
    _check(doc, "circulate")
    who = text_value(holder, "holder", "传阅人（送阅对象）", limit=60)
    out = _open_circulations(doc.id)
    if len(out) >= doc.copies:
        raise ValidationError("holder", f"本文件共 {doc.copies} 份，已全部在传阅中（{'、'.join(c.holder for c in out)}），"
                                        "请先收回一份。")
    number = ""
    if clean(copy_no):
        numbers = parse_copy_numbers(copy_no, "copy_no")
        if len(numbers) != 1:
            raise ValidationError("copy_no", "一次传阅登记一份，请只填一个份号。")
        number = numbers[0]
        own = parse_copy_numbers(doc.copy_nos) if doc.copy_nos else []
        if own and number not in own:
            raise ValidationError("copy_no", f"份号 {number} 不是本文件的份号（本文件为 {doc.copy_nos}）。")
        holder_now = next((c.holder for c in out if c.copy_no == number), None)
        if holder_now:
            raise ValidationError("copy_no", f"第 {number} 份正在{holder_now}处传阅，尚未退回。")
    elif doc.secrecy in CLASSIFIED:
        raise ValidationError("copy_no", f"{doc.secrecy}文件传阅须登记份号，以便随时掌握每一份的去向。")
    with DB.atomic():
        item = Circulation.create(incoming=doc, holder=who, copy_no=number, lent_by=actor.display_name)
        copy = f"（第 {number} 份）" if number else ""
        RECORDS.event(actor, doc, action="circulate", summary=f"送{who}传阅{copy}", person=who)
        audit.record(actor, "update", f"incoming:{doc.id}", f"收文{doc.receipt_no}：送{who}传阅 {number}".strip())
    return item


def take_back(actor, circulation_id: int) -> Circulation:
    """传阅 returned: the copy is back in the office."""
    require(actor, EDIT_DOCUMENTS, "登记传阅退回")
    item = Circulation.get_or_none(Circulation.id == circulation_id)
    if item is None:
        raise ValidationError("id", "没有这条传阅记录。")
    if item.returned_at is not None:
        raise ValidationError("id", f"这份文件已于 {item.returned_at:%Y-%m-%d %H:%M} 从{item.holder}处退回。")
    with DB.atomic():
        item.returned_at, item.received_by = now(), actor.display_name
        item.save()
        doc = item.incoming
        copy = f"第 {item.copy_no} 份" if item.copy_no else ""
        RECORDS.event(actor, doc, action="circulate_back", summary=f"{item.holder}退回{copy}", person=item.holder)
        audit.record(actor, "update", f"incoming:{doc.id}", f"收文{doc.receipt_no}：{item.holder}传阅退回")
    return item


# --- batch ------------------------------------------------------------------------------------------------

def batch(actor, doc_ids: list[int], action: str, **values) -> int:
    """办结, 归档 or change 承办单位 for many at once: all of them, or none with every refusal listed."""
    require(actor, EDIT_DOCUMENTS, "批量办理收文")
    if not doc_ids:
        raise ValidationError("ids", "请先选中要处理的文件。")
    problems = []
    with DB.atomic() as transaction:
        for doc_id in doc_ids:
            try:
                if action == "close":
                    close(actor, doc_id, values.get("result", ""))
                elif action == "archive":
                    archive(actor, doc_id, values.get("retention", "永久"))
                elif action == "reassign":
                    reassign(actor, doc_id, values.get("lead_unit", ""))
                else:
                    raise ValidationError("action", f"不支持的批量操作「{action}」。")
            except ValidationError as exc:
                problems.append(exc.message)
        if problems:
            transaction.rollback()
            shown = "\n".join(problems[:20]) + (f"\n……另有 {len(problems) - 20} 条" if len(problems) > 20 else "")
            raise ValidationError("ids", f"选中的 {len(doc_ids)} 件中有 {len(problems)} 件不能处理，全部未做改动：\n{shown}")
    return len(doc_ids)


def reassign(actor, doc_id: int, lead_unit: str) -> Incoming:
    """Change the 承办单位 of a document being handled (keeps its deadline)."""
    require(actor, EDIT_DOCUMENTS, "更换承办单位")
    doc = _get(doc_id)
    _check(doc, "reassign")
    unit = text_value(lead_unit, "lead_unit", "承办单位", limit=100)
    if unit == doc.lead_unit:
        return doc
    before = {"lead_unit": doc.lead_unit}
    doc.lead_unit = unit
    with DB.atomic():
        return _save(actor, doc, "reassign", f"承办单位由{before['lead_unit']}改为{unit}", before, person=unit)


# --- reading ----------------------------------------------------------------------------------------------

FIELD_LABELS = {
    "receipt_no": "收文编号", "received_at": "收文日期", "source_org": "来文单位", "doc_no": "来文字号",
    "title": "标题", "doc_type": "文种", "secrecy": "密级", "secrecy_term": "保密期限", "urgency": "紧急程度",
    "copies": "份数", "copy_nos": "份号", "pages": "页数", "attachments": "附件", "kind": "文件性质",
    "signed_on": "成文日期", "proposal": "拟办意见", "instructions": "领导批示", "lead_unit": "承办单位",
    "co_units": "协办单位", "handler": "承办人", "due_date": "办理时限", "result": "办理结果",
    "archive_code": "档号", "status": "状态", "reason": "退文/作废理由", "remarks": "备注", "legacy_no": "原登记号",
    "answer": "答复",
}


def history(actor, doc_id: int, kind: str = "incoming") -> list[DocEvent]:
    require(actor, READ_DOCUMENTS, "查看公文办理经过")
    return _history(doc_id, kind)


def _history(doc_id: int, kind: str = "incoming") -> list[DocEvent]:
    return list(DocEvent.select().where((DocEvent.doc_kind == kind) & (DocEvent.doc_id == doc_id))
                .order_by(DocEvent.at, DocEvent.id))


def instructions_of(actor, doc_id: int) -> list[DocEvent]:
    require(actor, READ_DOCUMENTS, "查看领导批示")
    return [e for e in _history(doc_id) if e.action == "instruct"]


def due_status(status: str, due: date | None, today: date, soon: date) -> str | None:
    """overdue / due_soon / on_time / done, as the ledger colours them."""
    if status in FINISHED:
        return "done"
    if due is None:
        return None
    if due < today:
        return "overdue"
    return "due_soon" if due <= soon else "on_time"


def soon_limit(today: date) -> date:
    """The last day that still counts as 「即将到期」 (within 2 working days)."""
    return workdays.add_workdays(today, SOON_WORKDAYS).date


def known_units(actor, limit: int = 500) -> list[str]:
    """Units typed before (来文单位 and 承办单位), most used first: what the form completes from."""
    require(actor, READ_DOCUMENTS, "查看来文和承办单位")
    counts: dict[str, int] = {}
    for column in (Incoming.source_org, Incoming.lead_unit):
        query = (Incoming.select(column, fn.COUNT(Incoming.id)).where(column != "").group_by(column)
                 .order_by(fn.COUNT(Incoming.id).desc()).limit(limit))
        for name, count in tuples(query):
            counts[name] = counts.get(name, 0) + count
    return sorted(counts, key=lambda n: -counts[n])[:limit]


def detail_lines(actor, doc: Incoming) -> list[tuple[str, str]]:
    """What the detail panel and the history show for one entry."""
    require(actor, READ_DOCUMENTS, "查看收文详情")
    lines = [("收文编号", doc.receipt_no), ("状态", STATUS[doc.status]),
             ("收文日期", f"{doc.received_at:%Y-%m-%d %H:%M}".removesuffix(" 00:00")), ("来文单位", doc.source_org),
             ("来文字号", doc.doc_no), ("标题", doc.title), ("文种", doc.doc_type),
             ("密级", doc.mark or "非密"), ("紧急程度", doc.urgency), ("份数 / 份号", f"{doc.copies} 份 {doc.copy_nos}"),
             ("文件性质", doc.kind)]
    if doc.proposal:
        lines.append(("拟办意见", f"{doc.proposal}（{doc.proposed_by}）"))
    if doc.instructions:
        lines.append(("领导批示", doc.instructions))
    if doc.lead_unit:
        lines.append(("承办", " ".join(p for p in (doc.lead_unit, doc.handler, doc.co_units and "协办：" + doc.co_units)
                                      if p)))
    if doc.due_date:
        lines.append(("办理时限", f"{doc.due_date:%Y-%m-%d}" + ("（节假日安排未录入，暂按周一至周五计算）"
                                                              if doc.due_provisional else "")))
    if doc.result:
        lines.append(("办理结果", doc.result))
    if doc.archive_code:
        lines.append(("归档", f"{doc.archive_year}年度 {doc.retention} 件号 {doc.archive_serial}，档号 {doc.archive_code}"))
    if doc.reason:
        lines.append(("退文/作废理由", doc.reason))
    out = _open_circulations(doc.id)
    if out:
        lines.append(("正在传阅", "；".join(f"{c.holder}{('（第' + c.copy_no + '份）') if c.copy_no else ''}"
                                        f" 自 {c.lent_at:%m-%d %H:%M}" for c in out)))
    reminders = list(doc.reminders.order_by(Reminder.id))
    if reminders:
        lines.append(("催办", "\n".join(f"{r.number} {r.at:%m-%d} {r.method}催{r.target}"
                                      f"{('：' + r.answer) if r.answer else ''}" for r in reminders)))
    if doc.remarks:
        lines.append(("备注", doc.remarks))
    steps = _history(doc.id)
    lines.append(("办理经过", "\n".join(f"{e.at:%Y-%m-%d %H:%M} {e.actor_name}：{e.summary}" for e in steps)))
    return lines


@dataclass(frozen=True)
class DayCheck:
    """当日盘点: what came in, what moved, and what is still out at the end of the day."""

    day: date
    registered: list[Incoming]
    moved: list[tuple[Incoming, DocEvent]]
    circulating: list[Circulation]
    overdue: list[Incoming]
    due_today: list[Incoming]


def day_check(actor, day: date | None = None) -> DayCheck:
    require(actor, READ_DOCUMENTS, "查看当日盘点")
    day = day or clock.today()
    start, end = datetime.combine(day, datetime.min.time()), datetime.combine(day, datetime.max.time())
    registered = list(Incoming.select().where(Incoming.received_at.between(start, end)).order_by(Incoming.serial))
    # a join, not an IN list of the day's ids: an import of 300,000 rows makes as many events in one day
    events = (DocEvent.select(DocEvent, Incoming).join(Incoming, on=(DocEvent.doc_id == Incoming.id), attr="doc")
              .where((DocEvent.doc_kind == "incoming") & DocEvent.at.between(start, end)
                     & (DocEvent.action != "register")).order_by(DocEvent.at))
    moved = [(e.doc, e) for e in events]  # type: ignore[attr-defined]  # `doc`: the join's attr above
    circulating = list(Circulation.select(Circulation, Incoming).join(Incoming)
                       .where(Circulation.returned_at.is_null()).order_by(Circulation.lent_at))
    overdue = list(Incoming.select().where(Incoming.status.in_(OPEN) & (Incoming.due_date < day))
                   .order_by(Incoming.due_date))
    due_today = list(Incoming.select().where(Incoming.status.in_(OPEN) & (Incoming.due_date == day)))
    return DayCheck(day, registered, moved, circulating, overdue, due_today)


# --- importing an old ledger ------------------------------------------------------------------------------

LEGACY_SERIAL = re.compile(r"(\d+)\D*$")


def existing_keys(actor, years: set[int]) -> dict[tuple, str]:
    """(来文单位, 文号, 标题, 收文日期) → 收文编号 for the years a file touches (to skip rows imported before)."""
    require(actor, READ_DOCUMENTS, "查看已登记的收文")
    rows = (Incoming.select(Incoming.source_org, Incoming.doc_no, Incoming.title, Incoming.received_at,
                            Incoming.receipt_no).where(Incoming.year.in_(list(years))))
    return {(org, no, title, at.date()): receipt for org, no, title, at, receipt in tuples(rows)}


def import_many(actor, rows: list[dict], source: str) -> int:
    """Write checked rows of an old ledger in one transaction; one audit entry names the file and the count.

    An old 登记号 ending in a number keeps that number as the 收文编号 when it is free in its year, so the
    ledger reads like the paper one; the others get the next numbers, and the counter moves past them all.
    """
    require(actor, EDIT_DOCUMENTS, "导入收文台账")
    stamp = now()
    with DB.atomic():
        years = {r["received_at"].year for r in rows}
        taken = {(y, s) for y, s in tuples(Incoming.select(Incoming.year, Incoming.serial)
                                           .where(Incoming.year.in_(list(years))))}
        wanted: dict[int, int] = {}
        for index, row in enumerate(rows):
            match = LEGACY_SERIAL.search(row.get("legacy_no") or "")
            key = (row["received_at"].year, int(match.group(1))) if match else None
            if key and key[1] > 0 and key not in taken:
                taken.add(key)
                wanted[index] = key[1]
        for year in years:
            highest = max((wanted[i] for i, r in enumerate(rows) if i in wanted and r["received_at"].year == year),
                          default=0)
            counters.raise_to("incoming", year, highest)
        fresh: dict[int, list[int]] = {}  # year → indexes of the rows that need a new number
        for index, row in enumerate(rows):
            if index not in wanted:
                fresh.setdefault(row["received_at"].year, []).append(index)
        for year, indexes in fresh.items():
            wanted.update(zip(indexes, counters.take_many("incoming", year, len(indexes)), strict=True))
        # written a statement's worth at a time, so 300,000 rows are not held twice over as records
        numbers = []
        for chunk in chunks(range(len(rows)), per_item=len(Incoming._meta.sorted_fields)):
            batch = []
            for index in chunk:
                year, serial = rows[index]["received_at"].year, wanted[index]
                doc = Incoming(year=year, serial=serial, receipt_no=receipt_number(year, serial), created_at=stamp,
                               updated_at=stamp, version=1, **rows[index])
                doc.search_text = _search_text(doc)
                batch.append({k: v for k, v in doc.__data__.items() if k != "id"})
                numbers.append((year, serial))
            insert_rows(Incoming, batch)
        # by year, not by serial: one variable per imported row would pass SQLite's limit
        keys = set(numbers)
        ids = {(y, s): i for i, y, s in tuples(Incoming.select(Incoming.id, Incoming.year, Incoming.serial)
                                               .where(Incoming.year.in_(list(years)))) if (y, s) in keys}
        event = dict(doc_kind="incoming", at=stamp, actor=actor.username, actor_name=actor.display_name,
                     action="import", summary=f"从旧台账「{source}」导入", person="", text="")
        insert_rows(DocEvent, [event | {"doc_id": ids[number]} for number in numbers])
        audit.record(actor, "import", "incoming", f"从「{source}」导入收文 {len(numbers)} 条",
                     count=len(numbers), file=source)
    return len(numbers)
