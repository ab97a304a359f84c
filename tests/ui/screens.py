"""Every main screen of every role, built: for the tests that walk them (Chinese text, shortcuts, fit)."""

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from models.core.rights import Role
from tests.conftest import business_user

ROLES = ("clerk", "duty", "leader", "sysadmin", "secadmin", "auditor")


def sessions(three) -> dict[str, object]:
    """A logged-in session for each role: the three 三员 and one user for each business role."""
    made = {"sysadmin": three[Role.SYSADMIN], "secadmin": three[Role.SECADMIN], "auditor": three[Role.AUDITOR]}
    for username, name, role in (("wenshu", "王文书", "clerk"), ("zhiban", "赵值班", "duty"),
                                 ("lingdao", "周主任", "leader")):
        made[role] = business_user(three, username, name, role)
    return made


def build_everything(window: QWidget) -> None:
    """Open every tab, inner tab and system page once, so that each is built (they are built on first view)."""
    seen = -1
    while seen != len(window.findChildren(QWidget)):
        seen = len(window.findChildren(QWidget))
        for tabs in window.findChildren(QTabWidget):
            current = tabs.currentIndex()
            for number in range(tabs.count()):
                tabs.setCurrentIndex(number)
            tabs.setCurrentIndex(current)
        for widget in window.findChildren(QWidget):
            if callable(getattr(widget, "titles", None)) and callable(getattr(widget, "show_page", None)):
                for title in widget.titles():
                    widget.show_page(title)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("&nbsp;", " ").strip()


def visible_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string a user can read on `root` and its children: titles, labels, buttons, tabs,
    menus, actions and their tooltips, placeholders, combo items, table headers."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} in {type(widget.window()).__name__}"
        if widget.isWindow():
            yield where, widget.windowTitle()
        yield where, widget.toolTip()
        if isinstance(widget, QLabel):
            yield where, _plain(widget.text())
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QLineEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QComboBox):
            for number in range(widget.count()):
                yield where, widget.itemText(number)
        elif isinstance(widget, QTabWidget):
            for number in range(widget.count()):
                yield where, widget.tabText(number)
        elif isinstance(widget, QMenu):
            yield where, widget.title()
        elif isinstance(widget, QListWidget):
            for number in range(widget.count()):
                yield where, widget.item(number).text()
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                yield where, str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for action in root.findChildren(QAction):
        yield "QAction", action.text()
        if action.toolTip() != action.text().replace("&", ""):
            yield "QAction tooltip", action.toolTip()


def shortcuts(root: QWidget) -> Iterator[tuple[str, object, object]]:
    """(key, the owner, the widget whose window context it lives in) for every QAction and QShortcut under `root`."""
    for action in root.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                yield key.toString(), action, action
    for shortcut in root.findChildren(QShortcut):
        for key in shortcut.keys():
            if not key.isEmpty():
                yield key.toString(), shortcut, shortcut
