"""The 公文 exports: the four ledgers (.xlsx), 文件处理笺 and 催办单 (.docx/.pdf), 发文稿纸 (.docx/.pdf)."""

from pathlib import Path

from exporters import forms
from exporters.xlsx_ledger import write_ledger
from models import document_reports, settings
from models.errors import ValidationError

LEDGERS = {
    "incoming-ledger": "incoming-register",
    "incoming-progress": "incoming-progress",
    "outgoing-ledger": "outgoing-register",
    "outgoing-progress": "outgoing-progress",
}


def _suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ValidationError("output", f"「{path.name}」的扩展名应为 {' 或 '.join(allowed)}。")
    if not path.parent.exists():
        raise ValidationError("output", f"文件夹「{path.parent}」不存在，请先建立或另选位置。")
    return suffix


def export_ledger(actor, report: str, path: str | Path, year: int | None = None,
                  ids: list[int] | None = None) -> int:
    """A year's ledger (or exactly the rows `ids`) as print-ready .xlsx; audited with the row count."""
    target = Path(path)
    _suffix(target, (".xlsx",))
    data = document_reports.ledger(actor, LEDGERS.get(report, report), year, ids)
    office = settings.get_text("office_name")
    when = f"{year}年" if ids is None and year else ""
    count = write_ledger(target, f"{office}{when}{data.title}", data.columns, data.rows, data.mark, data.title)
    document_reports.audit_export(actor, f"{when}{data.title}", report, count, str(target), data.mark)
    return count


def export_view(actor, title: str, columns: list[tuple[str, int]], rows: list[tuple], path: str | Path,
                mark: str = "") -> int:
    """Exactly what is on screen: the visible columns of the filtered rows."""
    target = Path(path)
    _suffix(target, (".xlsx",))
    office = settings.get_text("office_name")
    count = write_ledger(target, f"{office}{title}", columns, rows, mark, title)
    document_reports.audit_export(actor, f"{title}（屏幕所见）", "ledger-view", count, str(target), mark)
    return count


FORMS = {
    "routing-slip": ("文件处理笺", document_reports.routing_slip, forms.routing_slip),
    "reminder-slip": ("催办单", document_reports.reminder_slip, forms.reminder_slip),
    "drafting-sheet": ("发文稿纸", document_reports.drafting_sheet, forms.drafting_sheet),
}


def export_form(actor, kind: str, doc_id: int, path: str | Path) -> Path:
    """One form for one document, as .docx or .pdf (by the file's extension); audited."""
    target = Path(path)
    suffix = _suffix(target, (".docx", ".pdf"))
    label, values_of, layout = FORMS[kind]
    values = values_of(actor, doc_id)
    form = layout(settings.get_text("office_name"), values)
    if suffix == ".docx":
        forms.write_docx(form, values, target)
    else:
        forms.write_pdf(form, target)
    document_reports.audit_export(actor, f"{label}（{values.get('receipt_no') or values.get('doc_no') or doc_id}）",
                                  f"{kind}:{doc_id}", 1, str(target), form.mark)
    return target
