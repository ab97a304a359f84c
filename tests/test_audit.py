import sqlite3

import pytest

from models.core import accounts, audit, db
from models.core.audit import AuditEntry, check_chain
from models.core.rights import Role


@pytest.fixture
def chain(three, database):
    """A database with a dozen audit entries, and a raw connection that can tamper with it."""
    for _ in range(4):
        accounts.login("admin", "Xitong@2026a")
    db.close()
    conn = sqlite3.connect(database)
    conn.execute("DROP TRIGGER audit_entry_no_update")  # what someone with the sqlite3 shell would do
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    yield conn
    conn.close()


def reopen(chain, database):
    chain.commit()
    db.connect(str(database))
    return check_chain()


def test_intact_chain_verifies(three):
    result = audit.verify(three[Role.AUDITOR])
    assert result.ok and result.checked == AuditEntry.select().count() - 2  # the check itself, then its seal


def test_the_database_refuses_update_and_delete_of_audit_entries(three):
    with pytest.raises(Exception, match="append-only"):
        AuditEntry.update(summary="x").where(AuditEntry.id == 1).execute()
    with pytest.raises(Exception, match="append-only"):
        AuditEntry.delete().where(AuditEntry.id == 1).execute()


@pytest.mark.parametrize("column, value", [
    ("summary", "什么也没发生"), ("actor", "someone"), ("action", "restore"), ("at", "2020-01-01 00:00:00"),
    ("detail", "{\"after\": 1}"), ("target", "user:x"), ("workstation", "other-pc"),
])
@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_a_changed_value_is_named(chain, database, column, value):
    chain.execute(f"UPDATE audit_entry SET {column} = ? WHERE id = 5", (value,))
    result = reopen(chain, database)
    assert not result.ok and result.bad_id == 5


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_a_removed_entry_is_named(chain, database):
    chain.execute("DELETE FROM audit_entry WHERE id = 4")
    result = reopen(chain, database)
    assert not result.ok and result.bad_id == 4 and "删除" in result.reason


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_entries_cut_off_the_end_are_caught(chain, database):
    last = chain.execute("SELECT max(id) FROM audit_entry").fetchone()[0]
    chain.execute("DELETE FROM audit_entry WHERE id >= ?", (last - 1,))
    result = reopen(chain, database)
    assert not result.ok and result.bad_id == last - 1


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_an_inserted_entry_is_caught(chain, database):
    rows = chain.execute("SELECT * FROM audit_entry WHERE id >= 6 ORDER BY id DESC").fetchall()
    for row in rows:  # shift the tail up by one to make room, as a forger would
        chain.execute("UPDATE audit_entry SET id = id + 1 WHERE id = ?", (row[0],))
    template = chain.execute("SELECT * FROM audit_entry WHERE id = 5").fetchone()
    forged = (6,) + template[1:]
    chain.execute(f"INSERT INTO audit_entry VALUES ({','.join('?' * len(forged))})", forged)
    result = reopen(chain, database)
    assert not result.ok and result.bad_id == 6


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_a_recomputed_hash_still_breaks_the_next_link(chain, database):
    row = chain.execute(
        "SELECT id, at, actor, actor_name, action, target, summary, detail, workstation, prev_hash "
        "FROM audit_entry WHERE id = 3").fetchone()
    from datetime import datetime
    forged = audit.entry_hash(row[0], datetime.fromisoformat(row[1]), row[2], row[3], row[4], row[5],
                              "改过的摘要", row[7], row[8], row[9])
    chain.execute("UPDATE audit_entry SET summary = '改过的摘要', hash = ? WHERE id = 3", (forged,))
    result = reopen(chain, database)
    assert not result.ok and result.bad_id == 4


def test_verify_is_itself_audited_and_sealed(three):
    audit.verify(three[Role.AUDITOR])
    last_two = [e.action for e in AuditEntry.select().order_by(AuditEntry.id.desc()).limit(2)]
    assert last_two == ["audit_seal", "audit_verify"]


def test_changes_carry_before_and_after(three):
    from models.core import settings
    settings.set_value(three[Role.SYSADMIN], "idle_lock_minutes", 5)
    entry = AuditEntry.select().where(AuditEntry.action == "setting_change").get()
    assert '"before": {"idle_lock_minutes": 10}' in entry.detail
    assert '"after": {"idle_lock_minutes": 5}' in entry.detail


@pytest.mark.sqlite_only  # drops the triggers through sqlite3
def test_dropped_guards_come_back_when_the_database_is_opened(three, database):
    import sqlite3

    from models.core import db

    db.close()
    conn = sqlite3.connect(database)
    guards = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                               "AND tbl_name = 'audit_entry'")]
    assert guards
    for name in guards:
        conn.execute(f"DROP TRIGGER {name}")
    conn.commit()
    conn.close()
    db.connect(str(database))
    back = [name for (name,) in db.DB.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                  "AND tbl_name = 'audit_entry'")]
    assert sorted(back) == sorted(guards)
