"""督办's due items for 今日: every item with the 牵头单位 that has a colour on the day, with the reason in words.

红 (level 3, overdue) → Level.RED; 黄 and 蓝 (levels 2 and 1) → Level.AMBER, the colour's name leading the sentence
so the two stay apart on the page (「黄色：已10个工作日未反馈」). A pending 延期 request and a 办结报告 not yet reviewed
are AMBER items too: they wait on the office. One query for the working items that can have a colour (`may_signal`),
read as plain values, and one cumulative calendar for all.
"""

from datetime import date

from models.core.db import DB, tuples
from models.core.due import DueItem, Level, day_text, short_title, sorted_items
from models.core.rights import allowed
from models.supervision.items import SupervisionItem
from models.supervision.ladder import NONE, RED, Ladder, Policy, may_signal
from models.supervision.manifest import READ_SUPERVISION

MODULE = "supervision"
PAGE = "督查台账"  # the 督办 tab's page that opens an item


def due(actor, day: date) -> list[DueItem]:
    """The day's 督办 items for `actor`; [] for someone who may not read 督办."""
    if not allowed(actor, READ_SUPERVISION):
        return []
    item = SupervisionItem
    policy = Policy.current()
    query = (item.select(item.id, item.number, item.title, item.lead_unit, item.status, item.assigned_on,
                         item.due_date, item.feedback_on, item.progress, item.secrecy)
             .where(may_signal(day, policy) | (item.status == "extending")).order_by(item.due_date, item.id))
    rows = DB.execute_sql(*query.sql()).fetchall()
    found = _waiting_review(day)
    if not rows:
        return found
    if isinstance(rows[0][5], str):  # SQLite gives ISO strings (peewee's per-value conversion was half the time)
        iso = date.fromisoformat
        rows = [(i, n, t, u, s, iso(a), iso(d), f and iso(f), p, c) for i, n, t, u, s, a, d, f, p, c in rows]
    first = min(min(r[5] for r in rows), min((r[7] for r in rows if r[7]), default=day), day)
    ladder = Ladder(first, max(max(r[6] for r in rows), day), policy)
    for item_id, number, title, unit, status, assigned_on, due_date, feedback_on, progress, classified in rows:
        sig = ladder.signal(status, assigned_on, due_date, feedback_on, progress, day)
        waiting = status == "extending"
        if sig.level == NONE and not waiting:
            continue
        level = Level.RED if sig.level == RED else Level.AMBER
        parts = [f"{sig.colour}色：{sig.reason}" if sig.level else "",
                 "延期申请待审批" if waiting else "",
                 f"办结时限{day_text(due_date, day)}，牵头单位{unit}"]
        why = "；".join(p for p in parts if p) + "。"
        if sig.provisional:
            why += "（节假日安排未录入，暂按周一至周五计算）"
        found.append(DueItem(MODULE, "supervision", item_id, level, f"督办 {number}《{short_title(title)}》", why,
                             due_date, PAGE, classified))
    return sorted_items(found)


def _waiting_review(day: date) -> list[DueItem]:
    item = SupervisionItem
    waiting = tuples(item.select(item.id, item.number, item.title, item.lead_unit, item.due_date, item.reported_on,
                                 item.secrecy)
                     .where(item.status.in_(("reported", "reviewing"))).order_by(item.reported_on, item.id))
    return [DueItem(MODULE, "supervision", item_id, Level.AMBER, f"督办 {number}《{short_title(title)}》",
                    f"{unit}已于{day_text(reported, day)}报送办结报告，待审核。", due_date, PAGE, classified)
            for item_id, number, title, unit, due_date, reported, classified in waiting]
