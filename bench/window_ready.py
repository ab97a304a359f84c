"""Start-up, each figure the median of BENCH_RUNS (≥ 7) fresh processes, all kinds interleaved so they see the same
machine load:

- window ready: Sanban's main window as the 文书 with the 公文 tab over 110,000 收文 against a FAIR BASELINE, a
  minimal PySide6 window with a menu bar whose QAbstractTableModel serves the same rows from the same file (budget
  ≤ 1.5× the baseline). Also the bare window (one empty table), for scale. "Ready" = from the first line of the
  script to the window shown and its first paint processed; log-in is excluded (the password hash is a deliberate
  cost of the user's action, not of start-up). Each is split into imports / building / first paint.
- the real path: `python main.py --db FILE` from process start to the log-in dialog painted;
- `python main.py --help` from process start to exit (budget ≤ 150 ms).

Bytecode is compiled first (compileall), so no run pays for compiling our modules.

    python bench/window_ready.py           (builds a database with the demo and 110,000 收文: a few minutes)
    BENCH_DB=…/bench.db python bench/window_ready.py      (an existing one, e.g. the one bench/documents.py leaves)
"""

import compileall
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PASSWORD, env_int, fresh_database, median

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BARE = r"""
import time, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from PySide6.QtGui import QStandardItemModel
t1 = time.perf_counter()
app = QApplication(sys.argv)
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 7))
window.setCentralWidget(table)
window.resize(1280, 800)
t2 = time.perf_counter()
window.show()
app.processEvents()
print(t1 - START, t2 - t1, time.perf_counter() - t2, time.process_time())
"""

# What a programmer would write by hand: the same rows from the same file, a page of 200 at a time, a menu bar.
BASELINE = r"""
import sqlite3, sys, time
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
t1 = time.perf_counter()
COLUMNS = ("收文编号", "收文日期", "来文单位", "来文字号", "标题", "密级", "紧急程度", "承办单位", "办理时限", "状态")
SQL = ("SELECT receipt_no, received_at, source_org, doc_no, title, secrecy, urgency, lead_unit, due_date, status "
       "FROM incoming ORDER BY id DESC LIMIT 200 OFFSET ?")

class Rows(QAbstractTableModel):
    def __init__(self, path):
        super().__init__()
        self.conn = sqlite3.connect(path)
        self.count = self.conn.execute("SELECT count(*) FROM incoming").fetchone()[0]
        self.pages = {}

    def rowCount(self, parent=None):
        return self.count

    def columnCount(self, parent=None):
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        page, offset = divmod(index.row(), 200)
        if page not in self.pages:
            self.pages[page] = self.conn.execute(SQL, (page * 200,)).fetchall()
        value = self.pages[page][offset][index.column()]
        return "" if value is None else str(value)

app = QApplication(sys.argv)
window = QMainWindow()
for title in ("文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"):
    menu = window.menuBar().addMenu(title)
    menu.addAction("新建")
    menu.addAction("退出")
table = QTableView()
table.setModel(Rows(DB))
window.setCentralWidget(table)
window.statusBar().showMessage("就绪")
window.resize(1280, 800)
t2 = time.perf_counter()
window.show()
app.processEvents()
print(t1 - START, t2 - t1, time.perf_counter() - t2, time.process_time())
"""

SANBAN = r"""
import time, sys
sys.path.insert(0, ROOT)
from PySide6.QtWidgets import QApplication
from ui.app import configure
from ui.main_window import MainWindow
from models.core import db
from models.core.accounts import User, session_for
t1 = time.perf_counter()
app = QApplication(sys.argv)
configure(app)
db.connect(DB)
window = MainWindow(session_for(User.get(User.username == USER)))
t2 = time.perf_counter()
window.show()
app.processEvents()
print(t1 - START, t2 - t1, time.perf_counter() - t2, time.process_time())
"""

# The real `python main.py`, stopped once the log-in dialog has painted (its exec() is replaced by show + paint).
LOGIN = r"""
import os, runpy, sys
sys.path.insert(0, ROOT)
sys.argv = ["main.py", "--db", DB]
from PySide6.QtWidgets import QApplication
import ui.login_dialog

def painted(dialog):
    dialog.show()
    QApplication.processEvents()
    print("painted", flush=True)
    os._exit(0)

ui.login_dialog.LoginDialog.exec = painted
runpy.run_path(os.path.join(ROOT, "main.py"), run_name="__main__")
"""


def environment() -> dict:
    return dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))


def script(code: str, **names: str) -> str:
    return "import time\nSTART = time.perf_counter()\n" + "".join(f"{k} = {v!r}\n" for k, v in names.items()) + code


def run(code: str, **names: str) -> tuple[float, float, float, float]:
    """(imports, building, first paint, CPU time) in seconds: wall times measured inside the process from the
    script's first line, and the process's CPU time (which other users of the machine disturb far less)."""
    out = subprocess.run([sys.executable, "-c", script(code, **names)], capture_output=True, text=True,
                         env=environment(), check=True)
    a, b, c, cpu = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
    return a, b, c, cpu


def wall(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds from process start to exit, measured outside it (interpreter start-up included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, env=environment(), cwd=ROOT, check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def build_database(path: Path, documents: int) -> None:
    from models.core import accounts, db, demo
    from models.core.rights import Role

    fresh_database(path)
    db.connect(str(path))
    demo.run(accounts.login(Role.SYSADMIN.value, PASSWORD), {"documents": documents})
    db.close()


def main() -> None:
    runs, documents = max(7, env_int("BENCH_RUNS", 7)), env_int("BENCH_DOCUMENTS", 110_000)
    user = os.environ.get("BENCH_USER", "wangmishu")
    for folder in ("models", "importers", "exporters", "cli", "ui"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)
    print("bytecode compiled first (compileall), so no run compiles our modules")
    if os.environ.get("BENCH_DB"):
        path = Path(os.environ["BENCH_DB"])
    else:
        path = Path(tempfile.mkdtemp(prefix="sanban-window-")) / "bench.db"
        print(f"building {path} with the demo and {documents:,} 收文 …", flush=True)
        build_database(path, documents)
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()  # no saved geometry or filters from earlier runs
    os.environ["SANBAN_HOME"] = tempfile.mkdtemp()
    import sqlite3

    rows = sqlite3.connect(path).execute("SELECT count(*) FROM incoming").fetchone()[0]
    figures: dict[str, list] = {"bare": [], "baseline": [], "sanban": [], "login": [], "help": []}
    for _ in range(runs):  # interleaved, so every kind sees the same machine load
        figures["bare"].append(run(BARE))
        figures["baseline"].append(run(BASELINE, DB=str(path)))
        figures["sanban"].append(run(SANBAN, ROOT=str(ROOT), DB=str(path), USER=user))
        figures["login"].append(wall([sys.executable, "-c", script(LOGIN, ROOT=str(ROOT), DB=str(path))]))
        figures["help"].append(wall([sys.executable, "main.py", "--help"]))

    def split(kind: str) -> str:
        total = median([sum(r[:3]) for r in figures[kind]])
        parts = [median([r[i] for r in figures[kind]]) for i in range(3)]
        return f"{total * 1000:.0f} ms (imports {parts[0] * 1000:.0f} + build {parts[1] * 1000:.0f} " \
               f"+ first paint {parts[2] * 1000:.0f}; CPU {median([r[3] for r in figures[kind]]) * 1000:.0f} ms)"

    bare, baseline, sanban = (median([sum(r[:3]) for r in figures[k]]) for k in ("bare", "baseline", "sanban"))
    cpu = {k: median([r[-1] for r in figures[k]]) for k in figures}
    print(f"medians of {runs} interleaved runs, fresh processes; {rows:,} 收文 in {path.name}")
    print(f"bare PySide6 window + empty table: {split('bare')}")
    print(f"baseline, menu bar + table model over the {rows:,} rows: {split('baseline')} = {baseline / bare:.2f}× bare")
    print(f"Sanban main window as {user}: {split('sanban')}")
    print(f"window ready: {sanban / baseline:.2f}× the baseline (budget ≤ 1.5×), {sanban / bare:.2f}× bare; "
          f"in CPU time {cpu['sanban'] / cpu['baseline']:.2f}× the baseline")
    login, help_ = (median([r[0] for r in figures[k]]) * 1000 for k in ("login", "help"))
    print(f"python main.py → log-in dialog painted (from process start): {login:.0f} ms "
          f"(CPU {cpu['login'] * 1000:.0f} ms)")
    print(f"python main.py --help (from process start): {help_:.0f} ms (CPU {cpu['help'] * 1000:.0f} ms; "
          f"budget ≤ 150 ms)")

if __name__ == "__main__":
    main()
