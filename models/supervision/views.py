"""What the 督办 exports and the window read beside the models' own reads: the 密级 of items by id (an export
carries the highest 密级 of what it shows), the units and 责任人 typed before (a form's completion lists), and an
item's source 收文 (the 台账's link to the 公文 tab)."""

from collections.abc import Iterable

from models.core.db import distinct_values, tuples
from models.core.rights import require
from models.supervision.items import SupervisionItem
from models.supervision.manifest import READ_SUPERVISION
from models.supervision.terms import CLASSIFIED

CHUNK = 500  # ids per IN (…): SQLite caps the variables of one statement


def secrecy_of(actor, item_ids: Iterable[int]) -> set[str]:
    """The 密级 among the items `item_ids` that are 国家秘密 (an empty set when none is)."""
    require(actor, READ_SUPERVISION, "查看督办事项")
    ids = list(item_ids)
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        item = SupervisionItem
        found.update(s for (s,) in tuples(item.select(item.secrecy.distinct())
                                          .where(item.id.in_(ids[start:start + CHUNK]) & item.secrecy.in_(CLASSIFIED))))
    return found


def source_incoming(actor, item_id: int) -> int | None:
    """The id of the 收文 an item came from (公文), or None."""
    require(actor, READ_SUPERVISION, "查看督办事项")
    item = SupervisionItem
    return item.select(item.source_incoming).where(item.id == item_id).scalar()


def known_units(actor) -> list[str]:
    """The 牵头单位 of items already entered, for completion in 立项 and 重新交办."""
    require(actor, READ_SUPERVISION, "查看督办事项")
    return distinct_values(SupervisionItem.lead_unit, limit=300)
