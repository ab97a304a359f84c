"""A 10,000-row import killed at random moments leaves nothing partial: the database opens, its audit chain holds,
and it has either none of the rows or all of them with their one audit entry (the import is one transaction)."""

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

from models.core import accounts, audit, db
from models.core.rights import Role
from tests.conftest import NAMES, PASSWORDS, business_user

ROOT = Path(__file__).resolve().parent.parent
ROWS = 10_000
pytestmark = pytest.mark.sqlite_only  # kills a process writing a SQLite file


def old_ledger(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["县委办公室2019年收文登记"])
    sheet.append(["登记号", "日期", "来文机关", "来文字号", "文件题目", "密级", "份数", "承办科室", "结果"])
    for n in range(ROWS):
        sheet.append([f"2019-{n + 1:05d}", f"2019年{n % 12 + 1}月{n % 28 + 1}日", f"单位{n % 40}",
                      f"市委办发〔2019〕{n + 1}号", f"关于第{n}项工作的通知", None, 1, "综合科", "已办结"])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A database with a 文书, and the old ledger to import (made once for the module)."""
    folder = tmp_path_factory.mktemp("kill")
    path = folder / "base.db"
    db.connect(str(path))
    accounts.init({role: (NAMES[role], role.value, PASSWORDS[role]) for role in PASSWORDS})
    three = {role: accounts.login(NAMES[role], PASSWORDS[role]) for role in PASSWORDS}
    business_user(three, "wangmishu", "王秘书", "clerk")
    db.close()
    return path, old_ledger(folder / "old.xlsx")


def start_import(database: Path, ledger: Path) -> subprocess.Popen:
    env = dict(os.environ, SANBAN_PASSWORD="Duty@2026abcd", SANBAN_HOME=str(database.parent / "home"),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "main.py", "--db", str(database), "--user", "wangmishu", "import",
                             "incoming", str(ledger)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def state(database: Path) -> tuple[int, int]:
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT count(*) FROM incoming").fetchone()[0]
        imports = conn.execute("SELECT count(*) FROM audit_entry WHERE action = 'import'").fetchone()[0]
        return rows, imports
    finally:
        conn.close()


def test_an_import_killed_at_any_moment_leaves_all_or_nothing(base, tmp_path):
    source, ledger = base
    whole = tmp_path / "whole.db"
    shutil.copy(source, whole)
    began = time.monotonic()
    finished = start_import(whole, ledger)
    assert finished.wait(timeout=300) == 0, finished.stderr.read().decode()
    duration = time.monotonic() - began
    assert state(whole) == (ROWS, 1)

    rng = random.Random(20261130)
    outcomes = []
    for attempt in range(20):
        target = tmp_path / f"kill-{attempt}.db"
        shutil.copy(source, target)
        process = start_import(target, ledger)
        time.sleep(rng.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        rows, imports = state(target)
        assert (rows, imports) in ((0, 0), (ROWS, 1)), f"attempt {attempt}: {rows} rows, {imports} import entries"
        outcomes.append(rows)
        db.connect(str(target))  # opens (and would migrate) without complaint; the chain still verifies
        try:
            auditor = accounts.login(NAMES[Role.AUDITOR], PASSWORDS[Role.AUDITOR])
            assert audit.verify(auditor).ok
        finally:
            db.close()
    assert 0 in outcomes  # the kills did land while the import ran
