"""The one database of Sanban: opening it from a URL, connection settings, and the base of every table.

Only this module knows SQLite from PostgreSQL. Everything else uses peewee through `DB`.
"""

import os
import sqlite3 as stdlib_sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from peewee import (
    SQL,
    AutoField,
    BaseQuery,
    Database,
    DatabaseProxy,
    DateTimeField,
    Field,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
)

from models.core import clock, postgres_driver
from models.core.errors import DatabaseError, SanbanError, StaleRecord

DB = DatabaseProxy()

# Marks a SQLite file as Sanban's (PRAGMA application_id), so restore can refuse foreign files at once.
APPLICATION_ID = 0x53424E31

# --- waiting for another workstation's write ----------------------------------------------------------------
# One writer at a time: SQLite takes the write lock at BEGIN IMMEDIATE, PostgreSQL locks rows. A long import on
# another workstation makes the others wait, not crash: after a short wait the user is told (`on_wait`), then the
# wait goes on up to WAIT_SECONDS; only then does the command fail, with a Chinese message.

WAIT_SECONDS = 300  # generous: a 300,000-row import writes for about a minute on a slow office machine
NOTICE_AFTER_SECONDS = 0.5
WAITING_TEXT = "其他工作站正在写入，请稍候…"

_wait_notices: list[Callable[[], None]] = []


def on_wait(callback: Callable[[], None] | None) -> None:
    """Call `callback` whenever a write has to wait for another workstation (None: stop telling anyone)."""
    _wait_notices.clear()
    if callback is not None:
        _wait_notices.append(callback)


class Busy(DatabaseError):
    """Another workstation held the write lock for longer than we wait."""

    def __init__(self) -> None:
        super().__init__(f"其他工作站正在写入，已等待 {WAIT_SECONDS} 秒仍未完成，本次操作未执行。"
                         "请稍后重试；如一直如此，请检查是否有工作站的导入或恢复没有结束。")


def _is_lock_error(exc: BaseException) -> bool:
    """SQLite's "database is locked"/"busy", or PostgreSQL's lock_not_available (lock_timeout ran out)."""
    text = str(exc).lower()
    if "database is locked" in text or "database table is locked" in text or "database is busy" in text:
        return True
    # peewee re-raises the driver's error as its own; the driver's (with the SQLSTATE) is the context.
    chain = (exc, exc.__cause__, exc.__context__, getattr(exc, "orig", None))
    return any(getattr(e, "pgcode", None) == "55P03" for e in chain)


@contextmanager
def _lock_errors() -> Iterator[None]:
    """The one place a lock timeout becomes the Chinese `Busy` (whatever statement hit it)."""
    try:
        yield
    except Exception as exc:
        if isinstance(exc, SanbanError) or not _is_lock_error(exc):
            raise
        raise Busy() from exc


class StdlibSqliteDatabase(SqliteDatabase):
    """SQLite through the standard library driver only.

    peewee 4 silently prefers `pysqlite3` when it is installed; naming the driver keeps every machine on the
    same SQLite.
    """

    # peewee's own, which its stubs leave out
    _timeout: float
    _add_conn_hooks: Callable[[stdlib_sqlite3.Connection], None]

    def _connect(self):
        conn = stdlib_sqlite3.connect(
            self.database, timeout=self._timeout, isolation_level=None, **self.connect_params
        )
        try:
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn

    def _busy_timeout(self, seconds: float) -> None:
        self.cursor().execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def begin(self, lock_type=None):
        """Take the write lock; if another workstation holds it, say so once and wait up to WAIT_SECONDS."""
        self._busy_timeout(NOTICE_AFTER_SECONDS)
        try:
            try:
                with _lock_errors():
                    return super().begin(lock_type)
            except Busy:
                for notice in list(_wait_notices):
                    notice()
            self._busy_timeout(max(WAIT_SECONDS - NOTICE_AFTER_SECONDS, 0))
            with _lock_errors():
                return super().begin(lock_type)
        finally:
            self._busy_timeout(WAIT_SECONDS)

    def _execute_cursor(self, sql, params, **cursor_options):
        with _lock_errors():
            return super()._execute_cursor(sql, params, **cursor_options)  # type: ignore[misc]  # not in the stubs

    def commit(self):
        with _lock_errors():
            return super().commit()


class WaitingPostgresqlDatabase(PostgresqlDatabase):
    """PostgreSQL waits for a row another workstation locked up to WAIT_SECONDS (lock_timeout), then `Busy`."""

    def _initialize_connection(self, conn):
        with conn.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {int(WAIT_SECONDS * 1000)}")

    def _execute_cursor(self, sql, params, **cursor_options):
        with _lock_errors():
            return super()._execute_cursor(sql, params, **cursor_options)  # type: ignore[misc]  # not in the stubs


def make_database(url: str) -> Database:
    """A peewee database for a SQLite path or a `postgresql://` URL (not connected yet)."""
    if url.startswith(("postgresql://", "postgres://")):
        try:
            postgres_driver.load()
        except ImportError as exc:
            raise DatabaseError(
                "未安装 PostgreSQL 驱动，无法连接共享数据库。请安装 psycopg2-binary 后重试，"
                "或去掉 --db 参数使用本机数据库。"
            ) from exc
        from playhouse.db_url import parse

        params = parse(url)
        name = params.pop("database")
        return WaitingPostgresqlDatabase(name, **params)
    path = Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url)
    if str(path) != ":memory:":
        _private_file(path)
    return StdlibSqliteDatabase(
        str(path),
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": 2,  # FULL: a power cut must not lose a committed ledger entry
            "busy_timeout": WAIT_SECONDS * 1000,
        },
        timeout=WAIT_SECONDS,
        # Writers take the lock when the transaction starts, so two workstations queue instead of
        # failing with "database is locked" halfway through.
        lock_type="IMMEDIATE",
    )


def _private_file(path: Path) -> None:
    """The database and its -wal/-shm readable by their owner only (SQLite gives the -wal/-shm the database's mode)."""
    from models.core import paths, private

    private.folder(path.parent, own=path.parent == paths.data_dir())  # a folder the user named stays as it is
    if not path.exists():
        try:
            os.close(private.create(path))  # SQLite takes an empty file as an empty database
        except FileExistsError:
            pass  # another process made it meanwhile
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        private.secure(name)


def is_sqlite(db: Database | None = None) -> bool:
    target = db if db is not None else DB.obj
    return isinstance(target, SqliteDatabase)


def sqlite_path() -> Path | None:
    """The file of the open SQLite database, or None for PostgreSQL."""
    return Path(DB.obj.database) if is_sqlite() else None


def describe() -> str:
    """What the status bar shows: the file, or the server without the password."""
    if is_sqlite():
        return str(sqlite_path())
    obj = DB.obj
    host = obj.connect_params.get("host", "localhost")
    return f"postgresql://{host}/{obj.database}"


def now() -> datetime:
    """Local wall-clock time: offices read and file by Beijing time, not UTC."""
    return clock.now()


class PlainModel(Model):
    """Tables that are never edited in place (the audit log, counters' history)."""

    # peewee adds this very field to a model that declares no primary key; said here so the type checker knows `id`.
    # Likewise a table with a foreign key `person` annotates the `person_id: int` peewee adds beside it (a bare
    # annotation, which peewee ignores), and a backref it reads (`reminders: "ModelSelect[Reminder]"`).
    id = AutoField()

    class Meta:
        database = DB
        legacy_table_names = False


class BaseModel(PlainModel):
    """Every record: created/updated times and a version for optimistic locking."""

    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = IntegerField(default=1, constraints=[SQL("DEFAULT 1")])

    _dirty: set[str]  # peewee's own (set in Model.__init__): the fields assigned since the record was read

    def save(self, force_insert: bool = False, only=None) -> int:
        """Insert, or update only if nobody saved the record since we read it (else `StaleRecord`)."""
        if force_insert or self.get_id() is None:
            self.updated_at = now()
            return super().save(force_insert=force_insert, only=only)
        expected = self.version
        fields = only or [f for f in self._meta.sorted_fields if not f.primary_key]
        values = {f: getattr(self, f.name) for f in fields}
        stamp = now()
        values[type(self).version] = expected + 1
        values[type(self).updated_at] = stamp
        cls = type(self)
        changed = (
            cls.update(values)
            .where((cls._meta.primary_key == self.get_id()) & (cls.version == expected))
            .execute()
        )
        if changed != 1:
            raise StaleRecord()
        self.version = expected + 1
        self.updated_at = stamp
        self._dirty.clear()
        return changed


def connect(url: str) -> Database:
    """Open the database at `url`, bind the proxy to it, and bring its schema to this program's version."""
    from models.core import schema

    db = make_database(url)
    DB.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except Exception as exc:  # the driver's own message is English and technical
        raise DatabaseError(f"无法打开数据库「{url}」：{exc}。请检查路径或服务器地址是否正确。") from exc
    schema.prepare(db)
    return db


def close() -> None:
    if DB.obj is not None and not DB.obj.is_closed():
        DB.obj.close()


# --- statements that carry many values ---------------------------------------------------------------------
# SQLite refuses a statement with more variables than its limit (32,766 by default; Debian's build allows more,
# so a machine elsewhere fails where this one does not). An IN list or a multi-row INSERT sized by the user's data
# goes through `chunks`, which reads the limit of the open connection.

T = TypeVar("T")

# psycopg2 interpolates on the client; PostgreSQL's own cap for prepared statements is 65,535.
POSTGRES_VARIABLE_LIMIT = 32_766


def variable_limit() -> int:
    """How many variables one statement may carry on the open database."""
    if is_sqlite():
        return DB.connection().getlimit(stdlib_sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return POSTGRES_VARIABLE_LIMIT


def chunks(items: Sequence[T], per_item: int = 1, others: int = 8, most: int = 5_000) -> Iterator[Sequence[T]]:
    """`items` in slices of at most `most`, each small enough for one statement that carries `per_item` variables
    per item plus `others` more (the rest of its WHERE)."""
    size = max(1, min(most, (variable_limit() - others) // per_item))
    for start in range(0, len(items), size):
        yield items[start:start + size]


def tuples(query: BaseQuery) -> Iterable[tuple[Any, ...]]:
    """The rows of `query` as tuples. peewee's stubs type `query.tuples()` as the query itself, whose rows would be
    model instances; this says what it yields."""
    return cast(Iterable[tuple[Any, ...]], query.tuples())


# --- many rows at once ---------------------------------------------------------------------------------------
# peewee builds a multi-row INSERT value by value: for 30,000 收文 of 22 columns that was 12 s of Python inside the
# write transaction, while every other workstation waits. One prepared statement run by `executemany` leaves only
# SQLite's own work there (under a second).

def insert_rows(model: type[Model], rows: Sequence[dict]) -> None:
    """Insert `rows` (dicts with the same keys: field or column names) into `model`'s table."""
    if not rows:
        return
    if not is_sqlite():
        for chunk in chunks(rows, per_item=len(rows[0])):
            model.insert_many(chunk).execute()
        return
    fields = [model._meta.combined[key] for key in rows[0]]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join("?" * len(fields))})'
    keys, convert = list(rows[0]), [f.db_value for f in fields]
    defaults = [f.default() if callable(f.default) else f.default for f in fields]  # for a key a row lacks

    def values(row: dict) -> tuple:
        return tuple(c(row[k] if k in row else d) for c, k, d in zip(convert, keys, defaults, strict=True))

    with _lock_errors():
        DB.cursor().executemany(sql, map(values, rows))


# --- the distinct values of an indexed column --------------------------------------------------------------
# SELECT DISTINCT walks every entry of the index (10 ms for the 承办单位 of 110,000 收文, at every window start);
# stepping from one value to the next through the index costs a lookup per distinct value (0.02 ms).

def distinct_values(field: Field, descending: bool = False, limit: int | None = None) -> list:
    """The distinct non-empty values of an indexed `field`, sorted, at most `limit` of them."""
    table, column = field.model._meta.table_name, field.column_name
    first, step = ("max", "<") if descending else ("min", ">")
    sql = (f'WITH RECURSIVE v(x) AS (SELECT {first}("{column}") FROM "{table}" UNION ALL '
           f'SELECT (SELECT {first}("{column}") FROM "{table}" WHERE "{column}" {step} v.x) FROM v '
           f"WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL")
    if limit is not None:
        sql += f" LIMIT {int(limit) + 1}"  # one more, in case the empty value is among them
    values = [field.python_value(x) for (x,) in DB.execute_sql(sql)]
    values = [v for v in values if v != ""]
    return values[:limit] if limit is not None else values


# --- substring search ------------------------------------------------------------------------------------
# SQLite: an FTS5 trigram index answers 3+ characters in well under a millisecond; it cannot answer 1–2
# characters (and silently returns nothing for LIKE), so those fall back to LIKE on the base table.
# PostgreSQL: LIKE everywhere (an office can add pg_trgm; the SQL stays the same).

def install_text_index(db: Database, table: str, column: str) -> None:
    """Keep `{table}_fts` (trigram) in step with `table.column` through triggers; no-op on PostgreSQL."""
    if not is_sqlite(db):
        return
    fts = f"{table}_fts"
    db.execute_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{table}', "
        f"content_rowid='id', tokenize='trigram')"
    )
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
                   f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END")
    db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
                   f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END")
    db.execute_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def text_contains(model: type[PlainModel], column, text: str):
    """A WHERE term: `column` contains `text` (case-insensitive for Latin letters)."""
    text = text.strip()
    if is_sqlite() and len(text) >= 3:
        fts = f"{model._meta.table_name}_fts"
        phrase = '"' + text.replace('"', '""') + '"'
        return model.id.in_(SQL(f"(SELECT rowid FROM {fts} WHERE {fts} MATCH ?)", [phrase]))
    return column.contains(text)


def count_text_matches(model: type[Model], text: str) -> int | None:
    """How many rows contain `text`, read from the trigram index alone (10 ms → 1 ms for 6,000 matches in 100k
    rows); None where that does not apply (PostgreSQL, or fewer than 3 characters)."""
    text = text.strip()
    if not is_sqlite() or len(text) < 3:
        return None
    fts = f"{model._meta.table_name}_fts"
    phrase = '"' + text.replace('"', '""') + '"'
    return DB.execute_sql(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ?", (phrase,)).fetchone()[0]
