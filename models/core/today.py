"""今日: what needs an actor's attention on a day, grouped by module, as the 今日 tab, its print and `today` show it.

It reads only `modules.due_items`: a new module's due items appear here without an edit. 今日 is the platform's own
page, declared by its own manifest line (a tab, no tables), so the main window keeps no list of tabs either.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from models.core import clock, modules
from models.core.due import DueItem, Level
from models.core.manifest import Manifest, RightSpec, Tab
from models.core.marks import highest_secrecy
from models.core.rights import BUSINESS_ROLES, Role, require

READ_TODAY = "read_today"
EMPTY_TEXT = "今天没有需要处理的事项。"

MANIFEST = Manifest(
    name="today",
    label="今日",
    # every business role, and the 安全保密管理员 for the 涉密人员 reminders; the other 三员 have nothing due
    rights=(RightSpec(READ_TODAY, "查看今日待办", BUSINESS_ROLES | {Role.SECADMIN}),),
    tab=Tab("今日", READ_TODAY, "ui.today.tab:TodayTab", order=0),
)


@dataclass(frozen=True)
class Group:
    """One module's items, red first then by due date (as `modules.due_items` sorts them)."""

    module: str
    label: str
    items: tuple[DueItem, ...]

    @cached_property
    def red(self) -> int:
        return sum(1 for i in self.items if i.level == Level.RED)


@dataclass(frozen=True)
class Agenda:
    day: date
    groups: tuple[Group, ...]

    @property
    def items(self) -> list[DueItem]:
        return [i for g in self.groups for i in g.items]

    @property
    def count(self) -> int:
        return sum(len(g.items) for g in self.groups)

    @property
    def red(self) -> int:
        return sum(g.red for g in self.groups)

    @property
    def mark(self) -> str:
        """The highest 密级 among the items' records ("" when none is classified): top-left on the print."""
        return highest_secrecy(i.secrecy for i in self.items)

    def summary(self) -> str:
        """「共 5 项，其中逾期 2 项」, or the empty state."""
        if not self.count:
            return EMPTY_TEXT
        return f"共 {self.count} 项" + (f"，其中逾期 {self.red} 项" if self.red else "，均为临期")


def agenda(actor, day: date | None = None) -> Agenda:
    """The day's items for `actor` (today by default), grouped by module: groups with a red item first, then in
    the order of the modules' tabs. Each module gives only what the actor may read: none of it, an empty agenda.
    The 系统管理员 and 安全审计员, who hold no business role, are refused (and the attempt audited)."""
    require(actor, READ_TODAY, "查看今日待办")
    day = day or clock.today()
    by_module: dict[str, list[DueItem]] = {}
    for item in modules.due_items(actor, day):
        by_module.setdefault(item.module, []).append(item)
    order = {m.name: n for n, m in enumerate(modules.manifests())}
    labels = {m.name: m.label for m in modules.manifests()}
    groups = [Group(name, labels.get(name, name), tuple(items)) for name, items in by_module.items()]
    groups.sort(key=lambda g: (g.red == 0, order.get(g.module, len(order))))
    return Agenda(day, tuple(groups))


def weekday_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 星期{'一二三四五六日'[day.weekday()]}"
