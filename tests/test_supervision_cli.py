"""The `supervision` command runs an item from 立项 to 归档 as a script would: each step prints what it did and the
id last; a refused step exits 1 in Chinese with nothing written; bad arguments exit 2."""

from datetime import date

import pytest

from cli.app import has_command
from cli.app import run as cli_run
from models.supervision.items import SupervisionExtension, SupervisionItem, SupervisionSlip, SupervisionUrge
from tests.conftest import business_user


@pytest.fixture
def as_clerk(clerk, database, monkeypatch, capsys):
    monkeypatch.setenv("SANBAN_PASSWORD", "Zhang@2026abc")

    def run(*args, user="zhangsan"):
        code = cli_run(["--db", str(database), "--user", user, "supervision", *args])
        out = capsys.readouterr()
        return code, out.out.strip().splitlines(), out.err
    return run


def test_a_deputys_proposal_from_registration_to_archive(as_clerk):
    code, out, _ = as_clerk("new", "--source", "人大建议", "--title", "关于加强农村公路养护管理的建议", "--unit",
                            "县交通运输局", "--number", "建001", "--delegate", "张建国", "--assign",
                            "--stage", "制定方案=2026-07-10")
    assert code == 0 and out == ["已立项 督〔2026〕1号（已交办），办结时限 2026-09-10", "1"]
    steps = [
        (["feedback", "--id", "1", "--content", "已制定养护方案", "--percent", "40"],
         "进展反馈已登记：督办 督〔2026〕1号，当前状态「办理中」"),
        (["extend", "--id", "1", "--to", "2026-10-30", "--reason", "涉及资金安排"],
         "已申请延期：督办 督〔2026〕1号，当前状态「申请延期」，办结时限 2026-09-10"),
        (["approve-extension", "--id", "1", "--opinion", "同意"],
         "已批准延期：督办 督〔2026〕1号，当前状态「办理中」，办结时限 2026-10-30"),
        (["report", "--id", "1", "--text", "已答复代表", "--answer", "A"],
         "已报送办结报告：督办 督〔2026〕1号，当前状态「已反馈」"),
        (["close", "--id", "1", "--satisfaction", "满意"], "已审核通过、办结：督办 督〔2026〕1号，当前状态「已办结」"),
        (["archive", "--id", "1", "--archive-no", "DC-2026-001"], "已归档：督办 督〔2026〕1号，当前状态「已归档」"),
    ]
    for args, said in steps:
        code, out, err = as_clerk(*args)
        assert (code, out, err) == (0, [said, "1"], "")
    item = SupervisionItem.get()
    assert (item.due_original, item.due_date, item.satisfaction, item.archive_no) == (
        date(2026, 9, 10), date(2026, 10, 30), "满意", "DC-2026-001")
    assert SupervisionExtension.get().old_due == date(2026, 9, 10)
    code, out, _ = as_clerk("show", "--id", "1")
    assert "办结时限：2026-10-30，原时限 2026-09-10" in out and "阶段时限：2026-07-10 制定方案" in out


def test_urging_and_slips_in_batch_and_the_bulletin(as_clerk):
    for title, start, due in (("事项甲", "2026-05-20", "2026-06-05"), ("事项乙", "2026-06-08", "2026-06-12")):
        as_clerk("new", "--source", "批示件", "--title", title, "--unit", "县财政局", "--due", due,
                 "--assigned-on", start, "--assign")
    code, out, _ = as_clerk("urge", "--id", "1", "2", "--method", "电话", "--request", "请报进展")
    assert code == 0 and out == ["已电话催办县财政局（督办事项 1）", "已电话催办县财政局（督办事项 2）", "1 2"]
    code, out, _ = as_clerk("slip", "--id", "1", "2", "--signer", "周主任")
    assert out[:2] == ["已签发红色督办单 督办单〔2026〕1号，限期 2026-06-15（督办事项 1）",
                       "已签发蓝色督办单 督办单〔2026〕2号，限期 2026-06-12（督办事项 2）"]
    assert (SupervisionUrge.select().count(), SupervisionSlip.select().count()) == (2, 2)
    code, out, _ = as_clerk("bulletin", "--as-of", "2026-06-10")
    assert out[2] == "县财政局\t2\t1\t0\t0\t1\t0.0%" and out[3] == "合计\t2\t1\t0\t0\t1\t0.0%"
    assert out[5].startswith("  县财政局：督〔2026〕1号 事项甲，时限 2026-06-05，已逾期3个工作日")


def test_a_refused_step_exits_1_in_chinese_and_writes_nothing(as_clerk, three, monkeypatch):
    as_clerk("new", "--source", "批示件", "--title", "事项", "--unit", "县财政局", "--due", "30天")
    code, out, err = as_clerk("close", "--id", "1")
    assert code == 1 and "督〔2026〕1号当前为「立项」，不能审核通过（办结）。请先交办牵头单位。" in err
    code, _, err = as_clerk("feedback", "--id", "1", "--content", "x", "--percent", "150")
    assert code == 1 and "请先交办牵头单位" in err
    code, _, err = as_clerk("new", "--source", "批示件", "--title", "事项", "--unit", "县财政局", "--due", "下周")
    assert code == 1 and "办结时限「下周」无法识别" in err
    code, _, err = as_clerk("show", "--id", "99")
    assert code == 1 and "没有编号为 99 的督办事项" in err
    business_user(three, "zhouzhuren", "周主任", "leader")
    monkeypatch.setenv("SANBAN_PASSWORD", "Duty@2026abcd")
    code, _, err = as_clerk("assign", "--id", "1", user="zhouzhuren")
    assert code == 1 and "只能由文书进行" in err
    assert SupervisionItem.get().status == "registered"


def test_bad_arguments_exit_2_and_the_command_is_known_to_main(as_clerk):
    assert as_clerk("feedback", "--id", "1")[0] == 2  # --content and --percent missing
    assert as_clerk("fly")[0] == 2
    assert has_command(["supervision", "new"]) and not has_command(["supervise"])
