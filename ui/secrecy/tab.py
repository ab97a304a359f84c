"""The 涉密人员 tab (安全保密管理员 only): 人员, 涉密岗位, 证件柜, 提醒."""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from models.core.changes import Change
from ui.changes import bus
from ui.secrecy.cabinet_page import CabinetPage
from ui.secrecy.people_page import PeoplePage
from ui.secrecy.posts_page import PostsPage
from ui.secrecy.reminders_page import RemindersPage
from ui.widgets.record_link import open_on_page


class SecrecyTab(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QTabWidget()
        self.people = PeoplePage(session)
        self.posts = PostsPage(session)
        self.cabinet = CabinetPage(session)
        self.reminders = RemindersPage(session)
        self.reminders.open_person.connect(self.open_person)
        self.pages.addTab(self.people, self.tr("涉密人员"))
        self.pages.addTab(self.posts, self.tr("涉密岗位"))
        self.pages.addTab(self.cabinet, self.tr("证件柜"))
        self.pages.addTab(self.reminders, self.tr("提醒"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
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

    def _current(self, name: str, or_people: bool = True) -> None:
        """The current page's action; pages without one (岗位, 提醒) send find/print/export to 涉密人员."""
        handler = getattr(self.pages.currentWidget(), name, None)
        if handler is None and or_people:
            self.pages.setCurrentWidget(self.people)
            handler = getattr(self.people, name)
        if handler is not None:
            handler()

    def open_record(self, kind: str, record_id: int | None, page: str) -> None:
        """Show `page` and select the record there (from 今日)."""
        open_on_page(self.pages, kind, record_id, page)

    def action_new(self) -> None:
        self._current("action_new", or_people=False)

    def action_find(self) -> None:
        self._current("action_find")

    def action_print(self) -> None:
        self._current("action_print")

    def action_export(self) -> None:
        self._current("action_export")
