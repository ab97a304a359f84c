"""pytest-qt offscreen: settings in a temporary folder, message boxes recorded instead of shown."""

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from ui import messages


@pytest.fixture(autouse=True)
def collected_first():
    """Collect the garbage of earlier tests before a widget test starts: a collection that falls inside one, while
    Qt paints, took a model from under a live view (a segfault seen after a non-UI test that made many objects)."""
    gc.collect()


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
