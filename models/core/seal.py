"""The audit seal: a secret the database does not hold in usable form, so sealed history cannot be rewritten unseen.

The seal key is 32 random bytes. The database keeps it only wrapped under a key derived (scrypt) from the
安全审计员's password, in the audit log itself (「设立封存密钥」 / 「封存密钥重新加密」 entries). Every auditor
log-in and every `audit verify` appends a seal: an HMAC with the key over the id and hash of the entry before it.
Whoever rewrites entries and recomputes the chain without the key cannot recompute the seals after them.

The wrap needs no AES (not in the standard library, `cryptography` is not a dependency): from scrypt(password, salt)
come an encryption key and a MAC key; the seal key is XORed with HMAC-SHA256(encryption key, nonce) — one PRF block,
as long as the seal key, fresh for every wrap — and the result is authenticated with HMAC-SHA256 over the format,
salt, nonce, key id and ciphertext (encrypt-then-MAC). A wrong password or any changed byte fails the tag.

Life of a key: set at `init` (or at the auditor's first log-in on a database from before seals), re-wrapped when
the auditor changes their own password, retired when the auditor's password is reset by two other 三员 (nobody can
re-wrap without the old password); the auditor's next own password then sets a new key. Seals made under a retired
key that the auditor's password no longer opens are reported as not checkable, never as broken.
"""

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from peewee import Database

from models.core import audit, passwords
from models.core.audit import AuditEntry

KEY_NEW = "seal_key_new"
KEY_REWRAP = "seal_key_rewrap"
KEY_RETIRED = "seal_key_retired"
SEAL = "audit_seal"
KEY_ACTIONS = (KEY_NEW, KEY_REWRAP, KEY_RETIRED)

_FORMAT = "sanban-seal-wrap-1"


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                              maxmem=n * r * 128 * 2 + 1024 * 1024, dklen=64)
    return material[:32], material[32:]


def wrap(key: bytes, key_id: str, password: str) -> str:
    """The seal key encrypted and authenticated under the password: `format$n$r$p$salt$nonce$ciphertext$tag`."""
    n, r, p = passwords.SCRYPT_N, passwords.SCRYPT_R, passwords.SCRYPT_P
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(16)
    enc_key, mac_key = _derive(password, salt, n, r, p)
    stream = hmac.new(enc_key, nonce, hashlib.sha256).digest()
    ciphertext = bytes(a ^ b for a, b in zip(key, stream, strict=True))
    tag = _tag(mac_key, n, r, p, salt, nonce, key_id, ciphertext)
    return "$".join((_FORMAT, str(n), str(r), str(p), salt.hex(), nonce.hex(), ciphertext.hex(), tag.hex()))


def unwrap(blob: str, key_id: str, password: str) -> bytes | None:
    """The seal key, or None when the password is not the one it was wrapped under or the blob was changed."""
    try:
        form, n, r, p, salt, nonce, ciphertext, tag = blob.split("$")
        if form != _FORMAT:
            return None
        n_, r_, p_ = int(n), int(r), int(p)
        salt_b, nonce_b, cipher_b, tag_b = (bytes.fromhex(x) for x in (salt, nonce, ciphertext, tag))
        if len(cipher_b) != 32 or n_ > 2**20 or r_ > 16 or p_ > 4:  # refuse a blob that would exhaust memory
            return None
        enc_key, mac_key = _derive(password, salt_b, n_, r_, p_)
    except (ValueError, TypeError, AttributeError):
        return None
    if not hmac.compare_digest(_tag(mac_key, n_, r_, p_, salt_b, nonce_b, key_id, cipher_b), tag_b):
        return None
    stream = hmac.new(enc_key, nonce_b, hashlib.sha256).digest()
    return bytes(a ^ b for a, b in zip(cipher_b, stream, strict=True))


def _tag(mac_key: bytes, n: int, r: int, p: int, salt: bytes, nonce: bytes, key_id: str, ciphertext: bytes) -> bytes:
    header = f"{_FORMAT}|{n}|{r}|{p}|{key_id}|".encode()
    return hmac.new(mac_key, header + salt + nonce + ciphertext, hashlib.sha256).digest()


def seal_mac(key: bytes, key_id: str, sealed_id: int, sealed_hash: str) -> str:
    return hmac.new(key, f"sanban-seal|{key_id}|{sealed_id}|{sealed_hash}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Keyring:
    """The seal keys the auditor's password opened; kept in that log-in's `Session` only, never stored."""

    keys: dict[str, bytes] = field(default_factory=dict, repr=False)
    current: str | None = None  # the key in force (opened or not)

    def with_key(self, key_id: str, key: bytes) -> "Keyring":
        return Keyring({**self.keys, key_id: key}, key_id)


def _on(query, database: Database | None):
    return query if database is None else query.bind(database)


def _detail(text: str) -> dict:
    try:
        value = json.loads(text)
    except (ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def _key_rows(database: Database | None = None) -> list[tuple[int, str, dict]]:
    query = (AuditEntry.select(AuditEntry.id, AuditEntry.action, AuditEntry.detail)
             .where(AuditEntry.action.in_(KEY_ACTIONS)).order_by(AuditEntry.id).tuples())
    return [(i, action, _detail(detail)) for i, action, detail in _on(query, database)]


def _in_force(rows: list[tuple[int, str, dict]]) -> tuple[dict[str, str], str | None]:
    """The newest wrapping of every key, and the id of the key in force."""
    newest: dict[str, str] = {}
    current: str | None = None
    for _, action, detail in rows:
        key_id = str(detail.get("key", ""))
        if action in (KEY_NEW, KEY_REWRAP):
            newest[key_id] = str(detail.get("wrapped", ""))
            if action == KEY_NEW:
                current = key_id
        elif key_id == current:
            current = None
    return newest, current


def current_key_id(database: Database | None = None) -> str | None:
    return _in_force(_key_rows(database))[1]


def open_keyring(password: str, database: Database | None = None) -> Keyring:
    """Open every seal key whose newest wrapping is under `password` (one scrypt per key; keys are few)."""
    newest, current = _in_force(_key_rows(database))
    keys = {}
    for key_id, blob in newest.items():
        key = unwrap(blob, key_id, password)
        if key is not None:
            keys[key_id] = key
    return Keyring(keys, current)


def _baseline() -> list[dict]:
    from models.core import account_state

    return account_state.gaps()


def create_key(actor, password: str, reason: str) -> Keyring:
    """A new seal key wrapped under the auditor's `password`. Call inside the transaction of what caused it.

    The entry also records the state of accounts the audit knows only in part (a database from before this
    check): from here on they are checked too.
    """
    key_id = secrets.token_hex(8)
    key = secrets.token_bytes(32)
    extra: dict = {"key": key_id, "wrapped": wrap(key, key_id, password), "reason": reason}
    baseline = _baseline()
    if baseline:
        extra["state"] = baseline
    audit.record(actor, KEY_NEW, "audit", f"设立封存密钥（{reason}）", **extra)
    return Keyring({key_id: key}, key_id)


def rewrap(actor, keyring: Keyring, new_password: str) -> Keyring:
    """The auditor changed their password: wrap the key in force under the new one (inside that transaction)."""
    key_id = keyring.current
    if key_id is None or key_id not in keyring.keys:
        return keyring
    audit.record(actor, KEY_REWRAP, "audit", "安全审计员修改密码，封存密钥随之重新加密",
                 key=key_id, wrapped=wrap(keyring.keys[key_id], key_id, new_password))
    return keyring


def retire(actor, reason: str) -> None:
    """The auditor's password was reset by others: nobody can re-wrap the key, so it is retired (in that transaction).

    The auditor's next own password sets a new key; seals made under this one become not checkable.
    """
    current = current_key_id()
    if current is not None:
        audit.record(actor, KEY_RETIRED, "audit", f"封存密钥停用（{reason}）", key=current, reason=reason)


def after_password(actor, keyring: Keyring, new_password: str) -> Keyring:
    """The auditor set a password of their own (`keyring`: what the old one opened): keep the seal key usable.

    After a reset no key is in force: a new one is set, which only this password opens.
    """
    if keyring.current is None:
        return create_key(actor, new_password, "安全审计员设置了本人密码")
    return rewrap(actor, keyring, new_password)


def seal(actor, keyring: Keyring) -> AuditEntry | None:
    """Append a seal over the newest entry, if the key in force is open (inside the caller's transaction)."""
    key_id = keyring.current
    if key_id is None or key_id not in keyring.keys or key_id != current_key_id():
        return None
    key = keyring.keys[key_id]

    def payload(last_id: int, last_hash: str) -> dict:
        return {"key": key_id, "sealed_id": last_id, "mac": seal_mac(key, key_id, last_id, last_hash)}

    return audit.record_over_head(actor, SEAL, "audit", "审计日志封存", payload)


def at_login(actor, password: str, keyring: Keyring, must_change: bool) -> Keyring:
    """An auditor logged in: set a key on a database that has none yet, then seal (inside the log-in's transaction).

    With a password set by others (after a reset) nothing is sealed: the key waits for the auditor's own password.
    """
    if must_change:
        return keyring
    if keyring.current is None:
        keyring = create_key(actor, password, "安全审计员登录时没有有效的封存密钥")
    seal(actor, keyring)
    return keyring


@dataclass(frozen=True)
class SealReport:
    """What `check` found: how many seals held, which could not be checked, and the first that failed."""

    count: int = 0
    checked: int = 0
    unchecked: int = 0
    last_id: int | None = None  # the newest seal
    last_at: datetime | None = None
    key_since: datetime | None = None  # when the key in force was set
    problems: tuple[str, ...] = ()
    bad_id: int | None = None  # the entry where the first problem shows
    keyed: bool = True  # False: checked without the key (only the order of key and seal entries)


def _seal_rows(database: Database | None) -> Iterable[tuple]:
    query = (AuditEntry.select(AuditEntry.id, AuditEntry.at, AuditEntry.action, AuditEntry.detail,
                               AuditEntry.prev_hash)
             .where(AuditEntry.action.in_(KEY_ACTIONS + (SEAL,))).order_by(AuditEntry.id).tuples())
    return _on(query, database).iterator()


def _when(at) -> str:
    return f"{at:%Y-%m-%d %H:%M}" if isinstance(at, datetime) else str(at)


def check(keyring: Keyring | None, database: Database | None = None) -> SealReport:
    """Check every seal the keyring can open, and the order of key entries (which needs no key).

    With `keyring` None (a restore by the 系统管理员, who holds no key) only the order is checked.
    """
    problems: list[str] = []
    bad_id: int | None = None

    def problem(entry_id: int, text: str) -> None:
        nonlocal bad_id
        problems.append(text)
        bad_id = entry_id if bad_id is None else bad_id

    current: str | None = None
    seen: set[str] = set()
    since: datetime | None = None
    count = checked = unchecked = 0
    last_good = 0  # the newest entry that a seal which held vouches for
    last_id = last_at = None
    broken = False
    for entry_id, at, action, text, prev_hash in _seal_rows(database):
        detail = _detail(text)
        key_id = str(detail.get("key", ""))
        if action == KEY_NEW:
            if current is not None:
                problem(entry_id, f"第 {entry_id} 条在封存密钥仍有效时另设了新密钥（封存密钥记录被伪造）。")
            if key_id in seen:
                problem(entry_id, f"第 {entry_id} 条重新启用了已停用或已设立过的封存密钥（封存密钥记录被伪造）。")
            current, since = key_id, at
            seen.add(key_id)
            continue
        if action in (KEY_REWRAP, KEY_RETIRED):
            if key_id != current:
                problem(entry_id, f"第 {entry_id} 条涉及的封存密钥不是当时有效的密钥（封存密钥记录被伪造）。")
            if action == KEY_RETIRED:
                current = None
            continue
        count += 1
        last_id, last_at = entry_id, at
        sealed_id = detail.get("sealed_id")
        if key_id != current or sealed_id != entry_id - 1:
            problem(entry_id, f"第 {entry_id} 条封存（{_when(at)}）的内容被改动：它没有封存紧邻的上一条，"
                              "或所用密钥不是当时有效的封存密钥。")
            broken = True
            continue
        if keyring is None:
            continue
        key = keyring.keys.get(key_id)
        if key is None:
            unchecked += 1  # a retired key (see below for the key in force)
            continue
        if not hmac.compare_digest(seal_mac(key, key_id, entry_id - 1, prev_hash), str(detail.get("mac", ""))):
            if not broken:
                first = last_good + 1
                span = f"第 {first}–{entry_id - 1} 条" if first < entry_id - 1 else f"第 {entry_id - 1} 条"
                problem(entry_id, f"{span}在第 {entry_id} 条封存（{_when(at)}）之后被改写：该封存的校验码与现在的"
                                  "日志不符。没有封存密钥的人删改了记录并重算了哈希链。")
            broken = True
            continue
        checked += 1
        if not broken:
            last_good = entry_id - 1  # a seal vouches for the entries before it, not for itself
    if keyring is not None:
        if not seen and last_id is None and _has_entries(database):
            problem(1, "审计日志中没有封存密钥记录（封存记录可能被整体删除）。")
        elif current is not None and current not in keyring.keys:
            problem(last_id or 1, "当前的封存密钥不能用安全审计员的密码打开：封存密钥记录被替换过，"
                                  "或安全审计员的密码哈希被直接改写。")
    return SealReport(count, checked, unchecked, last_id, last_at, since, tuple(problems), bad_id,
                      keyring is not None)


def _has_entries(database: Database | None) -> bool:
    return _on(AuditEntry.select(AuditEntry.id).limit(1), database).exists()


def last_seal(database: Database | None = None) -> tuple[int, datetime] | None:
    """The id and time of the newest seal, for the audit viewer."""
    query = (AuditEntry.select(AuditEntry.id, AuditEntry.at).where(AuditEntry.action == SEAL)
             .order_by(AuditEntry.id.desc()).limit(1).tuples())
    row = _on(query, database).first()
    return (row[0], row[1]) if row else None
