"""The sealed audit and the security state it vouches for, tried as an attacker with the source and the database would.

The attacker's tool is the 50-line script of the finding: a database connection (sqlite3 on the file, or the
program's own PostgreSQL login), hashlib and json — drop the guards, edit an entry, recompute every later hash and the
head. The chain then holds; only the seals, made with a key the database does not hold, give the rewrite away.
"""

import hashlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from models.core import accounts, audit, backup, db, passwords, seal
from models.core.accounts import User, UserRole
from models.core.audit import AuditEntry, check_chain
from models.core.errors import ValidationError
from models.core.rights import Role
from tests.conftest import NAMES, ON_POSTGRES, PASSWORDS


def _hash(row: tuple) -> str:
    entry_id, at, actor, actor_name, action, target, summary, detail, station, prev = row
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    content = json.dumps([entry_id, at.isoformat(), actor, actor_name, action, target, summary, detail, station, prev],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def connect_raw(database):
    """The attacker's own connection: sqlite3 on the file, psycopg2 with the program's login on PostgreSQL."""
    db.close()
    if ON_POSTGRES:
        import psycopg2

        conn = psycopg2.connect(database)
        conn.cursor().execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        return conn, "%s"
    conn = sqlite3.connect(database)
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    return conn, "?"


def rewrite(database, entry_id: int, summary: str) -> None:
    """Edit one entry's summary, then recompute every later hash and the head: the chain holds again."""
    conn, p = connect_raw(database)
    cur = conn.cursor()
    cur.execute(f"UPDATE audit_entry SET summary = {p} WHERE id = {p}", (summary, entry_id))
    cur.execute("SELECT id, at, actor, actor_name, action, target, summary, detail, workstation, prev_hash "
                f"FROM audit_entry WHERE id >= {p} ORDER BY id", (entry_id,))
    prev = None
    for row in cur.fetchall():
        row = row[:-1] + (prev,) if prev is not None else row
        prev = _hash(row)
        conn.cursor().execute(f"UPDATE audit_entry SET prev_hash = {p}, hash = {p} WHERE id = {p}",
                              (row[-1], prev, row[0]))
    cur.execute(f"UPDATE audit_head SET last_hash = {p}", (prev,))
    conn.commit()
    conn.close()
    db.connect(str(database))


def plant(database, sql: str, params: tuple = ()) -> None:
    conn, p = connect_raw(database)
    conn.cursor().execute(sql.replace("?", p), params)
    conn.commit()
    conn.close()
    db.connect(str(database))


@pytest.fixture
def sealed(three):
    """Some history, sealed by the auditor's check, then more after it."""
    for _ in range(3):
        accounts.login("admin", PASSWORDS[Role.SYSADMIN])
    assert audit.verify(three[Role.AUDITOR]).ok
    seal_id = seal.last_seal()[0]
    accounts.login("admin", PASSWORDS[Role.SYSADMIN])
    return seal_id


def test_a_rewritten_history_with_recomputed_hashes_is_named_by_range_and_seal(three, database, sealed):
    rewrite(database, 5, "什么也没发生")
    assert check_chain().ok  # the finding: the chain alone cannot tell
    result = audit.verify(three[Role.AUDITOR])
    assert not result.ok
    first_seal = AuditEntry.select().where(AuditEntry.action == "audit_seal").order_by(AuditEntry.id).first()
    assert result.bad_id == first_seal.id  # the auditor's log-in sealed entries 1 … first_seal - 1
    assert f"第 1–{first_seal.id - 1} 条在第 {first_seal.id} 条封存" in result.message()
    assert "被改写" in result.message()


def test_a_rewrite_between_two_seals_names_that_span(three, database, sealed):
    rewrite(database, sealed - 2, "改过的摘要")
    result = audit.verify(three[Role.AUDITOR])
    before = AuditEntry.select().where((AuditEntry.action == "audit_seal") & (AuditEntry.id < sealed)) \
        .order_by(AuditEntry.id.desc()).first()
    assert not result.ok and result.bad_id == sealed
    assert f"第 {before.id}–{sealed - 1} 条在第 {sealed} 条封存" in result.message()


def test_relabelling_a_seal_to_dodge_the_check_is_caught(three, database, sealed):
    detail = json.loads(AuditEntry.get_by_id(sealed).detail)
    plant(database, "UPDATE audit_entry SET detail = ? WHERE id = ?",
          (json.dumps({**detail, "key": "0000000000000000"}, sort_keys=True), sealed))
    rewrite(database, sealed, AuditEntry.get_by_id(sealed).summary)  # recompute from there on
    result = audit.verify(three[Role.AUDITOR])
    assert not result.ok and result.bad_id == sealed and "不是当时有效的封存密钥" in result.message()


def test_a_forged_key_under_the_attackers_password_does_not_pass(three, database, sealed):
    """The attacker appends a new key wrapped under a password they know: it is not the auditor's."""
    key_id = "feedfacefeedface"
    wrapped = seal.wrap(b"k" * 32, key_id, "Attacker@2026")
    with db.DB.atomic():
        audit.record(None, "seal_key_new", "audit", "设立封存密钥", key=key_id, wrapped=wrapped, reason="伪造")
    result = audit.verify(three[Role.AUDITOR])
    assert not result.ok
    assert "另设了新密钥" in result.message() and "不能用安全审计员的密码打开" in result.message()


def test_intact_sealed_history_verifies_every_seal_and_shows_the_last(three, sealed):
    result = audit.verify(three[Role.AUDITOR])
    assert result.ok and result.seals.checked == result.seals.count == 2
    assert result.seals.last_id == sealed
    assert f"上次封存：2026-06-10 10:00（第 {sealed} 条）" in result.message()
    assert f"其后的 {result.checked - sealed} 条此前未受封存保护" in result.message()


def test_the_database_does_not_hold_the_seal_key(three, database):
    key = three[Role.AUDITOR].keyring.keys[three[Role.AUDITOR].keyring.current]
    dump = "".join(str(row) for row in AuditEntry.select().tuples())
    assert key.hex() not in dump and key.hex().upper() not in dump
    wrapped = json.loads(AuditEntry.get(AuditEntry.action == "seal_key_new").detail)["wrapped"]
    assert seal.unwrap(wrapped, three[Role.AUDITOR].keyring.current, PASSWORDS[Role.SECADMIN]) is None
    flipped = wrapped[:-1] + ("0" if wrapped[-1] != "0" else "1")
    assert seal.unwrap(flipped, three[Role.AUDITOR].keyring.current, PASSWORDS[Role.AUDITOR]) is None


def test_seals_still_verify_after_the_auditor_changes_the_password(three, sealed):
    auditor = accounts.change_password(three[Role.AUDITOR], PASSWORDS[Role.AUDITOR], "Shenji@2027new")
    assert AuditEntry.select().where(AuditEntry.action == "seal_key_rewrap").count() == 1
    result = audit.verify(accounts.login("auditor", "Shenji@2027new"))
    assert result.ok, result.message()
    assert result.seals.unchecked == 0 and result.seals.checked == result.seals.count >= 4
    assert audit.verify(auditor).ok


def test_a_witnessed_reset_of_the_auditor_retires_the_key_and_old_seals_are_not_checkable(three, sealed):
    accounts.reset_password(three[Role.SYSADMIN], "auditor", "Linshi@2026reset",
                            accounts.Witness("secadmin", PASSWORDS[Role.SECADMIN]))
    assert AuditEntry.select().where(AuditEntry.action == "seal_key_retired").count() == 1
    temporary = accounts.login("auditor", "Linshi@2026reset")
    assert temporary.must_change_password and temporary.keyring.current is None
    auditor = accounts.change_password(temporary, "Linshi@2026reset", "Shenji@2027new")
    assert AuditEntry.select().where(AuditEntry.action == "seal_key_new").count() == 2
    result = audit.verify(auditor)
    assert result.ok, result.message()
    assert result.seals.unchecked == 2 and result.seals.checked == 1
    assert "无法核验" in result.message()


def test_a_planted_password_hash_is_named(three, database):
    plant(database, "UPDATE \"user\" SET password_hash = ? WHERE username = 'secadmin'",
          (passwords.hash_password("Attacker@2026"),))
    assert check_chain().ok
    result = audit.verify(three[Role.AUDITOR])
    assert not result.ok and "账户「secadmin」的密码与审计记录不符" in result.message()


def test_a_grant_written_into_the_table_is_named(three, database):
    accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", "Temp@2026abc")
    zhangsan = User.get(User.username == "zhangsan").id
    plant(database, "INSERT INTO user_role (created_at, updated_at, version, user_id, role, granted_by) "
                    "VALUES ('2026-06-10 10:00:00', '2026-06-10 10:00:00', 1, ?, 'clerk', '')", (zhangsan,))
    result = audit.verify(three[Role.AUDITOR])
    assert not result.ok and "账户「zhangsan」现有角色为「文书」，审计记录中应为「无角色」" in result.message()


def test_an_account_nobody_added_is_named(three, database):
    plant(database, "INSERT INTO \"user\" (created_at, updated_at, version, username, display_name, unit, "
                    "password_hash, must_change_password, failed_attempts, disabled) VALUES "
                    "('2026-06-10 10:00:00', '2026-06-10 10:00:00', 1, 'ghost', '幽灵', '', ?, ?, 0, ?)",
          (passwords.hash_password("Ghost@2026abc"), False, False))
    result = audit.verify(three[Role.AUDITOR])
    assert not result.ok and "账户「ghost」不在审计记录中" in result.message()


def test_ordinary_account_work_keeps_state_and_audit_equal(three, clerk):
    admin, security = three[Role.SYSADMIN], three[Role.SECADMIN]
    accounts.grant(security, "zhangsan", "duty")
    accounts.revoke(security, "zhangsan", "clerk")
    accounts.reset_password(admin, "zhangsan", "Reset@2026abc")
    accounts.lock_user(admin, "zhangsan")
    accounts.unlock_user(admin, "zhangsan")
    accounts.reset_password(admin, "secadmin", "Reset@2026abc", accounts.Witness("auditor", PASSWORDS[Role.AUDITOR]))
    result = audit.verify(three[Role.AUDITOR])
    assert result.ok, result.message()


def test_demo_accounts_are_in_the_audit(three):
    from models.core import demo

    demo.run(three[Role.SYSADMIN], {"documents": 0})
    assert audit.verify(three[Role.AUDITOR]).ok


@pytest.mark.sqlite_only  # an old database file made by old code
def test_an_old_database_gets_its_key_and_baseline_at_the_auditors_first_login(tmp_path):
    import shutil

    path = tmp_path / "v6.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "db" / "v6.sqlite", path)
    db.connect(str(path))
    try:
        auditor = accounts.login(NAMES[Role.AUDITOR], PASSWORDS[Role.AUDITOR])
        entry = AuditEntry.get(AuditEntry.action == "seal_key_new")
        baseline = {s["username"] for s in json.loads(entry.detail)["state"]}
        assert {"admin", "wangmishu"} <= baseline  # passwords and demo roles the old entries did not record
        assert audit.verify(auditor).ok
        User.update(password_hash=passwords.hash_password("Attacker@2026")).where(
            User.username == "wangmishu").execute()
        assert "账户「wangmishu」的密码" in audit.verify(auditor).message()
    finally:
        db.close()


# Restore refuses what verify would report (restore swaps a SQLite file).

def _backup_then(three, tmp_path, change) -> Path:
    saved = backup.backup(three[Role.SYSADMIN], tmp_path / "copy.db").path
    conn = sqlite3.connect(saved)
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    change(conn)
    conn.commit()
    conn.close()
    return saved


def _unchanged(before: int) -> None:
    assert AuditEntry.select().count() == before
    assert AuditEntry.select().where(AuditEntry.action == "restore").count() == 0
    assert accounts.login("secadmin", PASSWORDS[Role.SECADMIN])


@pytest.mark.sqlite_only
def test_restore_refuses_a_backup_with_a_planted_password_hash(three, tmp_path):
    saved = _backup_then(three, tmp_path, lambda c: c.execute(
        "UPDATE user SET password_hash = ? WHERE username = 'secadmin'", (passwords.hash_password("Attacker@2026"),)))
    count = AuditEntry.select().count()
    with pytest.raises(ValidationError, match="账户「secadmin」的密码与审计记录不符") as caught:
        backup.restore(three[Role.SYSADMIN], saved)
    assert "不能用来恢复" in caught.value.message and "未做任何改动" in caught.value.message
    _unchanged(count)
    with pytest.raises(ValidationError):
        accounts.login("secadmin", "Attacker@2026")


@pytest.mark.sqlite_only
def test_restore_refuses_a_backup_with_a_broken_chain(three, tmp_path):
    saved = _backup_then(three, tmp_path, lambda c: c.execute("DELETE FROM audit_entry WHERE id = 3"))
    count = AuditEntry.select().count()
    with pytest.raises(ValidationError, match="审计日志被篡改，不能用来恢复：第 3 条"):
        backup.restore(three[Role.SYSADMIN], saved)
    _unchanged(count)


@pytest.mark.sqlite_only
def test_restore_refuses_a_backup_with_a_grant_not_in_its_audit(three, tmp_path):
    def grant(conn):
        conn.execute("INSERT INTO user_role (created_at, updated_at, version, user_id, role, granted_by) "
                     "SELECT created_at, updated_at, 1, id, 'clerk', '' FROM user WHERE username = 'admin'")

    saved = _backup_then(three, tmp_path, grant)
    with pytest.raises(ValidationError, match="账户「admin」现有角色"):
        backup.restore(three[Role.SYSADMIN], saved)
    assert UserRole.select().count() == 3


@pytest.mark.sqlite_only
def test_an_intact_backup_is_restored_and_verifies(three, tmp_path):
    saved = backup.backup(three[Role.SYSADMIN], tmp_path / "copy.db").path
    backup.restore(three[Role.SYSADMIN], saved)
    assert audit.verify(accounts.login("auditor", PASSWORDS[Role.AUDITOR])).ok
