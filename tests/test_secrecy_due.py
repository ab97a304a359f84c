"""涉密人员's due items and the row colours of a person and a 证件, decided in models at pinned days."""

from datetime import date, timedelta

import pytest

from models.core import clock
from models.core.audit import AuditEntry
from models.core.due import Level
from models.core.rights import Role
from models.secrecy import passports, records
from models.secrecy import people as secrecy
from models.secrecy.due import due
from tests.conftest import business_user
from tests.test_secrecy import ZHOU, on_post


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


@pytest.fixture
def zhou(sec):
    """周建华, 核心 since 2 January 2025: 复审 every 12 months, so due on 2 January 2026."""
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    person = on_post(sec, ZHOU, post="机要文件收发", day="2025-01-02")
    records.add_pledge(sec, person.id, {"kind": "上岗", "signed_on": "2025-01-02"})
    return secrecy.get(sec, person.id)


@pytest.fixture
def holder(sec):
    """周建华 on his post for a month (whatever today is), so lending him a 证件 needs no override."""
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    return on_post(sec, ZHOU, post="机要文件收发", day=(clock.today() - timedelta(days=30)).isoformat())


def reviews(sec, day: date):
    return [i for i in due(sec, day) if i.why.startswith(("复审", "核心涉密人员，复审"))]


def test_a_review_coming_up_is_amber_and_a_missed_one_red_across_the_new_year(sec, zhou):
    (soon,) = reviews(sec, date(2025, 12, 31))
    assert (soon.level, soon.kind, soon.record_id, soon.page) == (Level.AMBER, "person", zhou.id, "涉密人员")
    assert soon.title == "涉密人员 周建华（综合科）：复审" and soon.due == date(2026, 1, 2)
    assert soon.why == "复审将于2026年1月2日到期。"
    (late,) = reviews(sec, date(2026, 1, 5))
    assert late.level == Level.RED and late.why == "核心涉密人员，复审应于1月2日前完成，已逾期3天。"
    assert reviews(sec, date(2025, 11, 1)) == []


def test_a_person_row_colour_follows_the_review_and_the_declassification_period(sec, zhou):
    review = records.next_review(zhou)
    assert review == date(2026, 1, 2)
    assert records.person_status(zhou, date(2025, 11, 1), review) is None
    assert records.person_status(zhou, date(2025, 12, 31), review) == "due_soon"
    assert records.person_status(zhou, date(2026, 1, 3), review) == "overdue"
    leaving, _ = secrecy.leave(sec, zhou.id, {"kind": "离岗", "approved_on": "2025-06-30", "months": "6"})
    assert leaving.declass_end == date(2025, 12, 30)
    assert records.person_status(leaving, date(2025, 10, 1), None) is None
    assert records.person_status(leaving, date(2025, 12, 1), None) == "due_soon"
    assert records.person_status(leaving, date(2025, 12, 30), None) == "overdue"  # ends today: confirm it
    ended = secrecy.end_declass(sec, zhou.id, "2025-12-31")
    assert records.person_status(ended, date(2026, 1, 5), None) == "done"


def test_a_passport_row_colour_comes_from_its_custody_not_from_text(sec, holder):
    today = clock.today()
    far = passports.take_in(sec, holder.id, {"kind": "普通护照", "number": "E10000001",
                                           "expires_on": today + timedelta(days=3650)})
    expiring = passports.take_in(sec, holder.id, {"kind": "往来港澳通行证", "number": "C10000002",
                                                "expires_on": today + timedelta(days=30)})
    assert passports.custody_status(far, today) is None
    assert passports.custody_status(expiring, today) == "due_soon"
    assert passports.custody_status(expiring, today + timedelta(days=31)) == "overdue"  # expired in the cabinet
    loan, _ = passports.lend(sec, far.id, {"purpose": "换领新证", "approved_by": "周主任",
                                           "lent_on": today - timedelta(days=9), "due_on": today + timedelta(days=1)})
    out = passports.Passport.get_by_id(far.id)
    assert passports.custody_status(out, today) == "on_time"
    assert passports.custody_status(out, today + timedelta(days=2), loan) == "overdue"
    passports.cancel(sec, expiring.id, "已换领新证")
    assert passports.custody_status(passports.Passport.get_by_id(expiring.id), today) == "done"


def test_a_passport_out_past_its_return_opens_the_cabinet(sec, holder):
    today = clock.today()
    item = passports.take_in(sec, holder.id, {"kind": "普通护照", "number": "E12345678",
                                            "expires_on": today + timedelta(days=3650)})
    passports.lend(sec, item.id, {"purpose": "换领新证", "approved_by": "周主任", "lent_on": today - timedelta(days=9),
                                  "due_on": today - timedelta(days=2)})
    back = today - timedelta(days=2)
    back_text = f"{back.month}月{back.day}日" if back.year == today.year else f"{back.year}年{back.month}月{back.day}日"
    (item_due,) = [i for i in due(sec, today) if i.kind == "passport" and i.record_id == item.id]
    assert (item_due.level, item_due.page) == (Level.RED, "证件柜")
    assert item_due.why == f"普通护照 E12345678应于{back_text}交回，已逾期2天。"


def test_only_the_security_administrator_gets_items_and_nobody_else_is_refused_loudly(three, sec, zhou):
    assert reviews(sec, date(2026, 1, 5))
    denied = AuditEntry.select().where(AuditEntry.action == "denied").count()
    others = [three[Role.SYSADMIN], three[Role.AUDITOR], business_user(three, "zhouzhuren", "周主任", "leader")]
    assert [due(actor, date(2026, 1, 5)) for actor in others] == [[], [], []]
    assert AuditEntry.select().where(AuditEntry.action == "denied").count() == denied
