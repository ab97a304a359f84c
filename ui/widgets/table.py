"""A read-only table view set up the way every list in Sanban looks."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView


def make_table(model) -> QTableView:
    view = QTableView()
    if model.parent() is None:  # else the model lives only as long as some Python reference: a view outliving it
        model.setParent(view)  # paints a freed model (a crash seen when a page's wrapper was collected first)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class _EmptyHint(QObject):
    """A grey line over an empty table saying what to do; it follows the viewport's size."""

    def __init__(self, table: QAbstractItemView) -> None:
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


def empty_hint(table: QAbstractItemView) -> QLabel:
    """The label `fill` shows over `table` when it has no rows."""
    hint = table.findChild(_EmptyHint)
    return (hint or _EmptyHint(table)).label
