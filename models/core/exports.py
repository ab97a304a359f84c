"""The audit entry every export and print leaves, whichever module's data it carries."""

from models.core import audit
from models.core.db import DB


def audit_export(actor, what: str, target: str, rows: int, path: str, mark: str = "") -> None:
    """Every export is audited: who, what, how many rows, where to, and the 密级 it carries."""
    with DB.atomic():
        audit.record(actor, "export", target, f"导出{what}（{rows} 条）" + (f"，含{mark}内容" if mark else ""),
                     rows=rows, file=path, mark=mark)
