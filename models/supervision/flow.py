"""The flow of a 督办事项 (DOMAIN.md §5.3), declared once as a `Flow` so the rule, the refusal and the enabled
buttons agree:

  立项 → 已交办 → 办理中 → 已反馈 (办结报告) → 审核中 → 已办结 → 已归档
  退办 (wrong 牵头单位, with the reason) → 重新交办 (to another unit, a new 时限 if given)
  申请延期 → 延期批准 (a new 时限; the old one kept in `SupervisionExtension`) | 驳回 — both back to 办理中
  审核不通过 → 办理中
进展反馈 rows may come at any working state; the first one moves 已交办 to 办理中. Every step is one transaction,
one history row and one audit entry with its Chinese label (manifest `actions`).
"""

from datetime import date

from models.core.db import DB
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.states import ANY, Flow
from models.core.text import choice, clean
from models.supervision.items import (
    RECORDS,
    STATUS,
    WORKING,
    SupervisionExtension,
    SupervisionFeedback,
    SupervisionItem,
    SupervisionStage,
    day_value,
    incoming_secrecy,
    plain_text,
    save,
)
from models.supervision.manifest import EDIT_SUPERVISION
from models.supervision.terms import (
    ANSWER_CLASSES,
    SATISFACTION,
    parse_answer_class,
    parse_limit,
    parse_percent,
    parse_secrecy,
    proposal_limit,
    rank,
)

ACTIONS = {
    "assign": "交办", "feedback": "进展反馈", "request_extension": "申请延期", "approve_extension": "批准延期",
    "reject_extension": "驳回延期", "report": "报送办结报告", "submit_review": "提交审核", "close": "审核通过（办结）",
    "reject_review": "审核不通过", "send_back": "退办", "reassign": "重新交办", "archive": "归档",
    "urge": "催办", "issue_slip": "签发督办单", "stage_done": "登记阶段任务完成", "edit": "修改",
}
_FINISHED = ("closed", "archived")
FLOW = Flow(STATUS, ACTIONS, [
    ("registered", "assign", "assigned"),
    ("returned", "reassign", "assigned"),
    ("assigned", "feedback", "in_progress"), ("in_progress", "feedback", "in_progress"),
    ("extending", "feedback", "extending"),
    ("assigned", "request_extension", "extending"), ("in_progress", "request_extension", "extending"),
    ("extending", "approve_extension", "in_progress"), ("extending", "reject_extension", "in_progress"),
    ("assigned", "report", "reported"), ("in_progress", "report", "reported"),
    ("reported", "submit_review", "reviewing"),
    ("reviewing", "close", "closed"), ("reviewing", "reject_review", "in_progress"),
    ("assigned", "send_back", "returned"), ("in_progress", "send_back", "returned"),
    ("closed", "archive", "archived"),
    *[(s, "urge", s) for s in (*WORKING, "reported")],
    *[(s, "issue_slip", s) for s in WORKING],
    *[(s, "stage_done", s) for s in WORKING],
    *[(s, "edit", s) for s in STATUS if s not in _FINISHED],
    *[(s, "edit", None, "已办结的事项不能再修改；如确有错误，请在备注中说明。") for s in _FINISHED],
    # refusals, with what to do instead
    ("registered", ANY, None, "请先交办牵头单位。"),
    ("returned", ANY, None, "事项已退办，请重新交办（可改换牵头单位）。"),
    ("extending", "request_extension", None, "已有一个延期申请待审批，请先批准或驳回。"),
    ("extending", ANY, None, "延期申请尚未审批，请先批准或驳回。"),
    (ANY, "assign", None, "事项已交办；如需改换牵头单位，请先登记退办，再重新交办。"),
    (ANY, "reassign", None, "只有已退办的事项才能重新交办。"),
    *[(s, "approve_extension", None, "没有待审批的延期申请。") for s in ("assigned", "in_progress", "reported",
                                                                     "reviewing")],
    *[(s, "reject_extension", None, "没有待审批的延期申请。") for s in ("assigned", "in_progress", "reported",
                                                                    "reviewing")],
    *[(s, "close", None, "须由牵头单位报送办结报告并提交审核后，才能审核办结。") for s in ("assigned", "in_progress")],
    ("reported", "close", None, "请先提交审核。"),
    *[(s, "reject_review", None, "只有审核中的事项才能审核。") for s in ("assigned", "in_progress", "reported")],
    *[(s, "submit_review", None, "须先报送办结报告。") for s in ("assigned", "in_progress")],
    *[(s, ANY, None, "已报送办结报告，请审核；审核不通过会退回办理中。") for s in ("reported", "reviewing")],
    ("closed", ANY, None, "事项已办结，只能归档。"),
    ("archived", ANY, None, "已归档的事项不能再办理。"),
    ("assigned", "archive", None, "事项尚未办结，办结后才能归档。"),
    ("in_progress", "archive", None, "事项尚未办结，办结后才能归档。"),
])


def _check(item: SupervisionItem, action: str) -> str:
    return FLOW.check(item.number, item.status, action)


def _editable(actor, item_id: int, action: str, what: str) -> tuple[SupervisionItem, str]:
    require(actor, EDIT_SUPERVISION, what)
    item = RECORDS.get(item_id)
    return item, _check(item, action)


def assign(actor, item_id: int, on: object = None) -> SupervisionItem:
    """交办: the item goes to its 牵头单位 (状态「已交办」)."""
    item, after = _editable(actor, item_id, "assign", "交办督办事项")
    before = {"status": item.status}
    item.status = after
    with DB.atomic():
        return save(actor, item, "sv_assign", f"交{item.lead_unit}办理，办结时限 {item.due_date:%Y-%m-%d}", before)


def reassign(actor, item_id: int, lead_unit: str, due: object = None, handler: str = "", co_units: str = "",
             on: object = None) -> SupervisionItem:
    """重新交办 after a 退办: to `lead_unit` from `on` (today), with a new 时限 if given (else the one in force)."""
    item, after = _editable(actor, item_id, "reassign", "重新交办督办事项")
    unit = plain_text(lead_unit, "lead_unit", "牵头单位", limit=100)
    start = day_value(on, "on", "交办日期")
    before = {k: getattr(item, k) for k in ("lead_unit", "handler", "co_units", "assigned_on", "due_date", "status")}
    if clean(due) or isinstance(due, date):
        limit = parse_limit(due, start, "due")
        proposal_limit(item.source_type, start, limit.due)
        item.due_date, item.due_rule, item.due_provisional = limit.due, limit.rule, limit.provisional
    elif item.due_date < start:
        raise ValidationError("due", f"原办结时限 {item.due_date:%Y-%m-%d} 已过，重新交办请给出新的办结时限。")
    item.lead_unit, item.handler, item.co_units = unit, clean(handler), clean(co_units)
    item.assigned_on, item.status = start, after
    with DB.atomic():
        return save(actor, item, "sv_reassign", f"重新交{unit}办理，办结时限 {item.due_date:%Y-%m-%d}", before)


def send_back(actor, item_id: int, reason: str) -> SupervisionItem:
    """退办: the 牵头单位 says the item is not theirs (with the reason); the office reassigns it."""
    item, after = _editable(actor, item_id, "send_back", "登记退办")
    text = plain_text(reason, "reason", "退办理由")
    before = {"status": item.status, "reason": item.reason}
    item.status, item.reason = after, text
    with DB.atomic():
        return save(actor, item, "sv_return", f"{item.lead_unit}退办：{text}", before)


def feedback(actor, item_id: int, content: str, percent: object, on: object = None,
             attachments: str = "") -> SupervisionFeedback:
    """进展反馈: a dated report of progress with its percent (0–100) and attachment names, one per line."""
    item, after = _editable(actor, item_id, "feedback", "登记进展反馈")
    text = plain_text(content, "content", "反馈内容")
    share = parse_percent(percent)
    day = day_value(on, "on", "反馈日期")
    if day < item.assigned_on:
        raise ValidationError("on", f"反馈日期 {day:%Y-%m-%d} 早于交办日期 {item.assigned_on:%Y-%m-%d}，请核对。")
    names = "\n".join(n for n in (clean(x) for x in str(attachments or "").replace("；", "\n").splitlines()) if n)
    before = {"status": item.status, "progress": item.progress, "feedback_on": item.feedback_on}
    with DB.atomic():
        row = SupervisionFeedback.create(item=item, on=day, content=text, percent=share, attachments=names,
                                         by=actor.display_name)
        if item.feedback_on is None or day >= item.feedback_on:  # a late-entered older report moves nothing
            item.progress, item.feedback_on = share, day
        item.status = after
        save(actor, item, "sv_feedback", f"进展反馈（{day:%Y-%m-%d}，{share}%）：{text[:60]}", before)
    return row


def request_extension(actor, item_id: int, new_due: object, reason: str, on: object = None) -> SupervisionExtension:
    """申请延期 to `new_due` (a date or 「N个工作日」… counted from the 时限 in force), with the reason."""
    item, after = _editable(actor, item_id, "request_extension", "登记延期申请")
    text = plain_text(reason, "reason", "延期理由")
    day = day_value(on, "on", "申请日期")
    limit = parse_limit(new_due, item.due_date, "new_due", "现办结时限")
    if limit.due <= item.due_date:
        raise ValidationError("new_due", f"申请的新时限应晚于现办结时限 {item.due_date:%Y-%m-%d}。")
    proposal_limit(item.source_type, item.assigned_on, limit.due, "new_due")
    before = {"status": item.status}
    item.status = after
    with DB.atomic():
        row = SupervisionExtension.create(item=item, requested_on=day, reason=text, old_due=item.due_date,
                                          new_due=limit.due)
        save(actor, item, "sv_extend", f"申请延期至 {limit.due:%Y-%m-%d}：{text[:60]}", before)
    return row


def pending_extension(item: SupervisionItem) -> SupervisionExtension | None:
    return (SupervisionExtension.select().where((SupervisionExtension.item == item.id)
                                                & (SupervisionExtension.decision == "pending")).first())


def approve_extension(actor, item_id: int, opinion: str = "", new_due: object = None,
                      on: object = None) -> SupervisionItem:
    """延期批准: the 时限 asked for (or `new_due`, if the approver set another) is now in force; the one it
    replaced stays in the extension row, and `due_original` keeps the first one."""
    item, after = _editable(actor, item_id, "approve_extension", "批准延期")
    request = pending_extension(item)
    if request is None:  # the state says pending; the row is the truth
        raise ValidationError("status", f"{item.number}没有待审批的延期申请。")
    granted = request.new_due
    if clean(new_due) or isinstance(new_due, date):
        granted = parse_limit(new_due, request.old_due, "new_due", "原办结时限").due
        if granted <= request.old_due:
            raise ValidationError("new_due", f"批准的新时限应晚于原办结时限 {request.old_due:%Y-%m-%d}。")
        proposal_limit(item.source_type, item.assigned_on, granted, "new_due")
    day = day_value(on, "on", "批准日期")
    before = {"status": item.status, "due_date": item.due_date}
    item.status, item.due_date, item.due_rule, item.due_provisional = after, granted, "", False
    with DB.atomic():
        request.decision, request.decided_on, request.decided_by = "approved", day, actor.display_name
        request.new_due, request.opinion = granted, clean(opinion)
        request.save()
        said = f"批准延期：办结时限由 {request.old_due:%Y-%m-%d} 改为 {granted:%Y-%m-%d}"
        return save(actor, item, "sv_extend_ok", said + (f"（{request.opinion}）" if request.opinion else ""), before)


def reject_extension(actor, item_id: int, opinion: str, on: object = None) -> SupervisionItem:
    """驳回 an extension request, with the reason; the 时限 in force stays."""
    item, after = _editable(actor, item_id, "reject_extension", "驳回延期申请")
    request = pending_extension(item)
    if request is None:
        raise ValidationError("status", f"{item.number}没有待审批的延期申请。")
    text = plain_text(opinion, "opinion", "驳回理由")
    day = day_value(on, "on", "驳回日期")
    before = {"status": item.status}
    item.status = after
    with DB.atomic():
        request.decision, request.decided_on, request.decided_by = "rejected", day, actor.display_name
        request.opinion = text
        request.save()
        return save(actor, item, "sv_extend_no", f"驳回延期申请（申请至 {request.new_due:%Y-%m-%d}）：{text}", before)


def report(actor, item_id: int, text: str, answer_class: object = "", on: object = None) -> SupervisionItem:
    """报送办结报告: what was done. 建议/提案 also need the 答复类别 (A/B/C)."""
    item, after = _editable(actor, item_id, "report", "登记办结报告")
    words = plain_text(text, "report", "办结报告", limit=10000)
    klass = parse_answer_class(answer_class) if item.is_proposal or clean(answer_class) else ""
    day = day_value(on, "on", "报送日期")
    if day < item.assigned_on:
        raise ValidationError("on", f"报送日期 {day:%Y-%m-%d} 早于交办日期 {item.assigned_on:%Y-%m-%d}，请核对。")
    before = {"status": item.status, "report": item.report, "answer_class": item.answer_class}
    item.status, item.report, item.answer_class, item.reported_on = after, words, klass, day
    item.progress = 100
    with DB.atomic():
        grade = f"（答复类别 {klass} 类：{ANSWER_CLASSES[klass]}）" if klass else ""
        return save(actor, item, "sv_report", f"报送办结报告{grade}：{words[:60]}", before)


def submit_review(actor, item_id: int) -> SupervisionItem:
    """提交审核: the office takes the 办结报告 up for review."""
    item, after = _editable(actor, item_id, "submit_review", "提交审核")
    before = {"status": item.status}
    item.status = after
    with DB.atomic():
        return save(actor, item, "sv_review", "提交审核", before)


def close(actor, item_id: int, opinion: str = "", satisfaction: object = "", on: object = None) -> SupervisionItem:
    """审核通过, 办结 on `on` (today): needs the 办结报告; 建议/提案 also the 答复类别 and the 满意度."""
    item, after = _editable(actor, item_id, "close", "审核办结督办事项")
    if not item.report:
        raise ValidationError("report", f"{item.number}没有办结报告，不能办结。")
    feeling = ""
    if item.is_proposal:
        if not item.answer_class:
            raise ValidationError("answer_class", f"{item.source_type}办结须有答复类别（A/B/C），请在办结报告中填写。")
        feeling = choice(satisfaction, SATISFACTION, "代表（委员）满意度", "satisfaction")
    elif clean(satisfaction):
        feeling = choice(satisfaction, SATISFACTION, "满意度", "satisfaction")
    day = day_value(on, "on", "办结日期")
    if item.reported_on and day < item.reported_on:
        raise ValidationError("on", f"办结日期 {day:%Y-%m-%d} 早于报送办结报告的日期 {item.reported_on:%Y-%m-%d}。")
    before = {"status": item.status, "closed_on": item.closed_on}
    item.status, item.closed_on, item.review_opinion, item.satisfaction = after, day, clean(opinion), feeling
    late = "（逾期办结）" if day > item.due_date else ""
    with DB.atomic():
        said = f"审核通过，{day:%Y-%m-%d} 办结{late}" + (f"，满意度：{feeling}" if feeling else "")
        return save(actor, item, "sv_close", said, before)


def reject_review(actor, item_id: int, opinion: str) -> SupervisionItem:
    """审核不通过: back to 办理中 with the reason; the 办结报告 stays for reference until a new one comes."""
    item, after = _editable(actor, item_id, "reject_review", "审核督办事项")
    text = plain_text(opinion, "opinion", "审核意见")
    before = {"status": item.status, "review_opinion": item.review_opinion}
    item.status, item.review_opinion = after, text
    with DB.atomic():
        return save(actor, item, "sv_reject", f"审核不通过：{text}", before)


def archive(actor, item_id: int, archive_no: str = "") -> SupervisionItem:
    """归档, with the office's 归档号 if it gives one."""
    item, after = _editable(actor, item_id, "archive", "归档督办事项")
    before = {"status": item.status}
    item.status, item.archive_no = after, plain_text(archive_no, "archive_no", "归档号", False, 60)
    with DB.atomic():
        return save(actor, item, "sv_archive", "归档" + (f"，归档号 {item.archive_no}" if item.archive_no else ""),
                    before)


EDITABLE = {"title": "督办事项", "leader": "批示领导", "instruction": "批示原文", "handler": "责任人",
            "co_units": "配合单位", "requirement": "要求", "remarks": "备注", "source_doc_no": "来源文号",
            "delegate": "领衔代表", "secrecy": "密级"}
LIMITS = {"title": 300, "leader": 60, "handler": 60, "co_units": 300, "source_doc_no": 80, "delegate": 60}


def edit(actor, item_id: int, data: dict, version: int) -> SupervisionItem:
    """Correct what was typed at 立项 (`EDITABLE`; the 牵头单位 changes by 退办 and 重新交办, the 时限 by 延期).
    `version` is the one the form read: a record someone saved since is refused, nothing overwritten."""
    item, _ = _editable(actor, item_id, "edit", "修改督办事项")
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "只能修改事项、批示、责任人、配合单位、要求、备注、来源文号、"
                                                  "领衔代表和密级；牵头单位请退办后重新交办，办结时限请办理延期。")
    values = {}
    for key, value in data.items():
        if key == "secrecy":
            values[key] = parse_secrecy(value)
        else:
            values[key] = plain_text(value, key, EDITABLE[key], key == "title", LIMITS.get(key, 2000))
    if "secrecy" in values and item.source_incoming:
        linked = incoming_secrecy(item.source_incoming)
        if rank(values["secrecy"]) < rank(linked):
            raise ValidationError("secrecy", f"来源收文为{linked}，督办事项的密级不能低于它。")
    before = {k: getattr(item, k) for k, v in values.items() if getattr(item, k) != v}
    if not before:
        return item
    item.version = version
    for key in before:
        setattr(item, key, values[key])
    with DB.atomic():
        return save(actor, item, "sv_edit", "修改：" + "、".join(EDITABLE[k] for k in before), before)


def stage_done(actor, stage_id: int, on: object = None) -> SupervisionStage:
    """A 阶段时限's task done on `on` (today)."""
    require(actor, EDIT_SUPERVISION, "登记阶段任务完成")
    stage = SupervisionStage.get_or_none(SupervisionStage.id == stage_id)
    if stage is None:
        raise ValidationError("id", f"没有编号为 {stage_id} 的阶段时限。")
    item = RECORDS.get(stage.item_id)
    _check(item, "stage_done")
    if stage.done_on is not None:
        raise ValidationError("id", f"阶段任务「{stage.name}」已于 {stage.done_on:%Y-%m-%d} 登记完成。")
    day = day_value(on, "on", "完成日期")
    with DB.atomic():
        stage.done_on = day
        stage.save()
        late = "（逾期）" if day > stage.due_date else ""
        save(actor, item, "sv_stage", f"阶段任务「{stage.name}」{day:%Y-%m-%d} 完成{late}")
    return stage
