"""A cyclic garbage collection can start at any allocation, also inside a model's `data()` while Qt paints: it must
never delete what is on screen. Each tab shown on its own (as the widget tests build them) and each role's window
with every page built are painted with a full collection forced inside that paint (tests/ui/collect_in_paint.py),
in a child process, so that a segfault fails this test instead of ending the run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models.core import modules
from models.core.manifest import resolve
from models.core.rights import allowed
from tests.ui.screens import build_everything, sessions
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = "tests.ui.collect_in_paint"
TABS = {manifest.name: tab for manifest, tab in modules.tabs()}
WINDOWS = ("clerk", "duty", "secadmin", "sysadmin")  # between them every tab and every 系统 page


@pytest.fixture
def under_collection(request):
    if not request.config.pluginmanager.has_plugin(PLUGIN):
        pytest.skip(f"painted under a forced collection only: run by the test below with -p {PLUGIN}")


@pytest.mark.parametrize("name", sorted(TABS))
def test_a_tab_shown_on_its_own(under_collection, qtbot, three, name):
    spec = TABS[name]
    session = next(s for s in sessions(three).values() if not spec.right or allowed(s, spec.right))
    tab = resolve(spec.widget)(session)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)  # painted once; the plugin has it painted again, with the collection inside


@pytest.mark.parametrize("role", WINDOWS)
def test_a_window_with_every_page_built(under_collection, qtbot, three, role):
    window = MainWindow(sessions(three)[role])
    qtbot.addWidget(window)  # the Shell holds the window in the program
    window.show()
    qtbot.waitExposed(window)
    build_everything(window)


def test_nothing_on_screen_is_deleted_by_a_collection_mid_paint():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "-o", "addopts=", "-p", PLUGIN, f"{Path(__file__).relative_to(ROOT)}", "-k", "shown_on_its_own or every_page"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    expected = f"{len(TABS) + len(WINDOWS)} passed"
    assert run.returncode == 0 and expected in run.stdout, (run.returncode, run.stdout[-3000:], run.stderr[-3000:])
