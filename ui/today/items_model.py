"""The 今日 list as a two-level model: a module's group, then its items. Handed an `Agenda` whole (`set_agenda`): it
runs no query. Only what the view paints is converted, so thousands of 督办 items cost one list, not widgets."""

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from models.core.due import LEVEL_LABELS, DueItem, Level
from models.core.today import Agenda
from ui.widgets.ledger import STATUS_COLOURS

COL_LEVEL, COL_TITLE, COL_WHY, COL_DUE = range(4)
HEADERS = ("等级", "事项", "原因", "期限")
COLOURS = {Level.RED: STATUS_COLOURS["overdue"], Level.AMBER: STATUS_COLOURS["due_soon"]}
GROUP = 0xFFFFFFFF  # internalId of a group row; an item row carries its group's number
ItemRole = Qt.ItemDataRole.UserRole + 1


class ItemsModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.agenda: Agenda | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_agenda(self, agenda: Agenda) -> None:
        self.beginResetModel()
        self.agenda = agenda
        self.endResetModel()

    @property
    def _groups(self):
        return self.agenda.groups if self.agenda else ()

    def item(self, index: QModelIndex | QPersistentModelIndex) -> DueItem | None:
        """The due item of a row (None for a group's row)."""
        if not index.isValid() or index.internalId() == GROUP:
            return None
        return self._groups[index.internalId()].items[index.row()]

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() if parent.isValid() else GROUP)

    def parent(self, index=QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt's overloads: parent(index)
        if not index.isValid() or index.internalId() == GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, GROUP)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].items)
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return len(HEADERS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == GROUP:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_LEVEL:
                late = f"，逾期 {group.red} 项" if group.red else ""
                return f"{group.label}（{len(group.items)} 项{late}）"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        item = self._groups[index.internalId()].items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_LEVEL:
                return LEVEL_LABELS[item.level]
            if column == COL_TITLE:
                return item.title
            if column == COL_WHY:
                return item.why
            return f"{item.due.month}月{item.due.day}日" if item.due else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS[item.level][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return COLOURS[item.level][1]
        if role == ItemRole:
            return item
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None
