"""主席台座次 by the Party/government rule (DOMAIN.md §2.2): 以左为上 from the stage's view, 1 in the centre, 2 on 1's
left, 3 on 1's right, alternating outwards; with an even number 1 and 2 share the centre, 2 on 1's left. Drawn as
the floor sees the stage, so seven read 7 5 3 1 2 4 6 from left to right. 以右为上 (business and foreign-affairs
events) is the mirror image. 台下 rows follow 排序 by 单位; 列席 sit apart.
"""

from dataclasses import dataclass

from models.core import settings
from models.meetings.attendees import Attendee
from models.meetings.terms import SEATING_RULES

ROW_SEATS = 10  # 台下 seats per row


def order(count: int, rule: str = "以左为上") -> list[int]:
    """The ranks 1..count as the floor sees the stage, left to right."""
    if rule not in SEATING_RULES:
        raise ValueError(rule)
    seats: list[int] = []
    for rank in range(1, count + 1):
        # seen from the floor, the stage's left is the right: 2, 4, 6 … go right of 1 under 以左为上
        if rank == 1 or rank % 2 == 0:
            seats.append(rank)
        else:
            seats.insert(0, rank)
    return seats if rule == "以左为上" else seats[::-1]


def rule() -> str:
    text = settings.get_text("seating_rule")
    return text if text in SEATING_RULES else SEATING_RULES[0]


@dataclass(frozen=True)
class Plan:
    rule: str
    stage: list[Attendee]  # left to right as the floor sees it
    rows: list[list[Attendee]]  # 台下, front row first, each left to right by 排序 within 单位 order
    observers: list[Attendee]  # 列席, in 排序

    @property
    def note(self) -> str:
        return (f"主席台座次按「{self.rule}」排列（以主席台面向会场为准），本图为从会场（台下）看向主席台的方向；"
                "台下按单位排序就座。")


def plan(people: list[Attendee], seating_rule: str | None = None) -> Plan:
    """The seats of everyone not on leave: the stage by the rule, 台下 by 单位 order in rows of ROW_SEATS."""
    chosen = seating_rule or rule()
    here = [p for p in people if not p.on_leave]
    stage = sorted((p for p in here if p.zone == "主席台"), key=lambda p: (p.rank, p.id))
    floor = [p for p in here if p.zone == "台下"]
    unit_rank: dict[str, int] = {}
    for p in sorted(floor, key=lambda p: (p.rank, p.id)):
        unit_rank.setdefault(p.unit, p.rank)
    floor.sort(key=lambda p: (unit_rank[p.unit], p.rank, p.id))
    rows = [floor[i:i + ROW_SEATS] for i in range(0, len(floor), ROW_SEATS)]
    by_rank = order(len(stage), chosen)
    return Plan(chosen, [stage[r - 1] for r in by_rank], rows,
                sorted((p for p in here if p.zone == "列席"), key=lambda p: (p.rank, p.id)))
