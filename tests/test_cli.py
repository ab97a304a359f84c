"""The command line, run in-process as `python main.py …` would (and once as a real process)."""

import subprocess
import sys
from pathlib import Path

import pytest

from cli.app import run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    path = str(tmp_path / "cli.db")

    def call(*args, user=None, password=None, new_password=None):
        monkeypatch.delenv("SANBAN_PASSWORD", raising=False)
        monkeypatch.delenv("SANBAN_NEW_PASSWORD", raising=False)
        if password:
            monkeypatch.setenv("SANBAN_PASSWORD", password)
        if new_password:
            monkeypatch.setenv("SANBAN_NEW_PASSWORD", new_password)
        argv = ["--db", path] + (["--user", user] if user else []) + list(args)
        code = run(argv)
        out, err = capsys.readouterr()
        return code, out, err

    monkeypatch.setenv("SANBAN_SECURITY_PASSWORD", PW_SEC)
    monkeypatch.setenv("SANBAN_AUDITOR_PASSWORD", PW_AUD)
    code, out, err = call("init", "--admin", "admin", "--security", "secadmin", "--auditor", "auditor",
                          password="Sanban@2026ab")
    monkeypatch.delenv("SANBAN_SECURITY_PASSWORD")
    monkeypatch.delenv("SANBAN_AUDITOR_PASSWORD")
    assert code == 0, err
    return call


PW = "Sanban@2026ab"
PW_SEC, PW_AUD = "Baomi@2026ab", "Shenji@2026ab"  # 三员分立: three people, three passwords


def test_the_story_of_issue_two(cli):
    assert cli("user", "add", "zhangsan", "--name", "张三", user="admin", password=PW,
               new_password="Temp@2026abc")[0] == 0
    assert cli("user", "grant", "zhangsan", "clerk", user="secadmin", password=PW_SEC)[0] == 0
    code, out, _ = cli("user", "list", user="auditor", password=PW_AUD)
    assert code == 0 and "张三" in out and "文书" in out and "待改密码" in out
    code, out, _ = cli("audit", "verify", user="auditor", password=PW_AUD)
    assert code == 0 and "审计日志完整" in out


def test_refused_rights_exit_1_with_a_message(cli):
    code, out, err = cli("user", "grant", "auditor", "clerk", user="admin", password=PW)
    assert code == 1 and "没有权限" in err and "Traceback" not in err
    code, _, err = cli("audit", "verify", user="admin", password=PW)
    assert code == 1 and "安全审计员" in err


def test_bad_arguments_exit_2(cli):
    code, _, err = cli("user")
    assert code == 2 and "参数有误" in err
    code, _, err = cli("user", "add", "x", user="admin", password=PW)
    assert code == 2


@pytest.mark.parametrize(("argv", "said"), [
    (("export",), "缺少必须给出的参数：report, -o/--output"),
    (("today", "--date"), "选项 --date 后面要写一个值"),
    (("frob",), "没有「frob」这个命令，可用的命令："),
    (("holidays", "list", "--year", "2026", "--bogus"), "无法识别的参数：--bogus"),
])
def test_argument_errors_are_said_in_chinese(cli, argv, said):
    code, _, err = cli(*argv)
    assert code == 2 and said in err and "用法：" in err
    assert not any(word in err for word in ("required", "expected", "invalid choice", "unrecognized", "usage:"))


def test_an_admin_set_password_allows_only_passwd(cli):
    cli("user", "add", "zhangsan", "--name", "张三", user="admin", password=PW, new_password="Temp@2026abc")
    code, _, err = cli("holidays", "list", "--year", "2026", user="zhangsan", password="Temp@2026abc")
    assert code == 1 and "user passwd" in err
    code, out, err = cli("user", "passwd", user="zhangsan", password="Temp@2026abc", new_password="Zhang@2026abc")
    assert code == 0, err
    assert cli("holidays", "list", "--year", "2026", user="zhangsan", password="Zhang@2026abc")[0] == 0


def test_lock_unlock_reset(cli):
    cli("user", "add", "zhangsan", "--name", "张三", user="admin", password=PW, new_password="Temp@2026abc")
    assert cli("user", "lock", "zhangsan", user="admin", password=PW)[0] == 0
    code, _, err = cli("user", "passwd", user="zhangsan", password="Temp@2026abc", new_password="Zhang@2026abc")
    assert code == 1 and "停用" in err
    assert cli("user", "unlock", "zhangsan", user="admin", password=PW)[0] == 0
    assert cli("user", "reset-password", "zhangsan", user="admin", password=PW, new_password="Again@2026abc")[0] == 0
    assert cli("user", "passwd", user="zhangsan", password="Again@2026abc", new_password="Zhang@2026abc")[0] == 0


def test_missing_password_without_a_terminal_is_a_user_error(cli, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = cli("user", "list", user="admin")
    assert code == 1 and "SANBAN_PASSWORD" in err


def test_backup_restore_and_demo(cli, tmp_path):
    assert cli("demo", user="admin", password=PW)[0] == 0
    code, out, _ = cli("backup", "-o", str(tmp_path / "b.db"), user="admin", password=PW)
    assert code == 0 and "完整性校验通过" in out
    code, _, err = cli("restore", str(tmp_path / "nothing.db"), user="admin", password=PW)
    assert code == 1 and "找不到文件" in err
    assert cli("restore", str(tmp_path / "b.db"), user="admin", password=PW)[0] == 0
    assert cli("demo", user="admin", password=PW)[0] == 1  # only on a fresh database


def test_import_holidays_with_dry_run_and_errors(cli, tmp_path):
    good = tmp_path / "2027.csv"
    good.write_text("日期,安排,名称\n2027-01-01,放假,元旦\n", encoding="utf-8")
    code, out, _ = cli("import", "holidays", str(good), "--dry-run", user="admin", password=PW)
    assert code == 0 and "试运行" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("2027-01-01,放假,元旦\n2027-01-32,放假,x\n", encoding="utf-8")
    code, _, err = cli("import", "holidays", str(bad), user="admin", password=PW)
    assert code == 1 and "第 2 行" in err and "未写入" in err
    code, out, _ = cli("import", "holidays", str(good), user="admin", password=PW)
    assert code == 0
    code, out, _ = cli("holidays", "list", "--year", "2027", user="admin", password=PW)
    assert "已录入" in out and "2027-01-01" in out


def test_unknown_import_or_export_kind(cli, tmp_path):
    code, _, err = cli("import", "nothing", str(tmp_path / "x.xlsx"), user="admin", password=PW)
    assert code == 1 and "没有「nothing」这种导入类型" in err
    code, _, err = cli("export", "nothing", "-o", str(tmp_path / "x.xlsx"), user="admin", password=PW)
    assert code == 1 and "没有名为「nothing」的报表" in err


def test_a_newer_database_gives_a_message_not_a_traceback(tmp_path):
    import sqlite3

    path = tmp_path / "new.db"
    env = {"SANBAN_PASSWORD": PW, "SANBAN_SECURITY_PASSWORD": PW_SEC, "SANBAN_AUDITOR_PASSWORD": PW_AUD,
           "PATH": "/usr/bin:/bin", "SANBAN_HOME": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "init", "--admin", "a1",
                           "--security", "s1", "--auditor", "u1"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_info SET version = 99")
    conn.commit()
    conn.close()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(path), "--user", "a1", "user", "list"],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "较新版本" in done.stderr and "Traceback" not in done.stderr


def test_a_three_account_is_reset_only_with_a_second_three_present(cli, monkeypatch):
    """The 系统管理员 cannot take over the 安全保密管理员 (三员分立): alone he is refused, exit 1, nothing written."""
    code, _, err = cli("user", "reset-password", "secadmin", user="admin", password=PW, new_password="Taken@2026ab")
    assert code == 1 and "见证" in err
    assert cli("user", "list", user="secadmin", password=PW_SEC)[0] == 0  # the 安全保密管理员's password is unchanged
    monkeypatch.setenv("SANBAN_WITNESS_PASSWORD", "wrong")
    code, _, err = cli("user", "reset-password", "secadmin", "--witness", "auditor", user="admin", password=PW,
                       new_password="Taken@2026ab")
    assert code == 1 and "密码不正确" in err
    monkeypatch.setenv("SANBAN_WITNESS_PASSWORD", PW_AUD)
    code, out, err = cli("user", "reset-password", "secadmin", "--witness", "auditor", user="admin", password=PW,
                         new_password="Given@2026ab")
    assert code == 0, err
    code, _, err = cli("user", "list", user="secadmin", password="Given@2026ab")
    assert code == 1 and "请先" in err  # a password set by another must be changed before anything else


@pytest.mark.sqlite_only  # plants a hash in the SQLite file
def test_audit_verify_shows_the_last_seal_and_names_a_planted_hash(cli, tmp_path):
    import sqlite3

    from models.core import passwords

    code, out, _ = cli("audit", "verify", user="auditor", password=PW_AUD)
    assert code == 0 and "上次封存：2026-06-10 10:00" in out and "核验相符" in out
    assert cli("backup", "-o", str(tmp_path / "copy.db"), user="admin", password=PW)[0] == 0
    for name in ("cli.db", "copy.db"):
        conn = sqlite3.connect(tmp_path / name)
        conn.execute("UPDATE user SET password_hash = ? WHERE username = 'secadmin'",
                     (passwords.hash_password("Attacker@2026"),))
        conn.commit()
        conn.close()
    code, out, err = cli("audit", "verify", user="auditor", password=PW_AUD)
    assert code == 1 and "账户「secadmin」的密码与审计记录不符" in err
    code, _, err = cli("restore", str(tmp_path / "copy.db"), user="admin", password=PW)
    assert code == 1 and "不能用来恢复" in err and "secadmin" in err and "Traceback" not in err


def test_init_refuses_one_password_for_all_three_and_names_the_variables(tmp_path, monkeypatch, capsys):
    for name in ("SANBAN_ADMIN_PASSWORD", "SANBAN_SECURITY_PASSWORD", "SANBAN_AUDITOR_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SANBAN_PASSWORD", PW)
    code = run(["--db", str(tmp_path / "one.db"), "init", "--admin", "a1", "--security", "s1", "--auditor", "u1"])
    err = capsys.readouterr().err
    assert code == 1 and "密码相同" in err and "SANBAN_SECURITY_PASSWORD" in err
    monkeypatch.setenv("SANBAN_SECURITY_PASSWORD", PW_SEC)
    monkeypatch.setenv("SANBAN_AUDITOR_PASSWORD", PW_AUD)
    assert run(["--db", str(tmp_path / "one.db"), "init", "--admin", "a1", "--security", "s1", "--auditor", "u1"]) == 0
