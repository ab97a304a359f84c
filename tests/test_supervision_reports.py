"""督查通报 figures checked by hand on a small set, both against the 时限 in force and the original one; the 督查台账
as the ledger pages it, with each row's colour and reason."""

from datetime import date

import pytest

from models.core.ledger import Query
from models.supervision import flow, reports
from models.supervision.ledger import SupervisionLedger
from tests.supervision_helpers import close, make

D = date


@pytest.fixture
def small_set(clerk, move_clock):
    """Three units as of 30 June (the clock on 10 July, so closures up to then can be entered):
    A: a1 due 10 Jun closed 8 Jun (on time), a2 due 15 Jun closed 20 Jun (late), a3 due 20 Jun open (late),
       a4 due 15 Jul open (not due), a5 due 10 Jul closed 25 Jun (early: not due yet, so not counted);
    B: b1 due 1 Jun, extended on 25 May to 31 Jul, open; b2 only registered (not 交办); b3 due 12 Jun closed 5 Jul
       (after the day of the 通报: still open then);
    C: c1 due 1 Aug, open."""
    move_clock(D(2026, 7, 10))
    start = D(2026, 5, 4)
    ids = {}
    for key, unit, due_on in (("a1", "A局", "2026-06-10"), ("a2", "A局", "2026-06-15"), ("a3", "A局", "2026-06-20"),
                              ("a4", "A局", "2026-07-15"), ("a5", "A局", "2026-07-10"), ("b1", "B局", "2026-06-01"),
                              ("b3", "B局", "2026-06-12"), ("c1", "C局", "2026-08-01")):
        ids[key] = make(clerk, lead_unit=unit, due=due_on, assigned_on=start).id
    make(clerk, assign=False, lead_unit="B局", due="2026-06-05", assigned_on=start)
    for key, on in (("a1", D(2026, 6, 8)), ("a2", D(2026, 6, 20)), ("a5", D(2026, 6, 25)), ("b3", D(2026, 7, 5))):
        close(clerk, ids[key], on=on)
    flow.request_extension(clerk, ids["b1"], "2026-07-31", "需协调。", on=D(2026, 5, 25))
    flow.approve_extension(clerk, ids["b1"], on=D(2026, 5, 26))
    return ids


def line(figures):
    return (figures.unit, figures.assigned, figures.due, figures.on_time, figures.late_closed, figures.late_open,
            figures.rate_text)


def test_the_bulletin_counts_by_unit_and_in_total(clerk, small_set):
    result = reports.bulletin(clerk, D(2026, 6, 30))
    assert [line(f) for f in result.rows] == [
        ("A局", 5, 3, 1, 1, 1, "33.3%"),
        ("B局", 2, 1, 0, 0, 1, "0.0%"),
        ("C局", 1, 0, 0, 0, 0, "—"),
    ]
    assert line(result.total) == ("合计", 8, 4, 1, 1, 2, "25.0%")
    assert [(o.number, o.lead_unit, o.late_workdays) for o in result.overdue] == [
        (f"督〔2026〕{small_set['a3']}号", "A局", 7), (f"督〔2026〕{small_set['b3']}号", "B局", 11)]  # 19 Jun off


def test_the_bulletin_against_the_original_deadline_counts_the_extended_item_as_late(clerk, small_set):
    b = next(f for f in reports.bulletin(clerk, D(2026, 6, 30)).rows if f.unit == "B局")
    assert (b.due_original, b.on_time_original, b.late_closed_original, b.late_open_original) == (2, 0, 0, 2)
    assert (b.rate_text, b.rate_original_text) == ("0.0%", "0.0%")
    total = reports.bulletin(clerk, D(2026, 6, 30)).total
    assert (total.due_original, total.late_open_original) == (5, 3)


def test_a_later_day_sees_the_late_closure_and_the_early_one_falls_due(clerk, small_set):
    result = reports.bulletin(clerk, D(2026, 7, 10))
    a = next(f for f in result.rows if f.unit == "A局")
    assert line(a) == ("A局", 5, 4, 2, 1, 1, "50.0%")  # a5 closed early counts on time once its 时限 comes
    b = next(f for f in result.rows if f.unit == "B局")
    assert line(b) == ("B局", 2, 1, 0, 1, 0, "0.0%")


def test_a_day_before_anything_was_assigned_counts_nothing(clerk, small_set):
    result = reports.bulletin(clerk, D(2026, 5, 1))
    assert result.rows == () and line(result.total) == ("合计", 0, 0, 0, 0, 0, "—") and result.overdue == ()


def test_the_ledger_pages_rows_with_colour_and_reason(clerk, small_set):
    source = SupervisionLedger(clerk)
    rows = source.page(Query(sort="number"), None)
    assert [r.values[0] for r in rows] == [f"督〔2026〕{n}号" for n in range(1, 10)]
    by_number = {r.values[0]: r for r in rows}
    a3 = by_number[f"督〔2026〕{small_set['a3']}号"]
    assert (a3.status, a3.values[9], a3.status_text) == ("overdue", "红", a3.values[10])
    assert a3.values[10] == "已逾期15个工作日；交办已48个工作日未反馈"
    b1 = by_number[f"督〔2026〕{small_set['b1']}号"]
    assert b1.values[6] == "2026-07-31（已延期）"
    assert by_number[f"督〔2026〕{small_set['a1']}号"].status == "done"
    assert source.count(Query(filters={"overdue": True})) == 2
    assert source.count(Query(filters={"status": "open"})) == 5
    assert source.count(Query(search="C局")) == 1
    second = source.page(Query(sort="number"), rows[3].key, limit=2)
    assert [r.values[0] for r in second] == [rows[4].values[0], rows[5].values[0]]
    assert ("办结时限", "2026-07-31，原时限 2026-06-01") in source.detail(small_set["b1"])


def test_the_printed_ledger_lists_every_item_with_its_colour(clerk, small_set):
    lines = reports.ledger_lines(clerk, D(2026, 6, 30))
    assert [x.item.number for x in lines] == [f"督〔2026〕{n}号" for n in range(1, 10)]
    assert {x.item.number: x.signal.colour for x in lines}[f"督〔2026〕{small_set['a3']}号"] == "红"
