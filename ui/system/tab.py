"""The 系统 tab: one page per duty, shown only to whoever holds it (the rights are still checked in models/)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from models.rights import Right, allowed
from ui.system.accounts_page import AccountsPage
from ui.system.audit_page import AuditPage
from ui.system.backup_page import BackupPage
from ui.system.holidays_page import HolidaysPage
from ui.system.roles_page import RolesPage
from ui.system.settings_page import SettingsPage


class MyAccountPage(QWidget):
    change_password = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        info = QLabel(self.tr("用户名：%1\n姓名：%2\n角色：%3").replace("%1", session.username)
                      .replace("%2", session.display_name).replace("%3", session.role_text()))
        button = QPushButton(self.tr("修改密码…"))
        button.clicked.connect(self.change_password)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(button)
        layout.addStretch(1)


class SystemTab(QWidget):
    restored = Signal()
    change_password = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        mine = MyAccountPage(session)
        mine.change_password.connect(self.change_password)
        candidates = [
            (Right.READ_AUDIT, self.tr("审计日志"), lambda: AuditPage(session)),
            (Right.MANAGE_ACCOUNTS, self.tr("账户管理"), lambda: AccountsPage(session)),
            (Right.GRANT_ROLES, self.tr("角色授权"), lambda: RolesPage(session)),
            (None, self.tr("节假日安排"), lambda: HolidaysPage(session)),
            (Right.EDIT_SETTINGS, self.tr("安全设置"), lambda: SettingsPage(session)),
            (Right.BACKUP, self.tr("备份与恢复"), lambda: BackupPage(session)),
        ]
        for right, title, make in candidates:
            if right is None or allowed(session, right):
                page = make()
                self._add(title, page)
                if isinstance(page, BackupPage):
                    page.restored.connect(self.restored)
        self._add(self.tr("我的账户"), mine)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)

    def _add(self, title: str, page: QWidget) -> None:
        self.pages[title] = page
        self.nav.addItem(title)
        self.stack.addWidget(page)

    def show_page(self, title: str) -> None:
        self.nav.setCurrentRow(list(self.pages).index(title))
