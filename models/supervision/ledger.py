"""The 督查台账 as the shared ledger widget sees it: columns, filters, search, keyset pages in SQL, and each row's
colour from the ladder (red = 红/overdue, amber = 黄 or 蓝, grey = 已办结/已归档), with the reason as the row's text.
"""

from datetime import date

from models.core import clock
from models.core.db import distinct_values
from models.core.ledger import PAGE_SIZE, Column, FilterSpec, KeysetPager, PagedSource, Query, Row
from models.core.rights import require
from models.core.text import clean
from models.supervision.items import (
    DONE,
    OPEN,
    STATUS,
    SupervisionExtension,
    SupervisionFeedback,
    SupervisionItem,
    SupervisionSlip,
    SupervisionStage,
    SupervisionUrge,
)
from models.supervision.ladder import NONE, RED, Ladder, Policy, level_clause
from models.supervision.manifest import READ_SUPERVISION
from models.supervision.terms import ANSWER_CLASSES, SOURCES

OPEN_CHOICE = "open"  # the 「未办结」 choice of the 状态 filter: what the office follows day to day


class SupervisionLedger(PagedSource):
    name = "supervision"
    title = "督查台账"
    kinds = frozenset({"supervision"})
    search_hint = "查找：编号、事项、单位、建议号、代表、领导（Ctrl+F）"
    columns = (
        Column("number", "督办编号", 118),
        Column("source_type", "来源", 90),
        Column("source_no", "建议/提案号", 80, visible=False),
        Column("title", "督办事项", 260),
        Column("lead_unit", "牵头单位", 120),
        Column("assigned_on", "交办日期", 88),
        Column("due_date", "办结时限", 88),
        Column("progress", "进度", 50),
        Column("status", "状态", 66),
        Column("colour", "督办等级", 60, sortable=False),
        Column("reason", "提示", 200, sortable=False),
    )
    default_sort = "number"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_SUPERVISION, "查看督查台账")
        self._actor = actor
        years = [str(y) for y in distinct_values(SupervisionItem.year, descending=True)]
        self.filters = (
            FilterSpec("year", "年度", "choice", tuple((y, f"{y}年") for y in years)),
            FilterSpec("source_type", "来源", "choice", tuple((s, s) for s in SOURCES)),
            FilterSpec("status", "状态", "choice", ((OPEN_CHOICE, "未办结"), *STATUS.items())),
            FilterSpec("lead_unit", "牵头单位", "choice",
                       tuple((u, u) for u in distinct_values(SupervisionItem.lead_unit, limit=300))),
            FilterSpec("colour", "督办等级", "choice", (*((str(n), Policy.current().colour(n)) for n in (RED, 2, 1)),
                                                       ("0", "无"))),
            FilterSpec("overdue", "只看逾期", "check"),
        )
        item = SupervisionItem
        self._pager = KeysetPager(item.id, {
            "number": item.year * 100_000 + item.serial, "source_type": item.source_type,
            "source_no": item.source_no, "title": item.title, "lead_unit": item.lead_unit,
            "assigned_on": item.assigned_on, "due_date": item.due_date, "progress": item.progress,
            "status": item.status,
        })

    def _base(self, query: Query):
        item = SupervisionItem
        select = item.select(item.id, item.number, item.source_type, item.source_no, item.title, item.lead_unit,
                             item.assigned_on, item.due_date, item.due_original, item.progress, item.status,
                             item.feedback_on, item.secrecy)
        flt = query.filters
        if flt.get("year"):
            select = select.where(item.year == int(flt["year"]))
        for key in ("source_type", "lead_unit"):
            if flt.get(key):
                select = select.where(getattr(item, key) == flt[key])
        if flt.get("status") == OPEN_CHOICE:
            select = select.where(item.status.in_(OPEN))
        elif flt.get("status"):
            select = select.where(item.status == flt["status"])
        if flt.get("overdue"):
            select = select.where(item.status.in_(OPEN) & (item.due_date < clock.today()))
        if flt.get("colour") not in (None, ""):
            select = select.where(level_clause(int(flt["colour"]), clock.today(), Policy.current()))
        if words := clean(query.search):
            select = select.where(item.search_text.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        found = list(self._pager.select_page(self._base(query), query, self.default_sort, after, limit))
        if not found:
            return []
        today = clock.today()
        ladder = Ladder(min(min(i.assigned_on for i in found), today), max(max(i.due_date for i in found), today))
        rows = []
        for i in found:
            sig = ladder.signal(i.status, i.assigned_on, i.due_date, i.feedback_on, i.progress, today)
            if i.status in DONE:
                status, why = "done", STATUS[i.status]
            elif sig.level == RED:
                status, why = "overdue", sig.reason
            elif sig.level != NONE:
                status, why = "due_soon", sig.reason
            else:
                status, why = "on_time", ""
            due = f"{i.due_date}" + ("（已延期）" if i.due_date != i.due_original else "")
            rows.append(Row(i.id, (i._sort_key, i.id), (
                i.number, i.source_type, i.source_no, i.title, i.lead_unit, f"{i.assigned_on}", due,
                f"{i.progress}%", STATUS[i.status], sig.colour, sig.reason), status, i.secrecy, why,
                (6,) if sig.level == RED else ()))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        item = SupervisionItem.get_or_none(SupervisionItem.id == row_id)
        return detail_lines(item, clock.today()) if item else []


def _source(item: SupervisionItem) -> str:
    parts = [item.source_type]
    if item.source_no:
        parts.append(item.source_no + (f"（{item.delegate}）" if item.delegate else ""))
    elif item.delegate:
        parts.append(item.delegate)
    if item.source_doc_no:
        parts.append(item.source_doc_no)
    if item.source_incoming:
        from models.documents.incoming import Incoming

        receipt = Incoming.select(Incoming.receipt_no).where(Incoming.id == item.source_incoming).scalar()
        parts.append(f"收文 {receipt or item.source_incoming}")
    if item.source_meeting:
        parts.append(f"会议 {item.source_meeting}")
    return " ".join(parts)


def _rows(model, item_id: int) -> list:
    """The rows of `model` beside an item, in the order they were made (阶段时限 by date)."""
    order = model.due_date if model is SupervisionStage else model.id
    return list(model.select().where(model.item == item_id).order_by(order, model.id))


def detail_lines(item: SupervisionItem, day: date) -> list[tuple[str, str]]:
    """What the detail panel shows of an item: its fields, the colour and reason, and every row beside it."""
    from models.supervision.ladder import signal_of

    sig = signal_of(item, day)
    lines = [("督办编号", item.number), ("来源", _source(item)), ("督办事项", item.title)]
    if item.leader or item.instruction:
        lines.append(("领导批示", f"{item.leader}：{item.instruction}".strip("：")))
    lines += [("牵头单位", item.lead_unit + (f"（责任人 {item.handler}）" if item.handler else ""))]
    if item.co_units:
        lines.append(("配合单位", item.co_units))
    limit = f"{item.due_date}" + (f"（{item.due_rule}）" if item.due_rule else "")
    if item.due_date != item.due_original:
        limit += f"，原时限 {item.due_original}"
    lines += [("交办日期", f"{item.assigned_on}"), ("办结时限", limit), ("状态", STATUS[item.status]),
              ("进度", f"{item.progress}%" + (f"（最近反馈 {item.feedback_on}）" if item.feedback_on else ""))]
    if sig.level:
        lines.append(("督办等级", f"{sig.colour}：{sig.reason}"))
    if item.requirement:
        lines.append(("要求", item.requirement))
    if item.secrecy != "非密":
        lines.append(("密级", item.secrecy))
    for s in _rows(SupervisionStage, item.id):
        lines.append(("阶段时限", f"{s.due_date} {s.name}" + (f"（{s.done_on} 完成）" if s.done_on else "")))
    for f in _rows(SupervisionFeedback, item.id):
        attached = f"（附件：{f.attachments}）" if f.attachments else ""
        lines.append(("进展反馈", f"{f.on} {f.percent}%：{f.content}{attached}"))
    for e in _rows(SupervisionExtension, item.id):
        decided = {"pending": "待审批", "approved": "已批准", "rejected": "已驳回"}[e.decision]
        lines.append(("延期", f"{e.requested_on} 申请由 {e.old_due} 延至 {e.new_due}（{e.reason}），{decided}"
                              + (f"：{e.opinion}" if e.opinion else "")))
    for u in _rows(SupervisionUrge, item.id):
        asked, said = (f"：{u.request}" if u.request else ""), (f"；答复：{u.answer}" if u.answer else "")
        lines.append(("催办", f"{u.at:%Y-%m-%d %H:%M} {u.method}催办{u.target}{asked}{said}"))
    for s in _rows(SupervisionSlip, item.id):
        lines.append(("督办单", f"{s.issued_on} {s.colour}色督办单 {s.number}，限期 {s.limit_date or '—'}"))
    if item.report:
        grade = f"（{item.answer_class}类：{ANSWER_CLASSES[item.answer_class]}）" if item.answer_class else ""
        lines.append(("办结报告", f"{item.reported_on or ''} {item.report}{grade}".strip()))
    if item.satisfaction:
        lines.append(("满意度", item.satisfaction))
    if item.review_opinion:
        lines.append(("审核意见", item.review_opinion))
    if item.closed_on:
        lines.append(("办结日期", f"{item.closed_on}" + ("（逾期办结）" if item.closed_on > item.due_date else "")))
    if item.archive_no:
        lines.append(("归档号", item.archive_no))
    if item.reason:
        lines.append(("退办理由", item.reason))
    return lines

