"""One signal for the whole window: every step announces the `Change` it made, and each open page refreshes only
when the change concerns the kinds of record it shows (anki's OpChanges, as STYLE.md §3 asks)."""

from PySide6.QtCore import QObject, Signal

from models.core.changes import Change


class Changes(QObject):
    changed = Signal(object)  # a Change


_bus: Changes | None = None


def bus() -> Changes:
    """The application's one Changes object (made on first use: pages of every tab share it)."""
    global _bus
    if _bus is None:
        _bus = Changes()
    return _bus


def announce(change: Change) -> None:
    if change.kinds:
        bus().changed.emit(change)
