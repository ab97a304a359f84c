"""Due items: what needs an actor's attention on a day, as every module answers it and 今日 shows it.

A module declares a `due` function in its manifest: `(actor, day) -> list[DueItem]`. It checks the actor's read
right itself and returns nothing (not an error) for someone who may not read the module.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    RED = "red"  # overdue, missing, or a limit already passed
    AMBER = "amber"  # due within 2 working days, or soon to lapse


LEVEL_LABELS = {Level.RED: "逾期", Level.AMBER: "临期"}


@dataclass(frozen=True)
class DueItem:
    module: str  # the manifest's name: 「documents」, 「duty」, 「secrecy」 …
    kind: str  # the kind of record (as in `Change.kinds`): what opens it
    record_id: int | None  # the record to open, or None for a page-wide item (「本年度未盘点」)
    level: Level
    title: str  # the record, as a person names it: 「收文 2026-0123《关于…》」
    why: str  # a sentence that says why: 「办理期限 11月28日，已逾期 2 个工作日」
    due: date | None = None  # the day it falls due, if any (sorting: earliest first)
    page: str = ""  # the page that opens it, as the module's tab names it
    secrecy: str = ""  # the record's 密级 as stored (「机密」…), "" for none: a printed 今日待办 carries the highest

    @property
    def sort_key(self) -> tuple:
        return (self.level != Level.RED, self.due or date.max, self.title)


def sorted_items(items: list[DueItem]) -> list[DueItem]:
    return sorted(items, key=lambda item: item.sort_key)


def day_text(day: date, today: date) -> str:
    """「11月28日」, with the year when it is not `today`'s (「2026年12月31日」 read on 5 January)."""
    text = f"{day.month}月{day.day}日"
    return text if day.year == today.year else f"{day.year}年{text}"


def short_title(title: str, limit: int = 30) -> str:
    return title if len(title) <= limit else title[:limit] + "…"
