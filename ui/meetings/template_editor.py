"""检点单模板 in the window: the items of a type's current version by phase (阶段, 事项, 责任人, 时限 as written,
必办, 仅涉密), added, edited, removed and reordered by keyboard, the 时限 checked as typed, saved as the next version.
Meetings made from an earlier version keep theirs and are offered the new items (「模板更新」)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import SanbanError, ValidationError
from models.meetings import deadlines, meetings, templates
from models.meetings.terms import PHASES
from ui import messages
from ui.widgets import screen_fit

COLUMNS = ("阶段", "事项", "责任人", "时限", "必办", "仅涉密")
PHASE, TASK, OWNER, DEADLINE, REQUIRED, SECRET = range(len(COLUMNS))
RED = QColor("#a61b0f")


class _PhaseDelegate(QStyledItemDelegate):
    """阶段 is chosen from 会前/会中/会后, never typed free."""

    def createEditor(self, parent, _option, _index):  # noqa: N802 - Qt's name
        box = QComboBox(parent)
        box.addItems(list(PHASES))
        return box

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentText(index.data() or PHASES[0])

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentText())


class TemplateEditor(QDialog):
    """Edit the 检点单 template of one meeting type; `saved` is the last version stored here (None: nothing)."""

    def __init__(self, session, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.saved: templates.MeetingTemplate | None = None
        self.name = ""
        self.version = 0
        self.dirty = False
        self.setWindowTitle(self.tr("编辑检点单模板"))
        self.types = QComboBox()
        self.types.addItems(templates.names())
        self.types.setAccessibleName(self.tr("会议类型"))
        self.version_label = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setItemDelegateForColumn(PHASE, _PhaseDelegate(self.table))
        self.table.verticalHeader().setVisible(True)  # the item's number, as the messages say 「第 3 项」
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TASK, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._changed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("会议类型(&T)")))
        top.itemAt(0).widget().setBuddy(self.types)
        top.addWidget(self.types)
        top.addWidget(self.version_label, 1)
        buttons = QHBoxLayout()
        for label, shortcut, slot in (
                (self.tr("添加事项(&A)"), "Ctrl+Insert", self.add_row),
                (self.tr("删除事项(&D)"), "Ctrl+Delete", self.remove_row),
                (self.tr("上移(&U)"), "Ctrl+Up", lambda: self.move_row(-1)),
                (self.tr("下移(&N)"), "Ctrl+Down", lambda: self.move_row(1))):
            button = QPushButton(label)
            button.setToolTip(shortcut)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(shortcut), self, slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("保存为新版本(&S)"))
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("时限照办公室的写法填写，如「会前5个工作日」「会前1天」「会议当天」「会后3个工作日」；"
                                        "保存后已有会议仍用原版本，可在会议上用「模板更新」加入新事项。")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if name:
            self.types.setCurrentText(name)
        self.types.currentTextChanged.connect(self._switch)
        self.load(self.types.currentText())
        screen_fit.fit(self, 1100, 640)
        self.table.setFocus()

    # -- reading and showing --------------------------------------------------------------------------------------

    def load(self, name: str) -> None:
        template, items = templates.read(self.session, name)
        self.name = name
        self.version = template.current
        ordered = sorted(items, key=lambda i: PHASES.index(i.phase))  # by phase, the template's order within one
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for item in ordered:
            self._append(templates.rows_of([item])[0])
        self.table.blockSignals(False)
        self.dirty = False
        self._show_version()
        self._say("")
        if self.table.rowCount():
            self.table.setCurrentCell(0, TASK)

    def _show_version(self) -> None:
        self.version_label.setText(self.tr("当前第 %1 版，共 %2 项").replace("%1", str(self.version))
                                   .replace("%2", str(self.table.rowCount())))

    def _append(self, row: dict, at: int | None = None) -> int:
        number = self.table.rowCount() if at is None else at
        self.table.insertRow(number)
        for column, key in ((PHASE, "phase"), (TASK, "task"), (OWNER, "owner"), (DEADLINE, "deadline")):
            self.table.setItem(number, column, QTableWidgetItem(row[key]))
        for column, key in ((REQUIRED, "required"), (SECRET, "secret_only")):
            cell = QTableWidgetItem()
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            cell.setCheckState(Qt.CheckState.Checked if row[key] else Qt.CheckState.Unchecked)
            self.table.setItem(number, column, cell)
        return number

    def rows(self) -> list[dict]:
        """The items as typed, in the order `templates.save` stores them: by phase, then as listed."""
        rows = []
        for r in range(self.table.rowCount()):
            text = {c: (self.table.item(r, c).text() if self.table.item(r, c) else "") for c in range(DEADLINE + 1)}
            checked = {c: self.table.item(r, c).checkState() == Qt.CheckState.Checked for c in (REQUIRED, SECRET)}
            rows.append(dict(phase=text[PHASE], task=text[TASK], owner=text[OWNER], deadline=text[DEADLINE],
                             required=checked[REQUIRED], secret_only=checked[SECRET]))
        return sorted(rows, key=lambda r: PHASES.index(r["phase"]) if r["phase"] in PHASES else len(PHASES))

    def _say(self, text: str, bad: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {RED.name()};" if bad else "color: #1d6b2f;")

    # -- editing --------------------------------------------------------------------------------------------------

    def _changed(self, item: QTableWidgetItem) -> None:
        self.dirty = True
        if item.column() != DEADLINE:
            return
        try:
            rule = deadlines.parse(item.text())
        except ValidationError as exc:
            item.setForeground(QBrush(RED))
            item.setToolTip(exc.message)
            self._say(self.tr("第 %1 项：").replace("%1", str(item.row() + 1)) + exc.message, bad=True)
            return
        item.setForeground(QBrush())
        item.setToolTip(rule.text)
        self._say("")

    def add_row(self) -> None:
        """A new item under the current one, in its phase; the cursor on its 事项."""
        current = self.table.currentRow()
        phase = self.table.item(current, PHASE).text() if current >= 0 else PHASES[0]
        self.table.blockSignals(True)
        number = self._append(dict(phase=phase, task="", owner="", deadline="会前1个工作日", required=True,
                                   secret_only=False), current + 1)
        self.table.blockSignals(False)
        self.dirty = True
        self._show_version()
        self.table.setCurrentCell(number, TASK)
        self.table.editItem(self.table.item(number, TASK))

    def remove_row(self) -> None:
        current = self.table.currentRow()
        if current < 0:
            return
        self.table.removeRow(current)
        self.dirty = True
        self._show_version()
        if self.table.rowCount():
            self.table.setCurrentCell(min(current, self.table.rowCount() - 1), TASK)

    def move_row(self, step: int) -> None:
        current, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
        target = current + step
        if current < 0 or not 0 <= target < self.table.rowCount():
            return
        self.table.blockSignals(True)
        for c in range(len(COLUMNS)):
            upper, lower = self.table.takeItem(current, c), self.table.takeItem(target, c)
            self.table.setItem(current, c, lower)
            self.table.setItem(target, c, upper)
        self.table.blockSignals(False)
        self.dirty = True
        self.table.setCurrentCell(target, column)

    # -- saving ---------------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the items as the next version; a bad item is named in the message and nothing is stored."""
        self.table.setCurrentCell(self.table.currentRow(), self.table.currentColumn())  # commit an open editor
        name = self.types.currentText()
        try:
            template = templates.save(self.session, name, self.rows(), expected_version=self.version)
        except SanbanError as exc:
            self._say(exc.message, bad=True)
            return False
        self.saved = template
        older = meetings.on_older_version(self.session, template)
        self.load(name)
        tail = (self.tr("；%1 次未归档的会议仍用旧版本，可在会议上用「模板更新」加入新事项").replace("%1", str(older))
                if older else "")
        self._say(self.tr("已保存为第 %1 版").replace("%1", str(template.current)) + tail + "。")
        return True

    def _switch(self, name: str) -> None:
        if self.dirty and not messages.confirm(self, self.windowTitle(), self.tr("有未保存的修改，放弃并切换模板？")):
            self.types.blockSignals(True)
            self.types.setCurrentText(self.name)
            self.types.blockSignals(False)
            return
        self.load(name)

    def reject(self) -> None:
        if self.dirty and not messages.confirm(self, self.windowTitle(), self.tr("有未保存的修改，确定放弃吗？")):
            return
        super().reject()
