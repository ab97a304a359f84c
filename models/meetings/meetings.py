"""A meeting: its number per type and year (「市政府第12次常务会议」), date, place, 主持, 密级, 议题, its 检点单 made
from its template's version, and its phases (筹备 → 已通知 → 进行中 → 已结束 → 纪要已签发 → 议定事项已交办 → 已归档).

Moving the meeting moves every open deadline; done and 不适用 items keep theirs. A phase move that closes a checklist
phase (开始会议 closes 会前, 结束会议 会中, 归档 会后) is refused while its required items are open, unless overridden
with a reason, which is audited with the items it passed over.
"""

import re

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    ModelSelect,
    TextField,
)

from models.core import audit, clock, counters, settings
from models.core.changes import Change
from models.core.db import DB, BaseModel, PlainModel, now
from models.core.errors import StaleRecord, ValidationError
from models.core.records import Records
from models.core.rights import require
from models.core.states import Flow
from models.core.text import choice, clean
from models.core.validators import check_plain, parse_date
from models.meetings import deadlines, templates
from models.meetings.manifest import EDIT_MEETINGS, READ_MEETINGS
from models.meetings.templates import MeetingTemplate
from models.meetings.terms import ITEM_STATES, OPEN_STATES, ORG_DEFAULT, SECRECY

STATES = {"preparing": "筹备", "notified": "已通知", "in_session": "进行中", "ended": "已结束",
          "minutes_issued": "纪要已签发", "handed_over": "议定事项已交办", "archived": "已归档"}
ACTIONS = {"notify": "发出通知", "open": "开始会议", "close": "结束会议", "issue_minutes": "签发纪要",
           "hand_over": "交办议定事项", "archive": "归档"}
FLOW = Flow(STATES, ACTIONS, [
    ("preparing", "notify", "notified"),
    ("notified", "open", "in_session"),
    ("in_session", "close", "ended"),
    ("ended", "issue_minutes", "minutes_issued"),
    ("minutes_issued", "hand_over", "handed_over"),
    ("handed_over", "archive", "archived"),
    ("archived", "*", None, "已归档的会议不能再变更。"),
], field="phase")
GATES = {"open": "会前", "close": "会中", "archive": "会后"}  # the checklist phase a move closes
TIME = re.compile(r"^([01]?\d|2[0-3])[:：](\d{2})$")
KIND = "meeting"
ITEM_KIND = "meeting_item"


class Meeting(BaseModel):
    """One meeting of one type, numbered per type and year."""

    items: "ModelSelect[ChecklistItem]"  # backref

    meeting_type = CharField(max_length=40, index=True)
    template = ForeignKeyField(MeetingTemplate, on_delete="RESTRICT")
    template_id: int
    template_version = IntegerField()
    year = IntegerField()
    number = IntegerField()  # 第N次, per type and year
    org = CharField(max_length=40, default=ORG_DEFAULT)  # 「市政府」, as it was when numbered
    title = CharField(max_length=200)  # what it is about: 「研究2026年重点项目推进工作」
    day = DateField(index=True)
    at = CharField(max_length=5, default="09:00")  # HH:MM
    place = CharField(max_length=100, default="")
    host = CharField(max_length=40, default="")  # 主持
    secrecy = CharField(max_length=4, default="非密")
    phase = CharField(max_length=16, default="preparing", index=True)
    check_in = CharField(max_length=200, default="")  # 报到: 「请于会前10分钟到会场签到」
    reply_by = CharField(max_length=100, default="")  # 回执: 「请于10月8日12时前报秘书科」
    contact = CharField(max_length=100, default="")  # 联系人及电话
    minutes_year = IntegerField(null=True)
    minutes_number = IntegerField(null=True)  # 纪要 number, per type and year
    minutes_step = CharField(max_length=4, default="")  # last 纪要 step done: 起草/审核/签发/印发

    class Meta:
        table_name = "meeting"
        indexes = ((("meeting_type", "year", "number"), True),)

    @property
    def number_text(self) -> str:
        return f"{self.org}第{self.number}次{self.meeting_type}"

    @property
    def when_text(self) -> str:
        weekday = "一二三四五六日"[self.day.weekday()]
        return f"{self.day.year}年{self.day.month}月{self.day.day}日（星期{weekday}）{self.at}"

    @property
    def phase_text(self) -> str:
        return STATES[self.phase]

    @property
    def minutes_text(self) -> str:
        if self.minutes_number is None:
            return ""
        return f"{self.meeting_type}纪要〔{self.minutes_year}〕{self.minutes_number}号"


class Topic(BaseModel):
    """议题: 汇报单位, whether 协调/会签 is done, and 合法性审核 when it is a 规范性文件."""

    meeting = ForeignKeyField(Meeting, backref="topics", on_delete="CASCADE")
    meeting_id: int
    position = IntegerField()
    title = CharField(max_length=200)
    unit = CharField(max_length=60, default="")  # 汇报单位
    coordinated = BooleanField(default=False)  # 协调/会签 done
    normative = BooleanField(default=False)  # 规范性文件
    legality_reviewed = BooleanField(default=False)  # 合法性审核 done

    class Meta:
        table_name = "meeting_topic"

    @property
    def ready_text(self) -> str:
        gaps = [] if self.coordinated else ["未完成协调/会签"]
        if self.normative and not self.legality_reviewed:
            gaps.append("规范性文件未经合法性审核")
        return "；".join(gaps) or "可以上会"


class ChecklistItem(BaseModel):
    """One item of a meeting's 检点单, its deadline counted from the meeting date."""

    meeting = ForeignKeyField(Meeting, backref="items", on_delete="CASCADE")
    meeting_id: int
    position = IntegerField()
    phase = CharField(max_length=4)
    task = CharField(max_length=200)
    owner = CharField(max_length=40, default="")
    deadline = CharField(max_length=20)  # as written
    due = DateField(index=True)
    due_note = CharField(max_length=200, default="")  # moved off a day off, or provisional
    required = BooleanField(default=True)
    state = CharField(max_length=4, default="未开始", index=True)
    done_by = CharField(max_length=40, default="")  # who set the state last
    done_at = DateTimeField(null=True)
    note = CharField(max_length=200, default="")

    class Meta:
        table_name = "meeting_item"

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES


class MeetingEvent(PlainModel):
    """The meeting's history: phase moves (with override reasons), moves of the date, 纪要 steps."""

    meeting = ForeignKeyField(Meeting, backref="events", on_delete="CASCADE")
    meeting_id: int
    at = DateTimeField(default=now)
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=40)
    action = CharField(max_length=20)
    text = TextField(default="")

    class Meta:
        table_name = "meeting_event"


RECORDS = Records(Meeting, KIND, "没有编号为 {id} 的会议。", events=MeetingEvent,
                  link=lambda m: {"meeting": m.id})
ITEMS = Records(ChecklistItem, ITEM_KIND, "没有编号为 {id} 的检点单事项。")


def get(actor, meeting_id: int) -> Meeting:
    require(actor, READ_MEETINGS, "查阅会议")
    return RECORDS.get(meeting_id)


def checklist(actor, meeting_id: int) -> list[ChecklistItem]:
    require(actor, READ_MEETINGS, "查阅会议检点单")
    return list(ChecklistItem.select().where(ChecklistItem.meeting == meeting_id)
                .order_by(ChecklistItem.due, ChecklistItem.position))


def topics(actor, meeting_id: int) -> list[Topic]:
    require(actor, READ_MEETINGS, "查阅会议议题")
    return list(Topic.select().where(Topic.meeting == meeting_id).order_by(Topic.position))


def parse_time(value: object, field: str = "time") -> str:
    text = clean(value) or "09:00"
    match = TIME.match(text)
    if not match:
        raise ValidationError(field, f"会议时间「{text}」无法识别，请写作 24 小时制的「时:分」，如「09:00」「14:30」。")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _text(data: dict, key: str, label: str, limit: int) -> str:
    text = check_plain(clean(data.get(key)), key, label)
    if len(text) > limit:
        raise ValidationError(key, f"{label}过长（最多 {limit} 个字）。")
    return text


def _item_rows(meeting: Meeting, items: list[templates.TemplateItem], start: int) -> list[dict]:
    rows = []
    for offset, item in enumerate(items):
        due = deadlines.due_date(deadlines.parse(item.deadline), meeting.day)
        rows.append(dict(meeting=meeting.id, position=start + offset, phase=item.phase, task=item.task,
                         owner=item.owner, deadline=item.deadline, due=due.day, due_note=due.note,
                         required=item.required, created_at=now(), updated_at=now()))
    return rows


def _applies(item: templates.TemplateItem, meeting: Meeting) -> bool:
    return not item.secret_only or meeting.secrecy != "非密"


def create(actor, data: dict) -> Meeting:
    """A new meeting of a type (its template's current version makes the 检点单); returns it with its number."""
    require(actor, EDIT_MEETINGS, "新建会议")
    meeting_type = templates.check_name(data.get("type"))
    title = _text(data, "title", "会议名称", 200)
    if not title:
        raise ValidationError("title", "请填写会议名称（研究什么），如「研究2026年重点项目推进工作」。")
    day = parse_date(data.get("date"), "date")
    at = parse_time(data.get("time"))
    secrecy = choice(data.get("secrecy"), SECRECY, "密级", "secrecy", "非密")
    values = dict(place=_text(data, "place", "会议地点", 100), host=_text(data, "host", "主持人", 40),
                  check_in=_text(data, "check_in", "报到要求", 200), reply_by=_text(data, "reply_by", "回执要求", 100),
                  contact=_text(data, "contact", "联系人", 100))
    with DB.atomic():
        template = templates.ensure(actor, meeting_type)
        number = counters.take(f"meeting:{meeting_type}", day.year)
        meeting = Meeting(meeting_type=meeting_type, template=template, template_version=template.current,
                          year=day.year, number=number, org=settings.get_text("meeting_org") or ORG_DEFAULT,
                          title=title, day=day, at=at, secrecy=secrecy, **values)
        RECORDS.save(actor, meeting, f"新建会议：{meeting.number_text}（{title}），{day:%Y-%m-%d} {at}",
                     action="create", insert=True,
                     after=dict(type=meeting_type, title=title, day=day, at=at, secrecy=secrecy,
                                template_version=template.current, **values))
        items = [i for i in templates.items_of(template) if _applies(i, meeting)]
        ChecklistItem.insert_many(_item_rows(meeting, items, 1)).execute()
    return meeting


def move(actor, meeting_id: int, new_day: object, new_time: object = None) -> Change:
    """改期: the meeting's new date (and time); every open item's deadline moves with it, done ones keep theirs."""
    require(actor, EDIT_MEETINGS, "会议改期")
    day = parse_date(new_day, "date")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        if meeting.phase not in ("preparing", "notified"):
            raise ValidationError("date",
                                  f"{meeting.number_text}当前为「{meeting.phase_text}」，会议已召开，不能改期。")
        at = parse_time(new_time) if clean(new_time) else meeting.at
        before = {"day": meeting.day, "at": meeting.at}
        meeting.day, meeting.at = day, at
        moved = 0
        for item in ChecklistItem.select().where((ChecklistItem.meeting == meeting.id)
                                                 & ChecklistItem.state.in_(OPEN_STATES)):
            due = deadlines.due_date(deadlines.parse(item.deadline), day)
            if (item.due, item.due_note) != (due.day, due.note):
                item.due, item.due_note = due.day, due.note
                item.save()
                moved += 1
        RECORDS.save(actor, meeting, f"会议改期：{meeting.number_text}由 {before['day']:%Y-%m-%d} {before['at']} "
                                     f"改为 {day:%Y-%m-%d} {at}，{moved} 项未完成事项的期限随之调整",
                     before, action="meeting_move",
                     event=dict(action="move", text=f"改期为 {day:%Y-%m-%d} {at}（{moved} 项期限调整）"))
    return Change.of(KIND, meeting.id, summary=f"已改期，{moved} 项期限随之调整", also=(ITEM_KIND,))


def update(actor, meeting_id: int, data: dict, version: int) -> Meeting:
    """Place, 主持, 密级, 报到/回执/联系人. A meeting made classified gets the template's 涉密 items."""
    require(actor, EDIT_MEETINGS, "修改会议信息")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        if meeting.version != version:
            raise StaleRecord()
        if meeting.phase == "archived":
            FLOW.check(meeting.number_text, meeting.phase, "notify")
        keys = {"place": ("会议地点", 100), "host": ("主持人", 40), "check_in": ("报到要求", 200),
                "reply_by": ("回执要求", 100), "contact": ("联系人", 100), "title": ("会议名称", 200)}
        before = {k: getattr(meeting, k) for k in (*keys, "secrecy") if k in data}
        for key, (label, limit) in keys.items():
            if key in data:
                setattr(meeting, key, _text(data, key, label, limit))
        if "secrecy" in data:
            meeting.secrecy = choice(data.get("secrecy"), SECRECY, "密级", "secrecy", "非密")
        if before.get("secrecy") == "非密" and meeting.secrecy != "非密":
            have = {(i.phase, i.task) for i in meeting.items}
            extra = [i for i in templates.items_of(meeting.template, meeting.template_version)
                     if i.secret_only and (i.phase, i.task) not in have]
            start = (ChecklistItem.select().where(ChecklistItem.meeting == meeting.id).count()) + 1
            if extra:
                ChecklistItem.insert_many(_item_rows(meeting, extra, start)).execute()
        RECORDS.save(actor, meeting, f"修改会议信息：{meeting.number_text}", before)
    return meeting


def set_item_state(actor, item_id: int, state: str, note: str = "") -> ChecklistItem:
    """未开始/进行中/已完成/不适用, with who and when."""
    require(actor, EDIT_MEETINGS, "办理检点单事项")
    state = choice(state, ITEM_STATES, "事项状态", "state")
    note = clean(note)[:200]
    with DB.atomic():
        item = ITEMS.get(item_id)
        if item.meeting.phase == "archived":
            raise ValidationError("state", "会议已归档，检点单不能再修改。")
        if state == "不适用" and item.required and not note:
            raise ValidationError("note", f"「{item.task}」是必办事项，标为不适用请写明原因。")
        before = {"state": item.state, "note": item.note}
        item.state, item.done_by, item.done_at = state, actor.display_name, clock.now()
        if note:
            item.note = note
        ITEMS.save(actor, item, f"检点单事项「{item.task[:40]}」：{before['state']} → {state}", before,
                   action="meeting_item")
    return item


def open_required(meeting: Meeting, phase: str) -> list[ChecklistItem]:
    return list(ChecklistItem.select().where((ChecklistItem.meeting == meeting.id) & (ChecklistItem.phase == phase)
                                             & ChecklistItem.required & ChecklistItem.state.in_(OPEN_STATES))
                .order_by(ChecklistItem.due, ChecklistItem.position))


def advance(actor, meeting_id: int, action: str, override: str = "") -> Meeting:
    """One phase move. Refused while the checklist phase it closes has required items open, unless `override`
    gives the reason (audited as 越过检点单 with the open items)."""
    require(actor, EDIT_MEETINGS, "变更会议阶段")
    override = clean(override)
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        after = FLOW.check(meeting.number_text, meeting.phase, action)
        _check_facts(meeting, action)
        gate = GATES.get(action)
        waiting = open_required(meeting, gate) if gate else []
        if waiting and not override:
            listed = "；".join(f"「{i.task}」" for i in waiting[:5]) + ("等" if len(waiting) > 5 else "")
            raise ValidationError("override",  # beside the reason that would let it through
                                  f"{meeting.number_text}还有 {len(waiting)} 项{gate}必办事项未完成：{listed}。"
                                  f"请先办结或标为不适用；确需{ACTIONS[action]}，请填写越过检点单的理由。")
        before = {"phase": meeting.phase}
        meeting.phase = after
        text = f"{STATES[before['phase']]} → {STATES[after]}"
        if waiting:
            text += f"（越过 {len(waiting)} 项未完成的{gate}事项，理由：{override}）"
            audit.record(actor, "meeting_override", f"{KIND}:{meeting.id}",
                         f"越过检点单{ACTIONS[action]}：{meeting.number_text}，理由：{override}",
                         reason=override, items=[i.task for i in waiting])
        RECORDS.save(actor, meeting, f"{ACTIONS[action]}：{meeting.number_text}，{text}", before,
                     action="meeting_phase", event=dict(action=action, text=text))
    return meeting


def _check_facts(meeting: Meeting, action: str) -> None:
    """Moves that record a fact need the fact: a signed 纪要, every 议定事项 handed over."""
    if action == "issue_minutes" and meeting.minutes_step not in ("签发", "印发"):
        raise ValidationError("phase", f"{meeting.number_text}的纪要尚未签发，请先登记纪要的起草、审核和签发。")
    if action == "hand_over":
        from models.meetings.decisions import Decision

        left = Decision.select().where((Decision.meeting == meeting.id) & Decision.supervision_id.is_null()).count()
        if left:
            raise ValidationError("phase", f"{meeting.number_text}还有 {left} 项议定事项未交办督查督办。")


def new_items(actor, meeting_id: int) -> list[templates.TemplateItem]:
    """Items of the template's latest version that the meeting's checklist lacks (offered, never forced)."""
    require(actor, READ_MEETINGS, "查阅检点单模板更新")
    meeting = RECORDS.get(meeting_id)
    template = meeting.template
    if template.current == meeting.template_version:
        return []
    have = {(i.phase, i.task) for i in meeting.items}
    return [i for i in templates.items_of(template) if (i.phase, i.task) not in have and _applies(i, meeting)]


def add_items(actor, meeting_id: int, item_ids: list[int]) -> Change:
    """Add the chosen new template items (ids from `new_items`) to the meeting's checklist."""
    require(actor, EDIT_MEETINGS, "更新会议检点单")
    with DB.atomic():
        offered = {i.id: i for i in new_items(actor, meeting_id)}
        missing = [i for i in item_ids if i not in offered]
        if missing:
            raise ValidationError("items", "所选事项已不在模板的新版本中或已加入检点单，请刷新后重选。")
        meeting = RECORDS.get(meeting_id)
        start = ChecklistItem.select().where(ChecklistItem.meeting == meeting.id).count() + 1
        chosen = [offered[i] for i in item_ids]
        if chosen:
            ChecklistItem.insert_many(_item_rows(meeting, chosen, start)).execute()
        audit.record(actor, "meeting_items_add", f"{KIND}:{meeting.id}",
                     f"{meeting.number_text}从模板第 {meeting.template.current} 版加入 {len(chosen)} 项检点单事项",
                     items=[i.task for i in chosen])
    return Change.of(ITEM_KIND, meeting.id, summary=f"已加入 {len(chosen)} 项", also=(KIND,))


def add_topic(actor, meeting_id: int, data: dict) -> Topic:
    """议题, with 汇报单位 and its readiness (协调/会签, 合法性审核 for a 规范性文件)."""
    require(actor, EDIT_MEETINGS, "登记会议议题")
    title = _text(data, "title", "议题", 200)
    if not title:
        raise ValidationError("title", "请填写议题名称。")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        position = Topic.select().where(Topic.meeting == meeting.id).count() + 1
        topic = Topic.create(meeting=meeting, position=position, title=title, unit=_text(data, "unit", "汇报单位", 60),
                             coordinated=bool(data.get("coordinated")), normative=bool(data.get("normative")),
                             legality_reviewed=bool(data.get("legality_reviewed")))
        audit.record(actor, "create", f"meeting_topic:{topic.id}", f"{meeting.number_text}议题：{title[:60]}")
    return topic


def last_of_type(meeting: Meeting) -> Meeting | None:
    """The meeting of the same type held before this one (for 「上次议定事项落实情况」)."""
    return (Meeting.select().where((Meeting.meeting_type == meeting.meeting_type) & (Meeting.id != meeting.id)
                                   & ((Meeting.day < meeting.day)
                                      | ((Meeting.day == meeting.day) & (Meeting.id < meeting.id))))
            .order_by(Meeting.day.desc(), Meeting.id.desc()).first())


def history(actor, meeting_id: int) -> list[MeetingEvent]:
    require(actor, READ_MEETINGS, "查阅会议记录")
    return list(MeetingEvent.select().where(MeetingEvent.meeting == meeting_id).order_by(MeetingEvent.id))


def on_older_version(actor, template: templates.MeetingTemplate) -> int:
    """How many meetings not yet archived were made from an earlier version of `template` (offered 「模板更新」)."""
    require(actor, READ_MEETINGS, "查阅检点单模板")
    return (Meeting.select().where((Meeting.template == template) & (Meeting.template_version < template.current)
                                   & (Meeting.phase != "archived")).count())
