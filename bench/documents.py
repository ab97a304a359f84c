"""公文 budgets with 100,000 documents (DESIGN.md): search latency (3+ and 1–2 characters), jump to any page,
export of 10,000 rows, import of 10,000 rows, resident memory with the 公文 tab open; then the same database grown
to 300,000 (one import of the rest): demo time per 100,000, search, jumps, and exports by id (all 300,000 too).

    python3 bench/documents.py [--documents 100000 300000]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import PASSWORD, fresh_database  # noqa: E402
from models.core import accounts, demo  # noqa: E402
from models.core.ledger import PAGE_SIZE, Query  # noqa: E402
from models.core.rights import Role  # noqa: E402
from models.documents import demo as documents_demo  # noqa: E402
from models.documents import incoming as documents  # noqa: E402
from models.documents.ledger import IncomingLedger  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    best, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best.append(time.perf_counter() - start)
    return statistics.median(best), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, nargs="+", default=[100_000, 300_000],
                        help="sizes to measure at, growing the same database (default: 100,000 then 300,000)")
    parser.add_argument("--memory", help=argparse.SUPPRESS)  # internal: the fresh-process memory measurement
    args = parser.parse_args()
    if args.memory:
        memory(args.memory)
        return
    folder = Path(tempfile.mkdtemp(prefix="sanban-bench-"))
    fresh_database(folder / "bench.db")
    admin = accounts.login(Role.SYSADMIN.value, PASSWORD)
    sizes = sorted(args.documents)
    seconds, _ = timed(lambda: demo.run(admin, {"documents": sizes[0]}))
    print(f"demo data with {sizes[0]:,} documents: {seconds:.1f} s ({seconds / sizes[0] * 100_000:.1f} s per 100,000)")
    clerk = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    figures(clerk, folder, first=True)
    rng = random.Random(300)
    for size in sizes[1:]:
        more = size - documents.Incoming.select().count()
        if more <= 0:
            continue
        seconds, _ = timed(lambda n=more: documents_demo._bulk(clerk, n, rng))
        print(f"\n{more:,} more documents, written as one import: {seconds:.1f} s "
              f"({seconds / more * 100_000:.1f} s per 100,000)")
        figures(clerk, folder, first=False)


def figures(clerk, folder: Path, first: bool) -> None:
    """Search, jumps and exports over the database as it is now; the import and memory on the first size only."""
    source = IncomingLedger(clerk)
    total = source.count(Query())
    print(f"--- {total:,} 收文 ---")

    def search(text: str) -> float:
        # what the view does for a new query: count, then the first screenful
        return timed(lambda: (source.count(Query(search=text)), source.page(Query(search=text), None)), 5)[0]

    long_queries = ["转移支付资金", "安全生产大检查", "第5000批", "市财政局", "营商环境优化"]
    short_queries = ["保密", "财", "防汛", "信访", "值班"]
    print("search, 3+ characters, median over queries:", ms(statistics.median(search(q) for q in long_queries)),
          "(budget 16 ms)")
    print("search, 1–2 characters, median over queries:", ms(statistics.median(search(q) for q in short_queries)),
          "(budget 40 ms)")

    def jump(offset: int, sort: str | None = None) -> None:
        query = Query(sort=sort)
        key = source.key_at(query, offset - 1, total=total)  # as the view asks: it knows the total
        source.page(query, key, PAGE_SIZE)

    for label, offset in (("row 50,000", 50_000), ("the middle", total // 2), ("the last page", total - PAGE_SIZE)):
        print(f"jump to {label} (key_at + one page of {PAGE_SIZE}), 收文编号 order:",
              ms(timed(lambda o=offset: jump(min(o, total - 1)), 7)[0]), "(budget 16 ms per page)")
    print("jump to the middle, 收文日期 order:", ms(timed(lambda: jump(total // 2, "received_at"), 7)[0]))

    from exporters.documents import export_ledger

    ids = source.ids(Query(), 10_000)
    seconds, count = timed(lambda: export_ledger(clerk, "incoming-ledger", folder / "ledger.xlsx", ids=ids))
    print(f"export {count:,} rows by id to .xlsx: {seconds:.2f} s (budget 2 s)")
    if not first:  # every row by id: one variable per row used to pass SQLite's limit from 32,766 rows on
        ids = source.ids(Query(), total)
        seconds, count = timed(lambda: export_ledger(clerk, "incoming-ledger", folder / "all.xlsx", ids=ids))
        print(f"export all {count:,} rows by id to .xlsx: {seconds:.1f} s "
              f"({seconds / count * 10_000:.2f} s per 10,000)")
        return

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["县委办公室2019年收文登记"])
    sheet.append(["登记号", "日期", "来文机关", "来文字号", "文件题目", "密级", "份数", "承办科室", "结果"])
    for n in range(10_000):
        sheet.append([f"2019-{n + 1:05d}", f"{n % 12 + 1}月{n % 28 + 1}日", f"单位{n % 40}",
                      f"市委办发（２０１９）{n + 1}号", f"关于第{n}项工作的通知", None, 1, "综合科", "已办结"])
    book.save(folder / "old.xlsx")
    from importers import ledger_import

    seconds, (parsed, written) = timed(lambda: ledger_import.run(clerk, folder / "old.xlsx", "incoming"))
    print(f"import {written:,} rows with validation: {seconds:.2f} s (budget 5 s); errors {len(parsed.errors)}")

    # memory as a user meets it: a fresh process that opens the database and the tab, not the one that made the rows
    import subprocess

    db_path = folder / "bench.db"
    from models.core import db

    db.close()
    result = subprocess.run([sys.executable, __file__, "--memory", str(db_path)], capture_output=True, text=True,
                            check=False)
    print(result.stdout.strip() or result.stderr.strip()[-400:])
    db.connect(str(db_path))


def memory(db_path: str) -> None:
    """Open the 公文 tab over the database in this (fresh) process, scroll to the end, print the resident memory."""
    from PySide6.QtWidgets import QApplication

    from models.core import db

    app = QApplication([])
    db.connect(db_path)
    clerk = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    from ui.documents.tab import DocumentsTab

    tab = DocumentsTab(clerk)
    tab.resize(1300, 800)
    tab.show()
    app.processEvents()
    tab.incoming.ledger.table.scrollToBottom()
    app.processEvents()
    tab.incoming.ledger.table.scrollToTop()
    app.processEvents()
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so it would report the parent's peak
    status = {line.split(":")[0]: int(line.split()[1]) for line in open("/proc/self/status")
              if line.startswith(("VmRSS", "VmHWM"))}
    now, peak = status["VmRSS"] / 1024, status["VmHWM"] / 1024
    print(f"resident memory, fresh process, 公文 tab open over {documents.Incoming.select().count():,} rows, scrolled "
          f"to the end and back: {now:.0f} MB now, peak {peak:.0f} MB (budget 200 MB)")


if __name__ == "__main__":
    main()
