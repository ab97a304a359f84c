"""Qt only in ui/ (and main.py); imports run one way: models ← importers/exporters ← cli/ui ← main.py."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "models": {"models"},
    "importers": {"models", "importers"},
    "exporters": {"models", "exporters"},
    "cli": {"models", "importers", "exporters", "cli"},
    "ui": {"models", "importers", "exporters", "ui"},
}
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
OURS = set(ALLOWED) | {"main"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


FILES = [p for layer in ALLOWED for p in (ROOT / layer).rglob("*.py")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_layers_import_one_way_and_qt_stays_in_ui(path):
    layer = path.relative_to(ROOT).parts[0]
    roots = imported_roots(path)
    if layer != "ui":
        assert not roots & QT, f"{path.name} imports Qt outside ui/"
    assert roots & OURS <= ALLOWED[layer], f"{path.name} imports {sorted(roots & OURS - ALLOWED[layer])}"


def test_there_are_files_to_check():
    assert len(FILES) > 10
