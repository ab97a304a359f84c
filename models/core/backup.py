"""Backup and restore of the SQLite database, safe while the window is open (SQLite's online backup API).

A backup is written to a private temporary file beside its target, checked (integrity, application_id, it opens),
flushed to disk, audited, and only then renamed over the target: a kill at any moment leaves the earlier file at that
path intact, or the new one complete (plus, at worst, a private temporary file that the next backup there removes).
Restore keeps the database it replaces beside it first (the same way), stages the backup as a private checked copy,
and replaces the open database's content from it in one SQLite transaction.
"""

import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.core import audit, clock, private, restore_check, settings, workdays
from models.core.db import APPLICATION_ID, DB, connect, sqlite_path
from models.core.errors import DatabaseError, ValidationError
from models.core.rights import Right, require

Progress = Callable[[int, int], None]  # (pages done, pages in all)

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{6}\.tmp$")


def _temp_beside(target: Path) -> Path:
    """A new private, empty file beside `target`, named so a leftover can be told from a file in use."""
    while True:
        temp = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(3).hex()}.tmp")
        try:
            os.close(private.create(temp))
            return temp
        except FileExistsError:
            continue


def _remove_leftovers(target: Path) -> None:
    """Temporary files of earlier runs for `target` whose process was killed."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        found = _TEMP.match(name)
        if found and found["name"] == target.name and not private.process_running(int(found["pid"])):
            try:
                (target.parent / name).unlink()
            except OSError:
                pass


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    try:
        _fsync(folder)
    except OSError:
        pass


def _header_problem(path: Path) -> str:
    """The quick part of `_problem`: readable, and a SQLite file at all."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return f"无法读取（{exc.strerror or exc}）"
    return "" if header.startswith(b"SQLite format 3\x00") else "不是数据库文件"


def _problem(path: Path) -> tuple[str, int]:
    """What is wrong with `path` as a Sanban database ("" when nothing) and its schema version."""
    if problem := _header_problem(path):
        return problem, 0
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return "无法打开（文件已损坏、不完整或没有读取权限）", 0
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return "是数据库文件，但不是三办的数据库", 0
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return "已损坏（完整性校验未通过）", 0
        version = conn.execute("SELECT version FROM schema_info").fetchone()[0]
        _check_text(conn)
    except (sqlite3.Error, UnicodeDecodeError, TypeError) as exc:  # flipped bytes surface as any of these
        # sqlite3 reports undecodable text as an OperationalError ("Could not decode to UTF-8 …"): say it in Chinese
        if "decode" in str(exc).lower():
            return "其中有无法识别的文字（文件内容被改动过）", 0
        return "无法读取（文件已损坏或不完整）", 0
    finally:
        conn.close()
    return "", version


def copy_database(source: sqlite3.Connection, target: Path, progress: Progress | None = None,
                  before_rename: Callable[[int], None] | None = None) -> int:
    """Copy a live database into `target` atomically and privately; returns the copy's size in bytes.

    The copy is checked and flushed before `before_rename(size)` runs (the audit entry); if that raises, the copy is
    removed and `target` is left as it was.
    """
    _remove_leftovers(target)
    temp = _temp_beside(target)
    try:
        dest = sqlite3.connect(str(temp))
        try:
            def report(status, remaining, total):
                if progress:
                    progress(total - remaining, total)

            source.backup(dest, pages=256, progress=report)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            dest.close()
        problem, _ = _problem(temp)
        if problem:
            raise DatabaseError(f"刚写出的备份未通过校验（{problem}），已删除，原有的「{target.name}」未受影响。"
                                "请检查磁盘后重试。")
        _fsync(temp)
        size = temp.stat().st_size
        if before_rename:
            before_rename(size)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    return size


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int


def _require_sqlite(what: str) -> Path:
    """The open database's file; a PostgreSQL database is refused."""
    path = sqlite_path()
    if path is None:
        raise ValidationError("db", f"共享的 PostgreSQL 数据库请由服务器管理员用 pg_dump {what}，"
                                    f"本程序只{what}本机数据库文件。")
    return path


_KINDS = ((stat.S_ISDIR, "文件夹"), (stat.S_ISCHR, "设备文件"), (stat.S_ISBLK, "设备文件"),
          (stat.S_ISFIFO, "命名管道"), (stat.S_ISSOCK, "套接字文件"))


def _refuse_unfit_target(path: Path, shown: Path) -> None:
    """A backup replaces only a regular file, never the database's own files; nothing is written when refused."""
    current = sqlite_path()
    if current is not None:
        live = current.resolve()
        own = {live: "正在使用的数据库"} | {live.with_name(live.name + s): f"正在使用的数据库的 {s} 文件"
                                          for s in ("-wal", "-shm", "-journal")}
        if path in own:
            raise ValidationError("path", f"「{shown}」是{own[path]}，备份不能写在这里，请另选文件名或文件夹。")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ValidationError("path", f"无法访问「{shown}」：{exc.strerror or exc}。请另选位置。") from exc
    if mode is not None and not stat.S_ISREG(mode):
        kind = next((label for test, label in _KINDS if test(mode)), "特殊文件")
        raise ValidationError("path", f"「{shown}」是{kind}，不是普通文件，不能写入备份。"
                                      "请指定一个 .db 文件名或一个文件夹。")
    if not path.parent.is_dir():
        raise ValidationError("path", f"文件夹「{shown.parent}」不存在，请先建立或另选位置。")


def backup(actor, target: str | Path, progress: Progress | None = None) -> BackupResult:
    """系统管理员 copies the open database to `target` (a file, or a folder to name one in); checked, then audited."""
    require(actor, Right.BACKUP, "备份数据库")
    _require_sqlite("备份")
    shown = Path(target).expanduser()
    if shown.is_dir():
        shown = shown / f"三办备份-{clock.now():%Y%m%d-%H%M%S}.db"
    path = shown.resolve()  # a link is followed: the file it points at is what gets replaced
    _refuse_unfit_target(path, shown)

    def audited(size: int) -> None:
        with DB.atomic():
            audit.record(actor, "backup", f"file:{path.name}", f"备份数据库到 {path}", size=size)

    try:
        size = copy_database(DB.connection(), path, progress, audited)
    except OSError as exc:
        raise ValidationError("path", f"无法写入「{path}」：{exc.strerror or exc}。请检查磁盘空间和写入权限。") from exc
    return BackupResult(path, size)


def _refuse(problem: str, shown: Path) -> None:
    """A backup that cannot be restored, said in the user's words."""
    if problem == "不是数据库文件":
        raise ValidationError("path", f"「{shown.name}」不是三办的备份文件（不是数据库文件）。"
                                      "请选择三办备份出的 .db 文件。")
    if problem:
        raise ValidationError("path", f"「{shown.name}」{problem}，不能用来恢复。请换一个备份。")


def check_backup_file(path: Path, shown: Path | None = None) -> int:
    """Refuse anything but an intact Sanban database; returns its schema version. `shown`: the name to say."""
    from models.core.schema import LATEST_VERSION

    if not path.is_file():
        raise ValidationError("path", f"找不到文件「{shown or path}」。")
    problem, version = _problem(path)
    _refuse(problem, shown or path)
    if version > LATEST_VERSION:
        raise ValidationError("path", f"「{(shown or path).name}」来自较新版本的三办（数据版本 {version}），"
                                      "请先升级程序。")
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


def _stage(src: Path, beside: Path) -> Path:
    """A private copy of the backup beside the database: what is checked is exactly what is restored."""
    _remove_leftovers(beside)
    staged = _temp_beside(beside)
    try:
        with open(src, "rb") as reader, open(staged, "wb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def restore(actor, source: str | Path, progress: Progress | None = None) -> RestoreResult:
    """系统管理员 replaces the database with a backup; what it replaces is kept beside it first."""
    require(actor, Right.RESTORE, "恢复数据库")
    current = _require_sqlite("恢复")
    src = Path(source).expanduser()
    if src.exists() and src.resolve() == current.resolve():
        raise ValidationError("path", "不能用正在使用的数据库恢复它自己，请选择备份文件。")
    if not src.is_file():
        raise ValidationError("path", f"找不到文件「{src}」。")
    _refuse(_header_problem(src), src)  # junk is refused before anything is copied
    try:
        staged = _stage(src, current)
    except OSError as exc:
        raise ValidationError("path", f"无法把「{src}」复制到数据库旁（{exc.strerror or exc}）。"
                                      "请检查磁盘空间和读取权限。") from exc
    try:
        check_backup_file(staged, src)
        restore_check.refuse_unsound_backup(staged)  # a broken audit chain, or accounts the audit never made
        keep = current.with_name(f"{current.stem}.恢复前-{clock.now():%Y%m%d-%H%M%S}{current.suffix}")
        with DB.atomic():
            audit.record(actor, "restore", f"file:{src.name}", f"用 {src} 恢复数据库，原库另存为 {keep.name}")
        try:
            copy_database(DB.connection(), keep)
        except OSError as exc:
            raise ValidationError("path", f"无法在数据库旁保存恢复前的副本（{exc.strerror or exc}），未做恢复。"
                                          "请检查磁盘空间。") from exc
        # The open database takes the backup's pages in one write transaction: a kill midway rolls it back.
        # (Renaming a file over a database that other connections hold open would pair it with their -wal.)
        reader = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
        try:
            reader.backup(DB.connection(), pages=256,
                          progress=(lambda s, r, t: progress(t - r, t)) if progress else None)
        finally:
            reader.close()
    finally:
        staged.unlink(missing_ok=True)
    # Reopen so the restored file is migrated to this program's version and its caches are fresh.
    DB.close()
    connect(str(current))
    workdays.invalidate()
    with DB.atomic():
        audit.record(actor, "restore", f"file:{src.name}", f"本库由 {src} 恢复而来，恢复前的库另存为 {keep.name}")
    return RestoreResult(src, keep)


# --- the daily backup ---------------------------------------------------------------------------------------

SCHEDULED_PREFIX = "三办自动备份-"
KEEP = (("day", 7), ("week", 4), ("month", 12))
_SCHEDULED = re.compile(re.escape(SCHEDULED_PREFIX) + r"(\d{8})\.db$")


def _period(rule: str, day: date) -> object:
    if rule == "week":
        return day.isocalendar()[:2]
    if rule == "month":
        return day.year, day.month
    return day


def retained(days: Iterable[date]) -> set[date]:
    """The daily backups to keep: the newest of each of the last 7 days that have one, then of the 4 weeks before
    those, then of the 12 months before those (a period whose newest backup an earlier rule kept does not count)."""
    ordered = sorted(set(days), reverse=True)
    kept: set[date] = set()
    for rule, count in KEEP:
        last, taken = None, 0
        for day in ordered:
            period = _period(rule, day)
            if period == last:
                continue
            last = period
            if day in kept:
                continue
            kept.add(day)
            taken += 1
            if taken == count:
                break
    return kept


def scheduled_files(folder: Path) -> dict[date, Path]:
    """The daily backups in `folder`, by day (other files there are never touched)."""
    found = {}
    for path in folder.iterdir():
        match = _SCHEDULED.fullmatch(path.name)
        if match:
            try:
                found[date(int(match[1][:4]), int(match[1][4:6]), int(match[1][6:]))] = path
            except ValueError:
                continue
    return found


def latest_scheduled() -> Path | None:
    """The newest daily backup in the folder the 系统管理员 set (None when none, or no folder is set or there)."""
    folder = Path(settings.get_text("backup_folder")).expanduser()
    if not settings.get_text("backup_folder") or not folder.is_dir():
        return None
    found = scheduled_files(folder)
    return found[max(found)] if found else None


def check_folder(text: str) -> None:
    """The 系统管理员's choice of folder for the daily backups (a setting): an existing folder, given in full."""
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        raise ValidationError("backup_folder", f"自动备份文件夹要写完整路径（如 D:\\三办备份 或 /home/用户/三办备份），"
                                               f"「{text}」不是。")
    if not folder.is_dir():
        raise ValidationError("backup_folder", f"文件夹「{text}」不存在，请先建立（或接上移动硬盘）后再设置。")


@dataclass(frozen=True)
class ScheduledResult:
    path: Path  # today's backup
    made: bool  # False: it existed already, nothing was done
    size: int
    removed: tuple[Path, ...]


def scheduled_backup(progress: Progress | None = None) -> ScheduledResult:
    """Today's backup into the folder the 系统管理员 set, at most one a day, then the older ones past the retention
    rule are removed. The program runs it itself (at window start; `backup --scheduled` for the OS scheduler), so it
    is audited as 系统, naming the files it removed."""
    _require_sqlite("备份")
    text = settings.get_text("backup_folder")
    if not text:
        raise ValidationError("backup_folder", "尚未设置自动备份文件夹：请系统管理员在「系统 → 设置」中设置。")
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise ValidationError("backup_folder", f"自动备份文件夹「{folder}」不存在（移动硬盘没接上？）。"
                                               "请接上，或在「系统 → 设置」中另选文件夹。")
    today = clock.today()
    target = (folder / f"{SCHEDULED_PREFIX}{today:%Y%m%d}.db").resolve()
    if target.exists() and target.is_file():
        return ScheduledResult(target, False, target.stat().st_size, ())
    _refuse_unfit_target(target, target)
    existing = scheduled_files(folder)
    keep = retained([*existing, today])
    stale = tuple(path for day, path in sorted(existing.items()) if day not in keep)

    def audited(size: int) -> None:
        with DB.atomic():
            audit.record(None, "backup_scheduled", f"file:{target.name}", f"自动备份数据库到 {target}", size=size,
                         removed=[p.name for p in stale])

    try:
        size = copy_database(DB.connection(), target, progress, audited)
    except OSError as exc:
        raise ValidationError("backup_folder", f"无法写入「{target}」：{exc.strerror or exc}。"
                                               "请检查磁盘空间和写入权限。") from exc
    for path in stale:
        path.unlink(missing_ok=True)
    return ScheduledResult(target, True, size, stale)
