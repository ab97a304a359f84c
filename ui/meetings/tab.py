"""The 会议 tab: the meetings above; below, the 检点单 and the documents (通知, 纪要, 议定事项 → 督办, 上次落实情况)
of the selected one."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.meetings.checklist_page import ChecklistPage
from ui.meetings.documents_page import DocumentsPage
from ui.meetings.meetings_page import MeetingsPage

CHECKLIST, DOCUMENTS = "检点单", "会议文件"


class MeetingsTab(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.meetings = MeetingsPage(session)
        self.checklist = ChecklistPage(session)
        self.documents = DocumentsPage(session)
        self.below = QTabWidget()
        self.below.addTab(self.checklist, self.tr(CHECKLIST))
        self.below.addTab(self.documents, self.tr(DOCUMENTS))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.meetings)
        split.addWidget(self.below)
        split.setSizes([320, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
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
            self.below.setCurrentWidget(self.checklist)
            self.checklist.ledger.select_record(record_id)
            self.checklist.ledger.table.setFocus()
            return
        self.meetings.ledger.table.setFocus()

    def action_new(self) -> None:
        self.meetings.action_new()

    def action_find(self) -> None:
        self.meetings.action_find()

    def action_print(self) -> None:
        self.meetings.action_print()

    def action_export(self) -> None:
        self.meetings.action_export()
