"""The 今日 list as one flat table: each module's heading row, then its items. Handed an `Agenda` whole
(`set_agenda`): it runs no query, and the view asks only for the rows it paints — a tree view would walk every
item on each fill, which thousands of 督办 items make slow."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from models.core.due import LEVEL_LABELS, DueItem, Level, day_text
from models.core.today import Agenda, Group
from ui.widgets.ledger import STATUS_COLOURS

COL_LEVEL, COL_TITLE, COL_WHY, COL_DUE = range(4)
HEADERS = ("等级", "事项", "原因", "期限")
COLOURS = {Level.RED: STATUS_COLOURS["overdue"], Level.AMBER: STATUS_COLOURS["due_soon"]}
HEADING_BACKGROUND, HEADING_TEXT = QColor("#eef1f5"), QColor("#1f2937")
ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ItemsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.agenda: Agenda | None = None
        self.rows: list[Group | DueItem] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_agenda(self, agenda: Agenda) -> None:
        self.beginResetModel()
        self.agenda = agenda
        self.rows = [row for g in agenda.groups for row in (g, *g.items)]
        self.endResetModel()

    def headings(self) -> list[int]:
        """The rows that head a module's group (the view spans them across the columns)."""
        return [n for n, row in enumerate(self.rows) if isinstance(row, Group)]

    def item(self, index: QModelIndex | QPersistentModelIndex) -> DueItem | None:
        """The due item of a row (None for a heading)."""
        row = self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None
        return row if isinstance(row, DueItem) else None

    def row_of(self, item: DueItem) -> int | None:
        return next((n for n, row in enumerate(self.rows) if row == item), None)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        # a heading is neither selectable nor enabled, so the arrow keys step over it from item to item
        return ITEM_FLAGS if self.item(index) is not None else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if isinstance(row, Group):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_LEVEL:
                late = f"，逾期 {row.red} 项" if row.red else ""
                return f"{row.label}（{len(row.items)} 项{late}）"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return HEADING_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return HEADING_TEXT
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_LEVEL:
                return LEVEL_LABELS[row.level]
            if column == COL_TITLE:
                return row.title
            if column == COL_WHY:
                return row.why
            return day_text(row.due, self.agenda.day) if row.due and self.agenda else ""  # with the year if not this
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS[row.level][0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return COLOURS[row.level][1]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None
