"""会议's due items: open 检点单 items of meetings not yet archived, red when past their deadline, amber when due
within 2 working days. The items of a phase the meeting has moved past (会前 once it opened, 会中 once it ended: the
move was allowed, or overridden with an audited reason) stay on its checklist but no longer call for action today."""

from datetime import date, timedelta

from models.core import workdays
from models.core.due import DueItem, Level, day_text, short_title, sorted_items
from models.core.rights import allowed
from models.meetings.manifest import READ_MEETINGS
from models.meetings.meetings import STATES, ChecklistItem, Meeting
from models.meetings.terms import OPEN_STATES

MODULE = "meetings"
AMBER_WORKDAYS = 2
_ORDER = list(STATES)
PAST = {"会前": _ORDER[_ORDER.index("in_session"):], "会中": _ORDER[_ORDER.index("ended"):]}  # phase -> meeting phases


def _late_workdays(dues: set[date], day: date) -> dict[date, int]:
    """Working days in (due, day] for each past due date, in one walk back from `day` (one walk per item, through
    the holiday calendar day by day, took 6 s for 2,000 late items)."""
    late, count, current = {}, 0, day
    for due_day in sorted((d for d in dues if d < day), reverse=True):
        while current > due_day:
            count += workdays.is_workday(current)
            current -= timedelta(days=1)
        late[due_day] = count
    return late


def still_due():
    """An open item the meeting still waits on: not archived, and not of a phase it has moved past (a query term on
    ChecklistItem joined to Meeting; 今日 and the meetings ledger's counts both use it)."""
    return (ChecklistItem.state.in_(OPEN_STATES) & (Meeting.phase != "archived")
            & ~((ChecklistItem.phase == "会前") & Meeting.phase.in_(PAST["会前"]))
            & ~((ChecklistItem.phase == "会中") & Meeting.phase.in_(PAST["会中"])))


def due(actor, day: date) -> list[DueItem]:
    """The open checklist items due by 2 working days after `day`; [] for someone who may not read 会议."""
    if not allowed(actor, READ_MEETINGS):
        return []
    horizon = workdays.add_workdays(day, AMBER_WORKDAYS).date
    rows = list(ChecklistItem.select(ChecklistItem, Meeting).join(Meeting)
                .where(still_due() & (ChecklistItem.due <= horizon))
                .order_by(ChecklistItem.due, ChecklistItem.position))
    late_by = _late_workdays({item.due for item in rows}, day)
    items = []
    for item in rows:
        meeting = item.meeting
        title = f"{meeting.number_text}：{short_title(item.task)}"
        when = f"时限{item.deadline}（{day_text(item.due, day)}）"
        owner = f"，责任人{item.owner}" if item.owner else ""
        if item.due < day:
            late = late_by[item.due]
            why = f"{when}，已逾期{f' {late} 个工作日' if late else ''}{owner}。"
            level = Level.RED
        else:
            why = f"{when}{'，今天到期' if item.due == day else '，即将到期'}{owner}。"
            level = Level.AMBER
        # a classified meeting's items carry its 密级: the printed 今日待办 takes the highest as its mark
        items.append(DueItem(MODULE, "meeting_item", item.id, level, title, why, item.due, "会议", meeting.secrecy))
    return sorted_items(items)
