"""Security state = audit: accounts, password hashes and role grants must be what the audit says they became.

Every entry that changes an account (init, user_add, password_reset/change, admin_password_reset, role_grant/
revoke, user_lock/unlock, admin_unlock) carries `state`: the account as it is after the change — a fingerprint of
its password hash (never the hash: the auditor reads the log), its roles, whether it is stopped. `check` replays
them and names every account whose row in the database differs: a hash planted with a database shell, a grant
written straight into `user_role`, an account nobody added.

Entries written before this check carry less (the roles of a grant, the accounts of `init`); what they do not say
is not checked until the seal key's first entry records it (`gaps`).
"""

import hashlib
import json

from peewee import Database

from models.core.rights import ROLE_LABELS

# The actions whose entries say what an account became.
ACTIONS = ("init", "user_add", "password_reset", "admin_password_reset", "password_change", "role_grant",
           "role_revoke", "user_lock", "user_unlock", "admin_unlock", "seal_key_new")

FIELDS = ("password", "roles", "disabled")


def fingerprint(password_hash: str) -> str:
    """Stands for the password hash in the log: equal hashes, equal fingerprints; no way back to the hash."""
    return hashlib.sha256(f"sanban-account|{password_hash}".encode()).hexdigest()[:32]


def of(user, roles=None) -> dict:
    """What the audit records about `user` after a change (call it after the change is written)."""
    from models.core.accounts import roles_of

    held = roles_of(user) if roles is None else roles
    return {"username": user.username, "password": fingerprint(user.password_hash),
            "roles": sorted(str(getattr(r, "value", r)) for r in held), "disabled": bool(user.disabled)}


def _on(query, database: Database | None):
    return query if database is None else query.bind(database)


def replay(database: Database | None = None) -> dict[str, dict]:
    """username -> what the audit says about it (only the fields it says)."""
    from models.core.audit import AuditEntry

    query = (AuditEntry.select(AuditEntry.action, AuditEntry.target, AuditEntry.detail)
             .where(AuditEntry.action.in_(ACTIONS)).order_by(AuditEntry.id).tuples())
    known: dict[str, dict] = {}
    for action, target, text in _on(query, database).iterator():
        try:
            detail = json.loads(text)
        except (ValueError, TypeError):
            continue  # a mangled entry already breaks the chain
        if not isinstance(detail, dict):
            continue
        states = detail.get("state")
        if isinstance(states, list):
            for item in states:
                if isinstance(item, dict) and item.get("username"):
                    known.setdefault(str(item["username"]), {}).update(
                        {k: item[k] for k in FIELDS if k in item})
            continue
        _legacy(action, target, detail, known)
    return known


_ROLE_BY_LABEL = {label: role.value for role, label in ROLE_LABELS.items()}


def _legacy(action: str, target: str, detail: dict, known: dict[str, dict]) -> None:
    """What entries from before `state` still say."""
    given = detail.get("after")
    after: dict = given if isinstance(given, dict) else {}
    if action == "init":
        for label, username in after.items():
            if label in _ROLE_BY_LABEL:
                known.setdefault(str(username), {})["roles"] = [_ROLE_BY_LABEL[label]]
        return
    if not target.startswith("user:"):
        return
    name = target.partition(":")[2]
    state = known.setdefault(name, {})
    if action in ("role_grant", "role_revoke") and isinstance(after.get("roles"), list):
        state["roles"] = sorted(str(r) for r in after["roles"])
    elif action in ("user_lock", "user_unlock", "admin_unlock") and "disabled" in after:
        state["disabled"] = bool(after["disabled"])
    elif action in ("password_reset", "admin_password_reset", "password_change"):
        state.pop("password", None)


def _accounts(database: Database | None) -> list[tuple[str, str, bool, list[str]]]:
    from models.core.accounts import User, UserRole

    roles: dict[int, list[str]] = {}
    for user_id, role in _on(UserRole.select(UserRole.user, UserRole.role).tuples(), database).iterator():
        roles.setdefault(user_id, []).append(role)
    query = User.select(User.id, User.username, User.password_hash, User.disabled).order_by(User.id).tuples()
    return [(name, pw, bool(disabled), sorted(roles.get(uid, [])))
            for uid, name, pw, disabled in _on(query, database).iterator()]


def _role_text(roles: list[str]) -> str:
    labels = {r.value: label for r, label in ROLE_LABELS.items()}
    return "、".join(labels.get(r, r) for r in roles) or "无角色"


def check(database: Database | None = None) -> list[str]:
    """Every way the accounts differ from what the audit says, one sentence each naming the account."""
    known = replay(database)
    problems = []
    present = set()
    for name, password_hash, disabled, roles in _accounts(database):
        present.add(name)
        state = known.get(name)
        if state is None:
            problems.append(f"账户「{name}」不在审计记录中：没有新增它的记录，可能是被直接写入数据库的。")
            continue
        if "password" in state and fingerprint(password_hash) != state["password"]:
            problems.append(f"账户「{name}」的密码与审计记录不符：密码哈希被直接改写过。")
        if "roles" in state and roles != sorted(state["roles"]):
            problems.append(f"账户「{name}」现有角色为「{_role_text(roles)}」，审计记录中应为"
                            f"「{_role_text(sorted(state['roles']))}」：角色被直接授予或撤销过。")
        if "disabled" in state and disabled != state["disabled"]:
            problems.append(f"账户「{name}」的停用状态与审计记录不符：被直接{'停用' if disabled else '启用'}过。")
    for name in sorted(set(known) - present):
        problems.append(f"账户「{name}」在审计记录中存在，数据库中却没有了：账户被直接删除过。")
    return problems


def gaps() -> list[dict]:
    """The fields the audit does not know yet of accounts it knows (a database from before this check)."""
    known = replay()
    missing = []
    for name, password_hash, disabled, roles in _accounts(None):
        state = known.get(name)
        if state is None:
            continue  # an account nobody added stays reported, never blessed
        current = {"password": fingerprint(password_hash), "roles": roles, "disabled": disabled}
        absent = {k: v for k, v in current.items() if k not in state}
        if absent:
            missing.append({"username": name, **absent})
    return missing
