"""督查台账: the ledger of 督办事项 with the flow's steps on the toolbar (each a models function), 催办 in batch,
the 督办单 issued at the item's level and previewed, and print/export of the 台账 or of what is on screen. The
row's colour and its reason come from the models (the ladder); the detail panel lists 反馈, 延期, 催办 and 督办单.
A 领导 reads: the steps that write are not on the toolbar at all."""

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox

from models.core import previews
from models.core.changes import Change
from models.core.errors import SanbanError
from models.supervision import flow, items, urging, views
from models.supervision.ledger import SupervisionLedger
from models.supervision.manifest import EDIT_SUPERVISION
from models.supervision.terms import ANSWER_CLASSES, SATISFACTION, SECRECY, SOURCES, URGE_METHODS
from ui import messages
from ui.widgets.ledger_page import SEPARATOR, LedgerPage, Step, StepForm
from ui.widgets.step_fields import Field

STATE_OF = {label: key for key, label in items.STATUS.items()}
STATUS_COLUMN = 8  # 状态, in SupervisionLedger.columns
LEVELS = ("按当前督办等级", "1（第一级）", "2（第二级）", "3（第三级）")


def _allows(action: str):
    """Enabled when the selected row's state allows `action` (the flow's own table, so button and refusal agree)."""
    def check(row) -> bool:
        return row is not None and flow.FLOW.allows(STATE_OF.get(row.values[STATUS_COLUMN], ""), action)
    return check


@dataclass(frozen=True)
class RecordLink:
    """A record of another module as the window's `open_item` takes it (as a 今日 DueItem names it)."""

    module: str
    kind: str
    record_id: int
    page: str


class SupervisionPage(LedgerPage):
    open_item = Signal(object)  # a RecordLink: the item's source 收文, shown on the 公文 tab
    kind = "supervision"
    noun = "件督办事项"
    new_step = "create"
    print_step = "print_ledger"
    export_step = "export_ledger"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, SupervisionLedger(session), parent,
                         empty_hint="还没有督办事项。按 Ctrl+N 立项，或在命令行用 import supervision 导入交办清单。")
        # Six filters on one row: the long choices (「县人力资源社会保障局」) must not push the page past a 1366 screen.
        for key in ("lead_unit", "source_type"):
            combo = self.ledger.filter_widgets[key]
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)

    def declare_steps(self) -> list[Step]:
        edit = EDIT_SUPERVISION
        return [
            Step("create", "立项", "Ctrl+N", self.create, "none", edit),
            Step("assign", "交办", "Ctrl+1", self.assign, right=edit, enabled=_allows("assign")),
            Step("feedback", "反馈", "Ctrl+2", self.feedback, right=edit, enabled=_allows("feedback")),
            Step("extend", "申请延期", "Ctrl+3", self.extend, right=edit, enabled=_allows("request_extension")),
            Step("approve_extension", "批准延期", "", self.approve_extension, right=edit,
                 enabled=_allows("approve_extension")),
            Step("reject_extension", "驳回延期", "", self.reject_extension, right=edit,
                 enabled=_allows("reject_extension")),
            Step("report", "提交办结", "Ctrl+4", self.report, right=edit, enabled=_allows("report")),
            Step("submit_review", "提交审核", "", self.submit_review, right=edit, enabled=_allows("submit_review")),
            Step("close", "审核通过", "Ctrl+5", self.close_item, right=edit, enabled=_allows("close")),
            Step("reject_review", "审核不通过", "", self.reject_review, right=edit, enabled=_allows("reject_review")),
            Step("urge", "催办", "Ctrl+6", self.urge, "many", edit),
            Step("slip", "出具督办单", "Ctrl+7", self.issue_slip, right=edit, enabled=_allows("issue_slip")),
            Step("archive", "归档", "Ctrl+8", self.archive, right=edit, enabled=_allows("archive")),
            Step("send_back", "退办", "", self.send_back, right=edit, enabled=_allows("send_back")),
            Step("reassign", "重新交办", "", self.reassign, right=edit, enabled=_allows("reassign")),
            Step("stage_done", "阶段完成", "", self.stage_done, right=edit, enabled=_allows("stage_done")),
            Step("edit", "修改", "", self.edit, right=edit, enabled=_allows("edit")),
            SEPARATOR,
            Step("open_source", "打开来源收文", "", self.open_source, enabled=self._has_source),
            Step("print_ledger", "打印台账", "Ctrl+P", self.print_ledger, "none"),
            Step("export_ledger", "导出台账", "Ctrl+E", self.export_ledger, "none"),
            Step("print_view", "打印屏幕所见", "", lambda _=None: self.print_view(), "none"),
            Step("export_view", "导出屏幕所见", "", lambda _=None: self.export_view(), "none"),
        ]

    def get(self, row_id: int) -> items.SupervisionItem:
        return items.get(self.session, row_id)

    def _has_source(self, row) -> bool:
        return row is not None and views.source_incoming(self.session, row.id) is not None

    def open_source(self, item: items.SupervisionItem) -> None:
        """The 收文 the item came from, on the 公文 tab's 收文 page (nothing changes here)."""
        if item.source_incoming is None:
            messages.info(self, "打开来源收文", "该督办事项没有登记来源收文。")
            return None
        self.open_item.emit(RecordLink("documents", "incoming", item.source_incoming, "收文"))
        return None

    @staticmethod
    def _intro(item: items.SupervisionItem) -> str:
        return f"{item.number}　{item.title}\n牵头单位：{item.lead_unit}　办结时限：{item.due_date}"

    def _form(self, title: str, item: items.SupervisionItem, fields: list[Field], action) -> StepForm:
        return StepForm(self.tr(title), fields, action, self._intro(item))

    # --- the flow -------------------------------------------------------------------------------------------
    def create(self, _=None) -> StepForm:
        def save(v: dict):
            assign = v.pop("assign") == "立即交办"
            item = items.create(self.session, assign=assign, **v)
            if item.warning:
                messages.warn(self, self.tr("办结时限"), item.warning)
            return item

        units = tuple(views.known_units(self.session))
        return StepForm(self.tr("督办立项"), [
            Field("source_type", "来源类型", "choice", SOURCES[0], SOURCES),
            Field("title", "督办事项"),
            Field("source_no", "建议号/提案号", placeholder="人大代表建议、政协提案填写，如 建001"),
            Field("delegate", "领衔代表/提案人"),
            Field("source_doc_no", "来源文号", placeholder="批示件、上级文件的文号"),
            Field("leader", "批示领导"),
            Field("instruction", "批示原文", "text"),
            Field("lead_unit", "牵头单位", complete=units, placeholder="输入几个字可从已有单位中选"),
            Field("handler", "责任人"),
            Field("co_units", "配合单位", placeholder="多个单位用顿号分隔"),
            Field("assigned_on", "交办日期", "date"),
            Field("due", "办结时限", placeholder="日期（如 2026-07-31）或「20个工作日」「3个月」；建议提案可不填"),
            Field("requirement", "办理要求", "text"),
            Field("secrecy", "密级", "choice", "非密", SECRECY),
            Field("assign", "立项后", "choice", "立即交办", ("立即交办", "暂不交办")),
        ], save)

    def assign(self, item) -> StepForm:
        return self._form("交办", item, [Field("on", "交办日期", "date")],
                          lambda v: flow.assign(self.session, item.id, v["on"]))

    def feedback(self, item) -> StepForm:
        return self._form("进展反馈", item, [
            Field("on", "反馈日期", "date"), Field("content", "反馈内容", "text"),
            Field("percent", "完成进度（%）", default=str(item.progress or "")),
            Field("attachments", "附件名称", "text", placeholder="每行一个；文件由办公室留存")],
            lambda v: flow.feedback(self.session, item.id, v["content"], v["percent"], v["on"], v["attachments"]))

    def extend(self, item) -> StepForm:
        return self._form("申请延期", item, [
            Field("new_due", "延至", placeholder="日期（如 2026-08-31）或「10个工作日」（从现时限起算）"),
            Field("reason", "延期理由", "text"), Field("on", "申请日期", "date")],
            lambda v: flow.request_extension(self.session, item.id, v["new_due"], v["reason"], v["on"]))

    def approve_extension(self, item) -> StepForm:
        pending = flow.pending_extension(item)
        asked = f"\n申请延至 {pending.new_due}：{pending.reason}" if pending else ""
        return StepForm(self.tr("批准延期"), [
            Field("opinion", "审批意见", default="同意延期。"),
            Field("new_due", "批准延至", placeholder="不填按申请的日期")],
            lambda v: flow.approve_extension(self.session, item.id, v["opinion"], v["new_due"]),
            self._intro(item) + asked)

    def reject_extension(self, item) -> StepForm:
        return self._form("驳回延期申请", item, [Field("opinion", "驳回理由", "text")],
                          lambda v: flow.reject_extension(self.session, item.id, v["opinion"]))

    def report(self, item) -> StepForm:
        fields = [Field("text", "办结报告", "text"), Field("on", "报送日期", "date")]
        if item.is_proposal:
            grades = tuple(f"{k}（{v}）" for k, v in ANSWER_CLASSES.items())
            fields.insert(1, Field("answer_class", "答复类别", "choice", grades[0], grades))
        return self._form("提交办结报告", item, fields, lambda v: flow.report(
            self.session, item.id, v["text"], v.get("answer_class", "")[:1], v["on"]))

    def submit_review(self, item) -> Change:
        flow.submit_review(self.session, item.id)
        return Change.of(self.kind, item.id, summary=f"督办 {item.number} 提交审核")

    def close_item(self, item) -> StepForm:
        fields = [Field("opinion", "审核意见", default="同意办结。"), Field("on", "办结日期", "date")]
        if item.is_proposal:
            fields.insert(1, Field("satisfaction", "代表委员满意度", "choice", SATISFACTION[0], SATISFACTION))
        return self._form("审核通过（办结）", item, fields, lambda v: flow.close(
            self.session, item.id, v["opinion"], v.get("satisfaction", ""), v["on"]))

    def reject_review(self, item) -> StepForm:
        return self._form("审核不通过", item, [Field("opinion", "不通过的理由和要求", "text")],
                          lambda v: flow.reject_review(self.session, item.id, v["opinion"]))

    def send_back(self, item) -> StepForm:
        return self._form("退办", item, [Field("reason", "退办理由", "text")],
                          lambda v: flow.send_back(self.session, item.id, v["reason"]))

    def reassign(self, item) -> StepForm:
        return self._form("重新交办", item, [
            Field("lead_unit", "牵头单位", complete=tuple(views.known_units(self.session))),
            Field("handler", "责任人"), Field("co_units", "配合单位"),
            Field("due", "办结时限", placeholder="不填沿用现时限")],
            lambda v: flow.reassign(self.session, item.id, v["lead_unit"], v["due"], v["handler"], v["co_units"]))

    def archive(self, item) -> StepForm:
        return self._form("归档", item, [Field("archive_no", "归档号", placeholder="可不填")],
                          lambda v: flow.archive(self.session, item.id, v["archive_no"]))

    def stage_done(self, item) -> StepForm | None:
        open_stages = [s for s in item.stages.order_by(items.SupervisionStage.due_date) if s.done_on is None]
        if not open_stages:
            messages.info(self, self.tr("阶段完成"), self.tr("这件督办事项没有未完成的阶段时限。"))
            return None
        labels = tuple(f"{s.due_date} {s.name}" for s in open_stages)
        return self._form("登记阶段任务完成", item, [
            Field("which", "阶段任务", "choice", labels[0], labels), Field("on", "完成日期", "date")],
            lambda v: flow.stage_done(self.session, open_stages[labels.index(v["which"])].id, v["on"]))

    def edit(self, item) -> StepForm:
        """Correct what was typed at 立项; the 牵头单位 changes by 退办/重新交办 and the 时限 by 延期."""
        kinds = {"instruction": "text", "requirement": "text", "remarks": "text"}
        fields = [Field(key, label, kinds.get(key, "line"), str(getattr(item, key) or ""))
                  for key, label in flow.EDITABLE.items() if key != "secrecy"]
        fields.append(Field("secrecy", "密级", "choice", item.secrecy, SECRECY))
        return StepForm(self.tr("修改督办事项"), fields, lambda v: flow.edit(self.session, item.id, v, item.version),
                        self._intro(item) + self.tr("\n督办编号不变；修改会记入办理经过和审计日志。"))

    def urge(self, ids: list[int]) -> StepForm:
        intro = (f"已选中 {len(ids)} 件督办事项；催办对象不填即各事项的牵头单位。" if len(ids) > 1
                 else self._intro(items.get(self.session, ids[0])))
        return StepForm(self.tr("催办"), [
            Field("method", "催办方式", "choice", URGE_METHODS[0], URGE_METHODS),
            Field("target", "催办对象", placeholder="不填即牵头单位"),
            Field("request", "催办要求", "text", "请于办结时限前报送办理情况。"),
            Field("answer", "对方答复", "text")],
            lambda v: urging.urge(self.session, ids, v["method"], v["target"], v["request"], v["answer"]), intro)

    # --- 督办单 ---------------------------------------------------------------------------------------------
    def issue_slip(self, item) -> StepForm:
        """签发 at the item's level (or the one chosen), then the 督办单 in the print preview."""
        def save(v: dict):
            from exporters.supervision import export_slip

            pdf = previews.new_file(f"督办单-{item.number}.pdf")
            level = "" if v["level"] == LEVELS[0] else v["level"][:1]
            try:
                slip = export_slip(self.session, item.id, pdf, level, v["limit_date"], v["signer"], v["reason"])
            except Exception:
                previews.discard(pdf)
                raise
            QTimer.singleShot(0, lambda: self.preview_slip(slip, pdf))  # after the step's dialog has closed
            return slip

        return self._form("出具督办单", item, [
            Field("level", "督办等级", "choice", LEVELS[0], LEVELS),
            Field("limit_date", "督办限期", placeholder="不填即办结时限；已逾期的为3个工作日后"),
            Field("reason", "督办事由", "text", placeholder="不填即按督办等级的原因"),
            Field("signer", "签发人", default=self.session.display_name)], save)

    def preview_slip(self, slip, pdf) -> None:
        from exporters.supervision import write_slip
        from ui.widgets.preview import PreviewDialog, save_to

        def save_as() -> None:
            save_to(self, self.tr("另存为"), f"{slip.colour}色督办单-{slip.number}.docx",
                    "Word 文件 (*.docx);;PDF 文件 (*.pdf)", lambda path: write_slip(self.session, slip.id, path))

        PreviewDialog(pdf, f"{slip.colour}色督办单 {slip.number}", save_as, self).exec()

    # --- the 台账 as a whole --------------------------------------------------------------------------------
    def print_ledger(self, _=None) -> None:
        """The whole 督查台账 as of today in the print preview, then 打印 or 另存为 .xlsx/.pdf."""
        from exporters.supervision import export_ledger
        from ui.widgets.preview import preview_file

        preview_file(self, "督查台账.pdf", lambda pdf: export_ledger(self.session, pdf),
                     lambda count: self.tr("督查台账（%1 件）").replace("%1", str(count)), self.export_ledger,
                     self.tr("打印台账"))

    def export_ledger(self, _=None) -> None:
        from exporters.supervision import export_ledger
        from ui.widgets.preview import save_path

        path = save_path(self, self.tr("导出督查台账"), "督查台账.xlsx", "Excel 文件 (*.xlsx);;PDF 文件 (*.pdf)")
        if not path:
            return
        try:
            count = export_ledger(self.session, path)
        except SanbanError as exc:
            messages.warn(self, self.tr("导出督查台账"), exc.message)
            return
        messages.info(self, self.tr("导出督查台账"), self.tr("已导出 %1 件到\n%2").replace("%1", str(count))
                      .replace("%2", path))
