"""值班要情 and 值班快报: drafting from the log, numbering per year (a reprint keeps its number), 续报, the printed
sheet (.pdf with an embedded font, .docx, an office template), the roster export and the CLI."""

from datetime import date, timedelta

import pytest

from exporters import duty as duty_exports
from models.core import clock, counters
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import Role
from models.duty import absences, roster
from models.duty import brief as duty_brief
from models.duty import log as duty_log
from tests.conftest import TODAY
from tests.pdf_text import pdf_text

YESTERDAY = TODAY - timedelta(days=1)


def log_day(duty) -> list:
    roster.set_day(duty, YESTERDAY, {"leader": "周主任", "白班": "赵值班", "夜班": "孙值班"})
    first, _ = duty_log.log(duty, {"kind": "来电", "at": f"{YESTERDAY} 09:12", "unit": "县应急局", "person": "刘科长",
                                   "subject": "通报今晚有强降雨，请各乡镇做好防汛准备。"})
    duty_log.report_leader(duty, first.id, "周主任", f"{YESTERDAY} 09:20")
    duty_log.instruct(duty, first.id, "周主任", "请立即通知各乡镇值班领导在岗", f"{YESTERDAY} 09:30")
    second, _ = duty_log.log(duty, {"kind": "其他", "at": f"{YESTERDAY} 10:00", "subject": "打印机缺纸"})
    third, _ = duty_log.log(duty, {"kind": "来文", "at": f"{YESTERDAY} 15:00", "unit": "市委办公室",
                                   "subject": "关于做好岁末年初值班工作的通知", "secrecy": "秘密"})
    return [first, second, third]


def test_the_draft_comes_from_the_log_roster_and_absences(duty):
    entries = log_day(duty)
    absences.report(duty, {"person": "李副县长", "position": "副县长", "start_on": YESTERDAY, "end_on": YESTERDAY,
                           "destination": "市里", "purpose": "参加全市经济工作会议", "stand_in": "王副县长"})
    draft = duty_brief.draft_brief(duty, YESTERDAY)
    assert [i.entry for i in draft.items] == [e.id for e in entries]
    assert [i.chosen for i in draft.items] == [True, False, True]  # 「其他」 is left out unless chosen
    text = draft.items[0].text
    assert text.startswith(f"{YESTERDAY.month}月{YESTERDAY.day}日9时12分，县应急局刘科长来电：通报今晚有强降雨")
    assert "值班室已报告周主任。" in text and "领导批示：请立即通知各乡镇值班领导在岗。" in text
    assert "李副县长（副县长）" in draft.whereabouts and "由王副县长主持工作" in draft.whereabouts
    # open items are listed once: the 县应急局 call is in the body, so not again under 需继续关注事项
    assert "县应急局" not in draft.open_items and "打印机缺纸" in draft.open_items  # (an unticked one stays)
    assert draft.notes == ["值班电话还是默认的「0000-0000000」：请系统管理员在「系统 → 系统设置」的"
                           "「值班电话（印在值班要情上）」中填写本单位的值班电话，或在本页「值班电话」栏直接改写。"]
    assert (draft.leader, draft.officers) == ("周主任", "赵值班、孙值班")
    assert draft.number_hint == "将编为第1期"


def test_numbering_per_year_and_a_reprint_keeps_its_number(duty):
    log_day(duty)
    draft = duty_brief.draft_brief(duty, YESTERDAY)
    draft.items[0].text = "改过的措辞。"
    first = duty_brief.save(duty, draft)
    assert first.number_text == "第1期" and first.secrecy == "秘密"  # the 来文 is 秘密
    again = duty_brief.draft_brief(duty, YESTERDAY)
    assert again.brief.id == first.id and again.items[0].text == "改过的措辞。" and "重印" in again.number_hint
    assert duty_brief.save(duty, again).serial == 1
    other = duty_brief.save(duty, duty_brief.draft_brief(duty, YESTERDAY - timedelta(days=1)))
    assert other.serial == 2
    assert counters.peek("duty_brief", other.year) == 3
    assert duty_brief.DutyBrief.select().count() == 2


def test_a_chosen_item_cannot_be_empty(duty):
    log_day(duty)
    draft = duty_brief.draft_brief(duty, YESTERDAY)
    draft.items[0].text = "  "
    with pytest.raises(ValidationError, match="内容是空的"):
        duty_brief.save(duty, draft)
    draft.items[0].chosen = False
    assert duty_brief.save(duty, draft).item_list[0]["heading"].startswith("关于做好")


def incident(duty):
    learned = clock.now().replace(second=0, microsecond=0) - timedelta(minutes=50)
    entry, _ = duty_log.log(duty, {"kind": "突发事件", "grade": "较大", "at": learned, "unit": "青山镇政府",
                                   "person": "王镇长", "place": "青山镇石桥村", "occurred_at": learned - timedelta(minutes=20),
                                   "subject": "石桥村发生山体滑坡，2户民房受损，暂无人员伤亡"})
    return entry


def test_a_flash_then_a_followup_each_take_a_number(duty):
    entry = incident(duty)
    duty_log.handle(duty, entry.id, "已通知县应急局、自然资源局赶赴现场")
    draft = duty_brief.draft_flash(duty, entry.id)
    assert draft.title == "关于青山镇石桥村发生山体滑坡的情况"
    headings = [i.heading for i in draft.items]
    assert headings == ["接报时间", "事发时间和地点", "基本情况", "已采取的措施", "领导批示", "下一步"]
    assert "自然资源局" in draft.items[3].text
    first = duty_brief.save(duty, draft)
    assert (first.serial, first.followup, first.full_title) == (1, 0, draft.title)
    assert duty_brief.save(duty, duty_brief.draft_flash(duty, entry.id)).id == first.id  # reprint: same number
    duty_log.instruct(duty, entry.id, "县长", "全力做好群众转移安置")
    follow = duty_brief.draft_flash(duty, entry.id, followup=True)
    assert follow.followup == 1 and "全力做好群众转移安置" in follow.items[0].text
    second = duty_brief.save(duty, follow)
    assert second.serial == 2 and second.full_title.endswith("（续报一）")


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_printed_brief_reads_like_the_sheet(duty, tmp_path, suffix):
    log_day(duty)
    brief = duty_brief.save(duty, duty_brief.draft_brief(duty, YESTERDAY))
    path = duty_exports.export_brief(duty, brief.id, tmp_path / f"brief{suffix}")
    if suffix == ".pdf":
        assert b"FontFile2" in path.read_bytes()  # the CJK font is embedded
        text = "".join(pdf_text(path))
    else:
        from docx import Document

        text = "".join(p.text for p in Document(path).paragraphs)
    text = text.replace(" ", "").replace("\u3000", "").replace("\n", "").replace("\r", "")
    for words in ("秘密", "值班要情", "第1期", "县委办公室值班室编", f"{YESTERDAY.year}年{YESTERDAY.month}月",
                  "一、通报今晚有强降雨", "二、关于做好岁末年初值班工作的通知", "三、领导外出情况", "四、需继续关注事项",
                  "报：", "送：", "带班领导：周主任", "共印10份"):
        assert words in text, words
    entry = AuditEntry.select().where(AuditEntry.action == "export").get()
    assert "值班要情第1期" in entry.summary and "秘密" in entry.summary


def test_an_office_template_replaces_the_brief(duty, tmp_path):
    from docx import Document

    from models.core.paths import user_templates_dir

    user_templates_dir().mkdir(parents=True)
    template = Document()
    template.add_paragraph("{{ masthead }}{{ number }}{% for item in items %}|{{ item.heading }}{% endfor %}")
    template.save(user_templates_dir() / "duty-brief.docx")
    log_day(duty)
    brief = duty_brief.save(duty, duty_brief.draft_brief(duty, YESTERDAY))
    path = duty_exports.export_brief(duty, brief.id, tmp_path / "brief.docx")
    assert Document(path).paragraphs[0].text.startswith("值班要情第1期|一、通报今晚有强降雨")


def test_the_flash_pdf_and_the_roster_exports(duty, tmp_path):
    entry = incident(duty)
    flash = duty_brief.save(duty, duty_brief.draft_flash(duty, entry.id))
    text = "".join(pdf_text(duty_exports.export_brief(duty, flash.id, tmp_path / "flash.pdf"))).replace("\n", "")
    assert "值　班　快　报" in text.replace(" ", "") or "值班快报" in text.replace(" ", "")
    assert "接报时间：" in text.replace(" ", "")
    roster.set_day(duty, date(2026, 12, 1), {"leader": "王某", "白班": "陈某", "夜班": "孙某", "phones": "王某 13800000001"})
    from openpyxl import load_workbook

    book = load_workbook(duty_exports.export_roster(duty, "2026-12", tmp_path / "roster.xlsx"))
    ws = book.active
    assert ws["A2"].value == "县委办公室2026年12月值班安排表"
    assert [c.value for c in ws[3]] == ["日期", "星期", "带班领导", "白班", "夜班", "备注"]
    assert [c.value for c in ws[4]][:5] == ["12月1日", "二", "王某", "陈某", "孙某"]
    assert ws.cell(3 + 31 + 1, 1).value == "联系电话：王某\xa013800000001"  # a no-break space: never split
    assert ws.max_row == 3 + 31 + 2 and ws.page_setup.orientation == "portrait"
    from docx import Document

    doc = Document(duty_exports.export_roster(duty, "2026年12月", tmp_path / "roster.docx"))
    assert len(doc.tables[0].rows) == 32 and doc.tables[0].rows[1].cells[2].text == "王某"
    with pytest.raises(ValidationError, match="看不懂"):
        duty_exports.export_roster(duty, "12月", tmp_path / "r.xlsx")


def test_a_leader_reads_but_cannot_issue(three, duty):
    from tests.conftest import business_user

    leader = business_user(three, "zhouzhuren", "周主任", "leader")
    log_day(duty)
    draft = duty_brief.draft_brief(leader, YESTERDAY)
    with pytest.raises(PermissionDenied):
        duty_brief.save(leader, draft)


def test_the_cli_imports_a_roster_and_prints_the_brief_and_the_flash(duty, database, tmp_path, monkeypatch, capsys):
    from pathlib import Path

    from cli.app import run as main
    from models.core import db

    monkeypatch.setenv("SANBAN_PASSWORD", "Duty@2026abcd")
    sample = Path(__file__).resolve().parent / "fixtures" / "值班安排表-示例.xlsx"
    base = ["--db", str(database), "--user", "zhaozhiban"]
    assert main([*base, "import", "roster", str(sample), "--dry-run"]) == 0
    assert "可导入 30 天" in capsys.readouterr().out
    assert main([*base, "import", "roster", str(sample)]) == 0
    assert main([*base, "export", "duty-roster", "--month", "2025-11", "-o", str(tmp_path / "r.xlsx")]) == 0
    db.connect(str(database))  # the CLI closes the database when it ends
    log_day(duty)
    out = tmp_path / "brief.pdf"
    assert main([*base, "export", "duty-brief", "--date", str(YESTERDAY), "-o", str(out)]) == 0
    assert main([*base, "export", "duty-brief", "--date", str(YESTERDAY), "-o", str(tmp_path / "b2.docx")]) == 0
    db.connect(str(database))
    assert duty_brief.DutyBrief.select().count() == 1  # the second print kept the number
    entry = incident(duty)
    assert main([*base, "export", "duty-flash", "--id", str(entry.id), "-o", str(tmp_path / "f.pdf")]) == 0
    assert main([*base, "export", "duty-flash", "-o", str(tmp_path / "f.pdf")]) == 1
    assert "--id" in capsys.readouterr().err
    db.connect(str(database))


def test_a_leader_reported_away_is_left_blank_with_a_note(duty):
    log_day(duty)
    absences.report(duty, {"person": "周主任", "position": "办公室主任", "start_on": YESTERDAY, "end_on": YESTERDAY,
                           "destination": "省城", "purpose": "参加培训", "stand_in": "吴副主任"})
    draft = duty_brief.draft_brief(duty, YESTERDAY)
    assert draft.leader == ""  # the roster names him, the 外出报备 says he is away
    assert any("带班领导周主任当天" in n and "已留空" in n and "吴副主任" in n for n in draft.notes)
    assert "「带班领导」是空的。" in duty_brief.print_warnings(draft)


def test_placeholder_text_is_warned_before_printing(duty, three):
    from models.core import settings

    log_day(duty)
    draft = duty_brief.draft_brief(duty, YESTERDAY)
    warnings = duty_brief.print_warnings(draft)
    assert len(warnings) == 1 and "0000-0000000" in warnings[0] and "系统 → 系统设置" in warnings[0]
    draft.phone = "0871-6123456"  # typed in the composer
    assert duty_brief.print_warnings(draft) == []
    settings.set_text(three[Role.SYSADMIN], "duty_phone", "0871-6123456")
    draft = duty_brief.draft_brief(duty, YESTERDAY)
    assert not any("值班电话" in n for n in draft.notes) and duty_brief.print_warnings(draft) == []


def test_a_call_after_the_days_issue_was_printed_opens_todays_issue(duty, move_clock):
    roster.set_day(duty, TODAY, {"leader": "周主任", "白班": "赵值班", "夜班": "孙值班"})
    first, _ = duty_log.log(duty, {"kind": "来电", "at": f"{TODAY} 09:30", "unit": "县应急局", "person": "刘科长",
                                   "subject": "通报今晚有强降雨"})
    move_clock(clock.now().replace(hour=18))
    assert duty_brief.issue_day(duty) == TODAY
    duty_brief.save(duty, duty_brief.draft_brief(duty, TODAY))  # the day's issue, printed in the evening
    tomorrow = TODAY + timedelta(days=1)
    move_clock(clock.now().replace(day=tomorrow.day, hour=6))  # the night shift of TODAY, past midnight
    assert duty_brief.issue_day(duty) == TODAY  # nothing new yet: the printed issue is the day's
    late, _ = duty_log.log(duty, {"kind": "来电", "at": f"{tomorrow} 06:00", "unit": "青山镇", "person": "王镇长",
                                  "subject": "石桥村发生山体滑坡"})
    assert late.duty_shift.day == TODAY and duty_brief.issue_day(duty) == tomorrow
    draft = duty_brief.draft_brief(duty, tomorrow)
    assert [i.entry for i in draft.items] == [late.id] and draft.brief is None
    assert any("编印后又登记了 1 条，已列入本期" in n for n in draft.notes)
