"""值班记录: who is on duty now, the shift's entries and every open item carried over, and the steps on the keys.

Ctrl+N logs (the time defaults to now); Ctrl+1…6 report, instruct, handle, report upward, close; Ctrl+7 corrects;
Ctrl+8 hands over; Ctrl+P opens the day's 值班要情. A graded incident past its reporting limit shows red.
"""

from datetime import timedelta
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models.core import accounts, clock
from models.core.rights import allowed
from models.duty import absences, roster
from models.duty import log as duty_log
from models.duty.manifest import EDIT_DUTY
from models.duty.terms import ENTRY_KINDS, GRADES, month_day
from ui import messages
from ui.widgets.actions import step_action
from ui.widgets.step_dialog import Field, StepDialog

RED, AMBER, GREY, GREEN = "#a61b0f", "#8a5a00", "#777777", "#1d6b2f"
SCOPES = ("本班及未办结", "今日", "昨日", "近 7 日")
COLUMNS = ("时间", "类别", "来电单位/人", "事由", "报告/批示", "状态", "报告时限")


def entry_fields(units: list[str], people: list[str]) -> list[Field]:
    return [
        Field("kind", "类别", "choice", choices=ENTRY_KINDS),
        Field("at", "时间", placeholder="留空为现在；或 14:20、11-23 14:20"),
        Field("unit", "来电单位", complete=tuple(units)),
        Field("person", "来电人", complete=tuple(people)),
        Field("phone", "联系电话"),
        Field("subject", "事由", "text"),
        Field("grade", "事件等级", "choice", choices=("未定", *GRADES)),
        Field("occurred_at", "事发时间", placeholder="突发事件填写，如 19:20"),
        Field("place", "事发地点"),
        Field("secrecy", "密级", "choice", choices=("非密", "内部", "秘密", "机密", "绝密")),
    ]


class LogPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.can_edit = allowed(session, EDIT_DUTY)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setStyleSheet("background: #f4f6f8; border: 1px solid #d0d5da; padding: 6px;")
        self.toolbar = QToolBar()
        self.scope = QComboBox()
        self.scope.addItems(list(SCOPES))
        self.scope.currentIndexChanged.connect(lambda _: self.refresh())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索值班记录（单位、人名、事由…）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(lambda _: self._search_later.start())
        self._search_later = QTimer(self, singleShot=True, interval=200, timeout=self.refresh)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((110, 110, 170, 360, 150, 70, 180)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.table.doubleClicked.connect(lambda _: self.correct())
        self.detail = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        self.actions: dict[str, QAction] = {}
        steps = [
            ("log", "登记", "Ctrl+N", self.log),
            ("report", "报告领导", "Ctrl+1", self.report),
            ("instruct", "领导批示", "Ctrl+2", self.instruct),
            ("handle", "处理情况", "Ctrl+3", self.handle),
            ("phone", "电话上报", "Ctrl+4", lambda: self.report_up("phone")),
            ("written", "书面上报", "Ctrl+5", lambda: self.report_up("written")),
            ("close", "办结", "Ctrl+6", self.close_entry),
            ("correct", "修改/更正", "Ctrl+7", self.correct),
            ("hand_over", "交班", "Ctrl+8", self.hand_over),
            ("take_over", "接班确认", "", self.take_over),
        ] if self.can_edit else []
        steps += [("brief", "值班要情", "Ctrl+P", self.brief), ("flash", "值班快报", "", self.flash)]
        for key, label, shortcut, slot in steps:
            action = step_action(self, label, shortcut, slot)
            self.toolbar.addAction(action)
            self.actions[key] = action
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.scope)
        self.toolbar.addWidget(self.search)
        self.entries: list[duty_log.DutyEntry] = []
        self.shift: duty_log.DutyShift | None = None

    # --- reading ------------------------------------------------------------------------------------------
    def refresh(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else (self.current().id if self.current() else None)
        self.shift = duty_log.current_shift(self.session)
        self._banner()
        text = self.search.text().strip()
        if text:
            self.entries = duty_log.search(self.session, text)
        else:
            scope = self.scope.currentText()
            today = self.shift.day
            if scope == "本班及未办结":
                mine = duty_log.shift_entries(self.session, self.shift.id)
                carried = duty_log.open_entries(self.session)
                self.entries = mine + [e for e in carried if e.duty_shift_id != self.shift.id]
            elif scope == "今日":
                self.entries = duty_log.day_entries(self.session, today)
            elif scope == "昨日":
                self.entries = duty_log.day_entries(self.session, today - timedelta(days=1))
            else:
                week = [today - timedelta(days=n) for n in range(6, -1, -1)]
                self.entries = [e for day in week for e in duty_log.day_entries(self.session, day)]
        self._fill(keep)

    def _banner(self) -> None:
        day, shift, plan = roster.on_duty(self.session)
        begin, end = shift.span(day)
        officers = "、".join(plan.officers.get(shift.name, [])) or "<span style='color:#a61b0f'>未排班</span>"
        leader = escape(plan.leader) if plan.leader else "<span style='color:#a61b0f'>未排</span>"
        parts = [f"<b>当前班次：{month_day(day)}{escape(shift.name)}（{begin:%H:%M}–{end:%H:%M}）</b>　"
                 f"带班领导：{leader}　值班员：{officers}　<span style='color:#555'>班次状态：{self.shift.state}</span>"]
        away = absences.away_on(self.session, clock.today())
        if away:
            parts.append("今日外出领导：" + "；".join(escape(f"{a.person}（{a.destination or a.kind}，"
                                                     f"{a.stand_in + '主持工作' if a.stand_in else '未写代理人'}）")
                                               for a in away))
        warnings = [p for p in plan.problems if p != "未排班"]
        if plan.leader and any(a.person == plan.leader for a in away):
            warnings.append(f"今日带班领导{plan.leader}外出，请安排替班")
        late = absences.overdue_returns(self.session)
        warnings += [f"{a.person}应于{month_day(a.end_on)}返回，尚未销假" for a in late]
        open_count = len(duty_log.open_entries(self.session))
        parts.append(f"未办结事项：{open_count} 件" + ("（上班遗留的也在下表中）" if open_count else ""))
        if warnings:
            parts.append("<span style='color:#a61b0f'>⚠ " + "；".join(escape(w) for w in warnings) + "</span>")
        self.banner.setText("<br>".join(parts))

    def _fill(self, keep: int | None) -> None:
        self.table.setRowCount(len(self.entries))
        select_row = None
        for row, entry in enumerate(self.entries):
            clocks = duty_log.clock(entry)
            carried = self.shift is not None and entry.duty_shift_id != self.shift.id and not entry.closed
            reported = "；".join(line.split(" ")[0] for line in entry.reported_to.splitlines())
            if entry.instructions:
                reported += "（已批示）"
            values = (f"{entry.at:%m-%d %H:%M}", entry.kind + (f"·{entry.grade}" if entry.grade else ""),
                      entry.source_text, entry.heading, reported, duty_log.STATUS[entry.status],
                      "　".join(f"{c.label[:2]}{'✓' if c.state == 'done' else ('超时' if c.red else '待报')}"
                               for c in clocks))
            colour = RED if any(c.red for c in clocks) else GREY if entry.closed else AMBER if carried else ""
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if colour:
                    item.setForeground(QBrush(QColor(colour)))
                if column == 3:
                    item.setToolTip(entry.subject)
                self.table.setItem(row, column, item)
            if entry.id == keep:
                select_row = row
        if self.entries:
            self.table.selectRow(select_row or 0)
            self._show_detail()  # the same row re-selected emits no signal, yet its entry changed
        else:
            self.detail.setHtml("<p style='color:#777'>没有记录。按 Ctrl+N 登记来电。</p>")

    def current(self) -> duty_log.DutyEntry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return duty_log.DutyEntry.get_or_none(duty_log.DutyEntry.id == self.entries[rows[0].row()].id)

    def _show_detail(self) -> None:
        entry = self.current()
        if entry is None:
            return
        rows = []
        for label, value in duty_log.detail_lines(self.session, entry.id):
            style = " style='color:#a61b0f'" if label == "报告时限" and ("超" in value or "未报告" in value) else ""
            rows.append(f"<tr><td style='color:#555;padding-right:12px;white-space:nowrap'>{escape(label)}</td>"
                        f"<td{style}>{escape(value).replace(chr(10), '<br>')}</td></tr>")
        self.detail.setHtml(f"<table>{''.join(rows)}</table>")

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    # --- steps --------------------------------------------------------------------------------------------
    def one(self) -> duty_log.DutyEntry | None:
        entry = self.current()
        if entry is None:
            messages.info(self, self.tr("值班记录"), self.tr("请先在表中选中一条记录。"))
        return entry

    def run_step(self, title: str, fields: list[Field], action, intro: str = "") -> object:
        dialog = StepDialog(title, fields, action, self, intro)
        if dialog.exec():
            result = dialog.result_value
            entry = result[0] if isinstance(result, tuple) else result
            self.refresh(getattr(entry, "id", None))
            return result
        return None

    @staticmethod
    def _intro(entry: duty_log.DutyEntry) -> str:
        return f"{entry.at:%m-%d %H:%M}　{entry.kind}　{entry.source_text}　{entry.heading}"

    def action_new(self) -> None:
        self.log()

    def action_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def action_print(self) -> None:
        self.brief()

    def log(self) -> None:
        people = duty_log.known_people(self.session)
        result = self.run_step(self.tr("登记值班记录"), entry_fields(duty_log.known_units(self.session), people),
                               lambda v: duty_log.log(self.session, v))
        if result and result[1]:
            messages.info(self, self.tr("登记值班记录"), "\n".join(result[1]))

    def report(self) -> None:
        if entry := self.one():
            plan = roster.on_duty(self.session)[2]
            self.run_step(self.tr("报告领导"), [Field("leader", "报告领导", default=plan.leader,
                                                    complete=tuple(roster.people(self.session))),
                                              Field("at", "报告时间", placeholder="留空为现在")],
                          lambda v: duty_log.report_leader(self.session, entry.id, v["leader"], v["at"]),
                          self._intro(entry))

    def instruct(self) -> None:
        if entry := self.one():
            leaders = [line.split(" ")[0] for line in entry.reported_to.splitlines()]
            self.run_step(self.tr("领导批示"), [Field("leader", "批示领导", default=leaders[-1] if leaders else "",
                                                    complete=tuple(roster.people(self.session))),
                                              Field("text", "批示内容", "text"),
                                              Field("at", "批示时间", placeholder="留空为现在")],
                          lambda v: duty_log.instruct(self.session, entry.id, v["leader"], v["text"], v["at"]),
                          self._intro(entry))

    def handle(self) -> None:
        if entry := self.one():
            self.run_step(self.tr("处理情况"), [Field("text", "处理情况", "text",
                                                    placeholder="转给了谁、通知了谁、怎么答复的"),
                                              Field("at", "处理时间", placeholder="留空为现在")],
                          lambda v: duty_log.handle(self.session, entry.id, v["text"], v["at"]), self._intro(entry))

    def report_up(self, channel: str) -> None:
        if entry := self.one():
            label = "电话报告" if channel == "phone" else "书面报告"
            limits = "；".join(c.text for c in duty_log.clock(entry))
            self.run_step(self.tr(label), [Field("at", f"{label}时间", placeholder="留空为现在；或 20:05")],
                          lambda v: duty_log.report_up(self.session, entry.id, channel, v["at"]),
                          self._intro(entry) + (f"\n{limits}" if limits else ""))

    def close_entry(self) -> None:
        if entry := self.one():
            self.run_step(self.tr("办结"), [Field("result", "办理结果", "text")],
                          lambda v: duty_log.close(self.session, entry.id, v["result"]), self._intro(entry))

    def correct(self) -> None:
        """Before the handover a plain edit; after it an amendment with a reason (the old value is kept)."""
        entry = self.one()
        if entry is None or not self.can_edit:
            return
        if not entry.duty_shift.locked:
            fields = entry_fields(duty_log.known_units(self.session), [])
            defaults = {"kind": entry.kind, "at": f"{entry.at:%Y-%m-%d %H:%M}", "unit": entry.unit,
                        "person": entry.person, "phone": entry.phone, "subject": entry.subject,
                        "grade": entry.grade or "未定",
                        "occurred_at": f"{entry.occurred_at:%Y-%m-%d %H:%M}" if entry.occurred_at else "",
                        "place": entry.place, "secrecy": entry.secrecy}
            fields = [Field(f.key, f.label, f.kind, defaults.get(f.key, ""), f.choices, f.complete, f.placeholder)
                      for f in fields]
            self.run_step(self.tr("修改值班记录"), fields,
                          lambda v: duty_log.update(self.session, entry.id, v, entry.version),
                          self.tr("本班尚未交接，可直接修改；修改会记入历史。"))
            return
        labels = tuple(duty_log.EDITABLE.values())
        keys = {label: key for key, label in duty_log.EDITABLE.items()}
        self.run_step(self.tr("补充更正"), [Field("field", "更正哪一项", "choice", choices=labels),
                                          Field("value", "更正为"), Field("reason", "更正原因", "text")],
                      lambda v: duty_log.amend(self.session, entry.id, keys[v["field"]], v["value"], v["reason"]),
                      self.tr("本班已交接，记录已锁定：更正会和原内容、原因一起保留。\n") + self._intro(entry))

    def hand_over(self) -> None:
        shift = self.shift or duty_log.current_shift(self.session)
        items = duty_log.open_entries(self.session)
        listing = "\n".join(f"· {e.at:%m-%d %H:%M} {e.kind} {e.heading}" for e in items[:12]) or "无"
        self.run_step(self.tr("交班"), [Field("note", "本班要事摘要", "text"),
                                      Field("things", "设备、钥匙、文件", placeholder="如：值班手机 1 部、机要柜钥匙 1 把")],
                      lambda v: duty_log.hand_over(self.session, shift.id, v["note"], v["things"]),
                      f"{shift.label}交班。未办结事项 {len(items)} 件，将写入交班记录：\n{listing}")

    def take_over(self) -> None:
        pending = [s for s in duty_log.recent_shifts(self.session, 10) if s.handed_at and not s.locked]
        if not pending:
            messages.info(self, self.tr("接班确认"), self.tr("没有等待接班确认的班次：请交班人先「交班」。"))
            return
        shift = pending[0]

        def confirm(values: dict):
            receiver = accounts.login(values["username"], values["password"])
            return duty_log.take_over(receiver, shift.id)

        intro = (f"{shift.label}由{shift.handed_by_name}于 {shift.handed_at:%H:%M} 交班。\n要事：{shift.note}\n"
                 f"未办结：{shift.open_items}\n请接班人用自己的账户确认，确认后该班记录锁定。")
        self.run_step(self.tr("接班确认"), [Field("username", "接班人用户名"), Field("password", "密码", "password")],
                      confirm, intro)

    def brief(self) -> None:
        from ui.duty.brief_dialog import BriefDialog, print_saved

        day = (self.shift or duty_log.current_shift(self.session)).day
        if self.scope.currentText() == "昨日":
            day -= timedelta(days=1)
        if not self.can_edit:
            print_saved(self, self.session, day)
            return
        BriefDialog.for_day(self.session, day, self).exec()

    def flash(self) -> None:
        from ui.duty.brief_dialog import BriefDialog

        if entry := self.one():
            if entry.kind != "突发事件":
                messages.info(self, self.tr("值班快报"), self.tr("值班快报用于突发事件：请选中一条突发事件记录。"))
                return
            BriefDialog.for_flash(self.session, entry.id, self).exec()

