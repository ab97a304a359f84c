"""pytest-qt offscreen: settings in a temporary folder, message boxes recorded instead of shown."""

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from ui import messages


@pytest.fixture(autouse=True)
def collected_first():
    """No cyclic garbage collection while a widget test runs: earlier tests' garbage is collected before it starts,
    and the collector is off until it ends. A collection that fell inside a widget test, mid-paint, freed a model a
    live view still painted (segfault in QAbstractItemModel::multiData, seen in the full suite and after a non-UI
    test that made many objects); which model is not yet known."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


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
