"""会议's due items: open 检点单 items of meetings not yet archived, red when past their deadline, amber when due
within 2 working days."""

from datetime import date

from models.core import workdays
from models.core.due import DueItem, Level, day_text, short_title, sorted_items
from models.core.rights import allowed
from models.meetings.manifest import READ_MEETINGS
from models.meetings.meetings import ChecklistItem, Meeting
from models.meetings.terms import OPEN_STATES

MODULE = "meetings"
AMBER_WORKDAYS = 2


def due(actor, day: date) -> list[DueItem]:
    """The open checklist items due by 2 working days after `day`; [] for someone who may not read 会议."""
    if not allowed(actor, READ_MEETINGS):
        return []
    horizon = workdays.add_workdays(day, AMBER_WORKDAYS).date
    rows = (ChecklistItem.select(ChecklistItem, Meeting).join(Meeting)
            .where(ChecklistItem.state.in_(OPEN_STATES) & (ChecklistItem.due <= horizon)
                   & (Meeting.phase != "archived"))
            .order_by(ChecklistItem.due, ChecklistItem.position))
    items = []
    for item in rows:
        meeting = item.meeting
        title = f"{meeting.number_text}：{short_title(item.task)}"
        when = f"时限{item.deadline}（{day_text(item.due, day)}）"
        owner = f"，责任人{item.owner}" if item.owner else ""
        if item.due < day:
            late = workdays.workdays_between(item.due, day).days
            why = f"{when}，已逾期{f' {late} 个工作日' if late else ''}{owner}。"
            level = Level.RED
        else:
            why = f"{when}{'，今天到期' if item.due == day else '，即将到期'}{owner}。"
            level = Level.AMBER
        # a classified meeting's items carry its 密级: the printed 今日待办 takes the highest as its mark
        items.append(DueItem(MODULE, "meeting_item", item.id, level, title, why, item.due, "会议", meeting.secrecy))
    return sorted_items(items)
