"""值班's due items at pinned moments, across 31 December → 1 January.

The default shifts: 白班 08:30-17:30, 夜班 17:30-08:30.
"""

from datetime import date, datetime

from models.core import clock
from models.core.audit import AuditEntry
from models.core.due import Level
from models.duty import absences, roster
from models.duty import log as duty_log
from models.duty.due import due

EVE = date(2025, 12, 31)
NEW_YEAR = date(2026, 1, 1)


def incident(duty, at: str, grade: str = "较大"):
    with clock.pinned(datetime(2026, 1, 1, 0, 5)):  # typed after the event, on any real date
        entry, _ = duty_log.log(duty, {"kind": "突发事件", "grade": grade, "at": at, "unit": "青山镇政府",
                                       "subject": "石桥村发生山体滑坡，暂无人员伤亡"})
    return entry


def test_a_running_reporting_limit_is_amber_and_a_passed_one_red_across_midnight(duty):
    entry = incident(duty, "2025-12-31 23:50")  # 较大: phone within 30 minutes, in writing within 60
    with clock.pinned(datetime(2026, 1, 1, 0, 10)):
        phone, written = [i for i in due(duty, NEW_YEAR) if i.kind == "duty_entry"]
    assert (phone.level, written.level) == (Level.AMBER, Level.AMBER)
    assert phone.title == "突发事件（较大）：石桥村发生山体滑坡，暂无人员伤亡"
    assert phone.why == "较大突发事件应在接报后30分钟内电话报告，须在1月1日00:20前报告，还剩10分钟。"
    assert phone.record_id == entry.id and phone.page == "值班记录"
    with clock.pinned(datetime(2026, 1, 1, 0, 40)):
        phone, written = [i for i in due(duty, NEW_YEAR) if i.kind == "duty_entry"]
    assert (phone.level, written.level) == (Level.RED, Level.AMBER)  # red first
    assert phone.why == "较大突发事件应在接报后30分钟内电话报告（1月1日00:20前），已超过20分钟，尚未报告。"
    duty_log.report_up(duty, entry.id, "phone", "2026-01-01 00:15")
    with clock.pinned(datetime(2026, 1, 1, 0, 40)):
        (written,) = [i for i in due(duty, NEW_YEAR) if i.kind == "duty_entry"]
    assert written.level == Level.AMBER and "书面报告" in written.why and "还剩10分钟" in written.why


def test_a_shift_that_ended_without_handover_is_red_then_amber_until_confirmed(duty, duty2):
    with clock.pinned(datetime(2026, 1, 1, 0, 5)):
        entry, _ = duty_log.log(duty, {"kind": "来电", "at": "2025-12-31 10:00", "unit": "县应急局",
                                       "subject": "询问值班安排"})
    with clock.pinned(datetime(2025, 12, 31, 16, 0)):
        assert [i for i in due(duty, EVE) if i.kind == "duty_shift"] == []  # 白班 still on
    with clock.pinned(datetime(2025, 12, 31, 18, 0)):
        (item,) = [i for i in due(duty, EVE) if i.kind == "duty_shift"]
    assert (item.level, item.record_id, item.title) == (Level.RED, entry.duty_shift_id, "12月31日白班交接班")
    assert item.why == "白班已于12月31日17:30结束，尚未交班。"
    with clock.pinned(datetime(2026, 1, 2, 9, 0)):  # two days on, the next year: still red, with the year named
        (item,) = [i for i in due(duty, date(2026, 1, 2)) if i.kind == "duty_shift"]
    assert item.title == "2025年12月31日白班交接班" and item.why == "白班已于2025年12月31日17:30结束，尚未交班。"
    duty_log.hand_over(duty, entry.duty_shift_id, "本班无要事")
    with clock.pinned(datetime(2026, 1, 2, 9, 0)):
        (item,) = [i for i in due(duty, date(2026, 1, 2)) if i.kind == "duty_shift"]
    assert item.level == Level.AMBER
    assert item.why.startswith("赵值班已于") and item.why.endswith("交班，等待接班人确认。")
    duty_log.take_over(duty2, entry.duty_shift_id)
    with clock.pinned(datetime(2026, 1, 2, 9, 0)):
        assert [i for i in due(duty, date(2026, 1, 2)) if i.kind == "duty_shift"] == []


def test_a_leader_past_the_planned_return_is_red_until_back(duty):
    trip, _ = absences.report(duty, {"person": "吴副主任", "position": "办公室副主任", "kind": "出差",
                                     "start_on": "2025-12-29", "end_on": "2025-12-31", "destination": "省城"})
    # the last planned day itself: away, not late
    assert [(i.level, i.why) for i in due(duty, EVE) if i.kind == "absence"] == [
        (Level.AMBER, "今日外出，至12月31日晚上，未写代理人。")]
    (item,) = [i for i in due(duty, NEW_YEAR) if i.kind == "absence"]
    assert (item.level, item.record_id, item.page) == (Level.RED, trip.id, "领导外出")
    assert item.title == "吴副主任（办公室副主任）赴省城出差"
    assert item.why == "报备的行程到2025年12月31日晚上结束，至今未销假，请与本人核实是否已返回。"
    absences.mark_returned(duty, trip.id, datetime(2025, 12, 31, 20, 0))
    assert [i for i in due(duty, NEW_YEAR) if i.kind == "absence"] == []


def test_someone_who_may_not_read_duty_gets_nothing_and_no_refusal_is_logged(duty, clerk):
    incident(duty, "2025-12-31 23:50")
    denied = AuditEntry.select().where(AuditEntry.action == "denied").count()
    with clock.pinned(datetime(2026, 1, 1, 0, 40)):
        assert due(clerk, NEW_YEAR) == []
        assert due(duty, NEW_YEAR)
    assert AuditEntry.select().where(AuditEntry.action == "denied").count() == denied


def test_an_entry_not_yet_closed_is_amber_until_closed(duty):
    with clock.pinned(datetime(2026, 6, 10, 9, 0)):
        entry, _ = duty_log.log(duty, {"kind": "来电", "at": "2026-06-10 08:50", "unit": "县应急局",
                                       "subject": "询问防汛物资储备情况"})
        (item,) = [i for i in due(duty, date(2026, 6, 10)) if i.kind == "duty_entry"]
        assert (item.level, item.record_id, item.page) == (Level.AMBER, entry.id, "值班记录")
        assert item.title.startswith("来电：") and item.why == "6月10日08:50登记，尚未办结：办结或交下一班跟进。"
        duty_log.close(duty, entry.id, "已答复")
        assert [i for i in due(duty, date(2026, 6, 10)) if i.kind == "duty_entry"] == []


def test_the_days_leader_away_is_red_and_another_leader_away_says_who_stands_in(duty):
    day = date(2026, 6, 10)
    roster.set_day(duty, day, {"leader": "吴副主任", "白班": "赵值班"})
    absences.report(duty, {"person": "吴副主任", "kind": "出差", "start_on": "2026-06-09", "end_on": "2026-06-11",
                           "destination": "省城"})
    absences.report(duty, {"person": "钱部长", "position": "宣传部长", "kind": "学习", "start_on": "2026-06-10",
                           "end_on": "2026-06-12", "destination": "市委党校", "stand_in": "孙副部长"})
    items = [i for i in due(duty, day) if i.kind == "absence"]
    assert [(i.level, i.title, i.page) for i in items] == [
        (Level.RED, "带班领导吴副主任外出", "排班"), (Level.AMBER, "钱部长（宣传部长）赴市委党校学习", "领导外出")]
    assert items[0].why == "今日带班领导吴副主任外出（至6月11日晚上），请调整值班表，安排替班领导。"
    assert items[1].why == "今日外出，至6月12日晚上，孙副部长主持工作。"
