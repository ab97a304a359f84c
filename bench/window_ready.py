"""Window-ready time: Sanban's main window (auditor, audit viewer over 100,000 entries) against a bare
PySide6 window with one empty table, each started in a fresh process, measured in the same run.

"Ready" = from interpreter start to the window shown and its first paint processed. Log-in is excluded
(the password hash is a deliberate cost of the user's action, not of start-up).

    python bench/window_ready.py           (BENCH_RUNS, BENCH_ENTRIES to change)
    BENCH_DB=…/bench.db BENCH_USER=wangmishu python bench/window_ready.py
                                           (an existing database, e.g. the 100k-document one bench/documents.py
                                           leaves in /tmp, opened as the 文书 with the 公文 tab)
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import env_int, fresh_database, median

HERE = Path(__file__).resolve().parent

BARE = r"""
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel
app = QApplication(sys.argv)
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 7))
window.setCentralWidget(table)
window.resize(1280, 800)
window.show()
app.processEvents()
print(time.perf_counter() - START)
"""

SANBAN = r"""
import time, sys
sys.path.insert(0, ROOT)
from PySide6.QtWidgets import QApplication
from ui.app import configure
from ui.main_window import MainWindow
from models.core import db
from models.core.accounts import User, session_for
app = QApplication(sys.argv)
configure(app)
db.connect(DB)
window = MainWindow(session_for(User.get(User.username == USER)))
window.show()
app.processEvents()
print(time.perf_counter() - START)
"""


def run(code: str, **names: str) -> float:
    prelude = "import time\nSTART = time.perf_counter()\n" + "".join(f"{k} = {v!r}\n" for k, v in names.items())
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # Interpreter start-up is the same for both; measure from the first line of the script.
    out = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    runs, entries = env_int("BENCH_RUNS", 7), env_int("BENCH_ENTRIES", 100_000)
    user = os.environ.get("BENCH_USER", "auditor")
    if os.environ.get("BENCH_DB"):
        path = Path(os.environ["BENCH_DB"])
    else:
        path = Path(tempfile.mkdtemp()) / "bench.db"
        fresh_database(path, entries)
    settings_home = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = settings_home  # no saved geometry or filters from earlier runs
    bare, sanban = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bare.append(run(BARE))
        sanban.append(run(SANBAN, ROOT=str(HERE.parent), DB=str(path), USER=user))
    b, s = median(bare), median(sanban)
    print(f"bare PySide6 window + empty table: median {b * 1000:.0f} ms over {runs} runs")
    what = f"as {user}, {path.name}" if os.environ.get("BENCH_DB") else f"audit viewer, {entries:,} entries"
    print(f"Sanban main window ({what}): median {s * 1000:.0f} ms over {runs} runs")
    print(f"ratio: {s / b:.2f}× (budget ≤ 1.5×)")


if __name__ == "__main__":
    main()
