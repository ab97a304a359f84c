"""Schema versions: a new database gets every table at the latest version; an older one is migrated step by
step after a backup copy; a newer one is refused untouched.

A migration step is a function `step_N(db)` in a module's `migrations.py` that brings version N-1 to N. It is
frozen: it carries the DDL and data changes of its own version and never calls today's models (see
`models.core.frozen`). All steps of one upgrade run in one transaction. Keep a step's defaults equal to the model's.
"""

from collections.abc import Callable
from pathlib import Path

from peewee import Database, IntegerField

from models.core import clock
from models.core.db import APPLICATION_ID, PlainModel, is_sqlite
from models.core.errors import DatabaseError

LATEST_VERSION = 8

Step = Callable[[Database], None]


def migration_steps() -> dict[int, Step]:
    """version -> the step that brings a database from version - 1 to it, as the modules' manifests declare them."""
    from models.core import modules
    from models.core.manifest import resolve

    return {version: resolve(ref) for version, ref in modules.migration_steps().items()}


class SchemaInfo(PlainModel):
    """One row: the schema version of this database."""

    version = IntegerField()


def core_models() -> list[type[PlainModel]]:
    """The platform's own tables (today's models: what a new database gets)."""
    from models.core import accounts, audit, counters, settings, workdays

    return [SchemaInfo, settings.Setting, accounts.User, accounts.UserRole, audit.AuditEntry, audit.AuditHead,
            workdays.CalendarDay, workdays.CalendarYear, counters.Counter]


def all_models() -> list[type[PlainModel]]:
    """Every table of every installed module (their manifests), in creation order: what a new database gets."""
    from models.core import modules

    return modules.tables()


def install_search(db: Database) -> None:
    """Trigram indexes for the ledgers' search box in a new database, as the manifests declare them (SQLite only)."""
    from models.core import modules
    from models.core.db import install_text_index

    for table, column in modules.text_indexes():
        install_text_index(db, table, column)


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
    else:
        _install_audit_guards(db)  # guards someone dropped with a database shell come back at every open
    return LATEST_VERSION


def migrate(db: Database, from_version: int) -> Path | None:
    """Apply the steps after `from_version`, all in one transaction, after copying the file aside."""
    registered = migration_steps()
    missing = [v for v in range(from_version + 1, LATEST_VERSION + 1) if v not in registered]
    if missing:
        raise DatabaseError(f"缺少从版本 {missing[0] - 1} 升级到 {missing[0]} 的步骤，无法升级数据库。"
                            "请使用完整的三办安装包；数据库未做任何改动。")
    backup = _backup_before_migration(db, from_version)
    # SQLite cannot change foreign-key tables inside a transaction with enforcement on (ALTER via copy).
    if is_sqlite(db):
        db.execute_sql("PRAGMA foreign_keys = 0")
    try:
        with db.atomic():
            for version in range(from_version + 1, LATEST_VERSION + 1):
                registered[version](db)
            SchemaInfo.update(version=LATEST_VERSION).execute()
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
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.stem}.v{from_version}-升级前备份-{stamp}{source.suffix}")
    from models.core.backup import copy_database

    copy_database(db.connection(), target)
    return target


def _install_audit_guards(db: Database) -> None:
    """Refuse UPDATE and DELETE on the audit log inside the database itself (the hash chain catches the rest)."""
    from models.core.audit import install_guards

    install_guards(db)
