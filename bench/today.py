"""今日 budget (DESIGN.md, issue 15): the 今日 page ready — built, filled and painted — with 100,000 documents and
5,000 real 督办 items (bench/supervision.py's filler) in the database, ≤ 100 ms. Prints the median of several builds,
the agenda read alone, 督办's due items alone, and how many items the page holds. The clock is pinned to 2026-11-30.

    python3 bench/today.py [--documents 100000] [--supervision 5000] [--repeat 9]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import PASSWORD, fresh_database  # noqa: E402
from bench.supervision import fill, timed  # noqa: E402
from models.core import accounts, clock, demo, modules  # noqa: E402
from models.core.due import DueItem, Level  # noqa: E402
from models.core.manifest import Manifest  # noqa: E402
from models.core.rights import Role  # noqa: E402
from models.core.today import agenda  # noqa: E402
from models.supervision.due import due as supervision_due  # noqa: E402

TODAY = date(2026, 11, 30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--supervision", type=int, default=5_000, help="督办 items beside the documents")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--items", type=int, default=5_000, help="then the page with this many more items")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sanban-bench-"))
    fresh_database(folder / "bench.db")
    admin = accounts.login(Role.SYSADMIN.value, PASSWORD)
    start = time.perf_counter()
    demo.run(admin, {"documents": args.documents})
    print(f"demo data with {args.documents:,} documents: {time.perf_counter() - start:.1f} s")
    clerk = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    with clock.pinned(TODAY):
        start = time.perf_counter()
        fill(clerk, args.supervision, TODAY)
        print(f"{args.supervision:,} 督办 items: {time.perf_counter() - start:.1f} s")
        run(args, clerk)


def run(args, clerk) -> None:

    from PySide6.QtWidgets import QApplication

    from ui.app import configure
    from ui.today.tab import TodayTab

    app = QApplication([])
    configure(app)
    TodayTab(clerk).deleteLater()  # first build imports the page's modules: start-up, not the page
    app.processEvents()
    reads, builds = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = agenda(clerk)
        reads.append(time.perf_counter() - start)
        builds.append(build(app, clerk))  # built, filled and painted
    print(f"今日 for the 文书: {found.count:,} items ({found.red:,} red) in {len(found.groups)} group(s)")
    print(f"agenda read (due items of every module): median {statistics.median(reads) * 1000:.1f} ms")
    ms, items = timed(lambda: supervision_due(clerk, TODAY), args.repeat)
    print(f"督办 due items alone: {ms} — {len(items):,} items")
    report("今日 page ready (built, filled, painted)", builds)

    # The page itself with many items (督办 will bring thousands): a module whose due items cost nothing to read.
    many = [DueItem("bench", "item", n, Level.RED if n % 3 == 0 else Level.AMBER, f"督办事项{n}《关于落实第{n}项工作》",
                    f"办结时限为6月{n % 28 + 1}日，已逾期{n % 9 + 1}个工作日。", date(2026, 6, n % 28 + 1))
            for n in range(args.items)]
    bench_module = Manifest(name="bench", label="督办（模拟）", due="__main__:_items")
    ITEMS.extend(many)
    with modules.added(bench_module):
        assert agenda(clerk).count == found.count + args.items
        report(f"今日 page ready with {args.items:,} more items", [build(app, clerk) for _ in range(args.repeat)])


ITEMS: list = []


def _items(actor, day) -> list:
    return list(ITEMS)


def build(app, clerk) -> float:
    from ui.today.tab import TodayTab

    start = time.perf_counter()
    tab = TodayTab(clerk)
    tab.resize(1366, 700)
    tab.show()
    app.processEvents()
    elapsed = time.perf_counter() - start
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return elapsed


def report(what: str, times: list[float]) -> None:
    print(f"{what}: median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms, "
          f"worst {max(times) * 1000:.1f} ms — budget 100 ms")


if __name__ == "__main__":
    main()
