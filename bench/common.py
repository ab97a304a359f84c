"""Helpers for the benchmarks: a database filled fast (insert_many on tuples, not model saves)."""

import json
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.core import accounts, audit, db, passwords  # noqa: E402
from models.core.audit import AuditEntry, AuditHead  # noqa: E402
from models.core.rights import Role  # noqa: E402

PASSWORD = "Bench@2026abc"  # the 系统管理员's; 三员分立 gives the other two their own
PASSWORDS = {Role.SYSADMIN: PASSWORD, Role.SECADMIN: "Bench@2026sec", Role.AUDITOR: "Bench@2026aud"}


def fresh_database(path: Path, audit_entries: int = 0) -> None:
    """A database with the three accounts and `audit_entries` chained audit entries."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    passwords.SCRYPT_N = 2**10
    db.connect(str(path))
    accounts.init({r: (r.value, r.value, PASSWORDS[r]) for r in PASSWORDS})
    head = AuditHead.get()
    last_id, prev = head.last_id, head.last_hash
    start = datetime.now() - timedelta(days=365)
    rows = []
    # Entries that change accounts or seal keys carry a state the bench does not make up (see account_state, seal).
    from models.core import account_state, seal

    skipped = set(account_state.ACTIONS) | set(seal.KEY_ACTIONS) | {seal.SEAL}
    actions = [a for a in audit.labels() if a not in skipped]
    for n in range(audit_entries):
        entry_id = last_id + 1 + n
        at = (start + timedelta(seconds=300 * n)).replace(microsecond=0)
        action = actions[n % len(actions)]
        detail = json.dumps({"after": {"n": n}}, ensure_ascii=False, sort_keys=True)
        summary = f"第{n}次操作：{audit.labels()[action]}"
        digest = audit.entry_hash(entry_id, at, "sysadmin", "系统管理员", action, f"user:{n % 50}", summary,
                                  detail, "bench", prev)
        rows.append((entry_id, at, "sysadmin", "系统管理员", action, f"user:{n % 50}", summary, detail, "bench",
                     prev, digest))
        prev = digest
    fields = [AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.actor_name, AuditEntry.action,
              AuditEntry.target, AuditEntry.summary, AuditEntry.detail, AuditEntry.workstation,
              AuditEntry.prev_hash, AuditEntry.hash]
    with db.DB.atomic():
        for i in range(0, len(rows), 5000):
            AuditEntry.insert_many(rows[i:i + 5000], fields=fields).execute()
        if rows:
            AuditHead.update(last_id=rows[-1][0], last_hash=prev).execute()
    db.close()


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def clock() -> float:
    return time.perf_counter()


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))
