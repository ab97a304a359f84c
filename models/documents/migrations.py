"""Frozen migration steps of 公文: each creates or changes the tables as they were at its own version.

Never import today's models here (a column added to them later would break an old database's upgrade); a
step's tables are copies of the models of its version, on the bases of `models.core.frozen`.
"""

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
from playhouse.migrate import SchemaMigrator, migrate

from models.core.frozen import PlainV1, RecordV1, create_tables, trigram_index_v2


class Counter(PlainV1):
    """The last number given in a series for a year ("incoming", "outgoing:县委办发", …); a core table today, made
    by this step at version 2."""

    series = CharField(max_length=64)
    year = IntegerField()
    last = IntegerField(default=0)

    class Meta:
        table_name = "counter"
        indexes = ((("series", "year"), True),)


class Incoming(RecordV1):
    """One incoming document (收文). Never deleted: voided with a reason, keeping its 收文编号."""

    year = IntegerField()
    serial = IntegerField()
    receipt_no = CharField(max_length=40)  # 收〔2026〕15号
    received_at = DateTimeField(index=True)  # 签收时间
    source_org = CharField(max_length=100)  # 来文单位
    doc_no = CharField(max_length=80, default="")  # 来文字号
    title = CharField(max_length=300)
    doc_type = CharField(max_length=10)
    secrecy = CharField(max_length=4, default="非密")
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
    lead_unit = CharField(max_length=100, default="")  # 承办(主办)单位
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
        table_name = "incoming"
        indexes = ((("year", "serial"), True), (("source_org", "doc_no"), False))


class DocEvent(PlainV1):
    """One step in a document's history (登记, 拟办, 批示, 承办, 催办, 传阅, 办结, 归档, 退文, 作废, 修改…)."""

    doc_kind = CharField(max_length=10)  # "incoming" | "outgoing"
    doc_id = IntegerField()
    at = DateTimeField()
    actor = CharField(max_length=64)
    actor_name = CharField(max_length=64)
    action = CharField(max_length=20)
    summary = TextField()
    person = CharField(max_length=100, default="")  # the leader who instructed, the unit reminded…
    on = DateField(null=True)  # the date the person gave (批示日期)
    text = TextField(default="")

    class Meta:
        table_name = "doc_event"
        indexes = ((("doc_kind", "doc_id"), False), (("at",), False))


class Circulation(RecordV1):
    """传阅: who holds a copy of the paper now, since when, and when it came back."""

    incoming = ForeignKeyField(Incoming)
    holder = CharField(max_length=60)
    copy_no = CharField(max_length=10, default="")
    lent_at = DateTimeField()
    lent_by = CharField(max_length=64)
    returned_at = DateTimeField(null=True, index=True)
    received_by = CharField(max_length=64, default="")

    class Meta:
        table_name = "circulation"


class Reminder(RecordV1):
    """催办: each one kept with its number, to whom, how, what was asked and what they answered."""

    incoming = ForeignKeyField(Incoming)
    year = IntegerField()
    serial = IntegerField()
    at = DateTimeField()
    target = CharField(max_length=100)  # 催办对象 (unit or person)
    method = CharField(max_length=10)
    request = TextField(default="")  # 催办事由/要求
    answer = TextField(default="")  # 对方答复
    by = CharField(max_length=64)

    class Meta:
        table_name = "reminder"
        indexes = ((("year", "serial"), True),)


class Outgoing(RecordV1):
    """One outgoing document (发文). Never deleted; a voided one keeps its 发文字号 in the record."""

    prefix = CharField(max_length=30)  # 机关代字, e.g. 县委办发
    year = IntegerField(null=True)  # of the 发文字号
    serial = IntegerField(null=True)
    doc_no = CharField(max_length=60, default="", index=True)  # 县委办发〔2026〕12号
    title = CharField(max_length=300)
    doc_type = CharField(max_length=10)
    draft_unit = CharField(max_length=100)  # 拟稿单位
    drafter = CharField(max_length=40)  # 拟稿人
    drafted_on = DateField()
    main_to = TextField(default="")  # 主送
    copy_to = TextField(default="")  # 抄送
    secrecy = CharField(max_length=4, default="非密")
    secrecy_term = CharField(max_length=40, default="")
    urgency = CharField(max_length=4, default="无")
    attachments = TextField(default="")
    reviewer = CharField(max_length=40, default="")  # 核稿人
    review_opinion = TextField(default="")
    reviewed_on = DateField(null=True)
    countersigns = TextField(default="")  # 会签, one line each (rows in DocEvent)
    signer = CharField(max_length=40, default="")  # 签发人
    sign_opinion = TextField(default="")
    signed_on = DateField(null=True)
    print_copies = IntegerField(null=True)  # 印制份数
    printed_on = DateField(null=True)
    proofreader = CharField(max_length=40, default="")  # 校对
    archive_year = IntegerField(null=True)
    retention = CharField(max_length=10, default="")
    archive_serial = IntegerField(null=True)
    archive_code = CharField(max_length=60, default="")
    status = CharField(max_length=16, default="drafted", index=True)
    reason = TextField(default="")  # last 退改 / 作废 reason
    remarks = TextField(default="")
    legacy_no = CharField(max_length=40, default="")
    search_text = TextField(default="")

    class Meta:
        table_name = "outgoing"
        indexes = ((("prefix", "year", "serial"), False), (("drafted_on",), False))


class Distribution(RecordV1):
    """分发: which unit got which 份号 (copy_from..copy_to) of a printed document."""

    outgoing = ForeignKeyField(Outgoing)
    unit = CharField(max_length=100)
    copy_from = IntegerField()
    copy_to = IntegerField()
    at = DateField()
    by = CharField(max_length=64)

    class Meta:
        table_name = "distribution"


class NumberReservation(RecordV1):
    """A 发文字号 taken from the counter ahead of time (预留), used later or left as a known gap."""

    prefix = CharField(max_length=30)
    year = IntegerField()
    serial = IntegerField()
    reason = TextField()
    by = CharField(max_length=64)
    used_by = IntegerField(null=True)  # Outgoing.id

    class Meta:
        table_name = "number_reservation"


def step_2(db: Database) -> None:
    """The 公文 ledgers (收文 with its history, 传阅 and 催办; 发文 with 分发 and reserved numbers), the per-year
    serial counters, and the trigram search index of both ledgers."""
    create_tables(db, [Counter, Incoming, DocEvent, Circulation, Reminder, Outgoing, Distribution, NumberReservation])
    trigram_index_v2(db, "incoming", "search_text")
    trigram_index_v2(db, "outgoing", "search_text")


def step_4(db: Database) -> None:
    """An index on 收文 承办单位: the filter lists the distinct units, a full scan of 100k rows (54 ms) at every
    window start without it."""
    migrate(SchemaMigrator.from_database(db).add_index("incoming", ("lead_unit",), False))


def step_6(db: Database) -> None:
    """A narrow index on 收文 id: a jump to the middle of 300,000 收文 walked the wide rows in id order (28 ms); the
    index takes 3 ms."""
    migrate(SchemaMigrator.from_database(db).add_index("incoming", ("id",), False))
