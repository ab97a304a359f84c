"""会议: a year of meetings and what a secretary waits for (issue 16).

Makes --meetings meetings over a year from the built-in templates (≈ 25 检点单 items each), then times, as medians of
--repeat runs: a new meeting with its checklist, moving a meeting (every open deadline recounted with 调休), 会议's
due items for 今日, the meetings ledger's count and first page with the checklist colours, and for nine attendees
the 座次图 (PDF), 桌签 (PDF, .docx), 签到表 (.docx) and 会议通知 (.docx).

    python3 bench/meetings.py [--meetings 200] [--repeat 9]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PASSWORD, PASSWORDS, fresh_database  # noqa: E402
from models.core import accounts, clock  # noqa: E402
from models.core.ledger import Query  # noqa: E402
from models.core.rights import Role  # noqa: E402

TYPES = ("常务会议", "全体会议", "专题会议", "党委常委会")
NINE = [("王建国", "市长", "市政府", 1, "主席台"), ("李明华", "常务副市长", "市政府", 2, "主席台"),
        ("张卫东", "副市长", "市政府", 3, "主席台"), ("陈秀英", "副市长", "市政府", 4, "主席台"),
        ("欧阳建华", "副市长", "市政府", 5, "主席台"), ("孙立新", "秘书长", "市政府", 6, "主席台"),
        ("赵国庆", "副市长", "市政府", 7, "主席台"), ("冯丽娟", "局长", "市财政局", 11, "台下"),
        ("周海燕", "副主任", "市政府办公室", 20, "列席")]


def timed(fn, repeat: int) -> str:
    """「wall ms（CPU ms）」 medians: on a shared machine the CPU time is the steadier of the two."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return f"{statistics.median(walls):.1f} ms（CPU {statistics.median(cpus):.1f} ms）"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sanban-bench-"))
    fresh_database(folder / "bench.db")
    from models.core import db

    db.connect(str(folder / "bench.db"))
    today = date(2026, 6, 10)
    with clock.pinned(today):
        run(args, today, folder)
    db.close()


def run(args, today: date, folder: Path) -> None:
    from exporters.meetings import export_notice, export_sign_in
    from exporters.meetings_seating import export_name_cards, export_seating
    from models.meetings import attendees, due, meetings
    from models.meetings.ledger import MeetingLedger

    admin = accounts.login(Role.SYSADMIN.value, PASSWORD)
    accounts.add_user(admin, "clerk", "文书", PASSWORD)
    accounts.grant(accounts.login(Role.SECADMIN.value, PASSWORDS[Role.SECADMIN]), "clerk", "clerk")
    clerk = accounts.change_password(accounts.login("clerk", PASSWORD), PASSWORD, "Bench@2026xyz")
    started = time.perf_counter()
    first = today - timedelta(days=180)
    made = [meetings.create(clerk, {"type": TYPES[n % len(TYPES)], "title": f"研究第{n}项重点工作",
                                    "date": f"{first + timedelta(days=n * 365 // args.meetings):%Y-%m-%d}"})
            for n in range(args.meetings)]
    items = meetings.ChecklistItem.select().count()
    print(f"{args.meetings} 次会议，检点单 {items} 项：生成 {time.perf_counter() - started:.1f} s")
    count = iter(range(10**6))
    print("新建会议（含检点单）:", timed(lambda: meetings.create(clerk, {
        "type": "常务会议", "title": f"研究第{next(count)}项", "date": "2026-10-09"}), args.repeat))
    target = made[-1]
    days = iter(date(2026, 12, 1) + timedelta(days=7 * n) for n in range(10**3))
    print("会议改期（重算未完成期限）:", timed(lambda: meetings.move(clerk, target.id, f"{next(days):%Y-%m-%d}"),
                                     args.repeat))
    print(f"今日的会议事项（{len(due.due(clerk, today))} 项）:", timed(lambda: due.due(clerk, today), args.repeat))
    ledger = MeetingLedger(clerk)
    query = Query(filters={"scope": "open"}, sort=ledger.default_sort, descending=True)
    print("会议台账：计数 + 首页:", timed(lambda: (ledger.count(query), ledger.page(query, None)), args.repeat))
    rows = [attendees.check_row(dict(name=n, title=t, unit=u, rank=r, zone=z), i)
            for i, (n, t, u, r, z) in enumerate(NINE, start=1)]
    attendees.replace(clerk, target.id, rows)
    for label, fn, name in (("座次图 PDF", export_seating, "s.pdf"), ("桌签 PDF（9 张）", export_name_cards, "c.pdf"),
                            ("桌签 .docx（9 张）", export_name_cards, "c.docx"),
                            ("签到表 .docx", export_sign_in, "q.docx"), ("会议通知 .docx", export_notice, "n.docx")):
        print(f"{label}:", timed(lambda fn=fn, name=name: fn(clerk, target.id, folder / name), args.repeat))


if __name__ == "__main__":
    main()
