"""The 检点单 of the meeting selected above: items by deadline, red when late, amber when near; 进行中, 已完成,
不适用 (a required item needs a reason), 重新打开."""

from models.meetings import meetings
from models.meetings.ledger import ChecklistLedger
from models.meetings.manifest import EDIT_MEETINGS
from ui.widgets.ledger_page import LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field


class ChecklistPage(LedgerPage):
    kind = "meeting_item"
    noun = "项检点单事项"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, ChecklistLedger(session), parent,
                         empty_hint="在上方选中一次会议，这里列出它的检点单。")

    def declare_steps(self) -> list[Step]:
        edit = EDIT_MEETINGS
        return [
            Step("doing", "进行中", "Ctrl+5", lambda item: self._state(item, "进行中"), right=edit),
            Step("done", "已完成", "Ctrl+6", lambda item: self._state(item, "已完成"), right=edit),
            Step("waive", "不适用", "Ctrl+7", self.waive, right=edit),
            Step("reopen", "重新打开", "", lambda item: self._state(item, "未开始"), right=edit),
        ]

    def get(self, row_id: int) -> meetings.ChecklistItem:
        return meetings.ITEMS.get(row_id)

    def show_meeting(self, meeting_id: int | None) -> None:
        if self.source.meeting_id != meeting_id:
            self.source.meeting_id = meeting_id
            self.refresh()

    def _state(self, item: meetings.ChecklistItem, state: str):
        meetings.set_item_state(self.session, item.id, state)
        from models.core.changes import Change

        return Change.of("meeting_item", item.id, summary=f"「{item.task[:20]}」{state}", also=("meeting",))

    def waive(self, item: meetings.ChecklistItem) -> StepForm:
        return StepForm(self.tr("标为不适用"), [Field("note", "原因", placeholder="如：本次会议不涉及")],
                        lambda v: meetings.set_item_state(self.session, item.id, "不适用", v["note"]), item.task)
