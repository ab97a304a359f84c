"""因私出入境证件集中保管 and 出国(境) approvals (DOMAIN.md §4.2, §4.4).

A 证件 is taken into the 证件柜 (在库), lent out for an approved trip (借出, with the date it is due back:
the trip's return plus the policy's days), returned, or 注销. Lending to someone in their 脱密期, or whose
复审 is overdue, is refused unless an override reason is given — and the override is audited on its own.
A yearly 盘点 compares what is in the cabinet with what the registry says should be.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from models.core import audit, clock, settings
from models.core.db import DB, BaseModel
from models.core.errors import NeedsConfirmation, ValidationError
from models.core.rights import require
from models.core.text import choice, clean
from models.core.validators import parse_date
from models.secrecy.manifest import EDIT_PERSONNEL, READ_PERSONNEL
from models.secrecy.people import Person, add_event, get, in_declass
from models.secrecy.terms import PASSPORT_KINDS, PASSPORT_STATES, TRIP_DECISIONS


class Passport(BaseModel):
    person = ForeignKeyField(Person, backref="passports", on_delete="CASCADE")
    person_id: int
    kind = CharField(max_length=10)
    number = CharField(max_length=20, unique=True)
    expires_on = DateField(null=True)
    received_on = DateField()  # 交存日期
    status = CharField(max_length=10, default="in", index=True)  # in/out/cancelled
    cancelled_on = DateField(null=True)
    note = TextField(default="")

    @property
    def label(self) -> str:
        return f"{self.kind} {self.number}"


class Trip(BaseModel):
    """出国(境) 申请 and its approval (保密法 第45条; 实施条例 第52条)."""

    person = ForeignKeyField(Person, backref="trips", on_delete="CASCADE")
    person_id: int
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

    @property
    def label(self) -> str:
        return f"{self.start_on:%Y-%m-%d}至{self.end_on:%Y-%m-%d}赴{self.destination}（{self.purpose}）"


class Loan(BaseModel):
    passport = ForeignKeyField(Passport, backref="loans", on_delete="CASCADE")
    passport_id: int
    trip = ForeignKeyField(Trip, null=True, backref="loans")
    trip_id: int | None
    purpose = CharField(max_length=100, default="")  # when not for a trip (e.g. 换领证件)
    lent_on = DateField()
    due_on = DateField(index=True)
    approved_by = CharField(max_length=40)
    override = TextField(default="")  # why it was lent despite 脱密期 / overdue 复审
    returned_on = DateField(null=True)


class StockTake(BaseModel):
    """证件柜 盘点: who counted, when, and what did not match."""

    on = DateField()
    by = CharField(max_length=40)
    expected = IntegerField()
    counted = IntegerField()
    missing = TextField(default="")  # in the registry, not in the cabinet
    unexpected = TextField(default="")  # in the cabinet, not registered as 在库
    note = TextField(default="")


def _passport(passport_id: int) -> Passport:
    item = Passport.get_or_none(Passport.id == passport_id)
    if item is None:
        raise ValidationError("passport", f"没有编号为 {passport_id} 的证件。")
    return item


def normalize_number(value: object) -> str:
    number = clean(value).upper().replace(" ", "")
    if not number:
        raise ValidationError("number", "请填写证件号码。")
    if not number.isalnum() or not 6 <= len(number) <= 20:
        raise ValidationError("number", f"证件号码「{clean(value)}」应为 6 到 20 位字母和数字（如 E12345678）。")
    return number


def take_in(actor, person_id: int, data: dict) -> Passport:
    """交存: a 证件 enters the 证件柜."""
    require(actor, EDIT_PERSONNEL, "登记证件交存")
    kind = choice(data.get("kind"), PASSPORT_KINDS, "证件类别", "kind", "普通护照")
    number = normalize_number(data.get("number"))
    expires = parse_date(data["expires_on"], "expires_on") if clean(data.get("expires_on")) else None
    received = parse_date(data.get("received_on") or clock.today(), "received_on")
    with DB.atomic():
        person = get(actor, person_id)
        if Passport.get_or_none(Passport.number == number):
            raise ValidationError("number", f"证件号码 {number} 已登记。")
        item = Passport.create(person=person, kind=kind, number=number, expires_on=expires, received_on=received,
                               note=clean(data.get("note")))
        add_event(actor, person, received, "证件", f"{item.label}交存证件柜" +
                  (f"，有效期至 {expires:%Y-%m-%d}" if expires else ""))
        audit.record(actor, "create", f"passport:{item.id}", f"证件交存：{person.name} {item.label}")
    return item


def apply_trip(actor, person_id: int, data: dict) -> Trip:
    """出国(境)申请, with the unit's and the 组织人事/保密 opinions as they come."""
    require(actor, EDIT_PERSONNEL, "登记出国(境)申请")
    destination, purpose = clean(data.get("destination")), clean(data.get("purpose"))
    if not destination:
        raise ValidationError("destination", "请填写前往国家或地区。")
    if not purpose:
        raise ValidationError("purpose", "请填写出国(境)事由（如「探亲」「旅游」）。")
    start = parse_date(data.get("start_on"), "start_on")
    end = parse_date(data.get("end_on"), "end_on")
    if end < start:
        raise ValidationError("end_on", "返回日期早于出发日期，请核对。")
    with DB.atomic():
        person = get(actor, person_id)
        trip = Trip.create(person=person, destination=destination[:60], purpose=purpose[:100], start_on=start,
                           end_on=end, unit_opinion=clean(data.get("unit_opinion"))[:100],
                           secrecy_opinion=clean(data.get("secrecy_opinion"))[:100])
        add_event(actor, person, clock.today(), "出境", f"申请{trip.label}")
        audit.record(actor, "create", f"trip:{trip.id}", f"出国(境)申请：{person.name} {trip.label}")
    return trip


def decide_trip(actor, trip_id: int, data: dict) -> Trip:
    require(actor, EDIT_PERSONNEL, "登记出国(境)审批")
    decision = choice(data.get("decision"), TRIP_DECISIONS[1:], "审批结论", "decision")
    approver = clean(data.get("approved_by"))
    if not approver:
        raise ValidationError("approved_by", "请填写审批人。")
    with DB.atomic():
        trip = _trip(trip_id)
        if trip.decision != "待审批":
            raise ValidationError("decision", f"这次出国(境)已{trip.decision}。")
        trip.decision, trip.approved_by = decision, approver[:40]
        trip.decided_on = parse_date(data.get("decided_on") or clock.today(), "decided_on")
        trip.secrecy_opinion = clean(data.get("secrecy_opinion"))[:100] or trip.secrecy_opinion
        trip.briefed_on = parse_date(data["briefed_on"], "briefed_on") if clean(data.get("briefed_on")) else None
        trip.save()
        add_event(actor, trip.person, trip.decided_on, "出境", f"{trip.label}：{decision}（{approver}）")
        audit.record(actor, "update", f"trip:{trip.id}", f"出国(境)审批：{trip.person.name}，{decision}")
    return trip


def report_back(actor, trip_id: int, on: object) -> Trip:
    """回国(境)报告."""
    require(actor, EDIT_PERSONNEL, "登记回国(境)报告")
    day = parse_date(on or clock.today(), "on")
    with DB.atomic():
        trip = _trip(trip_id)
        if trip.decision != "批准":
            raise ValidationError("on", "这次出国(境)未获批准，无需回国报告。")
        trip.reported_on = day
        trip.save()
        add_event(actor, trip.person, day, "出境", f"{trip.label}：已回国(境)报告")
        audit.record(actor, "update", f"trip:{trip.id}", f"回国(境)报告：{trip.person.name}")
    return trip


def _trip(trip_id: int) -> Trip:
    trip = Trip.get_or_none(Trip.id == trip_id)
    if trip is None:
        raise ValidationError("trip", f"没有编号为 {trip_id} 的出国(境)申请。")
    return trip


def lend_blockers(person: Person, today: date | None = None) -> list[str]:
    """Why lending this person a 证件 needs an override: 脱密期, overdue 复审."""
    from models.secrecy.records import next_review

    today = today or clock.today()
    reasons = []
    if in_declass(person, today):
        reasons.append(f"{person.name}处于脱密期（至 {person.declass_end:%Y-%m-%d}）")
    due = next_review(person)
    if due and due < today:
        reasons.append(f"{person.name}的复审已逾期（应于 {due:%Y-%m-%d} 前复审）")
    return reasons


def lend(actor, passport_id: int, data: dict) -> tuple[Loan, list[str]]:
    """借出 for an approved trip (or a stated purpose such as 换领), due back the policy's days after return.

    Raises NeedsConfirmation naming the blockers when the person is in 脱密期 or overdue for 复审; repeat with
    `override` (the reason) to lend anyway — audited as an override.
    """
    require(actor, EDIT_PERSONNEL, "借出因私出入境证件")
    approver = clean(data.get("approved_by"))
    if not approver:
        raise ValidationError("approved_by", "请填写批准领取证件的领导。")
    lent_on = parse_date(data.get("lent_on") or clock.today(), "lent_on")
    override = clean(data.get("override"))
    notes = []
    with DB.atomic():
        item = _passport(passport_id)
        person = item.person
        if item.status != "in":
            raise ValidationError("passport", f"{item.label}{PASSPORT_STATES[item.status]}，不在证件柜中。")
        if item.expires_on and item.expires_on < lent_on:
            raise ValidationError("passport", f"{item.label}已于 {item.expires_on:%Y-%m-%d} 过期，请注销或换领新证。")
        trip = _trip(int(data["trip"])) if clean(data.get("trip")) else None
        purpose = clean(data.get("purpose"))
        if trip is not None:
            if trip.person_id != person.id:
                raise ValidationError("trip", "所选出国(境)申请不是证件持有人的。")
            if trip.decision != "批准":
                raise ValidationError("trip", f"这次出国(境){trip.decision}，批准后才能领取证件。")
            due = trip.end_on + timedelta(days=settings.get("passport_return_days"))
            if item.expires_on and item.expires_on < trip.end_on:
                notes.append(f"证件有效期至 {item.expires_on:%Y-%m-%d}，早于返回日期，请提醒本人。")
        elif purpose:
            due = parse_date(data.get("due_on"), "due_on") if clean(data.get("due_on")) else lent_on + timedelta(days=7)
        else:
            raise ValidationError("trip", "请选择已批准的出国(境)申请；不是出行（如换领证件）时写明用途。")
        if due < lent_on:
            raise ValidationError("due_on", "应交回日期早于借出日期。")
        blockers = lend_blockers(person, lent_on)
        if blockers and not override:
            raise NeedsConfirmation("override", "；".join(blockers) + "。按规定不宜借出证件；确需借出，请在「特批理由」中"
                                                "写明批准领导和理由后再借出，这次借出将单独记入审计。")
        loan = Loan.create(passport=item, trip=trip, purpose=purpose[:100], lent_on=lent_on, due_on=due,
                           approved_by=approver[:40], override=override if blockers else "")
        item.status = "out"
        item.save()
        what = trip.label if trip else purpose
        add_event(actor, person, lent_on, "证件", f"{item.label}借出（{what}），{approver}批准，应于 {due:%Y-%m-%d} 前交回"
                  + (f"；特批：{override}" if blockers else ""))
        audit.record(actor, "lend", f"passport:{item.id}", f"借出证件：{person.name} {item.label}，应交回 {due:%Y-%m-%d}",
                     after={"trip": trip.id if trip else None, "due_on": due, "approved_by": approver})
        if blockers:
            audit.record(actor, "override", f"passport:{item.id}",
                         f"特批借出证件：{person.name}（{'；'.join(blockers)}）", after={"reason": override})
    return loan, notes


def open_loan(item: Passport) -> Loan | None:
    return Loan.select().where((Loan.passport == item) & Loan.returned_on.is_null()).order_by(Loan.id.desc()).first()


def give_back(actor, passport_id: int, on: object = None) -> tuple[Loan, list[str]]:
    """交回: the 证件 is back in the cabinet; a late return is noted."""
    require(actor, EDIT_PERSONNEL, "登记证件交回")
    day = parse_date(on or clock.today(), "on")
    notes = []
    with DB.atomic():
        item = _passport(passport_id)
        loan = open_loan(item)
        if item.status != "out" or loan is None:
            raise ValidationError("passport", f"{item.label}没有借出，无需交回。")
        if day < loan.lent_on:
            raise ValidationError("on", f"交回日期早于借出日期（{loan.lent_on:%Y-%m-%d}）。")
        loan.returned_on = day
        loan.save()
        item.status = "in"
        item.save()
        late = (day - loan.due_on).days
        text = f"{item.label}交回证件柜" + (f"，逾期 {late} 天" if late > 0 else "")
        if late > 0:
            notes.append(f"逾期 {late} 天交回，请按本单位规定处理。")
        if loan.trip and not loan.trip.reported_on:
            notes.append("请提醒本人作回国(境)报告，并在出国(境)记录中登记。")
        add_event(actor, item.person, day, "证件", text)
        audit.record(actor, "update", f"passport:{item.id}", f"证件交回：{item.person.name} {item.label}")
    return loan, notes


def cancel(actor, passport_id: int, reason: str, on: object = None) -> Passport:
    """注销 (expired, replaced, the person left the registry): the row stays, marked."""
    require(actor, EDIT_PERSONNEL, "注销证件")
    if not clean(reason):
        raise ValidationError("reason", "请写明注销原因（如「证件过期」「已换领新证」）。")
    day = parse_date(on or clock.today(), "on")
    with DB.atomic():
        item = _passport(passport_id)
        if item.status == "cancelled":
            raise ValidationError("passport", f"{item.label}已注销。")
        if item.status == "out":
            raise ValidationError("passport", f"{item.label}借出未交回，请先登记交回。")
        item.status, item.cancelled_on = "cancelled", day
        item.note = "\n".join(p for p in (item.note, f"注销：{clean(reason)}") if p)
        item.save()
        add_event(actor, item.person, day, "证件", f"{item.label}注销（{clean(reason)}）")
        audit.record(actor, "void", f"passport:{item.id}", f"注销证件：{item.person.name} {item.label}（{clean(reason)}）")
    return item


def passports(actor, person_id: int | None = None) -> list[Passport]:
    require(actor, READ_PERSONNEL, "查看证件柜")
    query = Passport.select(Passport, Person).join(Person).order_by(Passport.status, Person.name)
    if person_id is not None:
        query = query.where(Passport.person == person_id)
    return list(query)


def trips(actor, person_id: int | None = None) -> list[Trip]:
    require(actor, READ_PERSONNEL, "查看出国(境)记录")
    query = Trip.select(Trip, Person).join(Person).order_by(Trip.start_on.desc())
    if person_id is not None:
        query = query.where(Trip.person == person_id)
    return list(query)


def custody(item: Passport, loan: Loan | None, today: date) -> tuple[str, str | None]:
    """The 保管情况 in words and its colour (`custody_status`: the ledger's colours, decided here rather than read
    back from text)."""
    status = custody_status(item, today, loan)
    if item.status == "out" and loan is not None:
        late = " 逾期未交" if loan.due_on < today else ""
        return f"借出 {loan.lent_on:%Y-%m-%d}，应交 {loan.due_on:%Y-%m-%d}{late}", status
    if item.status == "cancelled":
        return (f"已注销 {item.cancelled_on:%Y-%m-%d}" if item.cancelled_on else "已注销"), status
    expired = bool(item.expires_on and item.expires_on < today)
    return f"在库{' 已过期' if expired else ''}", status


def custody_text(item: Passport, today: date | None = None) -> str:
    return custody(item, open_loan(item) if item.status == "out" else None, today or clock.today())[0]


def trip_level(trip: Trip, today: date | None = None) -> str | None:
    """「overdue」 when an approved trip has ended with no 回国(境)报告; 「done」 when it was refused."""
    if trip.decision == "批准" and not trip.reported_on and trip.end_on < (today or clock.today()):
        return "overdue"
    return "done" if trip.decision == "不批准" else None


def custody_status(item: Passport, today: date, loan: "Loan | None" = None) -> str | None:
    """The row's colour as the ledgers name it (models.core.ledger.Row.status), decided here and not from text.

    overdue: out past its return date, or expired in the cabinet; due_soon: expiring within the reminder
    period (the setting 证件到期前提醒); on_time: out and not yet due back; done: 注销; None: in the cabinet.
    `loan` saves a query when the caller already has the open loan of a 证件 that is out.
    """
    if item.status == "cancelled":
        return "done"
    if item.status == "out":
        loan = loan or open_loan(item)
        if loan is not None:
            return "overdue" if loan.due_on < today else "on_time"
    if item.expires_on and item.expires_on < today:
        return "overdue"
    if item.expires_on and item.expires_on <= today + timedelta(days=settings.get("passport_expiry_days")):
        return "due_soon"
    return None


@dataclass
class StockResult:
    take: StockTake
    missing: list[str]
    unexpected: list[str]


def stock_take(actor, counted: list[str], note: str = "", on: object = None) -> StockResult:
    """盘点: `counted` are the numbers found in the 证件柜; compared with what should be 在库."""
    require(actor, EDIT_PERSONNEL, "盘点证件柜")
    day = parse_date(on or clock.today(), "on")
    found = {normalize_number(n) for n in counted if clean(n)}
    with DB.atomic():
        expected = {p.number: p for p in Passport.select(Passport, Person).join(Person).where(Passport.status == "in")}
        missing = [f"{expected[n].person.name} {expected[n].label}" for n in sorted(set(expected) - found)]
        unexpected = []
        for number in sorted(found - set(expected)):
            item = Passport.get_or_none(Passport.number == number)
            unexpected.append(f"{number}（{'未登记' if item is None else item.person.name + PASSPORT_STATES[item.status]}）")
        take = StockTake.create(on=day, by=actor.display_name, expected=len(expected), counted=len(found),
                                missing="\n".join(missing), unexpected="\n".join(unexpected), note=clean(note))
        audit.record(actor, "stock_take", f"stock_take:{take.id}",
                     f"盘点证件柜：应在库 {len(expected)} 本，清点 {len(found)} 本，缺 {len(missing)}，多 {len(unexpected)}")
    return StockResult(take, missing, unexpected)


def last_stock_take() -> StockTake | None:
    return StockTake.select().order_by(StockTake.on.desc(), StockTake.id.desc()).first()
