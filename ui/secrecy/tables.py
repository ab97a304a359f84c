"""A read-only table of short lists for the 涉密人员 pages, with a colour per row."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem

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


class _EmptyHint(QObject):
    """A grey line over an empty table saying what to do; it follows the viewport's size."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self.label = QLabel(table.viewport())
        self.label.setStyleSheet("color: #666; padding: 24px;")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.hide()
        table.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.label.resize(obj.size())
        return False


def empty_hint(table: QTableWidget) -> QLabel:
    """The label `fill` shows over `table` when it has no rows."""
    hint = table.findChild(_EmptyHint)
    return (hint or _EmptyHint(table)).label


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
