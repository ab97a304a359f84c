"""Toolbar actions for a page's steps, with shortcuts that never collide with the window's own.

Two enabled actions with one key in one window make Qt trigger neither ("ambiguous shortcut"). The window's
编辑 menu owns Ctrl+N/F/P/E and passes them to the current page's action_new/find/print/export, so a page
action for those keys only names the key in its tooltip; the window's 视图 menu switches tabs with Alt+digit,
leaving Ctrl+digit to the pages' steps.
"""

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

MENU_KEYS = frozenset({"Ctrl+N", "Ctrl+F", "Ctrl+P", "Ctrl+E"})


def step_action(parent: QWidget, label: str, shortcut: str, slot: Callable) -> QAction:
    action = QAction(label, parent)
    if shortcut:
        if shortcut not in MENU_KEYS:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{label}（{shortcut}）")
    action.triggered.connect(slot)
    return action
