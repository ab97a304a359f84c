"""The ledger sources of 值班记录, 涉密人员 and 证件柜: filtering, search and colours in SQL/models, read rights,
and where a record stands in the sorted rows (so the page can select the one a step made)."""

from datetime import timedelta

import pytest

from models.core import clock
from models.core.errors import PermissionDenied
from models.core.ledger import Query
from models.core.rights import Role
from models.duty import log as duty_log
from models.duty.ledger import DutyLogLedger
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy.ledger import ACTIVE, CabinetLedger, PeopleLedger
from tests.test_secrecy import on_post, posts  # noqa: F401 - the fixture


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


def everything(source, query: Query) -> list:
    rows, after = [], None
    while page := source.page(query, after, 2):  # pages of two: the keyset continues across them
        rows += page
        after = page[-1].key
    return rows


def test_duty_scope_search_and_colours_are_decided_in_models(duty):
    yesterday = clock.today() - timedelta(days=1)
    old, _ = duty_log.log(duty, {"at": f"{yesterday} 09:00", "unit": "县应急管理局", "subject": "昨日通报强降雨"})
    done, _ = duty_log.log(duty, {"at": f"{yesterday} 10:00", "subject": "询问会议地点"})
    duty_log.close(duty, done.id, "已答复")
    late = clock.now().replace(second=0, microsecond=0) - timedelta(minutes=45)
    fire, _ = duty_log.log(duty, {"kind": "突发事件", "grade": "较大", "at": late, "subject": "山体滑坡"})
    source = DutyLogLedger(duty)
    current = Query(filters={"scope": "current"}, sort="at", descending=True)
    rows = {r.id: r for r in everything(source, current)}
    assert set(rows) == {old.id, fire.id}  # the closed entry of an earlier shift is out of this scope
    assert rows[fire.id].status == "overdue" and "超时" in rows[fire.id].values[6]
    assert rows[old.id].status == "due_soon"  # carried from an earlier shift, still open
    week = Query(filters={"scope": "week"}, sort="at", descending=True)
    assert [r.id for r in everything(source, week)] == [fire.id, done.id, old.id]
    assert next(r for r in everything(source, week) if r.id == done.id).status == "done"
    for text in ("滑坡", "山体滑坡", "应急管理"):  # 1–2 characters by LIKE, 3+ by the trigram index
        assert source.count(Query(search=text)) == 1
    assert source.offset_of(week, old.id) == 2 and source.offset_of(current, done.id) is None


def test_duty_rows_carry_their_secrecy(duty):
    entry, _ = duty_log.log(duty, {"subject": "机要通报", "secrecy": "秘密"})
    assert DutyLogLedger(duty).page(Query(), None)[0].secrecy == "秘密"


def test_people_search_filters_and_overdue_review_in_sql(sec, posts):  # noqa: F811
    zhou = on_post(sec, day="2020-03-01", post="综合文稿起草")  # reviewed 2020: the 复审 is long overdue
    source = PeopleLedger(sec)
    active = Query(filters={"state": ACTIVE}, sort=source.default_sort)
    row = source.page(active, None)[0]
    assert row.id == zhou.id and row.status == "overdue" and 7 in row.alerts and "复审已逾期" in row.status_text
    for text in ("zjh", "zhoujianhua", "周建", "综合"):
        assert source.count(Query(search=text, filters={"state": ACTIVE})) == 1, text
    assert source.count(Query(search="wangfang")) == 0
    secrecy.leave(sec, zhou.id, {"kind": "离职", "approved_on": clock.today()})
    row = source.page(active, None)[0]
    assert row.status == "due_soon" and row.values[9].startswith("脱密期中")
    assert source.count(Query(filters={"state": "on_post"})) == 0


def test_people_are_paged_in_the_registrys_order(sec, posts):  # noqa: F811
    from tests.test_secrecy import ZHOU

    on_post(sec, id_number=ZHOU, name="周建华", day=f"{clock.today().year}-01-02")
    secrecy.register(sec, {"name": "吴丽", "id_number": "420102198609232147", "unit": "秘书科"})
    source = PeopleLedger(sec)
    names = [r.values[0] for r in everything(source, Query(sort=source.default_sort))]
    assert names == ["周建华", "吴丽"]  # 在岗 first, then the others
    assert source.offset_of(Query(sort=source.default_sort), secrecy.Person.get(name="吴丽").id) == 1


def test_cabinet_colours_come_from_the_loan_not_from_the_text(sec, posts):  # noqa: F811
    person = on_post(sec, day=f"{clock.today().year}-01-02")
    kept = passports.take_in(sec, person.id, {"kind": "普通护照", "number": "E12345678"})
    old = passports.take_in(sec, person.id, {"kind": "往来港澳通行证", "number": "C1234567",
                                             "expires_on": "2020-01-01"})
    source = CabinetLedger(sec)
    rows = {r.id: r for r in everything(source, Query())}
    assert rows[kept.id].status is None and rows[old.id].status == "overdue"  # expired, still kept
    assert source.count(Query(search="e1234")) == 1 and source.count(Query(search="zjh")) == 2


def test_each_source_checks_the_read_right(three, clerk, duty):
    for source, actor in ((DutyLogLedger, clerk), (PeopleLedger, duty), (CabinetLedger, three[Role.SYSADMIN])):
        with pytest.raises(PermissionDenied):
            source(actor)


def test_a_trip_back_without_its_report_is_red(sec, posts):  # noqa: F811
    from models.secrecy.ledger import TripsLedger

    person = on_post(sec, day=f"{clock.today().year}-01-02")
    back = passports.apply_trip(sec, person.id, {"destination": "日本", "purpose": "探亲",
                                                 "start_on": clock.today() - timedelta(days=20),
                                                 "end_on": clock.today() - timedelta(days=10)})
    passports.decide_trip(sec, back.id, {"decision": "批准", "approved_by": "周主任"})
    later = passports.apply_trip(sec, person.id, {"destination": "新加坡", "purpose": "旅游",
                                                  "start_on": clock.today() + timedelta(days=5),
                                                  "end_on": clock.today() + timedelta(days=9)})
    source = TripsLedger(sec)
    rows = {r.id: r for r in everything(source, Query())}
    assert rows[back.id].status == "overdue" and rows[later.id].status is None
    assert source.count(Query(search="日本")) == 1 and source.count(Query(filters={"decision": "待审批"})) == 1


def test_every_paged_source_provides_what_the_base_asks_and_one_that_does_not_is_refused():
    import importlib.util
    import inspect
    import pkgutil

    import models
    from models.core.ledger import PagedSource

    for module in pkgutil.iter_modules(models.__path__):
        if importlib.util.find_spec(f"models.{module.name}.ledger") is not None:
            importlib.import_module(f"models.{module.name}.ledger")
    sources = PagedSource.__subclasses__()
    assert len(sources) >= 9
    assert [s.__name__ for s in sources if inspect.isabstract(s)] == []

    class NoBase(PagedSource):  # forgot `_base`: counting and paging would fail only when the ledger is shown
        def page(self, query, after, limit=200):
            return []

        def detail(self, row_id):
            return []

    with pytest.raises(TypeError, match="_base"):
        NoBase()
