"""The 督办 tab: built for the 文书 with the flow's steps and for the 领导 with none that write; 立项 and 交办 by their
shortcuts' steps, 催办 on several rows at once, the 督办单 issued into its preview, and the 督查通报 page."""

from datetime import date

import pytest

from models.core.rights import Role
from models.supervision.items import SupervisionItem, SupervisionSlip, SupervisionUrge
from tests.conftest import business_user
from tests.supervision_helpers import make
from tests.ui.test_documents_tab import fill_and_accept
from ui.main_window import MainWindow
from ui.supervision.tab import SupervisionTab
from ui.widgets import preview

WRITING = {"create", "assign", "feedback", "extend", "approve_extension", "reject_extension", "report",
           "submit_review", "close", "reject_review", "urge", "slip", "archive", "send_back", "reassign", "stage_done",
           "edit"}


@pytest.fixture
def leader(three):
    return business_user(three, "lilingdao", "李领导", "leader")


def build(qtbot, session) -> SupervisionTab:
    tab = SupervisionTab(session)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_the_tab_is_in_the_window_for_clerk_and_leader_only(qtbot, three, clerk, leader):
    for session, expected in ((clerk, True), (leader, True), (three[Role.SYSADMIN], False)):
        window = MainWindow(session)
        qtbot.addWidget(window)
        labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert ("督办" in labels) is expected, (session.username, labels)


def test_the_leader_reads_but_has_no_step_that_writes(qtbot, clerk, leader, move_clock):
    move_clock(date(2026, 6, 10))
    make(clerk, due="2026-05-29", assigned_on=date(2026, 4, 1))
    tab = build(qtbot, leader)
    page = tab.ledger
    assert page.ledger.model.rowCount() == 1
    assert not WRITING & set(page.steps) and {"print_ledger", "export_ledger"} <= set(page.steps)
    labels = [a.text() for a in page.ledger.toolbar.actions()]
    assert "立项" not in labels and "催办" not in labels
    page.action_new()  # Ctrl+N does nothing for a reader
    assert SupervisionItem.select().count() == 1
    clerk_tab = build(qtbot, clerk)
    assert WRITING <= set(clerk_tab.ledger.steps)


def test_register_and_assign_through_the_steps(qtbot, clerk, monkeypatch, shown):
    tab = build(qtbot, clerk)
    page = tab.ledger
    fill_and_accept(monkeypatch, {"source_type": "领导批示件", "title": "尽快解决城东片区居民饮水问题",
                                  "lead_unit": "县水利局", "due": "20个工作日", "assign": "暂不交办"})
    page.action_new()
    item = SupervisionItem.get()
    assert (item.status, item.lead_unit, item.due_date) == ("registered", "县水利局", date(2026, 7, 9))
    assert page.ledger.model.rowCount() == 1 and page.ledger.selected_row().id == item.id
    assert page.actions["assign"].isEnabled() and not page.actions["feedback"].isEnabled()
    fill_and_accept(monkeypatch, {})
    page.run("assign")
    assert SupervisionItem.get().status == "assigned"
    assert page.actions["feedback"].isEnabled() and not page.actions["assign"].isEnabled()
    assert page.ledger.model.row(0).values[8] == "已交办"
    opened = fill_and_accept(monkeypatch, {"content": "已制定供水方案", "percent": "140"})
    assert page.run("feedback") is None  # a wrong percent stays in the dialog beside its field
    assert "percent" in opened[0].form.errors and SupervisionItem.get().progress == 0
    fill_and_accept(monkeypatch, {"title": "尽快解决城东片区居民饮水安全问题", "handler": "王局长"})
    page.run("edit")
    item = SupervisionItem.get()
    assert (item.title, item.handler, item.version > 1) == ("尽快解决城东片区居民饮水安全问题", "王局长", True)


def test_urge_several_rows_at_once(qtbot, clerk, monkeypatch):
    for title in ("事项甲", "事项乙"):
        make(clerk, title=title)
    tab = build(qtbot, clerk)
    page = tab.ledger
    page.ledger.table.selectAll()
    fill_and_accept(monkeypatch, {"method": "书面", "request": "请报送进展"})
    page.run("urge")
    assert [(u.item_id, u.method) for u in SupervisionUrge.select().order_by(SupervisionUrge.item)] == [
        (1, "书面"), (2, "书面")]


def test_a_slip_is_issued_and_previewed(qtbot, clerk, monkeypatch, move_clock):
    move_clock(date(2026, 6, 10))
    make(clerk, due="2026-05-29", assigned_on=date(2026, 4, 1))
    tab = build(qtbot, clerk)
    page = tab.ledger
    page.ledger.table.selectRow(0)
    previewed = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda dialog: previewed.append(dialog.windowTitle()))
    fill_and_accept(monkeypatch, {"signer": "周主任"})
    page.run("slip")
    qtbot.waitUntil(lambda: bool(previewed))
    assert previewed == ["红色督办单 督办单〔2026〕1号"]
    assert SupervisionSlip.get().signer == "周主任"
    assert any(label == "督办单" for label, _ in page.source.detail(1))


def test_the_bulletin_page_shows_and_saves_the_figures(qtbot, clerk, monkeypatch, tmp_path, shown, move_clock):
    move_clock(date(2026, 6, 10))
    make(clerk, due="2026-05-29", assigned_on=date(2026, 4, 1), lead_unit="县财政局")
    tab = build(qtbot, clerk)
    tab.pages.setCurrentIndex(1)
    page = tab.bulletin
    text = page.view.toPlainText()
    assert "关于截至2026年6月10日督办事项办理情况的通报" in text and "县财政局" in text and "已逾期8个工作日" in text
    page.as_of.setDate(page.as_of.date().addDays(-30))
    assert "截至2026年5月11日" in page.view.toPlainText() and page.bulletin.total.due == 0
    target = tmp_path / "通报.docx"
    monkeypatch.setattr(preview, "save_path", lambda *a: str(target))
    assert page.save("docx") == str(target) and target.exists()
    assert shown[-1][0] == "info"


def test_the_bulletin_prints_through_the_programs_preview(qtbot, clerk, monkeypatch, move_clock):
    move_clock(date(2026, 6, 10))
    make(clerk, due="2026-05-29", assigned_on=date(2026, 4, 1), secrecy="秘密")
    tab = build(qtbot, clerk)
    tab.pages.setCurrentWidget(tab.bulletin)
    opened = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    tab.bulletin.action_print()
    assert opened and opened[0].windowTitle() == "督查通报（截至 2026-06-10）"
    from tests.pdf_text import pdf_text

    assert pdf_text(opened[0].pdf)[0].startswith("秘密")


def test_enter_on_an_item_in_today_opens_it_and_its_source_incoming_opens_on_the_documents_tab(qtbot, clerk):
    from PySide6.QtCore import Qt

    from models.documents import incoming
    from tests.ui.test_today import choose, window_for

    doc, _ = incoming.register(clerk, {"received_on": "2026-06-08", "source_org": "市委办公室",
                                       "title": "关于城东饮水问题的报告"})
    make(clerk, due="2026-06-01", assigned_on=date(2026, 5, 6), title="另一件逾期事项")
    late = make(clerk, due="2026-06-02", assigned_on=date(2026, 5, 6), source_incoming=doc.id)
    window = window_for(qtbot, clerk)
    today = window.module_tabs["today"]
    choose(today, late.id)
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    tab = window.module_tabs["supervision"]
    assert window.tabs.currentWidget() is tab and tab.pages.currentWidget() is tab.ledger
    assert tab.ledger.ledger.selected_row().id == late.id
    assert window.focusWidget() is tab.ledger.ledger.table
    assert "open_source" in tab.ledger.steps
    tab.ledger.run("open_source")
    documents = window.module_tabs["documents"]
    assert window.tabs.currentWidget() is documents and documents.pages.currentWidget() is documents.incoming
    assert documents.incoming.ledger.selected_row().id == doc.id


def test_an_item_without_a_source_incoming_cannot_open_one(qtbot, clerk, leader):
    make(clerk)
    tab = build(qtbot, leader)  # a 领导 reads: the link is there for him too
    tab.ledger.ledger.select_record(SupervisionItem.get().id)
    assert tab.ledger.ledger.selected_row() is not None
    action = next(a for a in tab.ledger.ledger.toolbar.actions() if a.text() == "打开来源收文")
    assert not action.isEnabled()
