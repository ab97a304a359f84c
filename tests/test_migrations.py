"""Every earlier schema version upgrades to the latest: databases made by the old code itself (tests/fixtures/db),
with every record kept, the audit chain intact and a schema equal to a new database's."""

import ast
import gzip
import inspect
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from peewee import SQL, CharField, Database
from playhouse.migrate import SchemaMigrator, migrate

from models.core import accounts, audit, db, frozen, schema
from models.documents.incoming import Incoming

FIXTURES = Path(__file__).parent / "fixtures" / "db"
ALL_VERSIONS = range(1, schema.LATEST_VERSION + 1)
# The passwords the fixtures were made with (tests/fixtures/db/README.md).
AUDITOR = ("auditor", "Shenji@2026a")


def normalised_schema(path: Path) -> list[str]:
    """Tables (columns by name, with type, null, default and key), foreign keys, indexes, triggers and search
    tables of a SQLite file; the order of columns is left out (a column added later comes last)."""
    conn = sqlite3.connect(path)
    try:
        out = []
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                            "ORDER BY type, name").fetchall()
        virtual = {name for kind, name, _, sql in rows if kind == "table" and "VIRTUAL TABLE" in (sql or "").upper()}
        for kind, name, table, sql in rows:
            if kind == "table" and any(name.startswith(f"{v}_") for v in virtual):
                continue  # FTS5's own shadow tables follow from the virtual table
            if kind == "table" and name in virtual:
                out.append(f"search table {' '.join(sql.split())}")
            elif kind == "table":
                for _, column, ctype, notnull, default, pk in sorted(conn.execute(f"PRAGMA table_info('{name}')"),
                                                                    key=lambda c: c[1]):
                    out.append(f"column {name}.{column} {ctype} notnull={notnull} default={default} pk={pk}")
                for fk in conn.execute(f"PRAGMA foreign_key_list('{name}')"):
                    out.append(f"foreign key {name}.{fk[3]} -> {fk[2]}.{fk[4]} on delete {fk[6]}")
            elif kind == "index":
                columns = [c[2] for c in conn.execute(f"PRAGMA index_info('{name}')")]
                unique = conn.execute(f"SELECT `unique` FROM pragma_index_list('{table}') WHERE name = ?",
                                      (name,)).fetchone()[0]
                out.append(f"index {name} on {table}({', '.join(columns)}) unique={unique}")
            else:
                out.append(f"{kind} {' '.join(sql.split())}")
        return sorted(out)
    finally:
        conn.close()


def snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every plain table's columns and rows (by rowid), read straight from the file."""
    conn = sqlite3.connect(path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite_%' AND name NOT LIKE '%_fts' AND name NOT LIKE '%_fts_%'")]
        found = {}
        for name in names:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info('{name}')")]
            found[name] = columns, rows(conn, name, columns)
        return found
    finally:
        conn.close()


def rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple]:
    listed = ", ".join(f'"{c}"' for c in columns)
    return conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY rowid').fetchall()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory) -> list[str]:
    path = tmp_path_factory.mktemp("fresh") / "sanban.db"
    db.connect(str(path))
    db.close()
    return normalised_schema(path)


def fixture_copy(version: int, folder: Path) -> Path:
    source = FIXTURES / f"v{version}.sqlite"
    assert source.exists(), (f"缺少版本 {version} 的数据库样本 {source}：用版本 {version} 最后一次提交的代码生成"
                             "（见 tests/fixtures/db/README.md）")
    target = folder / "sanban.db"
    shutil.copyfile(source, target)
    return target


def test_every_version_has_a_fixture_made_at_that_version():
    """Each future step gets a fixture of the version before it (and the latest gets one, for the next step)."""
    for version in ALL_VERSIONS:
        path = FIXTURES / f"v{version}.sqlite"
        assert path.exists(), f"tests/fixtures/db/v{version}.sqlite is missing: make it with that version's code"
        assert path.stat().st_size < 2_000_000
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            assert conn.execute("SELECT version FROM schema_info").fetchone()[0] == version
            assert conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0] > 0
        finally:
            conn.close()


@pytest.mark.parametrize("version", ALL_VERSIONS)
def test_an_old_database_reaches_the_latest_version_keeping_every_record(version, tmp_path, fresh_schema):
    path = fixture_copy(version, tmp_path)
    before = snapshot(path)

    db.connect(str(path))
    assert schema.SchemaInfo.get().version == schema.LATEST_VERSION
    db.close()

    conn = sqlite3.connect(path)
    try:
        for table, (columns, old_rows) in before.items():
            if table != "schema_info":
                assert rows(conn, table, columns) == old_rows, table
    finally:
        conn.close()

    db.connect(str(path))
    try:
        for model in schema.all_models():  # today's models read every old row
            list(model.select())
        session = accounts.login(*AUDITOR)
        result = audit.verify(session)
        assert result.ok, result.message()
        # and what the login just made: the login and the seal, with the first seal key when the old database had
        # none (versions before the sealed audit)
        columns, entries = before["audit_entry"]
        keyed = any(dict(zip(columns, entry))["action"] == "seal_key_new" for entry in entries)
        assert result.checked == len(entries) + (2 if keyed else 3)
        search_agrees_with_like(before)
    finally:
        db.close()
    assert normalised_schema(path) == fresh_schema

    copies = list(tmp_path.glob(f"sanban.v{version}-升级前备份-*.db"))
    if version == schema.LATEST_VERSION:
        assert copies == []
    else:
        assert len(copies) == 1
        assert snapshot(copies[0]) == before


def search_agrees_with_like(before: dict) -> None:
    """The trigram index finds what a scan of the table finds (a step that forgot to fill it finds nothing)."""
    for table in ("incoming", "outgoing", "duty_entry"):
        if table not in before:
            continue
        columns, old_rows = before[table]
        texts = [r[columns.index("search_text")] for r in old_rows if r[columns.index("search_text")]]
        assert texts, f"the fixture has no {table} rows to search"
        word = next(t[i:i + 3] for t in texts for i in range(len(t) - 2) if all("\u4e00" <= c <= "\u9fff"
                                                                                  for c in t[i:i + 3]))
        like = db.DB.execute_sql(f"SELECT count(*) FROM {table} WHERE search_text LIKE ?", (f"%{word}%",))
        match = db.DB.execute_sql(f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH ?", (f'"{word}"',))
        assert match.fetchone()[0] == like.fetchone()[0] > 0, (table, word)


def note_field() -> CharField:
    return CharField(max_length=100, default="", constraints=[SQL("DEFAULT ''")])


def test_a_later_step_adding_a_column_upgrades_a_version_1_database(tmp_path, monkeypatch):
    """The documented way to add a column (the field on today's model, add_column in a new step) used to fail on
    a version-1 database with "duplicate column name", because step 2 created today's tables.

    A NOT NULL column carries its default in the DDL and is added with `allow_not_null`: otherwise playhouse
    rebuilds the SQLite table to add NOT NULL, which silently drops the table's triggers (the search index)."""
    path = fixture_copy(1, tmp_path)
    registered = schema.migration_steps()
    new_version = schema.LATEST_VERSION + 1

    def step_next(database):
        migrator = SchemaMigrator.from_database(database)
        migrate(migrator.add_column("incoming", "note", note_field(), allow_not_null=True))

    monkeypatch.setattr(schema, "LATEST_VERSION", new_version)
    monkeypatch.setattr(schema, "migration_steps", lambda: {**registered, new_version: step_next})
    Incoming._meta.add_field("note", note_field())
    try:
        db.connect(str(path))
        try:
            assert schema.SchemaInfo.get().version == new_version
            assert "note" in {c.name for c in db.DB.get_columns("incoming")}
        finally:
            db.close()
        fresh = tmp_path / "fresh" / "sanban.db"
        db.connect(str(fresh))
        db.close()
        assert normalised_schema(path) == normalised_schema(fresh)
    finally:
        Incoming._meta.remove_field("note")
        delattr(Incoming, "note")


def test_steps_never_import_todays_models():
    """A step that used today's model would change its DDL whenever the model changes."""
    allowed = {"peewee", "playhouse.migrate", "models.core.frozen", "models.core.db"}
    files = {Path(inspect.getsourcefile(step)) for step in schema.migration_steps().values()}
    files.add(Path(inspect.getsourcefile(frozen)))
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module in allowed, f"{file.name} imports {node.module}"
                if node.module == "models.core.db":
                    assert {a.name for a in node.names} == {"is_sqlite"}, file.name
            elif isinstance(node, ast.Import):
                assert all(a.name in allowed for a in node.names), file.name


# --- PostgreSQL: the same upgrade on dumps of databases the old code made on a server ---------------------------
# They run in the PostgreSQL pass of the suite (SANBAN_TEST_DB, see tests/conftest.py), which names a server where
# the test may create and drop databases; in the SQLite pass they are skipped.


@pytest.fixture
def pg_database():
    """make(name, sql=None) -> the URL of a new database on the test server (dropped afterwards)."""
    from tests.conftest import ON_POSTGRES, TEST_DB

    if not ON_POSTGRES:
        pytest.skip("the SQLite pass: the PostgreSQL upgrade runs in the PostgreSQL pass (SANBAN_TEST_DB)")
    admin_url = TEST_DB
    import psycopg2
    from playhouse.db_url import parse

    params = parse(admin_url)
    params["dbname"] = params.pop("database")
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    made: list[str] = []

    def make(name: str, sql: str | None = None) -> str:
        name = f"sanban_test_{name}_{os.getpid()}"
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {name}")
            cur.execute(f"CREATE DATABASE {name}")
        made.append(name)
        if sql is not None:
            conn = psycopg2.connect(**{**params, "dbname": name})
            with conn, conn.cursor() as cur:
                cur.execute(sql)
            conn.close()
        return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))

    yield make
    db.close()
    with admin.cursor() as cur:
        for name in made:
            cur.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.close()


def pg_schema() -> list[tuple]:
    """Columns (type, length, null, default), indexes, constraints and triggers of the open PostgreSQL database."""
    queries = (
        "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, "
        "is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'",
        "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace",
        "SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_statement "
        "FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    return sorted((n,) + tuple(map(str, row)) for n, q in enumerate(queries) for row in db.DB.execute_sql(q))


@pytest.mark.parametrize("version", ALL_VERSIONS)
def test_an_old_postgresql_database_reaches_the_latest_version_keeping_every_record(version, pg_database):
    fresh = pg_database("fresh")
    db.connect(fresh)
    expected = pg_schema()
    db.close()
    dump = FIXTURES / "postgresql" / f"v{version}.sql.gz"
    assert dump.exists(), f"缺少版本 {version} 的 PostgreSQL 样本 {dump}（见 tests/fixtures/db/README.md）"
    old = pg_database(f"v{version}", gzip.decompress(dump.read_bytes()).decode("utf-8"))
    before = table_rows(db.make_database(old))

    db.connect(old)
    try:
        assert schema.SchemaInfo.get().version == schema.LATEST_VERSION
        assert pg_schema() == expected
        after = table_rows(db.DB.obj)
        for table, old_rows in before.items():
            width = len(old_rows[0]) if old_rows else 0
            assert [row[:width] for row in after[table]] == old_rows, table
        result = audit.verify(accounts.login(*AUDITOR))
        assert result.ok, result.message()
    finally:
        db.close()


def table_rows(database: Database) -> dict[str, list[tuple]]:
    """The rows of every table but the version's, by id."""
    with database.connection_context():
        tables = [t for t in database.get_tables() if t != "schema_info"]
        return {t: list(database.execute_sql(f'SELECT * FROM "{t}" ORDER BY 1')) for t in tables}
