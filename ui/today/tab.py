"""The 今日 tab: what needs the user's attention today, from every module they may read, grouped by module, red
first. Enter (or a double click) opens the item on its own page; the count shows on the tab; Ctrl+P prints it.

It re-reads on every change the window announces (a step anywhere may end or start an item), once a minute while
shown (a 值班 reporting clock turns red by the minute), and whenever the day has changed since it last read.
"""

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.core import clock, previews
from models.core.changes import Change
from models.core.errors import SanbanError
from models.core.today import EMPTY_TEXT, Agenda, agenda, weekday_text
from ui import messages
from ui.changes import bus
from ui.today.items_model import COL_DUE, COL_LEVEL, COL_TITLE, COL_WHY, ItemsModel

TICK_MS = 60_000


class TodayTab(QWidget):
    open_item = Signal(object)  # a DueItem: the window shows it on its module's page
    title_changed = Signal(str)  # 「今日（5）」 for the tab bar

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.agenda: Agenda | None = None
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        hint = QLabel(self.tr("↑↓ 选择，Enter 打开所在页面；F5 刷新；Ctrl+P 打印"))
        hint.setStyleSheet("color: #666;")
        refresh = QPushButton(self.tr("刷新（F5）"))
        refresh.clicked.connect(self.refresh)
        print_button = QPushButton(self.tr("打印今日待办…"))
        print_button.clicked.connect(self.action_print)
        again = QShortcut(QKeySequence("F5"), self)
        again.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        again.activated.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(hint)
        top.addWidget(refresh)
        top.addWidget(print_button)

        self.model = ItemsModel(self)
        self.table = QTableView()  # one flat table: headings and items, painted only where visible
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the buttons
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_LEVEL, 60), (COL_TITLE, 420), (COL_DUE, 115)):
            header.resizeSection(column, width)
        self.table.activated.connect(self._activated)  # Enter, Return and double click
        self.empty = QLabel(self.tr(EMPTY_TEXT))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 16px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self._soon = QTimer(self)  # a burst of changes (an import, a batch 催办) re-reads once
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.refresh)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        bus().changed.connect(self._changed)
        self.refresh()

    # --- reading ---------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            found = agenda(self.session)
        except SanbanError as exc:
            messages.warn(self, self.tr("今日"), exc.message)
            return
        kept = self.model.item(self.table.currentIndex())
        self.agenda = found
        self.model.set_agenda(found)
        self.table.clearSpans()
        for row in self.model.headings():
            self.table.setSpan(row, 0, 1, self.model.columnCount())
        self.heading.setText(weekday_text(found.day) + (f"　{found.summary()}" if found.count else ""))
        self.stack.setCurrentWidget(self.table if found.count else self.empty)
        self._select(kept)
        self.title_changed.emit(self.title())

    def title(self) -> str:
        count = self.agenda.count if self.agenda else 0
        return self.tr("今日（%1）").replace("%1", str(count)) if count else self.tr("今日")

    def _select(self, kept) -> None:
        """The item selected before a re-read if it is still there, else the first item (under the first heading)."""
        row = self.model.row_of(kept) if kept is not None else None
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(1 if row is None else row, 0))

    def _changed(self, change: Change) -> None:
        self._soon.start()

    def tick(self) -> None:
        """Once a minute: a new day always re-reads (the tab title counts even when hidden); otherwise only on
        screen."""
        if self.agenda is None or clock.today() != self.agenda.day or self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.agenda is not None and clock.today() != self.agenda.day:
            self.refresh()
        else:
            self.title_changed.emit(self.title())  # the first show: the window's menus are built by now
        self.table.setFocus()

    # --- acting ----------------------------------------------------------------------------------------------
    def current_item(self):
        return self.model.item(self.table.currentIndex())

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is not None:
            self.open_item.emit(item)

    def action_print(self) -> None:
        """The 今日待办 as it will print (one A4 page, the highest 密级 top-left), then 打印 or 另存为."""
        from exporters.today import export_today  # reportlab loads on the first print, not at start-up
        from ui.widgets.preview import PreviewDialog

        pdf = previews.new_file("今日待办.pdf")
        try:
            count = export_today(self.session, pdf, self.agenda.day if self.agenda else None)
        except (SanbanError, FileNotFoundError) as exc:
            previews.discard(pdf)
            messages.warn(self, self.tr("打印"), getattr(exc, "message", str(exc)))
            return
        PreviewDialog(pdf, self.tr("今日待办（%1 项）").replace("%1", str(count)), self.save_as, self).exec()

    def save_as(self) -> None:
        from exporters.today import export_today
        from ui.widgets.preview import save_path

        path = save_path(self, self.tr("保存今日待办"), "今日待办.pdf", "PDF 文件 (*.pdf)")
        if not path:
            return
        try:
            export_today(self.session, path, self.agenda.day if self.agenda else None)
        except SanbanError as exc:
            messages.warn(self, self.tr("保存"), exc.message)
            return
        messages.info(self, self.tr("保存"), self.tr("已保存到\n%1").replace("%1", path))
