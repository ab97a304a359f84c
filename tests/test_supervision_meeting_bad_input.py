"""The bad-input sweep of 督办, 会议 and 今日 at the command line (the style of test_bad_input): every bad field, id,
date, 时限 and file gets exit 1 (2 for usage errors), a Chinese message naming the problem, no crash log, and
nothing written — no 督办 or meeting row, no number taken, no audit entry beyond the log-in."""

import shutil

import openpyxl
import pytest

from models.core import audit, counters
from models.core.rights import Role
from models.documents import incoming
from models.meetings import meetings
from models.meetings.tables import models as meeting_tables
from models.supervision.tables import models as supervision_tables
from tests.conftest import PASSWORDS, business_user
from tests.supervision_helpers import make
from tests.test_bad_input import BUSINESS_PASSWORD, USERS, office  # noqa: F401  (the fixture)


def _book(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


SV_HEAD = ["序号", "督办事项", "牵头单位", "交办日期", "办结时限"]
ATT_HEAD = ["姓名", "职务", "单位", "排序", "座区"]
DEC_HEAD = ["事项", "牵头单位", "配合单位", "时限"]
TPL_HEAD = ["阶段", "事项", "责任人", "时限"]


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """The bad workbooks of this sweep, made once (the 10,001-row one took ≈ 3 s, in every test); copied per test."""
    files = tmp_path_factory.mktemp("books")
    _book(files / "督办表头.xlsx", [SV_HEAD])
    _book(files / "督办日期.xlsx", [SV_HEAD, [1, "事项甲", "县财政局", "2026-02-30", "2026-07-01"]])
    _book(files / "督办时限早.xlsx", [SV_HEAD, [1, "事项甲", "县财政局", "2026-06-01", "2026-05-01"]])
    _book(files / "督办无单位.xlsx", [SV_HEAD, [1, "事项甲", "", "2026-06-01", "2026-07-01"]])
    _book(files / "督办公式.xlsx", [SV_HEAD, [1, "事项甲", "县财政局", "=TODAY()", "2026-07-01"]])
    _book(files / "督办万行.xlsx", [SV_HEAD] + [[i, f"事项{i}", "县财政局", "2026-06-01", "2026-07-01"]
                                               for i in range(1, 10001)] + [[10001, "事项", "", "2026-06-01", ""]])
    _book(files / "名单表头.xlsx", [ATT_HEAD])
    _book(files / "名单座区.xlsx", [ATT_HEAD, ["张三", "县长", "县政府", 1, "屋顶"]])
    _book(files / "名单排序.xlsx", [ATT_HEAD, ["张三", "县长", "县政府", "第一", "主席台"]])
    _book(files / "名单控制.xlsx", [ATT_HEAD, ["张\u200b三", "县长", "县政府", 1, "主席台"]])
    _book(files / "议定日期.xlsx", [DEC_HEAD, ["事项甲", "县财政局", "", "2026-13-01"]])
    _book(files / "议定无单位.xlsx", [DEC_HEAD, ["事项甲", "", "", "2026-07-01"]])
    _book(files / "模板时限.xlsx", [TPL_HEAD, ["会前", "印发通知", "秘书科", "会前几天"]])
    _book(files / "模板表头.xlsx", [TPL_HEAD])
    _book(files / "名单好.xlsx", [ATT_HEAD, ["张三", "县长", "县政府", 1, "主席台"]])
    _book(files / "议定好.xlsx", [DEC_HEAD, ["事项甲", "县财政局", "", "2026-07-01"]])
    _book(files / "议定早.xlsx", [DEC_HEAD, ["事项甲", "县财政局", "", "2026-05-01"]])
    _book(files / "议定表头.xlsx", [DEC_HEAD])
    _book(files / "模板好.xlsx", [TPL_HEAD, ["会前", "印发通知", "秘书科", "会前3天"]])
    (files / "假.csv").write_bytes((files / "督办日期.xlsx").read_bytes())
    (files / "文本.xlsx").write_text("序号,督办事项\n1,甲\n", encoding="utf-8")
    return files


@pytest.fixture
def sweep(office, three, books, tmp_path, monkeypatch):  # noqa: F811
    """`office` with a 领导 and an 安全审计员 account, a meeting (id 1, 机密), a 督办 item (id 1) and the bad
    workbooks of this sweep."""
    business_user(three, "zhoulingdao", "周领导", "leader")
    monkeypatch.setitem(USERS, "zhoulingdao", BUSINESS_PASSWORD)
    monkeypatch.setitem(USERS, "auditor", PASSWORDS[Role.AUDITOR])
    from models.core import accounts
    clerk = accounts.login("zhangsan", BUSINESS_PASSWORD)
    doc, _ = incoming.register(clerk, {"received_on": "2026-06-08", "source_org": "市委办公室",
                                       "title": "关于城东饮水问题的报告", "secrecy": "机密", "secrecy_term": "10年",
                                       "copy_nos": "000012"})
    make(clerk, source_incoming=doc.id)
    meetings.create(clerk, {"type": "常务会议", "title": "研究重点项目", "date": "2026-06-20", "secrecy": "机密"})
    for book in books.iterdir():
        shutil.copyfile(book, tmp_path / "files" / book.name)  # `office` made the folder
    return office


AT_LOGIN = ("login", "login_failed", "audit_seal")  # what a log-in writes (the 安全审计员's seals the log)


def _written():
    tables = [*supervision_tables(), *meeting_tables()]
    entries = audit.AuditEntry.select().where(audit.AuditEntry.action.not_in(AT_LOGIN))
    return (entries.count(), [t.select().count() for t in tables],
            sorted(counters.Counter.select(counters.Counter.series, counters.Counter.last).tuples()))


S = ("supervision",)
NEW = S + ("new", "--source", "批示件", "--title", "事项甲", "--unit", "县财政局")
M = ("meeting",)
MNEW = M + ("new", "--type", "常务会议", "--title", "研究甲")
IMP = ("import",)
E = ("export",)
CASES = [
    # supervision new: fields
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "", "--unit", "县财政局", "--due", "2026-07-01"),
     "请填写督办事项"),
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "   ", "--unit", "县财政局", "--due", "2026-07-01"),
     "请填写督办事项"),
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "事项", "--unit", "", "--due", "2026-07-01"),
     "请填写牵头单位"),
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "甲" * 400, "--unit", "县财政局", "--due", "2026-07-01"),
     "督办事项过长（最多 300 个字）。"),
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "事\u200b项", "--unit", "县财政局", "--due", "7月1日"),
     "控制字符或不可见字符（U+200B）"),
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "事\x07项", "--unit", "县财政局", "--due", "2026-07-01"),
     "控制字符或不可见字符（U+0007）"),
    ("zhangsan", S + ("new", "--source", "批示件", "--title", "事项", "--unit", "县" * 200, "--due", "2026-07-01"),
     "牵头单位过长（最多 100 个字）"),
    ("zhangsan", S + ("new", "--source", "传说", "--title", "事项", "--unit", "县财政局", "--due", "2026-07-01"),
     "来源类型「传说」无法识别，应为：领导"),
    ("zhangsan", S + ("new", "--source", "", "--title", "事项", "--unit", "县财政局", "--due", "2026-07-01"),
     "请选择来源类型：领导批示件、会议议定"),
    ("zhangsan", NEW + ("--due", "2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", NEW + ("--due", "2026-13-01"), "日期「2026-13-01」不存在"),
    ("zhangsan", NEW + ("--due", "2026年2月30日"), "日期「2026年2月30日」不存在"),
    ("zhangsan", NEW + ("--due", "9999-12-31"), "日期「9999-12-31」的年份不"),
    ("zhangsan", NEW + ("--due", "1900-01-01"), "办结时限 1900-01-01 早于"),
    ("zhangsan", NEW + ("--due", "几天"), "办结时限「几天」无法识别，请写成日期"),
    ("zhangsan", NEW + ("--due", "0个工作日"), "办结时限「0个工作日」应大于 0"),
    ("zhangsan", NEW + ("--due", "99999个工作日"), "工作日天数 99999 过大，请检查"),
    ("zhangsan", NEW + ("--due", "99999999999999999999天"), "办结时限「9999999999999"),
    ("zhangsan", NEW + ("--due", "１０个工作日", "--assigned-on", "2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", NEW + ("--due", "2026-05-01", "--assigned-on", "2026-06-01"), "办结时限 2026-05-01 早于"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--assigned-on", "1800-01-01"), "日期「1800-01-01」的年份不"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--assigned-on", "2099-01-01"), "交办日期不能晚于今天（2026-06"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--incoming", "abc"), "来源收文编号应为正整数，您填的是「a"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--incoming", "-1"), "来源收文编号应为正整数，您填的是「-"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--incoming", "999"), "没有编号为 999 的收文，请核对来"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--meeting", "999"), "没有编号为 999 的会议"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--meeting", "abc"), "来源会议编号应为正整数，您填的是「a"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--secrecy", "超级机密"), "密级「超级机密」无法识别，应为：非密"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--stage", "初稿"), "阶段时限「初稿」应写成「内容=日期」"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--stage", "初稿=2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", NEW + ("--due", "2026-07-01", "--stage", "初稿=2027-01-01"), "阶段时限「初稿」2027-01-01"),
    ("zhangsan", S + ("new", "--source", "人大建议", "--title", "事项", "--unit", "县财政局", "--due", "7个月"),
     "人大代表建议应自交办之日起6个月内答"),
    # supervision steps: ids and values
    ("zhangsan", S + ("feedback", "--id", "abc", "--content", "进展", "--percent", "50"),
     "督办事项编号「abc」不是整数，请写"),
    ("zhangsan", S + ("feedback", "--id", "-1", "--content", "进展", "--percent", "50"),
     "督办事项编号 -1 超出范围，应在"),
    ("zhangsan", S + ("feedback", "--id", "99", "--content", "进展", "--percent", "50"), "没有编号为 99 的督办事项"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "-5"), "办理进度应为 0 到 100 的整数"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "150"),
     "办理进度应为 0 到 100 的整数"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "一半"),
     "办理进度应为 0 到 100 的数字"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "50.5"),
     "办理进度应为 0 到 100 的整数"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "", "--percent", "50"), "请填写反馈内容"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "50", "--date", "2026-02-30"),
     "日期「2026-02-30」不存在"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "50", "--date", "2027-01-01"),
     "反馈日期不能晚于今天（2026-06"),
    ("zhangsan", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "50", "--date", "2020-01-01"),
     "反馈日期 2020-01-01 早于"),
    ("zhangsan", S + ("extend", "--id", "1", "--to", "2026-01-01", "--reason", "协调"), "办结时限 2026-01-01 早于"),
    ("zhangsan", S + ("extend", "--id", "1", "--to", "几天", "--reason", "协调"),
     "办结时限「几天」无法识别，请写成日期"),
    ("zhangsan", S + ("extend", "--id", "1", "--to", "2026-12-01", "--reason", ""), "请填写延期理由"),
    ("zhangsan", S + ("approve-extension", "--id", "1"), "督〔2026〕1号当前为「已交办」"),
    ("zhangsan", S + ("close", "--id", "1"), "督〔2026〕1号当前为「已交办」"),
    ("zhangsan", S + ("archive", "--id", "1"), "督〔2026〕1号当前为「已交办」"),
    ("zhangsan", S + ("report", "--id", "1", "--text", ""), "请填写办结报告"),
    ("zhangsan", S + ("reassign", "--id", "1", "--unit", ""), "督〔2026〕1号当前为「已交办」"),
    ("zhangsan", S + ("urge", "--id", "1", "--method", "飞鸽"), "催办方式「飞鸽」无法识别，应为：电话"),
    ("zhangsan", S + ("urge", "--id", "1", "99", "--method", "电话"), "没有编号为 99 的督办事项"),
    ("zhangsan", S + ("slip", "--id", "1", "--level", "9"), "督办单级别应为 1、2 或 3（对应"),
    ("zhangsan", S + ("slip", "--id", "1", "--level", "红"), "督办单级别应为 1、2 或 3（对应"),
    ("zhangsan", S + ("slip", "--id", "1", "--limit", "2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", S + ("slip", "--id", "1", "--limit", "2020-01-01"), "督办单限期 2020-01-01 早"),
    ("zhangsan", S + ("bulletin", "--as-of", "2026-13-01"), "日期「2026-13-01」不存在"),
    # meetings
    ("zhangsan", M + ("new", "--type", "", "--title", "甲", "--date", "2026-07-01"),
     "请填写会议类型（模板名称），如「常务"),
    ("zhangsan", M + ("new", "--type", "茶话会\u200b", "--title", "甲", "--date", "2026-07-01"),
     "会议类型的第 4 个字符是控制字符或"),
    ("zhangsan", M + ("new", "--type", "常" * 100, "--title", "甲", "--date", "2026-07-01"),
     "会议类型名称过长（最多 40 个字）"),
    ("zhangsan", MNEW + ("--date", "2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", MNEW + ("--date", "2026年2月30日"), "日期「2026年2月30日」不存在"),
    ("zhangsan", MNEW + ("--date", "9999-12-31"), "日期「9999-12-31」的年份不"),
    ("zhangsan", MNEW + ("--date", "1000-01-01"), "日期「1000-01-01」的年份不"),
    ("zhangsan", MNEW + ("--date", "2026-07-01", "--time", "25:00"), "会议时间「25:00」无法识别，请写"),
    ("zhangsan", MNEW + ("--date", "2026-07-01", "--secrecy", "超密"), "密级「超密」无法识别，应为：非密、秘"),
    ("zhangsan", MNEW + ("--date", "2026-07-01", "--place", "会\x00议室"), "会议地点的第 2 个字符是控制字符或"),
    ("zhangsan", M + ("new", "--type", "常务会议", "--title", "", "--date", "2026-07-01"),
     "请填写会议名称（研究什么），如「研究"),
    ("zhangsan", M + ("move", "--id", "abc", "--date", "2026-07-01"), "会议编号「abc」不是整数，请写阿拉"),
    ("zhangsan", M + ("move", "--id", "0", "--date", "2026-07-01"), "会议编号 0 超出范围，应在 1–9"),
    ("zhangsan", M + ("move", "--id", "99", "--date", "2026-07-01"), "没有编号为 99 的会议"),
    ("zhangsan", M + ("move", "--id", "1", "--date", "2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", M + ("move", "--id", "1", "--date", "2026-07-01", "--time", "9点"),
     "会议时间「9点」无法识别，请写作 2"),
    # imports
    ("zhangsan", IMP + ("supervision", "{tmp}/没有.xlsx"), "找不到文件「/tmp/pytest-"),
    ("zhangsan", IMP + ("supervision", "{tmp}/文件夹"), "「/tmp/pytest-of-ro"),
    ("zhangsan", IMP + ("supervision", "{tmp}/空.xlsx"), "「空.xlsx」是空文件（0 字节）"),
    ("zhangsan", IMP + ("supervision", "{tmp}/旧格式.xlsx"), "「旧格式.xlsx」实际上是旧的"),
    ("zhangsan", IMP + ("supervision", "{tmp}/乱码.xlsx"), "「乱码.xlsx」不是 Excel"),
    ("zhangsan", IMP + ("supervision", "{tmp}/文本.xlsx"), "「文本.xlsx」不是 Excel"),
    ("zhangsan", IMP + ("supervision", "{tmp}/假.csv"), "「假.csv」的文字编码无法识别，请"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办表头.xlsx"), "「督办表头.xlsx」的表头下面没有"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办日期.xlsx", "--source", "批示件"),
     "「交办日期」日期「2026-02-30」不存在"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办时限早.xlsx", "--source", "批示件"),
     "办结时限 2026-05-01 早于交办日期 2026-06-01"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办无单位.xlsx", "--source", "批示件"), "主办单位（牵头单位）是空的"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办公式.xlsx"), "「督办公式.xlsx」第 2 行的"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办万行.xlsx", "--source", "批示件"),
     "第 10002 行：主办单位（牵头单位）是空的"),
    ("zhangsan", IMP + ("supervision", "{tmp}/督办日期.xlsx", "--source", "传说"),
     "来源类型「传说」无法识别，应为：领导"),
    ("zhangsan", IMP + ("attendees", "{tmp}/名单座区.xlsx"), "导入参会人员需要 --meeting"),
    ("zhangsan", IMP + ("attendees", "--meeting", "99", "{tmp}/名单好.xlsx"), "没有编号为 99 的会议"),
    ("zhangsan", IMP + ("attendees", "--meeting", "99", "{tmp}/名单好.xlsx", "--dry-run"), "没有编号为 99 的会议"),
    ("zhangsan", IMP + ("decisions", "--meeting", "99", "{tmp}/议定好.xlsx", "--dry-run"), "没有编号为 99 的会议"),
    ("zhangsan", IMP + ("decisions", "--meeting", "1", "{tmp}/议定表头.xlsx"), "没有议定事项可登记"),
    ("zhangsan", IMP + ("attendees", "--meeting", "abc", "{tmp}/名单座区.xlsx"), "--meeting「abc」不是整数"),
    ("zhangsan", IMP + ("attendees", "--meeting", "1", "{tmp}/名单座区.xlsx"), "座区「屋顶」无法识别，应为：主席台"),
    ("zhangsan", IMP + ("attendees", "--meeting", "1", "{tmp}/名单排序.xlsx"), "排序「第一」不是整数，请写阿拉伯数字"),
    ("zhangsan", IMP + ("attendees", "--meeting", "1", "{tmp}/名单控制.xlsx"), "姓名的第 2 个字符是控制字符或不可"),
    ("zhangsan", IMP + ("attendees", "--meeting", "1", "{tmp}/名单表头.xlsx"), "名单中没有参会人员"),
    ("zhangsan", IMP + ("attendees", "--meeting", "1", "{tmp}/空.xlsx"), "「空.xlsx」是空文件（0 字节）"),
    ("zhangsan", IMP + ("attendees", "--meeting", "1", "{tmp}/督办表头.xlsx"), "在前 20 行中找不到表头。请确认这"),
    ("zhangsan", IMP + ("decisions", "--meeting", "1", "{tmp}/议定日期.xlsx"), "日期「2026-13-01」不存在"),
    ("zhangsan", IMP + ("decisions", "--meeting", "1", "{tmp}/议定无单位.xlsx"), "请填写「事项甲」的牵头单位"),
    ("zhangsan", IMP + ("meeting-template", "{tmp}/模板时限.xlsx", "--name", "常务会议"),
     "时限「会前几天」无法识别，应写作「会"),
    ("zhangsan", IMP + ("meeting-template", "{tmp}/模板表头.xlsx", "--name", "常务会议"), "表格中没有检点单事项"),
    ("zhangsan", IMP + ("meeting-template", "{tmp}/旧格式.xlsx"), "「旧格式.xlsx」实际上是旧的"),
    ("zhangsan", IMP + ("meeting-template", "{tmp}/模板时限.xlsx", "--name", "\u200b"),
     "会议类型的第 1 个字符是控制字符或"),
    # exports
    ("zhangsan", E + ("meeting-checklist", "-o", "{tmp}/单.xlsx"), "请用 --id 指定会议编号（新建会"),
    ("zhangsan", E + ("meeting-checklist", "--id", "99", "-o", "{tmp}/单.xlsx"), "没有编号为 99 的会议"),
    ("zhangsan", E + ("meeting-checklist", "--id", "1", "-o", "{tmp}/单.pdf"), "「单.pdf」的扩展名应为 .xls"),
    ("zhangsan", E + ("meeting-checklist", "--id", "1", "-o", "{tmp}/没有/单.xlsx"), "文件夹「/tmp/pytest-of"),
    ("zhangsan", E + ("seating", "--id", "1", "-o", "{readonly}/座次.docx"), "不能在文件夹「/sys」中保存文件"),
    ("zhangsan", E + ("seating", "--id", "-1", "-o", "{tmp}/座次.docx"), "记录号 -1 超出范围，应在 1–9"),
    ("zhangsan", E + ("name-cards", "--id", "1", "-o", "{tmp}/桌签.xlsx"), "「桌签.xlsx」的扩展名应为 .p"),
    ("zhangsan", E + ("sign-in", "--id", "1", "-o", "{tmp}/文件夹"), "「/tmp/pytest-of-ro"),
    ("zhangsan", E + ("meeting-notice", "--id", "1", "-o", "{tmp}/通知.pdf"), "「通知.pdf」的扩展名应为 .do"),
    ("zhangsan", E + ("meeting-notice", "--id", "abc", "-o", "{tmp}/通知.docx"), "记录号「abc」不是整数，请写阿拉伯"),
    ("zhangsan", E + ("meeting-template", "--name", "不存在的会", "-o", "{tmp}/模板.xlsx"),
     "没有「不存在的会」这种会议类型的检点"),
    # today
    ("zhangsan", ("today", "--date", "2026-02-30"), "日期「2026-02-30」不存在"),
    ("zhangsan", ("today", "--date", "2026-13-01"), "日期「2026-13-01」不存在"),
    ("zhangsan", ("today", "--date", "2026年2月30日"), "日期「2026年2月30日」不存在"),
    ("zhangsan", ("today", "--date", "99999-01-01"), "无法识别日期「99999-01-01"),
    ("zhangsan", ("today", "--date", ""), "请填写日期"),
]


def _case_id(case) -> str:
    values = case.values if hasattr(case, "values") else case
    return values[0] + " " + " ".join(values[1])[:70]


@pytest.mark.parametrize(("user", "argv", "message"), CASES, ids=[_case_id(c) for c in CASES])
def test_bad_input_exits_1_with_a_message_and_writes_nothing(sweep, user, argv, message):
    before = _written()
    code, out, err = sweep.call(user, *argv)
    assert code == 1, (out, err)
    assert err.startswith(("错误：", "发现")) and message in err, err
    assert "Traceback" not in err and "程序内部错误" not in err
    assert not sweep.logs.exists() or not any(sweep.logs.iterdir())
    assert _written() == before



RIGHTS = [
    ("zhoulingdao", NEW + ("--due", "2026-07-01"), "督办立项"),
    ("zhoulingdao", S + ("feedback", "--id", "1", "--content", "进展", "--percent", "50"), "登记进展反馈"),
    ("zhoulingdao", S + ("urge", "--id", "1", "--method", "电话"), "催办督办事项"),
    ("zhoulingdao", S + ("slip", "--id", "1"), "签发督办单"),
    ("zhoulingdao", S + ("approve-extension", "--id", "1"), "批准延期"),
    ("zhoulingdao", S + ("archive", "--id", "1"), "归档"),
    ("zhoulingdao", IMP + ("supervision", "{tmp}/督办日期.xlsx"), "导入督办台账"),
    ("zhoulingdao", MNEW + ("--date", "2026-07-01"), "新建会议"),
    ("zhoulingdao", M + ("move", "--id", "1", "--date", "2026-07-01"), "会议改期"),
    ("zhoulingdao", IMP + ("attendees", "--meeting", "1", "{tmp}/名单好.xlsx"), "登记参会人员"),
    ("zhoulingdao", IMP + ("attendees", "--meeting", "1", "{tmp}/名单好.xlsx", "--dry-run"), "登记参会人员"),
    ("zhoulingdao", IMP + ("decisions", "--meeting", "1", "{tmp}/议定好.xlsx"), "登记议定事项"),
    ("zhoulingdao", IMP + ("meeting-template", "{tmp}/模板好.xlsx", "--name", "常务会议"), "导入检点单模板"),
    ("zhaozhiban", NEW + ("--due", "2026-07-01"), "督办立项"),
    ("zhaozhiban", S + ("show", "--id", "1"), "查看督办事项"),
    ("zhaozhiban", MNEW + ("--date", "2026-07-01"), "新建会议"),
    ("zhaozhiban", E + ("seating", "--id", "1", "-o", "{tmp}/座次.docx"), "导出座次图"),
    ("admin", S + ("show", "--id", "1"), "查看督办事项"),
    ("admin", NEW + ("--due", "2026-07-01"), "督办立项"),
    ("admin", MNEW + ("--date", "2026-07-01"), "新建会议"),
    ("admin", ("today",), "查看今日待办"),
    ("secadmin", NEW + ("--due", "2026-07-01"), "督办立项"),
    ("secadmin", S + ("bulletin",), "督查通报"),
    ("secadmin", M + ("move", "--id", "1", "--date", "2026-07-01"), "会议改期"),
    ("auditor", NEW + ("--due", "2026-07-01"), "督办立项"),
    ("auditor", MNEW + ("--date", "2026-07-01"), "新建会议"),
]


@pytest.mark.parametrize(("user", "argv", "what"), RIGHTS, ids=[_case_id(c) for c in RIGHTS])
def test_a_role_without_the_right_is_refused_once_in_the_audit_and_nothing_else(sweep, user, argv, what):
    """The 领导 reads 督办 and 会议 but changes neither; the 值班员 and the 三员 neither read nor change them. Each
    refusal is one 「denied」 audit entry, written before anything else is looked at (a dry run too)."""
    before = _written()
    last = audit.AuditEntry.select(audit.AuditEntry.id).order_by(audit.AuditEntry.id.desc()).first().id
    code, out, err = sweep.call(user, *argv)
    assert code == 1 and err.startswith("错误：您没有权限") and what in err, (out, err)
    added = [e.action for e in audit.AuditEntry.select().where(audit.AuditEntry.id > last)
             if e.action not in AT_LOGIN]
    assert added == ["denied"]
    after = _written()
    assert (after[0], after[1:]) == (before[0] + 1, before[1:])


def test_today_and_the_bulletin_print_every_classified_item_with_its_level(sweep):
    """The 机密 meeting's checklist and the 督办 of a 机密 收文 appear in `today` under the page's highest 密级 and
    each with its own; the 督查通报 lists the overdue 机密 item the same way."""
    code, out, err = sweep.call("zhangsan", "today", "--date", "2026-07-06")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "机密", out
    assert "【机密】督办 督〔2026〕1号《尽快解决城东片区居民饮水问题》" in out
    assert "【机密】市政府第1次常务会议：" in out
    code, out, err = sweep.call("zhangsan", "supervision", "bulletin", "--as-of", "2026-07-20")
    assert code == 0 and out.splitlines()[0] == "机密", out
    assert "县财政局：【机密】督〔2026〕1号 尽快解决城东片区居民饮水问题" in out


def test_an_unclassified_day_prints_no_mark(sweep):
    from models.core import accounts

    clerk = accounts.login("zhangsan", BUSINESS_PASSWORD)
    meeting = meetings.get(clerk, 1)
    meetings.update(clerk, meeting.id, {"secrecy": "非密"}, meeting.version)
    code, out, _ = sweep.call("zhangsan", "today")
    assert code == 0 and out.startswith("2026年6月10日") and "【" not in out, out


def test_decisions_are_recorded_and_handed_to_supervision_together_or_not_at_all(sweep, tmp_path):
    """A 时限 already past makes 督办 refuse the item: the 议定事项 are not left recorded but not handed over."""
    from models.core import accounts
    from models.meetings import decisions

    clerk = accounts.login("zhangsan", BUSINESS_PASSWORD)
    for step in ("notify", "open", "close"):
        meetings.advance(clerk, 1, step, override="临时召集")
    before = _written()
    code, out, err = sweep.call("zhangsan", "import", "decisions", "--meeting", "1", "{tmp}/议定早.xlsx")
    assert code == 1 and "早于交办日期" in err, (out, err)
    assert decisions.Decision.select().count() == 0 and _written() == before
    code, out, err = sweep.call("zhangsan", "import", "decisions", "--meeting", "1", "{tmp}/议定好.xlsx")
    assert code == 0 and "已交办 1 项" in out, (out, err)


def test_the_office_that_keeps_the_ledger_owns_the_ladder_and_the_seating_rule(sweep, three):
    """The 系统管理员 keeps the machine, not the 督办 ladder or who sits where: both are the 文书's settings."""
    from models.core import accounts, settings
    from models.core.errors import PermissionDenied

    clerk = accounts.login("zhangsan", BUSINESS_PASSWORD)
    admin = three[Role.SYSADMIN]
    with pytest.raises(PermissionDenied):
        settings.set_text(admin, "seating_rule", "以右为上")
    with pytest.raises(PermissionDenied):
        settings.set_text(admin, "meeting_org", "县政府")
    with pytest.raises(PermissionDenied):
        settings.set_value(admin, "sv_blue_workdays", 1)
    settings.set_text(clerk, "seating_rule", "以右为上")
    settings.set_value(clerk, "sv_blue_workdays", 3)
    assert (settings.get_text("seating_rule"), settings.get("sv_blue_workdays")) == ("以右为上", 3)


def test_a_written_instruction_keeps_its_lines(sweep):
    """Refusing control characters must not refuse the line breaks of a 批示原文 typed or pasted on several lines."""
    from models.core import accounts

    clerk = accounts.login("zhangsan", BUSINESS_PASSWORD)
    item = make(clerk, instruction="请财政局抓紧研究。\n请于月底前报结果。")
    assert item.instruction == "请财政局抓紧研究。\n请于月底前报结果。"


def test_after_the_demo_each_step_of_a_flow_is_one_audit_entry_and_the_chain_verifies(three):
    from models.core import accounts, demo
    from models.meetings import attendees
    from models.supervision import flow, urging

    demo.run(three[Role.SYSADMIN])
    clerk = accounts.login("wangmishu", demo.DEMO_PASSWORD)
    item = make(clerk, assign=False)
    meeting = meetings.create(clerk, {"type": "专题会议", "title": "研究城东饮水", "date": "2026-06-30"})
    steps = [
        lambda: flow.assign(clerk, item.id),
        lambda: flow.feedback(clerk, item.id, "已制定方案。", 30),
        lambda: flow.request_extension(clerk, item.id, "10个工作日", "需协调多个部门。"),
        lambda: flow.approve_extension(clerk, item.id, "同意"),
        lambda: urging.urge(clerk, [item.id], "电话"),
        lambda: urging.issue_slip(clerk, [item.id], 1),
        lambda: flow.report(clerk, item.id, "已办理完毕。"),
        lambda: flow.submit_review(clerk, item.id),
        lambda: flow.close(clerk, item.id, "同意办结。"),
        lambda: flow.archive(clerk, item.id),
        lambda: meetings.move(clerk, meeting.id, "2026-07-02"),
        lambda: attendees.replace(clerk, meeting.id, [dict(name="周县长", title="县长", unit="县政府", zone="主席台")]),
        lambda: meetings.advance(clerk, meeting.id, "notify"),
    ]
    for step in steps:
        before = audit.AuditEntry.select().count()
        step()
        assert audit.AuditEntry.select().count() == before + 1
    assert audit.verify(three[Role.AUDITOR]).ok
