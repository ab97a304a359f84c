"""Frozen migration steps of 值班: the tables as they were at version 3, never today's models (see
`models.core.frozen`)."""

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.core.frozen import PlainV1, RecordV1, create_tables, trigram_index_v2


class RosterSlot(RecordV1):
    """One person on one duty: role "leader" (带班领导, shift "" = the whole day) or "officer" (值班员)."""

    day = DateField(index=True)
    shift = CharField(max_length=10, default="")
    role = CharField(max_length=10)
    position = IntegerField(default=0)  # 0 主班, 1 副班…
    person = CharField(max_length=40)
    phone = CharField(max_length=40, default="")
    note = CharField(max_length=100, default="")

    class Meta:
        table_name = "roster_slot"
        indexes = ((("day", "shift", "role", "position"), True),)


class RosterChange(PlainV1):
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
    at = DateTimeField()
    actor = CharField(max_length=64)

    class Meta:
        table_name = "roster_change"


class Absence(RecordV1):
    """A leader's absence reported to the duty office (领导外出报备)."""

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
    reported_at = DateTimeField()
    reported_by = CharField(max_length=64, default="")
    returned_at = DateTimeField(null=True)
    status = CharField(max_length=10, default="reported", index=True)
    changes = TextField(default="")  # 行程变更, one line each, with when and who
    reason = TextField(default="")  # 作废 reason

    class Meta:
        table_name = "absence"


class DutyShift(RecordV1):
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
        table_name = "duty_shift"
        indexes = ((("day", "shift"), True),)


class DutyEntry(RecordV1):
    """One item of the duty log (来电 / 来文 / 传真 / 突发事件 / 其他)."""

    duty_shift = ForeignKeyField(DutyShift)
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
    secrecy = CharField(max_length=4, default="非密")
    recorder = CharField(max_length=40)  # 记录人
    recorder_username = CharField(max_length=64)
    search_text = TextField(default="")

    class Meta:
        table_name = "duty_entry"


class DutyEvent(PlainV1):
    """A step of an entry's history: 登记, 报告, 批示, 处理, 上报, 办结, 修改 (before handover), 更正 (after)."""

    entry = ForeignKeyField(DutyEntry)
    at = DateTimeField()
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=64)
    action = CharField(max_length=10)
    field = CharField(max_length=20, default="")
    before = TextField(default="")
    after = TextField(default="")
    text = TextField(default="")

    class Meta:
        table_name = "duty_event"


class DutyBrief(RecordV1):
    """值班要情 or 值班快报, numbered per kind and year."""

    kind = CharField(max_length=6)  # brief | flash
    year = IntegerField()
    serial = IntegerField()  # 第N期
    day = DateField(index=True)
    entry = ForeignKeyField(DutyEntry, null=True)  # 快报: the event
    followup = IntegerField(default=0)  # 0 初报, 1 续报一…
    title = CharField(max_length=200, default="")
    items = TextField(default="[]")  # JSON [{"entry": id|None, "heading": str, "text": str}]
    whereabouts = TextField(default="")  # 领导外出情况
    open_items = TextField(default="")  # 需继续关注事项
    leader = CharField(max_length=40, default="")
    officers = CharField(max_length=100, default="")
    phone = CharField(max_length=40, default="")
    report_to = TextField(default="")  # 报：
    send_to = TextField(default="")  # 送：
    copies = IntegerField(default=10)
    signer = CharField(max_length=40, default="")  # 签发
    secrecy = CharField(max_length=4, default="非密")
    issued_at = DateTimeField()
    issued_by = CharField(max_length=64)

    class Meta:
        table_name = "duty_brief"
        indexes = ((("kind", "year", "serial"), True),)


def step_3(db: Database) -> None:
    """值班: the roster and its changes, leaders' absences, the log with its shifts and history, the briefs;
    the trigram search index of the log."""
    create_tables(db, [RosterSlot, RosterChange, Absence, DutyShift, DutyEntry, DutyEvent, DutyBrief])
    trigram_index_v2(db, "duty_entry", "search_text")
