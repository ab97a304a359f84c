"""The 值班 tab through the window: log by keyboard, the shortcuts reach the steps, handover with the receiver's own
password, the red reporting clock, the roster month, and the brief composed, numbered and previewed."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from models.core import clock
from models.duty import brief as duty_brief
from models.duty import log as duty_log
from models.duty import roster
from tests.conftest import TODAY
from tests.ui.test_documents_tab import fill_and_accept
from ui.duty.tab import DutyTab
from ui.main_window import MainWindow
from ui.widgets.step_dialog import StepDialog

YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def tab(qtbot, duty):
    widget = DutyTab(duty)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_log_a_call_then_report_instruct_and_close(tab, monkeypatch, shown):
    page = tab.log
    fill_and_accept(monkeypatch, {"unit": "县应急管理局", "person": "刘科长", "phone": "0871-6543210",
                                  "subject": "通报今晚有强降雨"})
    tab.action_new()  # Ctrl+N through the window's menu
    entry = duty_log.DutyEntry.get()
    assert abs((entry.at - clock.now()).total_seconds()) < 120  # the time defaulted to now
    model = page.ledger.model
    assert model.rowCount() == 1 and model.row(0).values[2] == "县应急管理局刘科长"
    fill_and_accept(monkeypatch, {"leader": "周主任"})
    page.run("report")
    fill_and_accept(monkeypatch, {"leader": "周主任", "text": "请通知各乡镇"})
    page.run("instruct")
    fill_and_accept(monkeypatch, {"result": "已通知"})
    page.run("close")
    assert duty_log.DutyEntry.get().status == "closed"
    assert model.row(0).values[5] == "已办结"
    assert "请通知各乡镇" in page.ledger.detail.toPlainText()


def test_a_bad_time_is_shown_beside_the_field_and_nothing_is_logged(tab, monkeypatch):
    opened = fill_and_accept(monkeypatch, {"at": "25:99", "subject": "x"})
    tab.log.run("log")
    assert "小时应为 0–23" in opened[0].form.errors["at"].text()
    assert duty_log.DutyEntry.select().count() == 0


def test_the_step_shortcuts_reach_the_log_page_in_the_window(qtbot, duty, monkeypatch, shown):
    window = MainWindow(duty)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.tabs.setCurrentWidget(window.module_tabs["duty"])
    duty_log.log(duty, {"subject": "询问会议地点"})
    window.module_tabs["duty"].log.refresh()
    window.module_tabs["duty"].log.ledger.table.selectRow(0)
    opened = fill_and_accept(monkeypatch, {"leader": "周主任"})
    # through the window system, as a real key press goes: shortcuts are resolved there
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert opened and opened[0].windowTitle() == "报告领导"  # not swallowed as an ambiguous shortcut
    assert "周主任" in duty_log.DutyEntry.get().reported_to
    opened.clear()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened and opened[0].windowTitle() == "登记值班记录"


def test_handover_needs_the_receivers_password_then_locks(tab, monkeypatch, shown, duty2):
    page = tab.log
    duty_log.log(tab.session, {"at": f"{YESTERDAY} 10:00", "subject": "昨日来电"})
    shift = duty_log.DutyEntry.get().duty_shift
    duty_log.hand_over(tab.session, shift.id, "本班无要事")
    opened = fill_and_accept(monkeypatch, {"username": "sunzhiban", "password": "wrong"})
    page.run("take_over")
    assert not duty_log.shift_by_id(tab.session, shift.id).locked and opened[0].result() != StepDialog.DialogCode.Accepted
    fill_and_accept(monkeypatch, {"username": "sunzhiban", "password": "Duty@2026abcd"})
    page.run("take_over")
    assert duty_log.shift_by_id(tab.session, shift.id).received_by_name == "孙值班"
    scope = page.ledger.filter_widgets["scope"]
    scope.setCurrentIndex(scope.findText("近 7 日"))
    page.ledger.table.selectRow(0)
    opened = fill_and_accept(monkeypatch, {"field": "来电人", "value": "刘科长", "reason": "补记来电人"})
    page.run("correct")
    assert opened[0].windowTitle() == "补充更正" and duty_log.DutyEntry.get().person == "刘科长"


def test_a_late_report_shows_red(tab):
    learned = clock.now().replace(second=0, microsecond=0) - timedelta(minutes=45)
    duty_log.log(tab.session, {"kind": "突发事件", "grade": "较大", "at": learned, "subject": "山体滑坡"})
    tab.log.refresh()
    model = tab.log.ledger.model
    index = model.index(0, 6)
    assert "超时" in model.data(index) and model.data(index, Qt.ItemDataRole.ForegroundRole) == QColor("#a61b0f")


def test_the_roster_month_shows_gaps_in_red(qtbot, tab, monkeypatch, shown):
    page = tab.roster
    tab.pages.setCurrentWidget(page)
    page.year.setValue(2026)
    page.month.setValue(12)
    told = page.summary.text()  # an empty month says what is missing and what to do, not 「无问题」
    assert "2026年12月还没有排班（31 天都未排）" in told and "导入值班表" in told and "无问题" not in told
    roster.set_day(tab.session, date(2026, 12, 1), {"leader": "王某", "白班": "陈某"})
    page.refresh()
    assert page.table.rowCount() == 31
    told = page.summary.text()
    assert "已排 1/31 天" in told and "30 天未排" in told and "1 天有问题" in told and "无问题" not in told
    assert page.table.item(0, 3).text() == "王某" and "夜班没有值班员" in page.table.item(0, 8).text()
    page.table.selectRow(0)
    fill_and_accept(monkeypatch, {"夜班": "孙某"})
    page.edit_day()
    assert page.table.item(0, 8).text() == ""
    assert "30 天未排" in page.summary.text() and "已排的天无问题" in page.summary.text()


def test_the_roster_opens_on_this_month_and_steps_across_the_year(qtbot, duty, move_clock):
    from ui.duty.roster_page import TODAY as TODAY_COLOUR
    from ui.duty.roster_page import RosterPage

    move_clock(date(2026, 12, 31))
    roster.set_day(duty, date(2026, 12, 31), {"leader": "王某", "白班": "陈某", "夜班": "刘某"})
    roster.set_day(duty, date(2027, 1, 1), {"leader": "周某", "白班": "刘某", "夜班": "孙某"})
    page = RosterPage(duty)
    qtbot.addWidget(page)
    page.show()
    assert (page.year.value(), page.month.value(), page.table.currentRow()) == (2026, 12, 30)  # today selected
    assert page.table.item(30, 0).background().color() == QColor(TODAY_COLOUR)
    QTest.keyClick(page.month, Qt.Key.Key_Up)  # December → January of the next year
    assert (page.year.value(), page.month.value(), page.days[0].day) == (2027, 1, date(2027, 1, 1))
    assert page.table.item(0, 3).text() == "周某" and "刘某昨天夜班后紧接今天白班" in page.table.item(0, 8).text()
    QTest.keyClick(page.month, Qt.Key.Key_Down)
    assert (page.year.value(), page.month.value(), page.table.rowCount()) == (2026, 12, 31)


def test_compose_number_and_preview_the_brief(tab, monkeypatch, shown):
    from ui.duty import brief_dialog
    from ui.widgets import preview

    duty_log.log(tab.session, {"at": f"{YESTERDAY} 09:00", "unit": "县应急局", "subject": "通报强降雨"})
    duty_log.log(tab.session, {"at": f"{YESTERDAY} 10:00", "kind": "其他", "subject": "打印机缺纸"})
    previews = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: previews.append(self.pdf))
    dialog = brief_dialog.BriefDialog.for_day(tab.session, YESTERDAY, tab)
    assert dialog.number.text() == "将编为第1期"
    assert dialog.items.item(1).checkState() == Qt.CheckState.Unchecked  # 「其他」 left out
    dialog.items.setCurrentRow(0)
    dialog.text.setPlainText("改写后的内容。")
    dialog.preview()
    assert previews and previews[0].read_bytes().startswith(b"%PDF")
    saved = duty_brief.DutyBrief.get()
    assert saved.number_text == "第1期" and saved.item_list == [
        {"heading": "通报强降雨", "text": "改写后的内容。", "entry": duty_log.DutyEntry.get(subject="通报强降雨").id}]
    assert "第1期" in dialog.number.text()
    again = brief_dialog.BriefDialog.for_day(tab.session, YESTERDAY, tab)
    assert "重印" in again.number.text()
    asked = [text for kind, _, text in shown if kind == "confirm"]
    assert len(asked) == 1 and "0000-0000000" in asked[0] and "系统 → 系统设置" in asked[0]  # asked before printing
    assert "值班电话还是默认的" in dialog.notes.text()  # and said when the composer opened


def test_the_brief_is_not_printed_when_she_goes_back_to_fix_the_phone(tab, monkeypatch):
    from ui import messages
    from ui.duty import brief_dialog
    from ui.widgets import preview

    duty_log.log(tab.session, {"at": f"{YESTERDAY} 09:00", "unit": "县应急局", "subject": "通报强降雨"})
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: False)
    dialog = brief_dialog.BriefDialog.for_day(tab.session, YESTERDAY, tab)
    dialog.preview()
    assert duty_brief.DutyBrief.select().count() == 0  # no number taken
    dialog.phone.setText("0871-6123456")
    dialog.leader.setText("周主任")  # no roster in this test: the leader was blank too
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda self: None)
    dialog.preview()
    assert duty_brief.DutyBrief.get().phone == "0871-6123456"


def test_a_leader_sees_the_log_without_the_steps(qtbot, three, duty):
    from tests.conftest import business_user

    leader = business_user(three, "zhouzhuren", "周主任", "leader")
    widget = DutyTab(leader)
    qtbot.addWidget(widget)
    assert set(widget.log.actions) == {"brief", "flash"}


def test_report_a_leaders_trip_and_see_who_is_away_today(tab, monkeypatch, shown):
    page = tab.absences
    tab.pages.setCurrentWidget(page)
    fill_and_accept(monkeypatch, {"person": "郑副主任", "position": "办公室副主任", "destination": "省城",
                                  "purpose": "参加培训", "stand_in": "周主任"})
    page.action_new()
    model = page.ledger.model
    assert model.rowCount() == 1 and model.row(0).values[8] == "已报备"
    assert model.row(0).status == "on_time"  # away today: the colour is decided in models
    assert page.ledger.selected_row().id == model.row(0).id  # the report just made is selected
    assert "今日外出：郑副主任（办公室副主任）" in page.today.text()
    fill_and_accept(monkeypatch, {})
    page.run("returned")  # Ctrl+2 on the selected report
    assert model.row(0).values[8] == "已返回" and model.row(0).status == "done"


def test_a_report_past_its_return_is_red_and_named_in_the_banner(tab, move_clock, shown):
    from datetime import timedelta

    from models.core import clock
    from models.duty import absences

    start = clock.today()
    absences.report(tab.session, {"person": "吴副主任", "start_on": start, "end_on": start, "destination": "省城"})
    move_clock(start + timedelta(days=3))
    page = tab.absences
    tab.pages.setCurrentWidget(page)
    page.refresh()
    row = page.ledger.model.row(0)
    assert row.status == "overdue" and row.values[8] == "已报备（逾期未销假）"
    assert "逾期未销假：吴副主任" in page.today.text()


def test_the_administrator_sets_the_shifts_and_the_sheets_words(qtbot, three, shown):
    from models.core import settings
    from models.core.rights import Role
    from ui.system.settings_page import SettingsPage

    page = SettingsPage(three[Role.SYSADMIN])
    qtbot.addWidget(page)
    page.texts["office_name"].setText("市委办公室")
    page.texts["duty_shifts"].setText("白班 08:00-18:00；夜班 18:00-09:00")
    page.save()
    assert shown[-1][0] == "warn" and "首尾相接" in shown[-1][2]
    assert settings.get_text("office_name") == "市委办公室"  # each setting is saved on its own; the bad one is refused
    page.texts["duty_shifts"].setText("全天 08:30-08:30")
    page.save()
    assert settings.get_text("duty_shifts") == "全天 08:30-08:30"


def test_the_roster_import_and_export_run_off_the_gui_thread(tab, shown, monkeypatch, tmp_path):
    import threading
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from exporters import duty as duty_exporters
    from importers import roster_import
    from ui.widgets import preview

    threads = []
    real_run, real_export = roster_import.run, duty_exporters.export_roster
    monkeypatch.setattr(roster_import, "run", lambda *a, **k: threads.append(threading.current_thread()) or
                        real_run(*a, **k))
    monkeypatch.setattr(duty_exporters, "export_roster", lambda *a, **k: threads.append(threading.current_thread())
                        or real_export(*a, **k))
    sample = Path(__file__).parents[1] / "fixtures" / "值班安排表-示例.xlsx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(sample), "")))
    monkeypatch.setattr(preview, "save_path", lambda *a: str(tmp_path / "值班表.xlsx"))
    tab.roster.import_roster()
    tab.roster.export()
    assert len(threads) >= 2 and threading.main_thread() not in threads  # the window kept painting
    assert (tmp_path / "值班表.xlsx").exists() and shown[-1][0] == "info"
