"""The meetings (ledger page): 新建, 改期, 阶段 (with the checklist gate and its override), 参会人员, 议题, 纪要,
议定事项 and their hand-over to 督办, the template's new items, and the prints made from the attendee list."""

from models.core.changes import Change
from models.meetings import attendees, decisions, meetings, minutes, templates
from models.meetings.ledger import MeetingLedger
from models.meetings.manifest import EDIT_MEETINGS
from models.meetings.terms import MINUTES_STEPS, SECRECY, ZONES
from ui.meetings import files
from ui.widgets.ledger_page import SEPARATOR, LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field

YES_NO = ("否", "是")


class MeetingsPage(LedgerPage):
    kind = "meeting"
    noun = "次会议"
    new_step = "new"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, MeetingLedger(session), parent,
                         empty_hint="还没有会议。按 Ctrl+N 新建一次会议，检点单按会议类型的模板生成。")

    def declare_steps(self) -> list[Step]:
        edit = EDIT_MEETINGS
        return [
            Step("new", "新建会议", "Ctrl+N", self.new, "none", edit),
            Step("move", "改期", "Ctrl+1", self.move, right=edit, change=lambda c: c),
            Step("phase", "推进阶段", "Ctrl+2", self.phase, right=edit),
            Step("attendees", "导入参会人员", "Ctrl+3", self.import_attendees, right=edit),
            Step("attendee", "添加参会人员", "", self.add_attendee, right=edit, also=("meeting_attendee",)),
            Step("topic", "登记议题", "", self.topic, right=edit),
            Step("minutes", "登记纪要", "Ctrl+4", self.minutes, right=edit),
            Step("decision", "登记议定事项", "", self.decision, right=edit, also=("meeting_decision",)),
            Step("hand_over", "交办督办", "", self.hand_over, right=edit, change=lambda c: c),
            Step("new_items", "模板更新", "", self.new_items, right=edit, change=lambda c: c),
            Step("template_edit", "编辑模板", "Ctrl+T", self.edit_template, "none", edit),
            Step("template_import", "导入模板", "", self.import_template, "none", edit),
            Step("template_export", "导出模板", "", self.export_template),
            SEPARATOR,
            Step("seating", "座次图", "", lambda m: files.save(self, self.session, m, "seating")),
            Step("cards", "桌签", "", lambda m: files.save(self, self.session, m, "cards")),
            Step("sign_in", "签到表", "", lambda m: files.save(self, self.session, m, "sign_in")),
            Step("notice", "会议通知", "", lambda m: files.save(self, self.session, m, "notice")),
            Step("checklist", "检点单", "", lambda m: files.save(self, self.session, m, "checklist")),
        ]

    def get(self, row_id: int) -> meetings.Meeting:
        return meetings.get(self.session, row_id)

    def new(self, _=None) -> StepForm:
        return StepForm(self.tr("新建会议"), [
            Field("type", "会议类型", "choice", default="常务会议", choices=tuple(templates.names())),
            Field("title", "会议名称", placeholder="研究什么，如「研究2026年重点项目推进工作」"),
            Field("date", "日期", "date"),
            Field("time", "时间", default="09:00"),
            Field("place", "地点"),
            Field("host", "主持人"),
            Field("secrecy", "密级", "choice", default="非密", choices=SECRECY),
        ], lambda v: meetings.create(self.session, v))

    def move(self, meeting: meetings.Meeting) -> StepForm:
        return StepForm(self.tr("会议改期"), [Field("date", "新日期", "date", default=f"{meeting.day:%Y-%m-%d}"),
                                          Field("time", "时间", default=meeting.at)],
                        lambda v: meetings.move(self.session, meeting.id, v["date"], v["time"]),
                        f"{meeting.number_text}（{meeting.when_text}）：未完成事项的期限随会议日期调整，已完成的不变。")

    def phase(self, meeting: meetings.Meeting) -> StepForm | None:
        allowed = meetings.FLOW.actions(meeting.phase)
        if not allowed:
            from ui import messages

            messages.info(self, self.tr("推进阶段"),
                          f"{meeting.number_text}当前为「{meeting.phase_text}」，没有下一阶段。")
            return None
        labels = {meetings.ACTIONS[a]: a for a in allowed}
        return StepForm(self.tr("推进阶段"), [
            Field("action", "下一步", "choice", choices=tuple(labels)),
            Field("override", "越过检点单的理由", "text", placeholder="仅在检点单还有必办事项未完成、确需推进时填写"),
        ], lambda v: meetings.advance(self.session, meeting.id, labels[v["action"]], v["override"]),
            f"{meeting.number_text}当前为「{meeting.phase_text}」。")

    def import_attendees(self, meeting: meetings.Meeting) -> Change | None:
        from importers.meeting_import import import_attendees

        def run(path: str):
            summary, errors = import_attendees(self.session, path, dry_run=True, meeting=meeting.id)
            return (summary, errors) if errors else import_attendees(self.session, path, meeting=meeting.id)

        return files.import_sheet(self, self.tr("导入参会人员"), run,
                                  Change.of("meeting", meeting.id, also=("meeting_attendee",)))

    def add_attendee(self, meeting: meetings.Meeting) -> StepForm:
        return StepForm(self.tr("添加参会人员"), [
            Field("name", "姓名"), Field("title", "职务"), Field("unit", "单位"),
            Field("rank", "排序", placeholder="数字越小越靠前；不填排在最后"),
            Field("zone", "座区", "choice", default="台下", choices=ZONES),
        ], lambda v: attendees.add(self.session, meeting.id, v), meeting.number_text)

    def topic(self, meeting: meetings.Meeting) -> StepForm:
        def add(v: dict):
            return meetings.add_topic(self.session, meeting.id, {**v, **{k: v[k] == "是" for k in (
                "coordinated", "normative", "legality_reviewed")}})

        return StepForm(self.tr("登记议题"), [
            Field("title", "议题"), Field("unit", "汇报单位"),
            Field("coordinated", "协调/会签已完成", "choice", choices=YES_NO),
            Field("normative", "规范性文件", "choice", choices=YES_NO),
            Field("legality_reviewed", "合法性审核已完成", "choice", choices=YES_NO),
        ], add, meeting.number_text)

    def minutes(self, meeting: meetings.Meeting) -> StepForm:
        done = MINUTES_STEPS.index(meeting.minutes_step) + 1 if meeting.minutes_step else 0
        step = MINUTES_STEPS[min(done, len(MINUTES_STEPS) - 1)]
        return StepForm(self.tr("登记纪要"), [
            Field("step", "环节", "choice", default=step, choices=MINUTES_STEPS),
            Field("person", "经办人", placeholder="起草人、审核人、签发人或印发经办人"),
            Field("date", "日期", "date"),
        ], lambda v: minutes.record_step(self.session, meeting.id, v["step"], v["person"], v["date"]),
            f"{meeting.number_text}　{meeting.minutes_text or '纪要尚未起草'}")

    def decision(self, meeting: meetings.Meeting) -> StepForm:
        return StepForm(self.tr("登记议定事项"), [
            Field("matter", "事项", "text"), Field("lead_unit", "牵头单位"), Field("partner_units", "配合单位"),
            Field("due_on", "时限", placeholder="如 2026-10-30"),
        ], lambda v: decisions.add_many(self.session, meeting.id, [v]), meeting.number_text)

    def hand_over(self, meeting: meetings.Meeting) -> StepForm:
        waiting = [d for d in decisions.listed(self.session, meeting.id) if d.supervision_id is None]
        text = "\n".join(f"{i}. {d.matter}（牵头：{d.lead_unit}）" for i, d in enumerate(waiting, start=1))
        intro = f"{meeting.number_text}待交办 {len(waiting)} 项：\n{text}" if waiting else "没有待交办的议定事项。"
        return StepForm(self.tr("议定事项交督查督办"), [], lambda v: decisions.hand_over(self.session, meeting.id),
                        intro)

    def edit_template(self, _=None) -> Change | None:
        """The template editor, on the selected meeting's type (or the first type when none is selected)."""
        from ui.meetings.template_editor import TemplateEditor

        row = self.ledger.selected_row()
        name = meetings.get(self.session, row.id).meeting_type if row is not None else ""
        editor = TemplateEditor(self.session, name, self)
        editor.exec()
        return Change.of("meeting_template", also=("meeting",)) if editor.saved is not None else None

    def import_template(self, _=None) -> Change | None:
        """An office's 检点单 (.xlsx) as the next version of its type's template (the type from the sheet's title)."""
        from importers.meeting_import import import_template

        def run(path: str):
            summary, errors = import_template(self.session, path, dry_run=True)
            return (summary, errors) if errors else import_template(self.session, path)

        return files.import_sheet(self, self.tr("导入检点单模板"), run, Change.of("meeting_template"))

    def export_template(self, meeting: meetings.Meeting) -> None:
        """The current template of the selected meeting's type, as .xlsx (edit it in Excel, import it back)."""
        files.save_template(self, self.session, meeting.meeting_type)

    def new_items(self, meeting: meetings.Meeting) -> StepForm:
        offered = meetings.new_items(self.session, meeting.id)
        text = "\n".join(f"{i.phase}：{i.task}（{i.deadline}）" for i in offered)
        return StepForm(self.tr("检点单模板更新"), [],
                        lambda v: meetings.add_items(self.session, meeting.id, [i.id for i in offered]),
                        f"模板的新版本有 {len(offered)} 项本次会议检点单没有的事项，确定后全部加入：\n{text}"
                        if offered else "本次会议的检点单已包含模板的全部事项。")
