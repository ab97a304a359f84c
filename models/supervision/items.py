"""督办事项: the tables of 督查督办 and 立项 (registration) from any source, with its link to that source.

An item keeps the 时限 in force (`due_date`) and the one it was given first (`due_original`); every approved 延期
is a row in `SupervisionExtension` with the 时限 it replaced. Colour is never stored: see `ladder.py`.
"""

from collections.abc import Iterable
from datetime import date

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from models.core import audit, clock, counters
from models.core.db import DB, BaseModel, PlainModel, insert_rows, now, tuples
from models.core.errors import ValidationError
from models.core.records import Records
from models.core.rights import require
from models.core.text import clean, text_value
from models.core.validators import check_plain, parse_date
from models.supervision.manifest import EDIT_SUPERVISION, READ_SUPERVISION
from models.supervision.terms import (
    PROPOSALS,
    Limit,
    parse_limit,
    parse_secrecy,
    parse_source,
    proposal_limit,
    rank,
)

STATUS = {
    "registered": "立项",
    "assigned": "已交办",
    "in_progress": "办理中",
    "extending": "申请延期",
    "reported": "已反馈",
    "reviewing": "审核中",
    "closed": "已办结",
    "archived": "已归档",
    "returned": "已退办",
}
WORKING = ("assigned", "in_progress", "extending")  # with the 牵头单位: the ladder applies
OPEN = ("registered", *WORKING, "reported", "reviewing")
DONE = ("closed", "archived")
ASSIGNED = (*WORKING, "reported", "reviewing", *DONE)  # counted as 交办 in the 通报


class Day(DateField):
    """A DATE column read with `date.fromisoformat` first: peewee's strptime took most of the time of 今日's 2,600
    items (SQLite hands dates back as text). The column is the same DATE (migrations use plain DateField)."""

    def adapt(self, value):
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return super().adapt(value)


class SupervisionItem(BaseModel):
    """One 督办事项 (督〔2026〕N号), from its source to 归档. Never deleted."""

    year = IntegerField()
    serial = IntegerField()
    number = CharField(max_length=40)  # 督〔2026〕15号
    source_type = CharField(max_length=10)  # 来源类型 (terms.SOURCES)
    source_incoming = IntegerField(null=True, index=True)  # 收文 id (公文), checked on entry
    source_meeting = IntegerField(null=True, index=True)  # 会议 id (the 会议 module links it; no FK yet)
    source_no = CharField(max_length=40, default="")  # 建议号/提案号, unique per year and source type
    source_doc_no = CharField(max_length=80, default="")  # 来源文号 (批示件, 上级文件)
    delegate = CharField(max_length=60, default="")  # 领衔代表/提案人
    title = CharField(max_length=300)  # 事项
    leader = CharField(max_length=60, default="")  # 批示领导
    instruction = TextField(default="")  # 批示原文
    lead_unit = CharField(max_length=100, index=True)  # 牵头单位
    handler = CharField(max_length=60, default="")  # 责任人
    co_units = CharField(max_length=300, default="")  # 配合单位
    assigned_on = Day()  # 交办日期
    due_original = Day()  # the first 办结时限
    due_date = Day(index=True)  # the 办结时限 in force (moved by an approved 延期)
    due_rule = CharField(max_length=20, default="")  # 「20个工作日」 when given so, "" for a date
    due_provisional = BooleanField(default=False)  # counted across a year whose 调休 is not entered
    requirement = TextField(default="")  # 要求
    secrecy = CharField(max_length=4, default="非密")
    status = CharField(max_length=12, default="registered", index=True)
    progress = IntegerField(default=0)  # the last 进展反馈's percent
    feedback_on = Day(null=True)  # the last 进展反馈's date (the ladder's 「未反馈」 counts from it)
    report = TextField(default="")  # 办结报告
    reported_on = Day(null=True)
    answer_class = CharField(max_length=1, default="")  # 答复类别 A/B/C (建议/提案)
    satisfaction = CharField(max_length=4, default="")  # 满意度 (建议/提案)
    review_opinion = TextField(default="")  # 审核意见
    closed_on = Day(null=True, index=True)  # 办结日期
    archive_no = CharField(max_length=60, default="")  # 归档号
    reason = TextField(default="")  # the last 退办 reason
    remarks = TextField(default="")
    search_text = TextField(default="")
    warning = ""  # not a column: what `create` has to say about the calendar (a year whose 调休 is not entered)

    class Meta:
        table_name = "supervision_item"
        indexes = ((("year", "serial"), True), (("source_type", "year", "source_no"), False))

    @property
    def extended(self) -> bool:
        return self.due_date != self.due_original

    @property
    def is_proposal(self) -> bool:
        return self.source_type in PROPOSALS


class SupervisionStage(BaseModel):
    """阶段时限: a step of an item with its own date (「6月底前完成方案」)."""

    item = ForeignKeyField(SupervisionItem, backref="stages")
    item_id: int
    name = CharField(max_length=200)
    due_date = DateField()
    done_on = DateField(null=True)

    class Meta:
        table_name = "supervision_stage"


class SupervisionFeedback(BaseModel):
    """进展反馈: what the 牵头单位 reported on a day, with its percent and the names of what it attached."""

    item = ForeignKeyField(SupervisionItem, backref="feedbacks")
    item_id: int
    on = DateField()
    content = TextField()
    percent = IntegerField()
    attachments = TextField(default="")  # names, one per line (the files stay with the office)
    by = CharField(max_length=64)

    class Meta:
        table_name = "supervision_feedback"


class SupervisionExtension(BaseModel):
    """申请延期 and its decision: the 时限 asked for, and on approval the one it replaced (kept for the 通报)."""

    item = ForeignKeyField(SupervisionItem, backref="extensions")
    item_id: int
    requested_on = DateField()
    reason = TextField()
    old_due = DateField()  # the 时限 in force when asked
    new_due = DateField()  # the 时限 asked for (or granted, when the approver changed it)
    decision = CharField(max_length=10, default="pending")  # pending | approved | rejected
    decided_on = DateField(null=True)
    decided_by = CharField(max_length=64, default="")
    opinion = TextField(default="")

    class Meta:
        table_name = "supervision_extension"


class SupervisionSlip(BaseModel):
    """督办单 issued at a level of the ladder (「红色督办单」), numbered per year, each issue kept."""

    item = ForeignKeyField(SupervisionItem, backref="slips")
    item_id: int
    year = IntegerField()
    serial = IntegerField()
    level = IntegerField()  # 1–3
    colour = CharField(max_length=4)  # the colour's name when issued (an office may rename them later)
    issued_on = DateField()
    limit_date = DateField(null=True)  # 限期 on the slip
    reason = TextField(default="")  # why, in words (the ladder's reason when issued)
    signer = CharField(max_length=60, default="")  # 签发
    by = CharField(max_length=64)

    class Meta:
        table_name = "supervision_slip"
        indexes = ((("year", "serial"), True),)

    @property
    def number(self) -> str:
        return f"督办单〔{self.year}〕{self.serial}号"


class SupervisionUrge(BaseModel):
    """催办: when, to whom, how, what was asked and what they answered; repeatable."""

    item = ForeignKeyField(SupervisionItem, backref="urges")
    item_id: int
    at = DateTimeField(default=now)
    target = CharField(max_length=100)
    method = CharField(max_length=10)
    request = TextField(default="")
    answer = TextField(default="")
    by = CharField(max_length=64)

    class Meta:
        table_name = "supervision_urge"


class SupervisionEvent(PlainModel):
    """One step in an item's history (立项, 交办, 反馈, 延期, 催办, 督办单, 办结…), shown in its detail."""

    item = IntegerField()
    at = DateTimeField(default=now)
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=64)
    action = CharField(max_length=20)
    summary = TextField()

    class Meta:
        table_name = "supervision_event"
        indexes = ((("item",), False),)


def _search_text(item: SupervisionItem) -> str:
    parts = (item.number, item.source_type, item.source_no, item.source_doc_no, item.delegate, item.title,
             item.leader, item.lead_unit, item.handler, item.co_units)
    return " ".join(p for p in parts if p)


def _prepare(item: SupervisionItem) -> None:
    item.search_text = _search_text(item)


RECORDS = Records(SupervisionItem, "supervision", "没有编号为 {id} 的督办事项。", events=SupervisionEvent,
                  link=lambda item: {"item": item.id}, prepare=_prepare)


def item_number(year: int, serial: int) -> str:
    return f"督〔{year}〕{serial}号"


def get(actor, item_id: int) -> SupervisionItem:
    """The item, for a reader of 督办."""
    require(actor, READ_SUPERVISION, "查看督办事项")
    return RECORDS.get(item_id)


def state_text(item_id: int) -> str:
    """An item's state as another module shows it (会议's 「上次议定事项落实情况」): 「督〔2026〕3号 办理中（黄色：…）」."""
    from models.supervision.ladder import signal_of

    item = SupervisionItem.get_or_none(SupervisionItem.id == item_id)
    if item is None:
        return "督办事项已不存在"
    text = f"{item.number} {STATUS[item.status]}"
    signal = signal_of(item, clock.today())
    return f"{text}（{signal.colour}：{signal.reason}）" if signal.level else text


def save(actor, item: SupervisionItem, action: str, summary: str, before: dict | None = None, *,
         insert: bool = False, after: dict | None = None) -> SupervisionItem:
    """Save with the optimistic lock, one history row and one audit entry (call inside the step's transaction)."""
    return RECORDS.save(actor, item, f"{item.number}：{summary}", before, action=action, after=after,
                        insert=insert, event=dict(action=action, summary=summary))


LINE_BREAKS = str.maketrans("\n\r\t", "   ")  # a 批示原文 or 办结报告 keeps its lines


def plain_text(value: object, field: str, label: str, required: bool = True, limit: int = 2000) -> str:
    """`text_value`, also refusing emoji and control or invisible characters (a zero-width space pasted from a web
    page makes two 牵头单位 of one in the 通报, a BEL rings every terminal the ledger is printed to)."""
    text = text_value(value, field, label, required, limit)
    check_plain(text.translate(LINE_BREAKS), field, label)
    return text


def day_value(value: object, field: str, label: str, *, default: date | None = None, not_after_today: bool = True,
              year_hint: int | None = None) -> date:
    """A date typed or given; blank is `default` (today unless said). Refuses a day after today when it is a fact."""
    if value in (None, "") and default is not None:
        return default
    if value in (None, ""):
        return clock.today()
    day = value if isinstance(value, date) else parse_date(value, field, year_hint)
    if not_after_today and day > clock.today():
        raise ValidationError(field, f"{label}不能晚于今天（{clock.today():%Y-%m-%d}）。")
    return day


def incoming_secrecy(incoming_id: int) -> str:
    """The 收文's 密级, or a ValidationError when there is no such 收文 (the link must point at a real one)."""
    from models.documents.incoming import Incoming

    row = Incoming.select(Incoming.secrecy, Incoming.receipt_no).where(Incoming.id == incoming_id).first()
    if row is None:
        raise ValidationError("source_incoming", f"没有编号为 {incoming_id} 的收文，请核对来源收文。")
    return row.secrecy


def check_meeting(meeting_id: int) -> None:
    """A ValidationError when the 会议 module is installed and holds no such meeting (a mistyped --meeting would link
    the item to nothing, or to another meeting's 「上次议定事项落实情况」)."""
    try:  # the one place 督办 touches 会议: one lazy import, as 会议 does the other way
        from models.meetings.meetings import Meeting
    except ImportError:
        return
    if not Meeting.select().where(Meeting.id == meeting_id).exists():
        raise ValidationError("source_meeting", f"没有编号为 {meeting_id} 的会议，请核对来源会议编号。")


def _optional_id(value: object, field: str, label: str) -> int | None:
    if value in (None, ""):
        return None
    text = clean(value)
    if not text.isdigit() or int(text) <= 0:
        raise ValidationError(field, f"{label}应为正整数，您填的是「{text[:20]}」。")
    return int(text)


def duplicate_of(source_type: str, year: int, source_no: str) -> SupervisionItem | None:
    """The item already holding this 建议号/提案号 in this year and source type."""
    if not source_no:
        return None
    return SupervisionItem.get_or_none((SupervisionItem.source_type == source_type) & (SupervisionItem.year == year)
                                       & (SupervisionItem.source_no == source_no))


def check_fields(fields: dict) -> dict:
    """The stored values of an item from what was typed, imported or passed by another module; raises a
    ValidationError on the first bad field. Stages come back as a list of (name, date) under 「stages」."""
    source = parse_source(fields.get("source_type"))
    title = plain_text(fields.get("title"), "title", "督办事项", limit=300)
    lead = plain_text(fields.get("lead_unit"), "lead_unit", "牵头单位", limit=100)
    start = day_value(fields.get("assigned_on"), "assigned_on", "交办日期")
    due_given = fields.get("due")
    if due_given in (None, "") and source in PROPOSALS:
        from models.core import settings

        due_given = f"{settings.get('sv_proposal_months')}个月"
    elif due_given in (None, ""):
        raise ValidationError("due", "请填写办结时限：一个日期，或「20个工作日」「30天」「3个月」。")
    limit: Limit = parse_limit(due_given, start, "due")
    proposal_limit(source, start, limit.due)
    secrecy = parse_secrecy(fields.get("secrecy"))
    incoming = _optional_id(fields.get("source_incoming"), "source_incoming", "来源收文编号")
    if incoming is not None:
        linked = incoming_secrecy(incoming)
        if rank(linked) > rank(secrecy):  # 督办 of a classified 批示 is classified
            secrecy = linked
    meeting = _optional_id(fields.get("source_meeting"), "source_meeting", "来源会议编号")
    if meeting is not None:
        check_meeting(meeting)
    stages = []
    for n, stage in enumerate(fields.get("stages") or (), 1):
        name, when = (stage["name"], stage["due"]) if isinstance(stage, dict) else stage
        name = plain_text(name, "stages", f"第{n}个阶段的内容", limit=200)
        day = day_value(when, "stages", f"第{n}个阶段时限", not_after_today=False, year_hint=start.year)
        if not start <= day <= limit.due:
            raise ValidationError("stages", f"阶段时限「{name[:20]}」{day:%Y-%m-%d} 应在交办日期与办结时限之间。")
        stages.append((name, day))
    return dict(
        source_type=source, source_incoming=incoming,
        source_meeting=meeting,
        source_no=plain_text(fields.get("source_no"), "source_no", "建议号/提案号", False, 40),
        source_doc_no=plain_text(fields.get("source_doc_no"), "source_doc_no", "来源文号", False, 80),
        delegate=plain_text(fields.get("delegate"), "delegate", "领衔代表", False, 60),
        title=title, leader=plain_text(fields.get("leader"), "leader", "批示领导", False, 60),
        instruction=plain_text(fields.get("instruction"), "instruction", "批示原文", False),
        lead_unit=lead, handler=plain_text(fields.get("handler"), "handler", "责任人", False, 60),
        co_units=plain_text(fields.get("co_units"), "co_units", "配合单位", False, 300),
        assigned_on=start, due_original=limit.due, due_date=limit.due, due_rule=limit.rule,
        due_provisional=limit.provisional,
        requirement=plain_text(fields.get("requirement"), "requirement", "要求", False),
        secrecy=secrecy, remarks=plain_text(fields.get("remarks"), "remarks", "备注", False), stages=stages,
        warning=limit.warning,
    )


FIELDS = ("source_type", "source_incoming", "source_meeting", "source_no", "source_doc_no", "delegate", "title",
          "leader", "instruction", "lead_unit", "handler", "co_units", "assigned_on", "due", "requirement",
          "secrecy", "remarks", "stages")


def create(actor, *, assign: bool = False, **fields: object) -> SupervisionItem:
    """立项: a new 督办事项 with the next 督〔年〕N号 of its 交办 year. The entry point for other modules (the 会议
    module passes `source_type="会议议定事项", source_meeting=id`).

    Fields: source_type (required), title (事项), lead_unit (牵头单位), due (a date or 「N个工作日」「N天」「N个月」;
    建议/提案 default to the office's months, at most 6), assigned_on (交办日期, default today), source_incoming
    (收文 id, checked), source_meeting, source_no (建议号/提案号, unique per year and source), source_doc_no,
    delegate, leader, instruction, handler, co_units, requirement, secrecy, remarks, stages [(name, date)…].
    `assign=True` also 交办s it at once (状态「已交办」). A calendar warning, if any, is in `item.warning`.
    """
    require(actor, EDIT_SUPERVISION, "督办立项")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    values = check_fields(fields)
    stages, warning = values.pop("stages"), values.pop("warning")
    year = values["assigned_on"].year
    with DB.atomic():
        twin = duplicate_of(values["source_type"], year, values["source_no"])
        if twin is not None:
            raise ValidationError("source_no", f"{year}年的{values['source_type']}「{values['source_no']}」已立项为"
                                               f"{twin.number}，不能重复立项。")
        serial = counters.take("supervision", year)
        item = SupervisionItem(year=year, serial=serial, number=item_number(year, serial), **values)
        save(actor, item, "sv_create", f"立项（{item.source_type}）：{item.title[:40]}", insert=True,
             after={k: v for k, v in values.items() if v not in ("", None)})
        add_stages(item, stages)
        if assign:
            item.status = "assigned"
            save(actor, item, "sv_assign", f"交{item.lead_unit}办理，办结时限 {item.due_date:%Y-%m-%d}",
                 {"status": "registered"})
    item.warning = warning
    return item


def add_stages(item: SupervisionItem, stages: Iterable[tuple[str, date]]) -> None:
    for name, day in stages:
        SupervisionStage.create(item=item, name=name, due_date=day)


def history(actor, item_id: int) -> list[SupervisionEvent]:
    """The item's steps, oldest first."""
    require(actor, READ_SUPERVISION, "查看督办事项")
    return list(SupervisionEvent.select().where(SupervisionEvent.item == item_id)
                .order_by(SupervisionEvent.at, SupervisionEvent.id))


def existing_keys(actor, years: Iterable[int]) -> dict[tuple, str]:
    """What an import must not add twice, in `years`: (source_type, year, 建议号) for numbered items and
    (title, lead_unit, assigned_on) for the others, each to the 督办编号 holding it."""
    require(actor, READ_SUPERVISION, "查看督办事项")
    item = SupervisionItem
    found: dict[tuple, str] = {}
    for source, year, number, title, unit, start, code in tuples(
            item.select(item.source_type, item.year, item.source_no, item.title, item.lead_unit, item.assigned_on,
                        item.number).where(item.year.in_(sorted(set(years))))):
        found[(source, year, number) if number else (title, unit, start)] = code
    return found


def import_key(values: dict) -> tuple:
    """The key `existing_keys` lists for checked values."""
    start = values["assigned_on"]
    if values["source_no"]:
        return (values["source_type"], start.year, values["source_no"])
    return (values["title"], values["lead_unit"], start)


def import_many(actor, rows: list[dict], source: str) -> int:
    """Write checked rows (`check_fields` values, plus status/report/closed_on for closed ones) of a 督办台账 or a
    交办清单 in one transaction: numbers per 交办 year without gaps, a history row each, one audit entry."""
    require(actor, EDIT_SUPERVISION, "导入督办台账")
    if not rows:
        return 0
    stamp = now()
    with DB.atomic():
        by_year: dict[int, list[int]] = {}
        for index, row in enumerate(rows):
            by_year.setdefault(row["assigned_on"].year, []).append(index)
        serials: dict[int, tuple[int, int]] = {}
        for year, indexes in by_year.items():
            serials.update({i: (year, s) for i, s in zip(indexes, counters.take_many("supervision", year,
                                                                                     len(indexes)), strict=True)})
        batch = []
        for index, row in enumerate(rows):
            year, serial = serials[index]
            values = {k: v for k, v in row.items() if k not in ("stages", "warning")}
            record = SupervisionItem(year=year, serial=serial, number=item_number(year, serial), created_at=stamp,
                                     updated_at=stamp, version=1, **values)
            _prepare(record)
            batch.append({k: v for k, v in record.__data__.items() if k != "id"})
        insert_rows(SupervisionItem, batch)
        years = sorted(by_year)
        made = {(y, s): i for i, y, s in tuples(SupervisionItem.select(SupervisionItem.id, SupervisionItem.year,
                                                                        SupervisionItem.serial)
                                                .where(SupervisionItem.year.in_(years)))}
        event = dict(at=stamp, actor=actor.username, actor_name=actor.display_name, action="import",
                     summary=f"从「{source}」导入")
        insert_rows(SupervisionEvent, [event | {"item": made[serials[i]]} for i in range(len(rows))])
        first, last = min(serials.values()), max(serials.values())
        audit.record(actor, "import", "supervision", f"从「{source}」导入督办事项 {len(rows)} 件"
                     f"（{item_number(*first)}至{item_number(*last)}）", count=len(rows), file=source)
    return len(rows)
