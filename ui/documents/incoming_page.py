"""收文: the ledger with the flow's steps on the toolbar (and their shortcuts), batch work on many rows."""

from PySide6.QtWidgets import QLabel

from models.core.changes import Change
from models.documents import incoming as documents
from models.documents.ledger import IncomingLedger
from models.documents.manifest import EDIT_DOCUMENTS
from models.documents.terms import DOC_TYPES, RETENTION, SECRECY, URGENCY
from ui import messages
from ui.widgets.ledger_page import SEPARATOR, LedgerPage, Step, StepForm
from ui.widgets.step_fields import Field


def registration_fields(units: list[str]) -> list[Field]:
    """The 收文登记 form, in the order a secretary reads a document's 版头 and 版记."""
    return [
        Field("received_on", "收文日期", "date"),
        Field("source_org", "来文单位", complete=tuple(units), placeholder="输入几个字可从已登记的单位中选"),
        Field("doc_no", "来文字号", placeholder="如 市委办发〔2026〕31号；括号、全角数字会自动规范"),
        Field("title", "标题"),
        Field("doc_type", "文种", "choice", "", ("（按标题判断）", *DOC_TYPES)),
        Field("secrecy", "密级", "choice", "非密", SECRECY),
        Field("secrecy_term", "保密期限", placeholder="如 10年、6个月；不填按法定最长期限"),
        Field("copy_nos", "份号", placeholder="涉密文件必填，如 000012 或 000012-000013"),
        Field("urgency", "紧急程度", "choice", "无", URGENCY[:3]),
        Field("copies", "份数", default="1"),
        Field("pages", "页数"),
        Field("attachments", "附件"),
        Field("kind", "文件性质", "choice", "办件", documents.KINDS),
        Field("due_workdays", "办理时限（工作日）", placeholder="可在交办时再填；特急、加急文件交办时必填"),
        Field("remarks", "备注"),
    ]


class IncomingPage(LedgerPage):
    kind = "incoming"
    noun = "件文件"
    new_step = "register"
    print_step = "print_slip"
    export_step = "export"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, IncomingLedger(session), parent,
                         empty_hint="还没有收文。按 Ctrl+N 登记，或用「导入旧台账」导入原来的 Excel 台账。")
        self.last_registered = QLabel()
        self.last_registered.setStyleSheet("color: #1d6b2f;")
        self.layout_.addWidget(self.last_registered)

    def declare_steps(self) -> list[Step]:
        edit = EDIT_DOCUMENTS
        return [
            Step("register", "登记", "Ctrl+N", self.register, "none", edit, change=self._registered),
            Step("propose", "拟办", "Ctrl+1", self.propose, right=edit),
            Step("instruct", "批示", "Ctrl+2", self.instruct, right=edit),
            Step("assign", "承办", "Ctrl+3", self.assign, right=edit),
            Step("remind", "催办", "Ctrl+4", self.remind, right=edit),
            Step("lend", "传阅", "Ctrl+5", self.lend, right=edit),
            Step("take_back", "收回", "Ctrl+6", self.take_back, right=edit),
            Step("close", "办结", "Ctrl+7", self.close_docs, "many", edit),
            Step("archive", "归档", "Ctrl+8", self.archive_docs, "many", edit),
            Step("reassign", "改承办单位", "", self.reassign, "many", edit),
            Step("edit", "修改登记", "", self.edit, right=edit),
            Step("send_back", "退文", "", self.send_back, right=edit),
            Step("void", "作废", "", self.void, right=edit),
            SEPARATOR,
            Step("print_slip", "打印处理笺", "Ctrl+P", self.print_slip, menu=False),
            Step("print_reminder", "打印催办单", "", self.print_reminder, menu=False),
            Step("print_ledger", "打印台账", "", self.print_ledger, "none"),
            Step("export", "导出台账", "Ctrl+E", self.export, "none"),
            Step("import", "导入旧台账", "", self.import_ledger, "none", edit),
        ]

    def get(self, row_id: int) -> documents.Incoming:
        return documents.get(self.session, row_id)

    @staticmethod
    def _intro(doc: documents.Incoming) -> str:
        return f"{doc.receipt_no}　{doc.title}"

    # --- steps --------------------------------------------------------------------------------------------
    def _registered(self, result) -> Change:
        doc = result
        self.last_registered.setText(self.tr("刚登记：%1　%2").replace("%1", doc.receipt_no).replace("%2", doc.title))
        return Change.of(self.kind, doc.id, summary=f"登记收文 {doc.receipt_no}")

    def register(self, _=None) -> StepForm:
        def save(values: dict):
            data = {k: v for k, v in values.items() if not k.startswith("_")}
            if data.get("doc_type") == "（按标题判断）":
                data["doc_type"] = ""
            doc, notes = documents.register(self.session, data, confirm=bool(values.get("_confirm")))
            if notes:
                messages.info(self, self.tr("收文登记"), "\n".join(notes))
            return doc

        return StepForm(self.tr("收文登记"), registration_fields(documents.known_units(self.session)), save)

    def propose(self, doc: documents.Incoming) -> StepForm:
        phrases = ("拟请主要领导阅示", "拟请分管领导阅示", "拟请办公室主任阅示", "拟交综合科办理", "拟传阅")
        return StepForm(self.tr("拟办"), [
            Field("opinion", "拟办意见", "line", doc.proposal, complete=phrases, placeholder="常用意见：输入几个字可选"),
            Field("by", "拟办人", default=self.session.display_name), Field("on", "拟办日期", "date")],
            lambda v: documents.propose(self.session, doc.id, v["opinion"], v["by"], v["on"]), self._intro(doc))

    def instruct(self, doc: documents.Incoming) -> StepForm:
        return StepForm(self.tr("登记领导批示"), [
            Field("leader", "批示领导"), Field("text", "批示内容", "text"), Field("on", "批示日期", "date")],
            lambda v: documents.instruct(self.session, doc.id, v["leader"], v["text"], v["on"]), self._intro(doc))

    def assign(self, doc: documents.Incoming) -> StepForm:
        def save(v):
            result, warning = documents.assign(self.session, doc.id, v["lead_unit"], v["workdays"], v["due_date"],
                                               v["handler"], v["co_units"], v["on"])
            if warning:
                messages.warn(self, self.tr("办理时限"), warning)
            return result

        units = tuple(documents.known_units(self.session))
        return StepForm(self.tr("交办（承办）"), [
            Field("lead_unit", "承办单位（主办）", default=doc.lead_unit, complete=units),
            Field("handler", "承办人", default=doc.handler), Field("co_units", "协办单位", default=doc.co_units),
            Field("workdays", "办理时限（工作日）", placeholder="如 3；按法定节假日和调休计算"),
            Field("due_date", "或截止日期", placeholder="如 2026-12-10"), Field("on", "交办日期", "date")],
            save, self._intro(doc))

    def remind(self, doc: documents.Incoming) -> StepForm:
        return StepForm(self.tr("催办"), [
            Field("target", "催办对象", default=doc.lead_unit), Field("method", "催办方式", "choice", "电话",
                                                                    documents.REMIND_METHODS),
            Field("request", "催办要求", "text", f"请于{doc.due_date:%Y-%m-%d}前办结并反馈。" if doc.due_date else ""),
            Field("answer", "对方答复", "text")],
            lambda v: documents.remind(self.session, doc.id, v["target"], v["method"], v["request"], v["answer"]),
            self._intro(doc))

    def lend(self, doc: documents.Incoming) -> StepForm:
        return StepForm(self.tr("传阅"), [
            Field("holder", "送阅对象"), Field("copy_no", "份号", placeholder="涉密文件必填" if doc.copy_nos else "")],
            lambda v: documents.lend(self.session, doc.id, v["holder"], v["copy_no"]), self._intro(doc))

    def take_back(self, doc: documents.Incoming) -> StepForm | None:
        out = documents.open_circulations(self.session, doc.id)
        if not out:
            messages.info(self, self.tr("收回"), self.tr("这件文件没有在外传阅的份数。"))
            return None
        labels = tuple(f"{c.holder}" + (f"（第{c.copy_no}份）" if c.copy_no else "") + f" 自{c.lent_at:%m-%d %H:%M}"
                       for c in out)
        return StepForm(self.tr("传阅收回"), [Field("which", "收回哪一份", "choice", labels[0], labels)],
                        lambda v: documents.take_back(self.session, out[labels.index(v["which"])].id),
                        self._intro(doc))

    def _batch(self, ids: list[int], title: str, fields: list[Field], action: str, key: str) -> StepForm:
        intro = f"已选中 {len(ids)} 件" if len(ids) > 1 else self._intro(documents.get(self.session, ids[0]))
        return StepForm(title, fields, lambda v: documents.batch(self.session, ids, action, **{key: v[key]}), intro)

    def close_docs(self, ids: list[int]) -> StepForm:
        return self._batch(ids, self.tr("办结"), [Field("result", "办理结果", "text")], "close", "result")

    def archive_docs(self, ids: list[int]) -> StepForm:
        return self._batch(ids, self.tr("归档"), [Field("retention", "保管期限", "choice", "永久", RETENTION)],
                           "archive", "retention")

    def reassign(self, ids: list[int]) -> StepForm:
        return self._batch(ids, self.tr("更换承办单位"),
                           [Field("lead_unit", "新的承办单位", complete=tuple(documents.known_units(self.session)))],
                           "reassign", "lead_unit")

    def edit(self, doc: documents.Incoming) -> StepForm:
        """Correct what was registered (the 收文编号 stays); each change is kept in the history and audited."""
        current = {"received_on": f"{doc.received_at:%Y-%m-%d}", "source_org": doc.source_org, "doc_no": doc.doc_no,
                   "title": doc.title, "doc_type": doc.doc_type, "secrecy": doc.secrecy,
                   "secrecy_term": doc.secrecy_term, "copy_nos": doc.copy_nos, "urgency": doc.urgency,
                   "copies": str(doc.copies), "pages": str(doc.pages or ""), "attachments": doc.attachments,
                   "kind": doc.kind, "remarks": doc.remarks}
        fields = [Field(f.key, f.label, f.kind, current.get(f.key, f.default), f.choices, f.complete, f.placeholder)
                  for f in registration_fields(documents.known_units(self.session)) if f.key != "due_workdays"]
        return StepForm(self.tr("修改登记"), fields, lambda v: documents.update(self.session, doc.id, v, doc.version),
                        self._intro(doc) + self.tr("\n收文编号不变；修改会记入办理经过和审计日志。"))

    def send_back(self, doc: documents.Incoming) -> StepForm:
        return StepForm(self.tr("退文"), [Field("reason", "退文理由", "text")],
                        lambda v: documents.send_back(self.session, doc.id, v["reason"]), self._intro(doc))

    def void(self, doc: documents.Incoming) -> StepForm:
        return StepForm(self.tr("作废"), [Field("reason", "作废理由", "text")],
                        lambda v: documents.void(self.session, doc.id, v["reason"]),
                        self._intro(doc) + "\n作废后收文编号保留，不再使用。")

    # --- files (their dialogs and workers load on first use: the ledger is on screen before them) ---------------
    def print_slip(self, doc: documents.Incoming) -> None:
        from ui.documents import files

        files.print_form(self, self.session, "routing-slip", doc.id, f"文件处理笺-{doc.receipt_no}")

    def print_reminder(self, doc: documents.Incoming) -> None:
        from ui.documents import files

        files.print_form(self, self.session, "reminder-slip", doc.id, f"催办单-{doc.receipt_no}")

    def print_ledger(self, _=None) -> None:
        from ui.documents import files

        files.print_ledger(self, self.session, ("incoming-ledger", "incoming-progress"))

    def export(self, _=None) -> None:
        from ui.documents import files

        files.export_ledger(self, self.session, ("incoming-ledger", "incoming-progress"), self.export_view)

    def import_ledger(self, _=None) -> Change | None:
        from ui.documents import files

        if files.import_ledger(self, self.session, "incoming"):
            return Change.of(self.kind, summary="导入旧台账")
        return None
