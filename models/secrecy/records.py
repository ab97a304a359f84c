"""A person's 审查, 保密承诺书 and 保密教育培训 records (DOMAIN.md §4.2–4.3).

Each is its own row, added and never edited in place; a wrong one is 作废 with a reason, which keeps it visible.
The next 复审 is due a policy period (by level) after the last passed review; the year's training hours are
summed against the policy's target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import SimpleNamespace

from peewee import BooleanField, CharField, DateField, DecimalField, ForeignKeyField, TextField, fn

from models.core import audit, clock, settings
from models.core.db import DB, BaseModel, chunks, tuples
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import choice, clean
from models.core.validators import parse_date
from models.secrecy.manifest import EDIT_PERSONNEL
from models.secrecy.people import FLOW, Person, add_event, check_step, get, refuse
from models.secrecy.terms import LEVELS, PLEDGE_KINDS, REVIEW_KINDS, REVIEW_RESULTS, add_months, review_months


class Review(BaseModel):
    person = ForeignKeyField(Person, backref="reviews", on_delete="CASCADE")
    person_id: int
    kind = CharField(max_length=8)  # 上岗审查/复审/派出单位审查
    on = DateField()
    result = CharField(max_length=4)  # 通过/不通过
    by = CharField(max_length=60)  # 审查部门或人
    note = TextField(default="")
    voided = BooleanField(default=False)


class Pledge(BaseModel):
    person = ForeignKeyField(Person, backref="pledges", on_delete="CASCADE")
    person_id: int
    kind = CharField(max_length=4)  # 上岗/在岗/离岗/专项
    signed_on = DateField()
    kept_at = CharField(max_length=60, default="")  # 存放: 人事档案/保密办…
    voided = BooleanField(default=False)


class Training(BaseModel):
    person = ForeignKeyField(Person, backref="trainings", on_delete="CASCADE")
    person_id: int
    on = DateField(index=True)
    hours = DecimalField(max_digits=5, decimal_places=1)
    topic = CharField(max_length=100)
    organiser = CharField(max_length=60, default="")  # 组织方
    assessment = CharField(max_length=20, default="")  # 考核: 合格/优秀/未考核…
    voided = BooleanField(default=False)


def _day(value: object, field: str) -> date:
    day = parse_date(value, field)
    if day > clock.today():
        raise ValidationError(field, f"日期 {day:%Y-%m-%d} 还没到，请登记已经发生的事。")
    return day


def add_review(actor, person_id: int, data: dict) -> tuple[Review, list[str]]:
    """上岗审查 / 复审 / 派出单位审查. A failed pre-appointment review bars the post."""
    require(actor, EDIT_PERSONNEL, "登记保密审查")
    kind = choice(data.get("kind"), REVIEW_KINDS, "审查类别", "kind")
    result = choice(data.get("result"), REVIEW_RESULTS, "审查结论", "result")
    day = _day(data.get("on"), "on")
    by = clean(data.get("by"))
    if not by:
        raise ValidationError("by", "请填写审查部门或审查人（如「组织部、保密办」）。")
    notes = []
    with DB.atomic():
        person = get(actor, person_id)
        check_step(person, "recheck" if kind == "复审" else "vet")
        review = Review.create(person=person, kind=kind, on=day, result=result, by=by[:60], note=clean(data.get("note")))
        add_event(actor, person, day, "审查", f"{kind}：{result}（{by}）" + (f"，{review.note}" if review.note else ""))
        audit.record(actor, "create", f"person:{person.id}", f"登记{kind}：{person.name}，{result}",
                     after={"kind": kind, "on": day, "result": result, "by": by})
        if result == "不通过":
            if kind == "复审":
                notes.append(f"{person.name}复审不通过：应调离涉密岗位，请办理离岗。")
            else:
                refuse(person, actor, day)
                notes.append(f"{person.name}审查不通过，不得上岗。")
        elif FLOW.allows(person.state, "appoint"):
            if FLOW.allows(person.state, "clear"):
                person.state = FLOW.next(person.state, "clear")
                person.save()
            notes.append("审查通过，可以办理上岗。")
    return review, notes


def latest_review(person: Person, kinds: tuple[str, ...] = REVIEW_KINDS) -> Review | None:
    return (Review.select().where((Review.person == person) & Review.kind.in_(kinds) & ~Review.voided)
            .order_by(Review.on.desc(), Review.id.desc()).first())


def next_review(person: Person) -> date | None:
    """When the next 复审 is due: the policy period for the level after the last passed review (or 上岗)."""
    if person.state != "on_post" or not person.level:
        return None
    last = (Review.select().where((Review.person == person) & (Review.result == "通过") & ~Review.voided)
            .order_by(Review.on.desc()).first())
    return review_due(person, last.on if last else None)


def review_due(person: Person | SimpleNamespace, last_passed: date | None,
               periods: dict[str, int] | None = None) -> date | None:
    """The next 复审 of `person` (a Person, or a ledger page's row), or None when none is due."""
    if person.state != "on_post" or not person.level:
        return None
    dates = [d for d in (last_passed, person.on_post_since) if d]
    months = periods[person.level] if periods else review_months(person.level)
    return add_months(max(dates), months) if dates else None


def person_status(person: Person, today: date, review: date | None) -> str | None:
    """The row's colour as the ledgers name it (models.core.ledger.Row.status), decided here and not in a page.

    `review` is the person's next 复审 (from `overview` for many people, `next_review` for one). overdue: 复审
    past due, or a 脱密期 ended and not yet confirmed; due_soon: either falls within the reminder period (the
    setting 复审、脱密期满提前提醒); done: 脱密期满 or 不予确定 (history); None otherwise.
    """
    if person.state in ("ended", "refused"):
        return "done"
    if person.state == "on_post":
        limit = review
    elif person.state == "declass":
        limit = person.declass_end
    else:
        return None
    if limit is None:
        return None
    if limit < today or (person.state == "declass" and limit == today):  # 脱密期 ends on its last day
        return "overdue"
    return "due_soon" if limit <= today + timedelta(days=settings.get("remind_ahead_days")) else None


@dataclass
class Overview:
    posts: str
    next_review: date | None
    hours: HoursCheck


def overview(people: list[Person], year: int | None = None) -> dict[int, Overview]:
    """Posts, next 复审 and the year's hours for many people in four queries (the list redraws on every keystroke)."""
    from models.secrecy.people import Assignment, Post

    year = year or clock.today().year
    ids = [p.id for p in people]
    posts: dict[int, list[str]] = {}
    reviewed: dict[int, date] = {}
    hours: dict[int, float] = {}
    for chunk in chunks(ids):
        for a in (Assignment.select(Assignment.person, Post.name, Post.level).join(Post)
                  .where(Assignment.person.in_(chunk) & Assignment.end_on.is_null()).order_by(Post.level, Post.name)):
            posts.setdefault(a.person_id, []).append(a.post.name)
        for person_id, last in tuples(Review.select(Review.person, fn.MAX(Review.on).alias("last"))
                                      .where(Review.person.in_(chunk) & (Review.result == "通过") & ~Review.voided)
                                      .group_by(Review.person)):
            reviewed[person_id] = date.fromisoformat(str(last)[:10])
        this_year = Training.person.in_(chunk) & ~Training.voided & (Training.on.year == year)
        for person_id, total in tuples(Training.select(Training.person, fn.SUM(Training.hours)).where(this_year)
                                       .group_by(Training.person)):
            hours[person_id] = float(total or 0)
    required = settings.get("training_hours")
    periods = {level: review_months(level) for level in LEVELS}  # read once, not per person
    return {p.id: Overview("、".join(posts.get(p.id, [])), review_due(p, reviewed.get(p.id), periods),
                           HoursCheck(hours.get(p.id, 0.0), required)) for p in people}


def latest_records(people: list[Person]) -> tuple[dict[int, Review], dict[int, Pledge]]:
    """Each person's latest review and latest pledge, in two queries per 500 people (for the 花名册)."""
    ids = [p.id for p in people]
    reviews: dict[int, Review] = {}
    pledges: dict[int, Pledge] = {}
    for chunk in chunks(ids):
        for r in Review.select().where(Review.person.in_(chunk) & ~Review.voided).order_by(Review.on, Review.id):
            reviews[r.person_id] = r
        for x in Pledge.select().where(Pledge.person.in_(chunk) & ~Pledge.voided).order_by(Pledge.signed_on, Pledge.id):
            pledges[x.person_id] = x
    return reviews, pledges


def add_pledge(actor, person_id: int, data: dict) -> Pledge:
    require(actor, EDIT_PERSONNEL, "登记保密承诺书")
    kind = choice(data.get("kind"), PLEDGE_KINDS, "承诺书类别", "kind")
    day = _day(data.get("signed_on"), "signed_on")
    with DB.atomic():
        person = get(actor, person_id)
        pledge = Pledge.create(person=person, kind=kind, signed_on=day, kept_at=clean(data.get("kept_at"))[:60])
        add_event(actor, person, day, "承诺书", f"签订{kind}保密承诺书" + (f"（存{pledge.kept_at}）" if pledge.kept_at else ""))
        audit.record(actor, "create", f"person:{person.id}", f"登记{kind}保密承诺书：{person.name}",
                     after={"kind": kind, "signed_on": day})
    return pledge


def has_pledge(person: Person, kinds: tuple[str, ...], since: date | None = None) -> bool:
    query = Pledge.select().where((Pledge.person == person) & Pledge.kind.in_(kinds) & ~Pledge.voided)
    if since:
        query = query.where(Pledge.signed_on >= since)
    return query.exists()


def add_training(actor, person_id: int, data: dict) -> Training:
    require(actor, EDIT_PERSONNEL, "登记保密教育培训")
    day = _day(data.get("on"), "on")
    text = clean(data.get("hours")).replace("学时", "").replace("小时", "")
    try:
        hours = round(float(text), 1)
    except ValueError:
        raise ValidationError("hours", f"学时「{clean(data.get('hours'))}」应为数字，如 2 或 1.5。") from None
    if not 0 < hours <= 200:
        raise ValidationError("hours", "学时应大于 0，且一次不超过 200。")
    topic = clean(data.get("topic"))
    if not topic:
        raise ValidationError("topic", "请填写培训内容（如「新修订保密法专题学习」）。")
    with DB.atomic():
        person = get(actor, person_id)
        training = Training.create(person=person, on=day, hours=hours, topic=topic[:100],
                                   organiser=clean(data.get("organiser"))[:60],
                                   assessment=clean(data.get("assessment"))[:20])
        add_event(actor, person, day, "培训", f"{topic}，{hours:g} 学时" + (f"（{training.organiser}）" if training.organiser else ""))
        audit.record(actor, "create", f"person:{person.id}", f"登记保密教育培训：{person.name}，{hours:g} 学时",
                     after={"on": day, "hours": hours, "topic": topic})
    return training


def year_hours(person: Person, year: int) -> float:
    total = (Training.select(fn.SUM(Training.hours))
             .where((Training.person == person) & ~Training.voided & (Training.on.year == year)).scalar())
    return float(total or 0)


@dataclass
class HoursCheck:
    done: float
    required: int

    @property
    def short(self) -> float:
        return max(0.0, self.required - self.done)

    @property
    def text(self) -> str:
        return f"{self.done:g}/{self.required} 学时"


def hours_check(person: Person, year: int | None = None) -> HoursCheck:
    return HoursCheck(year_hours(person, year or clock.today().year), settings.get("training_hours"))


def records(actor, person_id: int) -> tuple[list[Review], list[Pledge], list[Training]]:
    person = get(actor, person_id)
    return (list(Review.select().where((Review.person == person) & ~Review.voided).order_by(Review.on)),
            list(Pledge.select().where((Pledge.person == person) & ~Pledge.voided).order_by(Pledge.signed_on)),
            list(Training.select().where((Training.person == person) & ~Training.voided).order_by(Training.on)))


VOIDABLE: dict[str, tuple[type[Review] | type[Pledge] | type[Training], str]] = {
    "review": (Review, "审查记录"), "pledge": (Pledge, "承诺书记录"), "training": (Training, "培训记录")}


def void(actor, kind: str, record_id: int, reason: str) -> None:
    """作废 a record entered by mistake: it stays (marked), the history says why."""
    require(actor, EDIT_PERSONNEL, "作废涉密人员记录")
    model, label = VOIDABLE[kind]
    if not clean(reason):
        raise ValidationError("reason", "请写明作废原因（如「日期录错」）。")
    with DB.atomic():
        record = model.get_or_none(model.id == record_id)
        if record is None or record.voided:
            raise ValidationError("id", f"没有这条{label}，或已作废。")
        record.voided = True
        record.save()
        add_event(actor, record.person, clock.today(), "作废", f"作废{label}（{clean(reason)}）")
        audit.record(actor, "void", f"person:{record.person_id}", f"作废{label}：{record.person.name}（{clean(reason)}）")
