"""Date rules across 31 December → 1 January, run on the days themselves by moving the pinned clock.

2027 is the first year chinesecalendar does not know: until the 系统管理员 enters its schedule, a deadline in it
is counted Monday–Friday and marked provisional (DESIGN: Data).
"""

from datetime import date, datetime, timedelta

import pytest

from models.core import clock, workdays
from models.core.errors import ValidationError
from models.core.rights import Role
from models.core.workdays import ScheduleEntry
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.duty import brief as duty_brief
from models.duty import log as duty_log
from models.duty import roster
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from models.secrecy.reminders import reminders
from tests.test_secrecy import WU, ZHOU, on_post

NEW_YEARS_EVE = date(2026, 12, 31)  # a Thursday
FIRST_WORKDAY = date(2027, 1, 4)  # a Monday


def receive(clerk, title: str = "关于做好岁末年初安全生产工作的通知", **extra) -> documents.Incoming:
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "title": title,
                                        **extra})
    return doc


def test_a_deadline_from_30_december_runs_into_an_unknown_2027_and_firms_up_once_entered(three, clerk, move_clock):
    move_clock(date(2026, 12, 30))
    doc, warning = documents.assign(clerk, receive(clerk).id, "综合科", workdays_limit=3)  # 交办 today
    # 31 Dec, then 2027 counted Monday–Friday: 1 Jan (a Friday) counts, so the third working day is 4 Jan
    assert (doc.assigned_on, doc.due_date, doc.due_provisional) == (date(2026, 12, 30), FIRST_WORKDAY, True)
    assert "2027年的节假日安排尚未录入" in warning
    workdays.apply_schedule(three[Role.SYSADMIN], [ScheduleEntry(date(2027, 1, d), False, "元旦") for d in (1, 2, 3)],
                            complete_years=[2027], note="国办发明电〔2026〕N号")
    later = receive(clerk, "关于报送年度工作总结的通知")
    later, warning = documents.assign(clerk, later.id, "综合科", workdays_limit=3)
    assert (later.due_date, later.due_provisional, warning) == (date(2027, 1, 5), False, "")  # 元旦 now a holiday


def test_a_deadline_counted_in_december_stays_firm(clerk, move_clock):
    move_clock(date(2026, 12, 1))
    doc, warning = documents.assign(clerk, receive(clerk).id, "综合科", workdays_limit=10)
    assert (doc.due_date, doc.due_provisional, warning) == (date(2026, 12, 15), False, "")


def test_receipt_and_reminder_numbers_start_again_at_1_on_1_january(clerk, move_clock):
    move_clock(NEW_YEARS_EVE)
    first, second = receive(clerk), receive(clerk, "关于元旦期间值班安排的通知")
    documents.assign(clerk, first.id, "综合科", workdays_limit=5)
    assert (first.receipt_no, second.receipt_no) == ("收〔2026〕1号", "收〔2026〕2号")
    assert documents.remind(clerk, first.id, "综合科", "电话").number == "催〔2026〕1号"
    move_clock(datetime(2027, 1, 4, 8, 40))
    assert receive(clerk, "关于召开全县经济工作会议的通知").receipt_no == "收〔2027〕1号"
    assert documents.remind(clerk, first.id, "综合科", "电话").number == "催〔2027〕1号"
    late, _ = documents.register(clerk, {"received_on": NEW_YEARS_EVE, "source_org": "市政府办公室",
                                         "title": "关于做好春节前后安全稳定工作的通知"})
    assert late.receipt_no == "收〔2026〕3号"  # registered late: numbered in the year it was received
    with pytest.raises(ValidationError, match="晚于今天"):
        documents.register(clerk, {"received_on": "2027-01-05", "source_org": "市委", "title": "关于甲的通知"})


def reviewed(clerk, title: str) -> dispatch.Outgoing:
    doc = dispatch.draft(clerk, {"prefix": "县委办发", "title": title, "draft_unit": "秘书科", "drafter": "刘某",
                                 "main_to": "各乡镇党委", "print_copies": "10"})
    return dispatch.review(clerk, doc.id, "王科长")


def test_document_numbers_follow_the_signing_year(clerk, move_clock):
    move_clock(NEW_YEARS_EVE)
    numbered = dispatch.sign(clerk, reviewed(clerk, "关于表彰2026年度先进集体的决定").id, "张书记")
    waiting = dispatch.sign(clerk, reviewed(clerk, "关于做好元旦春节期间有关工作的通知").id, "张书记", number_now=False)
    assert numbered.doc_no == "县委办发〔2026〕1号"
    move_clock(FIRST_WORKDAY)
    assert dispatch.number(clerk, waiting.id).doc_no == "县委办发〔2026〕2号"  # signed on 31 Dec: a 2026 number
    signed_today = dispatch.sign(clerk, reviewed(clerk, "关于印发2027年工作要点的通知").id, "张书记")
    assert (signed_today.signed_on, signed_today.doc_no) == (FIRST_WORKDAY, "县委办发〔2027〕1号")


def test_the_night_shift_of_31_december_runs_into_1_january(duty, move_clock):
    move_clock(datetime(2026, 12, 31, 22, 15))
    evening, _ = duty_log.log(duty, {"unit": "县公安局", "subject": "跨年夜广场人流较大，已加派警力"})
    move_clock(datetime(2027, 1, 1, 3, 40))
    night, _ = duty_log.log(duty, {"unit": "青山镇政府", "subject": "镇区一处民房起火，已扑灭，无人员伤亡"})
    shift = duty_log.current_shift(duty)
    assert (shift.day, shift.shift) == (NEW_YEARS_EVE, "夜班")
    assert night.at == datetime(2027, 1, 1, 3, 40) and night.duty_shift_id == evening.duty_shift_id == shift.id
    assert [e.id for e in duty_log.day_entries(duty, NEW_YEARS_EVE)] == [evening.id, night.id]
    assert duty_log.day_entries(duty, date(2027, 1, 1)) == []
    move_clock(datetime(2027, 1, 1, 8, 45))
    assert (duty_log.current_shift(duty).day, duty_log.current_shift(duty).shift) == (date(2027, 1, 1), "白班")


def test_the_brief_of_31_december_is_numbered_in_2026_and_1_january_starts_again(duty, move_clock):
    move_clock(datetime(2026, 12, 30, 16, 0))
    duty_log.log(duty, {"unit": "县应急局", "subject": "通报明日起有寒潮"})
    move_clock(datetime(2026, 12, 31, 16, 0))
    duty_brief.save(duty, duty_brief.draft_brief(duty, date(2026, 12, 30)))
    duty_log.log(duty, {"unit": "县公安局", "subject": "跨年夜安保方案已报"})
    move_clock(datetime(2027, 1, 1, 2, 30))
    duty_log.log(duty, {"unit": "青山镇政府", "subject": "镇区一处民房起火，已扑灭"})
    move_clock(datetime(2027, 1, 1, 9, 0))
    eve = duty_brief.draft_brief(duty, NEW_YEARS_EVE)  # drafted in the new year, for the duty day of 31 Dec
    assert eve.number_hint == "将编为第2期" and len(eve.items) == 2
    assert (duty_brief.save(duty, eve).year, eve.brief.serial) == (2026, 2)
    duty_log.log(duty, {"unit": "县委办", "subject": "元旦假期值班人员已到岗"})
    move_clock(datetime(2027, 1, 2, 9, 0))
    new_year = duty_brief.save(duty, duty_brief.draft_brief(duty, date(2027, 1, 1)))
    assert (new_year.year, new_year.number_text) == (2027, "第1期")


def test_a_flash_is_numbered_in_the_year_it_is_sent(duty, move_clock):
    def flash(subject: str) -> duty_brief.DutyBrief:
        learned = clock.now().replace(second=0) - timedelta(minutes=30)
        entry, _ = duty_log.log(duty, {"kind": "突发事件", "grade": "一般", "at": learned, "unit": "青山镇政府",
                                       "place": "青山镇石桥村", "occurred_at": learned, "subject": subject})
        return duty_brief.save(duty, duty_brief.draft_flash(duty, entry.id))

    move_clock(datetime(2026, 12, 31, 23, 40))
    assert (flash("石桥村发生山体滑坡").year, flash("石桥村发生民房火灾").serial) == (2026, 2)
    move_clock(datetime(2027, 1, 1, 0, 50))
    first = flash("石桥村发生交通事故")
    assert (first.year, first.number_text, first.day) == (2027, "第1期", date(2027, 1, 1))


def test_december_and_january_rosters_meet_across_the_year(duty, move_clock):
    roster.set_day(duty, NEW_YEARS_EVE, {"leader": "王某", "白班": "陈某", "夜班": "刘某"})
    roster.set_day(duty, date(2027, 1, 1), {"leader": "周某", "白班": "刘某", "夜班": "孙某"})
    december, january = roster.month(duty, 2026, 12), roster.month(duty, 2027, 1)
    assert (len(december), len(january)) == (31, 31)
    assert december[-1].problems == [] and december[0].problems == ["未排班"]
    assert january[0].problems == ["刘某昨天夜班后紧接今天白班"]  # 31 Dec's night shift, read from December
    assert january[0].holiday == ""  # 2027 not entered yet: no 元旦 shown rather than a guess
    move_clock(date(2026, 12, 30))
    _, notes = roster.change(duty, date(2027, 1, 1), "夜班", "officer", "孙某", "钱某", "周主任")
    assert notes == []  # two days before 1 January: reported in time
    move_clock(NEW_YEARS_EVE)
    _, notes = roster.change(duty, date(2027, 1, 1), "白班", "officer", "刘某", "赵某", "周主任")
    assert notes == ["调班、替班应提前 2 天报备；这次距值班日不足 2 天。"]
    assert roster.month(duty, 2027, 1)[0].problems == []


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


@pytest.fixture
def posts(sec):
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    secrecy.add_post(sec, {"name": "督查文稿起草", "unit": "督查室", "level": "一般"})


def test_the_declassification_period_ends_across_the_year(sec, posts, move_clock):
    person = on_post(sec, WU, "吴丽", "督查文稿起草", day="2024-03-01")
    person, _ = secrecy.leave(sec, person.id, {"kind": "离岗", "approved_on": "2026-01-01"})
    assert person.declass_end == date(2027, 1, 1)  # 一般: 12 months from the approval
    move_clock(NEW_YEARS_EVE)
    assert secrecy.in_declass(person)
    assert [(r.kind, r.late) for r in reminders(sec) if r.kind == "脱密期"] == [("脱密期", False)]
    with pytest.raises(ValidationError, match="还未期满"):
        secrecy.end_declass(sec, person.id)
    move_clock(FIRST_WORKDAY)
    assert not secrecy.in_declass(person)
    assert [(r.kind, r.late) for r in reminders(sec) if r.kind == "脱密期"] == [("脱密期", True)]
    assert secrecy.end_declass(sec, person.id).state == "ended"


def test_the_yearly_review_and_training_hours_turn_over_on_1_january(sec, posts, move_clock):
    person = on_post(sec, ZHOU, "周建华", "机要文件收发", day="2025-12-31")  # 核心: 复审 every 12 months
    assert secrecy_records.next_review(person) == NEW_YEARS_EVE
    move_clock(date(2026, 12, 20))
    secrecy_records.add_training(sec, person.id, {"on": "2026-12-18", "hours": "10", "topic": "保密法学习"})
    due = {r.kind: r for r in reminders(sec) if r.person_id == person.id}
    assert due["复审"].late is False and "培训" not in due  # 10 学时 done in 2026
    move_clock(FIRST_WORKDAY)
    due = {r.kind: r for r in reminders(sec) if r.person_id == person.id}
    assert due["复审"].late is True and "已逾期" in due["复审"].text
    assert due["培训"].late is False and "2027年保密教育培训" in due["培训"].text  # a new year, hours from 0
    secrecy_records.add_review(sec, person.id, {"kind": "复审", "on": clock.today(), "result": "通过", "by": "保密办"})
    assert secrecy_records.next_review(secrecy.Person.get_by_id(person.id)) == date(2028, 1, 4)
