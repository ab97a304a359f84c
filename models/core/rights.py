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
    MANAGE_ACCOUNTS = "manage_accounts"
    LIST_USERS = "list_users"
    GRANT_ROLES = "grant_roles"
    READ_AUDIT = "read_audit"
    BACKUP = "backup"
    RESTORE = "restore"
    EDIT_SETTINGS = "edit_settings"
    EDIT_HOLIDAYS = "edit_holidays"
    DEMO = "demo"
    READ_DOCUMENTS = "read_documents"
    EDIT_DOCUMENTS = "edit_documents"
    READ_DUTY = "read_duty"
    EDIT_DUTY = "edit_duty"
    READ_PERSONNEL = "read_personnel"
    EDIT_PERSONNEL = "edit_personnel"


RIGHTS: dict[Right, frozenset[Role]] = {
    Right.MANAGE_ACCOUNTS: frozenset({Role.SYSADMIN}),
    Right.LIST_USERS: ADMIN_ROLES,
    Right.GRANT_ROLES: frozenset({Role.SECADMIN}),
    Right.READ_AUDIT: frozenset({Role.AUDITOR}),
    Right.BACKUP: frozenset({Role.SYSADMIN}),
    Right.RESTORE: frozenset({Role.SYSADMIN}),
    Right.EDIT_SETTINGS: frozenset({Role.SYSADMIN}),
    Right.EDIT_HOLIDAYS: frozenset({Role.SYSADMIN}),
    Right.DEMO: frozenset({Role.SYSADMIN}),
    Right.READ_DOCUMENTS: frozenset({Role.CLERK, Role.LEADER}),  # 领导: read-only overview
    Right.EDIT_DOCUMENTS: frozenset({Role.CLERK}),
    Right.READ_DUTY: frozenset({Role.DUTY, Role.LEADER}),  # 领导 see the log, the roster and the briefs
    Right.EDIT_DUTY: frozenset({Role.DUTY}),
    # 涉密人员库: the 安全保密管理员 alone, reading as well as changing (保密法 第43–46条; DESIGN 三员分立)
    Right.READ_PERSONNEL: frozenset({Role.SECADMIN}),
    Right.EDIT_PERSONNEL: frozenset({Role.SECADMIN}),
}


def holders(right: Right) -> str:
    return "、".join(ROLE_LABELS[r] for r in sorted(RIGHTS[right]))


def allowed(actor, right: Right) -> bool:
    return actor is not None and not actor.must_change_password and bool(actor.roles & RIGHTS[right])


def require(actor, right: Right, what: str) -> None:
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
    audit.record(actor, "denied", f"right:{right.value}", f"被拒绝：{what}", right=right.value)
    raise PermissionDenied(message)
