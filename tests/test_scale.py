"""Statements sized by the user's data stay under SQLite's variable limit (32,766 by default; Debian's build allows
more, so these tests lower it): imports, the day check after an import, exports by ids, the 涉密人员 bulk reads."""

import random
import sqlite3
from datetime import date, timedelta

import pytest

from importers import ledger_import
from models.core import counters, db, schema
from models.core.ledger import Query
from models.documents import demo as documents_demo
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.documents import reports
from models.documents.ledger import IncomingLedger, OutgoingLedger
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from models.secrecy.people import Person
from models.secrecy.records import Pledge, Review

# These lower SQLite's own variable limit through sqlite3's setlimit; PostgreSQL's (65,535 per statement) is met
# by the same `chunks`, which reads the limit of the open connection.
pytestmark = pytest.mark.sqlite_only

LIMIT = 200  # stands in for 32,766: the same failure with a few hundred rows instead of 40,000
ROWS = 450  # more than twice the limit, so every statement that carries one variable per row would fail


def lower_limit(limit: int = LIMIT) -> None:
    db.DB.connection().setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)


def test_the_limit_is_lowered_and_one_variable_per_row_fails(clerk):
    lower_limit()
    assert db.variable_limit() == LIMIT
    with pytest.raises(Exception, match="too many SQL variables"):
        list(documents.Incoming.select().where(documents.Incoming.id.in_(list(range(ROWS)))))


def test_chunks_fit_the_limit_of_the_open_connection(clerk):
    lower_limit()
    items = list(range(1000))
    slices = list(db.chunks(items, per_item=30, others=8))
    assert [len(s) for s in slices[:2]] == [6, 6] and sum(slices, []) == items  # (200 - 8) // 30


def test_incoming_import_day_check_and_export_by_ids_under_the_limit(clerk):
    lower_limit()
    written = documents_demo._bulk(clerk, ROWS, random.Random(1))
    assert written == ROWS == documents.Incoming.select().count()
    assert documents.DocEvent.select().where(documents.DocEvent.action == "import").count() == ROWS
    numbers = list(documents.Incoming.select(documents.Incoming.year, documents.Incoming.serial).tuples())
    assert len(set(numbers)) == ROWS  # numbers were taken in blocks: none given twice
    for year in {y for y, _ in numbers}:  # nor skipped, and the counter stands after the last
        serials = sorted(s for y, s in numbers if y == year)
        assert serials == list(range(1, len(serials) + 1)) and counters.peek("incoming", year) == len(serials) + 1

    check = documents.day_check(clerk)  # every imported row is an event of today
    assert len(check.moved) == ROWS and all(d.id == e.doc_id for d, e in check.moved)

    ids = IncomingLedger(clerk).ids(Query())
    report = reports.ledger(clerk, "incoming-register", ids=ids)
    assert len(report.rows) == ROWS
    shown = [r[0] for r in report.rows]
    expected = [r for (r,) in documents.Incoming.select(documents.Incoming.receipt_no)
                .order_by(documents.Incoming.year, documents.Incoming.serial).tuples()]
    assert shown == expected  # one order over all the slices, as a single query would give


def test_outgoing_import_and_export_by_ids_under_the_limit(clerk, tmp_path):
    lower_limit()
    start = date(2025, 1, 2)
    lines = ["序号,发文字号,标题,拟稿科室,签发日期"]
    lines += [f"{n},县委办发〔2025〕{n}号,关于第{n}项工作的通知,秘书科,{start + timedelta(days=n % 300):%Y-%m-%d}"
              for n in range(1, ROWS + 1)]
    path = tmp_path / "发文.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    parsed, written = ledger_import.run(clerk, path, "outgoing")
    assert not parsed.errors and written == ROWS
    draft = dispatch.draft(clerk, {"prefix": "县委办发", "title": "关于未编号的通知", "draft_unit": "秘书科",
                                   "drafter": "刘某", "drafted_on": "2025-12-01"})

    ids = OutgoingLedger(clerk).ids(Query())
    report = reports.ledger(clerk, "outgoing-register", ids=ids)
    numbers = [r[0] for r in report.rows]
    assert len(numbers) == ROWS + 1
    assert numbers[0] == "（未编号）" and draft.id in ids  # a draft (no year, no serial) first, as SQLite orders NULL
    assert numbers[1:4] == ["县委办发〔2025〕1号", "县委办发〔2025〕2号", "县委办发〔2025〕3号"]


def test_secrecy_bulk_reads_under_the_limit(three):
    day = date(2020, 3, 1)
    rows = [dict(name=f"测试{n}", gender="男", id_number=f"110101198001{n:06d}", unit="保密办", state="on_post",
                 created_at=day, updated_at=day, version=1) for n in range(ROWS)]
    for chunk in range(0, ROWS, 50):
        Person.insert_many(rows[chunk:chunk + 50]).execute()
    people = list(Person.select().order_by(Person.id))
    Review.insert_many([dict(person=p.id, kind="复审", on=day, result="通过", by="保密委") for p in people[::2]]
                       ).execute()
    Pledge.insert_many([dict(person=p.id, kind="在岗", signed_on=day, kept_at="") for p in people[::3]]).execute()
    lower_limit()
    facts = secrecy_records.overview(people, 2020)
    assert len(facts) == ROWS
    reviews, pledges = secrecy_records.latest_records(people)
    assert len(reviews) == len(people[::2]) and len(pledges) == len(people[::3])
    found = secrecy.known_ids([p.id_number for p in people] + ["110101199001010000"])
    assert len(found) == ROWS


def test_a_jump_in_the_receipt_order_walks_the_narrow_index_also_after_upgrading(clerk, database):
    def plan(when: str) -> str:  # the query key_at runs; `when` makes the text new (sqlite3 caches statements)
        source = IncomingLedger(clerk)
        query = source._base(Query()).select(documents.Incoming.id, documents.Incoming.id)
        sql, params = query.order_by(documents.Incoming.id.desc()).limit(1).offset(1000).sql()
        return " ".join(str(r[-1]) for r in db.DB.execute_sql(f"EXPLAIN QUERY PLAN {sql} -- {when}", params))

    assert "COVERING INDEX incoming_id" in plan("new")  # a new database
    db.DB.execute_sql("DROP INDEX incoming_id")
    assert "COVERING INDEX" not in plan("v5")  # what version 5 did: walk the wide rows
    # step 6 alone, as an upgrade runs it (faking version 5 on a new database would rerun later steps' CREATE TABLEs;
    # test_migrations upgrades a real version-5 file)
    schema.migration_steps()[6](db.DB.obj)
    assert "COVERING INDEX incoming_id" in plan("upgraded")


def test_distinct_values_step_through_the_index(clerk):
    for n, unit in enumerate(["秘书科", "", "综合科", "秘书科", "督查室", "综合科"]):
        documents.register(clerk, {"received_on": date(2021 + n % 3, 3, 1), "source_org": "市委办公室",
                                   "title": f"关于第{n}项工作的通知"})
        documents.Incoming.update(lead_unit=unit).where(documents.Incoming.title == f"关于第{n}项工作的通知").execute()
    assert db.distinct_values(documents.Incoming.lead_unit) == ["督查室", "秘书科", "综合科"]  # sorted, no ""
    assert db.distinct_values(documents.Incoming.lead_unit, limit=2) == ["督查室", "秘书科"]
    assert db.distinct_values(documents.Incoming.year, descending=True) == [2023, 2022, 2021]
    years = IncomingLedger(clerk).filters[0].choices
    assert years[-3:] == (("2023", "2023年"), ("2022", "2022年"), ("2021", "2021年"))  # after this year
