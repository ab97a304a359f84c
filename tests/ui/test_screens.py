"""Every main screen of every role, walked: Chinese everywhere, no key claimed twice, the 编辑 keys reach the page."""

import re

import pytest
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QMenu, QMenuBar, QTabWidget, QWidget

from tests.ui.screens import ROLES, build_everything, sessions, shortcuts, visible_strings
from ui.main_window import MainWindow

# Names a Chinese office reads as they are; keys as Qt spells them.
ALLOWED = re.compile(r"(?:Ctrl|Alt|Shift)(?:\+\w+)+|PDF|Excel|Word|WPS|CSV|xlsx|docx|pdf|Enter|Esc|Tab|F\d+|PgUp"
                     r"|PgDown|Del|Backspace|Home|End|Space")
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


@pytest.fixture
def everyone(three):
    return sessions(three)


def window_for(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    build_everything(window)
    return window


def latin_only(text: str) -> bool:
    rest = ALLOWED.sub("", text)
    return bool(re.search(r"[A-Za-z]", rest)) and not CJK.search(text)


@pytest.mark.parametrize("role", ROLES)
def test_every_string_on_every_screen_is_chinese(qtbot, everyone, role):
    from models.core.accounts import User

    window = window_for(qtbot, everyone[role])
    texts = list(visible_strings(window))
    assert len(texts) > 100  # the walk did reach the pages
    people = {name for (name,) in User.select(User.username).tuples()}  # 「wenshu」 in 操作人 is data, not text
    wrong = sorted({(where, text) for where, text in texts if text and text not in people and latin_only(text)})
    internal = sorted({(where, text) for where, text in texts if "DOMAIN" in text or "§" in text})
    assert not wrong, f"{role}: strings with no Chinese: {wrong}"
    assert not internal, f"{role}: internal references on screen: {internal}"


def test_the_walk_catches_english():
    assert latin_only("OK") and latin_only("Look in:") and not latin_only("导出 PDF") and not latin_only("Ctrl+P")


def _active(owner) -> bool:
    """Would Qt match this shortcut now: its widget (or, for a menu's action, the menu bar) is on screen."""
    if isinstance(owner, QShortcut):
        parent = owner.parent()
        return isinstance(parent, QWidget) and parent.isVisible()
    for widget in owner.associatedObjects():
        if isinstance(widget, QMenu):
            if _menu_on_screen(widget):
                return True
        elif isinstance(widget, QWidget) and widget.isVisible():
            return True
    return False


def _menu_on_screen(menu: QMenu) -> bool:
    for holder in menu.menuAction().associatedObjects():
        if isinstance(holder, QMenuBar) and holder.isVisible():
            return True
        if isinstance(holder, QMenu) and _menu_on_screen(holder):
            return True
    return False


def _context(owner):
    from PySide6.QtCore import Qt

    return owner.shortcutContext() if isinstance(owner, QAction) else owner.context(), Qt.ShortcutContext


def clashes(window: MainWindow) -> list[str]:
    """Keys claimed twice among the shortcuts Qt would consider now (window-wide ones, plus each widget-scoped one
    with the window-wide ones: when its widget has focus both match)."""
    window_wide: dict[str, list[str]] = {}
    scoped: list[tuple[str, str]] = []
    for key, owner, _ in shortcuts(window):
        if not _active(owner):
            continue
        context, kinds = _context(owner)
        name = owner.text() if isinstance(owner, QAction) else f"QShortcut on {type(owner.parent()).__name__}"
        if context in (kinds.WindowShortcut, kinds.ApplicationShortcut):
            window_wide.setdefault(key, []).append(name)
        else:
            scoped.append((key, name))
    found = [f"{key}: {names}" for key, names in window_wide.items() if len(names) > 1]
    found += [f"{key}: {name} and {window_wide[key]}" for key, name in scoped if key in window_wide]
    return found


def screens(window: MainWindow):
    """Each tab, and within it each inner tab and system page, put on screen in turn."""
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        tab = window.tabs.currentWidget()
        inner = [t for t in tab.findChildren(QTabWidget) if t.isVisible()]
        yield window.tabs.tabText(number)
        for pages in inner:
            for page in range(pages.count()):
                pages.setCurrentIndex(page)
                yield f"{window.tabs.tabText(number)} / {pages.tabText(page)}"
        if callable(getattr(tab, "titles", None)):
            for title in tab.titles():
                tab.show_page(title)
                yield f"{window.tabs.tabText(number)} / {title}"


@pytest.mark.parametrize("role", ROLES)
def test_no_key_is_claimed_twice_on_any_screen(qtbot, everyone, role):
    window = window_for(qtbot, everyone[role])
    checked = 0
    for screen in screens(window):
        found = clashes(window)
        assert not found, f"{role}, {screen}: {found}"
        checked += 1
    assert checked >= window.tabs.count()


def test_the_walk_finds_a_key_claimed_twice(qtbot, everyone):
    window = window_for(qtbot, everyone["clerk"])
    window.tabs.setCurrentWidget(window.module_tabs["documents"])
    assert not clashes(window)
    page = window.module_tabs["documents"].incoming
    second = QAction("查找", page)
    second.setShortcut("Ctrl+F")
    page.ledger.toolbar.addAction(second)
    assert [c for c in clashes(window) if c.startswith("Ctrl+F")]


@pytest.mark.parametrize("role", ROLES)
def test_every_dialog_a_toolbar_opens_is_chinese(qtbot, everyone, role, monkeypatch):
    """Each toolbar button of each screen pressed once; every dialog it opens is read instead of shown."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QPushButton, QToolBar

    from models.core.accounts import User

    opened: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *args, **kwargs: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: ""))
    for name in ("getText", "getItem", "getInt", "getDouble", "getMultiLineText"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *args, **kwargs: ("", False)))
    window = window_for(qtbot, everyone[role])
    people = {name for (name,) in User.select(User.username).tuples()}
    pressed = 0
    for _ in screens(window):
        for toolbar in window.findChildren(QToolBar):
            if not toolbar.isVisible():
                continue
            for action in toolbar.actions():
                if action.isEnabled() and not action.isSeparator() and action.text() and action.menu() is None \
                        and action.text() != "列设置":  # a popup menu, not a dialog
                    action.trigger()
                    pressed += 1
        for button in window.findChildren(QPushButton):  # the system pages' buttons
            if button.isVisible() and button.isEnabled() and button.menu() is None:
                button.click()
                pressed += 1
    assert pressed
    wrong = sorted({(type(d).__name__, text) for d in opened for _, text in visible_strings(d)
                    if text and text not in people and (latin_only(text) or "DOMAIN" in text or "§" in text)})
    assert not wrong, f"{role}: dialogs with strings not in Chinese: {wrong}"
    # and each can be made to fit a 1366×768 screen, its frame included
    too_big = [(d.windowTitle(), d.minimumSizeHint().toTuple()) for d in opened
               if d.minimumSizeHint().width() > 1366 - 16 or d.minimumSizeHint().height() > 768 - 48]
    assert not too_big, f"{role}: dialogs larger than a 1366×768 screen: {too_big}"


@pytest.mark.parametrize("focus", ["table", "search", "detail"])
def test_the_edit_keys_reach_the_page_from_anywhere_in_it(qtbot, everyone, focus, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = MainWindow(everyone["clerk"])
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    tab = window.module_tabs["documents"]
    window.tabs.setCurrentWidget(tab)
    called: list[str] = []
    for name in ("new", "find", "print", "export"):
        monkeypatch.setattr(tab, f"action_{name}", lambda n=name: called.append(n))
    ledger = tab.incoming.ledger
    target = {"table": ledger.table, "search": ledger.search, "detail": ledger.detail}[focus]
    for key, name in ((Qt.Key.Key_N, "new"), (Qt.Key.Key_F, "find"), (Qt.Key.Key_P, "print"),
                      (Qt.Key.Key_E, "export")):
        target.setFocus()
        qtbot.waitUntil(target.hasFocus)
        QTest.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)
        assert called[-1:] == [name], f"Ctrl+{name} from the {focus}"
