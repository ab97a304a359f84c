"""证件柜 custody, 出国(境) approvals, the override for lending, 盘点, and the reminders."""

from datetime import timedelta

import pytest

from models.core.audit import AuditEntry
from models.core.errors import NeedsConfirmation, ValidationError
from models.core.rights import Role
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from models.secrecy.reminders import reminders
from tests.conftest import TODAY
from tests.test_secrecy import WU, ZHOU, on_post


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


@pytest.fixture
def zhou(sec):
    secrecy.add_post(sec, {"name": "综合文稿起草", "unit": "综合科", "level": "重要"})
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    person = on_post(sec, day=f"{TODAY.year}-01-02")
    secrecy_records.add_pledge(sec, person.id, {"kind": "上岗", "signed_on": f"{TODAY.year}-01-02"})
    return person


def approved_trip(sec, person, start=TODAY + timedelta(days=10), days=7):
    trip = passports.apply_trip(sec, person.id, {"destination": "日本", "purpose": "旅游", "start_on": start,
                                                 "end_on": start + timedelta(days=days), "unit_opinion": "同意"})
    return passports.decide_trip(sec, trip.id, {"decision": "批准", "approved_by": "周主任", "briefed_on": TODAY})


def test_take_in_lend_for_an_approved_trip_and_return(sec, zhou):
    item = passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "e 1234 5678", "expires_on": "2030-05-01"})
    assert (item.number, passports.custody_text(item)) == ("E12345678", "在库")
    with pytest.raises(ValidationError, match="已登记"):
        passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "E12345678"})
    pending = passports.apply_trip(sec, zhou.id, {"destination": "日本", "purpose": "旅游", "start_on": TODAY,
                                                  "end_on": TODAY + timedelta(days=5)})
    with pytest.raises(ValidationError, match="待审批，批准后才能领取"):
        passports.lend(sec, item.id, {"trip": pending.id, "approved_by": "周主任"})
    trip = approved_trip(sec, zhou)
    loan, _ = passports.lend(sec, item.id, {"trip": trip.id, "approved_by": "周主任"})
    assert loan.due_on == trip.end_on + timedelta(days=10)  # policy: back within 10 days of return
    assert passports.Passport.get_by_id(item.id).status == "out"
    with pytest.raises(ValidationError, match="借出，不在证件柜中"):
        passports.lend(sec, item.id, {"trip": trip.id, "approved_by": "周主任"})
    with pytest.raises(ValidationError, match="借出未交回"):
        passports.cancel(sec, item.id, "过期")
    late_day = loan.due_on + timedelta(days=3)
    loan, notes = passports.give_back(sec, item.id, late_day)
    assert loan.returned_on == late_day and "逾期 3 天" in notes[0] and "回国(境)报告" in notes[1]
    kinds = [e.text for e in secrecy.history(sec, zhou.id) if e.kind == "证件"]
    assert kinds[0].startswith("普通护照 E12345678交存证件柜") and "借出" in kinds[1] and "逾期 3 天" in kinds[2]


def test_lending_in_declassification_needs_an_audited_override(sec, zhou):
    item = passports.take_in(sec, zhou.id, {"kind": "往来港澳通行证", "number": "C00112233"})
    trip = approved_trip(sec, zhou)
    secrecy.leave(sec, zhou.id, {"kind": "离职", "approved_on": TODAY})
    with pytest.raises(NeedsConfirmation, match="处于脱密期") as asked:
        passports.lend(sec, item.id, {"trip": trip.id, "approved_by": "周主任"})
    assert asked.value.field == "override"
    assert passports.Passport.get_by_id(item.id).status == "in"
    loan, _ = passports.lend(sec, item.id, {"trip": trip.id, "approved_by": "周主任",
                                            "override": "经县委书记批准，探望病危亲属"})
    assert loan.override == "经县委书记批准，探望病危亲属"
    entry = AuditEntry.select().where(AuditEntry.action == "override").get()
    assert "脱密期" in entry.summary and "探望病危亲属" in entry.detail


def test_overdue_review_also_needs_the_override(sec, zhou):
    secrecy.transfer(sec, zhou.id, "机要文件收发", f"{TODAY.year}-01-03")  # 核心: yearly 复审
    person = secrecy.get(sec, zhou.id)
    secrecy.Person.update(on_post_since=TODAY - timedelta(days=800)).where(secrecy.Person.id == person.id).execute()
    secrecy_records.Review.update(on=TODAY - timedelta(days=800)).execute()
    item = passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "E99887766"})
    with pytest.raises(NeedsConfirmation, match="复审已逾期"):
        passports.lend(sec, item.id, {"purpose": "换领新证", "approved_by": "周主任"})


def test_cancelled_and_expired_passports(sec, zhou):
    item = passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "E11112222", "expires_on": TODAY - timedelta(days=1)})
    with pytest.raises(ValidationError, match="已于 .* 过期"):
        passports.lend(sec, item.id, {"purpose": "换领新证", "approved_by": "周主任"})
    with pytest.raises(ValidationError, match="注销原因"):
        passports.cancel(sec, item.id, "")
    item = passports.cancel(sec, item.id, "证件过期")
    assert item.status == "cancelled" and passports.custody_text(item).startswith("已注销")


def test_stock_take_finds_what_is_missing_and_what_should_not_be_there(sec, zhou):
    a = passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "E10000001"})
    passports.take_in(sec, zhou.id, {"kind": "往来港澳通行证", "number": "C10000002"})
    out = passports.take_in(sec, zhou.id, {"kind": "往来台湾通行证", "number": "T10000003"})
    passports.lend(sec, out.id, {"purpose": "换领新证", "approved_by": "周主任"})
    result = passports.stock_take(sec, [a.number, "t10000003", "E55555555"])
    assert result.missing == ["周建华 往来港澳通行证 C10000002"]
    assert result.unexpected == ["E55555555（未登记）", "T10000003（周建华借出）"]
    assert (result.take.expected, result.take.counted) == (2, 3)
    assert AuditEntry.select().where(AuditEntry.action == "stock_take").count() == 1


def test_reminders_cover_reviews_training_pledges_passports_and_declassification(sec, zhou):
    wu, _ = secrecy.register(sec, {"name": "吴丽", "id_number": WU, "unit": "秘书科", "nature": "借调",
                                   "home_unit": "县财政局", "term_end": TODAY + timedelta(days=20)})
    secrecy_records.add_review(sec, wu.id, {"kind": "派出单位审查", "on": TODAY, "result": "通过", "by": "县财政局"})
    secrecy.appoint(sec, wu.id, "机要文件收发", TODAY)
    item = passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "E12345678",
                                            "expires_on": TODAY + timedelta(days=60)})
    passports.lend(sec, item.id, {"purpose": "换领新证", "approved_by": "周主任", "lent_on": TODAY - timedelta(days=9),
                                  "due_on": TODAY - timedelta(days=2)})
    passport_lines = [(r.late, r.text) for r in reminders(sec) if r.kind == "证件"]
    back_on = TODAY - timedelta(days=2)
    back = f"{back_on.month}月{back_on.day}日" if back_on.year == TODAY.year else f"{back_on:%Y年%-m月%-d日}"
    assert (True, f"普通护照 E12345678应于{back}交回，已逾期2天") in passport_lines
    assert any(not late and "将于" in text and "到期" in text for late, text in passport_lines)
    found = {(r.name, r.kind): r for r in reminders(sec)}
    assert ("周建华", "培训") in found and "还差 10 学时" in found[("周建华", "培训")].text
    assert ("周建华", "承诺书") not in found
    assert found[("吴丽", "承诺书")].late
    texts = [r.text for r in reminders(sec) if r.name == "吴丽" and r.kind == "借调"]
    assert any("未指定在岗监督" in t for t in texts) and any("请安排离岗提醒谈话" in t for t in texts)
    assert any(r.kind == "盘点" for r in reminders(sec))
    secrecy.leave(sec, zhou.id, {"kind": "离岗", "approved_on": TODAY - timedelta(days=10), "months": "1"})
    found = {(r.name, r.kind): r for r in reminders(sec)}
    assert "将于" in found[("周建华", "脱密期")].text and ("周建华", "培训") not in found
    assert "离岗手续未完成" in found[("周建华", "离岗手续")].text


def test_trip_dates_and_approval_are_checked(sec, zhou):
    with pytest.raises(ValidationError, match="早于出发日期"):
        passports.apply_trip(sec, zhou.id, {"destination": "日本", "purpose": "旅游", "start_on": "2026-12-10",
                                            "end_on": "2026-12-01"})
    trip = passports.apply_trip(sec, zhou.id, {"destination": "日本", "purpose": "旅游", "start_on": "2026-12-01",
                                               "end_on": "2026-12-10"})
    with pytest.raises(ValidationError, match="审批人"):
        passports.decide_trip(sec, trip.id, {"decision": "批准"})
    passports.decide_trip(sec, trip.id, {"decision": "不批准", "approved_by": "周主任"})
    with pytest.raises(ValidationError, match="已不批准"):
        passports.decide_trip(sec, trip.id, {"decision": "批准", "approved_by": "周主任"})


def test_zhou_fixture_ids_are_real(sec):
    assert secrecy.register(sec, {"name": "周建华", "id_number": ZHOU, "unit": "综合科"})[0].gender == "男"
