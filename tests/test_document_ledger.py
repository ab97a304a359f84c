"""The 收文/发文 ledgers: search of every length, filters, colours, paging."""

from datetime import date

import pytest

from models.core import clock
from models.core.ledger import Query
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.documents.ledger import IncomingLedger, OutgoingLedger
from tests.conftest import TODAY


@pytest.fixture
def ledger(clerk):
    rows = [
        ("市委办公室", "关于做好岁末年初安全生产工作的通知", "市委办发〔2026〕31号"),
        ("市财政局", "关于下达第二批转移支付资金的通知", "市财预〔2026〕62号"),
        ("市保密局", "关于开展年度保密自查自评工作的通知", ""),
    ]
    for org, title, no in rows:
        documents.register(clerk, {"received_on": TODAY, "source_org": org, "title": title, "doc_no": no})
    first = documents.Incoming.get(documents.Incoming.serial == 1)
    documents.instruct(clerk, first.id, "周主任", "请应急科牵头落实")
    documents.assign(clerk, first.id, "应急科", due_date=TODAY)
    return IncomingLedger(clerk)


def titles(source, **query) -> list[str]:
    return [r.values[4] for r in source.page(Query(**query), None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("保密", 1),  # two characters: LIKE
    ("财", 1),  # one character
    ("的通知", 3),  # three: trigram index
    ("转移支付资金", 1),
    ("市财预〔2026〕62", 1),  # part of the 文号
    ("市委办公室", 1),  # 来文单位
    ("应急科", 1),  # 承办单位
    ("牵头落实", 1),  # 领导批示
    ("收〔", 3),  # 收文编号
    ("不存在的词", 0),
])
def test_search_finds_substrings_of_any_length(ledger, text, expected):
    assert ledger.count(Query(search=text)) == expected
    assert len(ledger.page(Query(search=text), None)) == expected


def test_filters_and_overdue_colours(ledger, clerk):
    assert ledger.count(Query(filters={"lead_unit": "应急科"})) == 1
    assert ledger.count(Query(filters={"status": "registered"})) == 2
    assert ledger.count(Query(filters={"year": str(TODAY.year), "date_from": TODAY, "date_to": TODAY})) == 3
    rows = {r.values[4][:6]: r.status for r in ledger.page(Query(), None)}
    assert rows["关于做好岁末"] == "due_soon"  # due today: amber
    assert rows["关于下达第二"] is None  # no deadline
    assert ledger.count(Query(filters={"overdue": True})) == 0
    documents.Incoming.update(due_date=date(2020, 1, 2)).where(documents.Incoming.serial == 1).execute()
    assert ledger.count(Query(filters={"overdue": True})) == 1
    assert IncomingLedger(clerk).page(Query(filters={"overdue": True}), None)[0].status == "overdue"


def test_paging_by_keyset_reaches_every_row(clerk):
    for n in range(450):
        documents.register(clerk, {"received_on": TODAY, "source_org": f"单位{n % 7}", "title": f"第{n}号测试的通知"})
    source = IncomingLedger(clerk)
    seen, after = [], None
    while True:
        page = source.page(Query(), after, 200)
        if not page:
            break
        seen.extend(r.id for r in page)
        after = page[-1].key
    assert len(seen) == 450 == len(set(seen))
    assert source.key_at(Query(), 199) == source.page(Query(), None, 200)[-1].key


def test_outgoing_ledger_search_and_year(clerk):
    doc = dispatch.draft(clerk, {"prefix": "县委办发", "title": "关于调整保密委员会组成人员的通知",
                                 "draft_unit": "保密办", "drafter": "赵某"})
    source = OutgoingLedger(clerk)
    assert source.count(Query(search="保密")) == 1
    assert source.count(Query(search="保密委员会")) == 1
    assert source.count(Query(filters={"year": str(TODAY.year)})) == 1
    assert source.page(Query(), None)[0].values[0] == "（未编号）"
    dispatch.review(clerk, doc.id, "王科长")
    dispatch.sign(clerk, doc.id, "张书记")
    assert OutgoingLedger(clerk).count(Query(search=f"〔{TODAY.year}〕1号")) == 1


def test_a_short_search_stops_counting_at_the_cap(clerk, monkeypatch):
    from models.core import ledger

    monkeypatch.setattr(ledger, "SHORT_SEARCH_CAP", 3)
    for n in range(5):
        documents.register(clerk, {"received_on": clock.today(), "source_org": "市财政局", "title": f"关于第{n}批资金的通知"})
    source = IncomingLedger(clerk)
    assert source.count(Query(search="资金")) == 3  # 1–2 characters: capped, the view asks for more
    assert source.count(Query(search="批资金")) == 5  # 3+: the trigram index counts them all


def test_a_jump_past_the_middle_counts_from_the_end_and_lands_on_the_same_row(clerk):
    for n in range(9):
        documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": f"关于第{n}项的通知"})
    source = IncomingLedger(clerk)
    for query in (Query(), Query(sort="title"), Query(sort="title", descending=True)):
        total = source.count(query)
        for offset in range(total):
            assert source.key_at(query, offset, total=total) == source.key_at(query, offset), (query, offset)
