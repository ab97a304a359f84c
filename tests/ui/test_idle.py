"""The idle lock listens for input without filtering every event of the application (none before the first paint)."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from models.core import settings
from models.core.rights import Role
from ui.idle import REARM_MS, IdleWatcher
from ui.main_window import MainWindow


def press_key(widget) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))


def test_nothing_filters_the_events_of_the_first_paint(qtbot, three):
    window = MainWindow(three[Role.AUDITOR])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.idle.listening and window.idle.rearm.isActive()
    # the countdown is the limit plus one pause, so a lock never comes early
    assert window.idle.timer.interval() == settings.get("idle_lock_minutes") * 60_000 + REARM_MS


def test_one_input_restarts_the_countdown_then_the_watcher_steps_aside(qtbot):
    box = QLineEdit()
    qtbot.addWidget(box)
    watcher = IdleWatcher(1, rearm_ms=300)
    assert not watcher.listening
    qtbot.waitUntil(lambda: watcher.listening, timeout=3000)
    press_key(box)
    assert not watcher.listening  # heard: stops listening until the pause ends
    assert watcher.timer.remainingTime() > 60_100 and watcher.rearm.isActive()  # the countdown starts again
    qtbot.waitUntil(lambda: watcher.listening, timeout=3000)
    watcher.pause()
    assert not watcher.listening and not watcher.timer.isActive() and not watcher.rearm.isActive()
    press_key(box)  # locked: input does not start a countdown
    assert not watcher.timer.isActive()
    watcher.resume()
    assert watcher.timer.isActive() and watcher.timer.remainingTime() > 59_000


def test_without_input_the_lock_comes(qtbot):
    watcher = IdleWatcher(0, rearm_ms=30)
    with qtbot.waitSignal(watcher.idle, timeout=3000):
        pass
