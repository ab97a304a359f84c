"""领导外出报备: who is away today on top, the recent reports below; 报备, 行程变更, 销假, 作废."""

from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models.core import clock
from models.core.rights import allowed
from models.duty import absences, roster
from models.duty.manifest import EDIT_DUTY
from models.duty.terms import ABSENCE_KINDS, DAY_PARTS
from ui import messages
from ui.widgets.actions import step_action
from ui.widgets.step_dialog import Field, StepDialog

COLUMNS = ("外出人员", "职务", "事由", "时间", "地点", "代为主持工作", "联系方式", "审批/报备", "状态")


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


class AbsencePage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_edit = allowed(session, EDIT_DUTY)
        bar = QToolBar()
        for label, shortcut, slot in ([("报备", "Ctrl+N", self.report), ("行程变更", "", self.change),
                                       ("销假", "", self.returned), ("作废", "", self.void)] if self.can_edit else []):
            action = step_action(self, label, shortcut, slot)
            bar.addAction(action)
        self.today = QLabel()
        self.today.setWordWrap(True)
        self.today.setStyleSheet("background: #f4f6f8; border: 1px solid #d0d5da; padding: 6px;")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(self.today)
        layout.addWidget(self.table, 1)
        self.entries: list[absences.Absence] = []

    def action_new(self) -> None:
        self.report()

    def refresh(self) -> None:
        away = absences.away_on(self.session, clock.today())
        late = absences.overdue_returns(self.session)
        text = "今日外出：" + ("；".join(a.summary for a in away) if away else "无")
        if late:
            text += "<br><span style='color:#a61b0f'>逾期未销假：" + "；".join(
                f"{a.person}（应于{a.end_on:%m-%d}{a.end_part}返回）" for a in late) + "</span>"
        self.today.setText(text)
        self.entries = absences.recent(self.session)
        self.table.setRowCount(len(self.entries))
        away_ids = {a.id for a in away}
        late_ids = {a.id for a in late}
        for row, entry in enumerate(self.entries):
            state = absences.STATUS[entry.status] + ("（逾期未销假）" if entry.id in late_ids else "")
            values = (entry.person, entry.position, f"{entry.kind}：{entry.purpose}" if entry.purpose else entry.kind,
                      entry.period_text, entry.destination, entry.stand_in, entry.contact, entry.approved_by, state)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if entry.id in late_ids:
                    item.setForeground(QBrush(QColor("#a61b0f")))
                elif entry.status != "reported":
                    item.setForeground(QBrush(QColor("#777777")))
                elif entry.id in away_ids:
                    item.setForeground(QBrush(QColor("#1f4e99")))
                if entry.changes:
                    item.setToolTip(entry.changes)
                self.table.setItem(row, column, item)

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def one(self) -> absences.Absence | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            messages.info(self, self.tr("领导外出"), self.tr("请先选中一条报备。"))
            return None
        return self.entries[rows[0].row()]

    def _run(self, title: str, fields: list[Field], action, intro: str = "") -> None:
        dialog = StepDialog(title, fields, action, self, intro)
        if dialog.exec():
            self.refresh()
            result = dialog.result_value
            if isinstance(result, tuple) and result[1]:
                messages.info(self, title, "\n".join(result[1]))

    def report(self) -> None:
        self._run(self.tr("领导外出报备"), absence_fields(self.session), lambda v: absences.report(self.session, v))

    def change(self) -> None:
        if entry := self.one():
            fields = absence_fields(self.session, entry) + [Field("reason", "变更原因")]
            self._run(self.tr("行程变更"), fields, lambda v: absences.change(self.session, entry.id, v, entry.version),
                      entry.summary)

    def returned(self) -> None:
        if entry := self.one():
            self._run(self.tr("销假"), [], lambda v: absences.mark_returned(self.session, entry.id),
                      f"{entry.summary}\n确认已返回并销假？")

    def void(self) -> None:
        if entry := self.one():
            self._run(self.tr("作废报备"), [Field("reason", "作废原因", placeholder="如：行程取消")],
                      lambda v: absences.void(self.session, entry.id, v["reason"]), entry.summary)

