"""Frozen migration steps of 会议: the tables as they were at version 8, never today's models (see
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

from models.core.frozen import PlainV1, RecordV1, create_tables


class MeetingTemplate(RecordV1):
    name = CharField(max_length=40, unique=True)
    current = IntegerField(default=1)
    builtin = BooleanField(default=False)

    class Meta:
        table_name = "meeting_template"


class TemplateItem(PlainV1):
    template = ForeignKeyField(MeetingTemplate, on_delete="CASCADE")
    template_version = IntegerField()
    position = IntegerField()
    phase = CharField(max_length=4)
    task = CharField(max_length=200)
    owner = CharField(max_length=40, default="")
    deadline = CharField(max_length=20)
    required = BooleanField(default=True)
    secret_only = BooleanField(default=False)

    class Meta:
        table_name = "meeting_template_item"
        indexes = ((("template", "template_version", "position"), True),)


class Meeting(RecordV1):
    meeting_type = CharField(max_length=40, index=True)
    template = ForeignKeyField(MeetingTemplate, on_delete="RESTRICT")
    template_version = IntegerField()
    year = IntegerField()
    number = IntegerField()
    org = CharField(max_length=40, default="市政府")
    title = CharField(max_length=200)
    day = DateField(index=True)
    at = CharField(max_length=5, default="09:00")
    place = CharField(max_length=100, default="")
    host = CharField(max_length=40, default="")
    secrecy = CharField(max_length=4, default="非密")
    phase = CharField(max_length=16, default="preparing", index=True)
    check_in = CharField(max_length=200, default="")
    reply_by = CharField(max_length=100, default="")
    contact = CharField(max_length=100, default="")
    minutes_year = IntegerField(null=True)
    minutes_number = IntegerField(null=True)
    minutes_step = CharField(max_length=4, default="")

    class Meta:
        table_name = "meeting"
        indexes = ((("meeting_type", "year", "number"), True),)


class Topic(RecordV1):
    meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
    position = IntegerField()
    title = CharField(max_length=200)
    unit = CharField(max_length=60, default="")
    coordinated = BooleanField(default=False)
    normative = BooleanField(default=False)
    legality_reviewed = BooleanField(default=False)

    class Meta:
        table_name = "meeting_topic"


class ChecklistItem(RecordV1):
    meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
    position = IntegerField()
    phase = CharField(max_length=4)
    task = CharField(max_length=200)
    owner = CharField(max_length=40, default="")
    deadline = CharField(max_length=20)
    due = DateField(index=True)
    due_note = CharField(max_length=200, default="")
    required = BooleanField(default=True)
    state = CharField(max_length=4, default="未开始", index=True)
    done_by = CharField(max_length=40, default="")
    done_at = DateTimeField(null=True)
    note = CharField(max_length=200, default="")

    class Meta:
        table_name = "meeting_item"


class MeetingEvent(PlainV1):
    meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
    at = DateTimeField()
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=40)
    action = CharField(max_length=20)
    text = TextField(default="")

    class Meta:
        table_name = "meeting_event"


class Attendee(RecordV1):
    meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
    name = CharField(max_length=40)
    title = CharField(max_length=60, default="")
    unit = CharField(max_length=60, default="")
    rank = IntegerField()
    zone = CharField(max_length=4, default="台下")
    on_leave = BooleanField(default=False)
    leave_note = CharField(max_length=100, default="")
    present = BooleanField(default=False)

    class Meta:
        table_name = "meeting_attendee"
        indexes = ((("meeting", "rank"), False),)


class Decision(RecordV1):
    meeting = ForeignKeyField(Meeting, on_delete="CASCADE")
    position = IntegerField()
    matter = CharField(max_length=300)
    lead_unit = CharField(max_length=60)
    partner_units = CharField(max_length=200, default="")
    due_on = DateField(null=True)
    supervision_id = IntegerField(null=True, index=True)

    class Meta:
        table_name = "meeting_decision"


def step_8(db: Database) -> None:
    """会议: checklist templates and their versions' items, meetings with topics, checklist items and history,
    attendees, 议定事项."""
    create_tables(db, [MeetingTemplate, TemplateItem, Meeting, Topic, ChecklistItem, MeetingEvent, Attendee,
                       Decision])
