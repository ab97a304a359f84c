"""督查督办: 立项 from every source with its link, numbers without gaps, 时限 in words, the flow's every step and
every refusal, 延期 keeping the old 时限, 督办单 and 催办 in batch, audit labels, and every right."""

from datetime import date

import pytest

from models.core import audit, counters, modules, settings
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import Role
from models.documents import incoming
from models.meetings import meetings
from models.supervision import due as supervision_due
from models.supervision import flow, items, reports, urging
from models.supervision.items import STATUS, SupervisionEvent, SupervisionExtension, SupervisionItem
from models.supervision.ledger import SupervisionLedger
from tests.conftest import business_user
from tests.supervision_helpers import in_state, make


@pytest.fixture
def leader(three):
    return business_user(three, "zhouzhuren", "周主任", "leader")


def actions_of(item_id: int) -> list[str]:
    return [e.action for e in SupervisionEvent.select().where(SupervisionEvent.item == item_id)
            .order_by(SupervisionEvent.id)]


# --- 立项 -----------------------------------------------------------------------------------------------------

def test_numbers_run_per_year_without_gaps_even_after_a_refused_entry(clerk):
    first = make(clerk)
    with pytest.raises(ValidationError):
        make(clerk, lead_unit="")
    second = make(clerk, assigned_on=date(2026, 6, 1))
    last_year = make(clerk, assigned_on=date(2025, 12, 30), due="2026-01-20")
    assert (first.number, second.number, last_year.number) == ("督〔2026〕1号", "督〔2026〕2号", "督〔2025〕1号")
    assert counters.peek("supervision", 2026) == 3


@pytest.mark.parametrize("words, expected, rule", [
    ("20个工作日", date(2026, 7, 9), "20个工作日"),  # 端午 6-19 is off: 21 weekdays after 6-10
    ("二十个工作日", date(2026, 7, 9), "20个工作日"),
    ("30天", date(2026, 7, 10), "30天"),
    ("两个月", date(2026, 8, 10), "2个月"),
    ("2026年7月1日", date(2026, 7, 1), ""),
    ("2026.7.1", date(2026, 7, 1), ""),
])
def test_the_deadline_is_read_from_a_date_or_from_words_counted_from_assignment(clerk, words, expected, rule):
    item = make(clerk, due=words)
    assert (item.due_date, item.due_original, item.due_rule) == (expected, expected, rule)


@pytest.mark.parametrize("words, field", [("2026-06-01", "due"), ("0个工作日", "due"), ("三十个月", "due"),
                                          ("下周", "due"), ("", "due")])
def test_an_impossible_deadline_is_refused_in_words(clerk, words, field):
    with pytest.raises(ValidationError) as caught:
        make(clerk, due=words)
    assert caught.value.field == field
    assert SupervisionItem.select().count() == 0


def test_a_deputy_proposal_defaults_to_three_months_and_may_not_pass_six(clerk):
    item = make(clerk, source_type="人大建议", source_no="建012", delegate="张建国", due="")
    assert (item.source_type, item.due_date) == ("人大代表建议", date(2026, 9, 10))
    difficult = make(clerk, source_type="政协提案", source_no="提007", due="6个月")
    assert difficult.due_date == date(2026, 12, 10)
    with pytest.raises(ValidationError, match="6个月内答复"):
        make(clerk, source_type="政协提案", source_no="提008", due="2026-12-11")


def test_the_office_sets_the_default_months_for_proposals(clerk):
    settings.set_value(clerk, "sv_proposal_months", 2)
    assert make(clerk, source_type="政协提案", source_no="提001", due=None).due_date == date(2026, 8, 10)


def test_a_proposal_number_is_unique_per_year_and_source(clerk):
    make(clerk, source_type="人大代表建议", source_no="建001", due="")
    make(clerk, source_type="政协提案", source_no="建001", due="")  # another source: another series
    make(clerk, source_type="人大代表建议", source_no="建001", due="2026-01-20", assigned_on=date(2025, 12, 1))
    with pytest.raises(ValidationError, match="已立项为督〔2026〕1号"):
        make(clerk, source_type="人大代表建议", source_no="建001", due="")


def test_an_item_keeps_its_link_to_an_incoming_document_and_takes_its_classification(clerk):
    doc, _ = incoming.register(clerk, {"received_on": "2026-06-08", "source_org": "市委办公室",
                                       "title": "关于城东饮水问题的报告", "secrecy": "机密", "secrecy_term": "10年",
                                       "copy_nos": "000012"})
    item = make(clerk, source_incoming=doc.id)
    assert (item.source_incoming, item.secrecy) == (doc.id, "机密")
    with pytest.raises(ValidationError, match="没有编号为 999 的收文"):
        make(clerk, source_incoming=999)


def test_another_module_creates_an_item_for_a_meeting_decision(clerk):
    meeting = meetings.create(clerk, {"type": "常务会议", "title": "研究停车场建设", "date": "2026-06-12"})
    with pytest.raises(ValidationError, match="没有编号为 12 的会议"):  # the link must point at a real meeting
        make(clerk, source_type="会议议定事项", source_meeting=12)
    item = items.create(clerk, source_type="会议议定事项", source_meeting=meeting.id, title="制定停车场三年行动方案",
                        lead_unit="县住房城乡建设局", due="2026-07-31",
                        stages=[("6月底前形成初稿", "2026-06-30"), ("7月中旬征求意见", date(2026, 7, 15))])
    assert (item.status, item.source_meeting) == ("registered", meeting.id)
    assert [(s.name, s.due_date) for s in item.stages.order_by(items.SupervisionStage.due_date)] == [
        ("6月底前形成初稿", date(2026, 6, 30)), ("7月中旬征求意见", date(2026, 7, 15))]
    with pytest.raises(ValidationError, match="应在交办日期与办结时限之间"):
        items.create(clerk, source_type="会议", title="某事", lead_unit="县财政局", due="2026-07-31",
                     stages=[("超出时限", "2026-08-30")])
    with pytest.raises(TypeError):
        items.create(clerk, source_type="会议", title="某事", lead_unit="县财政局", due="30天", colour="红")


def test_an_unknown_source_is_refused_with_the_choices(clerk):
    with pytest.raises(ValidationError, match="领导批示件、会议议定事项"):
        make(clerk, source_type="群众来信")


# --- the flow -------------------------------------------------------------------------------------------------

def test_an_item_goes_from_registration_to_archive_and_every_step_is_kept(clerk):
    item = make(clerk, assign=False, source_type="人大代表建议", source_no="建003", due="")
    flow.assign(clerk, item.id)
    flow.feedback(clerk, item.id, "已制定方案", "40%", attachments="方案.docx；进度表.xlsx")
    flow.report(clerk, item.id, "已答复代表。", "b")
    flow.submit_review(clerk, item.id)
    flow.close(clerk, item.id, "同意。", "基本满意")
    done = flow.archive(clerk, item.id, "DC·2026-001")
    assert (done.status, done.answer_class, done.satisfaction, done.closed_on) == ("archived", "B", "基本满意",
                                                                                   date(2026, 6, 10))
    assert done.feedbacks.get().attachments == "方案.docx\n进度表.xlsx"
    assert actions_of(item.id) == ["sv_create", "sv_assign", "sv_feedback", "sv_report", "sv_review", "sv_close",
                                   "sv_archive"]
    labels = modules.action_labels()
    entries = list(audit.AuditEntry.select().where(audit.AuditEntry.target == f"supervision:{item.id}"))
    assert [labels[e.action] for e in entries] == ["督办立项", "督办交办", "督办进展反馈", "报送办结报告",
                                                   "督办提交审核", "督办审核通过（办结）", "督办归档"]


def test_a_returned_item_is_reassigned_to_another_unit_with_a_new_deadline(clerk):
    item = in_state(clerk, "returned")
    assert item.reason == "不属于本单位职责。"
    again = flow.reassign(clerk, item.id, "县住房城乡建设局", due="15个工作日")
    assert (again.status, again.lead_unit, again.due_date) == ("assigned", "县住房城乡建设局", date(2026, 7, 2))


def test_an_approved_extension_moves_the_deadline_and_keeps_the_old_one(clerk):
    item = make(clerk, due="2026-06-30")
    flow.request_extension(clerk, item.id, "2026-07-31", "涉及征地，需延期。")
    moved = flow.approve_extension(clerk, item.id, "同意。")
    assert (moved.status, moved.due_date, moved.due_original) == ("in_progress", date(2026, 7, 31), date(2026, 6, 30))
    row = SupervisionExtension.get()
    assert (row.old_due, row.new_due, row.decision, row.decided_by) == (date(2026, 6, 30), date(2026, 7, 31),
                                                                         "approved", "张三")
    flow.request_extension(clerk, item.id, "10个工作日", "仍需时间。")
    kept = flow.reject_extension(clerk, item.id, "不同意再次延期。")
    assert (kept.status, kept.due_date) == ("in_progress", date(2026, 7, 31))
    assert [e.decision for e in SupervisionExtension.select().order_by(SupervisionExtension.id)] == ["approved",
                                                                                                      "rejected"]


def test_an_extension_must_be_later_and_a_proposal_stays_within_six_months(clerk):
    item = make(clerk, due="2026-06-30")
    with pytest.raises(ValidationError, match="早于现办结时限 2026-06-30"):
        flow.request_extension(clerk, item.id, "2026-06-20", "理由")
    proposal = make(clerk, source_type="人大代表建议", source_no="建001", due="")
    with pytest.raises(ValidationError, match="6个月内答复"):
        flow.request_extension(clerk, proposal.id, "2027-01-10", "理由")


def test_a_failed_review_goes_back_to_work(clerk):
    item = in_state(clerk, "reviewing")
    back = flow.reject_review(clerk, item.id, "办结报告缺少资金到位情况。")
    assert (back.status, back.review_opinion) == ("in_progress", "办结报告缺少资金到位情况。")


def test_a_proposal_closes_only_with_its_answer_class_and_satisfaction(clerk):
    item = make(clerk, source_type="政协提案", source_no="提002", due="")
    with pytest.raises(ValidationError, match="答复类别"):
        flow.report(clerk, item.id, "已答复委员。")
    flow.report(clerk, item.id, "已答复委员。", "C")
    flow.submit_review(clerk, item.id)
    with pytest.raises(ValidationError, match="满意度"):
        flow.close(clerk, item.id, "同意")
    assert flow.close(clerk, item.id, "同意", "不满意").satisfaction == "不满意"


def test_a_progress_report_is_a_percent_and_not_before_assignment(clerk):
    item = make(clerk, assigned_on=date(2026, 6, 1))
    for bad in ("120", "-5", "过半", "33.5"):
        with pytest.raises(ValidationError, match="0 到 100"):
            flow.feedback(clerk, item.id, "进展", bad)
    with pytest.raises(ValidationError, match="早于交办日期"):
        flow.feedback(clerk, item.id, "进展", 10, on="2026-05-30")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        flow.feedback(clerk, item.id, "进展", 10, on="2026-06-11")
    flow.feedback(clerk, item.id, "新进展", 60, on="2026-06-09")
    flow.feedback(clerk, item.id, "补录的旧进展", 20, on="2026-06-03")  # entered late: the newest one stands
    now = items.RECORDS.get(item.id)
    assert (now.progress, now.feedback_on) == (60, date(2026, 6, 9))


CALLS = {
    "assign": lambda c, i: flow.assign(c, i),
    "reassign": lambda c, i: flow.reassign(c, i, "县教育局", due="20个工作日"),
    "feedback": lambda c, i: flow.feedback(c, i, "进展", 50),
    "request_extension": lambda c, i: flow.request_extension(c, i, "10个工作日", "理由"),
    "approve_extension": lambda c, i: flow.approve_extension(c, i),
    "reject_extension": lambda c, i: flow.reject_extension(c, i, "不同意"),
    "report": lambda c, i: flow.report(c, i, "报告", "A"),
    "submit_review": lambda c, i: flow.submit_review(c, i),
    "close": lambda c, i: flow.close(c, i, "同意", "满意"),
    "reject_review": lambda c, i: flow.reject_review(c, i, "不通过"),
    "send_back": lambda c, i: flow.send_back(c, i, "不属于本单位"),
    "archive": lambda c, i: flow.archive(c, i),
    "urge": lambda c, i: urging.urge(c, i, "电话"),
    "issue_slip": lambda c, i: urging.issue_slip(c, i),
    "stage_done": lambda c, i: flow.stage_done(c, items.SupervisionStage.create(item=i, name="阶段", due_date=date(
        2026, 6, 30)).id),
    "edit": lambda c, i: flow.edit(c, i, {"remarks": "补充说明"}, items.RECORDS.get(i).version),
}
ALLOWED = {(s, a) for s in STATUS for a in flow.ACTIONS if flow.FLOW.allows(s, a)}


@pytest.mark.parametrize("state, action", sorted(ALLOWED))
def test_every_step_the_flow_allows_takes_the_item_where_the_table_says(clerk, state, action):
    item = in_state(clerk, state)
    CALLS[action](clerk, item.id)
    assert items.RECORDS.get(item.id).status == flow.FLOW.next(state, action)


REFUSED = sorted((s, a) for s in STATUS for a in flow.ACTIONS if (s, a) not in ALLOWED)


@pytest.mark.parametrize("state, action", REFUSED)
def test_every_step_the_flow_refuses_says_why_and_changes_nothing(clerk, state, action):
    item = in_state(clerk, state)
    entries = audit.AuditEntry.select().count()
    with pytest.raises(ValidationError) as caught:
        CALLS[action](clerk, item.id)
    assert caught.value.field == "status"
    assert f"当前为「{STATUS[state]}」，不能{flow.ACTIONS[action]}。" in str(caught.value)
    assert str(caught.value).rstrip().endswith("。") and flow.FLOW.hint(state, action)  # a hint says what to do
    after = items.RECORDS.get(item.id)
    assert (after.status, after.version) == (state, item.version)
    assert audit.AuditEntry.select().count() == entries


def test_the_flow_table_covers_every_state(clerk):
    assert set(STATUS) == {s for s, _ in ALLOWED} | {"archived"}
    assert len(REFUSED) + len(ALLOWED) == len(STATUS) * len(flow.ACTIONS)


# --- 督办单 and 催办 -------------------------------------------------------------------------------------------

def test_slips_are_numbered_per_year_at_the_items_level_with_the_reason(clerk, move_clock):
    late = make(clerk, assigned_on=date(2026, 5, 6), due="2026-06-01")
    near = make(clerk, due="2026-06-12")
    made = urging.issue_slip(clerk, [late.id, near.id], signer="周主任")
    assert [(s.number, s.level, s.colour) for s in made] == [("督办单〔2026〕1号", 3, "红"),
                                                             ("督办单〔2026〕2号", 1, "蓝")]
    assert made[0].reason.startswith("已逾期7个工作日") and made[0].limit_date == date(2026, 6, 15)
    assert made[1].limit_date == date(2026, 6, 12)
    settings.set_text(clerk, "sv_colour_2", "橙")
    again = urging.issue_slip(clerk, near.id, level=2, limit_date="2026-06-11", reason="进度滞后")
    assert (again[0].number, again[0].colour, again[0].reason) == ("督办单〔2026〕3号", "橙", "进度滞后")
    assert [s.number for s in urging.slips(clerk, near.id)] == ["督办单〔2026〕2号", "督办单〔2026〕3号"]
    with pytest.raises(ValidationError, match="1、2 或 3"):
        urging.issue_slip(clerk, near.id, level=4)


def test_urging_a_batch_records_each_and_one_closed_item_refuses_the_batch(clerk):
    a, b = make(clerk), make(clerk, lead_unit="县教育局")
    done = in_state(clerk, "closed")
    with pytest.raises(ValidationError, match=done.number):
        urging.urge(clerk, [a.id, done.id], "电话")
    assert urging.urges(clerk, a.id) == []
    made = urging.urge(clerk, [a.id, b.id, a.id], "书面", request="请于6月15日前报送进展。")
    assert [(u.item_id, u.target, u.method) for u in made] == [(a.id, "县财政局", "书面"), (b.id, "县教育局", "书面")]
    urging.urge(clerk, a.id, "电话", target="王局长")
    answered = urging.record_answer(clerk, made[0].id, "本周内报送。")
    assert answered.answer == "本周内报送。"
    assert [u.target for u in urging.urges(clerk, a.id)] == ["县财政局", "王局长"]
    assert actions_of(a.id)[-3:] == ["sv_urge", "sv_urge", "sv_urge_answer"]
    with pytest.raises(ValidationError, match="请先选择"):
        urging.urge(clerk, [], "电话")
    with pytest.raises(ValidationError, match="催办方式"):
        urging.urge(clerk, a.id, "微信")


def test_a_colour_name_is_short_and_printable(clerk):
    with pytest.raises(ValidationError, match="1 到 4 个字"):
        settings.set_text(clerk, "sv_colour_1", "蓝 色")


# --- rights ---------------------------------------------------------------------------------------------------

def test_a_leader_reads_everything_and_changes_nothing(clerk, leader):
    item = make(clerk)
    assert items.get(leader, item.id).number == item.number
    assert SupervisionLedger(leader).count(__import__("models.core.ledger", fromlist=["Query"]).Query()) == 1
    assert reports.bulletin(leader, date(2026, 6, 30)).total.assigned == 1
    assert urging.slips(leader, item.id) == [] and items.history(leader, item.id)
    for attempt in (lambda: make(leader), lambda: flow.feedback(leader, item.id, "进展", 10),
                    lambda: urging.urge(leader, item.id, "电话"), lambda: urging.issue_slip(leader, item.id),
                    lambda: settings.set_value(leader, "sv_blue_workdays", 3)):
        with pytest.raises(PermissionDenied, match="文书"):
            attempt()


def test_a_duty_officer_and_the_three_administrators_get_nothing(clerk, duty, three):
    item = make(clerk, due="2026-06-12")
    day = date(2026, 6, 30)
    attempts = (lambda a: items.get(a, item.id), SupervisionLedger, lambda a: reports.bulletin(a, day),
                lambda a: reports.ledger_lines(a, day), lambda a: urging.urges(a, item.id), make,
                lambda a: flow.assign(a, item.id))
    for actor in (duty, *three.values()):
        assert supervision_due.due(actor, date(2026, 6, 10)) == []
        for attempt in attempts:
            with pytest.raises(PermissionDenied):
                attempt(actor)
    assert supervision_due.due(clerk, date(2026, 6, 10))
    denied = audit.AuditEntry.select().where(audit.AuditEntry.action == "denied").count()
    assert denied == 4 * 7


def test_the_rights_are_the_clerks_and_the_leaders():
    specs = modules.rights()
    assert specs["read_supervision"].roles == {Role.CLERK, Role.LEADER}
    assert specs["edit_supervision"].roles == {Role.CLERK}


def test_the_demo_mixes_sources_and_fates(three):
    from models.core import demo

    demo.run(three[Role.SYSADMIN], {})
    got = list(SupervisionItem.select())
    assert {i.source_type for i in got} >= {"领导批示件", "会议议定事项", "人大代表建议", "政协提案", "上级部署"}
    assert any(i.source_incoming for i in got) and any(i.source_no for i in got)
    assert any(i.status in ("closed", "archived") and i.closed_on > i.due_date for i in got)  # closed late
    assert any(i.status in items.WORKING and i.due_date < date(2026, 6, 10) for i in got)  # overdue
    assert any(i.due_date != i.due_original for i in got)  # an approved extension
    assert {e.decision for e in SupervisionExtension.select()} == {"approved", "rejected"}
