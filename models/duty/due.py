"""值班's due items: what the 值班员 (or a 领导 reading along) must act on that day.

Red: an open 突发事件 whose 电话/书面报告 limit passed unreported; a shift that ended without 交班; a leader past the
planned return without 销假; the day's 带班领导 reported away. Amber: a reporting limit still running; a shift handed
over but not yet confirmed by the next officer; an entry not yet 办结 (carried from shift to shift); a leader away
that day (who stands in).
"""

from datetime import date, datetime, time, timedelta

from models.core import clock
from models.core.due import DueItem, Level, day_text, short_title, sorted_items
from models.core.rights import allowed
from models.duty import absences, roster
from models.duty import log as duty_log
from models.duty.log import DutyEntry, DutyShift
from models.duty.manifest import READ_DUTY
from models.duty.terms import minutes_text

MODULE = "duty"
SHIFT_WINDOW_DAYS = 7  # shifts older than a week are history, not today's handover


def due(actor, day: date) -> list[DueItem]:
    """The day's 值班 items for `actor`; [] for someone who may not read 值班."""
    if not allowed(actor, READ_DUTY):
        return []
    # today is judged now; another day as it stood at its end
    moment = clock.now() if day == clock.today() else datetime.combine(day, time(23, 59, 59))
    clocks = _clocks(day, moment)
    return sorted_items(clocks + _open(day, moment, {i.record_id for i in clocks}) + _shifts(day, moment)
                        + _returns(actor, day) + _away(actor, day))


def _minutes(minutes: int) -> str:
    return minutes_text(minutes).replace(" ", "")


def _when(moment: datetime, day: date) -> str:
    return f"{day_text(moment.date(), day)}{moment:%H:%M}"


def _clocks(day: date, moment: datetime) -> list[DueItem]:
    items = []
    open_incidents = DutyEntry.select().where((DutyEntry.closed == False) & (DutyEntry.kind == "突发事件")  # noqa: E712
                                              & (DutyEntry.at <= moment)).order_by(DutyEntry.at)
    for entry in open_incidents:
        title = f"突发事件（{entry.grade}）：{short_title(entry.heading)}"
        for c in duty_log.clock(entry, moment):
            rule = f"{entry.grade}突发事件应在接报后{_minutes(c.limit)}内{c.label}"
            if c.state == "missing":
                late = int((moment - c.deadline).total_seconds() // 60)
                why = f"{rule}（{_when(c.deadline, day)}前），已超过{_minutes(max(late, 1))}，尚未报告。"
                level = Level.RED
            elif c.state == "running":
                left = int((c.deadline - moment).total_seconds() // 60)
                why = f"{rule}，须在{_when(c.deadline, day)}前报告，还剩{_minutes(max(left, 1))}。"
                level = Level.AMBER
            else:
                continue
            items.append(DueItem(MODULE, "duty_entry", entry.id, level, title, why, c.deadline.date(), "值班记录",
                                 entry.secrecy))
    return items


def _open(day: date, moment: datetime, clocked: set[int | None]) -> list[DueItem]:
    """Entries not yet 办结 (a reporting clock, when one runs, says it already)."""
    items = []
    for entry in DutyEntry.select().where((DutyEntry.closed == False) & (DutyEntry.at <= moment)  # noqa: E712
                                          ).order_by(DutyEntry.at):
        if entry.id in clocked:
            continue
        why = f"{_when(entry.at, day)}登记，尚未办结：办结或交下一班跟进。"
        items.append(DueItem(MODULE, "duty_entry", entry.id, Level.AMBER, f"{entry.kind}：{short_title(entry.heading)}",
                             why, entry.at.date(), "值班记录", entry.secrecy))
    return items


def _away(actor, day: date) -> list[DueItem]:
    """Who is away that day; red when it is the day's 带班领导 (the roster needs a stand-in)."""
    away = absences.away_on(actor, day)
    if not away:
        return []
    (plan,) = roster.days(actor, day, day)
    items = []
    for a in away:
        who = a.person + (f"（{a.position}）" if a.position else "")
        until = f"至{day_text(a.end_on, day)}{a.end_part}"
        stand_in = f"{a.stand_in}主持工作" if a.stand_in else "未写代理人"
        if plan.leader and a.person == plan.leader:
            why = f"今日带班领导{a.person}外出（{until}），请调整值班表，安排替班领导。"
            items.append(DueItem(MODULE, "absence", a.id, Level.RED, f"带班领导{who}外出", why, day, "排班"))
        else:
            where = f"赴{a.destination}" if a.destination else ""
            items.append(DueItem(MODULE, "absence", a.id, Level.AMBER, f"{who}{where}{a.kind}",
                                 f"今日外出，{until}，{stand_in}。", day, "领导外出"))
    return items


def _shifts(day: date, moment: datetime) -> list[DueItem]:
    spans = {s.name: s for s in roster.shifts()}
    recent = DutyShift.select().where(DutyShift.day.between(day - timedelta(days=SHIFT_WINDOW_DAYS), day)
                                      & DutyShift.received_at.is_null()).order_by(DutyShift.day, DutyShift.id)
    items = []
    for shift in recent:
        plan = spans.get(shift.shift)
        if plan is None:  # a shift renamed in the settings since: its end is no longer known
            continue
        _, end = plan.span(shift.day)
        title = f"{day_text(shift.day, day)}{shift.shift}交接班"
        if shift.handed_at is not None:
            why = f"{shift.handed_by_name}已于{_when(shift.handed_at, day)}交班，等待接班人确认。"
            items.append(DueItem(MODULE, "duty_shift", shift.id, Level.AMBER, title, why, end.date(), "值班记录"))
        elif end <= moment:
            why = f"{shift.shift}已于{_when(end, day)}结束，尚未交班。"
            items.append(DueItem(MODULE, "duty_shift", shift.id, Level.RED, title, why, end.date(), "值班记录"))
    return items


def _returns(actor, day: date) -> list[DueItem]:
    items = []
    for a in absences.overdue_returns(actor, day):
        who = a.person + (f"（{a.position}）" if a.position else "")
        where = f"赴{a.destination}" if a.destination else ""
        why = f"报备的行程到{day_text(a.end_on, day)}{a.end_part}结束，至今未销假，请与本人核实是否已返回。"
        items.append(DueItem(MODULE, "absence", a.id, Level.RED, f"{who}{where}{a.kind}", why, a.end_on, "领导外出"))
    return items
