"""The 今日 tab in the window: first for every business role, grouped red first, Enter opens the record on its page,
the count on the tab, the empty state, and a re-read when the day changes. The clock is pinned on 10 June 2026."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from importers import personnel_import
from models.core import accounts
from models.core.changes import Change
from models.core.due import Level
from models.core.rights import Role
from models.core.today import EMPTY_TEXT
from models.documents import incoming
from tests.conftest import business_user
from tests.test_today import assigned, incident
from ui.changes import announce
from ui.main_window import MainWindow
from ui.today.tab import TodayTab

SAMPLE = Path(__file__).parent.parent / "fixtures" / "涉密人员花名册-示例.xlsx"


def window_for(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def rows(tab: TodayTab) -> list[tuple[str, list[str]]]:
    """(group heading, [「level title」…]) as the view shows them."""
    model, found = tab.model, []
    for n in range(model.rowCount()):
        if model.item(model.index(n, 0)) is None:
            found.append((model.index(n, 0).data(), []))
        else:
            found[-1][1].append(f"{model.index(n, 0).data()} {model.index(n, 1).data()}")
    return found


def choose(tab: TodayTab, record_id: int) -> None:
    """Move the current row to the item of `record_id`, as the arrow keys would."""
    model = tab.model
    for n in range(model.rowCount()):
        item = model.item(model.index(n, 0))
        if item is not None and item.record_id == record_id:
            tab.table.setCurrentIndex(model.index(n, 0))
            return
    raise AssertionError(f"no item for record {record_id}")


@pytest.fixture
def both(three):
    business_user(three, "sunzhuren", "孙主任", "clerk")
    accounts.grant(three[Role.SECADMIN], "sunzhuren", "duty")
    return accounts.login("sunzhuren", "Duty@2026abcd")


def test_today_is_the_first_tab_of_every_business_role_and_of_the_secrecy_admin(qtbot, three, clerk):
    for session in (clerk, business_user(three, "zhaozhiban", "赵值班", "duty"),
                    business_user(three, "zhouzhuren", "周主任", "leader"), three[Role.SECADMIN]):
        window = window_for(qtbot, session)
        assert window.tabs.tabText(0) == "今日" and window.tabs.currentWidget() is window.module_tabs["today"]
    for session in (three[Role.SYSADMIN], three[Role.AUDITOR]):  # nothing of theirs falls due
        window = window_for(qtbot, session)
        assert "today" not in list(window.module_tabs)


def test_grouped_by_module_red_first_with_colour_and_reason(qtbot, both):
    soon = assigned(both, "关于防汛值班的通知", "2026-06-11")
    assigned(both, "关于报送半年总结的通知", "2026-06-05")
    incident(both)
    tab = window_for(qtbot, both).module_tabs["today"]
    (documents, documents_rows), (duty, duty_rows) = rows(tab)
    assert documents == "公文（2 项，逾期 1 项）" and duty.startswith("值班（")
    assert [r.split(" ")[0] for r in documents_rows] == ["逾期", "临期"]
    assert "关于报送半年总结的通知" in documents_rows[0] and "关于防汛值班的通知" in documents_rows[1]
    choose(tab, soon.id)
    index = tab.table.currentIndex()
    assert index.siblingAtColumn(2).data() == "办理期限为6月11日，还有1个工作日，承办单位县应急局。"
    assert index.data(Qt.ItemDataRole.BackgroundRole).name() == "#fff0d1"  # amber, as on every ledger
    assert tab.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).name() == "#fde4e1"  # red under 公文
    assert "共 " in tab.heading.text() and "其中逾期" in tab.heading.text() and "星期三" in tab.heading.text()


def test_enter_opens_a_document_on_its_page_with_the_record_selected(qtbot, clerk):
    late = assigned(clerk, "关于报送半年总结的通知", "2026-06-05")
    for n in range(3):  # more rows than the one wanted, so the selection is not an accident
        assigned(clerk, f"关于第{n}批项目的通知", "2026-06-12")
    window = window_for(qtbot, clerk)
    tab = window.module_tabs["today"]
    assert tab.focusWidget() is tab.table and tab.model.item(tab.table.currentIndex()) is not None  # at once
    choose(tab, late.id)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    documents = window.module_tabs["documents"]
    assert window.tabs.currentWidget() is documents and documents.pages.currentWidget() is documents.incoming
    assert documents.incoming.ledger.selected_row().id == late.id


def test_enter_opens_a_duty_entry_on_the_log(qtbot, both):
    entry = incident(both)
    window = window_for(qtbot, both)
    tab = window.module_tabs["today"]
    choose(tab, entry.id)
    qtbot.keyClick(tab.table, Qt.Key.Key_Enter)
    duty = window.module_tabs["duty"]
    assert window.tabs.currentWidget() is duty and duty.pages.currentWidget() is duty.log
    assert duty.log.ledger.selected_row().id == entry.id


def test_a_reminder_opens_the_person_for_the_secrecy_admin(qtbot, three):
    sec = three[Role.SECADMIN]
    personnel_import.run(sec, SAMPLE, create_posts=True)
    window = window_for(qtbot, sec)
    tab = window.module_tabs["today"]
    person = next(i for i in tab.agenda.items if i.kind == "person")
    choose(tab, person.record_id)
    tab.table.activated.emit(tab.table.currentIndex())  # as a double click does
    secrecy = window.module_tabs["secrecy"]
    assert window.tabs.currentWidget() is secrecy and secrecy.pages.currentWidget() is secrecy.people
    assert secrecy.people.ledger.selected_row().id == person.record_id


def test_the_arrow_keys_step_over_the_headings(qtbot, both):
    assigned(both, "关于报送半年总结的通知", "2026-06-05")
    entry = incident(both)
    tab = window_for(qtbot, both).module_tabs["today"]
    last_document = max(n for n in range(tab.model.rowCount()) if (i := tab.model.item(tab.model.index(n, 0)))
                        and i.module == "documents")
    tab.table.setCurrentIndex(tab.model.index(last_document, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)  # past the 值班 heading, onto its first item
    assert tab.model.item(tab.table.currentIndex()).record_id == entry.id


def test_the_count_shows_on_the_tab_and_follows_changes(qtbot, clerk):
    assigned(clerk, "关于报送半年总结的通知", "2026-06-05")
    doc = assigned(clerk, "关于防汛值班的通知", "2026-06-11")
    window = window_for(qtbot, clerk)
    assert window.tabs.tabText(0) == "今日（2）"
    assert [a.text() for a in window.menuBar().actions()[2].menu().actions()][0] == "今日"  # 视图: Alt+1 今日
    incoming.close(clerk, doc.id, "已按要求落实")  # any step in the window announces what it changed
    announce(Change.of("incoming", doc.id))
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "今日（1）")
    window.tabs.setCurrentIndex(1)  # the count keeps following while another tab is on screen
    assigned(clerk, "关于第二批项目的通知", "2026-06-12")
    announce(Change.of("incoming"))
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "今日（2）")


def test_someone_who_may_read_none_of_what_is_due_sees_the_empty_state(qtbot, three, clerk):
    assigned(clerk, "关于报送半年总结的通知", "2026-06-05")  # overdue, but 公文 is not for a 值班员 to read
    window = window_for(qtbot, business_user(three, "zhaozhiban", "赵值班", "duty"))
    tab = window.module_tabs["today"]
    assert tab.stack.currentWidget() is tab.empty and tab.empty.text() == EMPTY_TEXT and tab.empty.isVisible()
    assert window.tabs.tabText(0) == "今日" and tab.model.rowCount() == 0


def test_a_new_day_re_reads(qtbot, clerk, move_clock):
    doc = assigned(clerk, "关于防汛值班的通知", "2026-06-11")
    window = window_for(qtbot, clerk)
    tab = window.module_tabs["today"]
    assert [i.level for i in tab.agenda.items] == [Level.AMBER]
    move_clock(date(2026, 6, 15))  # Monday: two working days late
    tab.ticker.timeout.emit()  # the minute's tick after midnight
    assert tab.agenda.day == date(2026, 6, 15) and "6月15日" in tab.heading.text()
    (item,) = tab.agenda.items
    assert (item.record_id, item.level) == (doc.id, Level.RED) and "已逾期2个工作日" in item.why
    move_clock(date(2026, 6, 16))
    window.tabs.setCurrentIndex(1)
    window.tabs.setCurrentIndex(0)  # shown again on a later day: read again at once
    assert tab.agenda.day == date(2026, 6, 16)


def test_print_previews_the_list_with_its_mark(qtbot, clerk, monkeypatch):
    from ui.widgets import preview

    assigned(clerk, "关于边境管控的通知", "2026-06-05", secrecy="机密★10年", copy_nos="000012")
    window = window_for(qtbot, clerk)
    opened = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.actions_by_name["print"].trigger()  # Ctrl+P on 今日
    (dialog,) = opened
    assert dialog.windowTitle() == "今日待办（1 项）" and dialog.document.pageCount() == 1
    assert dialog.document.getAllText(0).text().splitlines()[1] == "机密"
