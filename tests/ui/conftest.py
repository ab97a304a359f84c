"""pytest-qt offscreen: settings in a temporary folder, message boxes recorded instead of shown."""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QWidget

from ui import messages


@pytest.fixture(autouse=True)
def widgets_kept_until_closed(qtbot, monkeypatch):
    """A widget handed to `qtbot.addWidget` lives until pytest-qt has closed and deleted it.

    pytest-qt holds it weakly, and processes events (paints) after the test's body returns but closes it only in
    teardown. A widget shown on its own (a tab outside the window) whose wrapper sits in a reference cycle was then
    garbage still on screen: a collection inside that paint deleted it and its model mid-paint (a segfault in
    QAbstractItemModel::multiData; tests/ui/collect_in_paint.py makes that moment happen)."""
    kept: list[QWidget] = []
    add = qtbot.addWidget

    def add_and_keep(widget, *, before_close_func=None):
        kept.append(widget)
        add(widget, before_close_func=before_close_func)

    monkeypatch.setattr(qtbot, "addWidget", add_and_keep)
    yield
    # pytest-qt closed them and asked for their deletion before fixtures end: delete them now, at a quiet moment,
    # rather than in whatever collection or slot would come next
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    kept.clear()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    QCoreApplication.setOrganizationName("SanbanTest")
    QCoreApplication.setApplicationName("SanbanTest")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings().clear()
    yield


@pytest.fixture(autouse=True)
def shown(monkeypatch):
    """Every message box the code would show: (kind, title, text); confirmations answer yes.

    Autouse: a modal box nobody answers would hang the suite (as a failed backup's warning once did)."""
    seen: list[tuple[str, str, str]] = []
    for kind in ("info", "warn", "error"):
        monkeypatch.setattr(messages, kind, lambda parent, title, text, k=kind: seen.append((k, title, text)))
    monkeypatch.setattr(messages, "crash", lambda parent, title, text, details: seen.append(("crash", title, text)))
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: seen.append(("confirm", title, text)) or True)
    return seen


def type_text(widget, text: str) -> None:
    """Chinese cannot go through qtbot.keyClicks (Qt asserts on non-ASCII key events): set it as a user's IME would."""
    widget.setFocus()
    widget.clear()
    widget.insert(text)
    widget.textEdited.emit(text)
