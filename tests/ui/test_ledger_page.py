"""The ledger page through the window: the record a step made is the one selected (so the next step acts on
it), a change refreshes only the pages of its kind, and what is on screen is exported with the 密级 of its data."""


import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from models.core import clock
from models.core.changes import Change
from models.core.rights import Role
from models.documents import incoming as documents
from models.duty import log as duty_log
from models.secrecy import people as secrecy
from tests.ui.test_documents_tab import fill_and_accept
from ui.changes import announce
from ui.main_window import MainWindow


def open_window(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def press(window, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    QTest.keyClick(window.windowHandle(), key, modifier)  # through the window system, as a real key press goes


def intro(dialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_register_then_ctrl_1_proposes_on_the_new_document(qtbot, clerk, monkeypatch, shown):
    older, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    window = open_window(qtbot, clerk)
    window.tabs.setCurrentWidget(window.module_tabs["documents"])
    page = window.module_tabs["documents"].incoming
    page.ledger.table.selectRow(0)  # the older document was selected before 登记
    assert page.ledger.selected_row().id == older.id
    fill_and_accept(monkeypatch, {"source_org": "县政府办公室", "title": "关于乙的报告"})
    press(window, Qt.Key.Key_N)
    new = documents.Incoming.get(documents.Incoming.title == "关于乙的报告")
    opened = fill_and_accept(monkeypatch, {"opinion": "拟请周主任阅示"})
    press(window, Qt.Key.Key_1)
    assert [d.windowTitle() for d in opened] == ["拟办"]
    assert new.receipt_no in intro(opened[0]) and "关于乙的报告" in intro(opened[0])
    assert documents.get(clerk, new.id).proposal == "拟请周主任阅示" and documents.get(clerk, older.id).proposal == ""


def test_a_new_duty_entry_is_selected_and_ctrl_1_reports_it(qtbot, duty, monkeypatch, shown):
    earlier, _ = duty_log.log(duty, {"subject": "询问会议地点"})
    window = open_window(qtbot, duty)
    window.tabs.setCurrentWidget(window.module_tabs["duty"])
    page = window.module_tabs["duty"].log
    page.ledger.table.selectRow(0)
    fill_and_accept(monkeypatch, {"unit": "县应急管理局", "subject": "通报今晚有强降雨"})
    press(window, Qt.Key.Key_N)
    new = duty_log.DutyEntry.get(duty_log.DutyEntry.subject == "通报今晚有强降雨")
    assert page.ledger.selected_row().id == new.id != earlier.id
    opened = fill_and_accept(monkeypatch, {"leader": "周主任"})
    press(window, Qt.Key.Key_1)
    assert opened and "通报今晚有强降雨" in intro(opened[0])
    assert "周主任" in duty_log.DutyEntry.get_by_id(new.id).reported_to
    assert duty_log.DutyEntry.get_by_id(earlier.id).reported_to == ""


def test_a_registered_person_is_selected_though_the_filter_hid_candidates(qtbot, three, monkeypatch, shown):
    sec = three[Role.SECADMIN]
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    window = open_window(qtbot, sec)
    window.tabs.setCurrentWidget(window.module_tabs["secrecy"])
    page = window.module_tabs["secrecy"].people
    fill_and_accept(monkeypatch, {"name": "吴丽", "id_number": "420102198609232147", "unit": "秘书科"})
    press(window, Qt.Key.Key_N)
    person = secrecy.Person.get()
    assert page.ledger.selected_row().id == person.id  # 拟任 is outside 「在岗及脱密期」: the filter gave way
    opened = fill_and_accept(monkeypatch, {"kind": "上岗审查", "result": "通过", "by": "组织部"})
    press(window, Qt.Key.Key_1)
    assert opened and opened[0].windowTitle() == "登记审查" and "吴丽" in intro(opened[0])


def test_a_change_refreshes_only_the_pages_of_its_kind(qtbot, clerk, shown):
    from ui.documents.tab import DocumentsTab

    tab = DocumentsTab(clerk)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.incoming
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    fetched = page.ledger.model.fetches
    announce(Change.of("person", doc.id))  # another module's record: no query, the new document not shown yet
    assert page.ledger.model.fetches == fetched and page.ledger.model.rowCount() == 0
    announce(Change.of("incoming", doc.id))
    assert page.ledger.model.rowCount() == 1 and page.ledger.selected_row().id == doc.id


def test_a_hidden_page_refreshes_when_shown(qtbot, clerk, shown):
    from ui.documents.tab import DocumentsTab

    tab = DocumentsTab(clerk)
    qtbot.addWidget(tab)
    tab.show()
    outgoing = tab.outgoing  # built, then hidden behind 收文
    count = outgoing.ledger.model.rowCount()
    from models.documents import outgoing as dispatch

    draft = dispatch.draft(clerk, {"prefix": "县委办发", "title": "关于丙的通知", "draft_unit": "综合科",
                                   "drafter": "张三", "main_to": "各乡镇"})
    announce(Change.of("outgoing", draft.id))
    assert outgoing.ledger.model.rowCount() == count  # not visible: nothing read yet
    tab.pages.setCurrentWidget(outgoing)
    assert outgoing.ledger.model.rowCount() == count + 1 and outgoing.ledger.selected_row().id == draft.id


def test_what_is_on_screen_carries_the_highest_secrecy_of_its_data(qtbot, clerk, shown):
    from ui.documents.tab import DocumentsTab

    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知",
                               "secrecy": "机密", "secrecy_term": "10年", "copy_nos": "000012"})
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于乙的通知"})
    tab = DocumentsTab(clerk)
    qtbot.addWidget(tab)
    page = tab.incoming
    secrecy_column = [c.key for c in page.source.columns].index("secrecy")
    page.ledger.set_column_visible(secrecy_column, False)  # the 密级 is not even on screen
    columns, rows, mark = page.view_rows()
    assert mark == "机密" and len(rows) == 2 and "密级" not in [label for label, _ in columns]


@pytest.mark.parametrize("kind", ["incoming", "duty_entry", "person"])
def test_each_page_declares_its_kind_and_its_source_names_it(qtbot, three, clerk, duty, kind):
    from ui.documents.incoming_page import IncomingPage
    from ui.duty.log_page import LogPage
    from ui.secrecy.people_page import PeoplePage

    page_type, actor = {"incoming": (IncomingPage, clerk), "duty_entry": (LogPage, duty),
                        "person": (PeoplePage, three[Role.SECADMIN])}[kind]
    page = page_type(actor)
    qtbot.addWidget(page)
    assert page.kind == kind and kind in page.source.kinds


def test_ctrl_p_on_the_cabinet_prints_what_is_on_screen(qtbot, three, monkeypatch, shown):
    from models.core.audit import AuditEntry
    from models.secrecy import passports
    from tests.test_secrecy import on_post
    from ui.secrecy.tab import SecrecyTab
    from ui.widgets import preview

    sec = three[Role.SECADMIN]
    secrecy.add_post(sec, {"name": "综合文稿起草", "unit": "综合科", "level": "重要"})
    person = on_post(sec, day=f"{clock.today().year}-01-02")
    passports.take_in(sec, person.id, {"kind": "普通护照", "number": "E12345678"})
    tab = SecrecyTab(sec)
    qtbot.addWidget(tab)
    tab.pages.setCurrentWidget(tab.cabinet)
    previews = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda dialog: previews.append(dialog) or 0)
    tab.action_print()
    assert previews and previews[0].pdf.read_bytes().startswith(b"%PDF")
    assert "证件柜（1 条）" in previews[0].windowTitle()
    # on screen only: audited when the printer takes it (tests/ui/test_crash.py), not as an export
    assert not AuditEntry.select().where(AuditEntry.action.in_(("export", "print"))).exists()


def test_a_decided_trip_is_selected_in_the_cabinets_trips(qtbot, three, monkeypatch, shown):
    from datetime import timedelta

    from models.secrecy import passports
    from tests.test_secrecy import on_post
    from ui.secrecy.tab import SecrecyTab

    sec = three[Role.SECADMIN]
    secrecy.add_post(sec, {"name": "综合文稿起草", "unit": "综合科", "level": "重要"})
    person = on_post(sec, day=f"{clock.today().year}-01-02")
    trips = [passports.apply_trip(sec, person.id, {"destination": place, "purpose": "探亲",
                                                   "start_on": clock.today() + timedelta(days=n),
                                                   "end_on": clock.today() + timedelta(days=n + 3)})
             for n, place in ((5, "日本"), (30, "新加坡"))]
    tab = SecrecyTab(sec)
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.cabinet)
    view = tab.cabinet.trips
    view.select_record(trips[0].id)
    fill_and_accept(monkeypatch, {"decision": "批准", "approved_by": "周主任"})
    tab.cabinet.run("decide")
    assert passports.Trip.get_by_id(trips[0].id).decision == "批准"
    assert view.selected_row().id == trips[0].id and view.selected_row().values[6] == "批准"


def test_ctrl_f_in_the_window_goes_to_the_pages_search_box(qtbot, clerk, shown):
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    window = open_window(qtbot, clerk)
    window.tabs.setCurrentWidget(window.module_tabs["documents"])
    view = window.module_tabs["documents"].incoming.ledger
    view.focus_rows()
    press(window, Qt.Key.Key_F)  # one owner for the key: the 编辑 menu, which asks the page
    assert view.search.hasFocus()


def test_a_toolbar_never_starts_with_a_separator(qtbot, three):
    from itertools import pairwise

    from tests.conftest import business_user
    from ui.documents.incoming_page import IncomingPage

    page = IncomingPage(business_user(three, "lingdao", "周主任", "leader"))  # no step before the 打印 ones
    qtbot.addWidget(page)
    actions = page.ledger.toolbar.actions()
    assert actions and not actions[0].isSeparator()
    assert not any(a.isSeparator() and b.isSeparator() for a, b in pairwise(actions))
