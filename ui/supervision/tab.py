"""The 督办 tab: 督查台账 (the ledger and the flow's steps) and 督查通报 (as of a day), built on first view. A 今日 item
opens here on the 台账 (`open_record`); an item's source 收文 opens on the 公文 tab through the window (`open_item`)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.widgets.lazy_tabs import LazyTabs
from ui.widgets.record_link import open_on_page


class SupervisionTab(QWidget):
    open_item = Signal(object)  # a record of another module (module, kind, record_id, page): the window shows it

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QTabWidget()
        self.built_pages = LazyTabs(self.pages)
        self.built_pages.add("ledger", self.tr("督查台账"), self._ledger_page)
        self.built_pages.add("bulletin", self.tr("督查通报"), self._bulletin_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    @property
    def ledger(self):
        return self.built_pages["ledger"]

    @property
    def bulletin(self):
        return self.built_pages["bulletin"]

    def _ledger_page(self) -> QWidget:
        from ui.supervision.ledger_page import SupervisionPage

        page = SupervisionPage(self.session)
        page.open_item.connect(self.open_item)
        return page

    def open_record(self, kind: str, record_id: int | None, page: str) -> None:
        """From 今日: show `page` (the 督查台账) with the item selected and the focus on the table."""
        open_on_page(self.pages, kind, record_id, page)

    def _bulletin_page(self) -> QWidget:
        from ui.supervision.bulletin_page import BulletinPage

        return BulletinPage(self.session)

    def _current(self, name: str) -> None:
        handler = getattr(self.pages.currentWidget(), name, None)
        if handler is not None:
            handler()

    def action_new(self) -> None:
        self._current("action_new")

    def action_find(self) -> None:
        self._current("action_find")

    def action_print(self) -> None:
        self._current("action_print")

    def action_export(self) -> None:
        self._current("action_export")
