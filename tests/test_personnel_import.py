"""Importing the 涉密人员花名册: the sample, other column names, and every way a row can be wrong."""

from pathlib import Path

import openpyxl
import pytest

from cli.app import run
from importers import personnel_import
from models.core import audit
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import Role
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records

SAMPLE = Path(__file__).parent / "fixtures" / "涉密人员花名册-示例.xlsx"


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


def sheet(tmp_path, rows, name="花名册.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


HEADER = ("序号", "单位", "姓名", "身份证号", "政治面貌", "涉密岗位", "涉密等级", "上岗时间", "承诺书", "人员性质", "派出单位")


def test_the_sample_imports_when_posts_may_be_created(sec):
    parsed, written = personnel_import.run(sec, SAMPLE, dry_run=True)
    assert written == 0 and len(parsed.errors) == 5
    assert "「综合文稿起草」在系统中不存在" in parsed.report()[0] and "--create-posts" not in parsed.report()[0]
    assert "同意按花名册新建" in parsed.report()[0] and len(parsed.missing_posts) == 5  # the wizard asks
    assert secrecy.Post.select().count() == 0
    parsed, written = personnel_import.run(sec, SAMPLE, create_posts=True)
    assert written == 5 and secrecy.Post.select().count() == 5
    wu = secrecy.Person.get(secrecy.Person.name == "吴丽")
    assert (wu.level, wu.state, wu.gender, f"{wu.on_post_since}") == ("核心", "on_post", "女", "2019-03-11")
    assert [p.name for p in secrecy.current_posts(wu)] == ["机要文件收发"]
    pledge = secrecy_records.Pledge.get(secrecy_records.Pledge.person == wu)
    assert (pledge.kind, f"{pledge.signed_on}") == ("在岗", "2025-01-06")  # years after 上岗: an 在岗 pledge
    wang = secrecy.Person.get(secrecy.Person.name == "王芳")
    assert not secrecy_records.has_pledge(wang, ("上岗", "在岗"))  # the empty 承诺书 cell stays empty
    assert "导入" in secrecy.history(sec, wu.id)[0].text
    entry = AuditEntry.select().where(AuditEntry.action == "personnel_import").get()
    assert "5 人" in entry.summary and audit.labels()["personnel_import"] == "导入涉密人员"  # not 「导入台账」
    # a second import adds nobody twice
    parsed, written = personnel_import.run(sec, SAMPLE, create_posts=True)
    assert written == 0 and len(parsed.skipped) == 5 and "已在涉密人员库中" in parsed.skipped[0][1]


def test_every_bad_row_is_reported_by_excel_row_and_nothing_is_written(sec, tmp_path):
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    path = sheet(tmp_path, [
        ("县委办公室涉密人员名单（2025年）",),
        HEADER,
        (1, "秘书科", "吴丽", "420102198609232147", "中共党员", "机要文件收发", "核心", "2019-03-11", "2025-01-06"),
        (2, "秘书科", "张三", "420102198609232148", "群众", "机要文件收发", "核心", "2019-03-11"),
        (3, "秘书科", "李四", "350203197804121038", "群众", "机要文件收发", "机密", "2019-03-11"),
        (4, "秘书科", "王五", "230103198201053250", "群众", "机要文件收发", "特级", "2019-03-11"),
        (5, "秘书科", "赵六", "610113199307184361", "群众", "文印", "一般", "2019-03-11"),
        (6, "秘书科", "钱七", "500103199003025478", "群众", "机要文件收发", "重要", "2019-03-11"),
        (7, "秘书科", "孙八", "420102198609232147", "群众", "机要文件收发", "核心", "2019-03-11"),
        (8, "秘书科", "周九", "11010519491231002X", "群众", "机要文件收发", "核心", ""),
        (9, "秘书科", "吴十", "440524199003150030", "群众", "机要文件收发", "核心", "2019-03-11", "", "借调"),
        (),
        ("合计：9 人",),
    ])
    parsed, written = personnel_import.run(sec, path)
    assert written == 0 and secrecy.Person.select().count() == 0
    errors = dict(parsed.errors)
    assert parsed.header_row == 2
    assert "校验" in errors[4]
    assert "「机密」是密级" in errors[5]
    assert "「特级」无法识别" in errors[6]
    assert "「文印」在系统中不存在" in errors[7]
    assert "类别写的是重要，而岗位「机要文件收发」是核心岗位" in errors[8]
    assert "与第 3 行重复" in errors[9]
    assert "上岗（确定）时间是空的" in errors[10]
    assert "派出单位" in errors[11]
    assert 3 not in errors and len(parsed.good) == 1
    assert any("合计" in text for _, text in parsed.skipped)


def test_new_posts_must_agree_on_their_level(sec, tmp_path):
    path = sheet(tmp_path, [
        HEADER,
        (1, "信息科", "王芳", "610113199307184361", "群众", "涉密网络运维", "重要", "2021-12-01"),
        (2, "信息科", "冯军", "500103199003025478", "群众", "涉密网络运维", "一般", "2022-05-16"),
    ])
    parsed, _ = personnel_import.run(sec, path, create_posts=True)
    assert "新岗位「信息科·涉密网络运维」在前面的行中定为重要，这一行是一般" in dict(parsed.errors)[3]


def test_a_file_without_the_needed_columns_says_which(sec, tmp_path):
    path = sheet(tmp_path, [("姓名", "身份证号", "电话"), ("吴丽", "420102198609232147", "13800138000")])
    with pytest.raises(ValidationError, match="找不到涉密岗位、涉密等级列"):
        personnel_import.run(sec, path)
    with pytest.raises(ValidationError, match="找不到表头"):
        personnel_import.run(sec, sheet(tmp_path, [("随便",), ("什么",)], "x.xlsx"))


def test_a_clerk_cannot_import_and_is_audited(clerk):
    with pytest.raises(PermissionDenied):
        personnel_import.run(clerk, SAMPLE, dry_run=True)
    assert AuditEntry.select().where((AuditEntry.action == "denied") & (AuditEntry.actor == "zhangsan")).exists()


def test_cli_import_and_exports(three, database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SANBAN_PASSWORD", "Baomi@2026ab")
    base = ["--db", str(database), "--user", "secadmin"]
    assert run([*base, "import", "personnel", str(SAMPLE), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "在系统中不存在" in err and "加 --create-posts 按花名册中的部门和类别新建" in err  # the CLI names its option
    assert run([*base, "import", "personnel", str(SAMPLE), "--create-posts"]) == 0
    assert "已导入涉密人员 5 人" in capsys.readouterr().out
    assert run([*base, "import", "roster", str(SAMPLE), "--create-posts"]) == 1
    assert "只用于导入涉密人员花名册" in capsys.readouterr().err
    for report, name in (("personnel-roster", "r.xlsx"), ("personnel-stats", "s.xlsx"), ("personnel-form", "f.pdf"),
                         ("personnel-form", "f.docx"), ("personnel-history", "h.xlsx")):
        assert run([*base, "export", report, "--id", "2", "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).stat().st_size > 1000
    assert run([*base, "export", "personnel-form", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "需要 --id" in capsys.readouterr().err
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 5
