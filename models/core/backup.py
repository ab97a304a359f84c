"""Backup and restore of the SQLite database, safe while the window is open (SQLite's online backup API)."""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.core import audit, clock, restore_check, workdays
from models.core.db import APPLICATION_ID, DB, connect, is_sqlite, sqlite_path
from models.core.errors import DatabaseError, ValidationError
from models.core.rights import Right, require

Progress = Callable[[int, int], None]  # (pages done, pages in all)


def copy_database(source: sqlite3.Connection, target: Path, progress: Progress | None = None) -> None:
    """Copy a live database page by page into `target`, then check the copy's integrity."""
    if target.exists():
        target.unlink()
    dest = sqlite3.connect(str(target))
    try:
        def report(status, remaining, total):
            if progress:
                progress(total - remaining, total)

        source.backup(dest, pages=256, progress=report)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        result = dest.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dest.close()
    if result != "ok":
        target.unlink(missing_ok=True)
        raise DatabaseError(f"备份文件完整性校验未通过（{result}），已删除该文件。请检查磁盘后重试。")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int


def _require_sqlite(what: str) -> None:
    if not is_sqlite():
        raise ValidationError("db", f"共享的 PostgreSQL 数据库请由服务器管理员用 pg_dump {what}，本程序只{what}本机数据库文件。")


def backup(actor, target: str | Path, progress: Progress | None = None) -> BackupResult:
    """系统管理员 copies the open database to `target` (integrity-checked)."""
    require(actor, Right.BACKUP, "备份数据库")
    _require_sqlite("备份")
    path = Path(target).expanduser()
    if path.is_dir():
        path = path / f"三办备份-{clock.now():%Y%m%d-%H%M%S}.db"
    if sqlite_path() and path.resolve() == sqlite_path().resolve():
        raise ValidationError("path", "备份文件不能与正在使用的数据库是同一个文件，请另选位置。")
    if not path.parent.exists():
        raise ValidationError("path", f"文件夹「{path.parent}」不存在，请先建立或另选位置。")
    try:
        copy_database(DB.connection(), path, progress)
    except OSError as exc:
        raise ValidationError("path", f"无法写入「{path}」：{exc.strerror or exc}。请检查磁盘空间和写入权限。") from exc
    size = path.stat().st_size
    with DB.atomic():
        audit.record(actor, "backup", f"file:{path.name}", f"备份数据库到 {path}", size=size)
    return BackupResult(path, size)


def check_backup_file(path: Path) -> int:
    """Refuse anything but an intact Sanban database; returns its schema version."""
    from models.core.schema import LATEST_VERSION

    if not path.is_file():
        raise ValidationError("path", f"找不到文件「{path}」。")
    with open(path, "rb") as fh:
        header = fh.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        raise ValidationError("path", f"「{path.name}」不是三办的备份文件（不是数据库文件）。请选择三办备份出的 .db 文件。")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise ValidationError("path", f"「{path.name}」是数据库文件，但不是三办的数据库，不能用来恢复。")
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise ValidationError("path", f"「{path.name}」已损坏（完整性校验未通过），不能用来恢复。请换一个备份。")
        version = conn.execute("SELECT version FROM schema_info").fetchone()[0]
        _check_text(conn)
    except (UnicodeDecodeError, sqlite3.DatabaseError) as exc:
        # sqlite3 reports undecodable text as an OperationalError ("Could not decode to UTF-8 …")
        what = "其中有无法识别的文字（文件内容被改动过）" if "decode" in str(exc).lower() else "无法读取"
        raise ValidationError("path", f"「{path.name}」已损坏：{what}，不能用来恢复。请换一个备份。") from exc
    finally:
        conn.close()
    if version > LATEST_VERSION:
        raise ValidationError("path", f"「{path.name}」来自较新版本的三办（数据版本 {version}），请先升级程序。")
    return version


def _check_text(conn: sqlite3.Connection) -> None:
    """Read every row once: integrity_check does not look inside values, so flipped bytes in a text would
    restore happily and then stop the program at the next read (UnicodeDecodeError)."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    for name in tables:
        for _ in conn.execute(f'SELECT * FROM "{name}"'):
            pass


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path


def restore(actor, source: str | Path, progress: Progress | None = None) -> RestoreResult:
    """系统管理员 replaces the database with a backup; what it replaces is kept beside it first."""
    require(actor, Right.RESTORE, "恢复数据库")
    _require_sqlite("恢复")
    src = Path(source).expanduser()
    check_backup_file(src)
    restore_check.refuse_unsound_backup(src)
    current = sqlite_path()
    if src.resolve() == current.resolve():
        raise ValidationError("path", "不能用正在使用的数据库恢复它自己，请选择备份文件。")
    keep = current.with_name(f"{current.stem}.恢复前-{clock.now():%Y%m%d-%H%M%S}{current.suffix}")
    with DB.atomic():
        audit.record(actor, "restore", f"file:{src.name}", f"用 {src} 恢复数据库，原库另存为 {keep.name}")
    copy_database(DB.connection(), keep)
    backup_conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        backup_conn.backup(DB.connection(), pages=256,
                           progress=(lambda s, r, t: progress(t - r, t)) if progress else None)
    finally:
        backup_conn.close()
    # Reopen so the restored file is migrated to this program's version and its caches are fresh.
    DB.close()
    connect(str(current))
    workdays.invalidate()
    with DB.atomic():
        audit.record(actor, "restore", f"file:{src.name}", f"本库由 {src} 恢复而来，恢复前的库另存为 {keep.name}")
    return RestoreResult(src, keep)
