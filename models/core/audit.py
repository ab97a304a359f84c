"""The audit log: append-only, hash-chained and sealed.

Each entry stores the hash of the entry before it and a hash of its own content, so changing a stored value,
removing an entry or inserting one breaks the chain at that point. `AuditHead` keeps the id and hash of the
last entry, so cutting entries off the end is caught too. Triggers refuse UPDATE and DELETE in the database
itself. Whoever drops them and recomputes every later hash and the head keeps the chain whole, but not the seals
(`models.core.seal`): HMACs over the chain with a key only the 安全审计员's password opens. `verify` checks the chain,
the seals, and that accounts, password hashes and grants are what the audit says (`models.core.account_state`).
"""

import hashlib
import json
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from peewee import CharField, Database, DateTimeField, IntegerField, TextField

from models.core.db import DB, PlainModel, is_sqlite, now

if TYPE_CHECKING:
    from models.core.seal import SealReport

GENESIS = "0" * 64


def labels() -> dict[str, str]:
    """Every audited action with its Chinese label, as the modules' manifests declare them."""
    from models.core import modules

    return modules.action_labels()


# Actions recorded without a label (a programming error the tests turn into a failure; the viewer shows the code).
UNLABELLED: set[str] = set()


def detail_labels() -> dict[str, str]:
    """Every key of an entry's detail with its Chinese name, as the manifests declare them (the viewer's 详情)."""
    from models.core import modules

    return modules.detail_labels()


FIELD_KEY = re.compile(r"[a-z][a-z0-9_]*")  # a record's field name; dates and Chinese keys read as they are


def field_labels(target: str) -> dict[str, str]:
    """The Chinese names of the keys inside 修改前/修改后 of an entry on `target` (「incoming:3」)."""
    from models.core import modules

    return modules.field_labels(target.partition(":")[0])


def unlabelled_fields(target: str, payload: dict) -> set[str]:
    """Field names inside 修改前/修改后 that no manifest names in Chinese (the viewer would show them in English)."""
    labels = field_labels(target)
    return {key for side in ("before", "after") if isinstance(payload.get(side), dict)
            for key in payload[side] if FIELD_KEY.fullmatch(str(key)) and key not in labels}


class AuditEntry(PlainModel):
    """One audited event; never updated or deleted."""

    id = IntegerField(primary_key=True)  # assigned by `record`: 1, 2, 3 … without gaps
    at = DateTimeField(index=True)
    actor = CharField(max_length=64, index=True)  # user name, or what was typed at a failed login
    actor_name = CharField(max_length=64)
    action = CharField(max_length=32, index=True)
    target = CharField(max_length=128)
    summary = TextField()
    detail = TextField()  # JSON: before / after / anything else worth keeping
    workstation = CharField(max_length=128)
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)


class AuditHead(PlainModel):
    """One row: the id and hash of the newest entry (catches entries cut off the end)."""

    last_id = IntegerField()
    last_hash = CharField(max_length=64)


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def entry_hash(entry_id: int, at: datetime, actor: str, actor_name: str, action: str, target: str,
               summary: str, detail: str, workstation: str, prev_hash: str) -> str:
    content = json.dumps(
        [entry_id, at.isoformat(), actor, actor_name, action, target, summary, detail, workstation, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def record(actor, action: str, target: str, summary: str, *, before: dict | None = None,
           after: dict | None = None, **extra: Any) -> AuditEntry:
    """Append one entry. `actor` is a Session, a user name (failed logins) or None (the program itself).

    Call it inside the transaction of the change it describes, so both land or neither does.
    """
    payload = {k: v for k, v in (("before", before), ("after", after)) if v is not None}
    payload.update(extra)
    return record_over_head(actor, action, target, summary, lambda last_id, last_hash: payload)


def record_over_head(actor, action: str, target: str, summary: str,
                     payload_for: Callable[[int, str], dict]) -> AuditEntry:
    """Append an entry whose detail is made from the id and hash of the entry before it (a seal), under the lock."""
    username = getattr(actor, "username", None) or (actor if isinstance(actor, str) else "")
    display = getattr(actor, "display_name", None) or ("系统" if actor is None else username)
    if action not in labels():
        UNLABELLED.add(action)
    with DB.atomic():
        # Postgres: FOR UPDATE serialises writers across workstations; SQLite's IMMEDIATE transaction does.
        head = _locked(AuditHead.select()).first()
        last_id, prev = (head.last_id, head.last_hash) if head else (0, GENESIS)
        payload = payload_for(last_id, prev)
        UNLABELLED.update(f"detail:{key}" for key in payload if key not in detail_labels())
        UNLABELLED.update(f"field:{target.partition(':')[0]}.{key}" for key in unlabelled_fields(target, payload))
        detail = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=_json_default)
        entry_id = last_id + 1
        stamp = now()
        station = socket.gethostname()[:128]
        digest = entry_hash(entry_id, stamp, username, display, action, target, summary, detail, station, prev)
        entry = AuditEntry.create(
            id=entry_id, at=stamp, actor=username, actor_name=display, action=action, target=target,
            summary=summary, detail=detail, workstation=station, prev_hash=prev, hash=digest,
        )
        if head is None:
            AuditHead.create(last_id=entry_id, last_hash=digest)
        else:
            AuditHead.update(last_id=entry_id, last_hash=digest).execute()
    return entry


def _locked(select):
    """FOR UPDATE where the database has it; SQLite's IMMEDIATE transaction already holds the write lock."""
    return select if is_sqlite() else select.for_update()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    bad_id: int | None = None
    reason: str = ""
    problems: tuple[str, ...] = ()  # every finding of `check_all`: chain, seals, accounts, one sentence each
    seals: "SealReport | None" = None

    def message(self) -> str:
        if self.ok:
            text = f"审计日志完整：共校验 {self.checked} 条，哈希链无断裂。"
        elif not self.problems:
            text = f"审计日志被篡改：第 {self.bad_id} 条 —— {self.reason}"
        else:
            head = "审计日志被篡改" if self.bad_id is not None else "账户与审计记录不符"
            text = f"{head}：" + "".join(f"\n· {p}" for p in self.problems)
        return text + self._seal_text()

    def _seal_text(self) -> str:
        report = self.seals
        if report is None:
            return ""
        if not report.keyed:
            return "\n封存未核验：须由安全审计员本人登录，用其密码打开封存密钥。"
        if report.last_id is None:
            return "\n此前没有封存记录；本次校验已封存现有日志。" if self.ok else ""
        text = (f"\n上次封存：{report.last_at:%Y-%m-%d %H:%M}（第 {report.last_id} 条）；"
                f"共 {report.count} 次封存，{report.checked} 次核验相符")
        if report.unchecked:
            text += f"，{report.unchecked} 次使用已停用的封存密钥（审计员密码曾被重置），无法核验"
        text += "。"
        unsealed = self.checked - report.last_id
        if self.ok and unsealed > 0:
            text += f"其后的 {unsealed} 条此前未受封存保护，本次校验已将其封存。"
        if report.key_since is not None:
            text += f"当前封存密钥设立于 {report.key_since:%Y-%m-%d %H:%M}。"
        return text


_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.actor_name, AuditEntry.action,
            AuditEntry.target, AuditEntry.summary, AuditEntry.detail, AuditEntry.workstation,
            AuditEntry.prev_hash, AuditEntry.hash)


def _rows(database: Database | None = None) -> Iterator[tuple]:
    query = AuditEntry.select(*_COLUMNS).order_by(AuditEntry.id).tuples()
    return (query if database is None else query.bind(database)).iterator()


def check_chain(database: Database | None = None) -> VerifyResult:
    """Walk the whole chain; report the first entry whose stored values no longer hold together.

    `database` checks another database (a backup before restore) instead of the open one.
    """
    expected_id, prev, checked = 1, GENESIS, 0
    for entry_id, at, actor, name, action, target, summary, detail, station, prev_hash, digest in _rows(database):
        if entry_id != expected_id:
            if entry_id > expected_id:
                gap = f"第 {expected_id} 条" if entry_id == expected_id + 1 else f"第 {expected_id}–{entry_id - 1} 条"
                return VerifyResult(False, checked, expected_id, f"{gap}已被删除（序号不连续）。")
            return VerifyResult(False, checked, entry_id, "序号重复或顺序被改动。")
        if prev_hash != prev:
            return VerifyResult(False, checked, entry_id, "与上一条的链接被改动，或其前面插入、删除过记录。")
        if isinstance(at, str):  # SQLite hands back text when the stored value was edited into a bad form
            return VerifyResult(False, checked, entry_id, "时间字段被改动。")
        if entry_hash(entry_id, at, actor, name, action, target, summary, detail, station, prev) != digest:
            return VerifyResult(False, checked, entry_id, "内容被改动（时间、操作人、操作或详情与原记录不符）。")
        prev = digest
        expected_id += 1
        checked += 1
    head_query = AuditHead.select()
    head = (head_query if database is None else head_query.bind(database)).first()
    last_id = expected_id - 1
    if head is None:
        if checked:
            return VerifyResult(False, checked, last_id, "日志末尾标记缺失。")
        return VerifyResult(True, 0)
    if head.last_id > last_id:
        first_missing = last_id + 1
        return VerifyResult(False, checked, first_missing,
                            f"日志末尾的第 {first_missing}–{head.last_id} 条已被删除。")
    if head.last_id != last_id or head.last_hash != prev:
        return VerifyResult(False, checked, last_id, "日志末尾标记与最后一条不符（末尾被改动或追加了伪造记录）。")
    return VerifyResult(True, checked)


def check_all(keyring, database: Database | None = None) -> VerifyResult:
    """The chain, the seals (those `keyring` opens; only their order when it is None) and that accounts, password
    hashes and role grants are what the audit says they became. `problems` holds every finding, in that order."""
    from models.core import account_state, seal

    chain = check_chain(database)
    seals = seal.check(keyring, database)
    accounts = account_state.check(database)
    problems = ([f"第 {chain.bad_id} 条 —— {chain.reason}"] if not chain.ok else []) + list(seals.problems) + accounts
    if not problems:
        return VerifyResult(True, chain.checked, seals=seals)
    if not chain.ok:
        bad_id, reason = chain.bad_id, chain.reason
    elif seals.problems:
        bad_id, reason = seals.bad_id, seals.problems[0]
    else:
        bad_id, reason = None, accounts[0]
    return VerifyResult(False, chain.checked, bad_id, reason, tuple(problems), seals)


def verify(actor) -> VerifyResult:
    """The 安全审计员's check: the chain, every seal the key opened at their log-in opens, and the accounts.

    The check is audited, and then the log is sealed up to it.
    """
    from models.core import rights, seal

    rights.require(actor, rights.Right.READ_AUDIT, "校验审计日志")
    keyring = getattr(actor, "keyring", None)
    result = check_all(keyring, None)
    with DB.atomic():
        record(actor, "audit_verify", "audit", result.message(), checked=result.checked, ok=result.ok,
               bad_id=result.bad_id)
        if keyring is not None:
            seal.seal(actor, keyring)
    return result


def install_guards(db) -> None:
    """Triggers that refuse UPDATE and DELETE on the audit log."""
    if is_sqlite(db):
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
            )
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql"
    )
    db.execute_sql("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
    db.execute_sql(
        "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()"
    )


def action_label(action: str) -> str:
    return labels().get(action, action)


def target_label(target: str) -> str:
    """「incoming:12」 → 「收文 12」: the audit viewer never shows an internal code."""
    from models.core import modules

    kind, _, rest = target.partition(":")
    label = modules.target_labels().get(kind)
    if label is None:
        return target
    return f"{label} {rest}".strip()
