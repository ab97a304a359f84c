"""`python main.py [--db …] [--user NAME] COMMAND …`: parse, log in, run, and exit 0 / 1 / 2.

0 on success; 1 on a user error or a refused right (message on stderr, nothing written); 2 on bad arguments.
"""

import argparse
import getpass
import logging
import os
import re
import sys
import traceback

from models.core import accounts, clock, db, modules, paths, private, validators
from models.core.errors import SanbanError, ValidationError, file_error
from models.core.manifest import resolve
from models.core.rights import ROLE_LABELS, Role

COMMANDS = ("init", "user", "demo", "import", "export", "backup", "restore", "audit", "holidays", "today")


def _import_kinds() -> dict[str, str]:
    """KIND -> what it reads, from the manifests (no module code is imported for --help)."""
    return {"holidays": "节假日安排（.xlsx/.csv）", **{k: label for k, (_, label) in modules.import_kinds().items()}}


class UsageError(Exception):
    """Bad arguments: exit 2."""


# argparse's own messages are English: the ones a person meets, in Chinese (anything else is shown as it is)
ARGPARSE_WORDS = (
    (r"the following arguments are required: (.+)", r"缺少必须给出的参数：\1"),
    (r"argument (\S+): expected one argument", r"选项 \1 后面要写一个值"),
    (r"argument command: invalid choice: '(.*?)' \(choose from (.+)\)", r"没有「\1」这个命令，可用的命令：\2"),
    (r"argument (\S+): invalid choice: '(.*?)' \(choose from (.+)\)", r"\1 没有「\2」这一项，可选：\3"),
    (r"argument (\S+): invalid \w+ value: '(.*?)'", r"选项 \1 的值「\2」格式不对"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): not allowed with argument (\S+)", r"选项 \1 不能与 \2 同时使用"),
    (r"argument (\S+): ignored explicit argument '(.*?)'", r"选项 \1 不带值，却写了「\2」"),
)


def chinese(message: str) -> str:
    for pattern, words in ARGPARSE_WORDS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, words, message)
    return message


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own wording is English; say it in Chinese and exit 2
        usage = self.format_usage().replace("usage:", "用法：", 1)
        raise UsageError(f"参数有误：{chinese(message)}\n{usage}")


def has_command(argv: list[str]) -> bool:
    added = modules.commands()
    return any(a in COMMANDS or a in added for a in argv)


def build_parser() -> Parser:
    p = Parser(prog=paths.program_name(), description="三办：办文、办会、办事工作台（命令行）")
    p.add_argument("--db", help="数据库文件路径或 postgresql:// 地址（默认：用户数据目录下的 sanban.db）")
    p.add_argument("--user", help="以该用户身份执行（密码取自 SANBAN_PASSWORD，否则提示输入）")
    sub = p.add_subparsers(dest="command", parser_class=Parser)

    s = sub.add_parser("init", help="新建数据库并创建三员账户")
    s.add_argument("--admin", required=True, help="系统管理员用户名")
    s.add_argument("--security", required=True, help="安全保密管理员用户名")
    s.add_argument("--auditor", required=True, help="安全审计员用户名")

    u = sub.add_parser("user", help="账户管理").add_subparsers(dest="action", required=True, parser_class=Parser)
    a = u.add_parser("add", help="新增账户（系统管理员）")
    a.add_argument("name")
    a.add_argument("--name", dest="display_name", required=True, help="姓名")
    a.add_argument("--unit", default="", help="单位或科室")
    u.add_parser("list", help="账户列表")
    u.add_parser("lock", help="停用账户（系统管理员）").add_argument("name")
    for verb, text in (("unlock", "解锁账户"), ("reset-password", "重置密码")):
        v = u.add_parser(verb, help=f"{text}（系统管理员；三员账户须另一名三员用 --witness 见证）")
        v.add_argument("name")
        v.add_argument("--witness",
                       help="见证人（另一名三员）的用户名；其密码取自 SANBAN_WITNESS_PASSWORD，否则提示输入")
    for verb, text in (("grant", "授予角色"), ("revoke", "撤销角色")):
        g = u.add_parser(verb, help=f"{text}（安全保密管理员）")
        g.add_argument("name")
        g.add_argument("role", help="clerk（文书）、duty（值班员）、leader（领导）")
    u.add_parser("passwd", help="修改本人密码")

    d = sub.add_parser("demo", help="生成演示数据（系统管理员）")
    i = sub.add_parser("import", help="导入 Excel 文件")
    i.add_argument("kind", help="导入类型：" + "、".join(f"{k}（{v}）" for k, v in sorted(_import_kinds().items())))
    i.add_argument("file")
    i.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入")
    for command, parser in (("demo", d), ("import", i)):  # the flags modules add to these commands
        for option in modules.cli_options(command):
            if option.type in ("int", "text"):  # an int is read by `_whole_numbers`, like --id and --year
                parser.add_argument(option.flag, default=None, help=option.help)
            else:
                parser.add_argument(option.flag, action="store_true", help=option.help)

    e = sub.add_parser("export", help="导出报表")
    reports = modules.export_reports()
    e.add_argument("report", help="报表：" + "、".join(f"{k}（{v}）" for k, (_, v) in sorted(reports.items())))
    e.add_argument("-o", "--output", required=True)
    # --year and --id are checked by models' validators (digits of any script, a range the database holds), so a
    # mistyped one gets the same Chinese message and exit 1 as any other value a user typed.
    e.add_argument("--year")
    e.add_argument("--month")
    e.add_argument("--date")
    e.add_argument("--id")
    e.add_argument("--name", help="名称（meeting-template：会议类型）")
    for option in modules.cli_options("export"):  # a module's own options (督办's --as-of)
        e.add_argument(option.flag, default=None, help=option.help)

    b = sub.add_parser("backup", help="备份数据库（系统管理员）")
    where = b.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", help="备份到该文件（或该文件夹中）")
    where.add_argument("--scheduled", action="store_true",
                       help="每日自动备份到「系统 → 设置」中的自动备份文件夹，并按保留规则清理旧备份"
                            "（供操作系统计划任务调用，无需 --user）")
    r = sub.add_parser("restore", help="从备份恢复（系统管理员）")
    r.add_argument("file")

    au = sub.add_parser("audit", help="审计日志（安全审计员）").add_subparsers(dest="action", required=True,
                                                                          parser_class=Parser)
    au.add_parser("verify", help="校验哈希链、封存和账户状态")

    h = sub.add_parser("holidays", help="节假日安排").add_subparsers(dest="action", required=True, parser_class=Parser)
    hl = h.add_parser("list", help="列出某年的节假日和调休上班日")
    hl.add_argument("--year", required=True)

    t = sub.add_parser("today", help="今日待办：需要本人处理的事项（与「今日」页相同）")
    t.add_argument("--date", help="看哪一天（默认今天），如 2026-06-10")  # checked by models: a bad one exits 1

    for name, (manifest, text) in modules.commands().items():  # commands a module adds (its `cli` names them)
        resolve(f"{manifest.cli}:add_arguments")(name, sub.add_parser(name, help=text))
    return p


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise ValidationError("password", f"没有提供密码：请设置环境变量 {env}，或在终端中运行以便输入。")
    return getpass.getpass(prompt)


def _new_password(username: str) -> str:
    value = os.environ.get("SANBAN_NEW_PASSWORD")
    if value:
        return value
    first = _secret("SANBAN_NEW_PASSWORD", f"请输入 {username} 的新密码：")
    if getpass.getpass("请再输入一遍：") != first:
        raise ValidationError("password", "两次输入的密码不一致。")
    return first


def _witness(args) -> "accounts.Witness | None":
    """The second 三员 present for a reset or unlock of a 三员 account (DOMAIN §0 三员分立)."""
    if not getattr(args, "witness", None):
        return None
    return accounts.Witness(args.witness, _secret("SANBAN_WITNESS_PASSWORD", f"请见证人 {args.witness} 输入本人密码："))


def _login(args) -> accounts.Session:
    if not args.user:
        raise ValidationError("user", "此命令需要用 --user 指定操作人。")
    session = accounts.login(args.user, _secret("SANBAN_PASSWORD", f"请输入 {args.user} 的密码："))
    is_passwd = args.command == "user" and args.action == "passwd"
    if session.must_change_password and not is_passwd:
        raise ValidationError(
            "password",
            f"您的密码由管理员设置，请先运行「{paths.program_name()} --user 您的用户名 user passwd」修改密码。",
        )
    return session


def cmd_init(args) -> None:
    if accounts.is_initialised():
        raise ValidationError("init", "数据库已经初始化过，三员账户已存在。")
    spec = {Role.SYSADMIN: args.admin, Role.SECADMIN: args.security, Role.AUDITOR: args.auditor}
    env = {Role.SYSADMIN: "SANBAN_ADMIN_PASSWORD", Role.SECADMIN: "SANBAN_SECURITY_PASSWORD",
           Role.AUDITOR: "SANBAN_AUDITOR_PASSWORD"}
    made = {}
    for role, name in spec.items():
        label = ROLE_LABELS[role]
        password = os.environ.get(env[role]) or _secret("SANBAN_PASSWORD", f"请设置{label} {name} 的密码：")
        made[role] = (name, label, password)
    try:
        accounts.init(made)
    except ValidationError as exc:
        if exc.field.endswith(".password") and "相同" in exc.message:  # one SANBAN_PASSWORD for all three
            raise ValidationError(exc.field, exc.message + "命令行中请用 SANBAN_ADMIN_PASSWORD、"
                                  "SANBAN_SECURITY_PASSWORD、SANBAN_AUDITOR_PASSWORD 分别设置三个密码。") from None
        raise
    print(f"数据库已初始化：{db.describe()}")
    for name, label, _ in made.values():
        print(f"  {label}：{name}")


def cmd_user(args) -> None:
    actor = _login(args)
    if args.action == "add":
        accounts.add_user(actor, args.name, args.display_name, _new_password(args.name), args.unit)
        print(f"已新增账户 {args.name}（{args.display_name}）；首次登录须修改密码。")
    elif args.action == "list":
        rows = accounts.list_users(actor)
        print(f"{'用户名':<14}{'姓名':<10}{'角色':<16}{'状态':<12}单位")
        for r in rows:
            roles = "、".join(ROLE_LABELS[x] for x in sorted(r.roles)) or "—"
            print(f"{r.username:<16}{r.display_name:<10}{roles:<16}{r.state:<12}{r.unit}")
    elif args.action == "lock":
        accounts.lock_user(actor, args.name)
        print(f"已停用账户 {args.name}。")
    elif args.action == "unlock":
        accounts.unlock_user(actor, args.name, _witness(args))
        print(f"已解锁账户 {args.name}。")
    elif args.action == "reset-password":
        accounts.reset_password(actor, args.name, _new_password(args.name), _witness(args))
        print(f"已重置 {args.name} 的密码；其下次登录须修改密码。")
    elif args.action in ("grant", "revoke"):
        (accounts.grant if args.action == "grant" else accounts.revoke)(actor, args.name, args.role)
        label = ROLE_LABELS.get(Role(args.role)) if args.role in Role._value2member_map_ else args.role
        print(f"已{'授予' if args.action == 'grant' else '撤销'} {args.name} 的{label}角色。")
    elif args.action == "passwd":
        old = _secret("SANBAN_PASSWORD", "请输入原密码：")
        accounts.change_password(actor, old, _new_password(actor.username))
        print("密码已修改。")


# A module's number flag (e.g. demo --documents) above this is a typing slip, not a wish to wait for days.
MOST_FOR_NUMBER_FLAGS = 1_000_000


def _whole_numbers(args, command: str) -> None:
    """Module flags of type int, read as users type them (any script's digits) and kept within reason."""
    for option in modules.cli_options(command):
        value = getattr(args, option.dest, None)
        if option.type == "int" and value is not None:
            setattr(args, option.dest, validators.parse_whole(
                value, option.dest, option.flag, 0, MOST_FOR_NUMBER_FLAGS, f"{option.flag} 1000"))


def cmd_demo(args) -> None:
    _whole_numbers(args, "demo")
    actor = _login(args)
    from models.core import demo

    flags = {o.dest for o in modules.cli_options("demo")}
    options = {k: v for k, v in vars(args).items() if k in flags and v is not None}
    report = demo.run(actor, options)
    print("已生成演示数据：")
    for line in report.lines:
        print(f"  {line}")


def cmd_import(args) -> None:
    _whole_numbers(args, "import")
    actor = _login(args)
    given = [o for o in modules.cli_options("import") if getattr(args, o.dest, False)]
    for option in given:
        if args.kind not in option.kinds:
            known = _import_kinds()
            which = "、".join(f"{known[k].split('（')[0]}（import {k}）" for k in option.kinds)
            raise ValidationError("kind", f"{option.flag} 只用于导入{which}。")
    kinds = modules.import_kinds()
    if args.kind == "holidays":
        from importers.holidays import import_schedule

        result = import_schedule(actor, args.file, args.dry_run)
        summary, errors = result.summary(), result.errors
    elif args.kind in kinds:
        manifest, _ = kinds[args.kind]
        run = resolve(f"{manifest.cli}:importers")()[args.kind]
        summary, errors = run(actor, args.file, args.dry_run, **{o.dest: getattr(args, o.dest) for o in given})
    else:
        known = "、".join(sorted(_import_kinds()))
        raise ValidationError("kind", f"没有「{args.kind}」这种导入类型。可用：{known}。")
    print(summary if isinstance(summary, str) else "\n".join(summary))
    if errors:
        print(f"发现 {len(errors)} 处错误，未写入任何数据：", file=sys.stderr)
        for line in errors:
            print(f"  {line}", file=sys.stderr)
        raise SystemExit(1)
    if isinstance(summary, str):
        print("（试运行，未写入）" if args.dry_run else "已导入。")


def cmd_export(args) -> None:
    if args.year is not None:
        args.year = validators.parse_year(args.year, "year")
    if args.id is not None:
        args.id = validators.parse_record_id(args.id, "id")
    actor = _login(args)
    reports = modules.export_reports()
    if args.report not in reports:
        known = "、".join(sorted(reports)) or "（暂无）"
        raise ValidationError("report", f"没有名为「{args.report}」的报表。可用：{known}。")
    manifest, _ = reports[args.report]
    written = resolve(f"{manifest.cli}:exports")()[args.report](actor, args)
    print(f"已导出：{written}")


def cmd_backup(args) -> None:
    from models.core import backup

    if args.scheduled:
        # Needs no log-in: it writes only where the 系统管理员 chose, once a day, audited as 系统.
        done = backup.scheduled_backup()
        if not done.made:
            print(f"今天的自动备份已存在：{done.path}。")
            return
        print(f"已自动备份到 {done.path}（{done.size / 1024:.0f} KB），完整性校验通过。")
        if done.removed:
            print(f"按保留规则删除了 {len(done.removed)} 份旧的自动备份：" + "、".join(p.name for p in done.removed))
        return
    result = backup.backup(_login(args), args.output)
    print(f"已备份到 {result.path}（{result.size / 1024:.0f} KB），完整性校验通过。")


def cmd_restore(args) -> None:
    from models.core import backup

    result = backup.restore(_login(args), args.file)
    print(f"已从 {result.restored_from} 恢复。恢复前的数据库另存为 {result.previous_copy}。")


def cmd_audit(args) -> None:
    from models.core import audit

    result = audit.verify(_login(args))
    if not result.ok:
        print(result.message(), file=sys.stderr)
        raise SystemExit(1)
    print(result.message())


def cmd_holidays(args) -> None:
    from models.core import workdays

    args.year = validators.parse_year(args.year, "year")
    _login(args)
    status = workdays.year_status(args.year)
    source = {"package": "内置日历", "entered": "已录入", "missing": "未录入（按周一至周五推算）"}[status.source]
    print(f"{args.year} 年节假日安排：{source}{('，' + status.note) if status.note else ''}")
    for info in workdays.special_days(args.year):
        print(f"  {info.day:%Y-%m-%d} 星期{'一二三四五六日'[info.day.weekday()]}  {info.kind_text}")


def cmd_today(args) -> None:
    from models.core.due import LEVEL_LABELS
    from models.core.marks import highest_secrecy
    from models.core.today import agenda, weekday_text

    day = validators.parse_date(args.date, "date") if args.date is not None else None
    found = agenda(_login(args), day)
    if found.mark:  # as the printed 今日待办: the highest 密级 first, then each classified item's own
        print(found.mark)
    print(f"{weekday_text(found.day)}　{found.summary()}")
    for group in found.groups:
        print(f"\n{group.label}（{len(group.items)} 项）")
        for item in group.items:
            mark = f"【{item.secrecy}】" if highest_secrecy((item.secrecy,)) else ""
            print(f"  [{LEVEL_LABELS[item.level]}] {mark}{item.title}")
            print(f"         {item.why}")


HANDLERS = {
    "init": cmd_init, "user": cmd_user, "demo": cmd_demo, "import": cmd_import, "export": cmd_export,
    "backup": cmd_backup, "restore": cmd_restore, "audit": cmd_audit, "holidays": cmd_holidays,
    "today": cmd_today,
}


def cmd_module(args) -> None:
    """A command a module adds: its `cli` module runs it as the logged-in user."""
    manifest, _ = modules.commands()[args.command]
    resolve(f"{manifest.cli}:run_command")(args, _login(args))


def run(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    told: list[bool] = []

    def waiting() -> None:  # said once per command, however many writes wait
        if not told:
            told.append(True)
            print(db.WAITING_TEXT, file=sys.stderr, flush=True)

    db.on_wait(waiting)
    try:
        db.connect(args.db or paths.default_database_url())
        HANDLERS.get(args.command, cmd_module)(args)
        return 0
    except SystemExit as exc:
        return int(exc.code or 0)
    except SanbanError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`
        return 0
    except OSError as exc:  # a file the user named could not be read or written: their world, not our bug
        print(f"错误：{file_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 1
    except Exception:
        where = _log_crash()
        print(f"程序内部错误，操作未完成。详情已记入 {where}，请交给系统管理员。", file=sys.stderr)
        return 1
    finally:
        db.on_wait(None)
        db.close()


def _log_crash() -> str:
    try:
        folder = private.folder(paths.log_dir(), own=True)
        file = private.write_text(folder / f"crash-{clock.now():%Y%m%d-%H%M%S}.log", traceback.format_exc())
        return str(file)
    except OSError:
        logging.exception("crash")
        return "标准错误输出"
