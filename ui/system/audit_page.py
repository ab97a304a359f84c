"""安全审计员: the audit log in the shared ledger widget, with a Verify button."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.core import audit
from models.core.audit_ledger import AuditLedger
from ui.widgets.ledger import LedgerView


class AuditPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.ledger = LedgerView(AuditLedger(session), self)
        self.verify_action = QAction(self.tr("校验完整性"), self)
        self.verify_action.triggered.connect(self.verify)
        refresh = QAction(self.tr("刷新"), self)
        refresh.triggered.connect(self.ledger.refresh)
        self.ledger.toolbar.addAction(self.verify_action)
        self.ledger.toolbar.addAction(refresh)
        self.ledger.toolbar.addAction(self.ledger.columns_action)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.result)
        layout.addWidget(self.ledger)

    def verify(self) -> None:
        result = audit.verify(self.session)
        colour, background = ("#1d6b2f", "#e4f5e8") if result.ok else ("#a61b0f", "#fde4e1")
        self.result.setStyleSheet(f"color: {colour}; background: {background}; padding: 8px; font-weight: bold;")
        self.result.setText(result.message())
        self.result.show()
        self.ledger.refresh()
        if result.bad_id:
            self.ledger.search.clear()
            self.ledger.clear_filters()
