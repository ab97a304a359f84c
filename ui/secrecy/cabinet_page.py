"""证件柜: every 因私出入境证件 with its custody (在库/借出/逾期/注销) on the ledger page, and the 出国(境)
applications below.

借出 needs an approved trip; to someone in their 脱密期 or with an overdue 复审 it needs a 特批理由 as well,
which is audited on its own. 盘点 compares the numbers found in the cabinet with the registry. The colours
(a loan not back in time, an expired 证件 still kept, a trip with no 回国报告) are decided in models.
"""


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter

from models.core import clock
from models.core.changes import Change
from models.core.errors import NeedsConfirmation, ValidationError
from models.secrecy import passports
from models.secrecy.ledger import CabinetLedger, TripsLedger
from models.secrecy.manifest import EDIT_PERSONNEL
from models.secrecy.terms import TRIP_DECISIONS
from ui import messages
from ui.widgets.ledger import LedgerView
from ui.widgets.ledger_page import SEPARATOR, LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field


class CabinetPage(LedgerPage):
    kind = "passport"
    noun = "本证件"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, CabinetLedger(session), parent,
                         empty_hint="证件柜里还没有证件。在「涉密人员」页选中一个人，按 Ctrl+8 证件交存。")
        self.summary = QLabel()
        self.summary.setContentsMargins(8, 2, 8, 2)
        self.trips = LedgerView(TripsLedger(session))  # the 出国(境) applications: a list that grows too
        self.trips.empty_hint = self.tr("没有出国(境)申请。在「涉密人员」页选中一个人，点「出国(境)申请」登记。")
        self.trips._show_count()
        self.trips.toolbar.addWidget(QLabel(self.tr("出国(境)申请与审批（Ctrl+3 审批，Ctrl+4 回国报告）")))
        self.trips.toolbar.addAction(self.trips.columns_action)
        self.layout_.removeWidget(self.ledger)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ledger)
        split.addWidget(self.trips)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(split, 1)
        self._show_summary()

    def declare_steps(self) -> list[Step]:
        edit = EDIT_PERSONNEL
        trip = lambda result: Change.of("trip", getattr(result, "id", None))  # noqa: E731
        return [
            Step("lend", "借出", "Ctrl+1", self.lend, right=edit),
            Step("give_back", "交回", "Ctrl+2", self.give_back, right=edit),
            Step("cancel", "注销", "", self.cancel, right=edit),
            Step("stock_take", "盘点", "", self.stock_take, "none", edit, change=lambda _: Change.of("stock_take")),
            SEPARATOR,
            Step("decide", "出国(境)审批", "Ctrl+3", self.decide, "none", edit, change=trip),
            Step("report_back", "回国(境)报告", "Ctrl+4", self.report_back, "none", edit, change=trip),
        ]

    def get(self, row_id: int) -> passports.Passport:
        found = passports.Passport.get_or_none(passports.Passport.id == row_id)
        if found is None:
            raise ValidationError("passport", "这本证件已不存在，请刷新。")
        return found

    def concerns(self, change: Change) -> bool:
        return change.concerns(self.source.kinds | self.trips.source.kinds | {"stock_take"})

    def refresh(self) -> None:
        super().refresh()
        self.trips.refresh()
        self._show_summary()

    def apply_change(self, change: Change) -> None:
        super().apply_change(change)
        if "trip" in change.kinds and change.first_id is not None:
            self.trips.select_record(change.first_id)

    def open_record(self, kind: str, record_id: int | None) -> None:
        """From 今日: a 证件 on the upper ledger, an 出国(境) application on the lower one."""
        view = self.trips if kind == "trip" else self.ledger
        if record_id is not None:
            view.select_record(record_id)
        view.table.setFocus()

    def _show_summary(self) -> None:
        items = passports.passports(self.session)
        counts = {s: sum(1 for i in items if i.status == s) for s in ("in", "out")}
        last = passports.last_stock_take()
        self.summary.setText(self.tr("在库 %1 本，借出 %2 本。上次盘点：%3").replace("%1", str(counts["in"]))
                             .replace("%2", str(counts["out"]))
                             .replace("%3", f"{last.on}（{last.by}）" if last else "无"))

    def _trip(self) -> passports.Trip | None:
        row = self.trips.selected_row()
        trip = passports.Trip.get_or_none(passports.Trip.id == row.id) if row is not None else None
        if trip is None:
            messages.info(self, self.tr("出国(境)"), self.tr("请先在下面的表中选中一条出国(境)申请。"))
        return trip

    def lend(self, item: passports.Passport) -> StepForm:
        approved = [t for t in passports.trips(self.session, item.person_id) if t.decision == "批准"]
        labels = {t.label: t.id for t in approved}
        blockers = passports.lend_blockers(item.person)

        def act(values: dict):
            data = dict(values, trip=labels.get(values["trip"], ""))
            try:
                return passports.lend(self.session, item.id, data)
            except NeedsConfirmation as exc:  # the override is a reason typed in, not a yes
                raise ValidationError("override", exc.message) from None

        intro = f"{item.person.name}的{item.label}。"
        if blockers:
            intro += "\n注意：" + "；".join(blockers) + "。须写明特批理由，将单独记入审计。"
        return StepForm(self.tr("借出证件"), [
            Field("trip", "出国(境)申请（已批准）", "choice", choices=("", *labels), default=next(iter(labels), "")),
            Field("purpose", "其他用途", placeholder="不是出行时写明，如「换领新证」"),
            Field("approved_by", "批准领取的领导"),
            Field("lent_on", "借出日期", "date"),
            Field("due_on", "应交回日期", placeholder="出行的按返回后规定天数自动计算"),
            Field("override", "特批理由", placeholder="仅脱密期内或复审逾期时填写"),
        ], act, intro)

    def give_back(self, item: passports.Passport) -> StepForm:
        return StepForm(self.tr("证件交回"), [Field("on", "交回日期", "date")],
                        lambda v: passports.give_back(self.session, item.id, v["on"]),
                        f"{item.person.name}的{item.label}")

    def cancel(self, item: passports.Passport) -> StepForm:
        return StepForm(self.tr("注销证件"), [Field("reason", "注销原因", placeholder="如：证件过期、已换领新证")],
                        lambda v: passports.cancel(self.session, item.id, v["reason"]),
                        f"{item.person.name}的{item.label}")

    def stock_take(self, _=None) -> StepForm:
        def act(values: dict):
            numbers = values["numbers"].replace("，", " ").replace(",", " ").replace("、", " ").split()
            result = passports.stock_take(self.session, numbers, values["note"])
            lines = [f"应在库 {result.take.expected} 本，清点 {result.take.counted} 本。"]
            lines += ["缺少：" + "；".join(result.missing)] if result.missing else ["在库证件全部清点到。"]
            lines += ["多出：" + "；".join(result.unexpected)] if result.unexpected else []
            return result, lines

        return StepForm(self.tr("盘点证件柜"), [
            Field("numbers", "清点到的证件号码", "text", placeholder="逐本录入或扫码，空格或换行分隔"),
            Field("note", "说明", default=f"{clock.today().year}年度盘点"),
        ], act, self.tr("清点证件柜中的实物，录入号码；系统与登记在库的证件比对。"))

    def decide(self, _=None) -> StepForm | None:
        if (trip := self._trip()) is None:
            return None
        return StepForm(self.tr("出国(境)审批"), [
            Field("decision", "审批结论", "choice", default="批准", choices=TRIP_DECISIONS[1:]),
            Field("approved_by", "审批人"),
            Field("decided_on", "审批日期", "date"),
            Field("secrecy_opinion", "组织人事、保密工作机构意见", default=trip.secrecy_opinion),
            Field("briefed_on", "行前保密教育日期", placeholder="已进行时填写"),
        ], lambda v: passports.decide_trip(self.session, trip.id, v), f"{trip.person.name}：{trip.label}")

    def report_back(self, _=None) -> StepForm | None:
        if (trip := self._trip()) is None:
            return None
        return StepForm(self.tr("回国(境)报告"), [Field("on", "报告日期", "date")],
                        lambda v: passports.report_back(self.session, trip.id, v["on"]),
                        f"{trip.person.name}：{trip.label}")
