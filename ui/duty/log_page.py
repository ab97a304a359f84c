"""值班记录: who is on duty now, the shift's entries and every open item carried over, and the steps on the keys.

Ctrl+N logs (the time defaults to now); Ctrl+1…6 report, instruct, handle, report upward, close; Ctrl+7 corrects;
Ctrl+8 hands over; Ctrl+P opens the day's 值班要情. A graded incident past its reporting limit shows red (the
colour is decided by models/duty/ledger.py).
"""

from datetime import timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models.core import accounts, clock
from models.core.changes import Change
from models.core.rights import allowed
from models.duty import absences, roster
from models.duty import log as duty_log
from models.duty.ledger import DutyLogLedger
from models.duty.manifest import EDIT_DUTY
from models.duty.terms import ENTRY_KINDS, GRADES, month_day
from ui import messages
from ui.widgets.ledger_page import LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field


def entry_fields(units: list[str], people: list[str]) -> list[Field]:
    return [
        Field("kind", "类别", "choice", choices=ENTRY_KINDS),
        Field("at", "时间", placeholder="留空为现在；或 14:20、11-23 14:20"),
        Field("unit", "来电单位", complete=tuple(units)),
        Field("person", "来电人", complete=tuple(people)),
        Field("phone", "联系电话"),
        Field("subject", "事由", "text"),
        Field("grade", "事件等级", "choice", choices=("未定", *GRADES)),
        Field("occurred_at", "事发时间", placeholder="突发事件填写，如 19:20"),
        Field("place", "事发地点"),
        Field("secrecy", "密级", "choice", choices=("非密", "内部", "秘密", "机密", "绝密")),
    ]


def _shift_change(shift: duty_log.DutyShift) -> Change:
    return Change.of("duty_shift", shift.id)


class LogPage(LedgerPage):
    kind = "duty_entry"
    noun = "条记录"
    new_step = "log"
    print_step = "brief"

    def __init__(self, session, parent=None) -> None:
        self.can_edit = allowed(session, EDIT_DUTY)
        super().__init__(session, DutyLogLedger(session), parent,
                         empty_hint="没有记录。按 Ctrl+N 登记来电；「范围」可看今日、昨日或近 7 日。")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet("background: #f4f6f8; border: 1px solid #d0d5da; padding: 6px;")
        self.layout_.insertWidget(0, self.banner)
        self.ledger.table.doubleClicked.connect(lambda _: self.run("correct"))

    def declare_steps(self) -> list[Step]:
        edit = EDIT_DUTY
        return [
            Step("log", "登记", "Ctrl+N", self.log, "none", edit),
            Step("report", "报告领导", "Ctrl+1", self.report, right=edit),
            Step("instruct", "领导批示", "Ctrl+2", self.instruct, right=edit),
            Step("handle", "处理情况", "Ctrl+3", self.handle, right=edit),
            Step("phone", "电话上报", "Ctrl+4", lambda e: self.report_up(e, "phone"), right=edit),
            Step("written", "书面上报", "Ctrl+5", lambda e: self.report_up(e, "written"), right=edit),
            Step("close", "办结", "Ctrl+6", self.close_entry, right=edit),
            Step("correct", "修改/更正", "Ctrl+7", self.correct, right=edit),
            Step("hand_over", "交班", "Ctrl+8", self.hand_over, "none", edit, change=_shift_change),
            Step("take_over", "接班确认", "", self.take_over, "none", edit, change=_shift_change),
            Step("brief", "值班要情", "Ctrl+P", self.brief, "none"),
            Step("flash", "值班快报", "", self.flash),
        ]

    def get(self, row_id: int) -> duty_log.DutyEntry:
        entry = duty_log.DutyEntry.get_or_none(duty_log.DutyEntry.id == row_id)
        if entry is None:
            raise duty_log.ValidationError("entry", "这条记录已不存在，请刷新。")
        return entry

    # --- reading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._banner()
        super().refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        self._banner()  # who is on duty moves with the clock
        super().showEvent(event)

    def _banner(self) -> None:
        day, shift, plan = roster.on_duty(self.session)
        begin, end = shift.span(day)
        officers = "、".join(plan.officers.get(shift.name, [])) or "<span style='color:#a61b0f'>未排班</span>"
        leader = escape(plan.leader) if plan.leader else "<span style='color:#a61b0f'>未排</span>"
        state = duty_log.current_shift(self.session).state
        parts = [f"<b>当前班次：{month_day(day)}{escape(shift.name)}（{begin:%H:%M}–{end:%H:%M}）</b>　"
                 f"带班领导：{leader}　值班员：{officers}　<span style='color:#555'>班次状态：{state}</span>"]
        away = absences.away_on(self.session, clock.today())
        if away:
            parts.append("今日外出领导：" + "；".join(escape(f"{a.person}（{a.destination or a.kind}，"
                                                     f"{a.stand_in + '主持工作' if a.stand_in else '未写代理人'}）")
                                               for a in away))
        warnings = [p for p in plan.problems if p != "未排班"]
        if plan.leader and any(a.person == plan.leader for a in away):
            warnings.append(f"今日带班领导{plan.leader}外出，请安排替班")
        late = absences.overdue_returns(self.session)
        warnings += [f"{a.person}应于{month_day(a.end_on)}返回，尚未销假" for a in late]
        open_count = len(duty_log.open_entries(self.session))
        parts.append(f"未办结事项：{open_count} 件" + ("（上班遗留的也在下表中）" if open_count else ""))
        if warnings:
            parts.append("<span style='color:#a61b0f'>⚠ " + "；".join(escape(w) for w in warnings) + "</span>")
        self.banner.setText("<br>".join(parts))

    # --- steps --------------------------------------------------------------------------------------------
    @staticmethod
    def _intro(entry: duty_log.DutyEntry) -> str:
        return f"{entry.at:%m-%d %H:%M}　{entry.kind}　{entry.source_text}　{entry.heading}"

    def log(self, _=None) -> StepForm:
        return StepForm(self.tr("登记值班记录"), entry_fields(duty_log.known_units(self.session), duty_log.known_people(self.session)),
                        lambda v: duty_log.log(self.session, v))

    def report(self, entry: duty_log.DutyEntry) -> StepForm:
        plan = roster.on_duty(self.session)[2]
        return StepForm(self.tr("报告领导"), [Field("leader", "报告领导", default=plan.leader,
                                                  complete=tuple(roster.people(self.session))),
                                            Field("at", "报告时间", placeholder="留空为现在")],
                        lambda v: duty_log.report_leader(self.session, entry.id, v["leader"], v["at"]),
                        self._intro(entry))

    def instruct(self, entry: duty_log.DutyEntry) -> StepForm:
        leaders = [line.split(" ")[0] for line in entry.reported_to.splitlines()]
        return StepForm(self.tr("领导批示"), [Field("leader", "批示领导", default=leaders[-1] if leaders else "",
                                                  complete=tuple(roster.people(self.session))),
                                            Field("text", "批示内容", "text"),
                                            Field("at", "批示时间", placeholder="留空为现在")],
                        lambda v: duty_log.instruct(self.session, entry.id, v["leader"], v["text"], v["at"]),
                        self._intro(entry))

    def handle(self, entry: duty_log.DutyEntry) -> StepForm:
        return StepForm(self.tr("处理情况"), [
            Field("text", "处理情况", "text", placeholder="转给了谁、通知了谁、怎么答复的"),
            Field("at", "处理时间", placeholder="留空为现在")],
                        lambda v: duty_log.handle(self.session, entry.id, v["text"], v["at"]), self._intro(entry))

    def report_up(self, entry: duty_log.DutyEntry, channel: str) -> StepForm:
        label = "电话报告" if channel == "phone" else "书面报告"
        limits = "；".join(c.text for c in duty_log.clock(entry))
        return StepForm(self.tr(label), [Field("at", f"{label}时间", placeholder="留空为现在；或 20:05")],
                        lambda v: duty_log.report_up(self.session, entry.id, channel, v["at"]),
                        self._intro(entry) + (f"\n{limits}" if limits else ""))

    def close_entry(self, entry: duty_log.DutyEntry) -> StepForm:
        return StepForm(self.tr("办结"), [Field("result", "办理结果", "text")],
                        lambda v: duty_log.close(self.session, entry.id, v["result"]), self._intro(entry))

    def correct(self, entry: duty_log.DutyEntry) -> StepForm:
        """Before the handover a plain edit; after it an amendment with a reason (the old value is kept)."""
        if not entry.duty_shift.locked:
            defaults = {"kind": entry.kind, "at": f"{entry.at:%Y-%m-%d %H:%M}", "unit": entry.unit,
                        "person": entry.person, "phone": entry.phone, "subject": entry.subject,
                        "grade": entry.grade or "未定",
                        "occurred_at": f"{entry.occurred_at:%Y-%m-%d %H:%M}" if entry.occurred_at else "",
                        "place": entry.place, "secrecy": entry.secrecy}
            fields = [Field(f.key, f.label, f.kind, defaults.get(f.key, ""), f.choices, f.complete, f.placeholder)
                      for f in entry_fields(duty_log.known_units(self.session), [])]
            return StepForm(self.tr("修改值班记录"), fields,
                            lambda v: duty_log.update(self.session, entry.id, v, entry.version),
                            self.tr("本班尚未交接，可直接修改；修改会记入历史。"))
        labels = tuple(duty_log.EDITABLE.values())
        keys = {label: key for key, label in duty_log.EDITABLE.items()}
        return StepForm(self.tr("补充更正"), [Field("field", "更正哪一项", "choice", choices=labels),
                                            Field("value", "更正为"), Field("reason", "更正原因", "text")],
                        lambda v: duty_log.amend(self.session, entry.id, keys[v["field"]], v["value"], v["reason"]),
                        self.tr("本班已交接，记录已锁定：更正会和原内容、原因一起保留。\n") + self._intro(entry))

    def hand_over(self, _=None) -> StepForm:
        shift = duty_log.current_shift(self.session)
        items = duty_log.open_entries(self.session)
        listing = "\n".join(f"· {e.at:%m-%d %H:%M} {e.kind} {e.heading}" for e in items[:12]) or "无"
        return StepForm(self.tr("交班"), [
            Field("note", "本班要事摘要", "text"),
            Field("things", "设备、钥匙、文件", placeholder="如：值班手机 1 部、机要柜钥匙 1 把")],
                        lambda v: duty_log.hand_over(self.session, shift.id, v["note"], v["things"]),
                        f"{shift.label}交班。未办结事项 {len(items)} 件，将写入交班记录：\n{listing}")

    def take_over(self, _=None) -> StepForm | None:
        pending = [s for s in duty_log.recent_shifts(self.session, 10) if s.handed_at and not s.locked]
        if not pending:
            messages.info(self, self.tr("接班确认"), self.tr("没有等待接班确认的班次：请交班人先「交班」。"))
            return None
        shift = pending[0]

        def confirm(values: dict):
            receiver = accounts.login(values["username"], values["password"])
            return duty_log.take_over(receiver, shift.id)

        intro = (f"{shift.label}由{shift.handed_by_name}于 {shift.handed_at:%H:%M} 交班。\n要事：{shift.note}\n"
                 f"未办结：{shift.open_items}\n请接班人用自己的账户确认，确认后该班记录锁定。")
        return StepForm(self.tr("接班确认"), [Field("username", "接班人用户名"), Field("password", "密码", "password")],
                        confirm, intro)

    def brief(self, _=None) -> None:
        from models.duty import brief as duty_brief
        from ui.duty.brief_dialog import BriefDialog, print_saved

        day = duty_brief.issue_day(self.session, duty_log.now())
        if self.ledger.model.query.filters.get("scope") == "yesterday":
            day = roster.current(duty_log.now())[0] - timedelta(days=1)
        if not self.can_edit:
            print_saved(self, self.session, day)
            return
        BriefDialog.for_day(self.session, day, self).exec()

    def flash(self, entry: duty_log.DutyEntry) -> None:
        from ui.duty.brief_dialog import BriefDialog

        if entry.kind != "突发事件":
            messages.info(self, self.tr("值班快报"), self.tr("值班快报用于突发事件：请选中一条突发事件记录。"))
            return
        BriefDialog.for_flash(self.session, entry.id, self).exec()
