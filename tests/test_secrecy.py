"""涉密人员库: posts, the person's lifecycle as events, 脱密期 by level, records, rights."""

from datetime import date, timedelta

import pytest

from models.core import clock, settings
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, StaleRecord, ValidationError
from models.core.rights import Role
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records

ZHOU = "350203197804121038"  # 周建华, male
WU = "420102198609232147"  # 吴丽, female
ZENG = "11010519491231002X"  # female


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


@pytest.fixture
def posts(sec):
    return {
        "核心": secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"}),
        "重要": secrecy.add_post(sec, {"name": "综合文稿起草", "unit": "综合科", "level": "重要"}),
        "一般": secrecy.add_post(sec, {"name": "督查文稿起草", "unit": "督查室", "level": "一般"}),
    }


def on_post(sec, id_number=ZHOU, name="周建华", post="综合文稿起草", day="2024-03-01", **extra):
    person, _ = secrecy.register(sec, {"name": name, "id_number": id_number, "unit": "综合科", **extra})
    secrecy_records.add_review(sec, person.id, {"kind": "上岗审查", "on": day, "result": "通过", "by": "组织部"})
    person, _ = secrecy.appoint(sec, person.id, post, day)
    return person


def last(sec, person, kind):
    return [e for e in secrecy.history(sec, person.id) if e.kind == kind][-1].text


def test_register_validates_the_id_and_takes_the_gender_from_it(sec):
    with pytest.raises(ValidationError, match="校验") as error:
        secrecy.register(sec, {"name": "周建华", "id_number": "350203197804121039", "unit": "综合科"})
    assert error.value.field == "id_number"
    with pytest.raises(ValidationError, match="性别为男"):
        secrecy.register(sec, {"name": "周建华", "id_number": ZHOU, "gender": "女", "unit": "综合科"})
    person, _ = secrecy.register(sec, {"name": "周建华", "id_number": ZHOU.lower(), "unit": "综合科"})
    assert (person.gender, person.state_label, person.birth) == ("男", "拟任（审查中）", date(1978, 4, 12))
    with pytest.raises(ValidationError, match="已登记为周建华"):
        secrecy.register(sec, {"name": "周建华", "id_number": ZHOU, "unit": "综合科"})


def test_seconded_staff_need_their_home_unit(sec):
    with pytest.raises(ValidationError, match="派出单位") as error:
        secrecy.register(sec, {"name": "吴丽", "id_number": WU, "unit": "秘书科", "nature": "借调"})
    assert error.value.field == "home_unit"
    person, notes = secrecy.register(sec, {"name": "吴丽", "id_number": WU, "unit": "秘书科", "nature": "借调",
                                           "home_unit": "县财政局"})
    assert person.home_unit == "县财政局" and "在岗监督" in notes[0]


def test_pinyin_initials_and_full_pinyin_find_the_person(sec, posts):
    on_post(sec)
    on_post(sec, WU, "吴丽", "机要文件收发")
    on_post(sec, ZENG, "曾敏", "督查文稿起草")
    names = lambda text: [p.name for p in secrecy.people(sec, text)]  # noqa: E731
    assert names("zjh") == ["周建华"]
    assert names("zhoujianhua") == ["周建华"]
    assert names("ZJ") == ["周建华"]
    assert names("wl") == ["吴丽"]
    assert names("zm") == ["曾敏"] and names("zengmin") == ["曾敏"]  # 曾 read as a surname
    assert names("建华") == ["周建华"]
    assert names("机要") == ["吴丽"]  # by post
    assert names("4201") == ["吴丽"]  # by ID


def test_level_follows_the_highest_post_and_a_transfer_is_an_event(sec, posts):
    person = on_post(sec)
    assert person.level == "重要"
    person, notes = secrecy.transfer(sec, person.id, "机要文件收发、综合文稿起草", "2026-05-01", "工作需要")
    assert person.level == "核心" and "重新签订保密承诺书" in notes[0]
    events = secrecy.history(sec, person.id)
    assert [e.kind for e in events] == ["审查", "上岗", "调岗", "登记"]  # by the day it happened; 登记 is today
    assert (events[2].level_before, events[2].level_after) == ("重要", "核心")
    assert "综合文稿起草 → 机要文件收发、综合文稿起草" in events[2].text
    # the old post's assignment is kept, the new one added: nothing overwritten
    rows = list(secrecy.Assignment.select().where(secrecy.Assignment.person == person).order_by(secrecy.Assignment.id))
    assert [(a.post.name, a.end_on) for a in rows] == [("综合文稿起草", None), ("机要文件收发", None)]
    person, _ = secrecy.transfer(sec, person.id, "督查文稿起草", "2026-06-01")
    assert person.level == "一般"
    assert secrecy.Assignment.select().where(secrecy.Assignment.end_on == date(2026, 6, 1)).count() == 2


def test_appointment_needs_a_passed_review(sec, posts):
    person, _ = secrecy.register(sec, {"name": "周建华", "id_number": ZHOU, "unit": "综合科"})
    with pytest.raises(ValidationError, match="上岗前须经保密审查"):
        secrecy.appoint(sec, person.id, "综合文稿起草", "2026-01-05")
    _, notes = secrecy_records.add_review(sec, person.id, {"kind": "上岗审查", "on": "2026-01-04", "result": "不通过",
                                                           "by": "组织部"})
    assert secrecy.get(sec, person.id).state == "refused" and "不得上岗" in notes[0]
    with pytest.raises(ValidationError, match="不通过"):
        secrecy.appoint(sec, person.id, "综合文稿起草", "2026-01-05")
    with pytest.raises(ValidationError, match="没有「财务」这个涉密岗位"):
        secrecy.appoint(sec, person.id, "财务", "2026-01-05")


@pytest.mark.parametrize(("level", "post", "months", "end"), [
    ("核心", "机要文件收发", 36, date(2029, 3, 31)),
    ("重要", "综合文稿起草", 24, date(2028, 3, 31)),
    ("一般", "督查文稿起草", 12, date(2027, 3, 31)),
])
def test_declassification_period_by_level(sec, posts, level, post, months, end):
    person = on_post(sec, post=post)
    person, notes = secrecy.leave(sec, person.id, {"kind": "离职", "approved_on": "2026-03-31"})
    assert (person.level, person.state, person.declass_months, person.declass_end) == (level, "declass", months, end)
    assert secrecy.current_posts(person) == []
    assert "离岗手续未完成" in notes[0] and "离岗保密提醒谈话" in notes[0]
    assert f"{level}涉密人员脱密期" in last(sec, person, "离职")


def test_policy_and_agency_set_periods(sec, posts):
    settings.set_value(sec, "declass_months_1", 60)  # the 安全保密管理员 owns the policy
    person = on_post(sec, post="机要文件收发")
    person, _ = secrecy.leave(sec, person.id, {"kind": "退休", "approved_on": "2026-01-31"})
    assert person.declass_end == date(2031, 1, 31)
    other = on_post(sec, WU, "吴丽", "督查文稿起草")
    other, _ = secrecy.leave(sec, other.id, {"kind": "离岗", "approved_on": "2026-01-31", "months": "18"})
    assert other.declass_end == date(2027, 7, 31)
    assert "本机关确定，规定默认为1年" in last(sec, other, "离岗")


def test_secadmin_cannot_change_system_settings_nor_sysadmin_the_policy(three):
    with pytest.raises(PermissionDenied):
        settings.set_value(three[Role.SECADMIN], "lockout_minutes", 20)
    with pytest.raises(PermissionDenied):
        settings.set_value(three[Role.SYSADMIN], "declass_months_1", 48)


def test_seconded_staff_are_entrusted_to_their_home_unit(sec, posts):
    person = on_post(sec, WU, "吴丽", "督查文稿起草", nature="跟班学习", home_unit="县财政局", supervisor="郑伟")
    person, _ = secrecy.leave(sec, person.id, {"kind": "离岗", "approved_on": "2026-06-30"})
    assert person.entrusted_to == "县财政局"
    assert "脱密期委托县财政局管理" in last(sec, person, "离岗")


def test_exit_checklist_and_end_of_declassification(sec, posts):
    person = on_post(sec, post="督查文稿起草", day="2020-01-01")
    person, _ = secrecy.leave(sec, person.id, {"kind": "离职", "approved_on": "2024-06-30", "talk_on": "2024-06-28"})
    secrecy_records.add_pledge(sec, person.id, {"kind": "离岗", "signed_on": "2024-06-28"})
    person, missing = secrecy.complete_exit(sec, person.id, {"carriers_returned": "笔记本 2 本", "devices_returned": "无",
                                                             "access_revoked_on": "2024-06-30"})
    assert missing == ["离岗手续未完成：去向备案。"]
    _, missing = secrecy.complete_exit(sec, person.id, {"whereabouts": "市财政局"})
    assert missing == []
    with pytest.raises(ValidationError, match="还未期满"):
        secrecy.end_declass(sec, person.id, "2025-06-29")
    person = secrecy.end_declass(sec, person.id, "2025-06-30")
    assert person.state == "ended" and "保密义务继续履行" in last(sec, person, "脱密期满")


def test_reviews_schedule_the_next_one_by_level(sec, posts):
    person = on_post(sec, post="机要文件收发", day="2025-03-01")
    assert secrecy_records.next_review(person) == date(2026, 3, 1)
    with pytest.raises(ValidationError, match="定期审查请选「复审」"):
        secrecy_records.add_review(sec, person.id, {"kind": "上岗审查", "on": "2025-05-01", "result": "通过", "by": "组织部"})
    secrecy_records.add_review(sec, person.id, {"kind": "复审", "on": "2026-02-20", "result": "通过", "by": "组织部"})
    assert secrecy_records.next_review(secrecy.get(sec, person.id)) == date(2027, 2, 20)
    with pytest.raises(ValidationError, match="还没到"):
        secrecy_records.add_review(sec, person.id, {"kind": "复审", "on": clock.today() + timedelta(days=1),
                                                    "result": "通过", "by": "组织部"})


def test_training_hours_add_up_for_the_year(sec, posts):
    person = on_post(sec)
    secrecy_records.add_training(sec, person.id, {"on": "2026-03-01", "hours": "4", "topic": "保密法学习"})
    secrecy_records.add_training(sec, person.id, {"on": "2026-06-01", "hours": "2.5学时", "topic": "警示教育"})
    secrecy_records.add_training(sec, person.id, {"on": "2025-06-01", "hours": "8", "topic": "去年的"})
    check = secrecy_records.hours_check(person, 2026)
    assert (check.done, check.required, check.short, check.text) == (6.5, 10, 3.5, "6.5/10 学时")
    with pytest.raises(ValidationError, match="应为数字"):
        secrecy_records.add_training(sec, person.id, {"on": "2026-03-01", "hours": "两个", "topic": "x"})


def test_void_keeps_the_record_and_says_why(sec, posts):
    person = on_post(sec)
    training = secrecy_records.add_training(sec, person.id, {"on": "2026-03-01", "hours": "4", "topic": "保密法学习"})
    secrecy_records.void(sec, "training", training.id, "日期录错")
    assert secrecy_records.year_hours(person, 2026) == 0
    assert secrecy_records.Training.get_by_id(training.id).voided
    assert "作废培训记录（日期录错）" in last(sec, person, "作废")


def test_profile_change_is_an_event_with_before_and_after(sec, posts):
    person = on_post(sec)
    person = secrecy.update(sec, person.id, {"position": "副主任", "phone": "13800138000"}, person.version)
    assert "职务：（空）→副主任" in last(sec, person, "信息变更")
    with pytest.raises(StaleRecord):
        secrecy.update(sec, person.id, {"position": "主任"}, person.version - 1)


def test_post_regrade_moves_its_holders(sec, posts):
    person = on_post(sec, post="督查文稿起草")
    post = posts["一般"]
    _, notes = secrecy.change_post(sec, post.id, {"name": post.name, "unit": post.unit, "level": "重要"}, post.version)
    assert secrecy.get(sec, person.id).level == "重要" and "周建华：一般→重要" in notes[0]
    with pytest.raises(ValidationError, match="还有周建华"):
        secrecy.retire_post(sec, post.id)


def test_a_classification_typed_as_a_level_gets_a_hint(sec):
    with pytest.raises(ValidationError, match="「机密」是密级"):
        secrecy.add_post(sec, {"name": "x", "unit": "y", "level": "机密"})
    assert secrecy.add_post(sec, {"name": "x", "unit": "y", "level": "核心涉密岗位"}).level == "核心"


@pytest.mark.parametrize("call", [
    lambda s: secrecy.people(s),
    lambda s: secrecy.register(s, {"name": "周建华", "id_number": ZHOU, "unit": "综合科"}),
    lambda s: secrecy.history(s, 1),
    lambda s: secrecy.add_post(s, {"name": "x", "unit": "y", "level": "核心"}),
])
def test_a_clerk_is_refused_and_audited(clerk, call):
    before = AuditEntry.select().where(AuditEntry.action == "denied").count()
    with pytest.raises(PermissionDenied, match="没有权限"):
        call(clerk)
    denied = AuditEntry.select().where(AuditEntry.action == "denied").order_by(AuditEntry.id.desc()).first()
    assert denied.actor == "zhangsan" and AuditEntry.select().where(AuditEntry.action == "denied").count() == before + 1


def test_an_implausible_birth_date_in_the_id_is_refused(sec):
    with pytest.raises(ValidationError, match="1880年01月01日，不像在岗工作人员"):
        secrecy.register(sec, {"name": "刘洋", "id_number": "440524188001010014", "unit": "综合科"})


def test_the_bulk_overview_agrees_with_the_one_by_one_answers(sec, posts):
    a = on_post(sec, post="机要文件收发", day="2025-01-10")
    b = on_post(sec, WU, "吴丽", "督查文稿起草", day="2024-02-01")
    secrecy_records.add_review(sec, b.id, {"kind": "复审", "on": "2026-01-05", "result": "通过", "by": "组织部"})
    secrecy_records.add_review(sec, b.id, {"kind": "复审", "on": "2026-02-05", "result": "不通过", "by": "组织部"})
    secrecy_records.add_training(sec, a.id, {"on": f"{clock.today().year}-01-02", "hours": "2.5", "topic": "x"})
    facts = secrecy_records.overview([secrecy.get(sec, a.id), secrecy.get(sec, b.id)])
    for person in (secrecy.get(sec, a.id), secrecy.get(sec, b.id)):
        assert facts[person.id].next_review == secrecy_records.next_review(person)
        assert facts[person.id].hours == secrecy_records.hours_check(person)
        assert facts[person.id].posts == "、".join(p.name for p in secrecy.current_posts(person))
