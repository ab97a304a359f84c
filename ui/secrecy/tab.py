"""The 涉密人员 tab (安全保密管理员 only): 人员, 涉密岗位, 证件柜, 提醒."""

from PySide6.QtWidgets import QWidget

from models.core.changes import Change
from ui.changes import bus
from ui.secrecy.cabinet_page import CabinetPage
from ui.secrecy.people_page import PeoplePage
from ui.secrecy.posts_page import PostsPage
from ui.secrecy.reminders_page import RemindersPage
from ui.widgets.module_tab import ModuleTab


class SecrecyTab(ModuleTab):
    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.people = PeoplePage(session)
        self.posts = PostsPage(session)
        self.cabinet = CabinetPage(session)
        self.reminders = RemindersPage(session)
        self.reminders.open_person.connect(self.open_person)
        self.pages.addTab(self.people, self.tr("涉密人员"))
        self.pages.addTab(self.posts, self.tr("涉密岗位"))
        self.pages.addTab(self.cabinet, self.tr("证件柜"))
        self.pages.addTab(self.reminders, self.tr("提醒"))
        self.update_reminder_count()
        self.pages.currentChanged.connect(lambda _: self.update_reminder_count())  # after work on another page
        bus().changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        if change.concerns(self.people.source.kinds):  # a 复审, 承诺书 or 证件 may have ended a reminder
            self.update_reminder_count()

    def update_reminder_count(self) -> None:
        from models.secrecy.reminders import reminders

        late = sum(1 for r in reminders(self.session) if r.late)
        self.pages.setTabText(3, self.tr("提醒（%1）").replace("%1", str(late)) if late else self.tr("提醒"))

    def open_person(self, person_id: int) -> None:
        self.pages.setCurrentWidget(self.people)
        self.people.select(person_id)

    def action_page(self, action: str) -> QWidget | None:
        """Pages without find/print/export (岗位, 提醒) send them to 涉密人员, which comes on screen; 新建 stays."""
        page = super().action_page(action)
        if page is None and action != "action_new":
            self.pages.setCurrentWidget(self.people)
            page = self.people
        return page
