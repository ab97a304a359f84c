"""The audit entry every export and print leaves, whichever module's data it carries."""

from pathlib import Path

from models.core import audit, previews, private
from models.core.db import DB


def audit_export(actor, what: str, target: str, rows: int, path: str, mark: str = "") -> None:
    """Every export is audited, once the file is written: who, what, how many rows, where to, and its 密级.

    The file is made readable by its owner only first: the writing library created it with the process's umask
    (private under `main.py`, not necessarily elsewhere). A print preview's PDF is not an export: what it holds is
    noted, and audited as a print by `audit_print` when the print is really sent."""
    if previews.is_preview(path):
        previews.note_print(path, (actor, what, target, rows, mark))
        return
    private.secure(Path(path))
    with DB.atomic():
        audit.record(actor, "export", target, f"导出{what}（{rows} 条）" + (f"，含{mark}内容" if mark else ""),
                     rows=rows, file=path, mark=mark)


def audit_print(pdf: Path | str) -> bool:
    """The preview `pdf` went to the printer: audit it as a print of what it holds. False for an unknown file."""
    record = previews.print_record(pdf)
    if record is None:
        return False
    actor, what, target, rows, mark = record
    with DB.atomic():
        audit.record(actor, "print", target, f"打印{what}（{rows} 条）" + (f"，含{mark}内容" if mark else ""),
                     rows=rows, mark=mark)
    return True
