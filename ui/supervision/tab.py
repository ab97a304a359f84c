"""The 督办 tab: 督查台账 (the ledger and the flow's steps) and 督查通报 (as of a day), built on first view."""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.widgets.lazy_tabs import LazyTabs


class SupervisionTab(QWidget):
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

        return SupervisionPage(self.session)

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
