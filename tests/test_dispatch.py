"""发文: the flow from draft to archive, 退改, 分发 of copy numbers, and the 发文字号 integrity report."""

import threading

import pytest

from models.core import clock, db
from models.core.errors import ValidationError
from models.documents import outgoing as dispatch
from tests.conftest import TODAY

YEAR = TODAY.year


def drafted(clerk, **extra) -> dispatch.Outgoing:
    data = {"prefix": "县委办发", "title": "关于进一步规范公文处理工作的通知", "draft_unit": "秘书科",
            "drafter": "刘某", "main_to": "各乡镇党委、县直各单位", "print_copies": "60"}
    data.update(extra)
    return dispatch.draft(clerk, data)


def signed(clerk, **extra) -> dispatch.Outgoing:
    doc = drafted(clerk, **extra)
    dispatch.review(clerk, doc.id, "王科长", "文字已核")
    return dispatch.sign(clerk, doc.id, "张书记", "同意印发")


def test_the_whole_flow(clerk):
    doc = drafted(clerk)
    assert doc.status == "drafted" and doc.main_to == "各乡镇党委，县直各单位" and doc.doc_type == "通知"
    dispatch.review(clerk, doc.id, "王科长")
    dispatch.countersign(clerk, doc.id, "县委组织部", "陈部长", "无意见")
    dispatch.countersign(clerk, doc.id, "县财政局", "黄局长")
    doc = dispatch.sign(clerk, doc.id, "张书记", "同意")
    assert doc.status == "numbered" and doc.doc_no == f"县委办发〔{YEAR}〕1号"
    dispatch.record_print(clerk, doc.id, 10, proofreader="赵某")
    doc = dispatch.distribute(clerk, doc.id, [("县委组织部", "1-3"), ("县财政局", 4)])
    assert doc.status == "distributed"
    doc = dispatch.archive(clerk, doc.id, "定期30年")
    assert doc.status == "archived" and doc.archive_code == f"WS·{YEAR}-D30-0001"
    from models.documents.incoming import history

    assert [e.action for e in history(clerk, doc.id, "outgoing")] == [
        "draft", "review", "countersign", "countersign", "sign", "number", "print", "distribute", "archive"]


def test_numbers_are_per_prefix_and_never_reused(clerk):
    a = signed(clerk)
    b = signed(clerk, prefix="县委办函", title="关于商请协助开展专题调研的函")
    c = signed(clerk)
    assert (a.doc_no, b.doc_no, c.doc_no) == (
        f"县委办发〔{YEAR}〕1号", f"县委办函〔{YEAR}〕1号", f"县委办发〔{YEAR}〕2号")
    dispatch.void(clerk, c.id, "内容调整，另行发文")
    d = signed(clerk)
    assert d.doc_no == f"县委办发〔{YEAR}〕3号"


def test_send_back_returns_to_the_drafter_before_numbering(clerk):
    doc = drafted(clerk)
    dispatch.review(clerk, doc.id, "王科长")
    dispatch.sign(clerk, doc.id, "张书记", number_now=False)
    doc = dispatch.send_back(clerk, doc.id, "第三段表述需斟酌")
    assert doc.status == "drafted" and doc.signer == "" and doc.reason == "第三段表述需斟酌"
    numbered = signed(clerk)
    with pytest.raises(ValidationError, match="已编号的文件不能退改"):
        dispatch.send_back(clerk, numbered.id, "再改")


@pytest.mark.parametrize(("action", "message"), [
    (lambda c, d: dispatch.sign(c, d, "张书记"), "请先完成核稿"),
    (lambda c, d: dispatch.record_print(c, d, 5), "不能登记印制"),
    (lambda c, d: dispatch.distribute(c, d, [("县委组织部", 1)]), "不能登记分发"),
    (lambda c, d: dispatch.archive(c, d), "不能归档"),
])
def test_out_of_order_steps_are_refused(clerk, action, message):
    doc = drafted(clerk)
    with pytest.raises(ValidationError, match=message):
        action(clerk, doc.id)
    assert dispatch.get(clerk, doc.id).status == "drafted"


def test_distribution_checks_copy_numbers(clerk):
    doc = signed(clerk)
    dispatch.record_print(clerk, doc.id, 5)
    with pytest.raises(ValidationError, match="超出范围"):
        dispatch.distribute(clerk, doc.id, [("县委组织部", "4-6")])
    with pytest.raises(ValidationError, match="已分给「县委组织部」"):
        dispatch.distribute(clerk, doc.id, [("县委组织部", "1-2"), ("县财政局", "2")])
    with pytest.raises(ValidationError, match="应写成一个号码或范围"):
        dispatch.distribute(clerk, doc.id, [("县财政局", "两份")])
    dispatch.distribute(clerk, doc.id, [("县委组织部", "1-2")])
    with pytest.raises(ValidationError, match="已分给"):
        dispatch.distribute(clerk, doc.id, [("县财政局", "1")])
    assert dispatch.Distribution.select().count() == 1


def test_bad_drafts_say_what_is_wrong(clerk):
    with pytest.raises(ValidationError, match="只写代字本身"):
        drafted(clerk, prefix="县委办发〔2026〕")
    with pytest.raises(ValidationError, match="拟稿人"):
        drafted(clerk, drafter="")
    with pytest.raises(ValidationError, match="最长 20 年"):
        drafted(clerk, secrecy="机密★25年")


def test_integrity_report_shows_gaps_voids_and_reservations(clerk):
    docs = [signed(clerk) for _ in range(3)]
    dispatch.void(clerk, docs[1].id, "撤销")
    reserved = dispatch.reserve(clerk, "县委办发", YEAR, "联合发文预留")
    used = dispatch.reserve(clerk, "县委办发", YEAR, "备用")
    late = drafted(clerk)
    dispatch.review(clerk, late.id, "王科长")
    dispatch.sign(clerk, late.id, "张书记", number_now=False)
    dispatch.number(clerk, late.id, reservation_id=used.id)
    dispatch.Outgoing.create(prefix="县委办发", year=YEAR, serial=8, doc_no=f"县委办发〔{YEAR}〕8号", title="旧台账导入",
                             doc_type="通知", draft_unit="秘书科", drafter="刘某", drafted_on=clock.today(),
                             status="distributed")
    (check,) = dispatch.number_check(clerk, YEAR, "县委办发")
    assert check.highest == 8 and check.voided == [2]
    assert check.reserved_unused == [(reserved.serial, "联合发文预留")]
    assert check.gaps == [6, 7] and not check.ok
    other = drafted(clerk)
    dispatch.review(clerk, other.id, "王科长")
    dispatch.sign(clerk, other.id, "张书记", number_now=False)
    with pytest.raises(ValidationError, match="已被使用"):
        dispatch.number(clerk, other.id, reservation_id=used.id)


def test_two_workstations_never_get_the_same_number(clerk, database):
    """Two connections take numbers at once (BEGIN IMMEDIATE queues them): no duplicate, no gap."""
    from models.core import counters

    results: list[int] = []

    def take_many():
        for _ in range(20):
            with db.DB.atomic():
                results.append(counters.take("outgoing:县委办发", YEAR))
        db.DB.close()

    threads = [threading.Thread(target=take_many) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(1, 41))
