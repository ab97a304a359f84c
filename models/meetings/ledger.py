"""会议 as the shared ledger sees it: the meetings (colour from their checklist: red when an open item is past its
deadline, amber when one falls due within 2 working days, grey once archived) and the checklist of one meeting."""

from datetime import date

from peewee import JOIN, Case, fn

from models.core import clock, workdays
from models.core.db import tuples
from models.core.ledger import PAGE_SIZE, Column, FilterSpec, KeysetPager, PagedSource, Query, Row
from models.core.rights import require
from models.core.text import clean
from models.meetings import attendees, decisions, meetings, templates
from models.meetings.manifest import READ_MEETINGS
from models.meetings.meetings import STATES, ChecklistItem, Meeting
from models.meetings.terms import ITEM_STATES, OPEN_STATES, PHASES

SCOPES = (("open", "未归档"), ("coming", "今天及以后"), ("past", "已召开"))


def _horizon(today: date) -> date:
    return workdays.add_workdays(today, 2).date


def item_level(due: date, state: str, today: date) -> tuple[str | None, str]:
    if state not in OPEN_STATES:
        return "done", state
    if due < today:
        return "overdue", "已逾期"
    if due <= _horizon(today):
        return "due_soon", "今天到期" if due == today else "即将到期"
    return "on_time", ""


class MeetingLedger(PagedSource):
    name = "meetings"
    title = "会议"
    kinds = frozenset({"meeting", "meeting_item", "meeting_attendee", "meeting_decision"})
    search_hint = "查找：会议名称、地点、主持人（Ctrl+F）"
    columns = (
        Column("day", "日期", 140),
        Column("number", "会议", 170),
        Column("title", "名称", 280),
        Column("place", "地点", 130),
        Column("host", "主持", 70),
        Column("phase", "阶段", 100),
        Column("items", "检点单", 150, sortable=False),
        Column("secrecy", "密级", 50),
    )
    default_sort = "day"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, READ_MEETINGS, "查看会议")
        self._actor = actor
        self.filters = (
            FilterSpec("scope", "范围", "choice", SCOPES, default="open"),
            FilterSpec("type", "类型", "choice", tuple((n, n) for n in templates.names())),
            FilterSpec("phase", "阶段", "choice", tuple(STATES.items())),
        )
        self._pager = KeysetPager(Meeting.id, {
            "day": Meeting.day, "number": Meeting.meeting_type, "title": Meeting.title, "place": Meeting.place,
            "host": Meeting.host, "phase": Meeting.phase, "secrecy": Meeting.secrecy})

    def _base(self, query: Query):
        select = Meeting.select()
        scope, today = query.filters.get("scope"), clock.today()
        if scope == "open":
            select = select.where(Meeting.phase != "archived")
        elif scope == "coming":
            select = select.where(Meeting.day >= today)
        elif scope == "past":
            select = select.where(Meeting.day < today)
        for key, field in (("type", Meeting.meeting_type), ("phase", Meeting.phase)):
            if query.filters.get(key):
                select = select.where(field == query.filters[key])
        if words := clean(query.search):
            select = select.where(Meeting.title.contains(words) | Meeting.place.contains(words)
                                  | Meeting.host.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        found = list(self._pager.select_page(self._base(query), query, self.default_sort, after, limit))
        stats = _checklist_stats([m.id for m in found], clock.today())
        rows = []
        for m in found:
            total, done, late, near = stats.get(m.id, (0, 0, 0, 0))
            text = f"{done}/{total} 已办" + (f"，{late} 项逾期" if late else "") + (f"，{near} 项临期" if near else "")
            if m.phase == "archived":
                status, why = "done", "已归档"
            elif late:
                status, why = "overdue", f"{late} 项检点单事项逾期"
            elif near:
                status, why = "due_soon", f"{near} 项检点单事项即将到期"
            else:
                status, why = "on_time", ""
            rows.append(Row(m.id, (m._sort_key, m.id), (
                f"{m.day:%Y-%m-%d} {m.at}", m.number_text, m.title, m.place, m.host, STATES[m.phase], text,
                m.secrecy), status, m.secrecy, why))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        m = Meeting.get_or_none(Meeting.id == row_id)
        if m is None:
            return []
        people = attendees.listed(self._actor, m.id)
        lines = [("会议", m.number_text), ("名称", m.title), ("时间", m.when_text), ("地点", m.place or "—"),
                 ("主持", m.host or "—"), ("密级", m.secrecy), ("阶段", STATES[m.phase]),
                 ("检点单模板", f"{m.meeting_type} 第 {m.template_version} 版"),
                 ("参会人员", attendees.counts(people).text if people else "未导入")]
        for i, topic in enumerate(meetings.topics(self._actor, m.id), start=1):
            lines.append((f"议题{i}", f"{topic.title}（{topic.unit or '—'}）：{topic.ready_text}"))
        if m.minutes_step:
            lines.append(("纪要", f"{m.minutes_text}，已{m.minutes_step}"))
        for i, d in enumerate(decisions.listed(self._actor, m.id), start=1):
            lines.append((f"议定事项{i}", f"{d.matter}（牵头：{d.lead_unit}）：{decisions.state_text(d)}"))
        last, follow = decisions.previous(self._actor, m.id)
        if last is not None and follow:
            lines.append(("上次议定事项落实情况", f"{last.number_text}：" + "；".join(
                f"{f.matter}（{f.lead_unit}）{f.state}" for f in follow)))
        offered = meetings.new_items(self._actor, m.id)
        if offered:
            lines.append(("模板更新", f"检点单模板已更新，有 {len(offered)} 项新事项可加入（「模板更新」）"))
        history = meetings.history(self._actor, m.id)
        if history:
            lines.append(("记录", "\n".join(f"{e.at:%m-%d %H:%M} {e.actor_name} {e.text}" for e in history[-6:])))
        return lines


def _checklist_stats(meeting_ids: list[int], today: date) -> dict[int, tuple[int, int, int, int]]:
    """meeting id -> (items, closed, overdue, due within 2 working days), in one grouped query."""
    if not meeting_ids:
        return {}
    from models.meetings.due import still_due

    is_open = still_due()  # as 今日 counts them: items of a phase the meeting moved past are not late
    horizon = _horizon(today)
    rows = (ChecklistItem.select(
        ChecklistItem.meeting, fn.COUNT(ChecklistItem.id),
        fn.SUM(Case(None, [(ChecklistItem.state.not_in(OPEN_STATES), 1)], 0)),
        fn.SUM(Case(None, [(is_open & (ChecklistItem.due < today), 1)], 0)),
        fn.SUM(Case(None, [(is_open & (ChecklistItem.due >= today) & (ChecklistItem.due <= horizon), 1)], 0)))
        .join(Meeting).where(ChecklistItem.meeting.in_(meeting_ids)).group_by(ChecklistItem.meeting))
    return {m: (int(t), int(d or 0), int(late or 0), int(near or 0)) for m, t, d, late, near in tuples(rows)}


class ChecklistLedger(PagedSource):
    """The 检点单 of the meeting chosen above it (`meeting_id`), by deadline."""

    name = "meeting_checklist"
    title = "检点单"
    kinds = frozenset({"meeting", "meeting_item"})
    search_hint = "查找：事项、责任人（Ctrl+F）"
    columns = (
        Column("phase", "阶段", 50),
        Column("task", "事项", 330),
        Column("owner", "责任人", 80),
        Column("deadline", "时限", 110),
        Column("due", "截止日期", 90),
        Column("state", "状态", 60),
        Column("done_by", "办理人", 70),
        Column("note", "备注", 200),
    )
    default_sort = "due"

    def __init__(self, actor) -> None:
        require(actor, READ_MEETINGS, "查看会议检点单")
        self.meeting_id: int | None = None
        self.filters = (
            FilterSpec("phase", "阶段", "choice", tuple((p, p) for p in PHASES)),
            FilterSpec("state", "状态", "choice", tuple((s, s) for s in ITEM_STATES)),
        )
        self._pager = KeysetPager(ChecklistItem.id, {
            "phase": ChecklistItem.phase, "task": ChecklistItem.task, "owner": ChecklistItem.owner,
            "deadline": ChecklistItem.deadline, "due": ChecklistItem.due, "state": ChecklistItem.state,
            "done_by": ChecklistItem.done_by, "note": ChecklistItem.note})

    def _base(self, query: Query):
        select = (ChecklistItem.select(ChecklistItem, Meeting.secrecy)
                  .join(Meeting, JOIN.INNER).where(ChecklistItem.meeting == (self.meeting_id or 0)))
        for key in ("phase", "state"):
            if query.filters.get(key):
                select = select.where(getattr(ChecklistItem, key) == query.filters[key])
        if words := clean(query.search):
            select = select.where(ChecklistItem.task.contains(words) | ChecklistItem.owner.contains(words))
        return select

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        today = clock.today()
        rows = []
        for i in self._pager.select_page(self._base(query), query, self.default_sort, after, limit):
            status, why = item_level(i.due, i.state, today)
            note = "；".join(x for x in (i.due_note, i.note) if x)
            rows.append(Row(i.id, (i._sort_key, i.id), (
                i.phase, i.task + ("" if i.required else "（选办）"), i.owner, i.deadline, f"{i.due:%Y-%m-%d}",
                i.state, i.done_by, note), status, i.meeting.secrecy, why))
        return rows

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        i = ChecklistItem.get_or_none(ChecklistItem.id == row_id)
        if i is None:
            return []
        lines = [("事项", i.task), ("阶段", i.phase), ("必办", "是" if i.required else "否"),
                 ("责任人", i.owner or "—"),
                 ("时限", f"{i.deadline}（{i.due:%Y-%m-%d}）"), ("状态", i.state)]
        if i.due_note:
            lines.append(("说明", i.due_note))
        if i.done_by:
            lines.append(("办理", f"{i.done_by} {i.done_at:%Y-%m-%d %H:%M}" if i.done_at else i.done_by))
        if i.note:
            lines.append(("备注", i.note))
        return lines
