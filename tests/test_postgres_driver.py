"""peewee starts without psycopg2 (and ssl) for a SQLite file, and gets the driver, bound as peewee itself binds it,
when a PostgreSQL database is opened."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
                            env={"PATH": "/usr/bin:/bin", "SANBAN_HOME": "/nonexistent"})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_opening_a_sqlite_file_imports_no_postgres_driver(tmp_path):
    out = run(f"""
import sys
from models.core import db
db.connect({str(tmp_path / "sanban.db")!r})
print(sorted(m for m in sys.modules if m.split(".")[0] in ("psycopg2", "ssl", "_ssl")))
""")
    assert out.strip() == "[]"


def test_the_driver_is_bound_as_peewee_binds_it_itself():
    """`load()` against a fresh `import peewee` with psycopg2 available: every module-level name and every
    attribute of the psycopg2 adapter that comes from the driver must be the same."""
    out = run("""
import importlib, types
import models  # peewee imported without the driver
import peewee
from models.core import postgres_driver
assert peewee.psycopg2 is None
postgres_driver.load()
ours, our_adapter = dict(vars(peewee)), dict(vars(peewee.Psycopg2Adapter))
fresh = importlib.reload(peewee)  # the driver is importable now: what peewee binds on its own
def from_driver(value):
    return isinstance(value, types.ModuleType) or str(getattr(value, "__module__", "")).startswith("psycopg2")
bound = [name for name, value in vars(fresh).items() if from_driver(value)]
assert "psycopg2" in bound and "Json_pg2" in bound, bound
wrong = [name for name in bound if ours.get(name) is not vars(fresh)[name]]
adapter = {k: v for k, v in vars(fresh.Psycopg2Adapter).items() if not k.startswith("__") and not callable(v)}
wrong += [k for k, v in adapter.items() if our_adapter.get(k) != v]
print(wrong)
""")
    assert out.strip() == "[]"
