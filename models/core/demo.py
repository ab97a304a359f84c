"""Demo data: each module's manifest names its step; `demo` runs them in manifest order inside one transaction."""

from collections.abc import Callable
from dataclasses import dataclass, field

from models.core import audit, modules
from models.core.db import DB
from models.core.errors import ValidationError
from models.core.manifest import resolve
from models.core.rights import Right, require

DemoStep = Callable[[object, dict], str]  # (actor, options) -> what it made, for the report

DEMO_PASSWORD = "Sanban@2026demo"


@dataclass
class DemoReport:
    lines: list[str] = field(default_factory=list)


def run(actor, options: dict | None = None, progress: Callable[[int, int], None] | None = None) -> DemoReport:
    """Fill the database with realistic demo data (系统管理员; audited). `progress(done, total)` after each module's
    step, for the window's progress bar."""
    require(actor, Right.DEMO, "生成演示数据")
    if accounts_exist_beyond_init():
        raise ValidationError("demo", "数据库里已有业务账户或数据，演示数据只能在新建的数据库上生成。")
    report = DemoReport()
    steps = [m for m in modules.manifests() if m.demo]
    with DB.atomic():
        for done, m in enumerate(steps, 1):
            step: DemoStep = resolve(m.demo)
            report.lines.append(f"{m.demo_label or m.label}：{step(actor, options or {})}")
            if progress is not None:
                progress(done, len(steps))
        audit.record(actor, "demo", "database", "生成演示数据", steps=report.lines)
    return report


def accounts_exist_beyond_init() -> bool:
    from models.core.accounts import User

    return User.select().count() > 3


def demo_accounts(actor, options: dict) -> str:
    """Business users an office has on day one, with their roles (password DEMO_PASSWORD, no forced change)."""
    from models.core import account_state, passwords
    from models.core.accounts import User, UserRole

    people = [
        ("wangmishu", "王秘书", "办公室秘书科", "clerk"),
        ("liwenshu", "李文书", "办公室文电科", "clerk"),
        ("zhaozhiban", "赵值班", "总值班室", "duty"),
        ("sunzhiban", "孙值班", "总值班室", "duty"),
        ("zhouzhuren", "周主任", "办公室", "leader"),
    ]
    hashed = passwords.hash_password(DEMO_PASSWORD)
    for username, name, unit, role in people:
        user = User.create(username=username, display_name=name, unit=unit, password_hash=hashed)
        UserRole.create(user=user, role=role, granted_by="demo")
        audit.record(actor, "user_add", f"user:{username}", f"演示数据：新增账户 {username}（{name}），角色 {role}",
                     state=[account_state.of(user, (role,))])
    return f"{len(people)} 个账户，密码均为 {DEMO_PASSWORD}"
