"""The shared ledger widget over a source of 10,000 rows: paging, jumps, sorting, search, columns, colours."""

from bisect import bisect_left, bisect_right

from PySide6.QtCore import Qt

from models.core.ledger import Column, FilterSpec, Query, Row
from tests.ui.conftest import type_text
from ui.widgets.ledger import STATUS_COLOURS, LedgerModel, LedgerView

STATUSES = ("overdue", "due_soon", "on_time", "done")


class FakeSource:
    """Keyset paging over a list, counting calls: what a models/ source does in SQL."""

    name = "fake"
    title = "测试"
    columns = (Column("id", "编号", 60), Column("title", "标题", 200), Column("unit", "单位", 100))
    filters = (FilterSpec("status", "状态", "choice", tuple((s, s) for s in STATUSES)),)
    default_sort = "id"
    default_descending = False

    def __init__(self, n=10_000):
        self.rows = [(i, f"关于第{i}号事项的通知", f"单位{i % 7}", STATUSES[i % 4]) for i in range(1, n + 1)]
        self.key_at_calls = 0
        self.page_calls = 0
        self._sorted: dict[tuple, tuple[list, list]] = {}

    def _matching(self, query):
        return self._sorted_with_keys(query)[0]

    def _sorted_with_keys(self, query):
        """The matching rows in the query's order, and their keys ascending. Kept per query, as a database keeps its
        index: filtering and sorting 50,000 rows at every page call made test_page_cache_is_bounded take 30 s."""
        which = (query.search, query.filters.get("status"), query.sort, query.descending)
        if which not in self._sorted:
            rows = [r for r in self.rows if query.search in r[1]]
            if query.filters.get("status"):
                rows = [r for r in rows if r[3] == query.filters["status"]]
            column = {"id": 0, "title": 1, "unit": 2}[query.sort or "id"]
            rows = sorted(rows, key=lambda r: (r[column], r[0]), reverse=query.descending)
            keys = [self._key(query, r) for r in rows]
            self._sorted[which] = (rows, keys[::-1] if query.descending else keys)
        return self._sorted[which]

    def _key(self, query, r):
        return (r[{"id": 0, "title": 1, "unit": 2}[query.sort or "id"]], r[0])

    def count(self, query):
        return len(self._matching(query))

    def page(self, query, after, limit=200):
        self.page_calls += 1
        rows, ascending = self._sorted_with_keys(query)
        start = 0
        if after is not None:  # the rows after `after` in the query's order, found by bisection
            start = (len(rows) - bisect_left(ascending, after)) if query.descending else bisect_right(ascending, after)
        return [Row(r[0], self._key(query, r), (str(r[0]), r[1], r[2]), r[3]) for r in rows[start:start + limit]]

    def key_at(self, query, offset, total=None):
        self.key_at_calls += 1
        rows = self._matching(query)
        return self._key(query, rows[offset]) if offset < len(rows) else None

    def detail(self, row_id):
        return [("编号", str(row_id))]


def counted(source):
    model = LedgerModel(source)
    model.refresh()  # the view does this once its saved filters are restored
    return model


def test_model_fetches_only_the_pages_it_shows(qapp):
    source = FakeSource()
    model = counted(source)
    assert model.rowCount() == 10_000 and source.page_calls == 0
    second = model.page_size + 10
    assert model.row(0).values[0] == "1" and model.row(second).values[0] == str(second + 1)
    assert source.page_calls == 2 and source.key_at_calls == 0  # the second page continued from the first
    assert model.row(7_777).values[0] == "7778"  # a jump asks for the key at that offset
    assert source.key_at_calls == 1 and source.page_calls == 3


def test_model_sorts_in_the_source_descending(qapp):
    source = FakeSource()
    model = counted(source)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.row(0).values[0] == "10000" and model.row(9_999).values[0] == "1"


def test_page_cache_is_bounded(qapp):
    source = FakeSource(50_000)
    model = counted(source)
    for number in range(0, 50_000, 200):
        model.row(number)
    assert len(model._pages) <= 60


def test_status_colours(qapp):
    model = counted(FakeSource())
    for number, status in enumerate(("due_soon", "on_time", "done", "overdue")):
        index = model.index(number, 1)
        assert model.data(index, Qt.ItemDataRole.BackgroundRole) == STATUS_COLOURS[status][0]


def test_search_is_debounced_and_filters(qtbot):
    source = FakeSource()
    view = LedgerView(source)
    qtbot.addWidget(view)
    type_text(view.search, "第123号")
    assert view.model.rowCount() == 10_000  # not yet: the debounce waits for the typing to stop
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert "共 1 条" in view.count_label.text()
    view.clear_filters()
    assert view.model.rowCount() == 10_000


def test_filters_and_columns_persist(qtbot):
    view = LedgerView(FakeSource())
    qtbot.addWidget(view)
    combo = view.filter_widgets["status"]
    combo.setCurrentIndex(combo.findData("done"))
    view.set_column_visible(0, False)
    view.table.horizontalHeader().resizeSection(2, 333)  # 标题 (1) takes the spare width: its size is not kept
    again = LedgerView(FakeSource())
    qtbot.addWidget(again)
    assert again.filter_widgets["status"].currentData() == "done"
    assert again.model.rowCount() == 2_500
    assert again.table.horizontalHeader().isSectionHidden(0)
    assert again.table.horizontalHeader().sectionSize(2) == 333


def test_selecting_a_row_shows_its_detail(qtbot):
    view = LedgerView(FakeSource())
    qtbot.addWidget(view)
    view.table.selectRow(4)
    text = view.detail.toPlainText()
    assert "编号" in text and "5" in text and "即将到期" in text  # row 5 is due_soon in the fake source


def test_column_chooser_keeps_one_column(qtbot):
    view = LedgerView(FakeSource())
    qtbot.addWidget(view)
    for number in range(3):
        view.set_column_visible(number, False)
    header = view.table.horizontalHeader()
    assert header.count() - header.hiddenSectionCount() == 1
    assert len(view.column_menu().actions()) == 3


def test_query_default_comes_from_the_source(qapp):
    assert LedgerModel(FakeSource()).query == Query(sort="id", descending=False)


def test_an_empty_ledger_says_why_and_a_full_one_makes_no_hint(qtbot):
    full = LedgerView(FakeSource(50))
    qtbot.addWidget(full)
    assert full._empty_label is None  # built only when needed: PySide's first viewport() costs ≈ 20 ms at start-up
    empty = LedgerView(FakeSource(0))
    qtbot.addWidget(empty)
    empty.empty_hint = "还没有记录。按 Ctrl+N 登记。"
    empty.refresh()
    empty.show()
    assert empty.empty_label.isVisible() and empty.empty_label.text() == "还没有记录。按 Ctrl+N 登记。"
    full.show()
    type_text(full.search, "没有这个标题")
    full.apply_filters()
    assert full.empty_label.isVisible() and "清除筛选" in full.empty_label.text()
    full.clear_filters()
    assert not full.empty_label.isVisible() and full.model.rowCount() == 50


def test_the_title_column_takes_the_spare_width_and_the_last_stays_on_screen(qtbot):
    view = LedgerView(FakeSource())
    qtbot.addWidget(view)
    header = view.table.horizontalHeader()
    view.resize(1400, 600)
    view.show()
    qtbot.waitExposed(view)
    wide = header.sectionSize(1)
    assert wide > 200 and header.sectionSize(2) == 100  # 标题 grew, 单位 kept its width
    view.resize(700, 600)
    qtbot.waitUntil(lambda: header.sectionSize(1) < wide)
    assert header.sectionViewportPosition(2) + header.sectionSize(2) <= view.table.viewport().width()


def test_the_column_menu_opens_under_its_button(qtbot):
    view = LedgerView(FakeSource())
    qtbot.addWidget(view)
    view.toolbar.addAction("新建")
    view.toolbar.addAction("办理")
    view.toolbar.addAction(view.columns_action)
    view.show()
    qtbot.waitExposed(view)
    button = view.toolbar.widgetForAction(view.columns_action)
    assert view.columns_menu_position() == button.mapToGlobal(button.rect().bottomLeft())
    assert view.columns_menu_position().x() > view.toolbar.mapToGlobal(view.toolbar.rect().bottomLeft()).x()
