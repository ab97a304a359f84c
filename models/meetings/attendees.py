"""The one attendee list of a meeting (姓名, 职务, 单位, 排序, 座区 主席台/台下/列席, 请假), from which the 座次图,
桌签, 签到表, 会议通知 and the 应到/实到/请假 count are all drawn: a late change re-lays all of them at once.

排序 is the office's order of precedence (1 first); within 台下 the rows follow it by 单位.
"""

from dataclasses import dataclass

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField

from models.core import audit
from models.core.changes import Change
from models.core.db import DB, BaseModel
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import choice, clean
from models.core.validators import check_plain, parse_whole
from models.meetings.manifest import EDIT_MEETINGS, READ_MEETINGS
from models.meetings.meetings import RECORDS, Meeting
from models.meetings.terms import ZONES

KIND = "meeting_attendee"
MAX_ATTENDEES = 2000


class Attendee(BaseModel):
    """One person on a meeting's list."""

    meeting = ForeignKeyField(Meeting, backref="attendees", on_delete="CASCADE")
    meeting_id: int
    name = CharField(max_length=40)
    title = CharField(max_length=60, default="")  # 职务
    unit = CharField(max_length=60, default="")  # 单位
    rank = IntegerField()  # 排序
    zone = CharField(max_length=4, default="台下")  # 主席台/台下/列席
    on_leave = BooleanField(default=False)  # 请假
    leave_note = CharField(max_length=100, default="")  # 请假事由 / 代会人
    present = BooleanField(default=False)  # 签到

    class Meta:
        table_name = "meeting_attendee"
        indexes = ((("meeting", "rank"), False),)


@dataclass(frozen=True)
class Counts:
    expected: int  # 应到: everyone on the list
    present: int  # 实到
    on_leave: int  # 请假

    @property
    def absent(self) -> int:  # 缺席: neither signed in nor excused
        return self.expected - self.present - self.on_leave

    @property
    def text(self) -> str:
        return f"应到 {self.expected} 人，实到 {self.present} 人，请假 {self.on_leave} 人，缺席 {self.absent} 人"


def check_row(data: dict, position: int, where: str = "") -> dict:
    """One attendee as typed or read from a sheet; 排序 defaults to the row's position."""
    try:
        name = check_plain(clean(data.get("name")).replace(" ", ""), "name", "姓名")
        if not name:
            raise ValidationError("name", "请填写姓名。")
        if len(name) > 40:
            raise ValidationError("name", "姓名过长（最多 40 个字）。")
        rank_text = clean(data.get("rank"))
        rank = parse_whole(rank_text, "rank", "排序", 1, 9999, "1") if rank_text else position
        zone = choice(data.get("zone"), ZONES, "座区", "zone", "台下")
        values = dict(name=name, title=clean(data.get("title"))[:60], unit=clean(data.get("unit"))[:60], rank=rank,
                      zone=zone, on_leave=clean(data.get("on_leave")) in ("请假", "是", "1", "True", "true"),
                      leave_note=clean(data.get("leave_note"))[:100])
    except ValidationError as exc:
        raise ValidationError(exc.field, f"{where}{exc}") from None
    return values


def listed(actor, meeting_id: int) -> list[Attendee]:
    """The list in order of precedence (排序, then as entered)."""
    require(actor, READ_MEETINGS, "查阅参会人员")
    return list(Attendee.select().where(Attendee.meeting == meeting_id).order_by(Attendee.rank, Attendee.id))


def replace(actor, meeting_id: int, rows: list[dict], source: str = "") -> Change:
    """Put `rows` in place of the meeting's list (an imported or retyped list); all-or-nothing."""
    require(actor, EDIT_MEETINGS, "登记参会人员")
    if len(rows) > MAX_ATTENDEES:
        raise ValidationError("attendees", f"参会人员过多（最多 {MAX_ATTENDEES} 人）。")
    values = [check_row(row, i) for i, row in enumerate(rows, start=1)]
    _check_duplicates(values)
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        _refuse_archived(meeting)
        before = Attendee.select().where(Attendee.meeting == meeting.id).count()
        Attendee.delete().where(Attendee.meeting == meeting.id).execute()
        for value in values:
            Attendee.create(meeting=meeting, **value)
        audit.record(actor, "meeting_attendees", f"meeting:{meeting.id}",
                     f"{meeting.number_text}参会人员名单{('（' + source + '）') if source else ''}："
                     f"{before} 人 → {len(values)} 人", before={"count": before}, after={"count": len(values)})
    return Change.of(KIND, meeting.id, summary=f"参会人员 {len(values)} 人", also=("meeting",))


def _check_duplicates(values: list[dict]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for i, value in enumerate(values, start=1):
        key = (value["name"], value["unit"])
        if key in seen:
            raise ValidationError("name", f"第 {i} 人「{value['name']}」与第 {seen[key]} 人重复，请删去一人。")
        seen[key] = i


def _refuse_archived(meeting: Meeting) -> None:
    if meeting.phase == "archived":
        raise ValidationError("attendees", "会议已归档，参会人员名单不能再修改。")


def add(actor, meeting_id: int, data: dict) -> Attendee:
    """One person typed in (排序 after the last when not given)."""
    require(actor, EDIT_MEETINGS, "登记参会人员")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        _refuse_archived(meeting)
        last = Attendee.select().where(Attendee.meeting == meeting.id).count()
        value = check_row(data, last + 1)
        if Attendee.get_or_none((Attendee.meeting == meeting.id) & (Attendee.name == value["name"])
                                & (Attendee.unit == value["unit"])):
            raise ValidationError("name", f"「{value['name']}」已在名单中。")
        person = Attendee.create(meeting=meeting, **value)
        audit.record(actor, "meeting_attendees", f"meeting:{meeting.id}",
                     f"{meeting.number_text}增加参会人员：{person.name}（{person.zone}）")
    return person


def mark(actor, attendee_id: int, *, present: bool | None = None, on_leave: bool | None = None,
         note: str = "") -> Attendee:
    """签到, or 请假 (with 事由 / 代会人)."""
    require(actor, EDIT_MEETINGS, "登记签到和请假")
    with DB.atomic():
        person = Attendee.get_or_none(Attendee.id == attendee_id)
        if person is None:
            raise ValidationError("id", f"没有编号为 {attendee_id} 的参会人员。")
        before = {"present": person.present, "on_leave": person.on_leave}
        if on_leave is not None:
            person.on_leave = on_leave
            person.leave_note = clean(note)[:100]
            if on_leave:
                person.present = False
        if present is not None:
            if present and person.on_leave:
                raise ValidationError("present", f"{person.name}已请假，不能签到；如已到会请先取消请假。")
            person.present = present
        person.save()
        audit.record(actor, "meeting_attendance", f"meeting:{person.meeting_id}",
                     f"{person.name}：{'请假' if person.on_leave else ('已签到' if person.present else '未签到')}",
                     before=before, after={"present": person.present, "on_leave": person.on_leave})
    return person


def counts(people: list[Attendee]) -> Counts:
    """应到, 实到 (signed in), 请假."""
    return Counts(len(people), sum(p.present for p in people), sum(p.on_leave for p in people))
