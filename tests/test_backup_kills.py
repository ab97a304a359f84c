"""A backup or a restore killed at any moment (SIGKILL, 20 times each) leaves the earlier file intact or the new one
complete, never a partial or an empty one, and a new backup is never there without its audit entry."""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models.core import accounts, backup, db
from models.core.db import APPLICATION_ID
from models.core.rights import Role
from tests.conftest import PASSWORDS

pytestmark = [pytest.mark.sqlite_only,
              pytest.mark.serial,  # kills at moments measured on a run before: another test beside it skews them
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")]

ROOT = Path(__file__).resolve().parents[1]
TRIES = 20


def _state(path: Path) -> tuple[int, int]:
    """(accounts, audited backups) of an intact Sanban database at `path`; fails on anything else."""
    conn = sqlite3.connect(path)  # read-write: a kill leaves a hot WAL that opening rolls back
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        users = conn.execute("SELECT count(*) FROM user").fetchone()[0]
        backups = conn.execute("SELECT count(*) FROM audit_entry WHERE action = 'backup'").fetchone()[0]
        return users, backups
    finally:
        conn.close()


def _padding(megabytes: int) -> None:
    """Make the database big enough that the copy itself takes a while to kill in the middle of."""
    db.DB.execute_sql("CREATE TABLE padding (b BLOB)")
    with db.DB.atomic():
        for _ in range(megabytes * 4):
            db.DB.execute_sql("INSERT INTO padding VALUES (?)", (os.urandom(256 * 1024),))


def _command(database: Path, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", str(database), "--user", "admin", *args]


def _environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SANBAN_PASSWORD": PASSWORDS[Role.SYSADMIN], "SANBAN_HOME": str(tmp_path / "home")}


def _full_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - started


def _moments(span: float, seed: int) -> list[float]:
    """TRIES random moments spread over the whole run (one in each twentieth of it), so every phase gets hit:
    start-up, the copy, the check, the audit, the rename, and just after."""
    rng = random.Random(seed)
    return [(i + rng.random()) / TRIES * span for i in range(TRIES)]


def _killed(command: list[str], env: dict[str, str], after: float) -> None:
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()


def test_a_killed_backup_leaves_the_earlier_backup_or_a_complete_audited_new_one(three, database, tmp_path):
    admin = three[Role.SYSADMIN]
    target = tmp_path / "backups" / "三办.db"
    target.parent.mkdir()
    _padding(8)
    backup.backup(admin, target)
    earlier = shutil.copy(target, tmp_path / "earlier.db")
    accounts.add_user(admin, "zhangsan", "张三", "Temp@2026abc")  # the database now differs from the backup
    db.close()
    env = _environment(tmp_path)
    command = _command(database, "backup", "-o", str(target))
    span = max(_full_run(command, env) for _ in range(2)) * 1.3  # the last moments fall after a run that ends
    assert _state(target)[0] == 4  # a full run backs up the four accounts

    outcomes = {"earlier": 0, "new": 0}
    for moment in _moments(span, 12):
        shutil.copy(earlier, target)  # each try starts from an earlier backup of three accounts
        os.chmod(target, 0o600)
        audited_before = _state(database)[1]
        _killed(command, env, moment)
        users, _ = _state(target)
        audited_after = _state(database)[1]
        if users == 3:
            outcomes["earlier"] += 1
        else:
            assert users == 4
            outcomes["new"] += 1
            assert audited_after == audited_before + 1, "a new backup is in place without its audit entry"
        assert audited_after <= audited_before + 1
    assert outcomes["earlier"] and outcomes["new"], outcomes  # the kills landed on both sides of the rename
    leftovers = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    if leftovers:  # private, and the next backup there removes them
        assert all(stat_mode(p) == 0o600 for p in leftovers)
        _full_run(command, env)
        assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    db.connect(str(database))


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def test_a_killed_restore_leaves_the_database_as_it_was_or_fully_restored(three, database, tmp_path):
    admin = three[Role.SYSADMIN]
    _padding(8)
    saved = backup.backup(admin, tmp_path / "saved.db").path  # three accounts
    accounts.add_user(admin, "zhangsan", "张三", "Temp@2026abc")
    db.close()
    pristine = tmp_path / "pristine.db"  # the database with four accounts, to start every try from
    shutil.copy(database, pristine)
    for suffix in ("-wal", "-shm"):
        assert not Path(str(database) + suffix).exists()
    env = _environment(tmp_path)
    command = _command(database, "restore", str(saved))

    def start_over() -> None:
        for suffix in ("-wal", "-shm"):
            Path(str(database) + suffix).unlink(missing_ok=True)
        shutil.copy(pristine, database)

    span = _full_run(command, env) * 1.3  # the last moments fall after a run that ends
    assert _state(database)[0] == 3
    start_over()
    span = max(span, _full_run(command, env) * 1.3)

    outcomes = {"as it was": 0, "restored": 0}
    for moment in _moments(span, 21):
        start_over()
        _killed(command, env, moment)
        users, _ = _state(database)
        outcomes["restored" if users == 3 else "as it was"] += 1
        assert users in (3, 4)
        for kept in tmp_path.glob("sanban.恢复前-*.db"):  # the copy of what was replaced: complete, or not there
            assert _state(kept)[0] == 4
    assert outcomes["as it was"] and outcomes["restored"], outcomes
    db.connect(str(database))
