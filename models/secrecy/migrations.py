"""Frozen migration steps of 涉密人员库: the tables as they were at version 5, never today's models (see
`models.core.frozen`)."""

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.core.frozen import RecordV1, create_tables


class Post(RecordV1):
    """涉密岗位."""

    name = CharField(max_length=60)
    unit = CharField(max_length=60)
    level = CharField(max_length=4)  # 核心/重要/一般
    duties = TextField(default="")  # 岗位职责 / 涉密事项
    retired = DateField(null=True)  # 撤销 (kept for history)

    class Meta:
        table_name = "post"
        indexes = ((("unit", "name"), True),)


class Person(RecordV1):
    """涉密人员 (DOMAIN.md §4.3)."""

    name = CharField(max_length=40, index=True)
    gender = CharField(max_length=2)
    id_number = CharField(max_length=18, unique=True)
    unit = CharField(max_length=60, index=True)  # 部门/单位
    position = CharField(max_length=60, default="")  # 职务/职级
    political = CharField(max_length=20, default="")  # 政治面貌
    phone = CharField(max_length=40, default="")
    nature = CharField(max_length=10, default="在编")  # 人员性质
    home_unit = CharField(max_length=60, default="")  # 派出单位 (借调/跟班学习/挂职)
    term_end = DateField(null=True)  # 借调/跟班学习 planned end
    supervisor = CharField(max_length=40, default="")  # 在岗监督的保密管理员
    level = CharField(max_length=4, default="", index=True)  # follows the highest current post
    state = CharField(max_length=10, default="candidate", index=True)
    on_post_since = DateField(null=True)  # 上岗/确定日期
    approved_by = CharField(max_length=40, default="")  # 审批人
    note = TextField(default="")
    search_text = TextField(default="")  # name, unit, posts, ID and pinyin keys, lower case
    leave_kind = CharField(max_length=4, default="")
    declass_start = DateField(null=True)  # the day the agency approved leaving the post
    declass_end = DateField(null=True)
    declass_months = IntegerField(null=True)
    entrusted_to = CharField(max_length=60, default="")  # 脱密期委托管理单位
    talk_on = DateField(null=True)  # 离岗保密提醒谈话
    carriers_returned = TextField(default="")  # 清退国家秘密载体 (list or 「无」)
    devices_returned = TextField(default="")  # 清退涉密设备
    access_revoked_on = DateField(null=True)  # 涉密信息系统权限注销
    whereabouts = CharField(max_length=100, default="")  # 去向备案

    class Meta:
        table_name = "person"


class Assignment(RecordV1):
    """A post held from `start_on` until `end_on` (open while held)."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    post = ForeignKeyField(Post)
    start_on = DateField()
    end_on = DateField(null=True, index=True)

    class Meta:
        table_name = "assignment"


class PersonEvent(RecordV1):
    """One line of a person's history (履历): what happened on which day, entered by whom and when."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    on = DateField(index=True)
    kind = CharField(max_length=12)  # 登记/上岗/调岗/离岗/离职/退休/脱密期满/审查/承诺书/培训/证件/出境/信息变更…
    text = TextField()
    level_before = CharField(max_length=4, default="")
    level_after = CharField(max_length=4, default="")
    at = DateTimeField()
    by = CharField(max_length=40, default="")

    class Meta:
        table_name = "person_event"


class Review(RecordV1):
    """A 保密审查 of a person (上岗审查, 复审, 派出单位审查)."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    kind = CharField(max_length=8)  # 上岗审查/复审/派出单位审查
    on = DateField()
    result = CharField(max_length=4)  # 通过/不通过
    by = CharField(max_length=60)  # 审查部门或人
    note = TextField(default="")
    voided = BooleanField(default=False)

    class Meta:
        table_name = "review"


class Pledge(RecordV1):
    """A signed 保密承诺书."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    kind = CharField(max_length=4)  # 上岗/在岗/离岗/专项
    signed_on = DateField()
    kept_at = CharField(max_length=60, default="")  # 存放: 人事档案/保密办…
    voided = BooleanField(default=False)

    class Meta:
        table_name = "pledge"


class Training(RecordV1):
    """Hours of 保密教育培训 a person attended."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    on = DateField(index=True)
    hours = DecimalField(max_digits=5, decimal_places=1)
    topic = CharField(max_length=100)
    organiser = CharField(max_length=60, default="")  # 组织方
    assessment = CharField(max_length=20, default="")  # 考核: 合格/优秀/未考核…
    voided = BooleanField(default=False)

    class Meta:
        table_name = "training"


class Passport(RecordV1):
    """A passport or travel permit kept in the 证件柜."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    kind = CharField(max_length=10)
    number = CharField(max_length=20, unique=True)
    expires_on = DateField(null=True)
    received_on = DateField()  # 交存日期
    status = CharField(max_length=10, default="in", index=True)  # in/out/cancelled
    cancelled_on = DateField(null=True)
    note = TextField(default="")

    class Meta:
        table_name = "passport"


class Trip(RecordV1):
    """出国(境) 申请 and its approval (保密法 第45条; 实施条例 第52条)."""

    person = ForeignKeyField(Person, on_delete="CASCADE")
    destination = CharField(max_length=60)  # 国家/地区
    purpose = CharField(max_length=100)  # 事由
    start_on = DateField()
    end_on = DateField()
    unit_opinion = CharField(max_length=100, default="")  # 所在部门意见
    secrecy_opinion = CharField(max_length=100, default="")  # 组织人事/保密工作机构意见
    decision = CharField(max_length=4, default="待审批")
    approved_by = CharField(max_length=40, default="")
    decided_on = DateField(null=True)
    briefed_on = DateField(null=True)  # 行前保密教育
    reported_on = DateField(null=True)  # 回国(境)报告

    class Meta:
        table_name = "trip"


class Loan(RecordV1):
    """A passport lent out of the 证件柜, and its return."""

    passport = ForeignKeyField(Passport, on_delete="CASCADE")
    trip = ForeignKeyField(Trip, null=True)
    purpose = CharField(max_length=100, default="")  # when not for a trip (e.g. 换领证件)
    lent_on = DateField()
    due_on = DateField(index=True)
    approved_by = CharField(max_length=40)
    override = TextField(default="")  # why it was lent despite 脱密期 / overdue 复审
    returned_on = DateField(null=True)

    class Meta:
        table_name = "loan"


class StockTake(RecordV1):
    """证件柜 盘点: who counted, when, and what did not match."""

    on = DateField()
    by = CharField(max_length=40)
    expected = IntegerField()
    counted = IntegerField()
    missing = TextField(default="")  # in the registry, not in the cabinet
    unexpected = TextField(default="")  # in the cabinet, not registered as 在库
    note = TextField(default="")

    class Meta:
        table_name = "stock_take"


def step_5(db: Database) -> None:
    """涉密人员库: posts, persons with their assignments and history, reviews, pledges, training, the 证件柜
    (passports, loans, stock-takes) and 出国(境) trips."""
    create_tables(db, [Post, Person, Assignment, PersonEvent, Review, Pledge, Training, Passport, Trip, Loan,
                       StockTake])
