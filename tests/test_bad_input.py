"""A clumsy user at the command line: every bad target, id, year, date and file gets exit 1, a Chinese message that
names the problem, no crash log, and nothing written (no record, no 期号, no audit entry beyond the log-in).

The cases run in-process through `cli.app.run`; a few run as real processes to show no traceback reaches stderr.
"""

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cli.app import run
from models.core import audit, backup, counters, db
from models.core.rights import Role
from models.duty.brief import DutyBrief
from models.secrecy.people import Person
from tests.conftest import ON_POSTGRES, PASSWORDS, business_user

ROOT = Path(__file__).resolve().parent.parent
BUSINESS_PASSWORD = "Duty@2026abcd"  # what conftest.business_user changes it to
USERS = {"admin": PASSWORDS[Role.SYSADMIN], "secadmin": PASSWORDS[Role.SECADMIN],
         "zhangsan": BUSINESS_PASSWORD, "zhaozhiban": BUSINESS_PASSWORD}
sqlite_only = pytest.mark.sqlite_only


def _workbook(path: Path, rows: list) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _files(folder: Path, database) -> dict[str, str]:
    """The bad files and targets the cases name, as {placeholder: path}."""
    folder.mkdir()
    (folder / "文件夹").mkdir()
    (folder / "空.xlsx").write_bytes(b"")
    # An Excel 97-2003 file keeps its OLE header whatever the extension says.
    (folder / "旧格式.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 1024)
    (folder / "乱码.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300))
    header = ["登记号", "日期", "来文机关", "来文字号", "文件题目", "密级", "份数", "承办科室", "结果"]
    # openpyxl writes a formula without its cached result, as scripts do; Excel or WPS would have stored 2026-03-05.
    _workbook(folder / "公式.xlsx", [header, ["1", "=DATE(2026,3,5)", "市委办公室", "", "关于A的通知", None, 1]])
    _workbook(folder / "身份证数字.xlsx", [
        ("单位", "姓名", "身份证号", "涉密岗位", "涉密等级", "上岗时间"),
        ("秘书科", "吴丽", 420102198609232147, "机要文件收发", "核心", "2019-03-11")])
    _workbook(folder / "份数.xlsx",
              [header, ["1", "2026-03-05", "市委办公室", "", "关于A的通知", None, "99999999999999999999"]])
    _workbook(folder / "文号表情.xlsx",
              [header, ["1", "2026-03-05", "市委办公室", "市委办发〔2026〕3号😀", "关于A的通知"]])
    readonly = folder / "只读"
    readonly.mkdir()
    readonly.chmod(0o555)
    places = {"tmp": str(folder), "db": str(database),
              # root writes through permission bits; sysfs refuses new files even to root
              "readonly": "/sys" if os.geteuid() == 0 else str(readonly)}
    if not ON_POSTGRES:
        places["backup"] = str(_flipped_backup(folder))
    return places


def _flipped_backup(folder: Path) -> Path:
    """A real backup with bytes flipped inside a text value: it passes PRAGMA integrity_check."""
    target = folder / "翻转.db"
    backup.copy_database(db.DB.connection(), target)
    data = bytearray(target.read_bytes())
    at = data.find("初始化数据库".encode())
    assert at > 0
    data[at:at + 4] = b"\xff\xfe\xff\xfe"
    target.write_bytes(bytes(data))
    return target


@pytest.fixture
def office(three, database, tmp_path, monkeypatch, capsys):
    """A database with the 三员, a 文书 and a 值班员; `office.call(user, *argv)` runs the CLI as that user."""
    business_user(three, "zhangsan", "张三", "clerk")
    business_user(three, "zhaozhiban", "赵值班", "duty")
    places = _files(tmp_path / "files", database)

    class Office:
        logs = tmp_path / "home" / "logs"

        @staticmethod
        def call(user: str, *argv: str) -> tuple[int, str, str]:
            monkeypatch.setenv("SANBAN_PASSWORD", USERS[user])
            monkeypatch.setenv("SANBAN_NEW_PASSWORD", "Temp@2026abc")
            args = [a.format(**places) for a in argv]
            code = run(["--db", str(database), "--user", user, *args])
            out, err = capsys.readouterr()
            db.connect(str(database))  # the CLI closed it; the checks below read it
            return code, out, err

        @staticmethod
        def written() -> tuple:
            """What a failed command must leave as it was (log-ins are audited, and happen before the failure)."""
            entries = audit.AuditEntry.select().where(audit.AuditEntry.action.not_in(("login", "login_failed")))
            return (entries.count(), DutyBrief.select().count(), Person.select().count(),
                    sorted(counters.Counter.select(counters.Counter.series, counters.Counter.last).tuples()))

    return Office


E = ("export",)
CASES = [
    # targets
    ("zhangsan", E + ("incoming-ledger", "-o", "{readonly}/台账.xlsx"), "不能在文件夹"),
    ("zhangsan", E + ("incoming-ledger", "-o", "{tmp}/文件夹"), "是一个文件夹"),
    ("zhangsan", E + ("incoming-ledger", "-o", "{tmp}/新文件夹/"), "是一个文件夹"),
    ("zhangsan", E + ("incoming-ledger", "-o", "/dev/null"), "不是普通文件"),
    ("zhangsan", E + ("incoming-ledger", "-o", "{tmp}/没有这个文件夹/台账.xlsx"), "不存在"),
    ("zhangsan", E + ("incoming-ledger", "-o", "{tmp}/台账.txt"), "扩展名应为 .xlsx 或 .pdf"),
    pytest.param("zhangsan", E + ("incoming-ledger", "-o", "{db}-wal"), "正在使用的数据库文件", marks=sqlite_only),
    ("secadmin", E + ("personnel-roster", "-o", "{readonly}/花名册.xlsx"), "不能在文件夹"),
    ("zhaozhiban", E + ("duty-brief", "-o", "{tmp}/没有这个文件夹/要情.pdf"), "不存在"),
    ("zhaozhiban", E + ("duty-brief", "-o", "{tmp}/要情.txt"), "扩展名应为 .pdf 或 .docx"),
    ("zhaozhiban", E + ("duty-brief", "-o", "{readonly}/要情.pdf"), "不能在文件夹"),
    ("zhaozhiban", E + ("duty-brief", "-o", "{tmp}/文件夹"), "是一个文件夹"),
    # ids
    ("zhangsan", E + ("routing-slip", "--id", "99999999999999999999", "-o", "{tmp}/单.docx"), "超出范围"),
    ("zhangsan", E + ("routing-slip", "--id", "-3", "-o", "{tmp}/单.docx"), "超出范围"),
    ("zhangsan", E + ("routing-slip", "--id", "abc", "-o", "{tmp}/单.docx"), "记录号「abc」不是整数"),
    ("zhangsan", E + ("routing-slip", "--id", "0", "-o", "{tmp}/单.docx"), "超出范围"),
    ("zhangsan", E + ("routing-slip", "--id", "٧٧", "-o", "{tmp}/单.docx"), "没有编号为 77 的"),
    ("zhaozhiban", E + ("duty-flash", "--id", "99999999999999999999", "-o", "{tmp}/快报.pdf"), "超出范围"),
    ("secadmin", E + ("personnel-form", "--id", "99999999999999999999", "-o", "{tmp}/表.docx"), "超出范围"),
    # years
    ("zhangsan", E + ("incoming-ledger", "--year", "0", "-o", "{tmp}/台账.xlsx"), "年份 0 超出范围"),
    ("zhangsan", E + ("incoming-ledger", "--year", "99999", "-o", "{tmp}/台账.xlsx"), "年份 99999 超出范围"),
    ("zhangsan", E + ("incoming-ledger", "--year", "-1", "-o", "{tmp}/台账.xlsx"), "年份 -1 超出范围"),
    ("zhangsan", E + ("number-check", "--year", "0", "-o", "{tmp}/检查.xlsx"), "年份 0 超出范围"),
    ("admin", ("holidays", "list", "--year", "99999"), "年份 99999 超出范围"),
    # numbers
    ("admin", ("demo", "--documents", "99999999999999999999"), "--documents 99999999999999999999 超出范围"),
    ("admin", ("demo", "--documents", "-5"), "--documents -5 超出范围"),
    ("admin", ("demo", "--documents", "十"), "--documents「十」不是整数"),
    # dates
    ("zhangsan", E + ("day-check", "--date", "2026-13-01", "-o", "{tmp}/检查.xlsx"), "日期「2026-13-01」不存在"),
    ("zhangsan", E + ("day-check", "--date", "2026-02-30", "-o", "{tmp}/检查.xlsx"), "日期「2026-02-30」不存在"),
    ("zhangsan", E + ("day-check", "--date", "2026年13月1日", "-o", "{tmp}/检查.xlsx"), "日期「2026年13月1日」不存在"),
    ("zhaozhiban", E + ("duty-brief", "--date", "2026-02-30", "-o", "{tmp}/要情.pdf"), "不存在"),
    ("zhaozhiban", E + ("duty-roster", "--month", "2026-13", "-o", "{tmp}/值班表.xlsx"), "月份「2026-13」"),
    # files
    ("zhangsan", ("import", "incoming", "{tmp}/没有.xlsx"), "找不到文件"),
    ("zhangsan", ("import", "incoming", "{tmp}/文件夹"), "是一个文件夹，不是文件"),
    ("zhangsan", ("import", "incoming", "/dev/null"), "不是普通文件"),
    ("zhangsan", ("import", "incoming", "{tmp}/空.xlsx"), "空文件"),
    ("zhangsan", ("import", "incoming", "{tmp}/旧格式.xlsx"), "实际上是旧的 .xls"),
    ("zhangsan", ("import", "incoming", "{tmp}/乱码.xlsx"), "不是 Excel（.xlsx）文件"),
    ("zhangsan", ("import", "incoming", "{tmp}/公式.xlsx"), "B 列是公式「=DATE(2026,3,5)」，但文件里没有保存它的计算"),
    ("zhangsan", ("import", "incoming", "{tmp}/文号表情.xlsx"), "表情或图形符号「😀」"),
    ("zhangsan", ("import", "incoming", "{tmp}/份数.xlsx"), "份数「99999999999999999999」太大了"),
    ("secadmin", ("import", "personnel", "{tmp}/旧格式.xlsx", "--create-posts"), "实际上是旧的 .xls"),
    ("secadmin", ("import", "personnel", "{tmp}/身份证数字.xlsx", "--create-posts"), "身份号码被存成了数字"),
    ("zhaozhiban", ("import", "roster", "{tmp}/文件夹"), "是一个文件夹，不是文件"),
    ("admin", ("import", "holidays", "{tmp}/空.xlsx"), "空文件"),
    pytest.param("admin", ("restore", "{backup}"), "无法识别的文字", marks=sqlite_only),
    pytest.param("admin", ("restore", "{tmp}/空.xlsx"), "不是三办的备份文件", marks=sqlite_only),
    # names
    ("admin", ("user", "add", "ADMIN", "--name", "甲"), "与已有账户「admin」只差大小写或形近字母"),
    ("admin", ("user", "add", "adm\u0456n", "--name", "乙"), "与已有账户「admin」只差大小写或形近字母"),
    ("admin", ("user", "add", "ａｄｍｉｎ", "--name", "丙"), "与已有账户「admin」"),
    ("admin", ("user", "add", "lisi", "--name", "李四😀"), "表情或图形符号「😀」"),
    ("admin", ("user", "add", "lisi", "--name", "李\u200b四"), "控制字符或不可见字符（U+200B）"),
]


def _case_id(case) -> str:
    values = case.values if hasattr(case, "values") else case
    return " ".join(values[1])[:60]


@pytest.mark.parametrize(("user", "argv", "message"), CASES, ids=[_case_id(c) for c in CASES])
def test_bad_input_exits_1_with_a_message_and_writes_nothing(office, user, argv, message):
    before = office.written()
    code, _, err = office.call(user, *argv)
    assert code == 1, err
    assert err.startswith(("错误：", "发现")) and message in err, err
    assert "Traceback" not in err and "程序内部错误" not in err
    assert not office.logs.exists() or not any(office.logs.iterdir())
    assert office.written() == before


def test_a_failed_duty_brief_takes_no_number_and_a_good_one_does(office):
    """The 期号 is taken only when the sheet is written (the issue: 3 of 3 failed exports took one)."""
    before = office.written()
    assert office.call("zhaozhiban", "export", "duty-brief", "-o", "{tmp}/要情.txt")[0] == 1
    assert office.written() == before
    code, out, err = office.call("zhaozhiban", "export", "duty-brief", "-o", "{tmp}/要情.pdf")
    assert code == 0, err
    assert DutyBrief.select().count() == before[1] + 1


def test_digits_of_any_script_are_one_person(office, tmp_path):
    """A 身份证号 typed in Arabic-Indic digits is the same person as in ASCII digits: the second import adds none."""
    arabic = "420102198609232147".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    header = ("单位", "姓名", "身份证号", "涉密岗位", "涉密等级", "上岗时间")
    first = _workbook(tmp_path / "一.xlsx", [header, ("秘书科", "吴丽", arabic, "机要文件收发", "核心", "2019-03-11")])
    second = _workbook(tmp_path / "二.xlsx", [header, ("秘书科", "吴丽", "420102198609232147", "机要文件收发", "核心",
                                                      "2019-03-11")])
    assert office.call("secadmin", "import", "personnel", str(first), "--create-posts")[0] == 0
    code, out, _ = office.call("secadmin", "import", "personnel", str(second), "--create-posts")
    assert code == 0 and "已在涉密人员库中" in out
    assert [p.id_number for p in Person.select()] == ["420102198609232147"]


@pytest.mark.parametrize("argv", [
    ("export", "routing-slip", "--id", "99999999999999999999", "-o", "{tmp}/单.docx"),
    ("export", "incoming-ledger", "-o", "{tmp}/文件夹"),
    ("import", "incoming", "{tmp}/旧格式.xlsx"),
])
def test_no_traceback_reaches_a_real_terminal(office, tmp_path, argv):
    places = {"tmp": str(tmp_path / "files")}
    env = {**os.environ, "SANBAN_PASSWORD": BUSINESS_PASSWORD, "SANBAN_HOME": str(tmp_path / "home")}
    database = str(db.sqlite_path()) if db.is_sqlite() else _url()
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", database, "--user", "zhangsan",
         *[a.format(**places) for a in argv]],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr
    assert not office.logs.exists() or not any(office.logs.iterdir())


def _url() -> str:
    params = db.DB.obj.connect_params
    return f"postgresql://{params.get('user')}@{params.get('host')}:{params.get('port')}/{db.DB.obj.database}"
