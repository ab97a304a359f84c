"""The command line starts light: no Qt, no pypinyin, no exporters' libraries for `python main.py --help`
(each cost hundreds of milliseconds on every command; DESIGN.md budgets `--help` at 150 ms)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("PySide6", "shiboken6", "pypinyin", "openpyxl", "docx", "docxtpl", "reportlab")


def imported_modules(*args: str) -> set[str]:
    """Every module `python main.py ARGS` imports, from `-X importtime` (the real command, in a fresh process)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "main.py", *args], cwd=ROOT, capture_output=True,
                            text=True, check=False, env={"PATH": "/usr/bin:/bin", "SANBAN_HOME": "/nonexistent"})
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("import time:") and "|" in line]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}  # the first line is the header


@pytest.mark.parametrize("args", [("--help",), ("import", "--help"), ("export", "--help")])
def test_the_command_line_loads_no_qt_pypinyin_or_exporters(args):
    modules = imported_modules(*args)
    assert "cli.app" in modules  # the measurement sees our own imports
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith("exporters"))
    assert heavy == []
