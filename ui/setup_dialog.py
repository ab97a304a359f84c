"""First start on an empty database: create the three 三员 accounts (and, if wanted, demo data)."""

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.core import accounts, demo, settings
from models.core.errors import SanbanError, ValidationError
from models.core.rights import ROLE_LABELS, Role
from ui.form import Form
from ui.widgets.screen_fit import scroll_to_fit

DUTIES = {
    Role.SYSADMIN: "管理账户、备份恢复和系统设置",
    Role.SECADMIN: "授予业务角色，管理涉密人员库",
    Role.AUDITOR: "查看和校验审计日志",
}
DEFAULT_NAMES = {Role.SYSADMIN: "sysadmin", Role.SECADMIN: "secadmin", Role.AUDITOR: "auditor"}


class SetupDialog(QDialog):
    """Three groups side by side, one per 三员 account."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("三办 — 初始化"))
        intro = QLabel(self.tr(
            "这是一个新的数据库。请按「三员分立」要求创建三个管理账户：三个账户必须由不同的人掌管，"
            "任何人不得兼任。业务人员的账户由系统管理员创建、安全保密管理员授权。"))
        intro.setWordWrap(True)
        rule = settings.specs()
        policy = QLabel(self.tr("密码至少 %1 位，须包含大写字母、小写字母、数字、符号中的至少 %2 类，且不能包含用户名。")
                        .replace("%1", str(rule["password_min_length"].default))
                        .replace("%2", str(rule["password_min_classes"].default)))
        policy.setStyleSheet("color: #555;")
        policy.setWordWrap(True)
        # The three groups scroll when the screen is too short for them; each keeps its error lines' room and
        # its fields at the top, so a message under one field does not move the other groups.
        self.groups = QWidget()
        groups = QHBoxLayout(self.groups)
        groups.setContentsMargins(0, 0, 0, 0)
        self.forms: dict[Role, Form] = {}
        for role in (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR):
            box = QGroupBox(ROLE_LABELS[role])
            column = QVBoxLayout(box)
            duty = QLabel(DUTIES[role])
            duty.setStyleSheet("color: #555;")
            column.addWidget(duty)
            form = Form(reserve_errors=True)
            form.line("username", self.tr("用户名")).setText(DEFAULT_NAMES[role])
            form.line("display_name", self.tr("姓名"), placeholder=self.tr("掌管此账户的人"))
            form.line("password", self.tr("密码"), password=True)
            form.line("confirm", self.tr("确认密码"), password=True)
            column.addWidget(form)
            column.addStretch(1)
            groups.addWidget(box)
            self.forms[role] = form
        self.demo = QCheckBox(self.tr("同时生成演示数据（演示用业务账户等，正式使用请勿勾选）"))
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #b42318;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(self.tr("创建账户"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(policy)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.groups)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.demo)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.demo_report: list[str] = []

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        scroll_to_fit(self, self.scroll)
        super().showEvent(event)

    def create(self) -> None:
        self.general_error.hide()
        made = {}
        for role, form in self.forms.items():
            form.clear()
            if not form.passwords_match(self.tr("两次输入的密码不一致。")):
                return
            made[role] = (form.text("username"), form.text("display_name"), form.text("password"))
        problems = accounts.separation_problems(made)
        for problem in reversed(problems):  # every clash beside its field; focus ends on the first
            self.show_error(problem)
        if problems:
            return
        try:
            accounts.init(made)
            if self.demo.isChecked():
                self.make_demo(accounts.login(made[Role.SYSADMIN][0], made[Role.SYSADMIN][2]))
                return
        except ValidationError as exc:
            self.show_error(exc)
            return
        except SanbanError as exc:
            self.general_error.setText(exc.message)
            self.general_error.show()
            return
        self.accept()

    def make_demo(self, admin) -> None:
        """Demo data takes seconds: made off the GUI thread, a progress dialog after a moment, then accepted."""
        from ui import messages
        from ui.workers import run_in_background

        self.create_button.setEnabled(False)
        self.demo.setEnabled(False)

        def done(report, error) -> None:
            accounts.record_session_event(admin, "logout", "初始化后退出")
            if error is not None:  # the three accounts exist: the database is set up, without demo data
                detail = error.message if isinstance(error, SanbanError) else str(error)
                messages.warn(self, self.tr("演示数据"), self.tr("三员账户已创建，但演示数据没有生成：%1")
                              .replace("%1", detail))
            else:
                self.demo_report = report.lines
            self.accept()

        run_in_background(self, self.tr("正在生成演示数据…"),
                          lambda progress, cancelled: demo.run(admin, progress=progress), done)

    def show_error(self, exc: ValidationError) -> None:
        """Beside the field of the role it names (「secadmin.password」), else under the groups."""
        role_key, _, field = exc.field.partition(".")
        role = next((r for r in self.forms if r.value == role_key), None)
        if role is not None:
            self.forms[role].show_error(field or "username", exc.message)
            scroll_to_fit(self, self.scroll)  # a message of two lines: the groups grow rather than scroll
        else:
            self.general_error.setText(exc.message)
            self.general_error.show()
