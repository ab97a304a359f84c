"""提醒: 复审, 培训学时, 脱密期, 证件, 承诺书, 离岗手续, 借调 — red when overdue or missing. Enter opens the person.
规则 edits the policy (脱密期 by level, 复审周期, 学时, 证件交回期限) — the 安全保密管理员's own settings."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from models.core import settings
from models.secrecy.manifest import EDIT_PERSONNEL
from models.secrecy.reminders import reminders
from ui import messages
from ui.secrecy.tables import RED, fill, make_table, selected_row
from ui.widgets.actions import step_action
from ui.widgets.step_dialog import Field, StepDialog

COLUMNS = ("类别", "人员", "事项", "日期")


class RemindersPage(QWidget):
    open_person = Signal(int)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        bar = QToolBar()
        bar.addAction(step_action(self, self.tr("查看人员"), "", self.open_selected))
        bar.addAction(step_action(self, self.tr("规则设置"), "", self.rules))
        self.summary = QLabel()
        self.table = make_table(COLUMNS, 2)
        self.table.activated.connect(lambda _: self.open_selected())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.items = []

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.items = reminders(self.session)
        late = sum(1 for r in self.items if r.late)
        self.summary.setText(self.tr("共 %1 项，其中逾期或缺失 %2 项（红色）。").replace("%1", str(len(self.items)))
                             .replace("%2", str(late)))
        fill(self.table, [((r.kind, r.name, r.text, f"{r.due or ''}"), RED if r.late else None) for r in self.items])

    def open_selected(self) -> None:
        row = selected_row(self.table)
        if row is not None and self.items[row].person_id is not None:
            self.open_person.emit(self.items[row].person_id)

    def rules(self) -> None:
        specs = [s for s in settings.specs().values() if s.owner == EDIT_PERSONNEL]
        values = settings.all_values()
        fields = [Field(s.key, f"{s.label}（{s.unit}）", default=str(values[s.key])) for s in specs]

        def save(typed: dict) -> list[str]:
            changed = []
            for spec in specs:
                if typed[spec.key].strip() != str(values[spec.key]):
                    settings.set_value(self.session, spec.key, typed[spec.key].strip())
                    changed.append(spec.label)
            return changed

        dialog = StepDialog(self.tr("涉密人员管理规则"), fields, save, self,
                            self.tr("国家未统一规定这些数字；按本单位规定设置。已离岗人员的脱密期不随之改变。"))
        if dialog.exec():
            self.refresh()
            if dialog.result_value:
                messages.info(self, self.tr("规则设置"), "已修改：" + "、".join(dialog.result_value))
