"""发文: from the draft to the archive; the 发文字号 is taken at 签发."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from models.core import clock
from models.core.rights import allowed
from models.documents import outgoing as dispatch
from models.documents.ledger import OutgoingLedger
from models.documents.manifest import EDIT_DOCUMENTS
from models.documents.terms import DOC_TYPES, RETENTION, SECRECY, URGENCY
from ui import messages
from ui.documents import files
from ui.widgets.actions import step_action
from ui.widgets.ledger import LedgerView
from ui.widgets.step_dialog import Field, StepDialog


class OutgoingPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.source = OutgoingLedger(session)
        self.ledger = LedgerView(self.source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ledger)
        steps = [("拟稿", "Ctrl+N", self.draft), ("核稿", "Ctrl+1", self.review), ("会签", "Ctrl+2", self.countersign),
                 ("签发并编号", "Ctrl+3", self.sign), ("印制", "Ctrl+4", self.print_done),
                 ("分发", "Ctrl+5", self.distribute), ("归档", "Ctrl+8", self.archive), ("退改", "", self.send_back),
                 ("作废", "", self.void), ("预留文号", "", self.reserve)]
        for label, shortcut, slot in steps if allowed(session, EDIT_DOCUMENTS) else []:
            action = step_action(self, label, shortcut, slot)
            self.ledger.toolbar.addAction(action)
        self.ledger.toolbar.addSeparator()
        for label, slot in (("打印发文稿纸", self.action_print), ("打印台账", self.print_ledger),
                            ("导出台账", self.action_export), ("导入旧台账", self.import_ledger)):
            action = QAction(label, self)
            action.triggered.connect(slot)
            self.ledger.toolbar.addAction(action)
        self.ledger.toolbar.addAction(self.ledger.columns_action)

    def one(self) -> dispatch.Outgoing | None:
        row = self.ledger.selected_row()
        if row is None:
            messages.info(self, self.tr("发文"), self.tr("请先在台账中选中一件发文。"))
            return None
        return dispatch.get(self.session, row.id)

    def step(self, title: str, fields: list[Field], action) -> None:
        doc = self.one()
        if doc is None:
            return
        if StepDialog(title, fields, lambda v: action(doc, v), self, f"{doc.doc_no or '（未编号）'}　{doc.title}").exec():
            self.ledger.refresh()

    def action_new(self) -> None:
        self.draft()

    def action_find(self) -> None:
        self.ledger.focus_search()

    def action_print(self) -> None:
        if (doc := self.one()) is not None:
            files.print_form(self, self.session, "drafting-sheet", doc.id, f"发文稿纸-{doc.doc_no or doc.id}")

    def print_ledger(self) -> None:
        files.print_ledger(self, self.session, ("outgoing-ledger", "outgoing-progress"))

    def action_export(self) -> None:
        files.export_ledger(self, self.session, self.ledger, ("outgoing-ledger", "outgoing-progress"))

    def import_ledger(self) -> None:
        if files.import_ledger(self, self.session, "outgoing"):
            self.ledger.refresh()

    def draft(self) -> None:
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

        if StepDialog(self.tr("发文拟稿登记"), fields, save, self).exec():
            self.ledger.refresh()

    def review(self) -> None:
        self.step(self.tr("核稿"), [Field("reviewer", "核稿人"), Field("opinion", "核稿意见", "text"),
                                   Field("on", "核稿日期", "date")],
                  lambda d, v: dispatch.review(self.session, d.id, v["reviewer"], v["opinion"], v["on"]))

    def countersign(self) -> None:
        self.step(self.tr("会签"), [Field("unit", "会签单位"), Field("person", "会签人"), Field("opinion", "意见", "text"),
                                   Field("on", "会签日期", "date")],
                  lambda d, v: dispatch.countersign(self.session, d.id, v["unit"], v["person"], v["opinion"], v["on"]))

    def sign(self) -> None:
        def save(d, v):
            doc = dispatch.sign(self.session, d.id, v["signer"], v["opinion"], v["on"])
            messages.info(self, self.tr("签发"), self.tr("已签发，发文字号：%1").replace("%1", doc.doc_no))
            return doc

        self.step(self.tr("签发（取发文字号）"), [Field("signer", "签发人"), Field("opinion", "签发意见", "text", "同意"),
                                           Field("on", "签发日期", "date")], save)

    def print_done(self) -> None:
        self.step(self.tr("印制"), [Field("copies", "印制份数"), Field("proofreader", "校对人"),
                                   Field("on", "印制日期", "date")],
                  lambda d, v: dispatch.record_print(self.session, d.id, v["copies"], v["on"], v["proofreader"]))

    def distribute(self) -> None:
        def save(d, v):
            lines = []
            for line in v["lines"].splitlines():
                if line.strip():
                    unit, _, copies = line.replace("：", ":").rpartition(":")
                    lines.append((unit or line, copies))
            return dispatch.distribute(self.session, d.id, lines)

        self.step(self.tr("分发"), [Field("lines", "分送（每行：单位：份号）", "text", "县委组织部：1-3")], save)

    def archive(self) -> None:
        self.step(self.tr("归档"), [Field("retention", "保管期限", "choice", "永久", RETENTION)],
                  lambda d, v: dispatch.archive(self.session, d.id, v["retention"]))

    def send_back(self) -> None:
        self.step(self.tr("退改"), [Field("reason", "退改理由", "text")],
                  lambda d, v: dispatch.send_back(self.session, d.id, v["reason"]))

    def void(self) -> None:
        self.step(self.tr("作废"), [Field("reason", "作废理由", "text")],
                  lambda d, v: dispatch.void(self.session, d.id, v["reason"]))

    def reserve(self) -> None:
        prefixes = dispatch.prefixes(self.session)
        dialog = StepDialog(self.tr("预留发文字号"), [
            Field("prefix", "机关代字", default=prefixes[0] if prefixes else "", complete=tuple(prefixes)),
            Field("reason", "预留原因", "text")],
            lambda v: dispatch.reserve(self.session, v["prefix"], clock.today().year, v["reason"]), self)
        if dialog.exec():
            item = dialog.result_value
            messages.info(self, self.tr("预留发文字号"), dispatch.doc_number(item.prefix, item.year, item.serial))
