"""The window's 编辑 menu (新建/查找/打印/导出) reaches the page on screen through the module tab, and only a page that
has the action answers it; the tabs that send an action elsewhere (会议, 涉密人员) still do."""

from PySide6.QtWidgets import QWidget

from models.core.rights import Role
from ui.main_window import MainWindow
from ui.widgets.module_tab import ModuleTab

ACTIONS = ("new", "find", "print", "export")


def page(calls: list, actions: tuple[str, ...] = ACTIONS) -> QWidget:
    """A page that answers `actions` (all four, or only export as 当日盘点 does) by noting them."""
    widget = QWidget()
    for action in actions:
        setattr(widget, f"action_{action}", lambda a=action: calls.append((widget, a)))
    return widget


def test_each_action_goes_to_the_page_on_screen_and_only_if_it_has_it(qtbot):
    calls: list = []
    tab = ModuleTab(session=None)
    qtbot.addWidget(tab)
    for action in ACTIONS:  # no page yet: nothing to call, nothing raised
        getattr(tab, f"action_{action}")()
    first, second, report = page(calls), page(calls), page(calls, ("export",))
    for widget, label in ((first, "甲"), (second, "乙"), (report, "丙")):
        tab.pages.addTab(widget, label)
    for action in ACTIONS:
        getattr(tab, f"action_{action}")()
    assert calls == [(first, a) for a in ACTIONS]
    calls.clear()
    tab.pages.setCurrentWidget(second)
    tab.action_print()
    tab.pages.setCurrentWidget(report)
    for action in ACTIONS:
        getattr(tab, f"action_{action}")()
    assert calls == [(second, "print"), (report, "export")]


def test_the_menu_is_enabled_where_the_tab_answers_it_and_reaches_the_page(qtbot, duty):
    window = MainWindow(duty)
    qtbot.addWidget(window)
    enabled = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        enabled[window.tabs.tabText(index).split("（")[0]] = [
            name for name in ACTIONS if window.actions_by_name[name].isEnabled()]
    assert enabled == {"今日": ["print"], "值班": list(ACTIONS), "系统": []}
    window.tabs.setCurrentWidget(tab := window.module_tabs["duty"])
    tab.pages.setCurrentWidget(tab.absences)
    window.actions_by_name["find"].trigger()  # Ctrl+F: the 领导外出 page's search box
    assert window.focusWidget() is tab.absences.ledger.search


def test_secrecy_sends_find_from_a_page_without_it_to_the_people_but_not_new(qtbot, three, monkeypatch):
    from ui.secrecy.tab import SecrecyTab

    tab = SecrecyTab(three[Role.SECADMIN])
    qtbot.addWidget(tab)
    tab.show()
    added = []
    monkeypatch.setattr(tab.posts, "add", lambda: added.append(True))
    tab.pages.setCurrentWidget(tab.posts)
    tab.action_new()
    assert added and tab.pages.currentWidget() is tab.posts
    tab.pages.setCurrentWidget(tab.reminders)
    tab.action_new()  # 提醒 has nothing to make: it stays on screen
    assert tab.pages.currentWidget() is tab.reminders
    tab.action_find()
    assert tab.pages.currentWidget() is tab.people and tab.focusWidget() is tab.people.ledger.search


def test_meetings_answer_the_menu_whichever_page_is_below(qtbot, clerk):
    from ui.meetings.tab import MeetingsTab

    tab = MeetingsTab(clerk)
    qtbot.addWidget(tab)
    tab.show()
    tab.pages.setCurrentWidget(tab.documents)
    tab.action_find()
    assert tab.focusWidget() is tab.meetings.ledger.search
