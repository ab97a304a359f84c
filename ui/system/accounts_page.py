"""系统管理员: accounts — add, stop, unlock, reset password."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.core import accounts
from models.core.errors import SanbanError
from models.core.rights import ROLE_LABELS
from ui import messages
from ui.form import Form, dialog_buttons
from ui.widgets.rows_model import RowsModel
from ui.widgets.screen_fit import keep_on_screen
from ui.widgets.table import make_table


def user_rows(session, users: list | None = None) -> list:
    rows = []
    for r in users if users is not None else accounts.list_users(session):
        roles = "、".join(ROLE_LABELS[x] for x in sorted(r.roles)) or "—"
        last = f"{r.last_login:%Y-%m-%d %H:%M}" if r.last_login else "从未登录"
        rows.append((r.username, [r.username, r.display_name, r.unit, roles, r.state, last]))
    return rows


def users_model() -> RowsModel:
    """The account list shown both to the 系统管理员 (accounts) and the 安全保密管理员 (roles)."""
    tr = lambda text: QCoreApplication.translate("AccountsPage", text)  # noqa: E731
    return RowsModel([tr("用户名"), tr("姓名"), tr("单位"), tr("角色"), tr("状态"), tr("最近登录")])


class NewAccountDialog(QDialog):
    def __init__(self, session, parent=None, reset_for: str | None = None) -> None:
        super().__init__(parent)
        self.session, self.reset_for = session, reset_for
        self.setWindowTitle(self.tr("重置密码") if reset_for else self.tr("新增账户"))
        self.form = Form()
        if not reset_for:
            self.form.line("username", self.tr("用户名"), placeholder=self.tr("如 zhangsan"))
            self.form.line("display_name", self.tr("姓名"))
            self.form.line("unit", self.tr("单位/科室"))
        self.form.line("password", self.tr("初始密码") if not reset_for else self.tr("新密码"), password=True)
        self.form.line("confirm", self.tr("确认密码"), password=True)
        self.witnessed = bool(reset_for) and accounts.needs_witness(reset_for)
        if self.witnessed:  # 三员分立: a second 三员 confirms at this workstation with their own password
            self.form.line("witness", self.tr("见证人用户名"), placeholder=self.tr("另一名三员"))
            self.form.line("witness_password", self.tr("见证人密码"), password=True)
        plain = self.tr("对方首次登录时须修改此密码。角色由安全保密管理员授予。")
        witnessed = self.tr("这是三员账户：须另一名三员在场，输入本人的用户名和密码见证（三员分立，不能一人办理）。"
                            "对方登录时须先修改此密码。")
        note = QLabel(witnessed if self.witnessed else plain)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = dialog_buttons(self, self.tr("确定"), self.tr("取消"), self.save)
        layout = QVBoxLayout(self)
        if reset_for:
            layout.addWidget(QLabel(self.tr("为账户「%1」设置新密码").replace("%1", reset_for)))
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        keep_on_screen(self)

    def save(self) -> None:
        self.form.clear()
        if not self.form.passwords_match(self.tr("两次输入的密码不一致。")):
            return
        try:
            if self.reset_for:
                witness = (accounts.Witness(self.form.text("witness"), self.form.text("witness_password"))
                           if self.witnessed else None)
                accounts.reset_password(self.session, self.reset_for, self.form.text("password"), witness)
            else:
                accounts.add_user(self.session, self.form.text("username"), self.form.text("display_name"),
                                  self.form.text("password"), self.form.text("unit"))
        except SanbanError as exc:
            self.form.show_error(getattr(exc, "field", "password"), exc.message)
            return
        self.accept()


class AccountsPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = users_model()
        self.table = make_table(self.model)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("新增账户…"), self.add), (self.tr("停用"), self.stop),
                           (self.tr("解锁"), self.unlock), (self.tr("重置密码…"), self.reset)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(user_rows(self.session))

    def selected(self) -> str | None:
        name = self.model.key(self.table.currentIndex().row())
        if name is None:
            messages.info(self, self.tr("账户"), self.tr("请先在列表中选中一个账户。"))
        return name

    def add(self) -> None:
        if NewAccountDialog(self.session, self).exec():
            self.refresh()

    def reset(self) -> None:
        name = self.selected()
        if name and NewAccountDialog(self.session, self, reset_for=name).exec():
            self.refresh()

    def _act(self, fn, name: str) -> None:
        try:
            fn(self.session, name)
        except SanbanError as exc:
            messages.warn(self, self.tr("账户"), exc.message)
        self.refresh()

    def stop(self) -> None:
        name = self.selected()
        if name and messages.confirm(self, self.tr("停用账户"),
                                     self.tr("停用后「%1」将无法登录，直到解锁。确定停用吗？").replace("%1", name)):
            self._act(accounts.lock_user, name)

    def unlock(self) -> None:
        name = self.selected()
        if not name:
            return
        if not accounts.needs_witness(name):
            self._act(accounts.unlock_user, name)
            return
        dialog = WitnessDialog(self.session, name, self)
        if dialog.exec():
            self.refresh()


class WitnessDialog(QDialog):
    """Unlocking a 三员 account: a second 三员 present confirms with their own password."""

    def __init__(self, session, username: str, parent=None) -> None:
        super().__init__(parent)
        self.session, self.username = session, username
        self.setWindowTitle(self.tr("解锁三员账户"))
        self.form = Form()
        self.form.line("witness", self.tr("见证人用户名"), placeholder=self.tr("另一名三员"))
        self.form.line("witness_password", self.tr("见证人密码"), password=True)
        note = QLabel(self.tr("「%1」是三员账户：须另一名三员在场，输入本人的用户名和密码见证。")
                      .replace("%1", username))
        note.setWordWrap(True)
        buttons = dialog_buttons(self, self.tr("解锁"), self.tr("取消"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        keep_on_screen(self)

    def save(self) -> None:
        self.form.clear()
        try:
            accounts.unlock_user(self.session, self.username,
                                 accounts.Witness(self.form.text("witness"), self.form.text("witness_password")))
        except SanbanError as exc:
            self.form.show_error(getattr(exc, "field", "witness"), exc.message)
            return
        self.accept()
