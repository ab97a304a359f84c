from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from models.core import accounts
from models.core.audit import AuditEntry
from models.core.rights import Role
from tests.ui.conftest import type_text
from ui.login_dialog import LoginDialog, PasswordDialog
from ui.setup_dialog import SetupDialog

GOOD = {Role.SYSADMIN: "Xitong@2026a", Role.SECADMIN: "Baomi@2026ab", Role.AUDITOR: "Shenji@2026a"}


def fill_setup(dialog, passwords=GOOD, confirm=None):
    for role, form in dialog.forms.items():
        type_text(form.fields["display_name"], {"sysadmin": "王系统", "secadmin": "李保密", "auditor": "赵审计"}[role])
        type_text(form.fields["password"], passwords[role])
        type_text(form.fields["confirm"], (confirm or passwords)[role])


def test_setup_creates_the_three_accounts(qtbot, database):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_setup(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    users = {u.username: u.display_name for u in accounts.User.select()}
    assert users == {"sysadmin": "王系统", "secadmin": "李保密", "auditor": "赵审计"}


def test_setup_shows_a_weak_password_beside_its_field_and_creates_nothing(qtbot, database):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_setup(dialog, passwords={**GOOD, Role.AUDITOR: "short"})
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    error = dialog.forms[Role.AUDITOR].errors["password"]
    assert not error.isHidden() and "太短" in error.text()
    assert not accounts.is_initialised()


def test_setup_catches_mistyped_confirmation(qtbot, database):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_setup(dialog, confirm={**GOOD, Role.SECADMIN: "Other@2026ab"})
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "不一致" in dialog.forms[Role.SECADMIN].errors["confirm"].text()
    assert not accounts.is_initialised()


def test_setup_with_demo_data(qtbot, database):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_setup(dialog)
    dialog.demo.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.create_button.isEnabled()  # made in the background: the dialog stays responsive
    busy = dialog.findChild(QProgressDialog)
    assert busy is not None and busy.labelText() == "正在生成演示数据…" and busy.minimumDuration() <= 600
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=60000)
    assert accounts.User.select().count() > 3 and dialog.demo_report


def test_login_with_enter_and_a_wrong_password(qtbot, three):
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.form.fields["username"], "auditor")
    type_text(dialog.form.fields["password"], "wrong")
    qtbot.keyClick(dialog.form.fields["password"], Qt.Key.Key_Return)
    assert "再输错 4 次" in dialog.form.errors["password"].text()
    assert dialog.form.fields["password"].text() == ""
    type_text(dialog.form.fields["password"], GOOD[Role.AUDITOR])
    qtbot.keyClick(dialog.form.fields["password"], Qt.Key.Key_Return)
    assert dialog.session is not None and dialog.session.username == "auditor"


def test_forced_password_change(qtbot, three):
    accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", "Temp@2026abc")
    session = accounts.login("zhangsan", "Temp@2026abc")
    dialog = PasswordDialog(session, forced=True)
    qtbot.addWidget(dialog)
    type_text(dialog.form.fields["old_password"], "Temp@2026abc")
    type_text(dialog.form.fields["password"], "Zhang@2026abc")
    type_text(dialog.form.fields["confirm"], "Zhang@2026abc")
    dialog.change()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not dialog.session.must_change_password
    assert AuditEntry.select().where(AuditEntry.action == "password_change").count() == 1


def test_setup_refuses_one_person_on_two_accounts_beside_each_field(qtbot, database):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_setup(dialog, passwords={**GOOD, Role.AUDITOR: GOOD[Role.SYSADMIN]})
    type_text(dialog.forms[Role.SECADMIN].fields["display_name"], "王系统")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted and not accounts.is_initialised()
    name_error = dialog.forms[Role.SECADMIN].errors["display_name"]
    password_error = dialog.forms[Role.AUDITOR].errors["password"]
    assert not name_error.isHidden() and "同一个姓名「王系统」" in name_error.text()
    assert not password_error.isHidden() and "密码相同" in password_error.text()
    assert dialog.forms[Role.SYSADMIN].errors["display_name"].isHidden()


def test_setup_needs_the_name_of_each_person(qtbot, database):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_setup(dialog)
    dialog.forms[Role.AUDITOR].fields["display_name"].clear()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "请填写姓名" in dialog.forms[Role.AUDITOR].errors["display_name"].text()
    assert not accounts.is_initialised()


def test_logging_out_deletes_the_old_window(qtbot, three, monkeypatch):
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from ui.app import Shell

    def log_in(dialog):
        dialog.session = three[Role.SYSADMIN]
        return True

    monkeypatch.setattr(LoginDialog, "exec", log_in)
    shell = Shell(QApplication.instance())
    assert shell.login()
    first = shell.window
    first.logout()  # the new log-in follows at once
    assert shell.window is not first and shell.window.isVisible()
    qtbot.addWidget(shell.window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first)  # it was kept, hidden, its 今日 re-reading the ended session's agenda
