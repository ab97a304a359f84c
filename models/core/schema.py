"""Schema versions: a new database gets every table at the latest version; an older one is migrated step by
step after a backup copy; a newer one is refused untouched.

A migration is one function per version, registered with `@step(N)`, that brings version N-1 to N with
playhouse.migrate operations inside one transaction. Keep a step's defaults equal to the model's.
"""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from peewee import Database, IntegerField
from playhouse.migrate import PostgresqlMigrator, SchemaMigrator, SqliteMigrator

from models.core.db import APPLICATION_ID, PlainModel, is_sqlite
from models.core.errors import DatabaseError

LATEST_VERSION = 6

STEPS: dict[int, Callable[[SchemaMigrator], None]] = {}


def step(version: int) -> Callable:
    """Register the migration that brings a database from `version - 1` to `version`."""

    def register(fn: Callable[[SchemaMigrator], None]) -> Callable[[SchemaMigrator], None]:
        STEPS[version] = fn
        return fn

    return register


class SchemaInfo(PlainModel):
    """One row: the schema version of this database."""

    version = IntegerField()


def all_models() -> list[type[PlainModel]]:
    """Every table, in creation order (referenced tables first)."""
    from models.core import accounts, audit, settings, workdays

    return [
        SchemaInfo,
        settings.Setting,
        accounts.User,
        accounts.UserRole,
        audit.AuditEntry,
        audit.AuditHead,
        workdays.CalendarDay,
        workdays.CalendarYear,
        *document_models(),
        *duty_models(),
        *personnel_models(),
    ]


def document_models() -> list[type[PlainModel]]:
    """Version 2: the 公文 ledger."""
    from models.core import counters
    from models.documents import incoming as documents
    from models.documents import outgoing as dispatch

    return [counters.Counter, documents.Incoming, documents.DocEvent, documents.Circulation, documents.Reminder,
            dispatch.Outgoing, dispatch.Distribution, dispatch.NumberReservation]


def duty_models() -> list[type[PlainModel]]:
    """Version 3: 值班 (roster, leaders' absences, the log and its shifts, briefs)."""
    from models.duty import absences, roster
    from models.duty import brief as duty_brief
    from models.duty import log as duty_log

    return [roster.RosterSlot, roster.RosterChange, absences.Absence, duty_log.DutyShift, duty_log.DutyEntry,
            duty_log.DutyEvent, duty_brief.DutyBrief]


def personnel_models() -> list[type[PlainModel]]:
    """Version 5: 涉密人员库 (posts, persons, their events and records, 证件柜, 出国(境))."""
    from models.secrecy import passports
    from models.secrecy import people as secrecy
    from models.secrecy import records as secrecy_records

    return [secrecy.Post, secrecy.Person, secrecy.Assignment, secrecy.PersonEvent, secrecy_records.Review,
            secrecy_records.Pledge, secrecy_records.Training, passports.Passport, passports.Trip, passports.Loan,
            passports.StockTake]


def install_search(db: Database) -> None:
    """Trigram indexes for the ledgers' search box (SQLite; nothing to do on PostgreSQL)."""
    from models.core.db import install_text_index

    install_text_index(db, "incoming", "search_text")
    install_text_index(db, "outgoing", "search_text")
    if "duty_entry" in db.get_tables():
        install_text_index(db, "duty_entry", "search_text")


@step(2)
def add_documents(migrator: SchemaMigrator) -> None:
    migrator.database.create_tables(document_models())
    install_search(migrator.database)


@step(3)
def add_duty(migrator: SchemaMigrator) -> None:
    migrator.database.create_tables(duty_models())
    from models.core.db import install_text_index

    install_text_index(migrator.database, "duty_entry", "search_text")


@step(4)
def index_lead_unit(migrator: SchemaMigrator) -> None:
    """The 承办单位 filter lists the distinct units: a full scan of 100k rows (54 ms) at every window start."""
    # IF NOT EXISTS: a database coming from version 1 got the index already, from step 2's current models
    migrator.database.execute_sql("CREATE INDEX IF NOT EXISTS incoming_lead_unit ON incoming (lead_unit)")


@step(5)
def add_personnel(migrator: SchemaMigrator) -> None:
    migrator.database.create_tables(personnel_models())


@step(6)
def index_incoming_order(migrator: SchemaMigrator) -> None:
    """A jump to the middle of 300,000 收文 walked the wide rows in id order (28 ms); a narrow index on id takes 3."""
    migrator.database.execute_sql("CREATE INDEX IF NOT EXISTS incoming_id ON incoming (id)")


def current_version(db: Database) -> int | None:
    """The stored version, or None for an empty database."""
    tables = set(db.get_tables())
    if not tables:
        return None
    if "schema_info" not in tables:
        raise DatabaseError("这个文件不是三办的数据库，或已损坏。请选择三办创建的数据库文件。")
    row = SchemaInfo.select().first()
    if row is None:
        raise DatabaseError("数据库缺少版本信息，可能已损坏。请从备份恢复。")
    return row.version


def prepare(db: Database) -> int:
    """Create or migrate the schema; returns the version now in force."""
    version = current_version(db)
    if version is None:
        with db.atomic():
            db.create_tables(all_models())
            SchemaInfo.create(version=LATEST_VERSION)
            install_search(db)
            if is_sqlite(db):
                db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        _install_audit_guards(db)
        return LATEST_VERSION
    if version > LATEST_VERSION:
        raise DatabaseError(
            f"这个数据库由较新版本的三办创建（数据版本 {version}），本程序只支持到版本 {LATEST_VERSION}。"
            "请升级三办后再打开；数据库未做任何改动。"
        )
    if version < LATEST_VERSION:
        migrate(db, version)
    return LATEST_VERSION


def migrate(db: Database, from_version: int) -> Path | None:
    """Apply the steps after `from_version`, all in one transaction, after copying the file aside."""
    backup = _backup_before_migration(db, from_version)
    migrator = SqliteMigrator(db) if is_sqlite(db) else PostgresqlMigrator(db)
    # SQLite cannot change foreign-key tables inside a transaction with enforcement on (ALTER via copy).
    if is_sqlite(db):
        db.execute_sql("PRAGMA foreign_keys = 0")
    try:
        with db.atomic():
            for version in range(from_version + 1, LATEST_VERSION + 1):
                if version not in STEPS:
                    raise DatabaseError(f"缺少从版本 {version - 1} 升级到 {version} 的步骤，无法升级数据库。")
                STEPS[version](migrator)
            SchemaInfo.update(version=LATEST_VERSION).execute()
    except DatabaseError:
        raise
    except Exception as exc:
        where = f"升级前的备份在「{backup}」。" if backup else ""
        raise DatabaseError(f"数据库升级失败（{exc}），数据库保持原样。{where}请联系系统管理员。") from exc
    finally:
        if is_sqlite(db):
            db.execute_sql("PRAGMA foreign_keys = 1")
    _install_audit_guards(db)
    return backup


def _backup_before_migration(db: Database, from_version: int) -> Path | None:
    if not is_sqlite(db):
        return None  # PostgreSQL DDL is transactional; the administrator's pg_dump covers the rest
    source = Path(db.database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.stem}.v{from_version}-升级前备份-{stamp}{source.suffix}")
    from models.core.backup import copy_database

    copy_database(db.connection(), target)
    return target


def _install_audit_guards(db: Database) -> None:
    """Refuse UPDATE and DELETE on the audit log inside the database itself (the hash chain catches the rest)."""
    from models.core.audit import install_guards

    install_guards(db)
