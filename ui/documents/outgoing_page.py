"""发文: from the draft to the archive; the 发文字号 is taken at 签发."""

from models.core import clock
from models.core.changes import NOTHING, Change
from models.documents import outgoing as dispatch
from models.documents.ledger import OutgoingLedger
from models.documents.manifest import EDIT_DOCUMENTS
from models.documents.terms import DOC_TYPES, RETENTION, SECRECY, URGENCY
from ui import messages
from ui.documents import files
from ui.widgets.ledger_page import SEPARATOR, LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field


class OutgoingPage(LedgerPage):
    kind = "outgoing"
    noun = "件发文"
    new_step = "draft"
    print_step = "print_sheet"
    export_step = "export"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, OutgoingLedger(session), parent,
                         empty_hint="还没有发文。按 Ctrl+N 拟稿登记，或用「导入旧台账」导入原来的 Excel 台账。")

    def declare_steps(self) -> list[Step]:
        edit = EDIT_DOCUMENTS
        return [
            Step("draft", "拟稿", "Ctrl+N", self.draft, "none", edit),
            Step("review", "核稿", "Ctrl+1", self.review, right=edit),
            Step("countersign", "会签", "Ctrl+2", self.countersign, right=edit),
            Step("sign", "签发并编号", "Ctrl+3", self.sign, right=edit),
            Step("print_done", "印制", "Ctrl+4", self.print_done, right=edit),
            Step("distribute", "分发", "Ctrl+5", self.distribute, right=edit),
            Step("archive", "归档", "Ctrl+8", self.archive, right=edit),
            Step("send_back", "退改", "", self.send_back, right=edit),
            Step("void", "作废", "", self.void, right=edit),
            Step("reserve", "预留文号", "", self.reserve, "none", edit, change=lambda _: NOTHING),
            SEPARATOR,
            Step("print_sheet", "打印发文稿纸", "Ctrl+P", self.print_sheet, menu=False),
            Step("print_ledger", "打印台账", "", self.print_ledger, "none"),
            Step("export", "导出台账", "Ctrl+E", self.export, "none"),
            Step("import", "导入旧台账", "", self.import_ledger, "none", edit),
        ]

    def get(self, row_id: int) -> dispatch.Outgoing:
        return dispatch.get(self.session, row_id)

    @staticmethod
    def _intro(doc: dispatch.Outgoing) -> str:
        return f"{doc.doc_no or '（未编号）'}　{doc.title}"

    def print_sheet(self, doc: dispatch.Outgoing) -> None:
        files.print_form(self, self.session, "drafting-sheet", doc.id, f"发文稿纸-{doc.doc_no or doc.id}")

    def print_ledger(self, _=None) -> None:
        files.print_ledger(self, self.session, ("outgoing-ledger", "outgoing-progress"))

    def export(self, _=None) -> None:
        files.export_ledger(self, self.session, ("outgoing-ledger", "outgoing-progress"), self.export_view)

    def import_ledger(self, _=None) -> Change | None:
        if files.import_ledger(self, self.session, "outgoing"):
            return Change.of(self.kind, summary="导入旧台账")
        return None

    def draft(self, _=None) -> StepForm:
        prefixes = dispatch.prefixes(self.session)
        fields = [Field("prefix", "机关代字", default=prefixes[0] if prefixes else "", complete=tuple(prefixes),
                        placeholder="如 县委办发、县委办函"),
                  Field("title", "标题"), Field("doc_type", "文种", "choice", "（按标题判断）", ("（按标题判断）", *DOC_TYPES)),
                  Field("draft_unit", "拟稿单位"), Field("drafter", "拟稿人", default=self.session.display_name),
                  Field("drafted_on", "拟稿日期", "date"), Field("main_to", "主送"), Field("copy_to", "抄送"),
                  Field("secrecy", "密级", "choice", "非密", SECRECY), Field("secrecy_term", "保密期限"),
                  Field("urgency", "紧急程度", "choice", "无", URGENCY[:3]), Field("print_copies", "拟印份数"),
                  Field("attachments", "附件")]

        def save(v):
            data = dict(v)
            if data["doc_type"] == "（按标题判断）":
                data["doc_type"] = ""
            return dispatch.draft(self.session, data)

        return StepForm(self.tr("发文拟稿登记"), fields, save)

    def review(self, doc: dispatch.Outgoing) -> StepForm:
        return StepForm(self.tr("核稿"), [Field("reviewer", "核稿人"), Field("opinion", "核稿意见", "text"),
                                         Field("on", "核稿日期", "date")],
                        lambda v: dispatch.review(self.session, doc.id, v["reviewer"], v["opinion"], v["on"]),
                        self._intro(doc))

    def countersign(self, doc: dispatch.Outgoing) -> StepForm:
        return StepForm(self.tr("会签"), [Field("unit", "会签单位"), Field("person", "会签人"),
                                         Field("opinion", "意见", "text"), Field("on", "会签日期", "date")],
                        lambda v: dispatch.countersign(self.session, doc.id, v["unit"], v["person"], v["opinion"],
                                                       v["on"]), self._intro(doc))

    def sign(self, doc: dispatch.Outgoing) -> StepForm:
        def save(v):
            signed = dispatch.sign(self.session, doc.id, v["signer"], v["opinion"], v["on"])
            messages.info(self, self.tr("签发"), self.tr("已签发，发文字号：%1").replace("%1", signed.doc_no))
            return signed

        return StepForm(self.tr("签发（取发文字号）"), [Field("signer", "签发人"), Field("opinion", "签发意见", "text", "同意"),
                                                 Field("on", "签发日期", "date")], save, self._intro(doc))

    def print_done(self, doc: dispatch.Outgoing) -> StepForm:
        return StepForm(self.tr("印制"), [Field("copies", "印制份数"), Field("proofreader", "校对人"),
                                         Field("on", "印制日期", "date")],
                        lambda v: dispatch.record_print(self.session, doc.id, v["copies"], v["on"], v["proofreader"]),
                        self._intro(doc))

    def distribute(self, doc: dispatch.Outgoing) -> StepForm:
        def save(v):
            lines = []
            for line in v["lines"].splitlines():
                if line.strip():
                    unit, _, copies = line.replace("：", ":").rpartition(":")
                    lines.append((unit or line, copies))
            return dispatch.distribute(self.session, doc.id, lines)

        return StepForm(self.tr("分发"), [Field("lines", "分送（每行：单位：份号）", "text", "县委组织部：1-3")], save,
                        self._intro(doc))

    def archive(self, doc: dispatch.Outgoing) -> StepForm:
        return StepForm(self.tr("归档"), [Field("retention", "保管期限", "choice", "永久", RETENTION)],
                        lambda v: dispatch.archive(self.session, doc.id, v["retention"]), self._intro(doc))

    def send_back(self, doc: dispatch.Outgoing) -> StepForm:
        return StepForm(self.tr("退改"), [Field("reason", "退改理由", "text")],
                        lambda v: dispatch.send_back(self.session, doc.id, v["reason"]), self._intro(doc))

    def void(self, doc: dispatch.Outgoing) -> StepForm:
        return StepForm(self.tr("作废"), [Field("reason", "作废理由", "text")],
                        lambda v: dispatch.void(self.session, doc.id, v["reason"]), self._intro(doc))

    def reserve(self, _=None) -> StepForm:
        prefixes = dispatch.prefixes(self.session)

        def save(v):
            item = dispatch.reserve(self.session, v["prefix"], clock.today().year, v["reason"])
            messages.info(self, self.tr("预留发文字号"), dispatch.doc_number(item.prefix, item.year, item.serial))
            return item

        return StepForm(self.tr("预留发文字号"), [
            Field("prefix", "机关代字", default=prefixes[0] if prefixes else "", complete=tuple(prefixes)),
            Field("reason", "预留原因", "text")], save)
