import sqlite3

import pytest

from models.core import accounts, backup, db
from models.core.audit import AuditEntry
from models.core.errors import ValidationError
from models.core.rights import Role

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
