"""The documents of the meeting selected above: its 会议通知 and attendance, 纪要, the 议定事项 with the current state
of the 督办 items they became, and 「上次议定事项落实情况」 from the last meeting of the same type. Read-only: the
steps that make them are on the meetings above (会议通知, 登记纪要, 登记议定事项, 交办督办)."""

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from models.core.changes import Change
from models.core.errors import SanbanError
from models.meetings import attendees, decisions, meetings
from ui.changes import bus

KINDS = ("meeting", "meeting_attendee", "meeting_decision", "supervision")
NOTIFIED = ("notified", "in_session", "ended", "minutes_issued", "handed_over", "archived")


def _section(title: str, lines: list[str], empty: str) -> str:
    body = "".join(f"<li>{line}</li>" for line in lines) or f"<li style='color:#777'>{escape(empty)}</li>"
    return f"<h3>{escape(title)}</h3><ul>{body}</ul>"


def _due(day) -> str:
    return f"时限 {day:%Y-%m-%d}" if day else "未定时限"


class DocumentsPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id: int | None = None
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        bus().changed.connect(self._changed)
        self.show_meeting(None)

    def _changed(self, change: Change) -> None:
        if change.concerns(KINDS):
            self.refresh()

    def show_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        if self.meeting_id is None:
            self.view.setHtml("<p style='color:#666'>在上方选中一次会议，这里列出它的会议通知、纪要、议定事项的督办情况"
                              "和上次议定事项落实情况。</p>")
            return
        try:
            self.view.setHtml(self.html(self.meeting_id))
        except SanbanError as exc:  # deleted meanwhile, or no right
            self.view.setHtml(f"<p>{escape(exc.message)}</p>")

    def html(self, meeting_id: int) -> str:
        m = meetings.get(self.session, meeting_id)
        people = attendees.listed(self.session, m.id)
        notice = ("已发出" if m.phase in NOTIFIED else "未发出（「推进阶段」→ 发出通知）")
        parts = [f"<h2>{escape(m.number_text)}　{escape(m.title)}</h2>",
                 _section("会议通知", [escape(f"{m.when_text}，{m.place or '地点未定'}；通知{notice}"),
                                    escape(f"参会人员：{attendees.counts(people).text}" if people
                                           else "参会人员未导入：通知、签到表、座次图和桌签都按参会名单生成")],
                          ""),
                 _section("纪要", [escape(f"{m.minutes_text}，已{m.minutes_step}")] if m.minutes_step else [],
                          "尚未起草（「登记纪要」）")]
        lines = []
        for d in decisions.listed(self.session, m.id):
            state = decisions.state_text(d)
            said = "未交办督办" if state == decisions.NOT_HANDED else f"督办：{state}"
            colour = "#777" if state == decisions.NOT_HANDED else "#1d6b2f" if "办结" in state else "#000"
            lines.append(f"{escape(d.matter)}（牵头：{escape(d.lead_unit)}，{_due(d.due_on)}）"
                         f"：<span style='color:{colour}'>{escape(said)}</span>")
        parts.append(_section("议定事项", lines, "尚未登记（「登记议定事项」，再「交办督办」）"))
        last, follow = decisions.previous(self.session, m.id)
        if last is not None:
            parts.append(_section(f"上次议定事项落实情况（{last.number_text}）", [
                escape(f"{f.matter}（牵头：{f.lead_unit}，{_due(f.due_on)}）：{f.state}") for f in follow],
                "上次会议没有登记议定事项"))
        return "".join(parts)
