"""涉密人员's due items: the reminders of `reminders.py` as the 今日 page shows them, for the 安全保密管理员 only.

A late reminder is red, one coming up amber. An item about a 证件 or an 出国(境) application opens the 证件柜;
the yearly 盘点 is a page-wide item; everything else opens the person.

No item carries a 密级: the registry itself is not marked (DOMAIN.md §4 gives it none, and its 花名册 prints
unmarked); a reminder names a person and a date, not a classified document.
"""

from datetime import date

from models.core.db import tuples
from models.core.due import DueItem, Level, sorted_items
from models.core.rights import allowed
from models.secrecy.manifest import READ_PERSONNEL
from models.secrecy.people import Person
from models.secrecy.reminders import reminders

MODULE = "secrecy"
CABINET = {"证件": "passport", "出境": "trip"}  # reminder kind → the record it is about, shown in the 证件柜


def due(actor, day: date) -> list[DueItem]:
    """The day's 涉密人员 items for `actor`; [] for anyone but the holders of the read right."""
    if not allowed(actor, READ_PERSONNEL):
        return []
    found = reminders(actor, day)
    units = dict(tuples(Person.select(Person.id, Person.unit).where(Person.state.in_(("on_post", "declass")))))
    items = []
    for r in found:
        level = Level.RED if r.late else Level.AMBER
        why = r.text if r.text.endswith(("。", "！")) else r.text + "。"
        if r.person_id is None:
            items.append(DueItem(MODULE, "passport", None, level, f"{r.name}{r.kind}", why, r.due, "证件柜"))
            continue
        who = f"{r.name}（{units[r.person_id]}）" if units.get(r.person_id) else r.name
        title = f"涉密人员 {who}：{r.kind}"
        if r.kind in CABINET and r.record_id is not None:
            items.append(DueItem(MODULE, CABINET[r.kind], r.record_id, level, title, why, r.due, "证件柜"))
        else:
            items.append(DueItem(MODULE, "person", r.person_id, level, title, why, r.due, "涉密人员"))
    return sorted_items(items)
