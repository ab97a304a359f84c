"""The 值班 tab: 值班记录, 排班, 领导外出 (and, from the log, 值班要情 and 值班快报)."""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.duty.absence_page import AbsencePage
from ui.duty.log_page import LogPage
from ui.duty.roster_page import RosterPage
from ui.widgets.record_link import open_on_page


class DutyTab(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QTabWidget()
        self.log = LogPage(session)
        self.roster = RosterPage(session)
        self.absences = AbsencePage(session)
        self.pages.addTab(self.log, self.tr("值班记录"))
        self.pages.addTab(self.roster, self.tr("排班"))
        self.pages.addTab(self.absences, self.tr("领导外出"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def _current(self, name: str) -> None:
        handler = getattr(self.pages.currentWidget(), name, None)
        if handler is not None:
            handler()

    def open_record(self, kind: str, record_id: int | None, page: str) -> None:
        """Show `page` and select the record there (from 今日)."""
        open_on_page(self.pages, kind, record_id, page)

    def action_new(self) -> None:
        self._current("action_new")

    def action_find(self) -> None:
        self._current("action_find")

    def action_print(self) -> None:
        self._current("action_print")

    def action_export(self) -> None:
        self._current("action_export")
