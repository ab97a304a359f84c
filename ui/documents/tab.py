"""The 公文 tab: 收文, 发文, 当日盘点 and 文号检查."""

from PySide6.QtWidgets import QWidget

from ui.documents.incoming_page import IncomingPage
from ui.widgets.lazy_tabs import LazyTabs
from ui.widgets.module_tab import ModuleTab


def _list(title: str, items: list[str]) -> str:
    from html import escape  # the reports' pages load after the window is up

    body = "".join(f"<li>{escape(i)}</li>" for i in items) or "<li style='color:#777'>无</li>"
    return f"<h3>{escape(title)}（{len(items)}）</h3><ul>{body}</ul>"


class DocumentsTab(ModuleTab):
    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        # 收文 is on screen at start; 发文 and the reports are built (and their modules imported) on first view.
        self.built_pages = LazyTabs(self.pages)
        self.built_pages.add("incoming", self.tr("收文"), lambda: IncomingPage(session))
        self.built_pages.add("outgoing", self.tr("发文"), self._outgoing_page)
        self.built_pages.add("day_check", self.tr("当日盘点"), lambda: self._report_page(
            self.day_check, export=self._export_day_check, name="当日盘点"))
        self.built_pages.add("number_check", self.tr("文号检查"), lambda: self._report_page(
            self.number_check, with_year=True, name="发文字号检查", export=self._export_number_check))

    @property
    def incoming(self) -> IncomingPage:
        return self.built_pages["incoming"]

    @property
    def outgoing(self):
        return self.built_pages["outgoing"]

    @staticmethod
    def _report_page(build, **options) -> QWidget:
        from ui.documents.report_page import ReportPage

        return ReportPage(build, **options)

    def _outgoing_page(self) -> QWidget:
        from ui.documents.outgoing_page import OutgoingPage

        return OutgoingPage(self.session)

    def _export_day_check(self, path: str, _year: int) -> None:
        from exporters.documents import export_day_check  # openpyxl loads on first use, not at start-up

        export_day_check(self.session, path)

    def _export_number_check(self, path: str, year: int) -> None:
        from exporters.documents import export_number_check

        export_number_check(self.session, year, path)

    def day_check(self, _year: int) -> str:
        from models.documents.incoming import day_check

        check = day_check(self.session)
        parts = [f"<h2>当日盘点　{check.day:%Y年%m月%d日}</h2>"]
        parts.append(_list("今日收文", [f"{d.receipt_no}　{d.source_org}　{d.title}" for d in check.registered]))
        parts.append(_list("今日办理", [f"{e.at:%H:%M}　{d.receipt_no}　{e.summary}" for d, e in check.moved]))
        parts.append(_list("仍在传阅（未退回）", [f"{c.incoming.receipt_no}　{c.incoming.title}　在{c.holder}处"
                                          + (f"（第{c.copy_no}份）" if c.copy_no else "")
                                          + f"，自 {c.lent_at:%m-%d %H:%M}" for c in check.circulating]))
        parts.append(_list("今日到期", [f"{d.receipt_no}　{d.title}　{d.lead_unit}" for d in check.due_today]))
        parts.append("<div style='color:#a61b0f'>" + _list("已逾期未办结", [
            f"{d.receipt_no}　{d.title}　{d.lead_unit}　时限 {d.due_date:%Y-%m-%d}" for d in check.overdue]) + "</div>")
        return "".join(parts)

    def number_check(self, year: int) -> str:
        from html import escape

        from models.documents.outgoing import number_check

        checks = number_check(self.session, year)
        if not checks:
            return f"<h2>{year}年 发文字号检查</h2><p>这一年还没有编号的发文。</p>"
        parts = [f"<h2>{year}年 发文字号检查</h2>"]
        for c in checks:
            state = ("<span style='color:#1d6b2f'>连续无误</span>" if c.ok
                     else "<span style='color:#a61b0f'>有问题</span>")
            parts.append(f"<h3>{escape(c.prefix)}〔{c.year}〕　{state}</h3><ul>")
            parts.append(f"<li>已用 {c.used} 个，最大号 {c.highest} 号"
                         + (f"（本台账自 {c.lowest} 号起）" if c.lowest > 1 else "") + "</li>")
            parts.append(f"<li>缺号：{'、'.join(map(str, c.gaps)) or '无'}</li>")
            parts.append("<li>重号：" + ("；".join(f"{n}号（{'、'.join(t)}）" for n, t in c.duplicates.items()) or "无")
                         + "</li>")
            parts.append(f"<li>作废号：{'、'.join(map(str, c.voided)) or '无'}</li>")
            parts.append("<li>预留未用：" + ("；".join(f"{n}号（{escape(r)}）" for n, r in c.reserved_unused) or "无")
                         + "</li></ul>")
        return "".join(parts)
