"""Work that runs at the same moment on several workstations: failed logins each counted, long writes waited for."""

import threading

import pytest

from models.core import accounts, audit, db, settings
from models.core.errors import ValidationError
from models.core.rights import Role
from tests.conftest import NAMES


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
