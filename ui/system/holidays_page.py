"""节假日安排: see a year's holidays and 调休 workdays; the 系统管理员 enters years the calendar lacks."""

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from importers.holidays import import_schedule, read_schedule
from models.core import clock, workdays
from models.core.errors import SanbanError
from models.core.rights import Right, allowed
from models.core.validators import parse_date
from ui import messages
from ui.widgets.rows_model import RowsModel
from ui.widgets.table import empty_hint, make_table

WEEKDAYS = "一二三四五六日"
SOURCES = {"table": "本机录入", "package": "内置日历", "weekday": "本机录入", "provisional": "推算"}


class HolidaysPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.editable = allowed(session, Right.EDIT_HOLIDAYS)
        self.year = QSpinBox()
        self.year.setRange(2004, 2100)
        today = clock.today()
        self.year.setValue(today.year + (1 if today.month >= 11 else 0))  # from November, next year's notice is due
        self.year.valueChanged.connect(lambda _: self.refresh())
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年份")))
        top.addWidget(self.year)
        top.addWidget(self.status, 1)
        self.model = RowsModel([self.tr("日期"), self.tr("星期"), self.tr("安排"), self.tr("名称"), self.tr("来源")])
        self.table = make_table(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if self.editable:
            layout.addLayout(self._editor())
        layout.addWidget(self.table)
        # Only the 系统管理员 has the editor: the others are told who enters a year, not to use controls they lack.
        self.help_text = help_text = QLabel(self.tr(
            "每年国务院办公厅发布次年放假安排后（通常在11月），请在上方填写日期、选择「放假」或「调休上班」并点「添加」，"
            "或点「从文件导入…」（每行：日期 | 放假/上班 | 名称，日期可写「2027-02-06至2027-02-12」），"
            "录入完毕后点「本年已录入完毕」。未录入的年份，期限按周一至周五推算并标明「推算」。") if self.editable
            else self.tr("此页供查看放假日和调休上班日，可用「年份」切换年度。"
                         "每年国务院办公厅发布次年放假安排后（通常在11月），"
                         "由系统管理员录入；某年显示「尚未录入」时，请联系系统管理员。"
                         "未录入的年份，期限按周一至周五推算并标明「推算」。"))
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #555;")
        layout.addWidget(help_text)
        self.refresh()

    def _editor(self):
        self.day = QLineEdit()
        self.day.setPlaceholderText(self.tr("日期，如 2027-01-01"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("放假"), False)
        self.kind.addItem(self.tr("调休上班"), True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("名称，如 元旦"))
        row = QHBoxLayout()
        for widget in (self.day, self.kind, self.name):
            row.addWidget(widget)
        for text, slot in ((self.tr("添加"), self.add), (self.tr("删除选中"), self.remove),
                           (self.tr("从文件导入…"), self.import_file), (self.tr("本年已录入完毕"), self.mark)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    def refresh(self) -> None:
        year = self.year.value()
        status = workdays.year_status(year)
        if status.source == "missing":
            self.status.setStyleSheet("color: #8a5300; background: #fff0d1; padding: 4px;")
            self.status.setText(self.tr("%1年的放假安排尚未录入：涉及该年的期限暂按周一至周五推算，标为「推算」。")
                                .replace("%1", str(year)))
        else:
            self.status.setStyleSheet("color: #1d6b2f; padding: 4px;")
            text = self.tr("内置日历已包含该年安排") if status.source == "package" else self.tr("该年安排已录入")
            self.status.setText(text + (f"（{status.note}）" if status.note else ""))
        rows = []
        for info in workdays.special_days(year):
            rows.append((info.day, [f"{info.day:%Y-%m-%d}", f"星期{WEEKDAYS[info.day.weekday()]}",
                                    "上班" if info.is_workday else "放假", info.kind_text if not info.name else info.name,
                                    SOURCES[info.source]]))
        self.model.set_rows(rows)
        hint = empty_hint(self.table)
        hint.setText(self.tr("%1年还没有录入放假日和调休上班日。在上方填写日期并点「添加」，或点「从文件导入…」。")
                     .replace("%1", str(year)) if self.editable else
                     self.tr("%1年还没有录入放假日和调休上班日，期限暂按周一至周五推算。").replace("%1", str(year)))
        hint.resize(self.table.viewport().size())
        hint.setVisible(not rows)

    def add(self) -> None:
        try:
            day = parse_date(self.day.text(), "day")
            entry = workdays.ScheduleEntry(day, self.kind.currentData(), self.name.text())
            workdays.apply_schedule(self.session, [entry])
        except SanbanError as exc:
            messages.warn(self, self.tr("节假日安排"), exc.message)
            return
        self.day.clear()
        self.year.setValue(day.year)
        self.refresh()

    def remove(self) -> None:
        day = self.model.key(self.table.currentIndex().row())
        if day is None:
            messages.info(self, self.tr("节假日安排"), self.tr("请先选中要删除的日期。"))
            return
        try:
            workdays.remove_day(self.session, day)
        except SanbanError as exc:
            messages.warn(self, self.tr("节假日安排"), exc.message)
        self.refresh()

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择节假日安排文件"), "",
                                              self.tr("表格 (*.xlsx *.csv *.txt)"))
        if path:
            self.import_path(path)

    def import_path(self, path: str) -> None:
        try:
            preview = read_schedule(path)
        except SanbanError as exc:
            messages.warn(self, self.tr("导入节假日安排"), exc.message)
            return
        if preview.errors:
            messages.warn(self, self.tr("导入节假日安排"),
                          self.tr("文件中有错误，未导入任何内容：\n") + "\n".join(preview.errors[:30]))
            return
        if not messages.confirm(self, self.tr("导入节假日安排"),
                                preview.summary() + self.tr("。\n导入后这些年份将标记为「已录入」，原有录入将被替换。确定导入吗？")):
            return
        try:
            import_schedule(self.session, path)
        except SanbanError as exc:
            messages.warn(self, self.tr("导入节假日安排"), exc.message)
            return
        self.year.setValue(min(preview.years))
        self.refresh()

    def mark(self) -> None:
        try:
            workdays.set_year_entered(self.session, self.year.value(), True)
        except SanbanError as exc:
            messages.warn(self, self.tr("节假日安排"), exc.message)
        self.refresh()
