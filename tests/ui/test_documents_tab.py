"""The 公文 tab through the window: register by keyboard, route through the flow, search by two characters."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models.core import clock
from models.core.ledger import Query
from models.documents import incoming as documents
from tests.ui.conftest import type_text
from ui.documents.tab import DocumentsTab
from ui.widgets.step_dialog import StepDialog


@pytest.fixture
def tab(qtbot, clerk):
    widget = DocumentsTab(clerk)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill_and_accept(monkeypatch, values: dict) -> list[StepDialog]:
    """Answer the next dialogs as a user would: type the values, press Ctrl+Enter."""
    opened = []

    def exec_(dialog):
        opened.append(dialog)
        for key, value in values.items():
            if key in dialog.widgets:
                dialog.set_value(key, value)
        dialog.save()
        return dialog.result() == StepDialog.DialogCode.Accepted

    monkeypatch.setattr(StepDialog, "exec", exec_)
    return opened


def test_register_then_route_through_the_flow(tab, monkeypatch, shown):
    page = tab.incoming
    fill_and_accept(monkeypatch, {"source_org": "市委办公室", "title": "关于做好元旦春节期间安全保密工作的通知",
                                  "secrecy": "机密", "secrecy_term": "10年", "copy_nos": "000012", "urgency": "特急"})
    page.action_new()
    assert page.ledger.model.rowCount() == 1
    doc = documents.Incoming.get()
    assert doc.receipt_no.endswith("1号") and "刚登记" in page.last_registered.text()
    page.ledger.table.selectRow(0)
    fill_and_accept(monkeypatch, {"opinion": "拟请周主任阅示"})
    page.run("propose")
    fill_and_accept(monkeypatch, {"leader": "周主任", "text": "请保密办抓紧落实"})
    page.run("instruct")
    fill_and_accept(monkeypatch, {"lead_unit": "保密办"})  # 特急 without a deadline: refused beside the field
    page.run("assign")
    assert documents.get(tab.session, doc.id).status == "instructed"
    fill_and_accept(monkeypatch, {"lead_unit": "保密办", "workdays": "3"})
    page.run("assign")
    assert documents.get(tab.session, doc.id).status == "assigned"
    fill_and_accept(monkeypatch, {"result": "已落实"})
    page.ledger.table.selectRow(0)
    page.run("close")
    assert documents.get(tab.session, doc.id).status == "closed"


def test_a_refused_step_shows_the_reason_beside_the_field(tab, monkeypatch, clerk):
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    tab.incoming.ledger.refresh()
    tab.incoming.ledger.table.selectRow(0)
    opened = fill_and_accept(monkeypatch, {"text": "同意"})  # no leader named
    tab.incoming.run("instruct")
    form = opened[0].form
    assert not form.errors["leader"].isHidden() and "批示领导" in form.errors["leader"].text()


def test_search_by_two_characters(tab, clerk, qtbot):
    for title in ("关于保密检查的通知", "关于资金下达的通知"):
        documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": title})
    ledger = tab.incoming.ledger
    ledger.refresh()
    type_text(ledger.search, "保密")
    qtbot.waitUntil(lambda: ledger.model.rowCount() == 1)
    assert ledger.model.row(0).values[4] == "关于保密检查的通知"
    assert ledger.source.count(Query(search="保密")) == 1


def test_nothing_selected_says_so(tab, shown):
    tab.incoming.run("propose")
    assert shown and "请先在台账中选中" in shown[-1][2]


def test_reports_render(tab, clerk):
    tab.pages.setCurrentIndex(2)
    QApplication.processEvents()
    assert "当日盘点" in tab.pages.currentWidget().view.toPlainText()
    tab.pages.setCurrentIndex(3)
    QApplication.processEvents()
    assert "发文字号检查" in tab.pages.currentWidget().view.toPlainText()


def test_leaders_see_the_ledger_without_the_steps(qtbot, three):
    from models.core import accounts
    from models.core.rights import Role

    accounts.add_user(three[Role.SYSADMIN], "zhouzr", "周主任", "Temp@2026abc")
    accounts.grant(three[Role.SECADMIN], "zhouzr", "leader")
    leader = accounts.change_password(accounts.login("zhouzr", "Temp@2026abc"), "Temp@2026abc", "Zhou@2026abcd")
    widget = DocumentsTab(leader)
    qtbot.addWidget(widget)
    labels = [a.text() for a in widget.incoming.ledger.toolbar.actions()]
    assert "登记" not in labels and "导出台账" in labels and "导入旧台账" not in labels
    assert widget.incoming.ledger.search.placeholderText()
    assert Qt.ContextMenuPolicy.CustomContextMenu == widget.incoming.ledger.table.contextMenuPolicy()


def test_the_step_keys_work_in_the_window(qtbot, clerk, monkeypatch, shown):
    """Ctrl+digit is the page's step, not the 视图 menu's tab switch (two owners would make Qt fire neither)."""
    from PySide6.QtTest import QTest

    from ui.main_window import MainWindow

    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "title": "关于甲的通知"})
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.tabs.setCurrentWidget(window.module_tabs["documents"])
    window.module_tabs["documents"].incoming.ledger.table.selectRow(0)
    opened = fill_and_accept(monkeypatch, {"leader": "周主任", "text": "同意"})
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert [d.windowTitle() for d in opened] == ["登记领导批示"]
    assert documents.Incoming.get().status == "instructed"
    opened.clear()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [d.windowTitle() for d in opened] == ["收文登记"]
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 0


def test_a_short_search_over_the_cap_asks_for_more_characters(tab, monkeypatch):
    from models.core import ledger

    monkeypatch.setattr(ledger, "SHORT_SEARCH_CAP", 2)
    from ui.widgets import ledger as ledger_widget

    monkeypatch.setattr(ledger_widget, "SHORT_SEARCH_CAP", 2)
    for n in range(3):
        documents.register(tab.session, {"received_on": clock.today(), "source_org": "市委", "title": f"关于第{n}项的通知"})
    view = tab.incoming.ledger
    type_text(view.search, "通知")
    view.apply_filters()
    assert view.model.rowCount() == 2 and "请多输入几个字" in view.count_label.text()
    type_text(view.search, "项的通知")
    view.apply_filters()
    assert view.model.rowCount() == 3 and view.count_label.text() == "共 3 条"


def test_saved_searches_come_back_with_their_filters(tab, monkeypatch):
    view = tab.incoming.ledger
    documents.register(tab.session, {"received_on": clock.today(), "source_org": "市委", "title": "关于保密检查的通知",
                                     "urgency": "特急"})
    documents.register(tab.session, {"received_on": clock.today(), "source_org": "市委", "title": "关于保密培训的通知"})
    type_text(view.search, "保密")
    view.filter_widgets["urgency"].setCurrentIndex(view.filter_widgets["urgency"].findData("特急"))
    view.apply_filters()
    assert view.model.rowCount() == 1
    view.save_search("特急保密件")
    view.clear_filters()
    assert view.model.rowCount() == 2 and view.search.text() == ""
    view.use_search("特急保密件")
    assert view.model.rowCount() == 1 and view.search.text() == "保密"
    again = type(view)(view.source)  # another window on this workstation sees it too
    assert "特急保密件" in again.saved_searches()
    view.delete_search("特急保密件")
    assert view.saved_searches() == {}


def test_correct_a_registration_from_the_window(tab, monkeypatch, shown):
    doc, _ = documents.register(tab.session, {"received_on": clock.today(), "source_org": "市委办公室",
                                              "title": "关于甲的通知"})
    page = tab.incoming
    page.ledger.refresh()
    page.ledger.table.selectRow(0)
    opened = fill_and_accept(monkeypatch, {"title": "关于乙的通知", "source_org": "市政府办公室"})
    page.run("edit")
    assert opened[0].values()["received_on"] == f"{clock.today():%Y-%m-%d}"  # the form opened with what was stored
    changed = documents.get(tab.session, doc.id)
    assert (changed.title, changed.source_org, changed.receipt_no) == ("关于乙的通知", "市政府办公室", doc.receipt_no)
    assert any("修改登记" in e.summary for e in documents.history(tab.session, doc.id))


def test_down_from_the_search_box_goes_to_the_rows(qtbot, tab):
    from PySide6.QtTest import QTest

    documents.register(tab.session, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    view = tab.incoming.ledger
    view.refresh()
    tab.activateWindow()
    qtbot.waitActive(tab)
    view.focus_search()
    QTest.keyClick(tab.windowHandle(), Qt.Key.Key_Down)
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0


def test_print_the_years_ledger_from_the_window(qtbot, tab, monkeypatch, shown):
    from ui.documents import files

    documents.register(tab.session, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    previews, asked = [], []

    def ask(dialog):
        asked.append((dialog.windowTitle(), dialog.ok.text(), [dialog.report.itemData(i)
                                                               for i in range(dialog.report.count())]))
        return True

    monkeypatch.setattr(files.ExportDialog, "exec", ask)
    monkeypatch.setattr(files.PreviewDialog, "exec", lambda self: previews.append((self.pdf, self.windowTitle())))
    tab.incoming.run("print_ledger")
    assert asked == [("打印台账", "打印预览…", ["incoming-ledger", "incoming-progress"])]  # not 「导出…」
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    pdf, title = previews[0]
    assert pdf.read_bytes().startswith(b"%PDF") and title.startswith("收文登记簿") and "1 条" in title


def test_the_outgoing_page_is_built_when_first_opened(tab):
    assert tab.built_pages.built() == ["incoming"]  # 发文, 当日盘点 and 文号检查 wait for their first view
    tab.pages.setCurrentIndex(1)
    assert tab.built_pages.built() == ["incoming", "outgoing"] and tab.pages.currentWidget() is tab.outgoing
    assert tab.pages.tabText(1) == "发文"
