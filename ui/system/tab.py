"""The 系统 tab: one page per duty, shown only to whoever holds it (the rights are still checked in models/)."""

import importlib
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from models.core.rights import Right, allowed


def _build(module: str, name: str, session) -> QWidget:
    return getattr(importlib.import_module(module), name)(session)


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
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as its words, not the page
        layout.addStretch(1)


class SystemTab(QWidget):
    restored = Signal()
    change_password = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}  # built on first view: start-up builds only the first page
        self._makers: dict[str, object] = {}
        self.session = session
        # Each page's module is imported when the page is first opened: most users never open most of them.
        candidates = [
            (Right.READ_AUDIT, self.tr("审计日志"), "ui.system.audit_page", "AuditPage"),
            (Right.MANAGE_ACCOUNTS, self.tr("账户管理"), "ui.system.accounts_page", "AccountsPage"),
            (Right.GRANT_ROLES, self.tr("角色授权"), "ui.system.roles_page", "RolesPage"),
            (None, self.tr("节假日安排"), "ui.system.holidays_page", "HolidaysPage"),
            (Right.EDIT_SETTINGS, self.tr("系统设置"), "ui.system.settings_page", "SettingsPage"),
            (Right.BACKUP, self.tr("备份与恢复"), "ui.system.backup_page", "BackupPage"),
        ]
        for right, title, module, name in candidates:
            if right is None or allowed(session, right):
                self._makers[title] = partial(_build, module, name, session)
                self.nav.addItem(title)
                self.stack.addWidget(QWidget())
        self._makers[self.tr("我的账户")] = self._my_account
        self.nav.addItem(self.tr("我的账户"))
        self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_row)
        layout = QHBoxLayout(self)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.nav.currentRow() < 0:  # the first page is built when the tab is first shown, not at window start
            self.nav.setCurrentRow(0)
        super().showEvent(event)

    def _my_account(self) -> QWidget:
        page = MyAccountPage(self.session)
        page.change_password.connect(self.change_password)
        return page

    def titles(self) -> list[str]:
        return list(self._makers)

    def page(self, title: str) -> QWidget:
        """The page of that title, built the first time it is asked for."""
        if title not in self.pages:
            page = self._makers[title]()
            if hasattr(page, "restored"):  # the backup page: after a restore the window logs out
                page.restored.connect(self.restored)
            row = self.titles().index(title)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages[title] = page
        return self.pages[title]

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._makers):
            self.stack.setCurrentWidget(self.page(self.titles()[row]))

    def show_page(self, title: str) -> None:
        self.nav.setCurrentRow(self.titles().index(title))
