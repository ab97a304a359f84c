"""会议: deadlines across holidays and 调休, the seating order, templates and their versions, meetings moved, phase
gates, 纪要 and 议定事项, due items and every right."""

from datetime import date, datetime

import pytest

from models.core import workdays
from models.core.audit import AuditEntry
from models.core.due import Level
from models.core.errors import PermissionDenied, StaleRecord, ValidationError
from models.meetings import attendees, deadlines, decisions, meetings, minutes, seating, templates
from models.meetings.due import due
from tests.conftest import business_user

AFTER_NATIONAL_DAY = date(2026, 10, 9)  # the Friday after 国庆 2026 (10-01..07 off, 10-10 Saturday 补班)


def when(text: str, day: date) -> deadlines.Due:
    return deadlines.due_date(deadlines.parse(text), day)


def test_deadline_words_are_read_as_offices_write_them():
    assert deadlines.parse("会前5个工作日") == deadlines.Rule("会前5个工作日", -5, True)
    assert deadlines.parse("会前五个工作日") == deadlines.Rule("会前5个工作日", -5, True)
    assert deadlines.parse("会后 3 天") == deadlines.Rule("会后3天", 3, False)
    assert deadlines.parse("会后十二天").days == 12
    assert deadlines.parse("会议当天").same_day
    assert deadlines.parse("会前2小时").same_day
    for bad in ("会前", "开会前5天", "5个工作日", "会前5周", ""):
        with pytest.raises(ValidationError) as refused:
            deadlines.parse(bad)
        assert "会前5个工作日" in str(refused.value)  # says how to write one


def test_working_days_before_the_friday_after_national_day_fall_before_mid_autumn(database):
    # back from 10-09: 10-08 (1), 国庆 10-01..07 off, 9-30 (2), 9-29 (3), 9-28 (4), 中秋 9-25..27 off, 9-24 (5)
    assert when("会前5个工作日", AFTER_NATIONAL_DAY) == deadlines.Due(date(2026, 9, 24))
    assert when("会前1个工作日", AFTER_NATIONAL_DAY).day == date(2026, 10, 8)
    # the 补班 Saturday 10-10 is a working day: 10-10 (1), 10-12 (2), 10-13 (3)
    assert when("会后3个工作日", AFTER_NATIONAL_DAY).day == date(2026, 10, 13)
    assert when("会后1天", AFTER_NATIONAL_DAY) == deadlines.Due(date(2026, 10, 10))  # a 补班 Saturday stays


def test_calendar_days_on_a_day_off_move_to_a_working_day_and_say_so(database):
    before = when("会前3天", AFTER_NATIONAL_DAY)  # 10-06, 国庆 → the working day before: 9-30
    assert before.day == date(2026, 9, 30)
    assert before.note == "10月6日为国庆节，提前至9月30日。"
    after = when("会后2天", date(2026, 9, 23))  # 9-25, 中秋 → the working day after: 9-28
    assert after.day == date(2026, 9, 28) and "顺延至9月28日" in after.note
    # 9-20 is the Sunday 补班 before 中秋: it counts as a working day
    assert when("会前2个工作日", date(2026, 9, 22)).day == date(2026, 9, 20)
    assert when("会前2天", date(2026, 9, 22)) == deadlines.Due(date(2026, 9, 20))
    assert when("会议当天", date(2026, 10, 3)).day == date(2026, 10, 3)  # a meeting on a holiday keeps its day


def test_a_year_without_holiday_data_is_counted_provisionally_with_a_warning(database):
    result = when("会后3个工作日", date(2027, 3, 5))
    assert result.day == date(2027, 3, 10)
    assert "2027年的节假日安排尚未录入" in result.note


def expected_seats(count: int) -> list[int]:
    """Seen from the floor under 以左为上: odd ranks to the left of 1 (outermost first), even ranks to its right."""
    odd = [r for r in range(3, count + 1, 2)]
    even = [r for r in range(2, count + 1, 2)]
    return odd[::-1] + [1] + even


@pytest.mark.parametrize("count", range(1, 13))
def test_stage_seating_for_one_to_twelve_under_both_rules(count):
    left = seating.order(count, "以左为上")
    assert left == expected_seats(count)
    assert seating.order(count, "以右为上") == left[::-1]
    centre = left.index(1)
    if count % 2:
        assert centre == count // 2  # 1 in the centre
    else:
        assert left[count // 2 - 1: count // 2 + 1] == [1, 2]  # 1 and 2 share the centre, 2 on 1's left (stage)


def test_seven_leaders_read_from_the_floor():
    assert seating.order(7) == [7, 5, 3, 1, 2, 4, 6]
    assert seating.order(7, "以右为上") == [6, 4, 2, 1, 3, 5, 7]
    assert seating.order(2) == [1, 2] and seating.order(4) == [3, 1, 2, 4]


def new_meeting(clerk, **extra):
    data = {"type": "常务会议", "title": "研究重点项目推进工作", "date": "2026-10-09", "time": "9:30",
            "place": "市政府第一会议室"} | extra
    return meetings.create(clerk, data)


def test_a_meeting_is_numbered_per_type_and_year_and_gets_its_checklist(clerk):
    first = new_meeting(clerk)
    second = new_meeting(clerk, date="2026-11-06")
    topic = new_meeting(clerk, type="专题会议", title="研究防汛工作")
    next_year = new_meeting(clerk, date="2027-01-08")
    assert first.number_text == "市政府第1次常务会议" and first.at == "09:30"
    assert (second.number, topic.number, next_year.number) == (2, 1, 1)
    items = meetings.checklist(clerk, first.id)
    tasks = {i.task for i in items}
    assert "规范性文件合法性审核" in tasks  # the 常务会议 delta
    assert "涉密材料编份号，登记分发签收" not in tasks  # 非密: no 涉密 items
    due_of = {i.task: i.due for i in items}
    assert due_of["议题征集、审核，报主要领导确定"] == date(2026, 9, 24)
    with pytest.raises(ValidationError) as refused:
        new_meeting(clerk, type="读书会")
    assert "没有「读书会」这种会议类型" in str(refused.value)


def test_a_classified_meeting_gets_the_secrecy_items(clerk):
    meeting = new_meeting(clerk, secrecy="机密")
    tasks = {i.task for i in meetings.checklist(clerk, meeting.id)}
    assert {"涉密材料编份号，登记分发签收", "会场保密检查：手机统一存放、信号屏蔽", "散会时收回涉密材料",
            "清退涉密材料、核对份号"} <= tasks
    plain = new_meeting(clerk, date="2026-10-16")
    meetings.update(clerk, plain.id, {"secrecy": "秘密"}, plain.version)
    assert "清退涉密材料、核对份号" in {i.task for i in meetings.checklist(clerk, plain.id)}


def test_moving_a_meeting_moves_every_open_deadline_and_keeps_done_ones(clerk):
    meeting = new_meeting(clerk)
    items = {i.task: i for i in meetings.checklist(clerk, meeting.id)}
    done = items["议题征集、审核，报主要领导确定"]
    meetings.set_item_state(clerk, done.id, "已完成")
    waived = items["音响、录音、投影调试，茶水准备"]
    meetings.set_item_state(clerk, waived.id, "不适用")
    change = meetings.move(clerk, meeting.id, "2026-10-16", "14:30")
    after = {i.task: i for i in meetings.checklist(clerk, meeting.id)}
    assert after[done.task].due == date(2026, 9, 24)  # done: kept
    assert after[waived.task].due == waived.due
    # from 10-16 back: 10-15, 14, 13, 12 and the 补班 Saturday 10-10
    assert after["拟定会议方案（名称、时间、地点、出席列席范围、议程、经费）"].due == date(2026, 10, 10)
    assert after["起草会议纪要，报审核、签发、印发"].due == date(2026, 10, 21)
    assert after["发出会议通知（时间、地点、参会人员、议程、报到、回执）"].due_note == ""  # 10-13: a working day
    moved = meetings.get(clerk, meeting.id)
    assert (moved.day, moved.at) == (date(2026, 10, 16), "14:30")
    assert change.first_id == meeting.id
    entry = AuditEntry.select().where(AuditEntry.action == "meeting_move").get()
    assert "由 2026-10-09 09:30 改为 2026-10-16 14:30" in entry.summary


def test_an_open_required_item_refuses_the_phase_move_unless_overridden_with_a_reason(clerk):
    meeting = new_meeting(clerk)
    meetings.advance(clerk, meeting.id, "notify")  # the notice closes no checklist phase
    with pytest.raises(ValidationError) as refused:
        meetings.advance(clerk, meeting.id, "open")
    assert "会前必办事项未完成" in str(refused.value) and "越过检点单的理由" in str(refused.value)
    assert meetings.get(clerk, meeting.id).phase == "notified"
    opened = meetings.advance(clerk, meeting.id, "open", override="市长临时召集，会前材料会上分发")
    assert opened.phase_text == "进行中"
    entry = AuditEntry.select().where(AuditEntry.action == "meeting_override").get()
    assert "市长临时召集" in entry.summary and entry.actor == "zhangsan"
    assert "议题征集、审核，报主要领导确定" in entry.detail
    history = meetings.history(clerk, meeting.id)
    assert "越过" in history[-1].text
    # all required 会中 items done (or 不适用 with a reason): 结束会议 needs no override
    for item in meetings.checklist(clerk, meeting.id):
        if item.phase == "会中" and item.required:
            meetings.set_item_state(clerk, item.id, "已完成")
    assert meetings.advance(clerk, meeting.id, "close").phase == "ended"
    with pytest.raises(ValidationError, match="纪要尚未签发"):
        meetings.advance(clerk, meeting.id, "issue_minutes")
    with pytest.raises(ValidationError, match="会议已召开，不能改期"):
        meetings.move(clerk, meeting.id, "2026-10-16")


def test_a_required_item_is_waived_only_with_a_reason(clerk):
    meeting = new_meeting(clerk)
    item = next(i for i in meetings.checklist(clerk, meeting.id) if i.required)
    with pytest.raises(ValidationError, match="请写明原因"):
        meetings.set_item_state(clerk, item.id, "不适用")
    waived = meetings.set_item_state(clerk, item.id, "不适用", "本次无此项")
    assert (waived.state, waived.done_by, waived.note) == ("不适用", "张三", "本次无此项")


def test_a_template_edit_is_offered_to_a_meeting_never_forced(clerk):
    meeting = new_meeting(clerk)
    template, items = templates.read(clerk, "常务会议")
    assert template.current == 1
    rows = templates.rows_of(items) + [dict(phase="会前", task="会前向市长汇报筹备情况", owner="秘书长",
                                            deadline="会前2个工作日")]
    saved = templates.save(clerk, "常务会议", rows, expected_version=1)
    assert saved.current == 2
    plain = [i for i in items if not i.secret_only]  # 非密: the 涉密 items do not apply
    assert len(meetings.checklist(clerk, meeting.id)) == len(plain)  # not forced
    offered = meetings.new_items(clerk, meeting.id)
    assert [i.task for i in offered] == ["会前向市长汇报筹备情况"]
    meetings.add_items(clerk, meeting.id, [offered[0].id])
    added = [i for i in meetings.checklist(clerk, meeting.id) if i.task == "会前向市长汇报筹备情况"]
    assert added[0].due == date(2026, 9, 30) and meetings.new_items(clerk, meeting.id) == []
    later = new_meeting(clerk, date="2026-11-06")
    assert later.template_version == 2
    with pytest.raises(StaleRecord):  # someone saved version 2 meanwhile
        templates.save(clerk, "常务会议", rows, expected_version=1)
    with pytest.raises(ValidationError, match="时限「下周」无法识别"):
        templates.save(clerk, "常务会议", [dict(phase="会前", task="x", deadline="下周")])


def test_the_attendee_list_counts_and_refuses_duplicates(clerk):
    meeting = new_meeting(clerk)
    attendees.replace(clerk, meeting.id, [
        dict(name="王建国", title="市长", unit="市政府", zone="主席台", rank=1),
        dict(name="李明华", title="常务副市长", unit="市政府", zone="主席台", rank=2),
        dict(name="冯丽娟", title="局长", unit="市财政局", rank=11),
        dict(name="郑晓东", title="主任", unit="市发展和改革委员会", rank=10),
        dict(name="周海燕", unit="市政府办公室", zone="列席", rank=20)])
    people = attendees.listed(clerk, meeting.id)
    attendees.mark(clerk, people[0].id, present=True)
    attendees.mark(clerk, people[1].id, on_leave=True, note="出差")
    counts = attendees.counts(attendees.listed(clerk, meeting.id))
    assert counts.text == "应到 5 人，实到 1 人，请假 1 人，缺席 3 人"
    plan = seating.plan(attendees.listed(clerk, meeting.id))
    assert [p.name for p in plan.stage] == ["王建国"]  # on leave: no seat
    assert [p.name for p in plan.rows[0]] == ["郑晓东", "冯丽娟"]  # by 单位 order
    with pytest.raises(ValidationError, match="重复"):
        attendees.replace(clerk, meeting.id, [dict(name="王建国", unit="市政府"), dict(name="王建国", unit="市政府")])
    with pytest.raises(ValidationError, match="座区「后排」无法识别"):
        attendees.add(clerk, meeting.id, dict(name="张三", zone="后排"))


def test_minutes_steps_in_order_then_decisions_become_supervision_items(clerk, move_clock):
    from models.core import modules
    from models.supervision import items as supervision

    meeting = new_meeting(clerk)
    for action in ("notify", "open", "close"):
        meetings.advance(clerk, meeting.id, action, override="补录")
    with pytest.raises(ValidationError, match="下一步是「起草」"):
        minutes.record_step(clerk, meeting.id, "签发", "王建国", "2026-10-12")
    minutes.record_step(clerk, meeting.id, "起草", "王秘书", "2026-10-10")
    minutes.record_step(clerk, meeting.id, "审核", "孙立新", "2026-10-12")
    signed = minutes.record_step(clerk, meeting.id, "签发", "王建国", "2026-10-13")
    assert signed.minutes_text == "常务会议纪要〔2026〕1号" and signed.phase == "minutes_issued"
    decisions.add_many(clerk, meeting.id, [dict(matter="修改完善推进方案", lead_unit="市发展和改革委员会",
                                                partner_units="市财政局", due_on="2026-10-30"),
                                           dict(matter="没有时限的事项", lead_unit="市财政局")])
    with pytest.raises(ValidationError, match="第 2 项议定事项「没有时限的事项」：请填写办结时限"):
        decisions.hand_over(clerk, meeting.id)
    assert not supervision.SupervisionItem.select().exists()  # all or nothing
    decisions.Decision.delete().where(decisions.Decision.matter == "没有时限的事项").execute()

    decisions.hand_over(clerk, meeting.id)
    item = supervision.SupervisionItem.get()
    assert (item.source_type, item.source_meeting, item.title, item.lead_unit, item.co_units, item.due_date,
            item.status) == ("会议议定事项", meeting.id, "修改完善推进方案", "市发展和改革委员会", "市财政局",
                             date(2026, 10, 30), "assigned")
    assert meetings.get(clerk, meeting.id).phase == "handed_over"
    with pytest.raises(ValidationError, match="没有待交办的议定事项"):
        decisions.hand_over(clerk, meeting.id)

    following = new_meeting(clerk, date="2026-11-06")
    last, follow = decisions.previous(clerk, following.id)
    assert last.id == meeting.id
    assert [(f.matter, f.state) for f in follow] == [("修改完善推进方案", f"{item.number} 已交办")]
    move_clock(datetime(2026, 11, 3, 10, 0))  # past its 时限: red in 今日 and in 上次议定事项落实情况
    _, follow = decisions.previous(clerk, following.id)
    assert follow[0].state.startswith(f"{item.number} 已交办（红") and "已逾期" in follow[0].state
    assert any(d.module == "supervision" and "修改完善推进方案" in d.title
               for d in modules.due_items(clerk, date(2026, 11, 3)))
    with pytest.raises(ValidationError, match="牵头单位"):
        decisions.add_many(clerk, meeting.id, [dict(matter="没有牵头单位的事项")])


def test_due_items_are_red_when_late_and_amber_when_near(clerk):
    meeting = new_meeting(clerk, date="2026-06-15")  # the clock is pinned to 2026-06-10
    items = due(clerk, date(2026, 6, 10))
    late = [i for i in items if i.level == Level.RED]
    near = [i for i in items if i.level == Level.AMBER]
    assert late and near
    assert late[0].title.startswith("市政府第1次常务会议：")
    assert "会前5个工作日（6月8日），已逾期 2 个工作日" in late[0].why
    assert all(i.due <= date(2026, 6, 12) for i in near)
    for item in meetings.checklist(clerk, meeting.id):
        meetings.set_item_state(clerk, item.id, "已完成")
    assert due(clerk, date(2026, 6, 10)) == []


def test_today_leaves_out_the_items_of_a_phase_the_meeting_has_moved_past(clerk):
    meeting = new_meeting(clerk, date="2026-06-01")  # held before the pinned 2026-06-10: every item is late

    def phases_due() -> set[str]:
        return {meetings.ITEMS.get(i.record_id).phase for i in due(clerk, date(2026, 6, 10))}

    assert phases_due() == {"会前", "会中", "会后"}
    for item in due(clerk, date(2026, 6, 10)):  # days late, counted in one walk, as workdays counts each
        late = workdays.workdays_between(item.due, date(2026, 6, 10)).days
        assert f"已逾期 {late} 个工作日" in item.why if late else "已逾期，" in item.why
    meetings.advance(clerk, meeting.id, "notify")
    meetings.advance(clerk, meeting.id, "open", override="领导临时召集")
    assert phases_due() == {"会中", "会后"}
    meetings.advance(clerk, meeting.id, "close", override="补录")
    assert phases_due() == {"会后"}
    assert len(meetings.checklist(clerk, meeting.id)) > len(due(clerk, date(2026, 6, 10)))  # still on the checklist


def test_rights_clerk_edits_leader_reads_others_see_nothing(three, clerk):
    meeting = new_meeting(clerk)
    item = meetings.checklist(clerk, meeting.id)[0]
    leader = business_user(three, "zhouzhuren", "周主任", "leader")
    officer = business_user(three, "zhaozhiban", "赵值班", "duty")
    assert meetings.get(leader, meeting.id).id == meeting.id
    assert meetings.checklist(leader, meeting.id) and templates.read(leader, "全体会议")[1]
    assert attendees.listed(leader, meeting.id) == [] and decisions.listed(leader, meeting.id) == []
    assert due(leader, date(2026, 10, 9)) and due(officer, date(2026, 10, 9)) == []
    writes = [
        lambda who: new_meeting(who),
        lambda who: meetings.move(who, meeting.id, "2026-10-16"),
        lambda who: meetings.update(who, meeting.id, {"place": "x"}, meeting.version),
        lambda who: meetings.set_item_state(who, item.id, "已完成"),
        lambda who: meetings.advance(who, meeting.id, "notify"),
        lambda who: meetings.add_items(who, meeting.id, []),
        lambda who: meetings.add_topic(who, meeting.id, {"title": "议题"}),
        lambda who: templates.save(who, "常务会议", [dict(phase="会前", task="x", deadline="会前1天")]),
        lambda who: attendees.replace(who, meeting.id, [dict(name="王建国")]),
        lambda who: attendees.add(who, meeting.id, dict(name="王建国")),
        lambda who: minutes.record_step(who, meeting.id, "起草", "王秘书", "2026-10-10"),
        lambda who: decisions.add_many(who, meeting.id, [dict(matter="x", lead_unit="y")]),
        lambda who: decisions.hand_over(who, meeting.id),
    ]
    reads = [lambda who: meetings.get(who, meeting.id), lambda who: meetings.checklist(who, meeting.id),
             lambda who: templates.read(who, "常务会议"), lambda who: attendees.listed(who, meeting.id),
             lambda who: decisions.previous(who, meeting.id), lambda who: meetings.history(who, meeting.id)]
    for who, refused in ((leader, writes), (officer, writes + reads)):
        for call in refused:
            with pytest.raises(PermissionDenied):
                call(who)
    denied = AuditEntry.select().where(AuditEntry.action == "denied").count()
    assert denied == 2 * len(writes) + len(reads)


def test_the_meetings_ledger_counts_late_items_as_today_does(clerk, move_clock):
    from models.core.ledger import Query
    from models.meetings.ledger import MeetingLedger

    meeting = new_meeting(clerk)  # 2026-10-09; the clock goes past every 会前 deadline
    move_clock(datetime(2026, 10, 9, 8, 0))
    (row,) = MeetingLedger(clerk).page(Query(), None)
    assert row.status == "overdue" and "项逾期" in row.values[6]
    for action in ("notify", "open"):
        meetings.advance(clerk, meeting.id, action, override="会前事项已线下办妥")
    (row,) = MeetingLedger(clerk).page(Query(), None)  # in session: its 会前 items are history, not late
    late_before_meeting = [i for i in due(clerk, date(2026, 10, 9)) if i.level == Level.RED]
    assert late_before_meeting == [] and "项逾期" not in row.values[6] and row.status != "overdue"
