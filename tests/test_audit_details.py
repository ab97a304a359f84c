"""The audit viewer names every key of an entry's detail in Chinese: 「file」「mark」「rows」 → 文件、密级、行数."""

import ast
from pathlib import Path

from models.core import audit
from models.core.audit_ledger import AuditLedger
from models.core.exports import audit_export
from models.core.rights import Role

ROOT = Path(__file__).resolve().parents[1]


def recorded_keys() -> dict[str, str]:
    """key -> a file that records it, for every keyword given to `record(…)` in the program's code."""
    found: dict[str, str] = {}
    for path in ROOT.glob("*/**/*.py"):
        if path.relative_to(ROOT).parts[0] in ("tests", "bench"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "record":
                    found.update({kw.arg: str(path.relative_to(ROOT)) for kw in node.keywords if kw.arg})
    return found


def test_every_detail_key_the_code_records_has_a_chinese_label():
    keys = recorded_keys()
    assert {"file", "mark", "rows", "before", "after"} <= set(keys)  # the walk does find them
    missing = {key: where for key, where in keys.items() if key not in audit.detail_labels()}
    assert not missing, f"audit detail keys without a Chinese label in any manifest's `details`: {missing}"


def test_an_unlabelled_key_recorded_at_run_time_is_caught(three):
    audit.record(three[Role.SYSADMIN], "backup", "file:x", "备份", colour="red")
    assert audit.UNLABELLED == {"detail:colour"}
    audit.UNLABELLED.clear()


def test_the_viewer_shows_an_exports_detail_in_chinese(three, tmp_path):
    out = tmp_path / "收文登记簿.xlsx"
    out.write_bytes(b"PK")
    audit_export(three[Role.SYSADMIN], "收文登记簿", "incoming-ledger", 12, str(out), "秘密")
    entry = audit.AuditEntry.select().where(audit.AuditEntry.action == "export").get()
    lines = dict(AuditLedger(three[Role.AUDITOR]).detail(entry.id))
    assert lines["文件"] == str(out) and lines["密级"] == "秘密" and lines["行数"] == "12"
    assert not {"file", "mark", "rows"} & set(lines)
