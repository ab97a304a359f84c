"""公文 budgets with 100,000 documents (DESIGN.md): search latency (3+ and 1–2 characters), jump to any page,
export of 10,000 rows, import of 10,000 rows, resident memory with the 公文 tab open.

    python3 bench/documents.py [--documents 100000]
"""

import argparse
import os
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
from models.documents import incoming as documents
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
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--memory", help=argparse.SUPPRESS)  # internal: the fresh-process memory measurement
    args = parser.parse_args()
    if args.memory:
        memory(args.memory)
        return
    folder = Path(tempfile.mkdtemp(prefix="sanban-bench-"))
    fresh_database(folder / "bench.db")
    admin = accounts.login(Role.SYSADMIN.value, PASSWORD)
    seconds, _ = timed(lambda: demo.run(admin, {"documents": args.documents}))
    print(f"demo data with {args.documents:,} documents: {seconds:.1f} s")
    clerk = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    source = IncomingLedger(clerk)

    def search(text: str) -> float:
        # what the view does for a new query: count, then the first screenful
        return timed(lambda: (source.count(Query(search=text)), source.page(Query(search=text), None)), 5)[0]

    long_queries = ["转移支付资金", "安全生产大检查", "第5000批", "市财政局", "营商环境优化"]
    short_queries = ["保密", "财", "防汛", "信访", "值班"]
    print("search, 3+ characters, median over queries:", ms(statistics.median(search(q) for q in long_queries)),
          "(budget 16 ms)")
    print("search, 1–2 characters, median over queries:", ms(statistics.median(search(q) for q in short_queries)),
          "(budget 40 ms)")
    total = source.count(Query())

    def jump(offset: int) -> None:
        key = source.key_at(Query(), offset - 1, total=total)  # as the view asks: it knows the total
        source.page(Query(), key, PAGE_SIZE)

    print("jump to row 50,000 (key_at + one page):", ms(timed(lambda: jump(min(50_000, total - 1)), 5)[0]),
          "(budget 16 ms per page)")
    print("jump to the last page:", ms(timed(lambda: jump(total - PAGE_SIZE), 5)[0]))

    from exporters.documents import export_ledger

    ids = source.ids(Query(), 10_000)
    seconds, count = timed(lambda: export_ledger(clerk, "incoming-ledger", folder / "ledger.xlsx", ids=ids))
    print(f"export {count:,} rows to .xlsx: {seconds:.2f} s (budget 2 s)")

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

    # memory as a user meets it: a fresh process that opens the database and the tab, not the one that made 110k rows
    import subprocess

    db_path = folder / "bench.db"
    from models.core import db

    db.close()
    result = subprocess.run([sys.executable, __file__, "--memory", str(db_path)], capture_output=True, text=True,
                            check=False)
    print(result.stdout.strip() or result.stderr.strip()[-400:])


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
