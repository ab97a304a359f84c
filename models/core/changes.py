"""What a mutation changed: a small value the window uses to refresh only the pages it concerns and to select
the record a step made or changed.

`kind` names a kind of record as the modules declare it (「incoming」, 「duty_entry」, 「person」 …).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    kinds: frozenset[str]
    ids: tuple[int, ...] = ()  # the records made or changed, the one to select first
    summary: str = ""  # what happened, in Chinese, for the status bar

    @staticmethod
    def of(kind: str, *ids: int, summary: str = "", also: tuple[str, ...] = ()) -> "Change":
        return Change(frozenset({kind, *also}), tuple(i for i in ids if i is not None), summary)

    def concerns(self, kinds: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        return bool(self.kinds & set(kinds))

    @property
    def first_id(self) -> int | None:
        return self.ids[0] if self.ids else None

    def merge(self, other: "Change") -> "Change":
        return Change(self.kinds | other.kinds, self.ids + other.ids, self.summary or other.summary)


NOTHING = Change(frozenset())


@dataclass(frozen=True)
class Changed:
    """A result together with what it changed, for functions that already return something."""

    value: object
    change: Change = field(default=NOTHING)
