"""The 会议 tab: the meetings above; below, the 检点单 and the documents (通知, 纪要, 议定事项 → 督办, 上次落实情况)
of the selected one."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ui.meetings.checklist_page import ChecklistPage
from ui.meetings.documents_page import DocumentsPage
from ui.meetings.meetings_page import MeetingsPage
from ui.widgets.module_tab import ModuleTab

CHECKLIST, DOCUMENTS = "检点单", "会议文件"


class MeetingsTab(ModuleTab):
    """The pages (`pages`: 检点单, 会议文件) sit below the meetings, which answer the window's 编辑 menu."""

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.meetings = MeetingsPage(session)
        self.checklist = ChecklistPage(session)
        self.documents = DocumentsPage(session)
        self.pages.addTab(self.checklist, self.tr(CHECKLIST))
        self.pages.addTab(self.documents, self.tr(DOCUMENTS))
        split = QSplitter(Qt.Orientation.Vertical)  # takes the pages' place in the tab, and the pages below
        self.layout().replaceWidget(self.pages, split)
        split.addWidget(self.meetings)
        split.addWidget(self.pages)
        split.setSizes([320, 380])
        self.meetings.ledger.selection_changed.connect(self._selected)

    def _selected(self, row) -> None:
        meeting_id = row.id if row is not None else None
        self.checklist.show_meeting(meeting_id)
        self.documents.show_meeting(meeting_id)

    def open_record(self, kind: str, record_id: int | None, page: str) -> None:
        """From 今日: a checklist item selects its meeting above and the item in the 检点单, which gets the focus;
        a meeting is selected above."""
        from models.core.errors import SanbanError
        from models.meetings.meetings import ITEMS

        meeting_id = record_id if kind == "meeting" else None
        if kind == "meeting_item" and record_id is not None:
            try:
                meeting_id = ITEMS.get(record_id).meeting_id
            except SanbanError:  # gone since 今日 was drawn
                meeting_id = None
        if meeting_id is not None:
            self.meetings.ledger.select_record(meeting_id)
            self._selected(self.meetings.ledger.selected_row())
        if kind == "meeting_item" and meeting_id is not None:
            self.pages.setCurrentWidget(self.checklist)
            self.checklist.ledger.select_record(record_id)
            self.checklist.ledger.table.setFocus()
            return
        self.meetings.ledger.table.setFocus()

    def action_page(self, action: str) -> QWidget:
        return self.meetings
