"""公文's due items: what a 文书 (or a 领导 reading along) must act on that day.

Red: a 收文 still open past its 办理期限 (with whether it was 催办 yet). Amber: a 收文 due within 2 working days
(DESIGN.md's colours), a copy out on 传阅 since before the day (当日盘点 expects copies back), and a 发文 waiting
at a step the office does itself (已签发 → 编号, 已编号 → 印制, 已印制 → 分发).
"""

from datetime import date, datetime, time

from peewee import fn

from models.core import workdays
from models.core.db import tuples
from models.core.due import DueItem, Level, day_text, short_title, sorted_items
from models.core.rights import allowed
from models.documents.incoming import OPEN, Circulation, DocEvent, Incoming, Reminder, soon_limit
from models.documents.manifest import READ_DOCUMENTS
from models.documents.outgoing import Outgoing

MODULE = "documents"
NEXT_STEP = {"signed": "编号", "numbered": "印制", "printed": "分发"}  # 发文 waiting on the office itself


def due(actor, day: date) -> list[DueItem]:
    """The day's 公文 items for `actor`; [] for someone who may not read 公文."""
    if not allowed(actor, READ_DOCUMENTS):
        return []
    return sorted_items(_incoming(day) + _circulating(day) + _outgoing(day))


def _title(doc: Incoming) -> str:
    return f"收文 {doc.receipt_no}《{short_title(doc.title)}》"


def _moment(value: object) -> datetime:
    """An aggregate of a DateTimeField: a datetime from PostgreSQL, text from SQLite."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _provisional(count: workdays.Count) -> str:
    return "（节假日安排未录入，暂按周一至周五计算）" if count.provisional else ""


def _reminded(doc_id: int, counts: dict[int, tuple[int, datetime]], day: date) -> str:
    if doc_id not in counts:
        return "；尚未催办"
    times, last = counts[doc_id]
    return f"；已催办{times}次，最近一次在{day_text(last.date(), day)}"


def _incoming(day: date) -> list[DueItem]:
    soon = soon_limit(day)
    docs = list(Incoming.select().where(Incoming.status.in_(OPEN) & Incoming.due_date.is_null(False)
                                        & (Incoming.due_date <= soon)).order_by(Incoming.due_date, Incoming.id))
    reminded = Reminder.select(Reminder.incoming, fn.COUNT(Reminder.id), fn.MAX(Reminder.at)).join(Incoming).where(
        Incoming.status.in_(OPEN) & (Incoming.due_date < day)).group_by(Reminder.incoming)
    reminders = {i: (n, _moment(last)) for i, n, last in tuples(reminded)}
    items = []
    for doc in docs:
        due = doc.due_date
        if due is None:  # the query asked for dated ones
            continue
        deadline = f"办理期限为{day_text(due, day)}"
        unit = f"，承办单位{doc.lead_unit}" if doc.lead_unit else ""
        if due < day:
            late = workdays.workdays_between(due, day)
            by = f"已逾期{late.days}个工作日" if late.days else "已过期限"
            why = f"{deadline}，{by}{unit}{_reminded(doc.id, reminders, day)}。{_provisional(late)}"
            level = Level.RED
        else:
            left = workdays.workdays_between(day, due)
            when = ("今天到期" if due == day else f"还有{left.days}个工作日" if left.days
                    else "此前已无工作日")  # due on a day off, none left before it
            why = f"{deadline}，{when}{unit}。{_provisional(left)}"
            level = Level.AMBER
        items.append(DueItem(MODULE, "incoming", doc.id, level, _title(doc), why, due, "收文", doc.secrecy))
    return items


def _circulating(day: date) -> list[DueItem]:
    start = datetime.combine(day, time.min)
    out = (Circulation.select(Circulation, Incoming).join(Incoming)
           .where(Circulation.returned_at.is_null() & (Circulation.lent_at < start)).order_by(Circulation.lent_at))
    items = []
    for c in out:
        copy = f"第{c.copy_no}份" if c.copy_no else "一份"
        why = f"{copy}自{day_text(c.lent_at.date(), day)}起在{c.holder}处传阅，尚未退回。"
        items.append(DueItem(MODULE, "incoming", c.incoming.id, Level.AMBER, _title(c.incoming), why,
                             c.lent_at.date(), "收文", c.incoming.secrecy))
    return items


def _outgoing(day: date) -> list[DueItem]:
    since = fn.MAX(DocEvent.at).alias("since")
    query = (Outgoing.select(Outgoing, since)
             .join(DocEvent, on=(DocEvent.doc_id == Outgoing.id) & (DocEvent.doc_kind == "outgoing"))
             .where(Outgoing.status.in_(tuple(NEXT_STEP))).group_by(Outgoing.id).order_by(Outgoing.id))
    items = []
    for doc in query:
        last = _moment(doc.since)  # type: ignore[attr-defined]  # `since`: the aggregate selected above
        waited = workdays.workdays_between(last.date(), day).days
        wait = f"，已等待{waited}个工作日" if waited > 0 else ""
        name = doc.doc_no or "（未编号）"
        why = f"自{day_text(last.date(), day)}起待{NEXT_STEP[doc.status]}{wait}。"
        items.append(DueItem(MODULE, "outgoing", doc.id, Level.AMBER, f"发文 {name}《{short_title(doc.title)}》",
                             why, None, "发文", doc.secrecy))
    return items
