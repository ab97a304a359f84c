"""收文: registration, every step of the flow, the refusals, 传阅, 催办, batch work and the history."""

from datetime import date, timedelta

import pytest

from models.core import workdays
from models.core.audit import AuditEntry
from models.core.errors import NeedsConfirmation, PermissionDenied, StaleRecord, ValidationError
from models.core.rights import Role
from models.documents import incoming as documents
from models.documents.incoming import Incoming
from tests.conftest import TODAY


def entry(**extra) -> dict:
    data = {"received_on": TODAY.isoformat(), "source_org": "市委办公室", "doc_no": "市委办发(2026)31号",
            "title": "关于做好岁末年初安全生产工作的通知", "copies": "2"}
    data.update(extra)
    return data


def registered(clerk, **extra) -> Incoming:
    doc, _ = documents.register(clerk, entry(**extra))
    return doc


def test_registration_numbers_each_year_in_order_and_normalises(clerk):
    first = registered(clerk)
    second = registered(clerk, doc_no="市委办发〔2026〕32号")
    old = registered(clerk, received_on="2025-12-30", doc_no="")
    assert (first.serial, second.serial, old.serial) == (1, 2, 1)
    assert first.receipt_no == f"收〔{TODAY.year}〕1号"
    assert old.receipt_no == "收〔2025〕1号"
    assert first.doc_no == "市委办发〔2026〕31号"  # ASCII brackets → 六角括号
    assert first.doc_type == "通知"  # read from the title
    assert first.copies == 2 and first.secrecy == "非密"


def test_the_same_doc_no_from_the_same_unit_asks_first(clerk):
    registered(clerk)
    with pytest.raises(NeedsConfirmation, match="已于.*登记为收〔"):
        documents.register(clerk, entry())
    again, _ = documents.register(clerk, entry(), confirm=True)
    assert again.serial == 2
    other_unit, _ = documents.register(clerk, entry(source_org="市政府办公室"))
    assert other_unit.serial == 3


@pytest.mark.parametrize(("field", "value", "message"), [
    ("received_on", "", "收文日期"),
    ("received_on", "2026-02-30", "日期"),
    ("source_org", "", "来文单位"),
    ("title", "  ", "标题"),
    ("doc_no", "市委办发31号", "缺少年份"),
    ("secrecy", "特密", "密级「特密」无法识别"),
    ("secrecy", "秘密★15年", "最长 10 年"),
    ("urgency", "很急", "紧急程度"),
    ("copies", "两份", "份数"),
    ("doc_type", "公函", "文种"),
])
def test_bad_registrations_say_what_is_wrong(clerk, field, value, message):
    with pytest.raises(ValidationError, match=message) as caught:
        documents.register(clerk, entry(**{field: value}))
    assert caught.value.field == field
    assert Incoming.select().count() == 0


def test_a_classified_document_needs_its_copy_numbers(clerk):
    with pytest.raises(ValidationError, match="必须登记份号"):
        documents.register(clerk, entry(secrecy="机密", secrecy_term="10年"))
    with pytest.raises(ValidationError, match="份数是 2"):
        documents.register(clerk, entry(secrecy="机密", copy_nos="000012"))
    doc = registered(clerk, secrecy="机密★10年", copy_nos="12-13", urgency="特急")
    assert (doc.secrecy, doc.secrecy_term, doc.copy_nos, doc.mark) == ("机密", "10年", "000012-000013", "机密★10年")


def full_flow(clerk, doc: Incoming) -> Incoming:
    documents.propose(clerk, doc.id, "拟请周主任阅示，交综合科办理")
    documents.instruct(clerk, doc.id, "周主任", "请综合科抓紧落实")
    documents.instruct(clerk, doc.id, "吴副主任", "同意")
    doc, _ = documents.assign(clerk, doc.id, "综合科", workdays_limit="3", handler="李四")
    return doc


def test_the_whole_flow_is_kept_as_history(clerk):
    doc = full_flow(clerk, registered(clerk))
    assert doc.status == "assigned" and doc.due_date == workdays.add_workdays(TODAY, 3).date
    assert doc.instructions.count("\n") == 1 and "吴副主任" in doc.instructions
    documents.remind(clerk, doc.id, "综合科", "电话", "请于明日前报送进展", "正在办理")
    documents.close(clerk, doc.id, "已按要求部署落实")
    doc = documents.archive(clerk, doc.id)
    assert doc.status == "archived" and doc.retention == "永久" and doc.archive_serial == 1
    assert doc.archive_code == f"WS·{doc.year}-Y-0001"
    actions = [e.action for e in documents.history(clerk, doc.id)]
    assert actions == ["register", "propose", "instruct", "instruct", "assign", "remind", "close", "archive"]
    assert all(e.actor == "zhangsan" for e in documents.history(clerk, doc.id))
    assert [e.person for e in documents.instructions_of(clerk, doc.id)] == ["周主任", "吴副主任"]
    assert AuditEntry.select().where(AuditEntry.target == f"incoming:{doc.id}").count() == 8


def test_a_deadline_across_a_holiday_counts_working_days(clerk, move_clock):
    move_clock(date(2026, 9, 30))
    doc = registered(clerk, received_on="2026-09-30")
    doc, warning = documents.assign(clerk, doc.id, "综合科", workdays_limit=3, on="2026-09-30")
    assert doc.due_date == date(2026, 10, 10) and not warning  # 国庆 1–7 off; 10-8, 10-9, then 10-10 补班 (Sat)


def test_a_deadline_into_an_unknown_year_is_provisional(clerk, move_clock):
    move_clock(date(2026, 11, 2))
    doc = registered(clerk, received_on="2026-11-02")
    doc, warning = documents.assign(clerk, doc.id, "综合科", workdays_limit=60)  # 交办 today
    assert doc.due_date == date(2027, 1, 25) and doc.due_provisional and "2027" in warning


def test_a_receipt_date_in_the_future_is_a_typo(clerk):
    with pytest.raises(ValidationError, match="晚于今天"):
        documents.register(clerk, entry(received_on=(TODAY + timedelta(days=3)).isoformat()))


def test_an_urgent_document_needs_a_deadline(clerk):
    doc = registered(clerk, urgency="特急")
    with pytest.raises(ValidationError, match="特急文件须明确办理时限") as caught:
        documents.assign(clerk, doc.id, "综合科")
    assert caught.value.field == "due_workdays"


@pytest.mark.parametrize(("steps", "action", "message"), [
    ([], lambda c, d: documents.archive(c, d), "请先拟办、批办、承办并办结"),
    ([], lambda c, d: documents.remind(c, d, "综合科", "电话"), "交办（承办）后才能催办"),
    ([], lambda c, d: documents.close(c, d, "已阅"), "改为「阅件」"),
    (["assign"], lambda c, d: documents.archive(c, d), "请先登记办理结果"),
    (["assign"], lambda c, d: documents.send_back(c, d, "格式不对"), "不能再退文"),
    (["assign", "close"], lambda c, d: documents.propose(c, d, "再拟"), "不能拟办"),
    (["void"], lambda c, d: documents.assign(c, d, "综合科", 3), "已作废的文件不能再办理"),
    (["return"], lambda c, d: documents.void(c, d, "重复"), "已退文的文件不能再办理"),
    (["assign", "close", "archive"], lambda c, d: documents.void(c, d, "x"), "已归档的文件不能再办理"),
])
def test_transitions_that_make_no_sense_are_refused(clerk, steps, action, message):
    doc = registered(clerk)
    do = {"assign": lambda: documents.assign(clerk, doc.id, "综合科", 3),
          "close": lambda: documents.close(clerk, doc.id, "已办"),
          "archive": lambda: documents.archive(clerk, doc.id),
          "void": lambda: documents.void(clerk, doc.id, "登记重复"),
          "return": lambda: documents.send_back(clerk, doc.id, "不符合行文规则")}
    for step in steps:
        do[step]()
    status = documents.get(clerk, doc.id).status
    with pytest.raises(ValidationError, match=message):
        action(clerk, doc.id)
    assert documents.get(clerk, doc.id).status == status


def test_a_reading_document_closes_without_handling(clerk):
    doc = registered(clerk, kind="阅件")
    assert documents.close(clerk, doc.id, "已阅").status == "closed"


def test_return_and_void_need_a_reason_and_keep_the_number(clerk):
    doc = registered(clerk)
    with pytest.raises(ValidationError, match="退文理由"):
        documents.send_back(clerk, doc.id, " ")
    documents.send_back(clerk, doc.id, "越级行文，请按程序报送")
    second = registered(clerk, doc_no="")
    voided = documents.void(clerk, second.id, "重复登记")
    assert voided.status == "void" and voided.receipt_no.endswith("2号")
    assert registered(clerk, doc_no="").serial == 3  # the voided number is not reused


def test_circulation_always_says_where_each_copy_is(clerk):
    doc = registered(clerk, secrecy="秘密", copy_nos="000007-000008")
    with pytest.raises(ValidationError, match="须登记份号"):
        documents.lend(clerk, doc.id, "周主任")
    with pytest.raises(ValidationError, match="不是本文件的份号"):
        documents.lend(clerk, doc.id, "周主任", "9")
    first = documents.lend(clerk, doc.id, "周主任", "7")
    with pytest.raises(ValidationError, match="正在周主任处传阅"):
        documents.lend(clerk, doc.id, "吴副主任", "000007")
    documents.lend(clerk, doc.id, "吴副主任", "8")
    assert [c.holder for c in documents.open_circulations(clerk, doc.id)] == ["周主任", "吴副主任"]
    with pytest.raises(ValidationError, match="全部在传阅中"):
        documents.lend(clerk, doc.id, "王科长", "8")
    documents.take_back(clerk, first.id)
    with pytest.raises(ValidationError, match="已于"):
        documents.take_back(clerk, first.id)
    assert [c.holder for c in documents.open_circulations(clerk, doc.id)] == ["吴副主任"]
    documents.assign(clerk, doc.id, "保密办", 5)
    documents.close(clerk, doc.id, "已落实")
    with pytest.raises(ValidationError, match="吴副主任处传阅未退回"):
        documents.archive(clerk, doc.id)


def test_reminders_are_numbered_and_answered(clerk):
    doc = full_flow(clerk, registered(clerk))
    first = documents.remind(clerk, doc.id, "", "电话", "请尽快报送")
    second = documents.remind(clerk, doc.id, "综合科李四", "书面")
    assert first.target == "综合科"  # defaults to the 承办单位
    assert (first.number, second.number) == (f"催〔{TODAY.year}〕1号", f"催〔{TODAY.year}〕2号")
    with pytest.raises(ValidationError, match="催办方式"):
        documents.remind(clerk, doc.id, "综合科", "微信")
    documents.record_answer(clerk, first.id, "本周五前报送")
    assert documents.Reminder.get_by_id(first.id).answer == "本周五前报送"


def test_batch_work_is_all_or_nothing(clerk):
    a = full_flow(clerk, registered(clerk, doc_no=""))
    b = full_flow(clerk, registered(clerk, doc_no=""))
    c = registered(clerk, doc_no="")
    with pytest.raises(ValidationError, match="有 1 件不能处理，全部未做改动") as caught:
        documents.batch(clerk, [a.id, b.id, c.id], "close", result="已办结")
    assert c.receipt_no in caught.value.message
    assert {documents.get(clerk, i).status for i in (a.id, b.id)} == {"assigned"}
    assert documents.batch(clerk, [a.id, b.id], "reassign", lead_unit="督查室") == 2
    assert documents.get(clerk, a.id).lead_unit == "督查室"
    documents.batch(clerk, [a.id, b.id], "close", result="已办结")
    documents.batch(clerk, [a.id, b.id], "archive", retention="定期30年")
    assert [documents.get(clerk, i).archive_serial for i in (a.id, b.id)] == [1, 2]


def test_editing_keeps_the_number_and_audits_before_and_after(clerk):
    doc = registered(clerk)
    updated = documents.update(clerk, doc.id, {"title": "关于做好岁末年初安全生产工作的紧急通知"}, doc.version)
    assert updated.receipt_no == doc.receipt_no and updated.title.endswith("紧急通知")
    entry_ = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert "岁末年初安全生产工作的通知" in entry_.detail and "紧急通知" in entry_.detail
    with pytest.raises(StaleRecord):
        documents.update(clerk, doc.id, {"title": "另一个标题的通知"}, doc.version)
    yesterday = TODAY - timedelta(days=1)
    moved = documents.update(clerk, doc.id, {"received_on": f"{yesterday:%Y-%m-%d}"}, updated.version)
    assert moved.received_at.date() == yesterday  # a typed date replaces the stored one


def test_due_status_colours():
    today, soon = date(2026, 11, 23), date(2026, 11, 25)
    assert documents.due_status("assigned", today - timedelta(days=1), today, soon) == "overdue"
    assert documents.due_status("assigned", soon, today, soon) == "due_soon"
    assert documents.due_status("assigned", soon + timedelta(days=1), today, soon) == "on_time"
    assert documents.due_status("closed", today - timedelta(days=9), today, soon) == "done"
    assert documents.due_status("registered", None, today, soon) is None


def test_day_check_lists_what_came_in_moved_and_is_out(clerk):
    doc = full_flow(clerk, registered(clerk))
    documents.lend(clerk, doc.id, "周主任")
    check = documents.day_check(clerk)
    assert [d.id for d in check.registered] == [doc.id]
    assert {e.action for _, e in check.moved} >= {"propose", "assign", "circulate"}
    assert [c.holder for c in check.circulating] == ["周主任"]


def test_leaders_read_but_do_not_register(three, clerk):
    from models.core import accounts

    accounts.add_user(three[Role.SYSADMIN], "zhouzr", "周主任", "Temp@2026abc")
    accounts.grant(three[Role.SECADMIN], "zhouzr", "leader")
    leader = accounts.change_password(accounts.login("zhouzr", "Temp@2026abc"), "Temp@2026abc", "Zhou@2026abcd")
    documents.day_check(leader)
    with pytest.raises(PermissionDenied):
        documents.register(leader, entry())


def test_known_units_complete_from_what_was_typed(clerk):
    registered(clerk, doc_no="")
    registered(clerk, doc_no="", source_org="市财政局")
    registered(clerk, doc_no="")
    assert documents.known_units(clerk)[:2] == ["市委办公室", "市财政局"]
