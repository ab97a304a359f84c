"""A fresh database per test; cheap password hashing so tests stay fast (the cost is a parameter of the hash);
the clock pinned to one ordinary working day, so no test depends on the day it runs.

The suite runs on SQLite by default. With `SANBAN_TEST_DB=postgresql://USER@127.0.0.1:PORT/postgres` (as `.ci/run`
sets it for its second pass) every test's database is a new PostgreSQL database on that server instead, and the tests
marked `sqlite_only` (about SQLite files: their bytes, WAL, backups by file copy) are skipped.

Every test process (each pytest-xdist worker too) makes one new database and copies it for each test: building the
schema was most of a short test's time. Tests marked `serial` are timing-sensitive: `.ci/run` runs them alone, after
the others have run two at a time.
"""

import os
import shutil
import uuid
from datetime import date, datetime, time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models.core import accounts, audit, clock, db, modules, passwords, schema, workdays  # noqa: E402
from models.core.rights import Role  # noqa: E402

PASSWORDS = {
    Role.SYSADMIN: "Xitong@2026a",
    Role.SECADMIN: "Baomi@2026ab",
    Role.AUDITOR: "Shenji@2026a",
}
NAMES = {Role.SYSADMIN: "admin", Role.SECADMIN: "secadmin", Role.AUDITOR: "auditor"}

# A Wednesday far from any holiday or year end, in a year chinesecalendar knows; 10:00 is inside the 白班.
TODAY = date(2026, 6, 10)
MORNING = datetime.combine(TODAY, time(10, 0))


@pytest.fixture(autouse=True)
def pinned_clock():
    """Every test runs on TODAY unless it moves the clock; the pin is undone after the test."""
    with clock.pinned(MORNING):
        yield


@pytest.fixture
def move_clock():
    """Move the pinned clock for the rest of the test: `move_clock(date(2026, 12, 31))` (09:00) or a datetime."""
    return clock.pin


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch, tmp_path):
    monkeypatch.setattr(passwords, "SCRYPT_N", 2**10)
    monkeypatch.setenv("SANBAN_HOME", str(tmp_path / "home"))
    for var in ("SANBAN_DB", "SANBAN_PASSWORD", "SANBAN_NEW_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    workdays.invalidate()
    audit.UNLABELLED.clear()
    yield
    workdays.invalidate()
    assert not audit.UNLABELLED, f"audited without a Chinese label in any manifest: {sorted(audit.UNLABELLED)}"


TEST_DB = os.environ.get("SANBAN_TEST_DB", "")
ON_POSTGRES = TEST_DB.startswith(("postgresql://", "postgres://"))


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: about SQLite files; skipped when the suite runs on PostgreSQL")
    config.addinivalue_line("markers", "serial: timing-sensitive; .ci/run runs these alone, not beside other tests")


def pytest_collection_modifyitems(config, items):
    if not ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason="about SQLite files; this pass runs on PostgreSQL")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


def _server(sql: str) -> None:
    import psycopg2

    conn = psycopg2.connect(TEST_DB)
    conn.autocommit = True
    try:
        conn.cursor().execute(sql)
    finally:
        conn.close()


def _server_url(name: str) -> str:
    return TEST_DB.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def new_databases(tmp_path_factory):
    """Databases just made by `db.connect` (the latest schema, no data), once per test process and set of installed
    modules: a SQLite file (its Path) or a PostgreSQL database (its name) that each test's `database` is a copy of.
    Making the schema cost ≈ 0.1 s a test on SQLite and 0.3–1 s on PostgreSQL; a copy costs ≈ 5 ms and ≈ 0.1 s."""
    made: dict[tuple, Path | str] = {}

    def new() -> Path | str:
        key = (schema.LATEST_VERSION, tuple(m.name for m in modules.manifests()))  # a test may add a module
        if key not in made:
            made[key] = _made_sqlite(tmp_path_factory) if not ON_POSTGRES else _made_postgres()
        return made[key]

    yield new
    for name in made.values():
        if ON_POSTGRES:
            _server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _made_sqlite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("new") / "sanban.db"
    with clock.pinned(MORNING):  # session fixtures start before the test's own pin
        db.connect(str(path))
        db.close()
    assert not path.with_name(path.name + "-wal").exists()  # the file alone is the whole database
    return path


def _made_postgres() -> str:
    name = f"sanban_new_{uuid.uuid4().hex[:16]}"
    _server(f"CREATE DATABASE {name}")
    with clock.pinned(MORNING):
        db.connect(_server_url(name))
        db.close()
    return name


@pytest.fixture
def database(tmp_path, new_databases):
    """The test's own database: a SQLite file (its Path), or a new PostgreSQL database (its URL)."""
    if not ON_POSTGRES:
        path = tmp_path / "sanban.db"
        shutil.copyfile(new_databases(), path)
        db.connect(str(path))
        yield path
        db.close()
        return
    name = f"sanban_test_{uuid.uuid4().hex[:16]}"
    _server(f"CREATE DATABASE {name} TEMPLATE {new_databases()}")
    url = _server_url(name)
    try:
        db.connect(url)
        yield url
    finally:
        db.close()
        _server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def three(database):
    """The database after `init`, with a logged-in session for each of the 三员."""
    accounts.init({role: (NAMES[role], role.value, PASSWORDS[role]) for role in PASSWORDS})
    return {role: accounts.login(NAMES[role], PASSWORDS[role]) for role in PASSWORDS}


@pytest.fixture
def clerk(three):
    """A business user 张三 holding the 文书 role, with the forced password change done."""
    accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", "Temp@2026abc")
    accounts.grant(three[Role.SECADMIN], "zhangsan", "clerk")
    session = accounts.login("zhangsan", "Temp@2026abc")
    return accounts.change_password(session, "Temp@2026abc", "Zhang@2026abc")


def business_user(three, username: str, name: str, role: str):
    """A logged-in business user holding `role`, with the forced password change done."""
    accounts.add_user(three[Role.SYSADMIN], username, name, "Temp@2026abc")
    accounts.grant(three[Role.SECADMIN], username, role)
    session = accounts.login(username, "Temp@2026abc")
    return accounts.change_password(session, "Temp@2026abc", "Duty@2026abcd")


@pytest.fixture
def duty(three):
    """赵值班, a 值班员."""
    return business_user(three, "zhaozhiban", "赵值班", "duty")


@pytest.fixture
def duty2(three):
    """孙值班, the officer of the next shift."""
    return business_user(three, "sunzhiban", "孙值班", "duty")
