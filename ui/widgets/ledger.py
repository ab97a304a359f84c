"""The ledger every module shows: filter bar, a paged table over a `LedgerSource`, column chooser, detail panel.

The Qt model holds no table: it knows the row count and keeps a bounded cache of pages, fetching a page from
the source (keyset, in SQL) when the view first asks for one of its rows. Filtering and sorting are the
source's SQL; the widget only says what the user chose.
"""

import json
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import ValidationError
from models.core.ledger import PAGE_SIZE, SHORT_SEARCH_CAP, STATUS_LABELS, LedgerSource, Query, Row, short_search
from models.core.validators import parse_date
from ui import account_state, messages

# Colours mean the same everywhere: red overdue, amber due within 2 working days, green on time, grey done/void.
STATUS_COLOURS = {
    "overdue": (QColor("#fde4e1"), QColor("#a61b0f")),
    "due_soon": (QColor("#fff0d1"), QColor("#8a5300")),
    "on_time": (QColor("#e4f5e8"), QColor("#1d6b2f")),
    "done": (QColor("#efefef"), QColor("#7a7a7a")),
}
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
BACKGROUND, FOREGROUND = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole
SERVED_ROLES = frozenset({DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND})
ALL = "*"  # a stored choice filter set to 「全部」
# Two screenfuls a page: the first paint converts no more rows than it shows (200 a page made the 公文 tab's first
# paint convert 180 rows nobody saw: ≈ 2 % of the window's start-up), and scrolling fetches one page (≈ 1 ms) per
# two screens. A source may set its own `page_size`.
PAGE_ROWS = 50
MAX_CACHED_PAGES = 60  # 3,000 rows at most in memory (at 50 a page), whatever the table's size
SEARCH_DEBOUNCE_MS = 150


class LedgerModel(QAbstractTableModel):
    """Rows of a LedgerSource, fetched a page at a time on demand."""

    def __init__(self, source: LedgerSource, parent=None) -> None:
        super().__init__(parent)
        self.source = source
        self.query = Query(sort=source.default_sort, descending=source.default_descending)
        self._count = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._hot: tuple[int, list[Row]] = (-1, [])  # the page the view read last: the next cell is most likely on it
        self.page_size = getattr(source, "page_size", PAGE_ROWS)
        self.fetches = 0  # pages fetched, for tests and benchmarks

    def set_query(self, query: Query) -> None:
        self.query = query
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._hot = (-1, [])
        self._count = self.source.count(self.query)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.source.columns)

    def row(self, number: int) -> Row | None:
        if not 0 <= number < self._count:
            return None
        page_no, offset = divmod(number, self.page_size)
        page = self._hot[1] if page_no == self._hot[0] else self._page(page_no)
        return page[offset] if offset < len(page) else None

    def _page(self, page_no: int) -> list[Row]:
        if page_no in self._pages:
            self._pages.move_to_end(page_no)
            self._hot = (page_no, self._pages[page_no])
            return self._pages[page_no]
        if page_no == 0:
            after = None
        elif page_no - 1 in self._pages and self._pages[page_no - 1]:
            after = self._pages[page_no - 1][-1].key  # scrolling down: continue from the page above
        else:
            # a jump: ask the index; a capped count is not the real total, so it cannot be counted from the end
            total = None if short_search(self.query) else self._count
            after = self.source.key_at(self.query, page_no * self.page_size - 1, total=total)
        rows = self.source.page(self.query, after, self.page_size)
        self.fetches += 1
        self._pages[page_no] = rows
        self._hot = (page_no, rows)
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return rows

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        # Called for every role of every cell painted (≈ 1,400 times for the first screen): roles we do not serve
        # return at once, and the row comes from the page last used.
        if role not in SERVED_ROLES:
            return None
        row = self.row(index.row())  # an invalid index has row -1: no row
        if row is None:
            return None
        if role == DISPLAY:
            return row.values[index.column()]
        if role == TOOLTIP:  # a short state (「脱密期中」) tells the whole of it (「脱密期中（至 2028-02-28）」)
            value = row.values[index.column()]
            long = row.status_text
            return long if value and isinstance(value, str) and long.startswith(value) else value
        if role == FOREGROUND and index.column() in row.alerts:
            return STATUS_COLOURS["overdue"][1]
        colours = STATUS_COLOURS.get(row.status)
        if colours is None:
            return None
        return colours[0] if role == BACKGROUND else colours[1]

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.source.columns[section].label
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        spec = self.source.columns[column]
        if not spec.sortable:
            return
        self.set_query(Query(self.query.search, self.query.filters, spec.key,
                             order == Qt.SortOrder.DescendingOrder))


class WindowKeys(QObject):
    """Leaves the window's 编辑 keys to the window: a line edit claims Ctrl+E (to the end of the line) and others on
    X11 desktops, so that Ctrl+E typed in the search box would never export."""

    KEYS = frozenset((Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_P, Qt.Key.Key_E))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() in self.KEYS
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier):
            event.ignore()
            return True  # the line edit never sees it; the shortcut map gives it to the window's action
        return False


class LedgerView(QWidget):
    """Toolbar, filter bar, table and detail panel for one ledger; remembers its columns and filters."""

    selection_changed = Signal(object)  # the selected Row, or None

    def __init__(self, source: LedgerSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.settings = account_state.settings()  # per account, not per operating-system user
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.model = LedgerModel(source, self)

        self.search = QLineEdit()
        hint = getattr(source, "search_hint", "") or self.tr("搜索（Ctrl+F）")
        self.search.setPlaceholderText(hint)
        self.search.setClearButtonEnabled(True)
        # wide enough for the whole hint (「zjh」 finds 周建华 must be readable), within reason at 1366 px
        self.search.setMinimumWidth(min(max(220, self.search.fontMetrics().horizontalAdvance(hint) + 40), 460))
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filters)
        # ↓ from the search box goes to the rows (and frees Ctrl+E, which a line edit keeps for 「to the end」)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, context=Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self.focus_rows)
        self.window_keys = WindowKeys(self)
        self.search.installEventFilter(self.window_keys)

        self.filter_widgets: dict[str, QWidget] = {}
        filters = QHBoxLayout()
        filters.addWidget(self.search)
        chosen = QHBoxLayout()  # the filters proper: on the search's row when they fit the screen, else under it
        for spec in source.filters:
            chosen.addWidget(QLabel(spec.label))
            chosen.addWidget(self._filter_widget(spec))
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.clear_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.clear_button)
        self.saved_button = QToolButton()
        self.saved_button.setText(self.tr("常用查询"))
        self.saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.saved_button.setStyleSheet("QToolButton { padding-right: 14px; }")  # the menu arrow covered 「询」
        self.saved_menu = QMenu(self)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        self.saved_button.setMenu(self.saved_menu)
        filters.addWidget(self.saved_button)
        filters.addStretch(1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)
        # 收文 has eight filters: on one row at 1366 px its date boxes shrank to 「…」. They get a row of their own
        # when the whole bar would not fit the screen (and stay on the search's row on a 1920 px one).
        self.filters_wrapped = bool(source.filters) and self._bar_width(filters, chosen) > self._room()
        if not self.filters_wrapped:
            filters.insertLayout(1, chosen)
        self.filter_error = QLabel()
        self.filter_error.setStyleSheet("color: #b42318;")
        self.filter_error.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.column_menu().exec(header.mapToGlobal(pos)))
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty_hint = self.tr("没有记录。")  # the page says how to add the first one
        # Made when the table is first empty: PySide's first `viewport()` resolves every widget type (≈ 20 ms).
        self._empty_label: QLabel | None = None
        self.detail_html = None  # a page may render the detail itself: (row) -> html

        self.detail = QTextBrowser()
        self.detail.setMinimumWidth(200)  # at 1366 px every column but 标题 keeps its width: 标题 gets the rest
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)  # the ledger's columns need the room; the detail reads fine narrow
        self.splitter.setStretchFactor(1, 1)

        self.columns_action = QAction(self.tr("列设置"), self)
        self.columns_action.triggered.connect(lambda: self.column_menu().exec(self.columns_menu_position()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        if self.filters_wrapped:
            chosen.addStretch(1)
            layout.addLayout(chosen)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.splitter, 1)

        # Ctrl+F is the window's (编辑 → 查找 calls the page's action_find): a second owner here made Qt fire neither

        self._restore_state()
        self._stretch()
        self.apply_filters()

    # --- filters -------------------------------------------------------------------------------------------
    @staticmethod
    def _bar_width(*rows: QHBoxLayout) -> int:
        widths = [max(w.sizeHint().width(), w.minimumWidth()) for row in rows for n in range(row.count())
                  if (w := row.itemAt(n).widget()) is not None]  # the search box's minimum is wider than its hint
        return sum(widths) + 6 * len(widths)

    def _room(self) -> int:
        """The width a page has on this screen: the main window's share of it, less the margins."""
        from ui.widgets.screen_fit import available

        return int(available(self).width() * 0.92) - 40 - 200  # 200: the 系统 tab's list of pages beside it

    def _filter_widget(self, spec) -> QWidget:
        if spec.kind == "choice":
            widget = QComboBox()
            widget.addItem(self.tr("全部"), None)
            for value, label in spec.choices:
                widget.addItem(label, value)
            widget.setCurrentIndex(max(widget.findData(spec.default), 0) if spec.default is not None else 0)
            widget.currentIndexChanged.connect(lambda _: self.apply_filters())
            # a long choice (「县人力资源和社会保障局」) must not widen the bar past the screen: the box shows eight
            # characters at most, its list shows every choice whole
            metrics = widget.fontMetrics()
            widget.setMaximumWidth(metrics.horizontalAdvance("县人力资源社会") + 44)
            widget.view().setMinimumWidth(max((metrics.horizontalAdvance(widget.itemText(i))
                                               for i in range(widget.count())), default=0) + 32)
        elif spec.kind == "check":
            widget = QCheckBox()
            widget.toggled.connect(lambda _: self.apply_filters())
        else:  # date: typed as people write dates, checked by the shared validator
            widget = QLineEdit()
            widget.setPlaceholderText(self.tr("年-月-日"))  # 「如 2026-11-01」 was clipped in a full filter bar
            widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance("2026-11-30") + 16)  # never 「…」
            widget.setMaximumWidth(120)
            widget.editingFinished.connect(self.apply_filters)
            widget.installEventFilter(self.window_keys)
        self.filter_widgets[spec.key] = widget
        return widget

    def filter_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        self.filter_error.hide()
        for spec in self.source.filters:
            widget = self.filter_widgets[spec.key]
            if isinstance(widget, QComboBox):
                values[spec.key] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                values[spec.key] = widget.isChecked()
            elif widget.text().strip():
                try:
                    values[spec.key] = parse_date(widget.text(), spec.key)
                    widget.setStyleSheet("")
                except ValidationError as exc:
                    widget.setStyleSheet("border: 1px solid #d92d20;")
                    self.filter_error.setText(f"{spec.label}：{exc.message}")
                    self.filter_error.show()
        return values

    def apply_filters(self) -> None:
        self._debounce.stop()
        query = Query(self.search.text().strip(), self.filter_values(), self.model.query.sort,
                      self.model.query.descending)
        self.model.set_query(query)
        self._show_count()
        self._save_filters()
        self._current_changed(self.table.currentIndex())

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        defaults = {spec.key: spec.default for spec in self.source.filters}
        for key, widget in self.filter_widgets.items():
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(defaults[key]), 0) if defaults[key] is not None else 0)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(False)
            else:
                widget.clear()
                widget.setStyleSheet("")
            widget.blockSignals(False)
        self.apply_filters()

    def show_everything(self) -> None:
        """Every filter at 「全部」, the search box empty."""
        self.set_filter_state({"search": "", **{key: ALL if isinstance(widget, QComboBox) else ""
                                                for key, widget in self.filter_widgets.items()}})
        self.apply_filters()

    def focus_rows(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- columns, selection, detail ----------------------------------------------------------------------
    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        for number, column in enumerate(self.source.columns):
            action = menu.addAction(column.label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(number))
            action.toggled.connect(lambda on, n=number: self.set_column_visible(n, on))
        return menu

    def stretch_column(self) -> int:
        """The column that takes the spare width: the source's `stretch` key, else 标题, else the widest."""
        keys = [c.key for c in self.source.columns]
        key = getattr(self.source, "stretch", None) or ("title" if "title" in keys else None)
        if key in keys:
            return keys.index(key)
        return max(range(len(keys)), key=lambda n: self.source.columns[n].width)

    def _stretch(self) -> None:
        """The stretch column fills what the others leave (at 1920 px 标题 reads whole; at 1366 px 状态 stays on
        screen); the others keep the widths the user gave them."""
        header = self.table.horizontalHeader()
        number = self.stretch_column()
        for section in range(header.count()):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Interactive)
        if header.isSectionHidden(number):
            header.setStretchLastSection(True)
            return
        header.setStretchLastSection(False)
        header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)

    def columns_menu_position(self):
        """Under the 列设置 button, wherever the page put it (the toolbar's left end is another step's)."""
        button = self.toolbar.widgetForAction(self.columns_action)
        if button is None or not button.isVisible():
            return self.toolbar.mapToGlobal(self.toolbar.rect().bottomLeft())
        return button.mapToGlobal(button.rect().bottomLeft())

    def set_column_visible(self, number: int, visible: bool) -> None:
        header = self.table.horizontalHeader()
        if not visible and header.count() - header.hiddenSectionCount() <= 1:
            return  # keep at least one column
        header.setSectionHidden(number, not visible)
        self._stretch()
        self.save_state()

    def selected_row(self) -> Row | None:
        return self.model.row(self.table.currentIndex().row())

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            self.detail.setHtml(f"<p style='color:#666'>{self.tr('选中一行查看详情。')}</p>")
        elif self.detail_html is not None:
            self.detail.setHtml(self.detail_html(row))
        else:
            self.detail.setHtml(self._detail_html(self.source.detail(row.id), row.status, row.status_text))
        self.selection_changed.emit(row)

    def _detail_html(self, lines: list[tuple[str, str]], status: str | None, why: str = "") -> str:
        from html import escape

        parts = []
        if status in STATUS_LABELS:
            colour = STATUS_COLOURS[status][1].name()
            parts.append(f"<p style='color:{colour}'><b>{escape(why or STATUS_LABELS[status])}</b></p>")
        for label, value in lines:
            text = escape(value).replace("\n", "<br>").replace(" ", "&nbsp;") if value else "—"
            parts.append(f"<p><b>{escape(label)}</b><br>{text}</p>")
        return "".join(parts)

    # --- persistence -------------------------------------------------------------------------------------
    def _key(self, what: str) -> str:
        return f"ledger/{self.source.name}/{what}"

    def save_state(self) -> None:
        self.settings.setValue(self._key("header"), self.table.horizontalHeader().saveState())
        self.settings.setValue(self._key("splitter"), self.splitter.saveState())

    def filter_state(self) -> dict[str, Any]:
        """The search text and every filter as plain values (for QSettings and saved searches)."""
        state: dict[str, Any] = {"search": self.search.text()}
        defaults = {spec.key: spec.default for spec in self.source.filters}
        for key, widget in self.filter_widgets.items():
            if isinstance(widget, QComboBox):
                value = widget.currentData()
                if value is None and defaults[key] is not None:
                    value = ALL  # 「全部」 chosen over a default, kept apart from 「nothing stored」
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            else:
                value = widget.text()
            state[key] = "" if value is None else value
        return state

    def set_filter_state(self, state: dict[str, Any]) -> None:
        """Put a saved state back in the widgets without querying once per widget."""
        self.search.blockSignals(True)
        self.search.setText(str(state.get("search") or ""))
        self.search.blockSignals(False)
        defaults = {spec.key: spec.default for spec in self.source.filters}
        for key, widget in self.filter_widgets.items():
            value = state.get(key)
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                if value in (None, "") and defaults[key] is not None:
                    value = defaults[key]
                widget.setCurrentIndex(max(widget.findData(value), 0) if value not in (None, "", ALL) else 0)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(value in (True, "true", "1"))
            else:
                widget.setText("" if value is None else str(value))
            widget.blockSignals(False)

    def _save_filters(self) -> None:
        for key, value in self.filter_state().items():
            self.settings.setValue(self._key("search" if key == "search" else f"filter/{key}"), value)

    # --- saved searches (常用查询), kept per ledger on this workstation ----------------------------------------
    def saved_searches(self) -> dict[str, dict]:
        try:
            saved = json.loads(str(self.settings.value(self._key("saved"), "{}") or "{}"))
        except ValueError:
            return {}
        return saved if isinstance(saved, dict) else {}

    def save_search(self, name: str) -> None:
        saved = self.saved_searches()
        saved[name.strip()] = self.filter_state()
        self.settings.setValue(self._key("saved"), json.dumps(saved, ensure_ascii=False))

    def delete_search(self, name: str) -> None:
        saved = self.saved_searches()
        saved.pop(name, None)
        self.settings.setValue(self._key("saved"), json.dumps(saved, ensure_ascii=False))

    def use_search(self, name: str) -> None:
        state = self.saved_searches().get(name)
        if state is not None:
            self.set_filter_state(state)
            self.apply_filters()

    def _ask_and_save(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # its type loads with the first saved search, not at start-up

        name, ok = QInputDialog.getText(self, self.tr("保存常用查询"), self.tr("给当前的搜索和筛选起个名字："))
        name = name.strip()
        if not ok:
            return
        if not name or len(name) > 20:
            messages.warn(self, self.tr("保存常用查询"), self.tr("名字应为 1 到 20 个字。"))
            return
        self.save_search(name)

    def _fill_saved_menu(self) -> None:
        self.saved_menu.clear()
        saved = self.saved_searches()
        for name in saved:
            self.saved_menu.addAction(name).triggered.connect(lambda _=False, n=name: self.use_search(n))
        if saved:
            self.saved_menu.addSeparator()
        self.saved_menu.addAction(self.tr("保存当前查询…")).triggered.connect(self._ask_and_save)
        if saved:
            remove = self.saved_menu.addMenu(self.tr("删除"))
            for name in saved:
                remove.addAction(name).triggered.connect(lambda _=False, n=name: self.delete_search(n))

    def _restore_state(self) -> None:
        header = self.table.horizontalHeader()
        state = self.settings.value(self._key("header"))
        if state is not None:
            header.restoreState(state)
        else:
            for number, column in enumerate(self.source.columns):
                header.resizeSection(number, column.width)
                header.setSectionHidden(number, not column.visible)
            # no arrow when the default order is not one column's (涉密人员: 在岗 first, then level, unit, name)
            sort_column = next((n for n, c in enumerate(self.source.columns) if c.key == self.source.default_sort), -1)
            header.setSortIndicator(sort_column, Qt.SortOrder.DescendingOrder if self.source.default_descending
                                    else Qt.SortOrder.AscendingOrder)
        splitter = self.settings.value(self._key("splitter"))
        if splitter is not None:
            self.splitter.restoreState(splitter)
        header.sectionResized.connect(lambda *_: self.save_state())
        header.sectionMoved.connect(lambda *_: self.save_state())
        header.sortIndicatorChanged.connect(lambda *_: self.save_state())
        # Sorting is wired by hand (not setSortingEnabled) so that restoring the saved order costs no query.
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        stored = {"search": self.settings.value(self._key("search"), "")}
        stored.update({key: self.settings.value(self._key(f"filter/{key}")) for key in self.filter_widgets})
        self.set_filter_state(stored)
        if state is not None:
            section = header.sortIndicatorSection()
            if 0 <= section < len(self.source.columns):
                spec = self.source.columns[section]
                self.model.query = Query(sort=spec.key,
                                         descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        self.model.sort(section, order)
        self._show_count()

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        self._show_empty(rows == 0)
        if rows >= SHORT_SEARCH_CAP and short_search(self.model.query):
            self.count_label.setText(self.tr("超过 %1 条，只列出前 %1 条；请多输入几个字").replace("%1", str(rows)))
        else:
            self.count_label.setText(self.tr("共 %n 条", "", rows))

    @property
    def empty_label(self) -> QLabel:
        """Over the rows when there are none: why, and what to do (the page's hint, or 「清除筛选」)."""
        if self._empty_label is None:
            self._empty_label = QLabel(self.table.viewport())
            self._empty_label.setStyleSheet("color: #666; padding: 24px;")
            self._empty_label.setWordWrap(True)
            self._empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return self._empty_label

    def _show_empty(self, empty: bool) -> None:
        if not empty:
            if self._empty_label is not None:
                self._empty_label.hide()
            return
        filtered = bool(self.search.text().strip()) or any(
            value not in (None, False) and value != spec.default
            for spec, value in ((spec, self.model.query.filters.get(spec.key)) for spec in self.source.filters))
        self.empty_label.setText(self.tr("没有符合条件的记录。可以换个关键词，或点「清除筛选」。") if filtered
                                 else self.empty_hint)
        self.empty_label.show()
        self.empty_label.resize(self.table.viewport().size())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._empty_label is not None and self._empty_label.isVisible():
            self._empty_label.resize(self.table.viewport().size())

    def visible_columns(self) -> list[int]:
        """The columns on screen, in the order the user arranged them."""
        header = self.table.horizontalHeader()
        shown = [n for n in range(len(self.source.columns)) if not header.isSectionHidden(n)]
        return sorted(shown, key=header.visualIndex)

    def refresh(self, keep_selection: bool = True) -> None:
        """Re-read the rows; the rows selected before stay selected when they are still near the top."""
        selected = {r.id for r in (self.model.row(i.row()) for i in self.table.selectionModel().selectedRows())
                    if r is not None} if keep_selection else set()
        self.apply_filters()
        if selected:
            self.select_ids(selected)

    def select_ids(self, ids: set[int], search_rows: int = PAGE_SIZE * 3) -> None:
        from PySide6.QtCore import QItemSelectionModel

        selection = self.table.selectionModel()
        first = True
        for number in range(min(self.model.rowCount(), search_rows)):
            row = self.model.row(number)
            if row is not None and row.id in ids:
                index = self.model.index(number, 0)
                how = QItemSelectionModel.SelectionFlag
                flags = how.Rows | (how.ClearAndSelect if first else how.Select)
                selection.select(index, flags)
                if first:
                    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                    self._current_changed(index)
                first = False


    def select_record(self, row_id: int, clear_filters: bool = True) -> bool:
        """Select the row of record `row_id` and scroll to it. The source says where the record stands in the
        sorted rows (one count through the index, wherever it is); a record the filters hide clears them first."""
        offset_of = getattr(self.source, "offset_of", None)
        if offset_of is None:
            self.select_ids({row_id})
            found = self.selected_row()
            return found is not None and found.id == row_id
        number = offset_of(self.model.query, row_id)
        if number is None and clear_filters:
            self.clear_filters()
            number = offset_of(self.model.query, row_id)
        if number is None and clear_filters and any(spec.default is not None for spec in self.source.filters):
            self.show_everything()  # a default filter (在岗及脱密期, 本班及未办结) hides it: show 全部
            number = offset_of(self.model.query, row_id)
        if number is None:
            return False
        row = self.model.row(number)
        if row is None or row.id != row_id:  # the rows on screen are older than the record: read them again
            self.apply_filters()
            row = self.model.row(number)
        if row is None or row.id != row_id:
            return False
        from PySide6.QtCore import QItemSelectionModel

        # through the selection model: the view's selectRow() reads the keyboard, and with Ctrl still held from the
        # step's shortcut it would add the row to the old selection instead of replacing it
        index = self.model.index(number, 0)
        flags = QItemSelectionModel.SelectionFlag
        unchanged = self.table.currentIndex().row() == number
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index)
        if unchanged:  # no signal for the same row, yet the record behind it changed
            self._current_changed(index)
        return True
