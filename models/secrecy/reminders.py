"""What the 安全保密管理员 should act on (shown in the tab, later on 今日): computed, never stored.

复审 due or overdue, training hours short, 脱密期 ending or ended, 证件 out past its return date or expiring,
承诺书 missing, exit checklist incomplete, 借调/跟班学习 without 派出单位审查 or supervisor or near their end,
回国(境)报告 missing, no 盘点 this year.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from models.core import clock, settings
from models.core.db import tuples
from models.core.due import day_text
from models.core.rights import require
from models.secrecy.manifest import READ_PERSONNEL
from models.secrecy.people import Person, exit_missing
from models.secrecy.records import Overview, Pledge, Review, overview
from models.secrecy.terms import SECONDED

CHUNK = 500  # people per IN list: far below SQLite's variable limit


@dataclass(frozen=True)
class Reminder:
    person_id: int | None
    name: str
    kind: str  # 复审/培训/脱密期/证件/承诺书/离岗手续/借调/出境/盘点
    text: str
    late: bool  # red: overdue or missing; otherwise coming up
    due: date | None = None
    record_id: int | None = None  # the 证件 (kind 证件) or the 出国(境) application (kind 出境) it is about


def reminders(actor, today: date | None = None) -> list[Reminder]:
    require(actor, READ_PERSONNEL, "查看涉密人员提醒")
    from models.secrecy import passports

    today = today or clock.today()
    ahead = timedelta(days=settings.get("remind_ahead_days"))
    found: list[Reminder] = []
    registry = list(Person.select().where(Person.state.in_(("on_post", "declass"))).order_by(Person.unit, Person.name))
    on_post = [p for p in registry if p.state == "on_post"]
    facts, kinds, pledged = overview(on_post, today.year), _review_kinds(on_post), _pledged(on_post)
    for p in registry:
        if p.state == "on_post":
            found += _on_post(p, today, ahead, facts[p.id], kinds.get(p.id, set()), p.id in pledged)
        else:
            found += _leaving(p, today, ahead)
    expiry = timedelta(days=settings.get("passport_expiry_days"))
    for item in (passports.Passport.select(passports.Passport, Person).join(Person)
                 .where(passports.Passport.status != "cancelled")):
        loan = passports.open_loan(item) if item.status == "out" else None
        if loan and loan.due_on < today:
            found.append(Reminder(item.person_id, item.person.name, "证件",
                                  f"{item.label}应于{day_text(loan.due_on, today)}交回，"
                                  f"已逾期{(today - loan.due_on).days}天", True, loan.due_on, item.id))
        if item.expires_on and item.expires_on < today:
            found.append(Reminder(item.person_id, item.person.name, "证件",
                                  f"{item.label}已于{day_text(item.expires_on, today)}过期，请注销或通知换领", True,
                                  item.expires_on, item.id))
        elif item.expires_on and item.expires_on <= today + expiry:
            found.append(Reminder(item.person_id, item.person.name, "证件",
                                  f"{item.label}将于{day_text(item.expires_on, today)}到期", False, item.expires_on,
                                  item.id))
    trips = passports.Trip
    for trip in trips.select(trips, Person).join(Person).where(
            (trips.decision == "批准") & trips.reported_on.is_null() & (trips.end_on < today)):
        found.append(Reminder(trip.person_id, trip.person.name, "出境",
                              f"{trip.label}已返回，尚未登记回国(境)报告", True, trip.end_on, trip.id))
    last = passports.last_stock_take()
    if passports.Passport.select().where(passports.Passport.status != "cancelled").exists() and (
            last is None or last.on.year < today.year):
        found.append(Reminder(None, "证件柜", "盘点", f"{today.year}年尚未盘点证件柜", today.month >= 12))
    return sorted(found, key=lambda r: (not r.late, r.due or date.max, r.name))


def _review_kinds(people: list[Person]) -> dict[int, set[str]]:
    """The kinds of review each person has on file (voided ones aside), in one query per 500 people."""
    kinds: dict[int, set[str]] = {}
    ids = [p.id for p in people]
    for start in range(0, len(ids), CHUNK):
        for person_id, kind in tuples(Review.select(Review.person, Review.kind).where(
                Review.person.in_(ids[start:start + CHUNK]) & ~Review.voided).distinct()):
            kinds.setdefault(person_id, set()).add(kind)
    return kinds


def _pledged(people: list[Person], pledge_kinds: tuple[str, ...] = ("上岗", "在岗")) -> set[int]:
    """Who has signed a 上岗 or 在岗 承诺书, in one query per 500 people."""
    ids = [p.id for p in people]
    signed: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        signed |= {i for (i,) in tuples(Pledge.select(Pledge.person).where(
            Pledge.person.in_(ids[start:start + CHUNK]) & Pledge.kind.in_(pledge_kinds) & ~Pledge.voided))}
    return signed


def _on_post(p: Person, today: date, ahead: timedelta, facts: Overview, reviews: set[str],
             pledged: bool) -> list[Reminder]:
    found = []
    due = facts.next_review
    if not reviews:
        since = f"（{day_text(p.on_post_since, today)}上岗）" if p.on_post_since else ""
        found.append(Reminder(p.id, p.name, "复审", f"没有审查记录{since}：请补登上岗审查，或安排复审", True, due))
    elif due and due < today:
        found.append(Reminder(p.id, p.name, "复审", f"{p.level}涉密人员，复审应于{day_text(due, today)}前完成，已逾期{(today - due).days}天", True, due))
    elif due and due <= today + ahead:
        found.append(Reminder(p.id, p.name, "复审", f"复审将于{day_text(due, today)}到期", False, due))
    hours = facts.hours
    if hours.short:
        found.append(Reminder(p.id, p.name, "培训", f"{today.year}年保密教育培训 {hours.text}，还差 {hours.short:g} 学时",
                              today.month >= 11, date(today.year, 12, 31)))
    if not pledged:
        found.append(Reminder(p.id, p.name, "承诺书", "没有登记保密承诺书（上岗或在岗）", True))
    if p.nature in SECONDED:
        if not reviews & {"派出单位审查", "上岗审查"}:
            found.append(Reminder(p.id, p.name, "借调", f"{p.nature}人员没有派出单位（{p.home_unit}）审查记录", True))
        if not p.supervisor:
            found.append(Reminder(p.id, p.name, "借调", f"{p.nature}人员未指定在岗监督的保密管理员", True))
        if p.term_end and p.term_end <= today + ahead:
            found.append(Reminder(p.id, p.name, "借调", f"{p.nature}期至{day_text(p.term_end, today)}：请安排离岗提醒谈话、"
                                                         f"清退载体，并办理离岗（脱密期委托{p.home_unit}）",
                                  p.term_end < today, p.term_end))
    return found


def _leaving(p: Person, today: date, ahead: timedelta) -> list[Reminder]:
    found = [Reminder(p.id, p.name, "离岗手续", text, True, p.declass_start) for text in exit_missing(p)]
    if p.declass_end and p.declass_end <= today:
        found.append(Reminder(p.id, p.name, "脱密期", f"脱密期已于{day_text(p.declass_end, today)}期满，请确认解除", True, p.declass_end))
    elif p.declass_end and p.declass_end <= today + ahead:
        found.append(Reminder(p.id, p.name, "脱密期", f"脱密期将于{day_text(p.declass_end, today)}期满", False, p.declass_end))
    return found
