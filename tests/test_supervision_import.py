"""Importing a 人大代表建议 交办清单 and a 督办台账 as offices keep them: title rows, merged title, 建议号, 领衔代表,
主办/协办单位, dates in every form, a 合计 row; every bad row by its Excel row number; all-or-nothing; nothing
doubled on a second import; `--dry-run`; and the CLI's `import supervision … --source`."""

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from cli.app import run as cli_run
from importers import supervision_import
from models.core import audit
from models.core.errors import PermissionDenied, ValidationError
from models.supervision.items import SupervisionEvent, SupervisionItem
from tests.conftest import business_user

HEADER = ["序号", "建议号", "建议标题", "领衔代表", "主办单位", "协办单位", "交办日期", "答复时限", "备注"]
PROPOSALS = [
    [1, "建001", "关于加强农村公路养护管理的建议", "张建国", "县交通运输局", "县财政局", "2026年3月16日", None, None],
    [2, "建002", "关于增设城区公办幼儿园学位的建议", "李秀英", "县教育局", "县住房城乡建设局、县自然资源局",
     datetime(2026, 3, 16), "2026.6.16", None],
    [3, "建003", "关于完善基层医疗机构药品配备的建议", "王志强", "县卫生健康局", None, "2026/3/16", "6个月",
     "涉及面广，延长办理期限"],
    [4, "建004", "关于解决农村饮水安全问题的建议", "刘海燕", "县水利局", "县农业农村局", None, "3个月", None],
]


def workbook(path, rows, title=("2026年县人大代表建议交办清单", "（2026年3月16日交办）"), header=HEADER, total=True):
    """A 交办清单 as an office types it: merged title rows, the header, the rows, a blank row and a 合计 row."""
    book = Workbook()
    sheet = book.active
    for n, text in enumerate(title, 1):
        sheet.cell(n, 1, text)
        sheet.merge_cells(start_row=n, start_column=1, end_row=n, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if total:
        sheet.append([])
        sheet.append(["合计", f"共{len(rows)}件"])
    book.save(path)
    return path


@pytest.fixture
def sample(tmp_path):
    return workbook(tmp_path / "2026年人大代表建议交办清单.xlsx", PROPOSALS)


def test_a_deputies_list_is_imported_with_numbers_dates_and_default_deadline(clerk, sample):
    parsed, written = supervision_import.run(clerk, sample)
    assert (parsed.header_row, parsed.source, parsed.assigned_on, written) == (3, "人大代表建议", date(2026, 3, 16), 4)
    assert parsed.skipped == [(9, "合计/小计行，已跳过")]
    got = list(SupervisionItem.select().order_by(SupervisionItem.serial))
    assert [(i.number, i.source_no, i.delegate, i.lead_unit, i.due_date, i.status) for i in got] == [
        ("督〔2026〕1号", "建001", "张建国", "县交通运输局", date(2026, 6, 16), "assigned"),
        ("督〔2026〕2号", "建002", "李秀英", "县教育局", date(2026, 6, 16), "assigned"),
        ("督〔2026〕3号", "建003", "王志强", "县卫生健康局", date(2026, 9, 16), "assigned"),
        ("督〔2026〕4号", "建004", "刘海燕", "县水利局", date(2026, 6, 16), "assigned"),
    ]
    assert got[1].co_units == "县住房城乡建设局、县自然资源局" and got[2].remarks == "涉及面广，延长办理期限"
    assert SupervisionEvent.select().where(SupervisionEvent.action == "import").count() == 4
    entry = audit.AuditEntry.select().where(audit.AuditEntry.action == "import").get()
    assert "导入督办事项 4 件（督〔2026〕1号至督〔2026〕4号）" in entry.summary


def test_importing_the_same_list_twice_adds_nothing(clerk, sample):
    supervision_import.run(clerk, sample)
    parsed, written = supervision_import.run(clerk, sample)
    assert written == 0 and parsed.errors == []
    assert parsed.skipped[:2] == [(4, "人大代表建议「建001」已立项为督〔2026〕1号，未重复导入"),
                                  (5, "人大代表建议「建002」已立项为督〔2026〕2号，未重复导入")]
    assert SupervisionItem.select().count() == 4


def test_every_bad_row_is_reported_by_its_row_and_nothing_is_written(clerk, tmp_path):
    rows = [
        [1, "建001", "关于加强农村公路养护管理的建议", "张建国", "县交通运输局", None, "2026-02-30", None, None],
        [2, "建002", "关于增设幼儿园学位的建议", "李秀英", None, None, "2026-03-16", None, None],
        [3, "建003", "关于药品配备的建议", "王志强", "县卫生健康局", None, "2026-03-16", "2026-12-31", None],
        [4, "建004", "关于饮水安全的建议", "刘海燕", "县水利局", None, "2026-03-16", None, None],
        [5, "建004", "关于饮水安全问题的再建议", "陈德明", "县水利局", None, "2026-03-16", None, None],
        [6, "建006", "关于古村落保护的建议", "杨丽华", "县文旅局", None, "2026-07-01", None, None],
        [7, None, "关于家庭农场扶持的建议", "赵永红", "县农业农村局", None, "2026-03-16", None, None],
        [8, "建008", "关于老旧管网改造的建议", "黄文斌", "县住建局", None, "2026-03-16", "下个月", None],
    ]
    path = workbook(tmp_path / "清单.xlsx", rows, title=("2026年县人大代表建议交办清单",))
    parsed, written = supervision_import.run(clerk, path)
    assert written == 0 and SupervisionItem.select().count() == 0
    assert parsed.report() == [
        "第 3 行：「交办日期」日期「2026-02-30」不存在（月份或日数不对），请核对。",
        "第 4 行：主办单位（牵头单位）是空的，请补上。",
        "第 5 行：人大代表建议应自交办之日起6个月内答复（2026-03-16 交办，最迟 2026-09-16），"
        "您填的办结时限是 2026-12-31。",
        "第 7 行：人大代表建议「建004」与第 6 行重复，请删除其中一行。",
        "第 8 行：交办日期不能晚于今天（2026-06-10）。",
        "第 9 行：人大代表建议没有建议号，请补上。",
        "第 10 行：办结时限「下个月」无法识别，请写成日期（如 2026-06-30），或「20个工作日」「30天」「3个月」。",
    ]


def test_a_supervision_ledger_names_each_rows_source_and_may_hold_closed_items(clerk, tmp_path):
    header = ["编号", "事项来源", "督办事项", "批示领导", "牵头单位", "责任人", "交办时间", "办结时限", "办理情况",
              "办结日期"]
    rows = [
        ["1", "批示件", "尽快解决城东片区居民饮水问题", "周县长", "县水利局", "李局长", "2026.4.1", "20个工作日",
         "已完成管网铺设", "2026年4月28日"],
        ["2", "会议议定", "制定停车场建设三年行动方案", None, "县住建局", None, 46113, "2026-07-31", "方案初稿已形成",
         None],
        ["3", "群众来信", "某事", None, "县信访局", None, "2026-05-06", "30天", None, None],
    ]
    path = workbook(tmp_path / "2026年督查台账.xlsx", rows, title=("县委办公室2026年督查督办台账",), header=header,
                    total=False)
    parsed, written = supervision_import.run(clerk, path)
    assert parsed.report() == ["第 5 行：来源类型「群众来信」无法识别，应为：领导批示件、会议议定事项、人大代表建议、"
                               "政协提案、上级部署、文件要求、其他。"]
    path = workbook(tmp_path / "2026年督查台账.xlsx", rows[:2], title=("县委办公室2026年督查督办台账",), header=header,
                    total=False)
    parsed, written = supervision_import.run(clerk, path)
    assert written == 2
    first, second = SupervisionItem.select().order_by(SupervisionItem.id)
    assert (first.source_type, first.status, first.closed_on, first.report, first.due_date) == (
        "领导批示件", "closed", date(2026, 4, 28), "已完成管网铺设", date(2026, 4, 30))  # 4–6 Apr 清明
    assert (second.source_type, second.status, second.assigned_on) == ("会议议定事项", "assigned", date(2026, 4, 1))
    assert second.remarks == "原台账办理情况：方案初稿已形成"


def test_the_source_may_be_given_for_a_list_that_does_not_say(clerk, tmp_path):
    header = ["序号", "案号", "案由", "提案人", "主办单位", "交办日期"]
    rows = [[1, "第15号", "关于推进县域医共体建设的提案", "陈委员", "县卫生健康局", "2026-03-20"]]
    path = workbook(tmp_path / "交办清单.xlsx", rows, title=("交办清单",), header=header)
    parsed, _ = supervision_import.run(clerk, path, dry_run=True)
    assert parsed.report() == ["第 3 行：来源类型未填写：请在「来源」列填写，或导入时指定来源类型"
                               "（命令行 --source 人大建议|政协提案|批示件|会议议定|上级部署|其他）。"]
    parsed, written = supervision_import.run(clerk, path, source="政协提案")
    assert written == 1 and SupervisionItem.get().due_date == date(2026, 6, 20)


def test_a_dry_run_reports_and_writes_nothing_and_a_leader_may_not_import(clerk, three, sample):
    parsed, written = supervision_import.run(clerk, sample, dry_run=True)
    assert (len(parsed.good), written, SupervisionItem.select().count()) == (4, 0, 0)
    leader = business_user(three, "zhouzhuren", "周主任", "leader")
    with pytest.raises(PermissionDenied):
        supervision_import.run(leader, sample)


def test_a_file_without_the_needed_columns_is_refused_in_words(clerk, tmp_path):
    path = workbook(tmp_path / "x.xlsx", [[1, "关于某事的建议", "张三"]], header=["序号", "建议标题", "领衔代表"])
    with pytest.raises(ValidationError, match="找不到「主办单位」列"):
        supervision_import.run(clerk, path)


def test_the_command_line_imports_with_a_source_and_a_dry_run(clerk, database, tmp_path, monkeypatch, capsys):
    header = ["序号", "提案号", "提案标题", "提案人", "主办单位", "交办日期"]
    path = workbook(tmp_path / "提案.xlsx", [[1, "提001", "关于优化营商环境的提案", "陈委员", "县发展改革局",
                                              "2026-03-20"]], title=("政协提案交办清单",), header=header)
    monkeypatch.setenv("SANBAN_PASSWORD", "Zhang@2026abc")
    base = ["--db", str(database), "--user", "zhangsan", "import", "supervision", str(path)]
    assert cli_run(base + ["--source", "政协提案", "--dry-run"]) == 0
    assert "试导入（--dry-run）：未写入任何数据" in capsys.readouterr().out
    assert SupervisionItem.select().count() == 0
    assert cli_run(base + ["--source", "人大建议"]) == 0
    assert SupervisionItem.get().source_type == "人大代表建议"
    assert cli_run(base + ["--source", "群众来信"]) == 1
    assert "来源类型「群众来信」无法识别" in capsys.readouterr().err
    assert cli_run(["--db", str(database), "--user", "zhangsan", "import", "incoming", str(path), "--source",
                    "政协提案"]) == 1
    assert "--source 只用于导入" in capsys.readouterr().err


def test_a_list_that_calls_the_title_column_建议题目_is_read(clerk, tmp_path):
    header = [("建议题目" if h == "建议标题" else h) for h in HEADER]
    parsed, written = supervision_import.run(clerk, workbook(tmp_path / "清单.xlsx", PROPOSALS, header=header))
    assert written == 4 and SupervisionItem.get(SupervisionItem.source_no == "建001").title == PROPOSALS[0][2]


def test_a_signature_line_under_the_list_is_skipped_not_refused(clerk, tmp_path):
    path = workbook(tmp_path / "清单.xlsx", PROPOSALS)
    book = load_workbook(path)
    book.active.append(["填表人：县政府办公室督查科"])
    book.save(path)
    parsed, written = supervision_import.run(clerk, path)
    assert written == 4 and parsed.skipped[-1] == (10, "表尾说明行，已跳过")
