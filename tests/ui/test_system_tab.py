from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from models.core import accounts, workdays
from models.core.audit import AuditEntry
from models.core.rights import Role
from tests.ui.conftest import type_text
from ui.main_window import MainWindow
from ui.system.accounts_page import NewAccountDialog
from ui.widgets.table import empty_hint


def window_for(qtbot, session):
    window = MainWindow(session)
    qtbot.addWidget(window)
    return window


def page_titles(window):
    return window.system_tab.titles()


def test_each_of_the_three_sees_only_their_pages(qtbot, three):
    assert page_titles(window_for(qtbot, three[Role.SYSADMIN])) == [
        "账户管理", "节假日安排", "系统设置", "备份与恢复", "我的账户"]
    assert page_titles(window_for(qtbot, three[Role.SECADMIN])) == ["角色授权", "节假日安排", "我的账户"]
    assert page_titles(window_for(qtbot, three[Role.AUDITOR])) == ["审计日志", "节假日安排", "我的账户"]


@pytest.mark.sqlite_only  # names / tampers with the SQLite file
def test_status_bar_names_user_role_and_database(qtbot, three, database):
    window = window_for(qtbot, three[Role.SECADMIN])
    assert "安全保密管理员" in window.user_label.text()
    assert str(database) in window.db_label.text()


def test_the_story_admin_adds_secadmin_grants_auditor_sees(qtbot, three, shown):
    admin_window = window_for(qtbot, three[Role.SYSADMIN])
    page = admin_window.system_tab.page("账户管理")
    dialog = NewAccountDialog(three[Role.SYSADMIN], page)
    qtbot.addWidget(dialog)
    type_text(dialog.form.fields["username"], "zhangsan")
    type_text(dialog.form.fields["display_name"], "张三")
    type_text(dialog.form.fields["unit"], "秘书科")
    type_text(dialog.form.fields["password"], "Temp@2026abc")
    type_text(dialog.form.fields["confirm"], "Temp@2026abc")
    dialog.save()
    page.refresh()
    assert [r[0] for r in page.model.rows][-1] == "zhangsan"

    roles = window_for(qtbot, three[Role.SECADMIN]).system_tab.page("角色授权")
    roles.table.selectRow(3)
    roles.role.setCurrentIndex(roles.role.findData("clerk"))
    roles.change(accounts.grant)
    assert roles.model.rows[3][1][3] == "文书"

    audit_page = window_for(qtbot, three[Role.AUDITOR]).system_tab.page("审计日志")
    audit_page.ledger.refresh()
    summaries = [audit_page.ledger.model.row(i).values[5] for i in range(audit_page.ledger.model.rowCount())]
    assert any("新增账户 zhangsan" in s for s in summaries)
    assert any("授予 zhangsan（张三）文书角色" in s for s in summaries)
    assert "最近一次封存：2026-06-10 10:00" in audit_page.sealed.text()  # the auditor's log-in sealed
    sealed_before = audit_page.sealed.text()
    audit_page.verify()
    assert "审计日志完整" in audit_page.result.text() and "上次封存：2026-06-10 10:00" in audit_page.result.text()
    assert audit_page.sealed.text() != sealed_before  # the check sealed again: a later entry


def test_add_account_errors_show_beside_the_field(qtbot, three):
    dialog = NewAccountDialog(three[Role.SYSADMIN])
    qtbot.addWidget(dialog)
    type_text(dialog.form.fields["username"], "a b")
    type_text(dialog.form.fields["display_name"], "张三")
    type_text(dialog.form.fields["password"], "Temp@2026abc")
    type_text(dialog.form.fields["confirm"], "Temp@2026abc")
    dialog.save()
    assert "不能有空格" in dialog.form.errors["username"].text()
    assert accounts.User.select().count() == 3


def test_audit_viewer_filters_by_user_action_and_date(qtbot, three):
    page = window_for(qtbot, three[Role.AUDITOR]).system_tab.page("审计日志")
    ledger = page.ledger
    total = ledger.model.rowCount()
    combo = ledger.filter_widgets["actor"]
    combo.setCurrentIndex(combo.findData("admin"))
    assert 0 < ledger.model.rowCount() < total
    assert all("admin" in ledger.model.row(i).values[2] for i in range(ledger.model.rowCount()))
    ledger.clear_filters()
    action = ledger.filter_widgets["action"]
    action.setCurrentIndex(action.findData("init"))
    assert ledger.model.rowCount() == 1
    ledger.clear_filters()
    type_text(ledger.filter_widgets["date_from"], "明天")
    ledger.apply_filters()
    assert "无法识别日期" in ledger.filter_error.text()
    type_text(ledger.filter_widgets["date_from"], "2000年1月1日")
    ledger.apply_filters()
    assert ledger.model.rowCount() == total and ledger.filter_error.isHidden()


@pytest.mark.sqlite_only  # names / tampers with the SQLite file
def test_verify_button_names_a_tampered_entry(qtbot, three, database):
    import sqlite3

    conn = sqlite3.connect(database)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("UPDATE audit_entry SET summary = '篡改' WHERE id = 2")
    conn.commit()
    conn.close()
    page = window_for(qtbot, three[Role.AUDITOR]).system_tab.page("审计日志")
    page.verify()
    assert "第 2 条" in page.result.text() and "篡改" in page.result.text()


def test_holidays_page_enters_2027(qtbot, three, shown, tmp_path):
    page = window_for(qtbot, three[Role.SYSADMIN]).system_tab.page("节假日安排")
    page.year.setValue(2027)
    assert "尚未录入" in page.status.text()
    hint = empty_hint(page.table)
    # an empty list says what to do
    assert not hint.isHidden() and "2027年还没有录入" in hint.text() and "「添加」" in hint.text()
    type_text(page.day, "2027年1月1日")
    type_text(page.name, "元旦")
    page.add()
    assert hint.isHidden()
    assert [r[1][0] for r in page.model.rows] == ["2027-01-01"]
    file = tmp_path / "2027.csv"
    file.write_text("日期,安排,名称\n2027-02-06至2027-02-12,放假,春节\n2027-02-14,上班,春节调休\n", encoding="utf-8")
    page.import_path(str(file))
    assert not workdays.is_workday(date(2027, 2, 8)) and workdays.year_known(2027)
    assert "已录入" in page.status.text()


def test_holidays_page_is_read_only_for_others(qtbot, three):
    page = window_for(qtbot, three[Role.AUDITOR]).system_tab.page("节假日安排")
    assert not page.editable and not hasattr(page, "day")
    page.year.setValue(2027)
    assert "添加" not in empty_hint(page.table).text()
    told = page.help_text.text()  # no 「添加」「从文件导入」「本年已录入完毕」: she has none of them
    assert "系统管理员录入" in told and not any(control in told for control in ("添加", "导入", "录入完毕"))


def test_the_holidays_help_names_the_controls_the_administrator_has(qtbot, three):
    page = window_for(qtbot, three[Role.SYSADMIN]).system_tab.page("节假日安排")
    buttons = {b.text() for b in page.findChildren(QPushButton)}
    for quoted in ("添加", "从文件导入…", "本年已录入完毕"):
        assert f"「{quoted}」" in page.help_text.text() and quoted in buttons


@pytest.mark.sqlite_only  # a backup copies the SQLite file; a PostgreSQL office uses pg_dump
def test_backup_runs_in_the_background(qtbot, three, tmp_path):
    page = window_for(qtbot, three[Role.SYSADMIN]).system_tab.page("备份与恢复")
    page.start_backup(str(tmp_path / "b.db"))
    qtbot.waitUntil(lambda: "完整性校验通过" in page.result.text(), timeout=10000)
    assert (tmp_path / "b.db").exists()


def test_settings_page_saves_and_audits(qtbot, three):
    page = window_for(qtbot, three[Role.SYSADMIN]).system_tab.page("系统设置")
    page.boxes["idle_lock_minutes"].setValue(3)
    page.save()
    assert AuditEntry.select().where(AuditEntry.action == "setting_change").count() == 1


def test_idle_lock_hides_the_content_until_the_password(qtbot, three):
    window = window_for(qtbot, three[Role.AUDITOR])
    window.idle.idle.emit()
    assert window.stack.currentWidget() is window.lock_page
    window.lock_page.password.setText("wrong")
    window.lock_page.unlock()
    assert window.stack.currentWidget() is window.lock_page and "不正确" in window.lock_page.error.text()
    window.lock_page.password.setText("Shenji@2026a")
    qtbot.keyClick(window.lock_page.password, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.tabs
    assert AuditEntry.select().where(AuditEntry.action == "session_locked").count() == 1
    assert "长时间未操作" in window.lock_page.who.text()


def test_a_lock_by_hand_does_not_say_it_was_idle(qtbot, three):
    window = window_for(qtbot, three[Role.AUDITOR])
    next(a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("锁定")).trigger()
    assert window.stack.currentWidget() is window.lock_page
    assert "已锁定" in window.lock_page.who.text() and "长时间未操作" not in window.lock_page.who.text()
    assert "手动锁定" in AuditEntry.select().where(AuditEntry.action == "session_locked").get().summary


def test_resetting_a_three_account_asks_for_a_witness_in_the_dialog(qtbot, three):
    """三员分立 in the window: the 系统管理员 alone cannot set the 安全保密管理员's password."""
    from tests.conftest import PASSWORDS

    dialog = NewAccountDialog(three[Role.SYSADMIN], reset_for="secadmin")
    qtbot.addWidget(dialog)
    assert "witness" in dialog.form.fields
    type_text(dialog.form.fields["password"], "Taken@2026over")
    type_text(dialog.form.fields["confirm"], "Taken@2026over")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted  # no witness: refused beside the field
    assert "见证" in dialog.form.errors["witness"].text()
    type_text(dialog.form.fields["witness"], "auditor")
    type_text(dialog.form.fields["witness_password"], PASSWORDS[Role.AUDITOR])
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert accounts.login("secadmin", "Taken@2026over").must_change_password
    accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", "Temp@2026abc")
    plain = NewAccountDialog(three[Role.SYSADMIN], reset_for="zhangsan")  # a business account: no witness asked
    qtbot.addWidget(plain)
    assert "witness" not in plain.form.fields


def test_a_write_waiting_for_another_workstation_says_so_in_the_status_bar(qtbot, three):
    from models.core import db

    window = window_for(qtbot, three[Role.SYSADMIN])
    assert db._wait_notices == [window.show_waiting]
    db._wait_notices[0]()  # what models/core/db.py calls after half a second of waiting for the write lock
    assert window.statusBar().currentMessage() == "其他工作站正在写入，请稍候…"
    window.close()
    assert db._wait_notices == []


def test_no_button_stretches_across_the_page(qtbot, three):
    """A push button is as wide as its words (at 1366 px a full-width 备份到… was a 1,170 px bar)."""
    window = window_for(qtbot, three[Role.SYSADMIN])
    window.resize(1366, 740)
    window.show()
    window.tabs.setCurrentWidget(window.system_tab)
    for title in window.system_tab.titles():
        window.system_tab.show_page(title)
        QApplication.processEvents()
        page = window.system_tab.page(title)
        wide = [(b.text(), b.width()) for b in page.findChildren(QPushButton) if b.isVisible() and b.width() > 400]
        assert wide == [], title


def test_the_roles_page_says_what_to_do_before_there_is_anyone_to_grant(qtbot, three):
    page = window_for(qtbot, three[Role.SECADMIN]).system_tab.page("角色授权")
    assert not page.empty.isHidden() and "账户管理" in page.empty.text()
    accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", "Temp@2026abc")
    page.refresh()
    assert page.empty.isHidden()
