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


def test_an_unlabelled_field_inside_before_or_after_is_caught(three):
    audit.record(three[Role.SYSADMIN], "update", "user:x", "修改", before={"colour": "red", "2027-01-01": "放假"})
    assert audit.UNLABELLED == {"field:user.colour"}  # a date or a Chinese key reads as it is
    audit.UNLABELLED.clear()


def test_the_viewer_names_a_records_fields_in_chinese(three):
    from models.documents import incoming as documents
    from tests.conftest import business_user

    clerk = business_user(three, "wenshu", "王文书", "clerk")
    doc, _ = documents.register(clerk, {"received_on": "2026-06-10", "source_org": "市委", "title": "关于防汛的通知"})
    documents.update(clerk, doc.id, {"title": "关于防汛工作的通知"}, doc.version)
    entry = audit.AuditEntry.select().where(audit.AuditEntry.summary.contains("修改登记")).get()
    lines = dict(AuditLedger(three[Role.AUDITOR]).detail(entry.id))
    assert lines["修改前"] == "标题：关于防汛的通知" and lines["修改后"] == "标题：关于防汛工作的通知"
    keys = list(lines)
    assert keys.index("修改前") < keys.index("修改后")
