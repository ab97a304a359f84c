"""Log-in, the forced password change, and changing one's own password."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from models.core import accounts, db, settings
from models.core.errors import SanbanError
from ui.form import Form, dialog_buttons
from ui.widgets.screen_fit import keep_on_screen


class LoginDialog(QDialog):
    def __init__(self, parent=None, username: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("三办 — 登录"))
        self.session: accounts.Session | None = None
        title = QLabel(self.tr("三办 · 办文 办会 办事"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20px; font-weight: bold; padding: 8px;")
        where = QLabel(self.tr("数据库：") + db.describe())
        where.setStyleSheet("color: #666;")
        where.setWordWrap(True)
        self.form = Form()
        self.form.line("username", self.tr("用户名")).setText(username)
        self.form.line("password", self.tr("密码"), password=True)
        buttons = QDialogButtonBox()
        self.login_button = buttons.addButton(self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)  # Enter in either field logs in
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.form)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        keep_on_screen(self)
        (self.form.fields["password"] if username else self.form.fields["username"]).setFocus()

    def try_login(self) -> None:
        self.form.clear()
        try:
            self.session = accounts.login(self.form.text("username"), self.form.text("password"))
        except SanbanError as exc:
            self.form.fields["password"].clear()
            self.form.show_error(getattr(exc, "field", "password"), exc.message)
            return
        self.accept()


class PasswordDialog(QDialog):
    """Change one's own password; `forced` after an administrator set or reset it."""

    def __init__(self, session: accounts.Session, forced: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改密码"))
        self.session = session
        note = QLabel(
            self.tr("您的密码由系统管理员设置，请先修改为只有您知道的密码。") if forced
            else self.tr("请输入原密码和新密码。"))
        note.setWordWrap(True)
        rule = QLabel(self.tr("新密码至少 %1 位，须包含大写字母、小写字母、数字、符号中的至少 %2 类。")
                      .replace("%1", str(settings.get("password_min_length")))
                      .replace("%2", str(settings.get("password_min_classes"))))
        rule.setStyleSheet("color: #555;")
        rule.setWordWrap(True)
        self.form = Form()
        self.form.line("old_password", self.tr("原密码"), password=True)
        self.form.line("password", self.tr("新密码"), password=True)
        self.form.line("confirm", self.tr("确认新密码"), password=True)
        buttons = dialog_buttons(self, self.tr("确定"), self.tr("退出登录") if forced else self.tr("取消"), self.change)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(rule)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)
        keep_on_screen(self)

    def change(self) -> None:
        self.form.clear()
        if not self.form.passwords_match(self.tr("两次输入的新密码不一致。")):
            return
        try:
            self.session = accounts.change_password(self.session, self.form.text("old_password"),
                                                    self.form.text("password"))
        except SanbanError as exc:
            self.form.show_error(getattr(exc, "field", "password"), exc.message)
            return
        self.accept()
