import sqlite3

import pytest
from peewee import CharField

from models.core import db, schema
from models.core.db import BaseModel
from models.core.errors import DatabaseError, StaleRecord
from models.core.settings import Setting


@pytest.mark.sqlite_only  # about the SQLite file
def test_sqlite_connection_settings(database):
    pragma = lambda name: db.DB.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2
    assert pragma("busy_timeout") >= 5000
    assert pragma("application_id") == db.APPLICATION_ID


@pytest.mark.sqlite_only  # about the SQLite file
def test_the_stdlib_driver_is_named(database):
    assert type(db.DB.connection()).__module__ == "sqlite3"


def test_records_have_timestamps_and_versions(database):
    row = Setting.create(key="k", value="1")
    assert row.created_at and row.updated_at and row.version == 1
    row.value = "2"
    row.save()
    assert Setting.get_by_id(row.id).version == 2


def test_a_stale_save_fails_and_overwrites_nothing(database):
    Setting.create(key="k", value="1")
    mine, theirs = Setting.get(Setting.key == "k"), Setting.get(Setting.key == "k")
    theirs.value = "theirs"
    theirs.save()
    mine.value = "mine"
    with pytest.raises(StaleRecord, match="已被他人修改"):
        mine.save()
    assert Setting.get(Setting.key == "k").value == "theirs"


@pytest.mark.sqlite_only  # about the SQLite file
def test_a_newer_database_is_refused_untouched(database):
    schema.SchemaInfo.update(version=schema.LATEST_VERSION + 1).execute()
    db.close()
    before = database.read_bytes()
    with pytest.raises(DatabaseError, match="较新版本"):
        db.connect(str(database))
    db.close()
    assert database.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(DatabaseError, match="不是三办的数据库"):
        db.connect(str(path))
    db.close()


class Widget(BaseModel):
    """A table added by the test migration."""

    name = CharField()


@pytest.mark.sqlite_only  # about the SQLite file
def test_an_older_database_is_backed_up_then_migrated(database, monkeypatch):
    from playhouse.migrate import SchemaMigrator, migrate

    schema.SchemaInfo.update(version=schema.LATEST_VERSION).execute()
    db.close()

    def add_widget(target):
        target.create_tables([Widget])
        migrate(SchemaMigrator.from_database(target).add_column("setting", "note", CharField(default="")))

    registered = schema.migration_steps()
    monkeypatch.setattr(schema, "LATEST_VERSION", schema.LATEST_VERSION + 1)
    monkeypatch.setattr(schema, "migration_steps", lambda: {**registered, schema.LATEST_VERSION: add_widget})
    db.connect(str(database))
    assert schema.SchemaInfo.get().version == schema.LATEST_VERSION
    assert "widget" in db.DB.get_tables()
    assert "note" in [c.name for c in db.DB.get_columns("setting")]
    copies = list(database.parent.glob("sanban.v*-升级前备份-*.db"))
    assert len(copies) == 1
    old = sqlite3.connect(copies[0])
    assert old.execute("SELECT version FROM schema_info").fetchone()[0] == schema.LATEST_VERSION - 1


def test_a_failing_migration_leaves_the_database_as_it_was(database, monkeypatch):
    db.close()

    def broken(target):
        target.create_tables([Widget])
        raise RuntimeError("boom")

    registered = schema.migration_steps()
    monkeypatch.setattr(schema, "LATEST_VERSION", schema.LATEST_VERSION + 1)
    monkeypatch.setattr(schema, "migration_steps", lambda: {**registered, schema.LATEST_VERSION: broken})
    with pytest.raises(DatabaseError, match="升级失败.*保持原样"):
        db.connect(str(database))
    assert schema.SchemaInfo.get().version == schema.LATEST_VERSION - 1
    assert "widget" not in db.DB.get_tables()


@pytest.mark.sqlite_only  # about the SQLite file
def test_a_missing_step_is_refused_before_anything_is_touched(database, monkeypatch):
    db.close()
    before = database.read_bytes()
    monkeypatch.setattr(schema, "LATEST_VERSION", schema.LATEST_VERSION + 1)
    with pytest.raises(DatabaseError, match=f"缺少从版本 {schema.LATEST_VERSION - 1} 升级到 {schema.LATEST_VERSION}"):
        db.connect(str(database))
    db.close()
    assert database.read_bytes() == before
    assert list(database.parent.glob("sanban.v*-升级前备份-*.db")) == []
