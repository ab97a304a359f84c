"""A read-only table of short lists for the 涉密人员 pages, with a colour per row."""

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui.widgets.table import empty_hint

RED, GREY = QColor("#a61b0f"), QColor("#777777")


def make_table(columns: tuple[str, ...], stretch: int = -1) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[tuple[tuple[str, ...], QColor | None]], empty: str = "") -> None:
    """Rows of (values, colour); with none, `empty` (what to do) over the table."""
    if rows or empty:
        label = empty_hint(table)
        label.setText(empty)
        label.resize(table.viewport().size())
        label.setVisible(not rows)
    table.setRowCount(len(rows))
    for r, (values, colour) in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            if colour is not None:
                item.setForeground(QBrush(colour))
            table.setItem(r, c, item)


def selected_row(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None
