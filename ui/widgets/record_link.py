"""Opening a record from elsewhere in the window (a 今日 item): a module's tab shows the page by its title and the
page selects the record. A page whose ledger shows another kind (a 值班 shift on the log of entries) is only shown."""

from PySide6.QtWidgets import QTabWidget, QWidget


def open_on_page(pages: QTabWidget, kind: str, record_id: int | None, page: str) -> QWidget | None:
    """Show the page titled `page` among `pages` and select record `record_id` of `kind` on it; the page gets the
    keyboard focus. A page may handle it itself with `open_record(kind, record_id)` (e.g. a second ledger on it).
    Returns the page, or None when there is no page of that title."""
    index = next((n for n in range(pages.count()) if pages.tabText(n) == page), -1)
    if index < 0:
        return None
    pages.setCurrentIndex(index)  # a page built on first view (LazyTabs) is built now
    widget = pages.widget(index)
    if hasattr(widget, "open_record"):
        widget.open_record(kind, record_id)
        return widget
    ledger = getattr(widget, "ledger", None)
    if record_id is not None and ledger is not None and getattr(widget, "kind", None) == kind:
        ledger.select_record(record_id)
    (ledger.table if ledger is not None else widget).setFocus()
    return widget
