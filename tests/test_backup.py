import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from models.core import accounts, backup, db, settings
from models.core.audit import AuditEntry
from models.core.errors import DatabaseError, PermissionDenied, ValidationError
from models.core.rights import Role
from tests.conftest import PASSWORDS

# A backup copies the SQLite file and restore swaps it; a PostgreSQL office backs up its server with pg_dump.
pytestmark = pytest.mark.sqlite_only


def test_backup_while_open_is_complete_and_audited(three, tmp_path):
    result = backup.backup(three[Role.SYSADMIN], tmp_path / "copy.db")
    conn = sqlite3.connect(result.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM user").fetchone()[0] == 3
    assert AuditEntry.select().where(AuditEntry.action == "backup").count() == 1


def test_backup_into_a_folder_names_the_file(three, tmp_path):
    result = backup.backup(three[Role.SYSADMIN], tmp_path)
    assert result.path.parent == tmp_path and result.path.name.startswith("三办备份-")


def test_backup_to_a_missing_folder_is_refused(three, tmp_path):
    with pytest.raises(ValidationError, match="不存在"):
        backup.backup(three[Role.SYSADMIN], tmp_path / "nope" / "x.db")


def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(three, tmp_path, database):
    admin = three[Role.SYSADMIN]
    saved = backup.backup(admin, tmp_path / "copy.db").path
    accounts.add_user(admin, "zhangsan", "张三", "Temp@2026abc")
    result = backup.restore(admin, saved)
    assert accounts.User.get_or_none(accounts.User.username == "zhangsan") is None
    kept = sqlite3.connect(result.previous_copy)
    assert kept.execute("SELECT count(*) FROM user WHERE username='zhangsan'").fetchone()[0] == 1
    assert AuditEntry.select().order_by(AuditEntry.id.desc()).first().action == "restore"


@pytest.mark.parametrize("content, fragment", [
    (b"hello", "不是数据库文件"), (None, "不是三办的数据库"),
])
def test_restore_refuses_what_is_not_a_sanban_backup(three, tmp_path, content, fragment):
    path = tmp_path / "bad.db"
    if content is None:
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    else:
        path.write_bytes(content)
    with pytest.raises(ValidationError, match=fragment):
        backup.restore(three[Role.SYSADMIN], path)
    assert accounts.User.select().count() == 3
    db.DB.execute_sql("SELECT 1")


# --- safe backups: checked, audited, then renamed over the target ---------------------------------------------

def _users(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM user").fetchone()[0]
    finally:
        conn.close()


def _backups() -> int:
    return AuditEntry.select().where(AuditEntry.action == "backup").count()


def _earlier_backup(three, tmp_path):
    """A backup of the three 三员 at copy.db, then a fourth account in the database (so old and new differ)."""
    admin = three[Role.SYSADMIN]
    target = backup.backup(admin, tmp_path / "copy.db").path
    accounts.add_user(admin, "zhangsan", "张三", "Temp@2026abc")
    return admin, target


def test_a_failed_audit_leaves_the_earlier_backup_and_no_temporary_file(three, tmp_path, monkeypatch):
    admin, target = _earlier_backup(three, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())

    def refuse(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(backup.audit, "record", refuse)
    with pytest.raises(RuntimeError):
        backup.backup(admin, target)
    assert _users(target) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_audit_entry_is_written_before_the_rename(three, tmp_path, monkeypatch):
    admin, target = _earlier_backup(three, tmp_path)
    seen = []
    rename = backup.os.replace

    def replace(src, dst):
        seen.append((_backups(), _users(src), _users(dst)))
        rename(src, dst)

    monkeypatch.setattr(backup.os, "replace", replace)
    backup.backup(admin, target)
    assert seen == [(2, 4, 3)]  # the second entry exists while the target still holds the earlier backup
    assert _users(target) == 4


def test_a_copy_that_fails_its_check_is_removed_and_the_earlier_backup_kept(three, tmp_path, monkeypatch):
    admin, target = _earlier_backup(three, tmp_path)
    monkeypatch.setattr(backup, "_problem", lambda path: ("已损坏（完整性校验未通过）", 0))
    with pytest.raises(DatabaseError, match="未通过校验"):
        backup.backup(admin, target)
    assert _users(target) == 3 and _backups() == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_temporary_file_a_killed_backup_left_is_removed_by_the_next(three, tmp_path):
    admin, target = _earlier_backup(three, tmp_path)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    leftover = tmp_path / f".copy.db.{child.pid}-abcdef.tmp"
    leftover.write_bytes(b"half a backup")
    backup.backup(admin, target)
    assert not leftover.exists() and _users(target) == 4


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no device files here")
def test_a_device_or_a_link_to_one_is_refused_and_left_alone(three, tmp_path):
    link = tmp_path / "looks-like-a-file.db"
    link.symlink_to("/dev/null")
    for target in ("/dev/null", link):
        with pytest.raises(ValidationError, match="是设备文件，不是普通文件"):
            backup.backup(three[Role.SYSADMIN], target)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and _backups() == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused(three, tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match="是命名管道"):
        backup.backup(three[Role.SYSADMIN], fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and _backups() == 0


@pytest.mark.parametrize("suffix, fragment", [
    ("", "是正在使用的数据库，"), ("-wal", "-wal 文件"), ("-shm", "-shm 文件"), ("-journal", "-journal 文件"),
])
def test_the_database_s_own_files_are_refused(three, database, suffix, fragment):
    own = database.with_name(database.name + suffix)
    existed = own.exists()
    with pytest.raises(ValidationError, match=fragment):
        backup.backup(three[Role.SYSADMIN], own)
    assert own.exists() == existed and _backups() == 0
    db.DB.execute_sql("SELECT count(*) FROM user")


def test_the_cli_refuses_a_bad_target_with_exit_1_and_writes_nothing(three, database, capsys, monkeypatch):
    from cli.app import run

    monkeypatch.setenv("SANBAN_PASSWORD", PASSWORDS[Role.SYSADMIN])
    db.close()
    wal = str(database) + "-wal"
    assert run(["--db", str(database), "--user", "admin", "backup", "-o", wal]) == 1
    assert "-wal 文件" in capsys.readouterr().err
    db.connect(str(database))
    assert _backups() == 0


# --- the daily backup and its retention -------------------------------------------------------------------

def _expected(day: date, first: date) -> set[date]:
    """The retention rule written out by hand, for one backup a day since `first`: the last 7 days; then the last day
    (Sunday) of each of the 4 latest weeks whose Sunday is not among those; then the last day of each of the 12 latest
    months whose last day is not kept yet (the current week and month end on `day`, which is kept)."""
    kept = {day - timedelta(days=n) for n in range(7) if day - timedelta(days=n) >= first}
    weeks = []
    sunday = day - timedelta(days=day.isoweekday() % 7)  # the Sunday on or before `day`
    while len(weeks) < 4 and sunday >= first:
        if sunday not in kept:
            weeks.append(sunday)
        sunday -= timedelta(days=7)
    kept |= set(weeks)
    months = []
    month_end = date(day.year, day.month, 1) - timedelta(days=1)  # the last day of the month before
    while len(months) < 12 and month_end >= first:
        if month_end not in kept:
            months.append(month_end)
        month_end = date(month_end.year, month_end.month, 1) - timedelta(days=1)
    return kept | set(months)


def test_retention_day_by_day_over_a_year_keeps_7_days_4_weeks_12_months():
    first = date(2026, 1, 1)
    files: set[date] = set()
    for n in range(400):
        day = first + timedelta(days=n)
        files = backup.retained(files | {day})
        assert files == _expected(day, first), day
    assert sorted(files)[0] < day - timedelta(days=330)  # a year back is still covered


def test_scheduled_backup_needs_a_folder_set_by_the_sysadmin(three, tmp_path):
    with pytest.raises(ValidationError, match="尚未设置自动备份文件夹"):
        backup.scheduled_backup()
    with pytest.raises(ValidationError, match="不存在"):
        settings.set_text(three[Role.SYSADMIN], "backup_folder", str(tmp_path / "nope"))
    with pytest.raises(ValidationError, match="完整路径"):
        settings.set_text(three[Role.SYSADMIN], "backup_folder", "backups")
    with pytest.raises(PermissionDenied):
        settings.set_text(three[Role.SECADMIN], "backup_folder", str(tmp_path))


def test_scheduled_backups_day_by_day_keep_the_right_files_each_verified(three, tmp_path, move_clock, monkeypatch):
    """Real files over 120 days (every rule at work; the whole year runs on `retained` above: 12 ms a backup)."""
    monkeypatch.setattr(backup, "_fsync", lambda path: None)  # flushes to disk cost time and prove nothing here
    folder = tmp_path / "自动备份"
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours")
    settings.set_text(three[Role.SYSADMIN], "backup_folder", str(folder))
    first = date(2026, 1, 1)
    for n in range(120):
        day = first + timedelta(days=n)
        move_clock(datetime.combine(day, time(8, 0)))
        done = backup.scheduled_backup()
        assert done.made and done.path.name == f"三办自动备份-{day:%Y%m%d}.db"
        assert set(backup.scheduled_files(folder)) == _expected(day, first), day
    again = backup.scheduled_backup()
    assert not again.made and again.path == done.path
    for path in backup.scheduled_files(folder).values():
        assert backup.check_backup_file(path) >= 1
    assert (folder / "notes.txt").exists()
    entries = AuditEntry.select().where(AuditEntry.action == "backup_scheduled")
    assert entries.count() == 120 and entries.first().actor_name == "系统"


def test_backup_scheduled_from_the_cli_needs_no_log_in(three, database, tmp_path, capsys):
    from cli.app import run

    settings.set_text(three[Role.SYSADMIN], "backup_folder", str(tmp_path))
    db.close()
    assert run(["--db", str(database), "backup", "--scheduled"]) == 0
    assert "已自动备份到" in capsys.readouterr().out
    assert run(["--db", str(database), "backup", "--scheduled"]) == 0
    assert "今天的自动备份已存在" in capsys.readouterr().out
    assert (tmp_path / "三办自动备份-20260610.db").exists()
    db.connect(str(database))


def test_restore_refuses_a_backup_with_flipped_bytes_and_leaves_nothing_beside_the_database(three, tmp_path, database):
    admin = three[Role.SYSADMIN]
    saved = backup.backup(admin, tmp_path / "copy.db").path
    data = bytearray(saved.read_bytes())
    for offset in range(4096 + 100, len(data), 997):  # past the header: pages of the tables
        data[offset] ^= 0xFF
    saved.write_bytes(bytes(data))
    beside = sorted(p.name for p in database.parent.iterdir())
    with pytest.raises(ValidationError, match="不能用来恢复"):
        backup.restore(admin, saved)
    assert sorted(p.name for p in database.parent.iterdir()) == beside
    assert accounts.User.select().count() == 3 and _backups() == 1
