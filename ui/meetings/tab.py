"""The 会议 tab: the meetings above, the 检点单 of the selected one below."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ui.meetings.checklist_page import ChecklistPage
from ui.meetings.meetings_page import MeetingsPage


class MeetingsTab(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.meetings = MeetingsPage(session)
        self.checklist = ChecklistPage(session)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.meetings)
        split.addWidget(self.checklist)
        split.setSizes([320, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.meetings.ledger.selection_changed.connect(
            lambda row: self.checklist.show_meeting(row.id if row is not None else None))

    def action_new(self) -> None:
        self.meetings.action_new()

    def action_find(self) -> None:
        self.meetings.action_find()

    def action_print(self) -> None:
        self.meetings.action_print()

    def action_export(self) -> None:
        self.meetings.action_export()
