"""督办单 and 催办: what the office sends a 牵头单位 that is late or near its 时限, each one recorded.

A 督办单 is issued at a level of the ladder (default: the item's level that day, at least 1), numbered
「督办单〔2026〕N号」 per year without gaps, with a 限期 and the reason in words; every issue is kept. 催办 records
say when, to whom, how, what was asked and what they answered; both work on one id or on a list (batch), all in one
transaction: one refused item refuses the batch, with its number in the message.
"""

from collections.abc import Iterable
from datetime import date

from models.core import counters
from models.core.db import DB
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import choice, clean
from models.supervision.flow import _check
from models.supervision.items import (
    RECORDS,
    SupervisionItem,
    SupervisionSlip,
    SupervisionUrge,
    day_value,
    plain_text,
    save,
)
from models.supervision.ladder import Policy, signal_of
from models.supervision.manifest import EDIT_SUPERVISION, READ_SUPERVISION
from models.supervision.terms import SLIP_LEVELS, URGE_METHODS


def _ids(item_ids: int | Iterable[int]) -> list[int]:
    ids = [item_ids] if isinstance(item_ids, int) else list(dict.fromkeys(item_ids))
    if not ids:
        raise ValidationError("id", "请先选择要办理的督办事项。")
    return ids


def _items(ids: list[int], action: str) -> list[SupervisionItem]:
    items = [RECORDS.get(i) for i in ids]
    for item in items:
        _check(item, action)
    return items


def urge(actor, item_ids: int | Iterable[int], method: str, target: str = "", request: str = "",
         answer: str = "") -> list[SupervisionUrge]:
    """催办 one item or a batch: to `target` (default each item's 牵头单位) by `method`, with what was asked."""
    require(actor, EDIT_SUPERVISION, "催办督办事项")
    how = choice(method, URGE_METHODS, "催办方式", "method")
    asked = plain_text(request, "request", "催办要求", False)
    said = plain_text(answer, "answer", "答复", False)
    items = _items(_ids(item_ids), "urge")
    made = []
    with DB.atomic():
        for item in items:
            who = plain_text(target or item.lead_unit, "target", "催办对象", limit=100)
            made.append(SupervisionUrge.create(item=item, target=who, method=how, request=asked, answer=said,
                                               by=actor.display_name))
            save(actor, item, "sv_urge", f"{how}催办{who}" + (f"：{asked[:60]}" if asked else "")
                 + (f"；答复：{said[:60]}" if said else ""))
    return made


def record_answer(actor, urge_id: int, answer: str) -> SupervisionUrge:
    """The unit's answer to a 催办, written down when it comes."""
    require(actor, EDIT_SUPERVISION, "登记催办答复")
    row = SupervisionUrge.get_or_none(SupervisionUrge.id == urge_id)
    if row is None:
        raise ValidationError("id", f"没有编号为 {urge_id} 的催办记录。")
    text = plain_text(answer, "answer", "答复内容")
    item = RECORDS.get(row.item_id)
    with DB.atomic():
        before = {"answer": row.answer}
        row.answer = text
        row.save()
        save(actor, item, "sv_urge_answer", f"{row.target}答复催办：{text[:60]}", after={"answer": text},
             before=before)
    return row


def issue_slip(actor, item_ids: int | Iterable[int], level: object = None, limit_date: object = None,
               signer: str = "", reason: str = "", on: object = None) -> list[SupervisionSlip]:
    """签发督办单 for one item or a batch, at `level` (1–3; default each item's level on the day, at least 1), with a
    限期 (default the item's 时限 in force, or 3 working days from today when that has passed) and the reason (default
    the ladder's reason)."""
    require(actor, EDIT_SUPERVISION, "签发督办单")
    day = day_value(on, "on", "签发日期")
    wanted = None if level in (None, "") else _level(level)
    items = _items(_ids(item_ids), "issue_slip")
    policy = Policy.current()
    made = []
    with DB.atomic():
        for item in items:
            sig = signal_of(item, day, policy)
            at = wanted or max(sig.level, 1)
            words = plain_text(reason, "reason", "督办事由", False) or sig.reason
            limit = _limit(limit_date, item, day)
            year = day.year
            slip = SupervisionSlip.create(item=item, year=year, serial=counters.take("supervision_slip", year),
                                          level=at, colour=policy.colour(at), issued_on=day, limit_date=limit,
                                          reason=words, signer=clean(signer), by=actor.display_name)
            save(actor, item, "sv_slip", f"签发{slip.colour}色督办单 {slip.number}，限期 {limit:%Y-%m-%d}"
                 + (f"（{words[:60]}）" if words else ""))
            made.append(slip)
    return made


def _level(value: object) -> int:
    text = clean(value)
    if not text.isdigit() or int(text) not in SLIP_LEVELS:
        raise ValidationError("level", "督办单级别应为 1、2 或 3（对应第一、二、三级颜色）。")
    return int(text)


def _limit(value: object, item: SupervisionItem, day: date) -> date:
    if value not in (None, ""):
        limit = day_value(value, "limit_date", "限期", not_after_today=False, year_hint=day.year)
        if limit < day:
            raise ValidationError("limit_date", f"督办单限期 {limit:%Y-%m-%d} 早于签发日期 {day:%Y-%m-%d}。")
        return limit
    if item.due_date >= day:
        return item.due_date
    from models.core import workdays

    return workdays.add_workdays(day, 3).date


def slips(actor, item_id: int) -> list[SupervisionSlip]:
    """The 督办单 issued for an item, oldest first."""
    require(actor, READ_SUPERVISION, "查看督办单")
    return list(SupervisionSlip.select().where(SupervisionSlip.item == item_id).order_by(SupervisionSlip.id))


def urges(actor, item_id: int) -> list[SupervisionUrge]:
    """The 催办 records of an item, oldest first."""
    require(actor, READ_SUPERVISION, "查看催办记录")
    return list(SupervisionUrge.select().where(SupervisionUrge.item == item_id).order_by(SupervisionUrge.id))

