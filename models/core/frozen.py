"""What frozen migration steps are built from: the table bases and the trigram index as they were when written.

A step declares its tables as copies of the models of its own version on these bases, so its DDL never follows
today's models. Never edit what is here: a new shape of base or index gets a new name beside the old one.

Adding a NOT NULL column: give the field its default in the DDL (`constraints=[SQL("DEFAULT ''")]`, on the model
too) and add it with `add_column(..., allow_not_null=True)`. Without that, playhouse rebuilds the SQLite table to
set NOT NULL, and the rebuild silently drops the table's triggers (the search index stops following the rows).
"""

from peewee import SQL, Database, DateTimeField, IntegerField, Model

from models.core.db import is_sqlite


class PlainV1(Model):
    """A table with no shared columns, as at version 1 (bound to a database only while a step runs)."""

    class Meta:
        legacy_table_names = False


class RecordV1(PlainV1):
    """A record as at version 1: created/updated times and the optimistic-locking version."""

    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


def create_tables(db: Database, models: list[type[Model]]) -> None:
    """Create `models` (frozen copies) in `db`, with their indexes; fails if a table is already there."""
    with db.bind_ctx(models, bind_refs=False, bind_backrefs=False):
        db.create_tables(models, safe=False)


def trigram_index_v2(db: Database, table: str, column: str) -> None:
    """The search index of version 2: `{table}_fts` (FTS5 trigram) kept in step with `table.column` by
    triggers, filled from the rows already there. SQLite only; PostgreSQL searches with LIKE."""
    if not is_sqlite(db):
        return
    fts = f"{table}_fts"
    db.execute_sql(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', tokenize='trigram')"
    )
    db.execute_sql(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END")
    db.execute_sql(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END")
    db.execute_sql(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
                   f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END")
    db.execute_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
