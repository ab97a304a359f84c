"""督查督办 with 5,000 items (issue 15: the 通报 as of a date ≤ 1 s; 今日 ready ≤ 100 ms overall).

Fills a database through the import path (`items.import_many`, one transaction), then closes about half of the
items on dates around their 时限 and moves some 时限 by an approved 延期 (plain UPDATEs: the bench times reading,
not the flow). Times, as medians of --repeat runs: the 督查通报 as of a date (GROUP BY in SQL, plus the overdue items
with their working days late), 督办's due items for 今日, the ledger's count and first page with colours, and the
whole 督查台账 with colour and reason for every item (what the export reads).

    python3 bench/supervision.py [--items 5000] [--repeat 9]
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PASSWORD, PASSWORDS, fresh_database  # noqa: E402
from models.core import accounts, clock  # noqa: E402
from models.core.db import DB  # noqa: E402
from models.core.ledger import Query  # noqa: E402
from models.core.rights import Role  # noqa: E402

UNITS = [f"县{name}" for name in ("发展改革局", "财政局", "住房城乡建设局", "交通运输局", "教育局", "卫生健康局",
                                  "农业农村局", "生态环境局", "应急管理局", "市场监管局", "人力资源社会保障局",
                                  "自然资源局", "水利局", "民政局", "文化广电旅游局", "商务局", "公安局", "司法局",
                                  "审计局", "统计局")] + [f"{t}镇人民政府" for t in "东南西北中"]
SOURCES = ("领导批示件", "会议议定事项", "人大代表建议", "政协提案", "上级部署", "文件要求")
DUES = ("20个工作日", "30天", "2个月", "15个工作日", "10个工作日", "3个月")


def timed(fn, repeat: int) -> tuple[str, object]:
    """「wall ms（CPU ms）」 medians: on a shared machine the CPU time is the steadier of the two."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return f"{statistics.median(walls):.1f} ms（CPU {statistics.median(cpus):.1f} ms）", result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="sanban-bench-")) / "bench.db"
    fresh_database(path)
    from models.core import db

    db.connect(str(path))
    today = date(2026, 11, 30)
    with clock.pinned(today):
        run(args, today)
    db.close()


def fill(clerk, count: int, today: date) -> None:
    """`count` 督办 items through the import path, then about half closed around their 时限, some 时限 moved by
    an approved 延期 and some with 进展反馈 (plain UPDATEs: the benches time reading, not the flow)."""
    from models.supervision import items
    from models.supervision.items import SupervisionItem

    rng = random.Random(15)
    rows, numbers = [], {"人大代表建议": 0, "政协提案": 0}
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        start = today - timedelta(days=rng.randint(1, 330))
        fields = dict(source_type=source, title=f"督办事项{n:05d}：推进重点工作落实", lead_unit=rng.choice(UNITS),
                      assigned_on=start, due=None if source in numbers else rng.choice(DUES))
        if source in numbers:
            numbers[source] += 1
            fields["source_no"] = f"{numbers[source]:04d}"
        values = items.check_fields(fields)
        values.pop("stages"), values.pop("warning")
        values["status"] = "assigned"
        rows.append(values)
    items.import_many(clerk, rows, "bench")
    item = SupervisionItem
    with DB.atomic():
        for i, due_date in list(item.select(item.id, item.due_date).tuples()):
            fate = rng.random()
            if fate < 0.5 and due_date - timedelta(days=20) <= today:
                closed = min(due_date + timedelta(days=rng.choice((-15, -5, -1, 0, 3, 12))), today)
                item.update(status="closed", closed_on=closed, reported_on=closed, report="已办结", progress=100).where(
                    item.id == i).execute()
            elif fate < 0.6:
                item.update(due_date=due_date + timedelta(days=30), status="in_progress").where(item.id == i).execute()
            elif fate < 0.9:
                seen = min(today, due_date) - timedelta(days=rng.randint(0, 40))
                item.update(status="in_progress", feedback_on=seen, progress=rng.choice((20, 40, 60, 80))).where(
                    item.id == i).execute()


def run(args, today: date) -> None:
    from models.supervision import due, reports
    from models.supervision.ledger import SupervisionLedger

    admin = accounts.login(Role.SYSADMIN.value, PASSWORD)
    accounts.add_user(admin, "clerk", "文书", PASSWORD)
    accounts.grant(accounts.login(Role.SECADMIN.value, PASSWORDS[Role.SECADMIN]), "clerk", "clerk")
    clerk = accounts.change_password(accounts.login("clerk", PASSWORD), PASSWORD, "Bench@2026xyz")
    started = time.perf_counter()
    fill(clerk, args.items, today)
    print(f"{args.items} 件督办事项已生成（{time.perf_counter() - started:.1f} s）")

    as_of = date(2026, 9, 30)
    ms, result = timed(lambda: reports.bulletin(clerk, as_of), args.repeat)
    print(f"督查通报（截至 {as_of}）：{ms} — {len(result.rows)} 个单位，交办 {result.total.assigned}，"
          f"已到期 {result.total.due}，按期办结率 {result.total.rate_text}，逾期未办结 {len(result.overdue)} 件")
    ms, result = timed(lambda: reports.bulletin(clerk, today), args.repeat)
    print(f"督查通报（截至 {today}）：{ms} — 逾期未办结 {len(result.overdue)} 件")
    ms, found = timed(lambda: due.due(clerk, today), args.repeat)
    red = sum(i.level == "red" for i in found)
    print(f"今日·督办待办：{ms} — {len(found)} 项（红 {red}，黄/蓝 {len(found) - red}）")
    source = SupervisionLedger(clerk)
    ms, _ = timed(lambda: (source.count(Query()), source.page(Query(), None)), args.repeat)
    print(f"督查台账：计数 + 首页 200 行（含颜色和原因）：{ms}")
    ms, _ = timed(lambda: source.page(Query(search="00123"), None), args.repeat)
    print(f"督查台账：搜索「00123」：{ms}")
    ms, lines = timed(lambda: reports.ledger_lines(clerk, today), max(3, args.repeat // 3))
    print(f"督查台账全部 {len(lines)} 行（含颜色和原因，供导出）：{ms}")


if __name__ == "__main__":
    main()
