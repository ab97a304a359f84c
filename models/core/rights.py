"""Who may do what. Checked here, in models/, so no window or script can go around it."""

from enum import StrEnum

from models.core.errors import PermissionDenied


class Role(StrEnum):
    SYSADMIN = "sysadmin"  # 系统管理员
    SECADMIN = "secadmin"  # 安全保密管理员
    AUDITOR = "auditor"  # 安全审计员
    CLERK = "clerk"  # 文书/秘书
    DUTY = "duty"  # 值班员
    LEADER = "leader"  # 领导


ROLE_LABELS: dict[Role, str] = {
    Role.SYSADMIN: "系统管理员",
    Role.SECADMIN: "安全保密管理员",
    Role.AUDITOR: "安全审计员",
    Role.CLERK: "文书",
    Role.DUTY: "值班员",
    Role.LEADER: "领导",
}

# 三员: each held by exactly one built-in account, never together, never with a business role.
ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})
BUSINESS_ROLES = frozenset({Role.CLERK, Role.DUTY, Role.LEADER})


class Right(StrEnum):
    """The platform's own rights. A module declares its rights in its manifest (`RightSpec`): a right is its code."""

    MANAGE_ACCOUNTS = "manage_accounts"
    LIST_USERS = "list_users"
    GRANT_ROLES = "grant_roles"
    READ_AUDIT = "read_audit"
    BACKUP = "backup"
    RESTORE = "restore"
    EDIT_SETTINGS = "edit_settings"
    EDIT_HOLIDAYS = "edit_holidays"
    DEMO = "demo"


CORE_RIGHTS: dict[Right, frozenset[Role]] = {
    Right.MANAGE_ACCOUNTS: frozenset({Role.SYSADMIN}),
    Right.LIST_USERS: ADMIN_ROLES,
    Right.GRANT_ROLES: frozenset({Role.SECADMIN}),
    Right.READ_AUDIT: frozenset({Role.AUDITOR}),
    Right.BACKUP: frozenset({Role.SYSADMIN}),
    Right.RESTORE: frozenset({Role.SYSADMIN}),
    Right.EDIT_SETTINGS: frozenset({Role.SYSADMIN}),
    Right.EDIT_HOLIDAYS: frozenset({Role.SYSADMIN}),
    Right.DEMO: frozenset({Role.SYSADMIN}),
}


def all_rights() -> dict[str, frozenset[Role]]:
    """Every right, the platform's and the modules', with the roles that hold it."""
    from models.core import modules

    found: dict[str, frozenset[Role]] = {str(r): roles for r, roles in CORE_RIGHTS.items()}
    for code, spec in modules.rights().items():
        if code in found:
            raise ValueError(f"right {code} is the platform's; a module may not declare it")
        found[code] = spec.roles
    return found


def holders_of(right: str) -> frozenset[Role]:
    if right in CORE_RIGHTS:
        return CORE_RIGHTS[Right(right)]
    from models.core import modules

    spec = modules.rights().get(str(right))
    if spec is None:
        raise KeyError(f"unknown right {right!r}: declare it in a module manifest")
    return spec.roles


def holders(right: str) -> str:
    return "、".join(ROLE_LABELS[r] for r in sorted(holders_of(right)))


def allowed(actor, right: str) -> bool:
    return actor is not None and not actor.must_change_password and bool(actor.roles & holders_of(right))


def require(actor, right: str, what: str) -> None:
    """Raise PermissionDenied, after auditing the attempt, unless `actor` holds `right`.

    Call it before opening the transaction of the change, so the audit entry of a refusal is kept.
    """
    if allowed(actor, right):
        return
    from models.core import audit

    if actor is not None and actor.must_change_password:
        message = "您的密码由管理员设置，请先修改密码后再进行其他操作。"
    else:
        message = f"您没有权限{what}：此操作只能由{holders(right)}进行。"
    audit.record(actor, "denied", f"right:{right}", f"被拒绝：{what}", right=str(right))
    raise PermissionDenied(message)
