from datetime import date, timedelta

import pytest

from models.core import accounts, audit, backup, demo, settings, workdays
from models.core.accounts import User
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import Right, Role, all_rights
from models.documents import incoming as documents
from models.documents.manifest import EDIT_DOCUMENTS, READ_DOCUMENTS
from models.duty import brief as duty_brief
from models.duty import log as duty_log
from models.duty.manifest import EDIT_DUTY, READ_DUTY
from models.secrecy import people as secrecy
from models.secrecy.manifest import EDIT_PERSONNEL, READ_PERSONNEL
from models.supervision import items as supervision
from models.supervision import reports as supervision_reports
from models.supervision.manifest import EDIT_SUPERVISION, READ_SUPERVISION
from tests.conftest import NAMES, PASSWORDS


def last_actions(n=3):
    return [e.action for e in AuditEntry.select().order_by(AuditEntry.id.desc()).limit(n)]


def test_init_creates_three_distinct_accounts_and_refuses_a_second_time(three):
    rows = {r.username: r.roles for r in accounts.list_users(three[Role.SYSADMIN])}
    assert rows == {"admin": {Role.SYSADMIN}, "secadmin": {Role.SECADMIN}, "auditor": {Role.AUDITOR}}
    with pytest.raises(ValidationError):
        accounts.init({r: (NAMES[r] + "2", "x", PASSWORDS[r]) for r in PASSWORDS})


def test_init_refuses_one_person_holding_two_of_the_three(database):
    with pytest.raises(ValidationError, match="三员分立"):
        accounts.init({
            Role.SYSADMIN: ("boss", "a", "Xitong@2026a"),
            Role.SECADMIN: ("boss", "b", "Baomi@2026ab"),
            Role.AUDITOR: ("auditor", "c", "Shenji@2026a"),
        })
    assert not accounts.is_initialised()


def test_passwords_are_stored_hashed_with_scrypt(three):
    stored = User.get(User.username == "admin").password_hash
    assert stored.startswith("scrypt$") and PASSWORDS[Role.SYSADMIN] not in stored


def test_five_wrong_passwords_lock_for_fifteen_minutes_then_unlock(three, monkeypatch):
    for attempt in range(4):
        with pytest.raises(ValidationError, match=f"再输错 {4 - attempt} 次"):
            accounts.login("auditor", "wrong")
    with pytest.raises(ValidationError, match="已锁定 15 分钟"):
        accounts.login("auditor", "wrong")
    assert "account_locked" in last_actions()
    with pytest.raises(ValidationError, match="锁定至"):  # even the right password is refused now
        accounts.login("auditor", PASSWORDS[Role.AUDITOR])
    later = accounts.now() + timedelta(minutes=16)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.login("auditor", PASSWORDS[Role.AUDITOR]).username == "auditor"


def test_lockout_thresholds_are_settings(three):
    admin = three[Role.SYSADMIN]
    settings.set_value(admin, "lockout_attempts", 3)
    settings.set_value(admin, "lockout_minutes", 30)
    for _ in range(2):
        with pytest.raises(ValidationError):
            accounts.login("auditor", "wrong")
    with pytest.raises(ValidationError, match="已锁定 30 分钟"):
        accounts.login("auditor", "wrong")


def test_setting_out_of_range_is_refused_with_the_range(three):
    with pytest.raises(ValidationError, match="3 到 20"):
        settings.set_value(three[Role.SYSADMIN], "lockout_attempts", 1)


def test_a_locked_out_three_account_is_unlocked_by_two_three(three):
    for _ in range(5):
        with pytest.raises(ValidationError):
            accounts.login("auditor", "wrong")
    with pytest.raises(ValidationError, match="见证"):
        accounts.unlock_user(three[Role.SYSADMIN], "auditor")  # alone: refused, nothing changed
    with pytest.raises(ValidationError, match="锁定"):
        accounts.login("auditor", PASSWORDS[Role.AUDITOR])
    accounts.unlock_user(three[Role.SYSADMIN], "auditor",
                         accounts.Witness("secadmin", PASSWORDS[Role.SECADMIN]))
    assert accounts.login("auditor", PASSWORDS[Role.AUDITOR])
    entry = AuditEntry.select().where(AuditEntry.action == "admin_unlock").get()
    assert entry.actor == "admin" and '"witness": "secadmin"' in entry.detail


# 三员分立 (DOMAIN §0): no 三员 account can obtain another. (actor, target, witness) → allowed?
PAIRS = [
    (Role.SYSADMIN, "secadmin", None, "见证"),  # the 系统管理员 alone: refused
    (Role.SYSADMIN, "auditor", None, "见证"),
    (Role.SYSADMIN, "secadmin", "secadmin", "另一名三员"),  # the target cannot witness for himself
    (Role.SYSADMIN, "secadmin", "zhangsan", "不是三员"),  # a business user is no witness
    (Role.SECADMIN, "auditor", "admin", "须由系统管理员"),  # only the 系统管理员 acts on the other two
    (Role.AUDITOR, "secadmin", "admin", "须由系统管理员"),
    (Role.SYSADMIN, "secadmin", "auditor", None),  # the 系统管理员 with the 安全审计员 present: allowed
    (Role.SYSADMIN, "auditor", "secadmin", None),
    (Role.SECADMIN, "admin", "auditor", None),  # the 系统管理员's own account: the other two together
    (Role.AUDITOR, "admin", "secadmin", "须由安全保密管理员"),
]


@pytest.mark.parametrize(("actor", "target", "witness", "refusal"), PAIRS)
def test_no_three_account_can_take_over_another(three, clerk, actor, target, witness, refusal):
    names = {Role.SYSADMIN: "admin", Role.SECADMIN: "secadmin", Role.AUDITOR: "auditor"}
    password_of = {name: PASSWORDS[role] for role, name in names.items()} | {"zhangsan": "Zhang@2026abc"}
    pair = accounts.Witness(witness, password_of[witness]) if witness else None
    before = accounts.User.get(accounts.User.username == target).password_hash
    if refusal:
        with pytest.raises((ValidationError, PermissionDenied), match=refusal):
            accounts.reset_password(three[actor], target, "Taken@2026over", pair)
        assert accounts.User.get(accounts.User.username == target).password_hash == before
        with pytest.raises(ValidationError):
            accounts.login(target, "Taken@2026over")
    else:
        accounts.reset_password(three[actor], target, "Given@2026new", pair)
        session = accounts.login(target, "Given@2026new")
        assert session.must_change_password  # and so can do nothing else until the person chooses their own
        entry = AuditEntry.select().where(AuditEntry.action == "admin_password_reset").get()
        assert entry.actor == names[actor] and f'"witness": "{witness}"' in entry.detail
        assert audit.action_label(entry.action) == "重置三员账户密码（双人）"


def test_a_wrong_witness_password_is_refused_and_counted(three):
    with pytest.raises(ValidationError, match="密码不正确"):
        accounts.reset_password(three[Role.SYSADMIN], "secadmin", "Taken@2026over",
                                accounts.Witness("auditor", "guess"))
    assert accounts.User.get(accounts.User.username == "auditor").failed_attempts == 1
    assert accounts.login("secadmin", PASSWORDS[Role.SECADMIN])  # untouched


def test_stopped_account_cannot_log_in_until_unlocked(clerk, three):
    accounts.lock_user(three[Role.SYSADMIN], "zhangsan")
    with pytest.raises(ValidationError, match="停用"):
        accounts.login("zhangsan", "Zhang@2026abc")
    accounts.unlock_user(three[Role.SYSADMIN], "zhangsan")
    assert accounts.login("zhangsan", "Zhang@2026abc").roles == {Role.CLERK}


def test_three_accounts_cannot_be_stopped(three):
    with pytest.raises(ValidationError, match="三员账户不能停用"):
        accounts.lock_user(three[Role.SYSADMIN], "auditor")


@pytest.mark.parametrize("password, fragment", [
    ("Ab1!", "太短"), ("abcdefghijkl", "至少要包含"), ("zhangsanAB12", "不能包含用户名"), ("", "不能为空"),
])
def test_password_policy(three, password, fragment):
    with pytest.raises(ValidationError, match=fragment):
        accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", password)


def test_password_policy_is_configurable(three):
    admin = three[Role.SYSADMIN]
    settings.set_value(admin, "password_min_length", 12)
    with pytest.raises(ValidationError, match="至少 12 位"):
        accounts.add_user(admin, "lisi", "李四", "Abc@12345xy")
    settings.set_value(admin, "password_min_classes", 4)
    with pytest.raises(ValidationError, match="4 类"):
        accounts.add_user(admin, "lisi", "李四", "Abcdefgh12345")


def test_new_account_must_change_password_before_anything_else(three):
    accounts.add_user(three[Role.SYSADMIN], "zhangsan", "张三", "Temp@2026abc")
    accounts.grant(three[Role.SECADMIN], "zhangsan", "clerk")
    session = accounts.login("zhangsan", "Temp@2026abc")
    assert session.must_change_password
    with pytest.raises(PermissionDenied, match="请先修改密码"):
        workdays.set_year_entered(session, 2027, True)
    with pytest.raises(ValidationError, match="原密码不正确"):
        accounts.change_password(session, "nope", "Zhang@2026abc")
    changed = accounts.change_password(session, "Temp@2026abc", "Zhang@2026abc")
    assert not changed.must_change_password
    assert not accounts.login("zhangsan", "Zhang@2026abc").must_change_password


def test_reset_forces_a_change_and_clears_a_lock(clerk, three):
    for _ in range(5):
        with pytest.raises(ValidationError):
            accounts.login("zhangsan", "wrong")
    accounts.reset_password(three[Role.SYSADMIN], "zhangsan", "Reset@2026abc")
    assert accounts.login("zhangsan", "Reset@2026abc").must_change_password


def test_admin_cannot_reset_own_password(three):
    with pytest.raises(ValidationError, match="修改密码"):
        accounts.reset_password(three[Role.SYSADMIN], "admin", "Other@2026abc")


def test_grant_rules(three, clerk):
    sec = three[Role.SECADMIN]
    with pytest.raises(ValidationError, match="已经是文书"):
        accounts.grant(sec, "zhangsan", "clerk")
    with pytest.raises(ValidationError, match="三员角色"):
        accounts.grant(sec, "zhangsan", "auditor")
    with pytest.raises(ValidationError, match="不得兼任"):
        accounts.grant(sec, "auditor", "clerk")
    with pytest.raises(ValidationError, match="没有角色"):
        accounts.grant(sec, "zhangsan", "boss")
    accounts.grant(sec, "zhangsan", "duty")
    accounts.revoke(sec, "zhangsan", "clerk")
    assert accounts.login("zhangsan", "Zhang@2026abc").roles == {Role.DUTY}
    entry = AuditEntry.select().where(AuditEntry.action == "role_revoke").get()
    assert '"clerk"' in entry.detail and '"duty"' in entry.detail  # before and after


# Every right, called by every role: only the holders pass, and each refusal is audited.
ACTIONS = {
    Right.MANAGE_ACCOUNTS: lambda s: accounts.add_user(s, "newuser", "新人", "Newu@2026abc"),
    Right.LIST_USERS: lambda s: accounts.list_users(s),
    Right.GRANT_ROLES: lambda s: accounts.grant(s, "zhangsan", "leader"),
    Right.READ_AUDIT: lambda s: audit.verify(s),
    Right.BACKUP: lambda s: backup.backup(s, s._tmp / "b.db"),
    Right.RESTORE: lambda s: backup.restore(s, s._tmp / "missing.db"),
    Right.EDIT_SETTINGS: lambda s: settings.set_value(s, "lockout_minutes", 20),
    Right.EDIT_HOLIDAYS: lambda s: workdays.set_year_entered(s, 2027, True),
    Right.DEMO: lambda s: demo.run(s),
    READ_DOCUMENTS: lambda s: documents.day_check(s),
    EDIT_DOCUMENTS: lambda s: documents.register(s, {"received_on": "2026-03-05", "source_org": "市委办公室",
                                                         "title": "关于做好春季防火工作的通知"}),
    READ_DUTY: lambda s: duty_brief.draft_brief(s, date(2026, 3, 5)),
    EDIT_DUTY: lambda s: duty_log.log(s, {"kind": "来电", "unit": "县应急局", "subject": "询问值班安排"}),
    READ_PERSONNEL: lambda s: secrecy.people(s, "zs"),
    EDIT_PERSONNEL: lambda s: secrecy.add_post(s, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"}),
    READ_SUPERVISION: lambda s: supervision_reports.bulletin(s, date(2026, 3, 31)),
    EDIT_SUPERVISION: lambda s: supervision.create(s, source_type="领导批示件", title="尽快解决城东片区居民饮水问题",
                                                   lead_unit="县水利局", due="20个工作日"),
}


@pytest.mark.parametrize("right", sorted(all_rights()))  # the platform's and every manifest's
@pytest.mark.parametrize("role", list(Role))
def test_every_right_of_every_role(three, clerk, tmp_path, role, right):
    assert right in ACTIONS, f"no test action for {right}"
    if role in three:
        session = three[role]
    else:
        if role != Role.CLERK:
            accounts.grant(three[Role.SECADMIN], "zhangsan", role.value)
            accounts.revoke(three[Role.SECADMIN], "zhangsan", "clerk")
        session = accounts.login("zhangsan", "Zhang@2026abc")
    object.__setattr__(session, "_tmp", tmp_path)
    before = AuditEntry.select().where(AuditEntry.action == "denied").count()
    if role in all_rights()[right]:
        try:
            ACTIONS[right](session)
        except ValidationError:
            pass  # allowed, but the test data may be refused on its merits (e.g. a missing restore file)
        assert AuditEntry.select().where(AuditEntry.action == "denied").count() == before
    else:
        with pytest.raises(PermissionDenied, match="没有权限"):
            ACTIONS[right](session)
        denied = AuditEntry.select().where(AuditEntry.action == "denied").order_by(AuditEntry.id.desc()).first()
        assert denied is not None and denied.id > 0 and denied.actor == session.username
        assert AuditEntry.select().where(AuditEntry.action == "denied").count() == before + 1


def test_logins_and_failures_are_audited(three):
    with pytest.raises(ValidationError):
        accounts.login("ghost", "x")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert (entry.action, entry.actor) == ("login_failed", "ghost")
    assert AuditEntry.select().where(AuditEntry.action == "login").count() == 3
