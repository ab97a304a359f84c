"""The 收文 and 发文 ledgers as the shared ledger widget sees them: columns, filters, search, paged rows.

Search covers 标题, 文号, 来文单位, 批示 and 承办 through one `search_text` column: a trigram index for 3+
characters, LIKE (stopping at the page limit) for 1–2.
"""

from datetime import date, datetime, time

from peewee import fn

from models.core import clock
from models.core.db import count_text_matches, distinct_values, text_contains, tuples
from models.core.ledger import PAGE_SIZE, Column, FilterSpec, KeysetPager, PagedSource, Query, Row, count_matches
from models.core.rights import require
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.documents.incoming import Incoming
from models.documents.manifest import READ_DOCUMENTS
from models.documents.outgoing import Outgoing
from models.documents.terms import SECRECY, URGENCY, secrecy_mark


def _years(years: list[int]) -> tuple[tuple[str, str], ...]:
    """The 年度 filter's choices, newest first, this year always among them."""
    years = [y for y in years if y]
    if (this_year := clock.today().year) not in years:
        years.insert(0, this_year)
    return tuple((str(y), f"{y}年") for y in years)


def _day_range(select, column, flt: dict):
    if isinstance(flt.get("date_from"), date):
        select = select.where(column >= datetime.combine(flt["date_from"], time.min))
    if isinstance(flt.get("date_to"), date):
        select = select.where(column <= datetime.combine(flt["date_to"], time.max))
    return select


def _count(select, query: Query, model) -> int:
    """A search with no filter is counted on the trigram index alone; anything else through the filtered select."""
    if not any(query.filters.values()):
        fast = count_text_matches(model, query.search)
        if fast is not None:
            return fast
    return count_matches(select, query)


class IncomingLedger(PagedSource):
    name = "incoming"
    kinds = frozenset({"incoming"})
    _model = Incoming
    title = "收文登记簿"
    columns = (
        Column("receipt_no", "收文编号", 118),
        Column("received_at", "收文日期", 88),
        Column("source_org", "来文单位", 120),
        Column("doc_no", "来文字号", 145),
        Column("title", "标题", 250),
        Column("secrecy", "密级", 82),
        Column("urgency", "紧急程度", 66),
        Column("copies", "份数", 42, visible=False),  # in the detail; the ledger needs the room for 承办/时限/状态
        Column("proposal", "拟办意见", 180, visible=False),
        Column("instructions", "领导批示", 200, visible=False),
        Column("lead_unit", "承办单位", 90),
        Column("due_date", "办理时限", 88),
        Column("status", "状态", 62),
        Column("result", "办理结果", 180, visible=False),
        Column("archive_code", "档号", 140, visible=False),
    )
    default_sort = "receipt_no"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_DOCUMENTS, "查看收文登记簿")
        self._actor = actor
        units = distinct_values(Incoming.lead_unit, limit=300)
        self.filters = (
            FilterSpec("year", "年度", "choice", _years(distinct_values(Incoming.year, descending=True))),
            FilterSpec("status", "状态", "choice", tuple(documents.STATUS.items())),
            FilterSpec("secrecy", "密级", "choice", tuple((s, s) for s in SECRECY)),
            FilterSpec("urgency", "紧急程度", "choice", tuple((u, u) for u in URGENCY if u != "无")),
            FilterSpec("lead_unit", "承办单位", "choice", tuple((u, u) for u in units)),
            FilterSpec("date_from", "收文日期从", "date"),
            FilterSpec("date_to", "至", "date"),
            FilterSpec("overdue", "只看逾期", "check"),
        )
        self._pager = KeysetPager(Incoming.id, {
            "receipt_no": Incoming.id, "received_at": Incoming.received_at, "source_org": Incoming.source_org,
            "doc_no": Incoming.doc_no, "title": Incoming.title, "secrecy": Incoming.secrecy,
            "urgency": Incoming.urgency, "copies": Incoming.copies, "lead_unit": Incoming.lead_unit,
            "due_date": fn.COALESCE(Incoming.due_date, date(9999, 12, 31)), "status": Incoming.status,
        })

    def _base(self, query: Query):
        select = Incoming.select(
            Incoming.receipt_no, Incoming.received_at, Incoming.source_org, Incoming.doc_no, Incoming.title,
            Incoming.secrecy, Incoming.secrecy_term, Incoming.urgency, Incoming.copies, Incoming.proposal,
            Incoming.instructions, Incoming.lead_unit, Incoming.due_date, Incoming.status, Incoming.result,
            Incoming.archive_code,
        )
        flt = query.filters
        if flt.get("year"):
            select = select.where(Incoming.year == int(flt["year"]))
        for key in ("status", "secrecy", "urgency", "lead_unit"):
            if flt.get(key):
                select = select.where(getattr(Incoming, key) == flt[key])
        select = _day_range(select, Incoming.received_at, flt)
        if flt.get("overdue"):
            select = select.where(Incoming.status.in_(documents.OPEN) & (Incoming.due_date < clock.today()))
        if query.search.strip():
            select = select.where(text_contains(Incoming, Incoming.search_text, query.search))
        return select

    def count(self, query: Query) -> int:
        return _count(self._base(query), query, self._model)

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        today = clock.today()
        soon = documents.soon_limit(today)
        rows = []
        for r in self._pager.page(self._base(query), query, self.default_sort, after, limit):
            status = documents.due_status(r["status"], r["due_date"], today, soon)
            rows.append(Row(r["_row_id"], (r["_sort_key"], r["_row_id"]), (
                r["receipt_no"], f"{r['received_at']:%Y-%m-%d}", r["source_org"], r["doc_no"], r["title"],
                secrecy_mark(r["secrecy"], r["secrecy_term"]), "" if r["urgency"] == "无" else r["urgency"],
                str(r["copies"]), r["proposal"], r["instructions"].replace("\n", "；"), r["lead_unit"],
                f"{r['due_date']:%Y-%m-%d}" if r["due_date"] else "", documents.STATUS[r["status"]], r["result"],
                r["archive_code"],
            ), status, r["secrecy"]))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        doc = Incoming.get_or_none(Incoming.id == row_id)
        return documents.detail_lines(self._actor, doc) if doc else []

    def ids(self, query: Query, limit: int = 100_000) -> list[int]:
        """Every id the query selects, in the ledger's order (for exporting exactly what is on screen)."""
        sort, desc = self._pager._order(query, self.default_sort)
        order = (sort.desc(), Incoming.id.desc()) if desc else (sort.asc(), Incoming.id.asc())
        return [i for (i,) in self._base(query).select(Incoming.id).order_by(*order).limit(limit).tuples()]


class OutgoingLedger(PagedSource):
    name = "outgoing"
    kinds = frozenset({"outgoing"})
    _model = Outgoing
    title = "发文登记簿"
    columns = (
        Column("doc_no", "发文字号", 160),
        Column("title", "标题", 320),
        Column("doc_type", "文种", 60, visible=False),
        Column("draft_unit", "拟稿单位", 100),
        Column("drafter", "拟稿人", 70),
        Column("secrecy", "密级", 80),
        Column("urgency", "紧急程度", 70),
        Column("signer", "签发人", 70),
        Column("signed_on", "签发日期", 90),
        Column("main_to", "主送", 200, visible=False),
        Column("print_copies", "印制份数", 70),
        Column("status", "状态", 70),
        Column("drafted_on", "拟稿日期", 90, visible=False),
    )
    default_sort = "drafted_on"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_DOCUMENTS, "查看发文登记簿")
        self._actor = actor
        self.filters = (
            FilterSpec("year", "年度", "choice", _years(  # no index leads with year: one scan
                [y for (y,) in tuples(Outgoing.select(Outgoing.year).distinct().order_by(Outgoing.year.desc()))])),
            FilterSpec("prefix", "代字", "choice", tuple((p, p) for p in dispatch.prefixes(actor))),
            FilterSpec("status", "状态", "choice", tuple(dispatch.STATUS.items())),
            FilterSpec("secrecy", "密级", "choice", tuple((s, s) for s in SECRECY)),
            FilterSpec("date_from", "拟稿日期从", "date"),
            FilterSpec("date_to", "至", "date"),
        )
        self._pager = KeysetPager(Outgoing.id, {
            "doc_no": Outgoing.id, "title": Outgoing.title, "doc_type": Outgoing.doc_type,
            "draft_unit": Outgoing.draft_unit, "drafter": Outgoing.drafter, "secrecy": Outgoing.secrecy,
            "urgency": Outgoing.urgency, "signer": Outgoing.signer,
            "signed_on": fn.COALESCE(Outgoing.signed_on, date(1900, 1, 1)), "print_copies": Outgoing.print_copies,
            "status": Outgoing.status, "drafted_on": Outgoing.drafted_on,
        })

    def _base(self, query: Query):
        select = Outgoing.select(
            Outgoing.doc_no, Outgoing.title, Outgoing.doc_type, Outgoing.draft_unit, Outgoing.drafter,
            Outgoing.secrecy, Outgoing.secrecy_term, Outgoing.urgency, Outgoing.signer, Outgoing.signed_on,
            Outgoing.main_to, Outgoing.print_copies, Outgoing.status, Outgoing.drafted_on,
        )
        flt = query.filters
        if flt.get("year"):
            year = int(flt["year"])
            # numbered documents by the year of their 发文字号, drafts by the year they were drafted
            select = select.where((Outgoing.year == year) | (
                Outgoing.year.is_null() & Outgoing.drafted_on.between(date(year, 1, 1), date(year, 12, 31))))
        for key in ("prefix", "status", "secrecy"):
            if flt.get(key):
                select = select.where(getattr(Outgoing, key) == flt[key])
        if isinstance(flt.get("date_from"), date):
            select = select.where(Outgoing.drafted_on >= flt["date_from"])
        if isinstance(flt.get("date_to"), date):
            select = select.where(Outgoing.drafted_on <= flt["date_to"])
        if query.search.strip():
            select = select.where(text_contains(Outgoing, Outgoing.search_text, query.search))
        return select

    def count(self, query: Query) -> int:
        return _count(self._base(query), query, self._model)

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        rows = []
        for r in self._pager.page(self._base(query), query, self.default_sort, after, limit):
            done = "done" if r["status"] in dispatch.FINISHED else None
            rows.append(Row(r["_row_id"], (r["_sort_key"], r["_row_id"]), (
                r["doc_no"] or "（未编号）", r["title"], r["doc_type"], r["draft_unit"], r["drafter"],
                secrecy_mark(r["secrecy"], r["secrecy_term"]), "" if r["urgency"] == "无" else r["urgency"],
                r["signer"], f"{r['signed_on']:%Y-%m-%d}" if r["signed_on"] else "", r["main_to"],
                str(r["print_copies"] or ""), dispatch.STATUS[r["status"]], f"{r['drafted_on']:%Y-%m-%d}",
            ), done, r["secrecy"]))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        doc = Outgoing.get_or_none(Outgoing.id == row_id)
        return dispatch.detail_lines(self._actor, doc) if doc else []

    def ids(self, query: Query, limit: int = 100_000) -> list[int]:
        sort, desc = self._pager._order(query, self.default_sort)
        order = (sort.desc(), Outgoing.id.desc()) if desc else (sort.asc(), Outgoing.id.asc())
        return [i for (i,) in self._base(query).select(Outgoing.id).order_by(*order).limit(limit).tuples()]
