"""The 三色 ladder at its edges, counted in working days across 调休 (2026 春节 and 国庆, with their 补班 Saturdays),
the reasons in words, the office's own thresholds and colour names, and an approved 延期 moving the 时限."""

from datetime import date

import pytest

from models.core import settings
from models.core.due import Level
from models.supervision import due, flow
from models.supervision.ladder import BLUE, NONE, RED, YELLOW, Ladder, Policy, signal_of
from tests.supervision_helpers import make

D = date


@pytest.fixture
def ladder(database):
    return Ladder(D(2026, 1, 1), D(2026, 12, 31), Policy())


SEPT_1, OCT_9 = D(2026, 9, 1), D(2026, 10, 9)


def level(ladder, day, *, assigned=SEPT_1, due=OCT_9, feedback=None, progress=100, status="in_progress"):
    sig = ladder.signal(status, assigned, due, feedback or day, progress, day)
    return sig.level, sig.reason


@pytest.mark.parametrize("day, expected", [
    (D(2026, 9, 23), (NONE, "")),  # 24, 28, 29, 30 Sep, 8, 9 Oct: six working days left
    (D(2026, 9, 24), (BLUE, "距办结时限还有5个工作日")),  # 25–27 Sep and 1–7 Oct are off: 15 calendar days, 5 working
    (D(2026, 9, 30), (BLUE, "距办结时限还有2个工作日")),
    (D(2026, 10, 9), (BLUE, "今天到期")),
    (D(2026, 10, 10), (RED, "已逾期1个工作日")),  # the 调休 Saturday is a working day
    (D(2026, 10, 11), (RED, "已逾期1个工作日")),
    (D(2026, 10, 12), (RED, "已逾期2个工作日")),
])
def test_near_and_past_the_deadline_across_the_national_day_holiday(ladder, day, expected):
    assert level(ladder, day) == expected


def test_a_deadline_inside_a_holiday_with_no_working_day_left_says_so_not_zero_days(ladder):
    assert level(ladder, D(2026, 9, 30), due=D(2026, 10, 4)) == (BLUE, "办结时限（10月4日）前已无工作日")


def test_a_deadline_passed_during_a_holiday_is_red_with_no_working_day_late_yet(ladder):
    assert level(ladder, D(2026, 10, 2), due=D(2026, 9, 30)) == (RED, "已过办结时限（9月30日）")


@pytest.mark.parametrize("day, expected", [
    (D(2026, 2, 26), NONE),  # 9–13 Feb, the 补班 Saturday 14 Feb, then 24–26 Feb: nine working days
    (D(2026, 2, 27), YELLOW),
])
def test_no_feedback_since_assignment_across_the_spring_festival(ladder, day, expected):
    sig = ladder.signal("assigned", D(2026, 2, 6), D(2026, 6, 30), None, 0, day)
    assert sig.level == expected
    if expected:
        assert sig.reason == "交办已10个工作日未反馈" and sig.colour == "黄"


def test_no_feedback_since_the_last_one(ladder):
    sig = ladder.signal("in_progress", D(2026, 1, 5), D(2026, 6, 30), D(2026, 2, 6), 60, D(2026, 2, 27))
    assert (sig.level, sig.reason) == (YELLOW, "已10个工作日未反馈")


@pytest.mark.parametrize("progress, expected", [(30, (YELLOW, "进度30%，时间已过40%")), (40, (NONE, ""))])
def test_progress_behind_the_share_of_working_time_gone(ladder, progress, expected):
    # 6 Mar → 3 Apr is 20 working days; 18 Mar is 8 of them (40%)
    sig = ladder.signal("in_progress", D(2026, 3, 6), D(2026, 4, 3), D(2026, 3, 18), progress, D(2026, 3, 18))
    assert (sig.level, sig.reason) == expected


def test_the_highest_level_leads_and_the_other_reasons_follow(ladder):
    sig = ladder.signal("in_progress", D(2026, 3, 6), D(2026, 4, 3), D(2026, 3, 6), 10, D(2026, 3, 31))
    assert sig.level == YELLOW
    assert sig.reasons == ("已17个工作日未反馈", "进度10%，时间已过85%", "距办结时限还有3个工作日")
    late = ladder.signal("in_progress", D(2026, 3, 6), D(2026, 4, 3), D(2026, 3, 6), 10, D(2026, 4, 8))
    assert late.reason == "已逾期2个工作日；已22个工作日未反馈"  # 4–6 Apr 清明 off


@pytest.mark.parametrize("status", ["registered", "reported", "reviewing", "closed", "archived", "returned"])
def test_only_items_with_the_unit_are_measured(ladder, status):
    assert ladder.signal(status, D(2026, 3, 6), D(2026, 4, 3), None, 0, D(2026, 6, 1)).level == NONE


def test_a_year_without_calendar_data_is_marked_provisional(ladder):
    sig = ladder.signal("in_progress", D(2026, 12, 1), D(2027, 1, 8), D(2027, 1, 4), 90, D(2027, 1, 4))
    assert sig.level == BLUE and sig.provisional


def test_the_office_sets_its_thresholds_and_colour_names(clerk):
    item = make(clerk, due="2026-06-19")  # 11–12, 15–18 Jun: six working days (19 Jun 端午 off is the day itself)
    assert signal_of(item, D(2026, 6, 10)).level == NONE
    settings.set_value(clerk, "sv_blue_workdays", 6)
    settings.set_text(clerk, "sv_colour_1", "绿")
    sig = signal_of(item, D(2026, 6, 10))
    assert (sig.level, sig.colour, sig.reason) == (BLUE, "绿", "距办结时限还有6个工作日")
    settings.set_value(clerk, "sv_silent_workdays", 3)
    assert signal_of(item, D(2026, 6, 15)).reasons[0] == "交办已3个工作日未反馈"


def test_an_approved_extension_is_not_overdue_against_the_old_deadline(clerk, move_clock):
    item = make(clerk, due="2026-06-12")
    flow.request_extension(clerk, item.id, "2026-07-31", "需协调征地。")
    assert signal_of(flow.RECORDS.get(item.id), D(2026, 6, 15)).level == RED  # asked, not granted: still late
    moved = flow.approve_extension(clerk, item.id, "同意。")
    flow.feedback(clerk, item.id, "征地已启动", 20)
    move_clock(D(2026, 6, 15))
    assert signal_of(flow.RECORDS.get(moved.id), D(2026, 6, 15)).level == NONE


def test_todays_items_by_colour_red_first_then_amber(clerk):
    late = make(clerk, assigned_on=D(2026, 5, 6), due="2026-06-01", title="逾期事项")
    near = make(clerk, due="2026-06-12", title="临期事项")
    quiet = make(clerk, assigned_on=D(2026, 5, 6), due="2026-09-30", title="久未反馈事项")
    make(clerk, due="2026-09-30", title="正常事项")
    asked = make(clerk, due="2026-09-30", title="申请延期事项")
    flow.request_extension(clerk, asked.id, "2026-10-30", "理由")
    reported = make(clerk, due="2026-10-30", title="待审核事项", assigned_on=D(2026, 6, 1))
    flow.report(clerk, reported.id, "已办结。", on="2026-06-09")
    items = due.due(clerk, D(2026, 6, 10))
    assert [(i.record_id, i.level) for i in items] == [(late.id, Level.RED), (near.id, Level.AMBER),
                                                       (quiet.id, Level.AMBER), (asked.id, Level.AMBER),
                                                       (reported.id, Level.AMBER)]
    assert items[4].why == "县财政局已于6月9日报送办结报告，待审核。"
    assert items[0].why.startswith("红色：已逾期7个工作日；")
    assert items[1].why.startswith("蓝色：距办结时限还有2个工作日；")
    assert items[2].why.startswith("黄色：交办已26个工作日未反馈；")  # 9 May was a 补班 Saturday
    assert items[3].why.startswith("延期申请待审批；")
    assert items[0].title == f"督办 {late.number}《逾期事项》" and items[0].page == "督查台账"


def test_the_sql_window_keeps_every_item_with_a_colour_and_leaves_out_quiet_ones(clerk):
    # 时限 and last 反馈 around 国庆 (1–8 Oct off, 10 Oct a 补班 Saturday), days from before it to after it.
    from models.supervision.items import SupervisionItem
    from models.supervision.ladder import may_signal

    made = []
    for n, (due_day, seen, progress) in enumerate([
        (D(2026, 10, 9), D(2026, 9, 22), 100), (D(2026, 10, 12), D(2026, 9, 29), 100),
        (D(2026, 10, 20), D(2026, 9, 10), 100), (D(2026, 10, 9), D(2026, 9, 30), 20),
        (D(2026, 9, 25), None, 100), (D(2026, 11, 30), D(2026, 9, 15), 100),
        (D(2026, 11, 30), D(2026, 10, 9), 90), (D(2026, 10, 16), D(2026, 10, 10), 100),
    ]):
        item = make(clerk, title=f"窗口事项{n}", due="2026-12-31")
        SupervisionItem.update(assigned_on=D(2026, 9, 1), due_date=due_day, feedback_on=seen, progress=progress,
                               status="in_progress" if seen else "assigned").where(
            SupervisionItem.id == item.id).execute()
        made.append(item.id)
    policy = Policy()
    left_out = 0
    for day in (D(2026, 9, 20) + (D(2026, 9, 2) - D(2026, 9, 1)) * k for k in range(30)):
        kept = {i for (i,) in SupervisionItem.select(SupervisionItem.id).where(may_signal(day, policy)).tuples()}
        for item_id in made:
            coloured = signal_of(SupervisionItem.get_by_id(item_id), day, policy).level != NONE
            assert item_id in kept or not coloured, (item_id, day)
            left_out += item_id not in kept
    assert left_out > 20  # the window narrows: quiet items on quiet days are not read


def test_the_ledger_filters_by_colour_at_the_edges(clerk, move_clock):
    # Around 国庆 (1–8 Oct off, 10 Oct a 补班 Saturday): each filter keeps exactly the items of its colour that day.
    from models.core.ledger import Query
    from models.supervision.items import SupervisionItem
    from models.supervision.ledger import SupervisionLedger

    made = []
    for n, (due_day, seen, progress) in enumerate([
        (D(2026, 10, 9), D(2026, 9, 22), 100), (D(2026, 10, 12), D(2026, 9, 29), 100),
        (D(2026, 10, 20), D(2026, 9, 10), 100), (D(2026, 10, 30), D(2026, 9, 30), 20),
        (D(2026, 11, 30), D(2026, 10, 9), 90), (D(2026, 11, 30), D(2026, 9, 28), 100),
    ]):
        item = make(clerk, title=f"颜色事项{n}", due="2026-12-31")
        SupervisionItem.update(assigned_on=D(2026, 9, 1), due_date=due_day, feedback_on=seen, progress=progress,
                               status="in_progress").where(SupervisionItem.id == item.id).execute()
        made.append(item.id)
    unassigned = make(clerk, assign=False, title="待交办事项").id
    seen_levels = set()
    for day in (D(2026, 9, 30), D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10), D(2026, 10, 13), D(2026, 10, 23)):
        move_clock(day)
        source = SupervisionLedger(clerk)
        expected = {lv: set() for lv in (NONE, BLUE, YELLOW, RED)}
        for item_id in made:
            expected[signal_of(SupervisionItem.get_by_id(item_id), day).level].add(item_id)
        expected[NONE].add(unassigned)
        for lv, ids in expected.items():
            got = {r.id for r in source.page(Query(filters={"colour": str(lv)}), None)}
            assert got == ids, (day, lv)
            assert source.count(Query(filters={"colour": str(lv)})) == len(ids)
            seen_levels |= {lv} if ids else set()
    assert seen_levels == {NONE, BLUE, YELLOW, RED}
    colours = next(f for f in source.filters if f.key == "colour")
    assert [label for _, label in colours.choices] == ["红", "黄", "蓝", "无"]
