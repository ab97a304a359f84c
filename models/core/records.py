"""Fetch, save and history for one kind of record, written once for every module.

A module declares its kind once (`Records(Incoming, "incoming", "没有编号为 {id} 的收文记录。", events=DocEvent, …)`)
and then fetches with `get`, saves with `save` (optimistic lock, history row, audit entry with before/after in the
caller's transaction) and adds history rows with `event`. Reads that a user asks for still check the read right in
the module (`incoming.get(actor, id)`); `get` here is the unchecked fetch that writes use after their own check.
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from peewee import Model

from models.core import audit
from models.core.errors import ValidationError

M = TypeVar("M", bound=Model)


def by_account(actor) -> dict[str, str]:
    """History columns that name who acted by account and display name (actor, actor_name)."""
    return {"actor": actor.username, "actor_name": actor.display_name}


def by_name(actor) -> dict[str, str]:
    """A history column `by` that keeps the display name only."""
    return {"by": actor.display_name}


class Records(Generic[M]):
    """One kind of record: its model, its audit target prefix, the words for a missing id, its history table."""

    def __init__(self, model: type[M], target: str, missing: str, *, events: type[Model] | None = None,
                 link: Callable[[M], dict[str, Any]] | None = None, who: Callable[[Any], dict[str, str]] = by_account,
                 prepare: Callable[[M], None] | None = None) -> None:
        """`missing` is formatted with `id`; `link` gives the history row's columns that point at the record;
        `prepare` runs before every save (derived columns such as the search text)."""
        self.model, self.target, self.missing = model, target, missing
        self.events, self.who, self.prepare = events, who, prepare
        self.link = link

    def get(self, record_id: int) -> M:
        """The record, or a ValidationError on `id` in the module's own words (「没有编号为 N 的收文记录。」)."""
        record = self.model.get_or_none(self.model._meta.primary_key == record_id)
        if record is None:
            raise ValidationError("id", self.missing.format(id=record_id))
        return record

    def event(self, actor, record: M, **fields: Any) -> Model:
        """Append one history row for `record`, stamped with who acted."""
        if self.events is None or self.link is None:
            raise TypeError(f"{self.model.__name__} keeps no history rows")
        return self.events.create(**self.link(record), **self.who(actor), **fields)

    def save(self, actor, record: M, summary: str, before: dict | None = None, *, action: str = "update",
             after: dict | None = None, event: dict[str, Any] | None = None, insert: bool = False) -> M:
        """Save (refused with StaleRecord if someone saved it since it was read), add the history row `event`, and
        audit `summary` with the values in `before` and, unless given, the same keys' values now as `after`."""
        if self.prepare is not None:
            self.prepare(record)
        record.save(force_insert=insert)
        if event is not None:
            self.event(actor, record, **event)
        if after is None:
            after = {key: getattr(record, key) for key in before or {}} or None
        audit.record(actor, action, f"{self.target}:{record.get_id()}", summary, before=before, after=after)
        return record
