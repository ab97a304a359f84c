"""The audit entry every export and print leaves, whichever module's data it carries."""

from pathlib import Path

from models.core import audit, private
from models.core.db import DB


def audit_export(actor, what: str, target: str, rows: int, path: str, mark: str = "") -> None:
    """Every export is audited: who, what, how many rows, where to, and the 密级 it carries.

    The file is made readable by its owner only first: the writing library created it with the process's umask
    (private under `main.py`, not necessarily elsewhere)."""
    private.secure(Path(path))
    with DB.atomic():
        audit.record(actor, "export", target, f"导出{what}（{rows} 条）" + (f"，含{mark}内容" if mark else ""),
                     rows=rows, file=path, mark=mark)
