"""值班记录: logging, the shift an entry belongs to, carry-over, handover locking, amendments, the reporting clock."""

from datetime import date, datetime, time, timedelta

import pytest

from models.core import clock, settings
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, StaleRecord, ValidationError
from models.core.rights import Role
from models.duty import log as duty_log
from models.duty.log import DutyEntry
from tests.conftest import TODAY

YESTERDAY = TODAY - timedelta(days=1)


def at(day: date, hhmm: str) -> str:
    return f"{day:%Y-%m-%d} {hhmm}"


def call(duty, when: str, **extra) -> DutyEntry:
    data = {"kind": "来电", "at": when, "unit": "县应急局", "person": "刘科长", "phone": "0871-6543210",
            "subject": "通报今晚有强降雨，请各乡镇做好防汛准备。"}
    data.update(extra)
    entry, _ = duty_log.log(duty, data)
    return entry


def test_an_entry_goes_to_the_shift_on_duty_at_its_time(duty):
    before = YESTERDAY - timedelta(days=1)
    day_entry = call(duty, at(before, "10:05"))
    night_entry = call(duty, at(before, "22:40"))
    small_hours = call(duty, at(YESTERDAY, "03:10"))  # still the day before's 夜班 (17:30–08:30)
    assert (day_entry.duty_shift.day, day_entry.duty_shift.shift) == (before, "白班")
    assert (night_entry.duty_shift.day, night_entry.duty_shift.shift) == (before, "夜班")
    assert small_hours.duty_shift_id == night_entry.duty_shift_id
    assert day_entry.recorder == "赵值班" and day_entry.status == "logged"


def test_the_time_defaults_to_now_and_bad_input_says_what_to_fix(duty):
    entry, _ = duty_log.log(duty, {"subject": "询问明天会议地点"})
    assert abs((entry.at - clock.now()).total_seconds()) < 120 and entry.kind == "来电"
    with pytest.raises(ValidationError, match="请填写事由") as exc:
        duty_log.log(duty, {"at": "00:00", "subject": "  "})
    assert exc.value.field == "subject"
    with pytest.raises(ValidationError, match="看不懂"):
        duty_log.log(duty, {"at": "十点", "subject": "x"})
    with pytest.raises(ValidationError, match="晚于现在"):
        duty_log.log(duty, {"at": at(clock.today() + timedelta(days=1), "09:00"), "subject": "x"})
    with pytest.raises(ValidationError, match="类别"):
        duty_log.log(duty, {"kind": "短信", "subject": "x"})
    with pytest.raises(ValidationError, match="事件等级"):
        duty_log.log(duty, {"kind": "突发事件", "grade": "很大", "subject": "x"})
    assert DutyEntry.select().count() == 1


def test_progress_steps_move_the_state_and_are_kept_as_history(duty):
    entry = call(duty, at(YESTERDAY, "09:00"))
    duty_log.report_leader(duty, entry.id, "周主任", at(YESTERDAY, "09:10"))
    assert DutyEntry.get_by_id(entry.id).status == "reported"
    duty_log.instruct(duty, entry.id, "周主任", "请通知各乡镇值班领导在岗。", at(YESTERDAY, "09:20"))
    assert DutyEntry.get_by_id(entry.id).status == "instructed"
    duty_log.handle(duty, entry.id, "已电话通知 12 个乡镇值班室")
    assert DutyEntry.get_by_id(entry.id).status == "handling"
    closed = duty_log.close(duty, entry.id, "各乡镇均已回复在岗")
    assert closed.status == "closed" and closed.closed
    assert [e.action for e in duty_log.history(duty, entry.id)] == ["log", "report", "instruct", "handle", "close"]
    with pytest.raises(ValidationError, match="已于.*办结"):
        duty_log.handle(duty, entry.id, "再补一句")
    with pytest.raises(ValidationError, match="早于接报时间"):
        duty_log.report_leader(duty, call(duty, at(YESTERDAY, "11:00")).id, "周主任", at(YESTERDAY, "10:00"))


def test_open_items_carry_over_until_closed(duty, duty2):
    old = call(duty, at(YESTERDAY - timedelta(days=1), "10:00"), subject="群众反映路灯不亮")
    done = call(duty, at(YESTERDAY, "10:00"))
    duty_log.close(duty, done.id, "已答复")
    assert [e.id for e in duty_log.open_entries(duty)] == [old.id]
    shift = duty_log.shift_by_id(duty, done.duty_shift_id)
    handed = duty_log.hand_over(duty, shift.id, "本班无要事")
    assert "群众反映路灯不亮" in handed.open_items  # listed explicitly at the handover
    duty_log.take_over(duty2, shift.id)
    assert [e.id for e in duty_log.open_entries(duty)] == [old.id]  # still in sight on the next shift
    duty_log.close(duty2, old.id, "已转县城管局，当晚修复")  # closing is progress, allowed on a locked entry
    assert duty_log.open_entries(duty) == []


def test_handover_needs_both_officers_and_locks_the_shift(duty, duty2):
    entry = call(duty, at(YESTERDAY, "10:00"))
    shift_id = entry.duty_shift_id
    with pytest.raises(ValidationError, match="还没有交班"):
        duty_log.take_over(duty2, shift_id)
    with pytest.raises(ValidationError, match="要事摘要"):
        duty_log.hand_over(duty, shift_id, "")
    duty_log.hand_over(duty, shift_id, "接县应急局强降雨通报一件，已报周主任。", things="值班手机 1 部，钥匙 2 把")
    assert duty_log.shift_by_id(duty, shift_id).state == "待接班确认"
    with pytest.raises(ValidationError, match="不能是同一人"):
        duty_log.take_over(duty, shift_id)
    duty_log.update(duty, entry.id, {"person": "刘副科长"}, DutyEntry.get_by_id(entry.id).version)  # not locked yet
    duty_log.take_over(duty2, shift_id)
    shift = duty_log.shift_by_id(duty, shift_id)
    assert shift.locked and shift.received_by_name == "孙值班" and shift.state == "已交接"
    with pytest.raises(ValidationError, match="已锁定.*补充更正"):
        duty_log.update(duty, entry.id, {"person": "刘科长"}, DutyEntry.get_by_id(entry.id).version)
    with pytest.raises(ValidationError, match="已交接.*不能再补记"):
        call(duty, at(YESTERDAY, "11:00"))
    with pytest.raises(ValidationError, match="交接完毕"):
        duty_log.hand_over(duty, shift_id, "再交一次")
    actions = [a.summary for a in AuditEntry.select().where(AuditEntry.target == f"duty_shift:{shift_id}")]
    assert any("交班" in s for s in actions) and any("接班确认" in s for s in actions)


def test_an_amendment_keeps_the_old_value_the_new_one_and_the_reason(duty, duty2):
    entry = call(duty, at(YESTERDAY, "10:00"))
    duty_log.hand_over(duty, entry.duty_shift_id, "无要事")
    duty_log.take_over(duty2, entry.duty_shift_id)
    with pytest.raises(ValidationError, match="更正原因"):
        duty_log.amend(duty2, entry.id, "person", "刘小明", "")
    with pytest.raises(ValidationError, match="不能更正"):
        duty_log.amend(duty2, entry.id, "recorder", "别人", "改记录人")
    amended = duty_log.amend(duty2, entry.id, "person", "刘小明", "回电核实，来电人是刘小明")
    assert amended.person == "刘小明"
    event = duty_log.history(duty, entry.id)[-1]
    assert (event.action, event.before, event.after, event.actor_name) == ("amend", "刘科长", "刘小明", "孙值班")
    lines = dict(duty_log.detail_lines(duty, entry.id))
    assert any("由「刘科长」改为「刘小明」" in v and "回电核实" in v for v in lines.values())
    audit_entry = AuditEntry.select().where(AuditEntry.target == f"duty:{entry.id}").order_by(AuditEntry.id.desc()).get()
    assert "刘科长" in audit_entry.detail and "刘小明" in audit_entry.detail


def test_a_stale_form_does_not_overwrite(duty):
    entry = call(duty, at(YESTERDAY, "10:00"))
    duty_log.update(duty, entry.id, {"person": "甲"}, entry.version)
    with pytest.raises(StaleRecord):
        duty_log.update(duty, entry.id, {"person": "乙"}, entry.version)


def incident(duty, minutes_ago: int, grade: str = "较大") -> DutyEntry:
    learned = clock.now().replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
    entry, notes = duty_log.log(duty, {"kind": "突发事件", "grade": grade, "at": learned,
                                       "unit": "青山镇政府", "person": "王镇长", "place": "青山镇石桥村",
                                       "occurred_at": learned - timedelta(minutes=20),
                                       "subject": "石桥村发生山体滑坡，2 户民房受损，暂无人员伤亡。"})
    assert "电话报告" in notes[0]
    return entry


def test_the_reporting_clock_runs_against_the_grade_limits(duty):
    entry = incident(duty, minutes_ago=45)  # 较大: phone 30 min, written 60 min by default
    phone, written = duty_log.clock(entry)
    assert (phone.state, phone.red) == ("missing", True) and "已超过时限" in phone.text
    assert (written.state, written.red) == ("running", False)
    duty_log.report_up(duty, entry.id, "phone", entry.at + timedelta(minutes=40))
    phone, written = duty_log.clock(DutyEntry.get_by_id(entry.id))
    assert phone.state == "late" and "已超时" in phone.text and "用时 40 分钟" in phone.text
    duty_log.report_up(duty, entry.id, "written", entry.at + timedelta(minutes=44))
    _, written = duty_log.clock(DutyEntry.get_by_id(entry.id))
    assert (written.state, written.red) == ("done", False)
    with pytest.raises(ValidationError, match="已登记"):
        duty_log.report_up(duty, entry.id, "phone")


def test_the_limits_are_the_offices_own(duty, three):
    settings.set_value(three[Role.SYSADMIN], "report_phone_3", 60)
    entry = incident(duty, minutes_ago=45)
    assert duty_log.clock(entry)[0].state == "running"
    assert duty_log.clock(call(duty, at(YESTERDAY, "10:00"))) == []  # not an incident


def test_a_graded_incident_cannot_close_without_its_reports(duty):
    entry = incident(duty, minutes_ago=10, grade="重大")
    with pytest.raises(ValidationError, match="还没有登记电话报告、书面报告"):
        duty_log.close(duty, entry.id, "已处置")
    duty_log.report_up(duty, entry.id, "phone")
    duty_log.report_up(duty, entry.id, "written")
    assert duty_log.close(duty, entry.id, "已处置").closed


def test_an_ungraded_incident_can_be_graded_later_by_amendment(duty):
    entry, notes = duty_log.log(duty, {"kind": "突发事件", "subject": "某路段交通事故"})
    assert "未定" in notes[0] and duty_log.clock(entry) == []
    graded = duty_log.amend(duty, entry.id, "grade", "一般", "县交警大队核实后定级")
    assert [c.label for c in duty_log.clock(graded)] == ["电话报告", "书面报告"]


def test_search_finds_two_and_three_characters(duty):
    call(duty, at(YESTERDAY, "10:00"), subject="石桥村山体滑坡")
    call(duty, at(YESTERDAY, "11:00"), subject="询问会议时间")
    assert [e.subject for e in duty_log.search(duty, "滑坡")] == ["石桥村山体滑坡"]
    assert [e.subject for e in duty_log.search(duty, "山体滑坡")] == ["石桥村山体滑坡"]


def test_a_leader_may_read_but_not_log(three, duty):
    from tests.conftest import business_user

    leader = business_user(three, "zhouzhuren", "周主任", "leader")
    call(duty, at(YESTERDAY, "10:00"))
    assert len(duty_log.open_entries(leader)) == 1
    with pytest.raises(PermissionDenied):
        duty_log.log(leader, {"subject": "x"})


def test_shift_settings_must_cover_the_clock(three):
    admin = three[Role.SYSADMIN]
    with pytest.raises(ValidationError, match="首尾相接"):
        settings.set_text(admin, "duty_shifts", "白班 08:00-17:00；夜班 18:00-08:00")
    with pytest.raises(ValidationError, match="看不懂"):
        settings.set_text(admin, "duty_shifts", "白天")
    settings.set_text(admin, "duty_shifts", "全天 08:30-08:30")
    from models.duty import roster

    assert roster.shift_names() == ("全天",)
    day, shift = roster.current(datetime.combine(YESTERDAY, time(7, 0)))
    assert (day, shift.name) == (YESTERDAY - timedelta(days=1), "全天")
