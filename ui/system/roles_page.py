"""安全保密管理员: grant and revoke business roles."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.core import accounts
from models.core.errors import SanbanError
from models.core.rights import ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS
from ui import messages
from ui.system.accounts_page import user_rows, users_model
from ui.widgets.table import make_table


class RolesPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = users_model()
        self.table = make_table(self.model)
        self.role = QComboBox()
        for role in sorted(BUSINESS_ROLES):
            self.role.addItem(ROLE_LABELS[role], role.value)
        grant = QPushButton(self.tr("授予"))
        grant.clicked.connect(lambda: self.change(accounts.grant))
        revoke = QPushButton(self.tr("撤销"))
        revoke.clicked.connect(lambda: self.change(accounts.revoke))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("选中账户后：")))
        bar.addWidget(self.role)
        bar.addWidget(grant)
        bar.addWidget(revoke)
        bar.addStretch(1)
        note = QLabel(self.tr("三员账户不得兼任业务角色。每次授予和撤销都记入审计日志。"))
        note.setStyleSheet("color: #555;")
        self.empty = QLabel(self.tr(
            "还没有业务账户：请系统管理员在「系统 → 账户管理」中新增账户，再在这里选中并授予角色。"))
        self.empty.setStyleSheet("color: #8a5300; background: #fff0d1; padding: 4px;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(note)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        users = accounts.list_users(self.session)
        self.model.set_rows(user_rows(self.session, users))
        self.empty.setVisible(all(r.roles & ADMIN_ROLES for r in users))  # only the 三员: nobody to grant a role

    def change(self, fn) -> None:
        name = self.model.key(self.table.currentIndex().row())
        if name is None:
            messages.info(self, self.tr("角色"), self.tr("请先在列表中选中一个账户。"))
            return
        try:
            fn(self.session, name, self.role.currentData())
        except SanbanError as exc:
            messages.warn(self, self.tr("角色"), exc.message)
        row = self.table.currentIndex().row()
        self.refresh()
        self.table.selectRow(row)
