"""Audit chain verification over 100,000 entries, and the audit viewer's page fetches.

    python bench/audit_verify.py          (BENCH_ENTRIES=… to change the size)
"""

import tempfile
from pathlib import Path

from common import PASSWORDS, clock, env_int, fresh_database, median

from models.core import db, seal
from models.core.accounts import User, session_for
from models.core.audit import check_all, check_chain
from models.core.audit_ledger import AuditLedger
from models.core.ledger import Query
from models.core.rights import Role


def main() -> None:
    entries = env_int("BENCH_ENTRIES", 100_000)
    path = Path(tempfile.mkdtemp()) / "bench.db"
    start = clock()
    fresh_database(path, entries)
    print(f"built {entries:,} chained audit entries in {clock() - start:.1f} s")
    db.connect(str(path))
    runs = []
    for _ in range(3):
        start = clock()
        result = check_chain()
        runs.append(clock() - start)
        assert result.ok, result.message()
    print(f"audit verify, {result.checked:,} entries: median {median(runs):.2f} s (runs: "
          + ", ".join(f"{r:.2f}" for r in runs) + ")")
    start = clock()
    keyring = seal.open_keyring(PASSWORDS[Role.AUDITOR])
    print(f"open the seal key with the auditor's password (scrypt at the bench's cost): {clock() - start:.3f} s")
    runs = []
    for _ in range(3):
        start = clock()
        result = check_all(keyring)
        runs.append(clock() - start)
        assert result.ok, result.message()
    print(f"audit verify with seals and accounts, {result.checked:,} entries: median {median(runs):.2f} s (runs: "
          + ", ".join(f"{r:.2f}" for r in runs) + ")")
    ledger = AuditLedger(session_for(User.get(User.username == "auditor")))
    query = Query(sort="id", descending=True)
    timings = {}
    for label, action in (
        ("count", lambda: ledger.count(query)),
        ("first page (200 rows)", lambda: ledger.page(query, None)),
        ("jump to row 50,000 (key_at + page)", lambda: ledger.page(query, ledger.key_at(query, 49_999))),
        ("search 3+ chars, first page", lambda: ledger.page(Query("第4242次", sort="id", descending=True), None)),
    ):
        samples = []
        for _ in range(7):
            start = clock()
            action()
            samples.append((clock() - start) * 1000)
        timings[label] = median(samples)
    for label, ms in timings.items():
        print(f"audit viewer {label}: median {ms:.1f} ms")


if __name__ == "__main__":
    main()
