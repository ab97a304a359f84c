"""A module's tab in the main window: its pages in a QTabWidget, and the window's 编辑 menu passed on to them.

The window's 新建/查找/打印/导出 (Ctrl+N/F/P/E) call the current tab's `action_new/find/print/export`; a module tab
hands each to the page that answers it (by default the page on screen, when it has that action) and does nothing
otherwise. 今日 opens a record here through `open_record`, which shows the page by its title and selects the record.
"""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.widgets.record_link import open_on_page


class ModuleTab(QWidget):
    """The pages of a module (`pages`, filled by the subclass) filling the tab edge to edge."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def action_page(self, action: str) -> QWidget | None:
        """The page that answers the window's `action` ("action_new" …): the page on screen, if it has one."""
        page = self.pages.currentWidget()
        return page if hasattr(page, action) else None

    def _forward(self, action: str) -> None:
        page = self.action_page(action)
        if page is not None:
            getattr(page, action)()

    def open_record(self, kind: str, record_id: int | None, page: str) -> None:
        """Show `page` and select the record there (from 今日)."""
        open_on_page(self.pages, kind, record_id, page)

    def action_new(self) -> None:
        self._forward("action_new")

    def action_find(self) -> None:
        self._forward("action_find")

    def action_print(self) -> None:
        self._forward("action_print")

    def action_export(self) -> None:
        self._forward("action_export")
