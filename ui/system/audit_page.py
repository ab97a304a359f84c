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
        self.source = AuditLedger(session)
        self.ledger = LedgerView(self.source, self)
        self.verify_action = QAction(self.tr("校验完整性"), self)
        self.verify_action.triggered.connect(self.verify)
        refresh = QAction(self.tr("刷新"), self)
        refresh.triggered.connect(self.ledger.refresh)
        self.ledger.toolbar.addAction(self.verify_action)
        self.ledger.toolbar.addAction(refresh)
        self.ledger.toolbar.addAction(self.ledger.columns_action)
        self.sealed = QLabel()
        self.sealed.setStyleSheet("color: #555; padding: 2px 8px;")
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sealed)
        layout.addWidget(self.result)
        layout.addWidget(self.ledger)
        self.show_last_seal()

    def show_last_seal(self) -> None:
        last = self.source.last_seal()
        if last is None:
            self.sealed.setText(self.tr("尚未封存：校验完整性后，此前的日志即被封存。"))
            return
        entry_id, at = last
        self.sealed.setText(self.tr("最近一次封存：%1（第 %2 条）。此后的记录在下次登录或校验时封存。")
                            .replace("%1", f"{at:%Y-%m-%d %H:%M}").replace("%2", str(entry_id)))

    def verify(self) -> None:
        result = audit.verify(self.session)
        colour, background = ("#1d6b2f", "#e4f5e8") if result.ok else ("#a61b0f", "#fde4e1")
        self.result.setStyleSheet(f"color: {colour}; background: {background}; padding: 8px; font-weight: bold;")
        self.result.setText(result.message())
        self.result.show()
        self.ledger.refresh()
        self.show_last_seal()
        if result.bad_id:
            self.ledger.search.clear()
            self.ledger.clear_filters()
