"""The 值班 tab: 值班记录, 排班, 领导外出 (and, from the log, 值班要情 and 值班快报)."""

from ui.duty.absence_page import AbsencePage
from ui.duty.log_page import LogPage
from ui.duty.roster_page import RosterPage
from ui.widgets.module_tab import ModuleTab


class DutyTab(ModuleTab):
    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.log = LogPage(session)
        self.roster = RosterPage(session)
        self.absences = AbsencePage(session)
        self.pages.addTab(self.log, self.tr("值班记录"))
        self.pages.addTab(self.roster, self.tr("排班"))
        self.pages.addTab(self.absences, self.tr("领导外出"))
