"""mypy passes on models/ and exporters/ (the files and options in pyproject.toml's [tool.mypy]).

It reads the source, not the database: run in the SQLite pass only, so CI runs it once.
"""

import gc
import sys
from pathlib import Path

import pytest

from tests.conftest import ON_POSTGRES

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="reads the source; the SQLite pass has run it")


def test_mypy_finds_no_error(monkeypatch):
    from mypy import api

    monkeypatch.chdir(ROOT)  # the configured `files` are relative to the project
    # mypy tunes the interpreter for itself (the garbage collector's thresholds, the recursion limit) and leaves it
    # so; the tests after this one run as they would without it
    threshold, enabled, limit = gc.get_threshold(), gc.isenabled(), sys.getrecursionlimit()
    try:
        out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml")])
    finally:
        gc.set_threshold(*threshold)
        (gc.enable if enabled else gc.disable)()
        sys.setrecursionlimit(limit)
    assert status == 0, f"mypy models exporters:\n{out}{err}"
