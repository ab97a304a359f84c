"""领导外出报备: who is away today on top, every report below on the ledger page; 报备, 行程变更, 销假, 作废.
A report past its planned return without 销假 is red (decided in models/duty/ledger.py)."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models.core import clock
from models.duty import absences, roster
from models.duty.ledger import AbsenceLedger
from models.duty.manifest import EDIT_DUTY
from models.duty.terms import ABSENCE_KINDS, DAY_PARTS
from ui.widgets.ledger_page import LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field


def absence_fields(session, entry: absences.Absence | None = None) -> list[Field]:
    def value(key: str, default: str = "") -> str:
        if entry is None:
            return default
        current = getattr(entry, key)
        return f"{current:%Y-%m-%d}" if isinstance(current, date) else str(current or "")

    people = tuple(roster.people(session))
    return [
        Field("person", "外出人员", default=value("person"), complete=people),
        Field("position", "职务", default=value("position")),
        Field("kind", "事由类别", "choice", default=value("kind", "出差"), choices=ABSENCE_KINDS),
        Field("start_on", "出发日期", "date", default=value("start_on")),
        Field("start_part", "出发时段", "choice", default=value("start_part", "上午"), choices=DAY_PARTS),
        Field("end_on", "返回日期", "date", default=value("end_on")),
        Field("end_part", "返回时段", "choice", default=value("end_part", "晚上"), choices=DAY_PARTS),
        Field("destination", "地点", default=value("destination")),
        Field("purpose", "事由", default=value("purpose")),
        Field("transport", "交通方式", default=value("transport")),
        Field("stand_in", "代为主持工作的同志", default=value("stand_in"), complete=people, placeholder="姓名及职务"),
        Field("contact", "联系方式", default=value("contact")),
        Field("approved_by", "审批人/报备对象", default=value("approved_by")),
    ]


class AbsencePage(LedgerPage):
    kind = "absence"
    noun = "条报备"
    new_step = "report"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, AbsenceLedger(session), parent,
                         empty_hint="还没有外出报备。领导外出时按 Ctrl+N 报备；返回后选中该条「销假」。")
        self.today = QLabel()
        self.today.setWordWrap(True)
        self.today.setTextFormat(Qt.TextFormat.RichText)
        self.today.setStyleSheet("background: #f4f6f8; border: 1px solid #d0d5da; padding: 6px;")
        self.layout_.insertWidget(0, self.today)

    def declare_steps(self) -> list[Step]:
        edit = EDIT_DUTY
        return [
            Step("report", "报备", "Ctrl+N", self.report, "none", edit),
            Step("change", "行程变更", "Ctrl+1", self.change, right=edit),
            Step("returned", "销假", "Ctrl+2", self.returned, right=edit),
            Step("void", "作废", "", self.void, right=edit),
        ]

    def get(self, row_id: int) -> absences.Absence:
        entry = absences.Absence.get_or_none(absences.Absence.id == row_id)
        if entry is None:
            raise absences.ValidationError("id", "这条报备已不存在，请刷新。")
        return entry

    def refresh(self) -> None:
        self._banner()
        super().refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        self._banner()  # who is away moves with the day
        super().showEvent(event)

    def _banner(self) -> None:
        away = absences.away_on(self.session, clock.today())
        late = absences.overdue_returns(self.session)
        text = "今日外出：" + ("；".join(a.summary for a in away) if away else "无")
        if late:
            text += "<br><span style='color:#a61b0f'>逾期未销假：" + "；".join(
                f"{a.person}（应于{a.end_on:%m-%d}{a.end_part}返回）" for a in late) + "</span>"
        self.today.setText(text)

    def report(self, _=None) -> StepForm:
        return StepForm(self.tr("领导外出报备"), absence_fields(self.session),
                        lambda v: absences.report(self.session, v))

    def change(self, entry: absences.Absence) -> StepForm:
        fields = absence_fields(self.session, entry) + [Field("reason", "变更原因")]
        return StepForm(self.tr("行程变更"), fields,
                        lambda v: absences.change(self.session, entry.id, v, entry.version), entry.summary)

    def returned(self, entry: absences.Absence) -> StepForm:
        return StepForm(self.tr("销假"), [], lambda v: absences.mark_returned(self.session, entry.id),
                        f"{entry.summary}\n确认已返回并销假？")

    def void(self, entry: absences.Absence) -> StepForm:
        return StepForm(self.tr("作废报备"), [Field("reason", "作废原因", placeholder="如：行程取消")],
                        lambda v: absences.void(self.session, entry.id, v["reason"]), entry.summary)
