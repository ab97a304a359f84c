"""会议纪要: its number per type and year (「常务会议纪要〔2026〕3号」, taken at 起草) and its steps 起草 → 审核 →
签发 → 印发, each recorded with who and when in the meeting's history. Recording 签发 on an ended meeting moves it to
「纪要已签发」."""

from datetime import date

from models.core import counters
from models.core.db import DB
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import choice, clean
from models.core.validators import check_plain, parse_date
from models.meetings.manifest import EDIT_MEETINGS
from models.meetings.meetings import RECORDS, STATES, Meeting
from models.meetings.terms import MINUTES_STEPS


def record_step(actor, meeting_id: int, step: str, person: str, day: object) -> Meeting:
    """One 纪要 step, in order: who did it (起草人, 审核人, 签发人…) and on what day."""
    require(actor, EDIT_MEETINGS, "登记会议纪要")
    step = choice(step, MINUTES_STEPS, "纪要环节", "step")
    person = check_plain(clean(person), "person", "经办人")
    if not person:
        raise ValidationError("person", f"请填写{step}人。")
    when: date = parse_date(day, "date")
    with DB.atomic():
        meeting = RECORDS.get(meeting_id)
        if meeting.phase in ("preparing", "notified"):
            raise ValidationError("step", f"{meeting.number_text}尚未召开，不能登记纪要。")
        if meeting.phase == "archived":
            raise ValidationError("step", "会议已归档，纪要不能再登记。")
        done = MINUTES_STEPS.index(meeting.minutes_step) + 1 if meeting.minutes_step else 0
        wanted = MINUTES_STEPS.index(step)
        if wanted != done:
            expected = MINUTES_STEPS[done] if done < len(MINUTES_STEPS) else ""
            raise ValidationError("step", "纪要应按起草、审核、签发、印发的顺序登记，"
                                          + (f"下一步是「{expected}」。" if expected else "纪要已印发。"))
        if when < meeting.day:
            raise ValidationError("date", f"{step}日期 {when:%Y-%m-%d} 早于会议日期 {meeting.day:%Y-%m-%d}，请核对。")
        before = {"minutes_step": meeting.minutes_step, "phase": meeting.phase}
        if step == "起草":
            meeting.minutes_year = meeting.day.year
            meeting.minutes_number = counters.take(f"minutes:{meeting.meeting_type}", meeting.day.year)
        meeting.minutes_step = step
        if step == "签发" and meeting.phase == "ended":
            meeting.phase = "minutes_issued"
        text = f"纪要{step}：{person}，{when:%Y-%m-%d}"
        if meeting.phase != before["phase"]:
            text += f"；会议阶段 {STATES[before['phase']]} → {STATES[meeting.phase]}"
        RECORDS.save(actor, meeting, f"{meeting.number_text} {meeting.minutes_text} {text}", before,
                     action="meeting_minutes", event=dict(action="minutes", text=text))
    return meeting
