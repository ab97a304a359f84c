"""Accounts, log-in and lock-out, passwords, and role grants under 三员分立."""

import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

from peewee import BooleanField, Case, CharField, DateTimeField, ForeignKeyField, IntegerField

from models.core import account_state, audit, passwords, seal, settings
from models.core.db import DB, BaseModel, now, tuples
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS, Right, Role, require
from models.core.validators import check_plain, confusable_key


class User(BaseModel):
    """A person who logs in. Never deleted: stopped with `disabled`."""

    username = CharField(unique=True, max_length=32)
    display_name = CharField(max_length=32)
    unit = CharField(max_length=64, default="")
    password_hash = CharField(max_length=256)
    must_change_password = BooleanField(default=False)
    failed_attempts = IntegerField(default=0)
    locked_until = DateTimeField(null=True)  # set by too many wrong passwords
    disabled = BooleanField(default=False)  # set by the 系统管理员 until unlocked
    last_login = DateTimeField(null=True)


class UserRole(BaseModel):
    """A role held by a user."""

    user = ForeignKeyField(User, backref="role_rows", on_delete="CASCADE")
    user_id: int
    role = CharField(max_length=16)
    granted_by = CharField(max_length=32, default="")

    class Meta:
        indexes = ((("user", "role"), True),)


@dataclass(frozen=True)
class Session:
    """Who is acting. Passed to every function of models/ that checks a right."""

    user_id: int
    username: str
    display_name: str
    roles: frozenset
    must_change_password: bool = False
    # The 安全审计员's seal keys, opened by the password at log-in; in this process's memory only.
    keyring: seal.Keyring | None = field(default=None, repr=False, compare=False)

    def role_text(self) -> str:
        return "、".join(ROLE_LABELS[r] for r in sorted(self.roles)) or "无角色"


USERNAME = re.compile(r"^[\w.\-]{2,32}$")


def check_username(username: str) -> str:
    name = (username or "").strip()
    if not USERNAME.match(name):
        raise ValidationError(
            "username", "用户名应为 2–32 位的字母、数字、汉字、下划线、点或短横线，不能有空格。"
        )
    return name


def check_display_name(display_name: str) -> str:
    name = (display_name or "").strip()
    if not name:
        raise ValidationError("display_name", "请填写姓名。")
    if len(name) > 32:
        raise ValidationError("display_name", "姓名不能超过 32 个字。")
    return check_plain(name, "display_name", "姓名")


def check_distinct_username(name: str) -> None:
    """Refuse a name that only differs from an existing account's by case, width or look-alike letters, so nobody
    can pass for 「admin」 as 「ADMIN」 or 「admіn」 (Cyrillic і) in the audit log."""
    key = confusable_key(name)
    for (existing,) in tuples(User.select(User.username)):  # a few hundred accounts at most
        if confusable_key(existing) == key:
            if existing == name:
                raise ValidationError("username", f"用户名「{name}」已被占用，请换一个。")
            raise ValidationError(
                "username", f"用户名「{name}」与已有账户「{existing}」只差大小写或形近字母，容易混淆，请换一个。")


def check_new_password(password: str, username: str = "") -> None:
    passwords.check_policy(
        password, settings.get("password_min_length"), settings.get("password_min_classes"), username
    )


def roles_of(user: User) -> frozenset:
    return frozenset(Role(r.role) for r in UserRole.select().where(UserRole.user == user))


def session_for(user: User) -> Session:
    return Session(user.id, user.username, user.display_name, roles_of(user), user.must_change_password)


def is_initialised() -> bool:
    return User.select().exists()


SEPARATION_ORDER = (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR)


def separation_problems(accounts: dict[Role, tuple[str, str, str]]) -> list[ValidationError]:
    """三员分立 (DOMAIN §0): the three accounts belong to three different people, so no two share a 登录名 (even a
    look-alike one), a 姓名 or a password. One error per offending field, named 「<role>.<field>」, on the later
    account of each clashing pair; an empty field is left to the field's own check."""
    problems: list[ValidationError] = []
    checks = (
        (0, "username", lambda v: confusable_key(v.strip()),
         "{role}与{other}用了同一个（或形近的）用户名「{value}」：三员分立，三个账户必须各不相同，请换一个。"),
        (1, "display_name", lambda v: confusable_key(re.sub(r"\s+", "", v)),
         "{role}与{other}填了同一个姓名「{value}」：三员分立，三个账户须由三个不同的人掌管，请填写掌管此账户的人的姓名。"),
        (2, "password", lambda v: v,
         "{role}与{other}的密码相同：三员分立，每个账户的密码只能由掌管它的人知道，请另设一个不同的密码。"),
    )
    roles = [r for r in SEPARATION_ORDER if r in accounts]
    for index, field_name, key_of, message in checks:
        seen: dict[str, Role] = {}
        for role in roles:
            value = accounts[role][index] or ""
            key = key_of(value)
            if not key:
                continue
            if key in seen:
                shown = "" if field_name == "password" else value.strip()
                problems.append(ValidationError(f"{role.value}.{field_name}", message.format(
                    role=ROLE_LABELS[role], other=ROLE_LABELS[seen[key]], value=shown)))
            else:
                seen[key] = role
    return problems


def init(accounts: dict[Role, tuple[str, str, str]]) -> None:
    """Create the three built-in accounts: {Role.SYSADMIN: (username, display name, password), …}."""
    if is_initialised():
        raise ValidationError("init", "数据库已经初始化过，三员账户已存在。")
    if set(accounts) != set(ADMIN_ROLES):
        raise ValidationError("init", "需要同时创建系统管理员、安全保密管理员、安全审计员三个账户。")
    for role in SEPARATION_ORDER:
        username, display_name, password = accounts[role]
        try:
            name = check_username(username)
        except ValidationError as exc:
            raise ValidationError(f"{role.value}.username", f"{ROLE_LABELS[role]}的{exc.message}") from None
        try:
            check_display_name(display_name)
        except ValidationError as exc:
            raise ValidationError(f"{role.value}.display_name", f"{ROLE_LABELS[role]}：{exc.message}") from None
        try:
            check_new_password(password, name)
        except ValidationError as exc:
            raise ValidationError(f"{role.value}.password", f"{ROLE_LABELS[role]}的{exc.message}") from None
    problems = separation_problems(accounts)
    if problems:
        raise problems[0]
    with DB.atomic():
        made = []
        for role, (username, display_name, password) in accounts.items():
            user = User.create(
                username=username.strip(), display_name=display_name.strip(),
                password_hash=passwords.hash_password(password),
            )
            UserRole.create(user=user, role=role.value, granted_by="init")
            made.append(account_state.of(user, {role}))
        audit.record(
            None, "init", "database", "初始化数据库，创建三员账户",
            after={ROLE_LABELS[r]: a[0] for r, a in accounts.items()}, state=made,
        )
        seal.create_key(None, accounts[Role.AUDITOR][2], "初始化数据库")


def login(username: str, password: str) -> Session:
    """Check the password; count failures and lock the account after too many."""
    name = (username or "").strip()
    user = User.get_or_none(User.username == name)
    wrong = ValidationError("password", "用户名或密码不正确，请重新输入。")
    if user is None:
        with DB.atomic():
            audit.record(name or "(空)", "login_failed", f"user:{name}", "登录失败：用户名不存在")
        raise wrong
    stamp = now()
    if user.disabled:
        with DB.atomic():
            audit.record(name, "login_refused", f"user:{name}", "登录被拒绝：账户已被停用")
        raise ValidationError("username", "该账户已被系统管理员停用，请联系系统管理员解锁。")
    if user.locked_until and user.locked_until > stamp:
        with DB.atomic():
            audit.record(name, "login_refused", f"user:{name}", "登录被拒绝：账户锁定中")
        raise ValidationError(
            "username",
            f"密码连续输错次数过多，账户已锁定至 {user.locked_until:%H:%M}。请稍后再试，或请系统管理员解锁。",
        )
    if not passwords.verify_password(password or "", user.password_hash):
        _count_failure(user, name, stamp)  # raises
    session = session_for(user)
    # The 安全审计员's password opens the seal keys; scrypt is slow, so before the transaction.
    keyring = seal.open_keyring(password) if Role.AUDITOR in session.roles else None
    with DB.atomic():
        # One UPDATE, not a versioned save: a failed attempt counted meanwhile must not make the login fail.
        User.update(failed_attempts=0, locked_until=None, last_login=stamp, updated_at=stamp,
                    version=User.version + 1).where(User.id == user.id).execute()
        audit.record(session, "login", f"user:{name}", "登录成功")
        if keyring is not None:
            keyring = seal.at_login(session, password, keyring, user.must_change_password)
    return replace(session, keyring=keyring)


def _count_failure(user: User, name: str, stamp) -> None:
    """Count a wrong password and lock the account at the limit, in one transaction with its audit entries.

    The counter moves by an atomic UPDATE inside the write transaction, so attempts made at the same moment from
    several workstations are each counted and audited (a read-modify-save would lose all but one as stale).
    """
    limit = settings.get("lockout_attempts")
    minutes = settings.get("lockout_minutes")
    with DB.atomic():
        expired = User.locked_until.is_null(False) & (User.locked_until <= stamp)
        User.update(
            # After an expired lock-out the count starts again; while locked, attempts still count.
            failed_attempts=Case(None, ((expired, 1),), User.failed_attempts + 1),
            locked_until=Case(None, ((expired, None),), User.locked_until),
            updated_at=stamp, version=User.version + 1,
        ).where(User.id == user.id).execute()
        counted = User.select(User.failed_attempts, User.locked_until).where(User.id == user.id).get()
        attempts, locked_until = counted.failed_attempts, counted.locked_until
        audit.record(name, "login_failed", f"user:{name}", f"登录失败：密码错误（第 {attempts} 次）")
        if locked_until is None and attempts >= limit:
            locked_until = stamp + timedelta(minutes=minutes)
            User.update(failed_attempts=0, locked_until=locked_until).where(User.id == user.id).execute()
            audit.record(name, "account_locked", f"user:{name}",
                         f"连续 {attempts} 次密码错误，账户锁定 {minutes} 分钟")
    if locked_until is not None:
        raise ValidationError(
            "password",
            f"密码连续输错 {max(attempts, limit)} 次，账户已锁定 {minutes} 分钟。"
            "如确需立即使用，请联系系统管理员解锁。",
        )
    raise ValidationError("password", f"用户名或密码不正确。再输错 {limit - attempts} 次，账户将被锁定。")


def _user(username: str) -> User:
    user = User.get_or_none(User.username == (username or "").strip())
    if user is None:
        raise ValidationError("username", f"没有用户名为「{username}」的账户，请检查拼写。")
    return user


def add_user(actor: Session, username: str, display_name: str, password: str, unit: str = "") -> User:
    """系统管理员 adds an account; the person must change the password at first log-in."""
    require(actor, Right.MANAGE_ACCOUNTS, "新增账户")
    name = check_username(username)
    display = check_display_name(display_name)
    check_distinct_username(name)
    check_new_password(password, name)
    with DB.atomic():
        user = User.create(
            username=name, display_name=display, unit=(unit or "").strip(),
            password_hash=passwords.hash_password(password), must_change_password=True,
        )
        audit.record(actor, "user_add", f"user:{name}", f"新增账户 {name}（{display}）",
                     after={"username": name, "display_name": display, "unit": user.unit},
                     state=[account_state.of(user, ())])
    return user


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    unit: str
    roles: frozenset
    state: str
    last_login: object


def state_text(user: User) -> str:
    if user.disabled:
        return "已停用"
    if user.locked_until and user.locked_until > now():
        return f"锁定至 {user.locked_until:%H:%M}"
    if user.must_change_password:
        return "待改密码"
    return "正常"


def list_users(actor: Session) -> list[UserRow]:
    require(actor, Right.LIST_USERS, "查看账户列表")
    roles: dict[int, set] = {}
    for user_id, role in tuples(UserRole.select(UserRole.user, UserRole.role)):
        roles.setdefault(user_id, set()).add(Role(role))
    return [
        UserRow(u.id, u.username, u.display_name, u.unit, frozenset(roles.get(u.id, ())), state_text(u),
                u.last_login)
        for u in User.select().order_by(User.id)
    ]


def lock_user(actor: Session, username: str) -> None:
    require(actor, Right.MANAGE_ACCOUNTS, "停用账户")
    user = _user(username)
    if roles_of(user) & ADMIN_ROLES:
        raise ValidationError("username", "三员账户不能停用：停用后将无人履行该职责。如有异常请修改其密码。")
    if user.disabled:
        raise ValidationError("username", f"账户「{user.username}」已经是停用状态。")
    with DB.atomic():
        user.disabled = True
        user.save()
        audit.record(actor, "user_lock", f"user:{user.username}", f"停用账户 {user.username}",
                     before={"disabled": False}, after={"disabled": True}, state=[account_state.of(user)])


def unlock_user(actor: Session, username: str, witness: "Witness | None" = None) -> None:
    """Lift both an administrator's stop and a lock-out after wrong passwords (a 三员 account: see `_admin_pair`)."""
    user = _user(username)
    pair = _admin_pair(actor, user, witness, "解锁三员账户")
    if pair is None:
        require(actor, Right.MANAGE_ACCOUNTS, "解锁账户")
    before = {"disabled": user.disabled, "locked_until": user.locked_until, "failed_attempts": user.failed_attempts}
    if not user.disabled and not (user.locked_until and user.locked_until > now()) and not user.failed_attempts:
        raise ValidationError("username", f"账户「{user.username}」没有被锁定，无需解锁。")
    with DB.atomic():
        user.disabled = False
        user.locked_until = None
        user.failed_attempts = 0
        user.save()
        after = {"disabled": False, "locked_until": None, "failed_attempts": 0}
        state = [account_state.of(user)]
        if pair is None:
            audit.record(actor, "user_unlock", f"user:{user.username}", f"解锁账户 {user.username}",
                         before=before, after=after, state=state)
        else:
            audit.record(actor, "admin_unlock", f"user:{user.username}",
                         f"解锁三员账户 {user.username}，见证人 {pair.username}", before=before, after=after,
                         witness=pair.username, state=state)


def reset_password(actor: Session, username: str, new_password: str, witness: "Witness | None" = None) -> None:
    """Set a new password that the person must change at the next log-in. A business account: the 系统管理员 alone;
    a 三员 account: two 三员 together (`_admin_pair`)."""
    user = _user(username)
    if user.id == actor.user_id:
        raise ValidationError("username", "不能重置自己的密码，请使用「修改密码」。")
    pair = _admin_pair(actor, user, witness, "重置三员账户的密码")
    if pair is None:
        require(actor, Right.MANAGE_ACCOUNTS, "重置密码")
    check_new_password(new_password, user.username)
    with DB.atomic():
        user.password_hash = passwords.hash_password(new_password)
        user.must_change_password = True
        user.failed_attempts = 0
        user.locked_until = None
        user.save()
        state = [account_state.of(user)]
        if pair is None:
            audit.record(actor, "password_reset", f"user:{user.username}", f"重置 {user.username} 的密码",
                         state=state)
        else:
            audit.record(actor, "admin_password_reset", f"user:{user.username}",
                         f"重置三员账户 {user.username} 的密码，见证人 {pair.username}", witness=pair.username,
                         state=state)
            if Role.AUDITOR in roles_of(user):
                seal.retire(actor, "安全审计员的密码被重置，原密钥无法随之重新加密")


def needs_witness(username: str) -> bool:
    """Whether resetting or unlocking this account needs a second 三员 present (it is a 三员 account)."""
    user = User.get_or_none(User.username == (username or "").strip())
    return user is not None and bool(roles_of(user) & ADMIN_ROLES)


@dataclass(frozen=True)
class Witness:
    """A second 三员, present at the workstation, who confirms with their own password."""

    username: str
    password: str


def _admin_pair(actor: Session, user: User, witness: Witness | None, what: str) -> User | None:
    """三员分立 (DOMAIN §0): nobody resets or unlocks a 三员 account alone.

    For a 三员 account the 系统管理员 acts and one of the other two 三员 witnesses; when the account is the
    系统管理员's own, the 安全保密管理员 acts and the 安全审计员 witnesses. The witness gives their own password now.
    Returns the witness for a 三员 account, None for a business account (the 系统管理员's ordinary duty).
    """
    target_roles = roles_of(user) & ADMIN_ROLES
    if not target_roles:
        return None
    acting = Role.SECADMIN if Role.SYSADMIN in target_roles else Role.SYSADMIN
    if acting not in actor.roles or actor.must_change_password:
        audit.record(actor, "denied", f"user:{user.username}", f"被拒绝：{what}（须由{ROLE_LABELS[acting]}办理）")
        raise PermissionDenied(
            f"您没有权限{what}：三员账户须由{ROLE_LABELS[acting]}办理，并由另一名三员在场输入本人密码见证。")
    if witness is None or not (witness.username or "").strip():
        raise ValidationError(
            "witness", f"{what}须有另一名三员在场见证：请见证人输入本人的用户名和密码（三员分立，不能一人办理）。")
    name = witness.username.strip()
    if name in (actor.username, user.username):
        raise ValidationError("witness", "见证人须是办理人和被办理账户以外的另一名三员。")
    seen = User.get_or_none(User.username == name)
    if seen is None or not roles_of(seen) & ADMIN_ROLES:
        raise ValidationError("witness", f"「{name}」不是三员账户，不能作为见证人。见证人须是另一名三员。")
    login(name, witness.password)  # counts a wrong password toward the witness's lock-out, audited as such
    return seen


def change_password(actor: Session, old_password: str, new_password: str) -> Session:
    """Anyone changes their own password; returns the session without the forced-change mark."""
    user = User.get_by_id(actor.user_id)
    if not passwords.verify_password(old_password or "", user.password_hash):
        raise ValidationError("old_password", "原密码不正确。")
    if old_password == new_password:
        raise ValidationError("password", "新密码不能与原密码相同。")
    check_new_password(new_password, user.username)
    auditor = Role.AUDITOR in roles_of(user)
    keyring = seal.open_keyring(old_password) if auditor else None  # before the transaction: scrypt is slow
    with DB.atomic():
        user.password_hash = passwords.hash_password(new_password)
        user.must_change_password = False
        user.save()
        audit.record(actor, "password_change", f"user:{user.username}", "修改本人密码",
                     state=[account_state.of(user)])
        session = session_for(user)
        if keyring is not None:
            keyring = seal.after_password(session, keyring, new_password)
            seal.seal(session, keyring)
    return replace(session, keyring=keyring)


def _check_role(role: str) -> Role:
    try:
        value = Role(role)
    except ValueError:
        names = "、".join(f"{r.value}（{ROLE_LABELS[r]}）" for r in sorted(BUSINESS_ROLES))
        raise ValidationError("role", f"没有角色「{role}」。可授予的角色：{names}。") from None
    if value not in BUSINESS_ROLES:
        raise ValidationError("role", f"「{ROLE_LABELS[value]}」是三员角色，只在初始化时设定，不能授予。")
    return value


def grant(actor: Session, username: str, role: str) -> None:
    require(actor, Right.GRANT_ROLES, "授予角色")
    value = _check_role(role)
    user = _user(username)
    held = roles_of(user)
    if held & ADMIN_ROLES:
        raise ValidationError("username", "三员账户不得兼任业务角色（三员分立）。")
    if value in held:
        raise ValidationError("role", f"「{user.username}」已经是{ROLE_LABELS[value]}。")
    with DB.atomic():
        UserRole.create(user=user, role=value.value, granted_by=actor.username)
        audit.record(actor, "role_grant", f"user:{user.username}",
                     f"授予 {user.username}（{user.display_name}）{ROLE_LABELS[value]}角色",
                     before={"roles": sorted(held)}, after={"roles": sorted(held | {value})},
                     state=[account_state.of(user)])


def revoke(actor: Session, username: str, role: str) -> None:
    require(actor, Right.GRANT_ROLES, "撤销角色")
    value = _check_role(role)
    user = _user(username)
    held = roles_of(user)
    if value not in held:
        raise ValidationError("role", f"「{user.username}」没有{ROLE_LABELS[value]}角色，无需撤销。")
    with DB.atomic():
        UserRole.delete().where((UserRole.user == user) & (UserRole.role == value.value)).execute()
        audit.record(actor, "role_revoke", f"user:{user.username}",
                     f"撤销 {user.username}（{user.display_name}）的{ROLE_LABELS[value]}角色",
                     before={"roles": sorted(held)}, after={"roles": sorted(held - {value})},
                     state=[account_state.of(user)])


def record_session_event(actor: Session, action: str, summary: str) -> None:
    """Log-out, idle lock and unlock are audited like log-ins."""
    with DB.atomic():
        audit.record(actor, action, f"user:{actor.username}", summary)


def unlock_session(actor: Session, password: str) -> None:
    """Re-enter the password after an idle lock; wrong passwords count toward the lock-out like log-ins."""
    session = login(actor.username, password)
    if session.user_id != actor.user_id:  # pragma: no cover - same name, same user
        raise ValidationError("password", "用户名或密码不正确。")
