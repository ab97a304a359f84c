"""Another account on the machine can read none of Sanban's files: 0600 files in 0700 folders (issue 12 §4)."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cli.app import _log_crash
from models.core import backup, db, paths, previews, private
from models.core.rights import Role

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes mean nothing on Windows")

FIXTURES = Path(__file__).parent / "fixtures" / "db"


@pytest.fixture(autouse=True)
def open_umask():
    """The usual 022, as a user's shell has it: a mode here comes from our code, not from an inherited umask."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _reaped() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.sqlite_only
def test_database_and_its_wal_and_shm_are_private_in_a_private_data_folder(tmp_path):
    home = paths.data_dir()
    home.mkdir(parents=True)
    home.chmod(0o755)  # as an earlier version left it
    db.connect(paths.default_database_url())
    try:
        db.DB.execute_sql("CREATE TABLE t (x)")  # a write: the -wal and -shm exist now
        file = paths.data_dir() / "sanban.db"
        for path in (file, file.with_name("sanban.db-wal"), file.with_name("sanban.db-shm")):
            assert path.exists() and mode(path) == 0o600, path
        assert mode(home) == 0o700
    finally:
        db.close()


@pytest.mark.sqlite_only
def test_an_existing_readable_database_is_made_private_and_new_folders_are_0700(tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(FIXTURES / "v6.sqlite", old)
    old.chmod(0o644)
    tmp_path.chmod(0o755)
    db.connect(str(old))
    db.close()
    assert mode(old) == 0o600
    assert mode(tmp_path) == 0o755  # a folder the user chose is theirs: left as it is
    db.connect(str(tmp_path / "new" / "deeper" / "x.db"))
    db.close()
    assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "deeper") == 0o700
    assert mode(tmp_path / "new" / "deeper" / "x.db") == 0o600


@pytest.mark.sqlite_only
def test_backups_and_what_restore_keeps_are_private(three, tmp_path):
    admin = three[Role.SYSADMIN]
    target = tmp_path / "copy.db"
    target.write_bytes(b"")
    target.chmod(0o644)  # replaced by the backup, whose mode is its own
    saved = backup.backup(admin, target).path
    assert mode(saved) == 0o600
    kept = backup.restore(admin, saved).previous_copy
    assert mode(kept) == 0o600


@pytest.mark.sqlite_only
def test_the_copy_taken_before_a_migration_is_private(tmp_path):
    old = tmp_path / "v1.db"
    shutil.copy(FIXTURES / "v1.sqlite", old)
    db.connect(str(old))
    db.close()
    (copy,) = tmp_path.glob("v1.v1-升级前备份-*.db")
    assert mode(copy) == 0o600


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_an_export_is_private(clerk, tmp_path, suffix):
    from exporters.documents import export_ledger

    path = tmp_path / f"收文登记簿{suffix}"
    export_ledger(clerk, "incoming-ledger", path, 2026)
    assert mode(path) == 0o600


def test_a_crash_log_is_private_in_a_private_folder():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        where = Path(_log_crash())
    assert where.parent == paths.log_dir()
    assert "boom" in where.read_text(encoding="utf-8")
    assert mode(where) == 0o600 and mode(paths.log_dir()) == 0o700


def test_a_preview_lives_in_a_private_folder_under_the_data_folder_and_is_discarded():
    pdf = previews.new_file("涉密人员登记表-张三.pdf")
    assert pdf.parent.parent == paths.preview_dir()
    assert mode(pdf.parent) == 0o700 and mode(paths.preview_dir()) == 0o700
    pdf.write_bytes(b"%PDF-1.4")
    private.secure(pdf)
    assert mode(pdf) == 0o600
    previews.discard(pdf)
    assert not pdf.exists() and not pdf.parent.exists()


def test_previews_a_crash_left_are_removed_at_the_next_start_but_not_those_of_a_running_program():
    mine = previews.new_file("a.pdf")
    mine.write_bytes(b"x")
    gone = paths.preview_dir() / f"{_reaped()}-abc123"
    gone.mkdir()
    (gone / "机密台账.pdf").write_bytes(b"x")
    assert previews.remove_leftovers() == 1
    assert not gone.exists() and mine.exists()


def test_the_umask_helper_restores_the_umask_it_found():
    with private.umask():
        inner = os.umask(0o077)
    assert inner == 0o077
    assert os.umask(0o022) == 0o022
