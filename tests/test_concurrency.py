"""Work that runs at the same moment on several workstations: failed logins each counted, long writes waited for."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cli.app import run
from models.core import accounts, audit, db, settings
from models.core.errors import ValidationError
from models.core.rights import Role
from tests.conftest import NAMES, ON_POSTGRES, PASSWORDS

# Another workstation holds a lock for a few seconds of wall time: a command must reach it meanwhile.
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parent.parent


def _audited(action: str, target: str) -> int:
    return (audit.AuditEntry.select()
            .where((audit.AuditEntry.action == action) & (audit.AuditEntry.target == target)).count())


def test_thirty_parallel_wrong_passwords_are_each_counted_and_audited(three):
    """30 workstations type a wrong password for one account at once: each attempt is audited (a failure, or a
    refusal once the account is locked), the failures are all counted, and the account locks once."""
    name = NAMES[Role.SECADMIN]
    start = threading.Barrier(30)
    errors: list[BaseException] = []

    def attempt() -> None:
        start.wait()
        try:
            accounts.login(name, "Wrong@2026xyz")
        except ValidationError:
            pass
        except BaseException as exc:  # a stale-record or locking error is exactly the bug
            errors.append(exc)
        finally:
            db.DB.close()

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    failed = _audited("login_failed", f"user:{name}")
    assert failed >= settings.get("lockout_attempts")
    assert failed + _audited("login_refused", f"user:{name}") == 30
    assert _audited("account_locked", f"user:{name}") == 1
    assert accounts.User.get(accounts.User.username == name).locked_until is not None
    with pytest.raises(ValidationError, match="锁定"):
        accounts.login(name, "Baomi@2026ab")
    assert audit.verify(three[Role.AUDITOR]).ok


def test_wrong_passwords_in_a_row_lock_at_the_limit(three):
    """Serially the counter says how many tries are left, and the limit-th wrong password locks."""
    name = NAMES[Role.SYSADMIN]
    limit = settings.get("lockout_attempts")
    for left in range(limit - 1, 0, -1):
        with pytest.raises(ValidationError, match=f"再输错 {left} 次"):
            accounts.login(name, "Wrong@2026xyz")
    with pytest.raises(ValidationError, match="账户已锁定"):
        accounts.login(name, "Wrong@2026xyz")
    assert _audited("account_locked", f"user:{name}") == 1


# A writer on another workstation: holds the write lock (SQLite) or the audit head row (PostgreSQL, where every
# write appends to the audit) for `hold` seconds.
HOLDER = """
import sys, time
url, hold = sys.argv[1], float(sys.argv[2])
if url.startswith("postgresql://"):
    import psycopg2
    conn = psycopg2.connect(url)
    conn.cursor().execute("SELECT * FROM audit_head FOR UPDATE")
else:
    import sqlite3
    conn = sqlite3.connect(url, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(hold)
conn.commit() if url.startswith("postgresql://") else conn.execute("COMMIT")
print("released", time.monotonic(), flush=True)
"""


@pytest.fixture
def holder(database):
    started: list[subprocess.Popen] = []

    def hold(seconds: float) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", HOLDER, str(database), str(seconds)],
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "held"
        started.append(process)
        return process

    yield hold
    for process in started:
        process.wait(timeout=60)


def _add_user(database, capsys, monkeypatch, name: str) -> tuple[int, str]:
    monkeypatch.setenv("SANBAN_PASSWORD", PASSWORDS[Role.SYSADMIN])
    monkeypatch.setenv("SANBAN_NEW_PASSWORD", "Temp@2026abc")
    code = run(["--db", str(database), "--user", NAMES[Role.SYSADMIN], "user", "add", name, "--name", "李四"])
    return code, capsys.readouterr().err


def test_a_command_waits_for_another_workstations_long_write(three, database, holder, capsys, monkeypatch,
                                                             tmp_path):
    """While another workstation writes, a command waits (saying so once on SQLite) and then succeeds."""
    writer = holder(3)
    code, err = _add_user(database, capsys, monkeypatch, "lisi")
    assert code == 0, err
    finished = time.monotonic()  # CLOCK_MONOTONIC: one clock for every process of the machine
    # It did wait for the writer. (Not `writer.poll()`: the writer's process may still be exiting after it let go.)
    assert float(writer.stdout.readline().split()[1]) <= finished
    assert "Traceback" not in err and "locked" not in err
    if not ON_POSTGRES:  # PostgreSQL waits on a row lock without telling
        assert err.count(db.WAITING_TEXT) == 1
    assert not (tmp_path / "home" / "logs").exists()


def test_a_wait_that_runs_out_fails_in_chinese_and_writes_nothing(three, database, holder, capsys, monkeypatch,
                                                                  tmp_path):
    monkeypatch.setattr(db, "WAIT_SECONDS", 1)
    holder(6)
    code, err = _add_user(database, capsys, monkeypatch, "wangwu")
    assert code == 1
    assert "其他工作站正在写入，已等待 1 秒仍未完成" in err and "Traceback" not in err
    assert not (tmp_path / "home" / "logs").exists()
    db.connect(str(database))
    assert not accounts.User.select().where(accounts.User.username == "wangwu").exists()


def test_a_waiting_command_in_a_real_terminal_says_so_once_and_shows_no_traceback(three, database, holder, tmp_path):
    holder(3)
    env = {**os.environ, "SANBAN_PASSWORD": PASSWORDS[Role.SYSADMIN],
           "SANBAN_NEW_PASSWORD": "Temp@2026abc", "SANBAN_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(database), "--user",
                             NAMES[Role.SYSADMIN], "user", "add", "zhaoliu", "--name", "赵六"],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if not ON_POSTGRES:
        assert result.stderr.count(db.WAITING_TEXT) == 1
