"""督查督办's frozen steps: copies of its tables as they were at each version (see `models.core.frozen`)."""

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


class SupervisionItem(RecordV1):
    """One 督办事项 (督〔2026〕N号), from its source to 归档. Never deleted."""

    year = IntegerField()
    serial = IntegerField()
    number = CharField(max_length=40)
    source_type = CharField(max_length=10)
    source_incoming = IntegerField(null=True, index=True)
    source_meeting = IntegerField(null=True, index=True)
    source_no = CharField(max_length=40, default="")
    source_doc_no = CharField(max_length=80, default="")
    delegate = CharField(max_length=60, default="")
    title = CharField(max_length=300)
    leader = CharField(max_length=60, default="")
    instruction = TextField(default="")
    lead_unit = CharField(max_length=100, index=True)
    handler = CharField(max_length=60, default="")
    co_units = CharField(max_length=300, default="")
    assigned_on = DateField()
    due_original = DateField()
    due_date = DateField(index=True)
    due_rule = CharField(max_length=20, default="")
    due_provisional = BooleanField(default=False)
    requirement = TextField(default="")
    secrecy = CharField(max_length=4, default="非密")
    status = CharField(max_length=12, default="registered", index=True)
    progress = IntegerField(default=0)
    feedback_on = DateField(null=True)
    report = TextField(default="")
    reported_on = DateField(null=True)
    answer_class = CharField(max_length=1, default="")
    satisfaction = CharField(max_length=4, default="")
    review_opinion = TextField(default="")
    closed_on = DateField(null=True, index=True)
    archive_no = CharField(max_length=60, default="")
    reason = TextField(default="")
    remarks = TextField(default="")
    search_text = TextField(default="")

    class Meta:
        table_name = "supervision_item"
        indexes = ((("year", "serial"), True), (("source_type", "year", "source_no"), False))


class SupervisionStage(RecordV1):
    """阶段时限."""

    item = ForeignKeyField(SupervisionItem)
    name = CharField(max_length=200)
    due_date = DateField()
    done_on = DateField(null=True)

    class Meta:
        table_name = "supervision_stage"


class SupervisionFeedback(RecordV1):
    """进展反馈."""

    item = ForeignKeyField(SupervisionItem)
    on = DateField()
    content = TextField()
    percent = IntegerField()
    attachments = TextField(default="")
    by = CharField(max_length=64)

    class Meta:
        table_name = "supervision_feedback"


class SupervisionExtension(RecordV1):
    """申请延期 and its decision, with the 时限 it replaced."""

    item = ForeignKeyField(SupervisionItem)
    requested_on = DateField()
    reason = TextField()
    old_due = DateField()
    new_due = DateField()
    decision = CharField(max_length=10, default="pending")
    decided_on = DateField(null=True)
    decided_by = CharField(max_length=64, default="")
    opinion = TextField(default="")

    class Meta:
        table_name = "supervision_extension"


class SupervisionSlip(RecordV1):
    """督办单 issues."""

    item = ForeignKeyField(SupervisionItem)
    year = IntegerField()
    serial = IntegerField()
    level = IntegerField()
    colour = CharField(max_length=4)
    issued_on = DateField()
    limit_date = DateField(null=True)
    reason = TextField(default="")
    signer = CharField(max_length=60, default="")
    by = CharField(max_length=64)

    class Meta:
        table_name = "supervision_slip"
        indexes = ((("year", "serial"), True),)


class SupervisionUrge(RecordV1):
    """催办 records."""

    item = ForeignKeyField(SupervisionItem)
    at = DateTimeField()
    target = CharField(max_length=100)
    method = CharField(max_length=10)
    request = TextField(default="")
    answer = TextField(default="")
    by = CharField(max_length=64)

    class Meta:
        table_name = "supervision_urge"


class SupervisionEvent(PlainV1):
    """One step in an item's history."""

    item = IntegerField()
    at = DateTimeField()
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=64)
    action = CharField(max_length=20)
    summary = TextField()

    class Meta:
        table_name = "supervision_event"
        indexes = ((("item",), False),)


def step_7(db: Database) -> None:
    """督查督办: items with their source links and both 时限 (in force, original), 阶段时限, 进展反馈, 延期 with the
    时限 each replaced, 督办单 issues, 催办 records and the history of steps."""
    create_tables(db, [SupervisionItem, SupervisionStage, SupervisionFeedback, SupervisionExtension, SupervisionSlip,
                       SupervisionUrge, SupervisionEvent])
