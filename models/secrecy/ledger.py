"""涉密人员 and 证件柜 as the shared ledger sees them: filters, search (name, 拼音, 首字母, unit, post, ID through
`Person.search_text`), keyset pages in SQL, and each row's colour decided here: red for an overdue 复审, a loan
not back in time or an expired 证件 still kept; amber for someone in their 脱密期; grey for what has ended.
"""

from datetime import date
from types import SimpleNamespace

from peewee import Case, fn

from models.core import clock, settings
from models.core.db import tuples
from models.core.ledger import PAGE_SIZE, Column, FilterSpec, KeysetPager, PagedSource, Query, Row
from models.core.rights import require
from models.core.text import clean
from models.secrecy import passports as cabinet
from models.secrecy import people as registry
from models.secrecy import records
from models.secrecy.manifest import READ_PERSONNEL
from models.secrecy.passports import Loan, Passport, Trip
from models.secrecy.people import Assignment, Person, Post
from models.secrecy.records import Review, Training
from models.secrecy.terms import LEVELS, PASSPORT_KINDS, PASSPORT_STATES, STATES, TRIP_DECISIONS, review_periods

ACTIVE = "active"  # the 「在岗及脱密期」 choice: the people an office manages day to day


def _words(text: str) -> str:
    return clean(text).lower().replace(" ", "")


def current_posts(ids: list[int]) -> dict[int, str]:
    """「机要文件收发、综合文稿起草」 for each of a page's people: the posts held now, highest level first."""
    held: dict[int, list[str]] = {}
    for person_id, name in tuples(Assignment.select(Assignment.person, Post.name).join(Post)
                                  .where(Assignment.person.in_(ids) & Assignment.end_on.is_null())
                                  .order_by(Post.level, Post.name)) if ids else ():
        held.setdefault(person_id, []).append(name)
    return {person_id: "、".join(names) for person_id, names in held.items()}


class PeopleLedger(PagedSource):
    name = "secrecy_people"
    title = "涉密人员"
    kinds = frozenset({"person", "review", "pledge", "training", "passport", "trip", "post"})
    search_hint = "查找：姓名、拼音或首字母（如 zjh）、部门、岗位、身份证号（Ctrl+F）"
    columns = (
        Column("name", "姓名", 70),
        Column("unit", "部门", 90),
        Column("position", "职务", 90),
        Column("posts", "涉密岗位", 180, sortable=False),
        Column("level", "等级", 50),
        Column("nature", "人员性质", 70),
        Column("on_post_since", "上岗时间", 90, visible=False),  # in the detail; the list needs the room
        Column("next_review", "下次复审", 90, sortable=False),
        Column("hours", "本年培训", 80, sortable=False),
        Column("state", "状态", 150),
    )
    default_sort = "default"
    default_descending = False
    page_size = 50  # two screenfuls: each row brings its posts, last 复审 and the year's 学时

    def __init__(self, actor) -> None:
        require(actor, READ_PERSONNEL, "查看涉密人员库")
        self.filters = (
            FilterSpec("level", "等级", "choice", tuple((v, v) for v in LEVELS)),
            FilterSpec("state", "状态", "choice", ((ACTIVE, "在岗及脱密期"), *STATES.items()), default=ACTIVE),
        )
        # 在岗 first, then by level (核心 → 一般), unit and name: one sortable text, so that keyset paging works
        ranked = (Case(None, [(Person.state == "on_post", "0")], "1")
                  .concat(Case(Person.level, [(v, str(n)) for n, v in enumerate(LEVELS)], "9"))
                  .concat(Person.unit).concat("|").concat(Person.name))
        self._pager = KeysetPager(Person.id, {
            "default": ranked, "name": Person.name, "unit": Person.unit, "position": Person.position,
            "level": Person.level, "nature": Person.nature,
            "on_post_since": fn.COALESCE(Person.on_post_since, date(1900, 1, 1)), "state": Person.state,
        })

    def _base(self, query: Query):
        select = Person.select(Person.id, Person.name, Person.unit, Person.position, Person.level, Person.nature,
                               Person.state, Person.on_post_since, Person.declass_start, Person.declass_end)
        flt = query.filters
        if flt.get("level"):
            select = select.where(Person.level == flt["level"])
        if flt.get("state") == ACTIVE:
            select = select.where(Person.state.in_(("on_post", "declass")))
        elif flt.get("state"):
            select = select.where(Person.state == flt["state"])
        if words := _words(query.search):
            select = select.where(Person.search_text.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        # One query for the rows with each one's last passed review and the year's hours (correlated subqueries),
        # one for the posts; plain rows, not Person objects: building 200 full models took most of a frame.
        today = clock.today()
        last_review = (Review.select(fn.MAX(Review.on)).where(
            (Review.person == Person.id) & (Review.result == "通过") & ~Review.voided))
        year_hours = (Training.select(fn.SUM(Training.hours)).where(
            (Training.person == Person.id) & ~Training.voided
            & Training.on.between(date(today.year, 1, 1), date(today.year, 12, 31))))
        base = self._base(query).select_extend(last_review.alias("last_review"), year_hours.alias("year_hours"))
        people = [SimpleNamespace(**r) for r in self._pager.page(base, query, self.default_sort, after, limit)]
        if not people:
            return []
        posts = current_posts([p.id for p in people])
        policy = settings.all_values()
        periods, required = review_periods(policy), policy["training_hours"]
        rows = []
        for p in people:
            last = date.fromisoformat(str(p.last_review)[:10]) if p.last_review else None
            due = records.review_due(p, last, periods)
            hours = records.HoursCheck(float(p.year_hours or 0), required) if p.state == "on_post" else None
            late = bool(due and due < today)
            alerts = tuple(c for c, on in ((7, late), (8, bool(hours and hours.short))) if on)
            if late:
                status, why = "overdue", f"复审已逾期（应于 {due:%Y-%m-%d} 前）"
            elif p.state == "declass":
                status, why = "due_soon", f"脱密期中（至 {p.declass_end:%Y-%m-%d}）" if p.declass_end else "脱密期中"
            elif p.state in ("ended", "refused"):
                status, why = "done", STATES[p.state]
            else:
                status, why = None, ""
            state = STATES[p.state]  # short, to read whole at 1366 px: the 脱密期's end is in `why` (tooltip, detail)
            held = posts.get(p.id) or (registry.former_posts(Person(id=p.id, declass_start=p.declass_start))
                                       if p.declass_start else "")
            rows.append(Row(p.id, (p._sort_key, p.id), (
                p.name, p.unit, p.position, held, p.level, p.nature,
                f"{p.on_post_since or ''}", f"{due or ''}", hours.text if hours else "", state,
            ), status, "", why, alerts))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        p = Person.get_or_none(Person.id == row_id)
        return [("姓名", p.name), ("状态", p.state_label)] if p else []


class CabinetLedger(PagedSource):
    name = "secrecy_cabinet"
    title = "证件柜"
    kinds = frozenset({"passport", "person"})
    search_hint = "查找：持证人姓名或拼音、部门、证件号码（Ctrl+F）"
    columns = (
        Column("holder", "持证人", 80),
        Column("unit", "部门", 90),
        Column("kind", "证件类别", 110),
        Column("number", "证件号码", 110),
        Column("expires_on", "有效期至", 90),
        Column("received_on", "交存日期", 90),
        Column("custody", "保管情况", 260),
    )
    default_sort = "custody"
    default_descending = False

    def __init__(self, actor) -> None:
        require(actor, READ_PERSONNEL, "查看证件柜")
        self.filters = (
            FilterSpec("status", "保管情况", "choice", tuple(PASSPORT_STATES.items())),
            FilterSpec("kind", "证件类别", "choice", tuple((k, k) for k in PASSPORT_KINDS)),
        )
        self._pager = KeysetPager(Passport.id, {
            "holder": Person.name, "unit": Person.unit, "kind": Passport.kind, "number": Passport.number,
            "expires_on": fn.COALESCE(Passport.expires_on, date(9999, 12, 31)), "received_on": Passport.received_on,
            "custody": Passport.status.concat(Person.name),
        })

    def _base(self, query: Query):
        select = Passport.select(Passport, Person).join(Person)
        flt = query.filters
        for key in ("status", "kind"):
            if flt.get(key):
                select = select.where(getattr(Passport, key) == flt[key])
        if words := _words(query.search):
            select = select.where(Person.search_text.contains(words) | Passport.number.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        items = list(self._pager.select_page(self._base(query), query, self.default_sort, after, limit))
        out = [i.id for i in items if i.status == "out"]
        loans = {loan.passport_id: loan for loan in Loan.select().where(
            Loan.passport.in_(out) & Loan.returned_on.is_null()).order_by(Loan.id)} if out else {}
        today = clock.today()
        rows = []
        for item in items:
            text, status = cabinet.custody(item, loans.get(item.id), today)
            rows.append(Row(item.id, (item._sort_key, item.id), (
                item.person.name, item.person.unit, item.kind, item.number, f"{item.expires_on or ''}",
                f"{item.received_on}", text), status, "", text if status == "overdue" else ""))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        item = Passport.select(Passport, Person).join(Person).where(Passport.id == row_id).first()
        if item is None:
            return []
        lines = [("持证人", f"{item.person.name}（{item.person.unit}）"), ("证件", item.label),
                 ("有效期至", f"{item.expires_on or '—'}"), ("交存日期", f"{item.received_on}"),
                 ("保管情况", cabinet.custody_text(item))]
        for loan in Loan.select().where(Loan.passport == item).order_by(Loan.lent_on.desc(), Loan.id.desc()):
            back = f"，{loan.returned_on:%Y-%m-%d} 交回" if loan.returned_on else ""
            why = loan.purpose
            if not why and loan.trip_id is not None and loan.trip is not None:
                why = loan.trip.label
            lines.append(("借出", f"{loan.lent_on:%Y-%m-%d}（{why}，{loan.approved_by}批准）应交 {loan.due_on:%Y-%m-%d}"
                                  f"{back}" + (f"；特批理由：{loan.override}" if loan.override else "")))
        if item.note:
            lines.append(("备注", item.note))
        return lines


class TripsLedger(PagedSource):
    name = "secrecy_trips"
    title = "出国(境)申请与审批"
    kinds = frozenset({"trip", "person"})
    search_hint = "查找：申请人姓名或拼音、前往国家或地区"
    columns = (
        Column("person", "申请人", 70),
        Column("destination", "前往", 80),
        Column("purpose", "事由", 160),
        Column("start_on", "出发", 90),
        Column("end_on", "返回", 90),
        Column("unit_opinion", "部门意见", 80),
        Column("decision", "审批", 60),
        Column("approved_by", "审批人", 100),
        Column("briefed_on", "行前教育", 90),
        Column("reported_on", "回国报告", 90),
    )
    default_sort = "start_on"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_PERSONNEL, "查看出国(境)记录")
        self.filters = (FilterSpec("decision", "审批", "choice", tuple((d, d) for d in TRIP_DECISIONS)),)
        self._pager = KeysetPager(Trip.id, {
            "person": Person.name, "destination": Trip.destination, "purpose": Trip.purpose,
            "start_on": Trip.start_on, "end_on": Trip.end_on, "unit_opinion": Trip.unit_opinion,
            "decision": Trip.decision, "approved_by": Trip.approved_by,
            "briefed_on": fn.COALESCE(Trip.briefed_on, date(1900, 1, 1)),
            "reported_on": fn.COALESCE(Trip.reported_on, date(1900, 1, 1)),
        })

    def _base(self, query: Query):
        select = Trip.select(Trip, Person).join(Person)
        if query.filters.get("decision"):
            select = select.where(Trip.decision == query.filters["decision"])
        if words := _words(query.search):
            select = select.where(Person.search_text.contains(words) | Trip.destination.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        today = clock.today()
        rows = []
        for t in self._pager.select_page(self._base(query), query, self.default_sort, after, limit):
            status = cabinet.trip_level(t, today)
            why = "已返回，未作回国(境)报告" if status == "overdue" else ""
            rows.append(Row(t.id, (t._sort_key, t.id), (
                t.person.name, t.destination, t.purpose, f"{t.start_on}", f"{t.end_on}", t.unit_opinion, t.decision,
                t.approved_by, f"{t.briefed_on or ''}", f"{t.reported_on or ''}"), status, "", why))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        t = Trip.select(Trip, Person).join(Person).where(Trip.id == row_id).first()
        if t is None:
            return []
        return [("申请人", f"{t.person.name}（{t.person.unit}）"), ("行程", t.label),
                ("所在部门意见", t.unit_opinion), ("组织人事、保密工作机构意见", t.secrecy_opinion),
                ("审批", f"{t.decision}" + (f"（{t.approved_by}，{t.decided_on}）" if t.decided_on else "")),
                ("行前保密教育", f"{t.briefed_on or '—'}"), ("回国(境)报告", f"{t.reported_on or '—'}")]
