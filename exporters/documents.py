"""The 公文 exports: the four ledgers (.xlsx), 文件处理笺 and 催办单 (.docx/.pdf), 发文稿纸 (.docx/.pdf)."""

from pathlib import Path

from exporters import forms
from exporters.files import output_path
from exporters.xlsx_ledger import write_ledger
from models.core import settings
from models.core.errors import ValidationError
from models.core.exports import audit_export
from models.documents import reports as document_reports
from models.documents.terms import highest_secrecy

LEDGERS = {
    "incoming-ledger": "incoming-register",
    "incoming-progress": "incoming-progress",
    "outgoing-ledger": "outgoing-register",
    "outgoing-progress": "outgoing-progress",
}


def export_ledger(actor, report: str, path: str | Path, year: int | None = None,
                  ids: list[int] | None = None) -> int:
    """A year's ledger (or exactly the rows `ids`) as print-ready .xlsx, or .pdf for printing; audited."""
    target, suffix = output_path(path, (".xlsx", ".pdf"))
    data = document_reports.ledger(actor, LEDGERS.get(report, report), year, ids)
    office = settings.get_text("office_name")
    when = f"{year}年" if ids is None and year else ""
    if suffix == ".pdf":  # for the print preview
        from exporters.pdf_ledger import write_ledger_pdf

        count = write_ledger_pdf(target, f"{office}{when}{data.title}", data.columns, data.rows, data.mark)
    else:
        count = write_ledger(target, f"{office}{when}{data.title}", data.columns, data.rows, data.mark, data.title)
    audit_export(actor, f"{when}{data.title}", report, count, str(target), data.mark)
    return count


def export_view(actor, title: str, columns: list[tuple[str, int]], rows: list[tuple], path: str | Path,
                mark: str = "") -> int:
    """Exactly what is on screen: the visible columns of the filtered rows, as .xlsx, or .pdf for printing."""
    target, suffix = output_path(path, (".xlsx", ".pdf"))
    office = settings.get_text("office_name")
    if suffix == ".pdf":
        from exporters.pdf_ledger import write_ledger_pdf

        count = write_ledger_pdf(target, f"{office}{title}", columns, rows, mark)
    else:
        count = write_ledger(target, f"{office}{title}", columns, rows, mark, title)
    audit_export(actor, f"{title}（屏幕所见）", "ledger-view", count, str(target), mark)
    return count


FORMS = {
    "routing-slip": ("文件处理笺", document_reports.routing_slip, forms.routing_slip),
    "reminder-slip": ("催办单", document_reports.reminder_slip, forms.reminder_slip),
    "drafting-sheet": ("发文稿纸", document_reports.drafting_sheet, forms.drafting_sheet),
}


def export_form(actor, kind: str, doc_id: int, path: str | Path) -> Path:
    """One form for one document, as .docx or .pdf (by the file's extension); audited."""
    target, suffix = output_path(path, (".docx", ".pdf"))
    label, values_of, layout = FORMS[kind]
    values = values_of(actor, doc_id)
    form = layout(settings.get_text("office_name"), values)
    if suffix == ".docx":
        forms.write_docx(form, values, target)
    else:
        forms.write_pdf(form, target)
    audit_export(actor, f"{label}（{values.get('receipt_no') or values.get('doc_no') or doc_id}）",
                 f"{kind}:{doc_id}", 1, str(target), form.mark)
    return target


def day_check_rows(check) -> list[tuple]:
    """当日盘点 as rows (类别, 收文编号, 标题, 密级, 情况) for a sheet the office can file with the day's papers."""
    rows = [("今日收文", d.receipt_no, d.title, d.mark, d.source_org) for d in check.registered]
    rows += [("今日办理", d.receipt_no, d.title, d.mark, f"{e.at:%H:%M} {e.summary}") for d, e in check.moved]
    rows += [("仍在传阅", c.incoming.receipt_no, c.incoming.title, c.incoming.mark,
              f"在{c.holder}处" + (f"（第{c.copy_no}份）" if c.copy_no else "") + f"，自 {c.lent_at:%m-%d %H:%M}")
             for c in check.circulating]
    rows += [("今日到期", d.receipt_no, d.title, d.mark, d.lead_unit) for d in check.due_today]
    rows += [("已逾期未办结", d.receipt_no, d.title, d.mark, f"{d.lead_unit}，时限 {d.due_date:%Y-%m-%d}")
             for d in check.overdue]
    return rows


def day_check_mark(check) -> str:
    """The highest 密级 of the documents the 当日盘点 lists."""
    docs = [*check.registered, *(d for d, _ in check.moved), *(c.incoming for c in check.circulating),
            *check.due_today, *check.overdue]
    return highest_secrecy(d.secrecy for d in docs)


def export_day_check(actor, path: str | Path, day=None) -> int:
    from models.documents import incoming as documents

    target, _ = output_path(path, (".xlsx",))
    check = documents.day_check(actor, day)
    rows = day_check_rows(check)
    mark = day_check_mark(check)
    title = f"{settings.get_text('office_name')}当日盘点（{check.day.year}年{check.day.month}月{check.day.day}日）"
    columns = [("类别", 12), ("收文编号", 14), ("标题", 40), ("密级", 8), ("情况", 36)]
    write_ledger(target, title, columns, rows, mark, "当日盘点")
    audit_export(actor, f"当日盘点（{check.day:%Y-%m-%d}）", "day-check", len(rows), str(target), mark)
    return len(rows)


def export_number_check(actor, year: int, path: str | Path) -> int:
    from models.documents import outgoing as dispatch

    target, _ = output_path(path, (".xlsx",))
    rows = []
    for c in dispatch.number_check(actor, year):
        rows.append((f"{c.prefix}〔{c.year}〕", "连续无误" if c.ok else "有问题", c.used, c.highest,
                     "、".join(map(str, c.gaps)) or "无",
                     "；".join(f"{n}号（{'、'.join(t)}）" for n, t in c.duplicates.items()) or "无",
                     "、".join(map(str, c.voided)) or "无",
                     "；".join(f"{n}号（{r}）" for n, r in c.reserved_unused) or "无"))
    if not rows:
        raise ValidationError("year", f"{year}年还没有编号的发文，没有可检查的文号。")
    columns = [("代字", 16), ("结论", 8), ("已用", 6), ("最大号", 6), ("缺号", 20), ("重号", 24), ("作废号", 12),
               ("预留未用", 20)]
    write_ledger(target, f"{settings.get_text('office_name')}{year}年发文字号检查", columns, rows, "", "文号检查")
    audit_export(actor, f"{year}年发文字号检查", "number-check", len(rows), str(target))
    return len(rows)
