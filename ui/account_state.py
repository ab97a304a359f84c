"""What the window remembers for the account logged in, on this workstation: geometry, column widths, filters,
saved searches, the last folder. Several people share one workstation, and QSettings is per operating-system user,
so every key lives under the account's own group.

QSettings rather than the database: this is the state of one screen (a 1366 px laptop and a 1920 px desk monitor may
share one PostgreSQL server), it changes at every column drag, and every database write is audited.
"""

from PySide6.QtCore import QSettings

_account = ""


def set_account(username: str) -> None:
    """Called by the main window for the account that logged in, before any page reads its state."""
    global _account
    _account = username


def settings() -> QSettings:
    """QSettings whose keys are the current account's (the bare keys before anyone logged in)."""
    store = QSettings()
    if _account:
        store.beginGroup("accounts/" + _account.replace("/", "_").replace("\\", "_"))
    return store
