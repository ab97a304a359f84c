"""涉密人员库 search-as-you-type (DESIGN.md: ≤ 16 ms for 3+ characters, ≤ 40 ms for 1–2), and import/export.

Builds a registry far larger than one office keeps (default 3,000 people on 60 posts, each with a review, a
pledge and two trainings), then times what the list does on each keystroke: the filtered query plus the bulk
overview (posts, next 复审, the year's hours) — by name, by pinyin initials, by full pinyin, and the whole list.
Then the same through the ledger page's source (models/secrecy/ledger.py), as the page does it: the count and the
first screenful of rows with their posts, 复审, hours and colour, in SQL with keyset paging — and a jump to the
last page. Also the 花名册 export and one 登记表 PDF.

    python3 bench/personnel.py [--people 3000] [--repeat 15]
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

from bench.common import PASSWORDS, fresh_database  # noqa: E402
from models.core import accounts  # noqa: E402
from models.core.db import DB  # noqa: E402
from models.core.rights import Role  # noqa: E402
from models.core.validators import id_check_digit  # noqa: E402
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文德志海燕晓东"
UNITS = ("秘书科", "综合科", "信息科", "督查室", "保密办", "机要科", "文电科", "调研室", "法规科", "人事科")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sanban-bench-"))
    path = folder / "bench.db"
    fresh_database(path)
    from models.core import db

    db.connect(str(path))
    sec = accounts.login(Role.SECADMIN.value, PASSWORDS[Role.SECADMIN])
    rng = random.Random(5)
    started = time.perf_counter()
    with DB.atomic():
        posts = [secrecy.add_post(sec, {"unit": UNITS[i % len(UNITS)], "name": f"涉密岗位{i:02d}",
                                        "level": ("核心", "重要", "一般")[i % 3]}) for i in range(60)]
        rows = []
        for n in range(args.people):
            born = date(1965, 1, 1) + timedelta(days=rng.randrange(13000))
            first17 = f"110105{born:%Y%m%d}{n % 1000:03d}"
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            post = rng.choice(posts)
            values, _ = secrecy.check_person({"name": name, "id_number": first17 + id_check_digit(first17),
                                              "unit": post.unit})
            if values["id_number"] in {r.values["id_number"] for r in rows[-1000:]}:
                continue
            rows.append(secrecy.ImportRow(values, [(post.unit, post.name, post.level)],
                                          date(2015 + n % 10, 3, 1), date(2025, 1, 6), n + 2))
        secrecy.import_people(sec, rows, "bench")
        for person in secrecy.Person.select():
            secrecy_records.Review.create(person=person, kind="复审", on=date(2025, 6, 1), result="通过", by="组织部")
            for month in (3, 9):
                secrecy_records.Training.create(person=person, on=date(date.today().year, month, 1), hours=2,
                                                topic="保密教育")
    print(f"registry: {secrecy.Person.select().count()} people, built in {time.perf_counter() - started:.1f} s")

    def keystroke(text: str) -> int:
        found = secrecy.people(sec, text)
        secrecy_records.overview(found)
        return len(found)

    sample = secrecy.Person.select().order_by(secrecy.Person.id).first()
    keys = secrecy.pinyin_keys(sample.name).split()
    cases = [("1 character", sample.name[0]), ("2 characters", sample.name[:2]),
             ("3+ characters (name + unit)", sample.name + sample.unit[:1]),
             ("pinyin initials", min(keys, key=len)), ("full pinyin", max(keys, key=len)), ("whole list", "")]
    for label, text in cases:
        keystroke(text)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            count = keystroke(text)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"search {label:28} {text!r:14} {count:5} rows  median {statistics.median(times):7.1f} ms")

    from models.core.ledger import Query
    from models.secrecy.ledger import ACTIVE, PeopleLedger

    source = PeopleLedger(sec)

    def ledger_keystroke(text: str, state: str | None) -> int:
        query = Query(search=text, filters={"state": state}, sort=source.default_sort)
        count = source.count(query)
        if count:  # what the view asks for first: one page, two screenfuls
            source.page(query, None, source.page_size)
        return count

    print(f"through the ledger source (count + the first page of {source.page_size} rows with their posts, 复审, "
          "学时 and colour):")
    for state, label in ((ACTIVE, "在岗及脱密期"), (None, "全部")):
        for case, text in cases:
            ledger_keystroke(text, state)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                count = ledger_keystroke(text, state)
                times.append((time.perf_counter() - t0) * 1000)
            print(f"ledger {label:8} {case:28} {text!r:14} {count:5} rows  median {statistics.median(times):7.1f} ms")
    query = Query(filters={"state": None}, sort=source.default_sort)
    total = source.count(query)
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        key = source.key_at(query, (total // source.page_size) * source.page_size - 1, total=total)
        source.page(query, key, source.page_size)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"ledger jump to the last page of {total}: median {statistics.median(times):.1f} ms")

    from exporters.secrecy import export_form, export_table

    t0 = time.perf_counter()
    export_table(sec, "personnel-roster", folder / "roster.xlsx")
    print(f"export 花名册 ({secrecy.Person.select().count()} rows): {time.perf_counter() - t0:.2f} s")
    export_form(sec, sample.id, folder / "first.pdf")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        export_form(sec, sample.id, folder / "form.pdf")
        times.append((time.perf_counter() - t0) * 1000)
    print(f"登记表 PDF once fonts are loaded: median {statistics.median(times):.0f} ms")


if __name__ == "__main__":
    main()
