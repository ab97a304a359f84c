"""Start-up builds what the user sees first: the log-in dialog before the main window's modules, the 系统 pages when
the 系统 tab is first opened."""

import subprocess
import sys
from pathlib import Path

import pytest

from models.core.rights import Role
from tests.conftest import business_user
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_system_pages_are_built_when_the_tab_is_first_opened(qtbot, three):
    clerk = business_user(three, "wangmishu", "王秘书", "clerk")
    window = MainWindow(clerk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.tabs.currentWidget() is not window.system_tab
    assert window.system_tab.pages == {}  # nothing built for a tab the 文书 has not opened
    window.tabs.setCurrentWidget(window.system_tab)
    assert list(window.system_tab.pages) == [window.system_tab.titles()[0]]  # the first page, on first view


def test_the_auditor_sees_the_audit_log_at_once(qtbot, three):
    window = MainWindow(three[Role.AUDITOR])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.system_tab.stack.currentWidget() is window.system_tab.pages["审计日志"]


def test_the_login_path_and_the_main_window_import_no_page_they_do_not_show():
    code = """
import sys
from ui import app
login = set(sys.modules)
from ui import main_window
window = set(sys.modules)
print(sorted(m for m in login if m.startswith(("ui.", "exporters", "importers"))))
print(sorted(m for m in window if m.startswith("ui.system.")))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    login, window = (eval(line) for line in result.stdout.splitlines())  # noqa: S307 - our own printout
    assert "ui.main_window" not in login and "ui.setup_dialog" not in login
    assert not [m for m in login if m.startswith(("exporters", "importers"))]
    assert window == []  # tabs come from the manifests: each tab's module loads when the window builds it


def test_a_tab_is_built_when_it_is_first_shown(qtbot, three):
    leader = business_user(three, "zhouzhuren", "周主任", "leader")  # 公文, 会议, 值班, 督办 and 系统
    window = MainWindow(leader)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["今日", "公文", "会议", "值班", "督办", "系统"]
    assert window.module_tabs.built() == ["today"]  # only the tab on screen
    placeholder = window.tabs.widget(3)
    assert not hasattr(placeholder, "log")
    window.tabs.setCurrentIndex(3)  # as Alt+4 or a click on the tab does
    assert window.module_tabs.built() == ["today", "duty"]
    duty = window.tabs.currentWidget()
    assert duty is window.module_tabs["duty"] and duty.log.ledger.model.rowCount() >= 0
    assert window.tabs.tabText(3) == "值班" and window.tabs.currentIndex() == 3
    assert window.actions_by_name["new"].isEnabled() == hasattr(duty, "action_new")  # the menus see the built tab


def test_a_tab_asked_for_by_name_is_built_in_its_place(qtbot, three):
    leader = business_user(three, "zhouzhuren", "周主任", "leader")
    window = MainWindow(leader)
    qtbot.addWidget(window)
    system = window.module_tabs["core"]  # e.g. 文件 → 备份数据库 opens a 系统 page
    assert window.module_tabs.built() == ["today", "core"]
    assert window.tabs.indexOf(system) == 5 and window.tabs.currentIndex() == 0
    assert list(window.module_tabs) == ["today", "documents", "meetings", "duty", "supervision", "core"]
    assert len(window.module_tabs) == 6


WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
from models.core import db
from models.core.accounts import User, session_for
from ui.app import configure
from ui.main_window import MainWindow
app = QApplication([])
configure(app)
db.connect(sys.argv[1])
window = MainWindow(session_for(User.get(User.username == "wangmishu")))
window.show()
app.processEvents()
print(sorted(sys.modules))
"""


@pytest.mark.sqlite_only
def test_the_window_imports_only_what_its_first_page_shows(three, database, tmp_path):
    business_user(three, "wangmishu", "王秘书", "clerk")  # 今日 first, then 公文 and 系统
    result = subprocess.run([sys.executable, "-c", WINDOW, str(database)], cwd=ROOT, capture_output=True, text=True,
                            check=True, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
                                             "SANBAN_HOME": str(tmp_path / "home"),
                                             "XDG_CONFIG_HOME": str(tmp_path / "config")})
    modules = eval(result.stdout.splitlines()[-1])  # noqa: S307 - our own printout
    assert "ui.today.tab" in modules  # the measurement sees the page on screen
    not_shown = ("ui.system.", "ui.duty.", "ui.secrecy.", "ui.documents.",
                 "ui.meetings.", "ui.supervision.", "ui.widgets.preview", "ui.workers", "ui.widgets.step_dialog",  # print, export, import, steps: on use
                 "exporters", "importers")
    assert [m for m in modules if m.startswith(not_shown)] == []
    # psycopg2 and ssl are for PostgreSQL only; playhouse.migrate for an older file; the rest for printing and export
    heavy = ("psycopg2", "ssl", "playhouse", "openpyxl", "docx", "docxtpl", "reportlab", "pypinyin")
    assert [m for m in modules if m.split(".")[0] in heavy] == []


def test_pyside_reads_no_source_of_the_modules_the_window_imports():
    code = """
import inspect
read = []
real = inspect.getsource
import ui  # tames PySide6's import hook
inspect.getsource = lambda obj: read.append(getattr(obj, "__name__", obj)) or real(obj)
import peewee, chinese_calendar.constants, ui.main_window
print(read)
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "[]"


def test_the_lock_page_is_built_at_the_first_lock(qtbot, three):
    window = MainWindow(business_user(three, "wangmishu", "王秘书", "clerk"))
    qtbot.addWidget(window)
    assert window._lock_page is None and window.stack.count() == 1
    window.lock()
    assert window.stack.currentWidget() is window.lock_page and window.stack.count() == 2
    window.unlock()
    window.lock()
    assert window.stack.count() == 2  # the same page the next time


def test_the_collector_does_not_walk_what_start_up_loaded():
    code = """
import gc
import ui.main_window
print(gc.get_freeze_count(), len(gc.get_objects()))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    frozen, walked = map(int, result.stdout.split())
    assert frozen > 20_000 and walked < 1_000  # modules, classes, Qt type tables: out of the collector's way
