"""议定事项 (事项, 牵头单位, 配合单位, 时限) of a meeting, handed to 督查督办 as items with source 会议议定事项 and a
link back (`supervision_id`); the next meeting of the same type shows 「上次议定事项落实情况」 from their current state.

The only dependency on the 督查督办 module is `_supervision()` below: ONE lazy import, so this module works (and
says 「未交办」) where 督办 is not installed.
"""

from dataclasses import dataclass
from datetime import date
from types import ModuleType

from peewee import CharField, DateField, ForeignKeyField, IntegerField

from models.core import audit
from models.core.changes import Change
from models.core.db import DB, BaseModel
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.core.validators import check_plain, parse_date
from models.meetings.manifest import EDIT_MEETINGS, READ_MEETINGS
from models.meetings.meetings import RECORDS, STATES, Meeting, last_of_type

KIND = "meeting_decision"
SOURCE = "会议议定事项"
NOT_HANDED = "未交办"


class Decision(BaseModel):
    """One 议定事项 and, once handed over, the 督办 item it became."""

    meeting = ForeignKeyField(Meeting, backref="decisions", on_delete="CASCADE")
    meeting_id: int
    position = IntegerField()
    matter = CharField(max_length=300)  # 事项
    lead_unit = CharField(max_length=60)  # 牵头单位
    partner_units = CharField(max_length=200, default="")  # 配合单位
    due_on = DateField(null=True)  # 时限
    supervision_id = IntegerField(null=True, index=True)  # the 督办 item

    class Meta:
        table_name = "meeting_decision"


def _supervision() -> ModuleType | None:
    # The one place this module touches 督查督办 (`items.create`, `items.state_text`): one lazy import, so 会议 works
    # and says 「未交办」 where 督办 is not installed.
    try:
        from models.supervision import items
    except ImportError:
        return None
    return items


def supervision_installed() -> bool:
    return _supervision() is not None


def check_row(data: dict, where: str = "") -> dict:
    try:
        matter = check_plain(clean(data.get("matter")), "matter", "事项")
        if not matter:
            raise ValidationError("matter", "请填写议定事项。")
        if len(matter) > 300:
            raise ValidationError("matter", "议定事项过长（最多 300 个字）。")
        lead = check_plain(clean(data.get("lead_unit")), "lead_unit", "牵头单位")
        if not lead:
            raise ValidationError("lead_unit", f"请填写「{matter[:20]}」的牵头单位。")
        due = parse_date(data.get("due_on"), "due_on") if clean(data.get("due_on")) else None
        values = dict(matter=matter, lead_unit=lead[:60], partner_units=clean(data.get("partner_units"))[:200],
                      due_on=due)
    except ValidationError as exc:
        raise ValidationError(exc.field, f"{where}{exc}") from None
    return values


def add_many(actor, meeting_id: int, rows: list[dict]) -> Change:
    """Record the meeting's 议定事项 (typed, or read from a sheet); all-or-nothing."""
    require(actor, EDIT_MEETINGS, "登记议定事项")
    values = [check_row(row, f"第 {i} 项：") for i, row in enumerate(rows, start=1)]
    if not values:
        raise ValidationError("decisions", "没有议定事项可登记。")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        if meeting.phase in ("preparing", "notified", "archived"):
            raise ValidationError("decisions",
                                  f"{meeting.number_text}当前为「{meeting.phase_text}」，不能登记议定事项。")
        start = Decision.select().where(Decision.meeting == meeting.id).count() + 1
        for i, value in enumerate(values):
            Decision.create(meeting=meeting, position=start + i, **value)
        audit.record(actor, "meeting_decisions", f"meeting:{meeting.id}",
                     f"{meeting.number_text}登记议定事项 {len(values)} 项", after={"count": len(values)})
    return Change.of(KIND, meeting.id, summary=f"议定事项 {len(values)} 项")


def listed(actor, meeting_id: int) -> list[Decision]:
    require(actor, READ_MEETINGS, "查阅议定事项")
    return list(Decision.select().where(Decision.meeting == meeting_id).order_by(Decision.position))


def hand_over(actor, meeting_id: int) -> Change:
    """Every 议定事项 not yet handed over becomes a 督办 item (source 会议议定事项, linked back); the meeting moves
    to 「议定事项已交办」 when its 纪要 is signed."""
    require(actor, EDIT_MEETINGS, "交办议定事项")
    supervision = _supervision()
    if supervision is None:
        raise ValidationError("decisions", "督查督办模块尚未安装，议定事项暂不能交办。")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        waiting = list(Decision.select().where((Decision.meeting == meeting.id) & Decision.supervision_id.is_null())
                       .order_by(Decision.position))
        if not waiting:
            raise ValidationError("decisions", f"{meeting.number_text}没有待交办的议定事项。")
        for number, decision in enumerate(waiting, start=1):
            try:  # 交办 at once: a 议定事项 is assigned by the meeting itself
                item = supervision.create(actor, assign=True, source_type=SOURCE, source_meeting=meeting.id,
                                          source_doc_no=meeting.number_text, title=decision.matter,
                                          lead_unit=decision.lead_unit, co_units=decision.partner_units,
                                          due=decision.due_on, secrecy=meeting.secrecy)
            except ValidationError as exc:
                raise ValidationError(exc.field, f"第 {number} 项议定事项「{decision.matter[:20]}」：{exc}") from None
            decision.supervision_id = item.id
            decision.save()
        before = {"phase": meeting.phase}
        if meeting.phase == "minutes_issued":
            meeting.phase = "handed_over"
        RECORDS.save(actor, meeting, f"{meeting.number_text}议定事项 {len(waiting)} 项交督查督办", before,
                     action="meeting_hand_over",
                     event=dict(action="hand_over", text=f"交办议定事项 {len(waiting)} 项；"
                                                         f"会议阶段 {STATES[meeting.phase]}"))
    return Change.of(KIND, meeting.id, *[d.id for d in waiting], summary=f"已交办 {len(waiting)} 项",
                     also=("meeting", "supervision"))


def add_and_hand_over(actor, meeting_id: int, rows: list[dict]) -> Change:
    """Record the 议定事项 and hand them to 督办 at once, or neither: a refused hand-over (a 时限 already past)
    leaves no 议定事项 behind to be handed over twice."""
    require(actor, EDIT_MEETINGS, "登记议定事项")
    with DB.atomic():
        add_many(actor, meeting_id, rows)
        return hand_over(actor, meeting_id)


def state_text(decision: Decision) -> str:
    """The 督办 state of a handed-over item, 「未交办」 when it was not handed over."""
    if decision.supervision_id is None:
        return NOT_HANDED
    supervision = _supervision()
    if supervision is None:
        return "已交办"
    return supervision.state_text(decision.supervision_id)


@dataclass(frozen=True)
class FollowUp:
    """One line of 「上次议定事项落实情况」."""

    matter: str
    lead_unit: str
    due_on: date | None
    state: str


def previous(actor, meeting_id: int) -> tuple[Meeting | None, list[FollowUp]]:
    """「上次议定事项落实情况」: the last meeting of the same type and its items' current state."""
    require(actor, READ_MEETINGS, "查阅上次议定事项落实情况")
    last = last_of_type(RECORDS.get(meeting_id))
    if last is None:
        return None, []
    return last, [FollowUp(d.matter, d.lead_unit, d.due_on, state_text(d))
                  for d in Decision.select().where(Decision.meeting == last.id).order_by(Decision.position)]
