"""Idle lock: after N minutes without keyboard or mouse input the window hides its content behind a password."""

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from models.core import accounts
from models.core.errors import SanbanError

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.MouseMove}
# After it hears one input the watcher stops listening for this long: an application-wide Python event filter runs
# on every event (1,164 calls, ≈36 ms, before the first paint alone), and one input per pause is all it needs.
REARM_MS = 5_000


class IdleWatcher(QObject):
    """Counts down to the lock; input restarts the countdown.

    It listens on the application only until it hears an input, then steps aside for `rearm_ms` and listens again;
    it starts aside, so nothing filters the events of the first paint. Input during a pause goes unheard, so the
    countdown is the limit plus one pause: the lock comes at most `rearm_ms` late, never early.
    """

    idle = Signal()

    def __init__(self, minutes: int, parent=None, rearm_ms: int = REARM_MS) -> None:
        super().__init__(parent)
        self.listening = False
        self.timer = QTimer(self, singleShot=True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5% early: 45 s of 15 minutes
        self.timer.setInterval(minutes * 60_000 + rearm_ms)
        self.timer.timeout.connect(self.idle)
        self.rearm = QTimer(self, singleShot=True)
        self.rearm.setInterval(rearm_ms)
        self.rearm.timeout.connect(self._listen)
        self.resume()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT_EVENTS:
            self._stop_listening()
            self.timer.start()
            self.rearm.start()
        return False

    def _listen(self) -> None:
        if not self.listening:
            QCoreApplication.instance().installEventFilter(self)
            self.listening = True

    def _stop_listening(self) -> None:
        if self.listening:
            QCoreApplication.instance().removeEventFilter(self)
            self.listening = False

    def pause(self) -> None:
        """Locked or closing: no countdown, no listening."""
        self.timer.stop()
        self.rearm.stop()
        self._stop_listening()

    def resume(self) -> None:
        self.timer.start()
        self.rearm.start()


class LockPage(QWidget):
    unlocked = Signal()
    switch_user = Signal()

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        title = QLabel(self.tr("三办已锁定"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.who = who = QLabel()
        self.set_reason(by_hand=False)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.setMaximumWidth(260)
        self.password.returnPressed.connect(self.unlock)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b42318;")
        unlock = QPushButton(self.tr("解锁"))
        unlock.clicked.connect(self.unlock)
        switch = QPushButton(self.tr("切换用户"))
        switch.clicked.connect(self.switch_user)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(unlock)
        buttons.addWidget(switch)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        for widget in (title, who, self.password, self.error):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(buttons)
        column.addStretch(2)

    def set_reason(self, by_hand: bool) -> None:
        """Say why the window is locked: 锁定 from the menu (Ctrl+L) is not 「长时间未操作」."""
        text = self.tr("%1（%2）已锁定。请输入密码解锁。") if by_hand else \
            self.tr("%1（%2）长时间未操作，已自动锁定。请输入密码解锁。")
        self.who.setText(text.replace("%1", self.session.display_name).replace("%2", self.session.username))

    def unlock(self) -> None:
        try:
            accounts.unlock_session(self.session, self.password.text())
        except SanbanError as exc:
            self.password.clear()
            self.error.setText(exc.message)
            return
        self.password.clear()
        self.error.clear()
        self.unlocked.emit()
