"""The 督办 tab: 督查台账 (the ledger and the flow's steps) and 督查通报 (as of a day), built on first view. A 今日 item
opens here on the 台账 (`open_record`); an item's source 收文 opens on the 公文 tab through the window (`open_item`)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.widgets.lazy_tabs import LazyTabs
from ui.widgets.module_tab import ModuleTab


class SupervisionTab(ModuleTab):
    open_item = Signal(object)  # a record of another module (module, kind, record_id, page): the window shows it

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.built_pages = LazyTabs(self.pages)
        self.built_pages.add("ledger", self.tr("督查台账"), self._ledger_page)
        self.built_pages.add("bulletin", self.tr("督查通报"), self._bulletin_page)

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

    def _bulletin_page(self) -> QWidget:
        from ui.supervision.bulletin_page import BulletinPage

        return BulletinPage(self.session)
