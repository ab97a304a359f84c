"""The module manifest: the platform reads every module's declarations from it, and a new module needs no shared
file (the sample 便签 module under tests/sample_module/)."""

import ast
from datetime import date
from pathlib import Path

import pytest

from models.core import audit, db, modules, settings
from models.core.audit_ledger import AuditLedger
from models.core.errors import PermissionDenied
from models.core.rights import Role, all_rights
from tests.conftest import business_user
from tests.sample_module.manifest import MANIFEST as NOTES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def notes_installed(tmp_path):
    with modules.added(NOTES):
        yield


def test_a_new_module_is_one_package_plus_one_line(notes_installed, three):
    from tests.sample_module import notes

    assert "note" in db.DB.get_tables()  # its table, from its manifest
    assert all_rights()["edit_notes"] == frozenset({Role.CLERK})  # its rights join the rights × roles matrix
    clerk = business_user(three, "wangmishu", "王秘书", "clerk")
    duty = business_user(three, "zhaozhiban", "赵值班", "duty")
    notes.add(clerk, "周五前报送材料", date(2026, 11, 27))
    with pytest.raises(PermissionDenied):
        notes.add(duty, "越权", date(2026, 11, 27))
    entry = audit.AuditEntry.select().where(audit.AuditEntry.action == "note_add").get()
    assert audit.action_label(entry.action) == "记便签"  # its audited action, labelled
    assert audit.target_label(entry.target) == f"便签 {entry.target.split(':')[1]}"
    ledger = AuditLedger(three[Role.AUDITOR])
    assert ("note_add", "记便签") in dict((f.key, f.choices) for f in ledger.filters)["action"]
    assert settings.get("notes_keep_days") == 30 and settings.specs()["notes_keep_days"].owner == "edit_notes"
    items = modules.due_items(clerk, date(2026, 11, 30))  # its due items reach 今日
    assert [(i.module, i.level, i.why) for i in items] == [("notes", "red", "提醒日期为11月27日")]
    assert modules.due_items(duty, date(2026, 11, 30)) == []
    assert [tab.label for _, tab in modules.tabs()][-2:] == ["便签", "系统"]


def test_the_sample_module_is_gone_outside_its_block(database):
    assert "notes" not in [m.name for m in modules.manifests()]
    assert "edit_notes" not in all_rights()
    assert "note" not in db.DB.get_tables()


def _recorded_actions() -> set[str]:
    """Every action named as a literal in an `audit.record(…, "action", …)` call in the program."""
    found = set()
    for folder in ("models", "importers", "exporters", "cli", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "record"
                        and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                        and isinstance(node.args[1].value, str)):
                    found.add(node.args[1].value)
    return found


def test_every_recorded_action_has_a_chinese_label():
    actions = _recorded_actions()
    assert len(actions) > 20
    missing = actions - set(audit.labels())
    assert not missing, f"audit actions without a label in any manifest: {sorted(missing)}"
    for action, label in audit.labels().items():
        assert label and not label.isascii(), action


def test_the_platform_keeps_no_list_of_modules():
    """Only modules.MODULES names the modules: the shared files name none of them."""
    shared = ["models/core/schema.py", "models/core/rights.py", "models/core/audit.py", "models/core/settings.py",
              "models/core/demo.py", "cli/app.py", "ui/main_window.py", "ui/system/settings_page.py"]
    for name in shared:
        text = (ROOT / name).read_text(encoding="utf-8")
        for module in ("models.documents", "models.duty", "models.secrecy", "cli.documents", "cli.duty",
                       "cli.secrecy", "ui.documents", "ui.duty", "ui.secrecy"):
            assert module not in text, f"{name} names {module}: read it from the manifests"


def test_every_manifest_reference_resolves():
    from models.core.manifest import resolve

    for m in modules.manifests():
        refs = [m.tables, m.demo, m.due, *m.migrations.values(), *(t.check for t in m.texts)]
        refs += [m.tab.widget] if m.tab else []
        for ref in filter(None, refs):
            assert resolve(ref) is not None, f"{m.name}: {ref}"
        if m.imports or m.exports:
            cli = resolve(m.cli)
            assert set(cli.importers()) == set(m.imports), m.name
            assert set(cli.exports()) == set(m.exports), m.name
