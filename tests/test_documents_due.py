"""公文's due items at pinned days, across the 2025/2026 New Year (1–3 January off, Sunday 4 January worked)."""

from datetime import date, datetime, timedelta

from models.core import clock
from models.core.audit import AuditEntry
from models.core.due import Level
from models.documents import incoming, outgoing
from models.documents.due import due
from tests.conftest import business_user

SETUP = date(2025, 12, 31)  # setup runs on a pinned day after every date it types


def assigned(clerk, title: str, due_on: str, unit: str = "县应急局"):
    with clock.pinned(SETUP):
        doc, _ = incoming.register(clerk, {"received_on": "2025-12-22", "source_org": "市委办公室", "title": title})
        incoming.assign(clerk, doc.id, unit, due_date=due_on, on="2025-12-22")
    return doc


def test_an_open_document_past_its_deadline_is_red_and_says_by_how_many_working_days(clerk):
    doc = assigned(clerk, "关于做好岁末年初安全生产工作的通知", "2025-12-30")
    with clock.pinned(SETUP):
        incoming.remind(clerk, doc.id, "县应急局", "电话", "请于明日前报送落实情况")
    (item,) = [i for i in due(clerk, date(2026, 1, 5)) if i.record_id == doc.id]
    assert (item.level, item.kind, item.page, item.due) == (Level.RED, "incoming", "收文", date(2025, 12, 30))
    assert item.title == f"收文 {doc.receipt_no}《关于做好岁末年初安全生产工作的通知》"
    # 31 Dec, Sunday 4 Jan (调休) and Monday 5 Jan are the working days after the deadline; 1–3 Jan are not
    assert item.why.startswith("办理期限为2025年12月30日，已逾期3个工作日，承办单位县应急局；已催办1次")


def test_an_overdue_document_not_yet_reminded_says_so(clerk):
    assigned(clerk, "关于报送年度工作总结的通知", "2025-12-30")
    (item,) = due(clerk, date(2025, 12, 31))
    assert item.why == "办理期限为12月30日，已逾期1个工作日，承办单位县应急局；尚未催办。"


def test_due_within_two_working_days_is_amber_across_the_new_year(clerk):
    on_monday = assigned(clerk, "关于春节值班安排的通知", "2026-01-05")
    assigned(clerk, "关于一季度工作安排的通知", "2026-01-06")  # three working days away: not yet
    today = assigned(clerk, "关于元旦慰问的通知", "2025-12-31")
    items = {i.record_id: i for i in due(clerk, SETUP)}
    assert set(items) == {on_monday.id, today.id}
    assert items[on_monday.id].level == Level.AMBER
    assert items[on_monday.id].why == "办理期限为2026年1月5日，还有2个工作日，承办单位县应急局。"
    assert items[today.id].why == "办理期限为12月31日，今天到期，承办单位县应急局。"


def test_due_on_a_holiday_with_no_working_day_left_says_so_not_zero_days(clerk):
    doc = assigned(clerk, "关于节日期间安全检查的通知", "2026-01-03")  # 1–3 January off: none left after 31 Dec
    (item,) = [i for i in due(clerk, SETUP) if i.record_id == doc.id]
    assert item.why == "办理期限为2026年1月3日，此前已无工作日，承办单位县应急局。"


def test_closed_documents_are_not_due(clerk):
    doc = assigned(clerk, "关于做好岁末年初安全生产工作的通知", "2025-12-30")
    with clock.pinned(SETUP):
        incoming.close(clerk, doc.id, "已按要求落实", on="2025-12-31")
    assert due(clerk, date(2026, 1, 5)) == []


def test_a_copy_still_out_on_circulation_from_an_earlier_day_is_amber(clerk):
    with clock.pinned(datetime(2025, 12, 30, 15, 0)):
        doc, _ = incoming.register(clerk, {"received_on": "2025-12-30", "source_org": "市委办公室",
                                           "title": "关于做好岁末年初安全生产工作的通知", "copies": "2"})
        lent = incoming.lend(clerk, doc.id, "周主任")
    lent_on = lent.lent_at.date()
    assert due(clerk, lent_on) == []  # the day it went out: nothing to chase yet
    (item,) = due(clerk, lent_on + timedelta(days=1))
    assert (item.level, item.record_id) == (Level.AMBER, doc.id)
    assert item.why.startswith("一份自") and item.why.endswith("起在周主任处传阅，尚未退回。")


def test_an_outgoing_document_waiting_on_the_office_is_amber(clerk):
    with clock.pinned(SETUP):
        data = {"prefix": "县委办发", "title": "关于进一步规范公文处理工作的通知", "draft_unit": "秘书科",
                "drafter": "刘某", "print_copies": "60"}
        waiting = outgoing.draft(clerk, data)
        outgoing.review(clerk, waiting.id, "王科长", "文字已核")
        outgoing.sign(clerk, waiting.id, "张书记", number_now=False)
        numbered = outgoing.draft(clerk, data | {"title": "关于元旦期间值班工作的通知"})
        outgoing.review(clerk, numbered.id, "王科长")
        numbered = outgoing.sign(clerk, numbered.id, "张书记")
        outgoing.draft(clerk, data | {"title": "还在拟稿的通知"})  # 核稿 and 签发 are others' steps: not due
    signed_on = outgoing.get(clerk, waiting.id).updated_at.date()
    items = {i.record_id: i for i in due(clerk, signed_on)}
    assert set(items) == {waiting.id, numbered.id}
    assert items[waiting.id].why.endswith("起待编号。") and items[waiting.id].title.startswith("发文 （未编号）")
    assert items[numbered.id].why.endswith("起待印制。") and numbered.doc_no in items[numbered.id].title
    later = {i.record_id: i for i in due(clerk, signed_on + timedelta(days=7))}
    assert "已等待" in later[waiting.id].why


def test_someone_who_may_not_read_documents_gets_nothing_and_no_refusal_is_logged(three, clerk):
    assigned(clerk, "关于做好岁末年初安全生产工作的通知", "2025-12-30")
    officer = business_user(three, "zhaozhiban", "赵值班", "duty")
    denied = AuditEntry.select().where(AuditEntry.action == "denied").count()
    assert due(officer, date(2026, 1, 5)) == []
    assert AuditEntry.select().where(AuditEntry.action == "denied").count() == denied
    assert len(due(business_user(three, "zhouzhuren", "周主任", "leader"), date(2026, 1, 5))) == 1
