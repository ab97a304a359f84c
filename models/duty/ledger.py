"""值班记录 as the shared ledger sees it: the scope (本班及未办结 / 今日 / 昨日 / 近 7 日 / 全部), search over
单位、人名、事由 (trigram index for 3+ characters), keyset pages, and each row's colour decided here:
red when a graded incident's reporting limit has passed, amber for an open item carried from an earlier shift,
grey when 办结.
"""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

from peewee import fn

from models.core import clock
from models.core.db import count_text_matches, now, text_contains
from models.core.ledger import (
    PAGE_SIZE,
    Column,
    FilterSpec,
    KeysetPager,
    PagedSource,
    Query,
    Row,
    count_filtered,
)
from models.core.rights import require
from models.core.text import clean
from models.duty import absences, roster
from models.duty import log as duty_log
from models.duty.absences import Absence
from models.duty.log import DutyEntry, DutyShift
from models.duty.manifest import READ_DUTY
from models.duty.terms import ENTRY_KINDS

SCOPES = (("current", "本班及未办结"), ("today", "今日"), ("yesterday", "昨日"), ("week", "近 7 日"))


def reported_text(reported_to: str, instructions: str) -> str:
    """「周主任；李书记（已批示）」: who was told, from the dated 「周主任 14:25」 lines."""
    text = "；".join(line.split(" ")[0] for line in reported_to.splitlines())
    return text + ("（已批示）" if instructions else "")


class DutyLogLedger(PagedSource):
    name = "duty_log"
    title = "值班记录"
    kinds = frozenset({"duty_entry", "duty_shift"})
    columns = (
        Column("at", "时间", 110),
        Column("kind", "类别", 110),
        Column("source", "来电单位/人", 170),
        Column("subject", "事由", 330),
        Column("reported", "报告/批示", 150, sortable=False),
        Column("status", "状态", 70),
        Column("clock", "报告时限", 180, sortable=False),
    )
    default_sort = "at"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_DUTY, "查看值班记录")
        self._actor = actor
        self.filters = (
            FilterSpec("scope", "范围", "choice", SCOPES, default="current"),
            FilterSpec("kind", "类别", "choice", tuple((k, k) for k in ENTRY_KINDS)),
            FilterSpec("status", "状态", "choice", tuple(duty_log.STATUS.items())),
        )
        self._pager = KeysetPager(DutyEntry.id, {
            "at": DutyEntry.at, "kind": DutyEntry.kind, "source": DutyEntry.unit, "subject": DutyEntry.subject,
            "status": DutyEntry.status,
        })

    @staticmethod
    def current_shift_id() -> int | None:
        """The shift on duty now, without creating it (a read writes nothing)."""
        day, shift = roster.current(now())
        found = DutyShift.get_or_none((DutyShift.day == day) & (DutyShift.shift == shift.name))
        return found.id if found else None

    def _base(self, query: Query):
        select = DutyEntry.select(
            DutyEntry.duty_shift, DutyEntry.at, DutyEntry.kind, DutyEntry.grade, DutyEntry.unit, DutyEntry.person,
            DutyEntry.subject, DutyEntry.reported_to, DutyEntry.instructions, DutyEntry.status, DutyEntry.closed,
            DutyEntry.phoned_at, DutyEntry.written_at, DutyEntry.secrecy)
        flt = query.filters
        scope = flt.get("scope")
        if scope == "current":
            shift_id = self.current_shift_id()
            still_open = DutyEntry.closed == False  # noqa: E712
            select = select.where(still_open | (DutyEntry.duty_shift == shift_id) if shift_id else still_open)
        elif scope in ("today", "yesterday", "week"):
            day = roster.current(now())[0]
            first = day - timedelta(days={"today": 0, "yesterday": 1, "week": 6}[scope])
            last = day - timedelta(days=1) if scope == "yesterday" else day
            select = select.where(DutyEntry.duty_shift.in_(
                DutyShift.select(DutyShift.id).where(DutyShift.day.between(first, last))))
        for key in ("kind", "status"):
            if flt.get(key):
                select = select.where(getattr(DutyEntry, key) == flt[key])
        if query.search.strip():
            select = select.where(text_contains(DutyEntry, DutyEntry.search_text, query.search))
        return select

    def count(self, query: Query) -> int:
        return count_filtered(self._base(query), query, count_text_matches(DutyEntry, query.search))

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        moment, shift_id = now(), self.current_shift_id()
        rows = []
        for r in self._pager.page(self._base(query), query, self.default_sort, after, limit):
            entry = SimpleNamespace(**r)
            if isinstance(entry.at, str):  # a sort key read back raw on some drivers
                entry.at = datetime.fromisoformat(entry.at)
            clocks = duty_log.clock(entry, moment)
            carried = not r["closed"] and r["duty_shift"] != shift_id
            if any(c.red for c in clocks):
                status, why = "overdue", "报告超时"
            elif r["closed"]:
                status, why = "done", "已办结"
            elif carried:
                status, why = "due_soon", "上班遗留，未办结"
            else:
                status, why = None, ""
            rows.append(Row(r["_row_id"], (r["_sort_key"], r["_row_id"]), (
                f"{entry.at:%m-%d %H:%M}", r["kind"] + (f"·{r['grade']}" if r["grade"] else ""),
                "".join(p for p in (r["unit"], r["person"]) if p) or "—", _heading(r["subject"]),
                reported_text(r["reported_to"], r["instructions"]), duty_log.STATUS[r["status"]],
                "　".join(f"{c.label[:2]}{'✓' if c.state == 'done' else ('超时' if c.red else '待报')}"
                         for c in clocks),
            ), status, r["secrecy"], why))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        return duty_log.detail_lines(self._actor, row_id) if DutyEntry.get_or_none(DutyEntry.id == row_id) else []


def _heading(subject: str) -> str:
    return DutyEntry(subject=subject).heading



ABSENCE_SCOPES = (("away", "今日外出"), ("late", "逾期未销假"), ("open", "未销假"))


class AbsenceLedger(PagedSource):
    """领导外出报备 as the shared ledger sees it. Colours decided here: red for someone past the planned return
    without 销假, green for someone away today, grey once back or voided."""

    name = "duty_absences"
    title = "领导外出报备"
    kinds = frozenset({"absence"})
    search_hint = "查找：外出人员、地点、事由、代为主持工作的同志（Ctrl+F）"
    columns = (
        Column("person", "外出人员", 80),
        Column("position", "职务", 90),
        Column("kind", "事由", 180),
        Column("start_on", "时间", 210),
        Column("destination", "地点", 100),
        Column("stand_in", "代为主持工作", 130),
        Column("contact", "联系方式", 110),
        Column("approved_by", "审批/报备", 90),
        Column("status", "状态", 110),
    )
    default_sort = "start_on"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_DUTY, "查看领导外出报备")
        self._actor = actor
        self.filters = (
            FilterSpec("scope", "范围", "choice", ABSENCE_SCOPES),
            FilterSpec("status", "状态", "choice", tuple(absences.STATUS.items())),
        )
        self._pager = KeysetPager(Absence.id, {
            "person": Absence.person, "position": Absence.position, "kind": Absence.kind,
            "start_on": Absence.start_on, "destination": Absence.destination, "stand_in": Absence.stand_in,
            "contact": Absence.contact, "approved_by": Absence.approved_by, "status": Absence.status,
        })

    def _base(self, query: Query):
        select = Absence.select()
        today = clock.today()
        scope, status = query.filters.get("scope"), query.filters.get("status")
        if scope == "away":
            select = select.where((Absence.status != "void") & (Absence.start_on <= today) & (Absence.end_on >= today)
                                  & (Absence.returned_at.is_null() | (fn.DATE(Absence.returned_at) >= today)))
        elif scope == "late":
            select = select.where((Absence.status == "reported") & (Absence.end_on < today))
        elif scope == "open":
            select = select.where(Absence.status == "reported")
        if status:
            select = select.where(Absence.status == status)
        if words := clean(query.search):
            select = select.where(Absence.person.contains(words) | Absence.destination.contains(words)
                                  | Absence.purpose.contains(words) | Absence.stand_in.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        today = clock.today()
        rows = []
        for a in self._pager.select_page(self._base(query), query, self.default_sort, after, limit):
            status, why = absence_level(a, today)
            state = absences.STATUS[a.status] + ("（逾期未销假）" if status == "overdue" else "")
            rows.append(Row(a.id, (a._sort_key, a.id), (
                a.person, a.position, f"{a.kind}：{a.purpose}" if a.purpose else a.kind, a.period_text,
                a.destination, a.stand_in, a.contact, a.approved_by, state), status, "", why))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        a = Absence.get_or_none(Absence.id == row_id)
        if a is None:
            return []
        lines = [("外出人员", f"{a.person}{('（' + a.position + '）') if a.position else ''}"),
                 ("时间", a.period_text), ("地点", a.destination or "—"), ("事由", f"{a.kind}：{a.purpose or '—'}"),
                 ("交通方式", a.transport or "—"), ("代为主持工作", a.stand_in or "—"), ("联系方式", a.contact or "—"),
                 ("审批/报备", a.approved_by or "—"), ("状态", absences.STATUS[a.status]),
                 ("报备", f"{a.reported_at:%Y-%m-%d %H:%M} {a.reported_by}".strip())]
        if a.returned_at:
            lines.append(("销假", f"{a.returned_at:%Y-%m-%d %H:%M}"))
        if a.changes:
            lines.append(("行程变更", a.changes))
        if a.reason:
            lines.append(("作废原因", a.reason))
        return lines


def absence_level(a: Absence, today: date) -> tuple[str | None, str]:
    """The row's colour and why: the rule the page used to decide, now here."""
    if a.status == "reported" and a.end_on < today:
        return "overdue", f"应于{a.end_on.month}月{a.end_on.day}日{a.end_part}返回，尚未销假"
    if a.status != "reported":
        return "done", absences.STATUS[a.status]
    if a.start_on <= today <= a.end_on:
        return "on_time", "今日外出"
    return None, ""
