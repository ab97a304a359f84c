"""督查通报 as of a day: the figures per 牵头单位 with 合计 and the overdue items by unit, shown as they will read
(the page is the preview), printed from here, or saved as the .xlsx table or the .docx 通报 with the letterhead."""

from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QTextBrowser, QToolBar, QVBoxLayout, QWidget

from models.core import clock
from models.core.errors import SanbanError
from models.supervision import reports
from ui import messages

HEAD = ("牵头单位", "交办", "已到期", "按期办结", "逾期办结", "逾期未办结", "按期办结率", "按原时限计")


def bulletin_html(bulletin: reports.Bulletin) -> str:
    """The 通报 as the page shows and prints it (the exporter's own words for the title and the summary)."""
    from exporters.supervision import figure_row, report_title, summary

    def cells(values, tag: str = "td") -> str:
        return "".join(f"<{tag} align='center'>{escape(str(v))}</{tag}>" for v in values)

    rows = "".join(f"<tr>{cells(figure_row(f))}</tr>" for f in bulletin.rows)
    rows += f"<tr style='font-weight:bold'>{cells(figure_row(bulletin.total))}</tr>"
    parts = [f"<h2 align='center'>{escape(report_title(bulletin.as_of))}</h2>", f"<p>{escape(summary(bulletin))}</p>",
             "<table border='1' cellspacing='0' cellpadding='4' width='100%'>", f"<tr>{cells(HEAD, 'th')}</tr>", rows,
             "</table>", f"<h3>逾期未办结事项（{len(bulletin.overdue)}件）</h3>"]
    unit = None
    for o in bulletin.overdue:
        if o.lead_unit != unit:
            parts.append(("</ul>" if unit is not None else "") + f"<p><b>{escape(o.lead_unit)}</b></p><ul>")
            unit = o.lead_unit
        original = f"，原时限 {o.due_original}" if o.extended else ""
        parts.append(f"<li style='color:#a61b0f'>{escape(o.number)}　{escape(o.title)}（办结时限 {o.due_date}"
                     f"{original}，已逾期{o.late_workdays}个工作日）</li>")
    parts.append("</ul>" if unit is not None else "<p style='color:#777'>无。</p>")
    return "".join(parts)


class BulletinPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.bulletin: reports.Bulletin | None = None
        self.view = QTextBrowser()
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        today = clock.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.as_of.dateChanged.connect(lambda _: self.refresh())
        bar = QToolBar()
        bar.addWidget(QLabel(self.tr("截至 ")))
        bar.addWidget(self.as_of)
        for text, slot in ((self.tr("刷新"), self.refresh), (self.tr("打印…（Ctrl+P）"), self.action_print),
                           (self.tr("导出 Excel…"), lambda: self.save("xlsx")),
                           (self.tr("导出 Word 通报…"), lambda: self.save("docx"))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.view, 1)

    def day(self):
        return self.as_of.date().toPython()

    def refresh(self) -> None:
        try:
            self.bulletin = reports.bulletin(self.session, self.day())
        except SanbanError as exc:
            messages.warn(self, self.tr("督查通报"), exc.message)
            return
        self.view.setHtml(bulletin_html(self.bulletin))

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def action_print(self) -> None:
        """The 通报 as it prints (A4, its 密级 on every page), in the program's preview: 打印 or 另存为 Word."""
        from exporters.supervision import export_report
        from ui.widgets.preview import preview_file

        day = self.day()
        preview_file(self, f"督查通报-{day:%Y%m%d}.pdf", lambda pdf: export_report(self.session, day, pdf),
                     lambda _: self.tr("督查通报（截至 %1）").replace("%1", f"{day:%Y-%m-%d}"),
                     lambda: self.save("docx"), self.tr("打印督查通报"))

    def action_export(self) -> None:
        self.save("xlsx")

    def save(self, suffix: str) -> str:
        from exporters.supervision import export_report
        from ui.widgets.preview import save_to

        kinds = {"xlsx": "Excel 文件 (*.xlsx)", "docx": "Word 文件 (*.docx)"}
        return save_to(self, self.tr("导出督查通报"), f"督查通报-{self.day():%Y%m%d}.{suffix}", kinds[suffix],
                       lambda path: export_report(self.session, self.day(), path))
