"""排班: a month at a glance, problems in red; Enter edits a day, 调班/替班 with who approved; import and export."""

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models.core import clock
from models.core.errors import SanbanError
from models.core.rights import allowed
from models.duty import roster
from models.duty.manifest import EDIT_DUTY
from models.duty.terms import month_day
from ui import messages
from ui.widgets.preview import save_to
from ui.widgets.step_dialog import Field, StepDialog

RED, HOLIDAY, TODAY = "#a61b0f", "#fdf1e6", "#e8f1fb"


class MonthBox(QSpinBox):
    """1–12 that steps across the year: Up on December shows January of the next year, not of the same one."""

    def __init__(self, year: QSpinBox) -> None:
        super().__init__()
        self._year = year
        self.setRange(1, 12)
        self.setWrapping(True)  # keeps the arrows enabled on December and January

    def stepBy(self, steps: int) -> None:  # noqa: N802
        years, index = divmod(self.value() - 1 + steps, 12)
        if years:
            with QSignalBlocker(self._year):  # one refresh, for the new year and month together
                self._year.setValue(self._year.value() + years)
        if index + 1 == self.value():
            self.valueChanged.emit(self.value())
        else:
            self.setValue(index + 1)


def month_summary(year: int, month: int, days: list[roster.RosterDay], can_edit: bool) -> str:
    """The line above the month: what is missing and what to do, never 「无问题」 over days nobody planned."""
    planned = sum(not d.empty for d in days)
    problems = sum(bool(d.problems) for d in days if not d.empty)
    red = f"<span style='color:{RED}'>%s</span>"
    if not planned:
        todo = ("选中一天按 Enter 排班，或点「导入值班表」导入本月的值班表。" if can_edit
                else "排班由值班员负责，请联系值班员。")
        return f"{year}年{month}月还没有排班（{len(days)} 天都未排）：" + todo
    text = f"{year}年{month}月：已排 {planned}/{len(days)} 天"
    if planned < len(days):
        text += "，" + red % f"{len(days) - planned} 天未排"
    if problems:
        return text + "，" + red % f"{problems} 天有问题"
    return text + ("，已排的天无问题" if planned < len(days) else "，无问题")


class RosterPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_edit = allowed(session, EDIT_DUTY)
        today = clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(" 年")
        self.month = MonthBox(self.year)
        self.month.setValue(today.month)
        self.month.setSuffix(" 月")
        for box in (self.year, self.month):
            box.valueChanged.connect(lambda _: self.refresh())
        bar = QToolBar()
        bar.addWidget(self.year)
        bar.addWidget(self.month)
        bar.addSeparator()
        actions = [("编辑当天", "Return", self.edit_day), ("调班/替班", "", self.change),
                   ("导入值班表", "", self.import_roster)] if self.can_edit else []
        for label, shortcut, slot in actions + [("导出值班表", "", self.export)]:
            action = QAction(label, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            bar.addAction(action)
        self.summary = QLabel()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _: self.edit_day())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.days: list[roster.RosterDay] = []

    def refresh(self) -> None:
        self.days = roster.month(self.session, self.year.value(), self.month.value())
        names = roster.shift_names()
        headers = ["日期", "星期", "节假日", "带班领导", *names, "联系电话", "调班记录/备注", "提醒"]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.days))
        today = clock.today()
        for row, day in enumerate(self.days):
            values = [month_day(day.day), day.weekday, day.holiday, day.leader,
                      *["、".join(day.officers.get(n, [])) for n in names],
                      "；".join(f"{n} {p}" for n, p in day.phones.items()),
                      "；".join(p for p in (day.note, *day.changes) if p), "；".join(day.problems)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == len(values) - 1 and value:
                    item.setForeground(QBrush(QColor(RED)))
                if day.day == today:
                    item.setBackground(QBrush(QColor(TODAY)))
                elif day.holiday and "上班" not in day.holiday or day.day.weekday() >= 5:
                    item.setBackground(QBrush(QColor(HOLIDAY)))
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.summary.setText(month_summary(self.year.value(), self.month.value(), self.days, self.can_edit)
                             + f"　班次：{'；'.join(s.text for s in roster.shifts())}")
        if self.year.value() == today.year and self.month.value() == today.month:
            self.table.selectRow(today.day - 1)

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def selected_day(self) -> roster.RosterDay | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            messages.info(self, self.tr("排班"), self.tr("请先选中一天。"))
            return None
        return self.days[rows[0].row()]

    def edit_day(self) -> None:
        day = self.selected_day()
        if day is None or not self.can_edit:
            return
        people = tuple(roster.people(self.session))
        fields = [Field("leader", "带班领导", default=day.leader, complete=people)]
        fields += [Field(n, f"{n}值班员", default="、".join(day.officers.get(n, [])), complete=people,
                         placeholder="多人用顿号分开，主班在前") for n in roster.shift_names()]
        fields += [Field("phones", "联系电话", default="、".join(f"{n} {p}" for n, p in day.phones.items()),
                         placeholder="如：张三 13800000000、李四 0871-1234567"),
                   Field("note", "备注", default=day.note)]
        dialog = StepDialog(self.tr("排班"), fields, lambda v: roster.set_day(self.session, day.day, v), self,
                            f"{day.day:%Y年%m月%d日} 星期{day.weekday} {day.holiday}")
        if dialog.exec():
            self.refresh()
            problems = dialog.result_value.problems
            if problems:
                messages.warn(self, self.tr("排班"), "；".join(problems))

    def change(self) -> None:
        day = self.selected_day()
        if day is None:
            return
        people = tuple(roster.people(self.session))
        options = ([f"带班：{day.leader}"] if day.leader else []) + [
            f"{s}：{p}" for s, names in day.officers.items() for p in names]
        if not options:
            messages.info(self, self.tr("调班/替班"), self.tr("这一天还没有排班。"))
            return

        def save(values: dict):
            what, person = values["slot"].split("：", 1)
            role, shift = ("leader", "") if what == "带班" else ("officer", what)
            swap = values["swap_day"].strip()
            from models.core.validators import parse_date

            swap_day = parse_date(swap, "swap_day", day.day.year) if swap else None
            record, notes = roster.change(self.session, day.day, shift, role, person, values["new_person"],
                                          values["approved_by"], values["reason"], swap_day)
            return record, notes

        dialog = StepDialog(self.tr("调班/替班"), [
            Field("slot", "原安排", "choice", choices=tuple(options)),
            Field("new_person", "接替人", complete=people),
            Field("swap_day", "对调日期", placeholder="调班时填写接替人原来的值班日期；替班留空"),
            Field("approved_by", "批准人", complete=people),
            Field("reason", "原因"),
        ], save, self, f"{day.day:%Y年%m月%d日} 星期{day.weekday}")
        if dialog.exec():
            self.refresh()
            notes = dialog.result_value[1]
            if notes:
                messages.info(self, self.tr("调班/替班"), "\n".join(notes))

    def import_roster(self) -> None:
        from importers import roster_import
        from ui.workers import wait_for

        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入值班表"), "", "Excel 文件 (*.xlsx);;CSV 文件 (*.csv)")
        if not path:
            return
        busy = self.tr("正在读取值班表…")
        try:
            parsed, _ = wait_for(self, busy, lambda: roster_import.run(self.session, path, dry_run=True))
        except SanbanError as exc:
            messages.warn(self, self.tr("导入值班表"), exc.message)
            return
        lines = roster_import.preview(parsed)
        if parsed.errors:
            lines += ["", "以下各行有问题，整个文件都没有导入，请在 Excel 中改正后重新导入："] + parsed.report(30)
            messages.warn(self, self.tr("导入值班表"), "\n".join(lines))
            return
        if not messages.confirm(self, self.tr("导入值班表"), "\n".join(lines + ["", "已排的同一天将被表中的安排替换。确定导入吗？"])):
            return
        try:
            parsed, written = wait_for(self, self.tr("正在导入值班表…"), lambda: roster_import.run(self.session, path))
        except SanbanError as exc:
            messages.warn(self, self.tr("导入值班表"), exc.message)
            return
        first = min(parsed.good)
        self.year.setValue(first.year)
        self.month.setValue(first.month)
        self.refresh()
        messages.info(self, self.tr("导入值班表"), self.tr("已导入 %1 天的值班安排。").replace("%1", str(written)))

    def export(self) -> None:
        from exporters.duty import export_roster
        from ui.workers import wait_for

        month = f"{self.year.value()}-{self.month.value():02d}"
        save_to(self, self.tr("导出值班表"), f"值班表{month}.xlsx", "Excel 文件 (*.xlsx);;Word 文件 (*.docx)",
                lambda path: wait_for(self, self.tr("正在导出值班表…"),
                                      lambda: export_roster(self.session, month, path)))
