"""Golden files (issue 13 point 6): every export of every module, made from short fixed data on the pinned clock and
compared with tests/golden/. A .docx or .xlsx is compared as its XML parts pretty-printed (volatile bits removed), a
PDF as its text and the faces its text is set in, page by page. Any change to a form is then a visible diff.

After a deliberate change: `SANBAN_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then read the diff before committing.
The PDFs are made with the shipped fonts only, so the goldens do not depend on the fonts a machine has.
"""

import os
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from lxml import etree

from exporters import documents as document_exports
from exporters import duty as duty_exports
from exporters import fonts, meetings_seating
from exporters import meetings as meeting_exports
from exporters import secrecy as secrecy_exports
from exporters import supervision as supervision_exports
from models.core import clock
from models.documents import incoming, outgoing
from models.duty import brief as duty_brief
from models.duty import log as duty_log
from models.duty import roster
from tests.pdf_text import pdf_fonts, pdf_text
from tests.supervision_helpers import make
from tests.test_meetings_files import nine_at_meeting
from tests.test_secrecy_exports import registry, sec  # noqa: F401 - the fixtures: a small 涉密人员 registry
from tests.test_supervision_exports import office  # noqa: F401 - the fixture: four 督办 items, one 机密

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SANBAN_UPDATE_GOLDEN") == "1"
VOLATILE_ATTRIBUTES = re.compile(r"\s(w:rsid\w*|w14:paraId|w14:textId|r:id|id|Id)=\"[^\"]*\"")
PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml|xl/(workbook|sharedStrings|worksheets/sheet\d+)\.xml")


@pytest.fixture(autouse=True)
def shipped_fonts(monkeypatch):
    """The shipped faces only: an office's own fonts on the test machine would change every PDF golden."""
    from models.core.paths import resources_dir

    monkeypatch.setattr(fonts, "font_dirs", lambda: [resources_dir() / "fonts"])
    fonts.forget()
    yield
    monkeypatch.undo()
    fonts.forget()


def pretty_xml(data: bytes) -> str:
    tree = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    text = etree.tostring(tree, pretty_print=True, encoding="unicode")
    return VOLATILE_ATTRIBUTES.sub("", text)


def readable(path: Path) -> str:
    """What the golden holds for one export."""
    if path.suffix == ".pdf":
        out = []
        for number, (text, faces) in enumerate(zip(pdf_text(path), pdf_fonts(path), strict=True), start=1):
            lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
            out.append(f"== 第{number}页　字体：{'、'.join(f for f in faces if f != 'Helvetica')}\n" + "\n".join(lines))
        return "\n".join(out) + "\n"
    with zipfile.ZipFile(path) as archive:
        return "".join(f"== {name}\n{pretty_xml(archive.read(name))}" for name in sorted(archive.namelist())
                       if PARTS.fullmatch(name))


def check(path: Path, name: str) -> None:
    golden = GOLDEN / f"{name}{path.suffix}.txt"
    actual = readable(path)
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"新建了 {golden.name}：请检查其内容后提交")
    assert actual == golden.read_text(encoding="utf-8"), f"{name}{path.suffix} 与 {golden} 不同"


@pytest.fixture
def documents_data(clerk):
    """Two incoming documents (one 秘密, with a 批示 and a reminder) and one numbered outgoing document."""
    today = clock.today()
    first, _ = incoming.register(clerk, {"received_on": today - timedelta(days=6), "source_org": "市生态环境局",
                                         "doc_no": "市生态发〔2026〕27号", "secrecy": "秘密", "urgency": "特急",
                                         "title": "关于开展生态环境保护专项检查的通知", "copies": 2,
                                         "copy_nos": "000067-000068"})
    incoming.propose(clerk, first.id, "拟请周主任阅示，交综合科办理。", on=today - timedelta(days=6))
    incoming.instruct(clerk, first.id, "周主任", "请综合科抓紧落实，按时报送检查情况。", on=today - timedelta(days=5))
    incoming.assign(clerk, first.id, "综合科", 5, handler="张三")
    incoming.remind(clerk, first.id, "综合科", "电话", "请于本周五前报送检查情况。")
    incoming.register(clerk, {"received_on": today, "source_org": "县政府办公室", "title": "关于做好防汛工作的通知"})
    draft = outgoing.draft(clerk, {"title": "关于做好岁末年初值班工作的通知", "draft_unit": "综合科", "drafter": "陈静",
                                   "prefix": "县委办发", "main_to": "各乡镇党委，县直各单位", "secrecy": "秘密",
                                   "urgency": "加急"})
    outgoing.review(clerk, draft.id, "李科长", "同意。")
    outgoing.sign(clerk, draft.id, "周主任", "同意印发。")
    return first, draft


@pytest.mark.parametrize("report", ["incoming-ledger", "incoming-progress", "outgoing-ledger", "outgoing-progress"])
@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_document_ledgers(clerk, documents_data, tmp_path, report, suffix):
    document_exports.export_ledger(clerk, report, tmp_path / f"{report}{suffix}")
    check(tmp_path / f"{report}{suffix}", f"documents/{report}")


@pytest.mark.parametrize("form", ["routing-slip", "reminder-slip", "drafting-sheet"])
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_document_forms(clerk, documents_data, tmp_path, form, suffix):
    first, draft = documents_data
    target = document_exports.export_form(clerk, form, draft.id if form == "drafting-sheet" else first.id,
                                          tmp_path / f"{form}{suffix}")
    check(target, f"documents/{form}")


def test_document_checks(clerk, documents_data, tmp_path):
    document_exports.export_day_check(clerk, tmp_path / "day-check.xlsx")
    check(tmp_path / "day-check.xlsx", "documents/day-check")
    document_exports.export_number_check(clerk, clock.today().year, tmp_path / "number-check.xlsx")
    check(tmp_path / "number-check.xlsx", "documents/number-check")


@pytest.fixture
def duty_data(duty):
    """Yesterday's roster and log (one entry 秘密, one event with an instruction), its 值班要情 and a 快报."""
    day = clock.today() - timedelta(days=1)
    roster.set_day(duty, day, {"leader": "周主任", "白班": "赵值班", "夜班": "孙值班", "phones": "赵值班 13808710011"})
    first, _ = duty_log.log(duty, {"kind": "来电", "at": f"{day} 09:12", "unit": "县应急局", "person": "刘科长",
                                   "subject": "通报今晚有强降雨，请各乡镇做好防汛准备。"})
    duty_log.instruct(duty, first.id, "周主任", "请立即通知各乡镇值班领导在岗", f"{day} 09:30")
    duty_log.log(duty, {"kind": "来文", "at": f"{day} 15:00", "unit": "市委办公室", "secrecy": "秘密",
                        "subject": "关于做好岁末年初值班工作的通知"})
    event, _ = duty_log.log(duty, {"kind": "突发事件", "at": f"{day} 20:05", "unit": "青山镇政府", "person": "王镇长",
                                   "place": "青山镇石桥村", "subject": "石桥村发生山体滑坡，2户民房受损，暂无人员伤亡"})
    duty_log.instruct(duty, event.id, "周主任", "请应急局立即赶赴现场处置。", f"{day} 20:20")
    brief = duty_brief.save(duty, duty_brief.draft_brief(duty, day))
    flash = duty_brief.save(duty, duty_brief.draft_flash(duty, event.id))
    return brief, flash


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_duty_sheets(duty, duty_data, tmp_path, suffix):
    brief, flash = duty_data
    check(duty_exports.export_brief(duty, brief.id, tmp_path / f"brief{suffix}"), "duty/duty-brief")
    check(duty_exports.export_brief(duty, flash.id, tmp_path / f"flash{suffix}"), "duty/duty-flash")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_duty_roster(duty, duty_data, tmp_path, suffix):
    month = clock.today() - timedelta(days=1)
    check(duty_exports.export_roster(duty, f"{month:%Y-%m}", tmp_path / f"roster{suffix}"), "duty/duty-roster")


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_personnel_form(sec, registry, tmp_path, suffix):  # noqa: F811 - the imported fixtures
    zhou, _ = registry
    check(secrecy_exports.export_form(sec, zhou.id, tmp_path / f"form{suffix}"), "secrecy/personnel-form")


@pytest.mark.parametrize("report", ["personnel-roster", "personnel-stats"])
def test_personnel_tables(sec, registry, tmp_path, report):  # noqa: F811
    secrecy_exports.export_table(sec, report, tmp_path / f"{report}.xlsx")
    check(tmp_path / f"{report}.xlsx", f"secrecy/{report}")


def test_personnel_history(sec, registry, tmp_path):  # noqa: F811
    zhou, _ = registry
    secrecy_exports.export_history(sec, zhou.id, tmp_path / "history.xlsx")
    check(tmp_path / "history.xlsx", "secrecy/personnel-history")


LONG_TITLE = "统筹推进城东片区老旧小区改造、城乡供水一体化和农村饮水安全巩固提升工程建设"


@pytest.fixture
def supervision_data(clerk, office):  # noqa: F811 - the imported fixture
    """The four items of `office` (one 机密 and overdue, one extended) and a 人大代表建议 whose title wraps."""
    make(clerk, source_type="人大代表建议", source_no="建012", lead_unit="县住房和城乡建设局", title=LONG_TITLE,
         due="2026-06-30", assigned_on=date(2026, 4, 20), co_units="县水务局、县财政局")
    return office


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_supervision_ledger(clerk, supervision_data, tmp_path, suffix):
    supervision_exports.export_ledger(clerk, tmp_path / f"ledger{suffix}")
    check(tmp_path / f"ledger{suffix}", "supervision/supervision-ledger")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_supervision_slip(clerk, supervision_data, tmp_path, suffix):
    supervision_exports.export_slip(clerk, supervision_data["late"], tmp_path / f"slip{suffix}", signer="周主任")
    check(tmp_path / f"slip{suffix}", "supervision/supervision-slip")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_supervision_report(clerk, supervision_data, tmp_path, suffix):
    supervision_exports.export_report(clerk, clock.today(), tmp_path / f"report{suffix}")
    check(tmp_path / f"report{suffix}", "supervision/supervision-report")


@pytest.fixture
def meeting(clerk, tmp_path):
    """A 秘密 常务会议 with a title that wraps and the nine attendees of the meetings tests."""
    return nine_at_meeting(clerk, tmp_path, secrecy="秘密", title=f"研究{LONG_TITLE}", time="09:30",
                           host="王建国", contact="市政府办公室秘书一科　李秘书　0871-63112345")


@pytest.mark.parametrize(("report", "suffixes"), [
    ("meeting-checklist", (".xlsx", ".docx")), ("sign-in", (".xlsx", ".docx")), ("meeting-notice", (".docx",)),
    ("seating", (".pdf", ".docx")), ("name-cards", (".pdf", ".docx"))])
def test_meeting_prints(clerk, meeting, tmp_path, report, suffixes):
    export = {"meeting-checklist": meeting_exports.export_checklist, "sign-in": meeting_exports.export_sign_in,
              "meeting-notice": meeting_exports.export_notice, "seating": meetings_seating.export_seating,
              "name-cards": meetings_seating.export_name_cards}[report]
    for suffix in suffixes:
        check(export(clerk, meeting.id, tmp_path / f"{report}{suffix}"), f"meetings/{report}")


def test_meeting_template(clerk, tmp_path):
    check(meeting_exports.export_template(clerk, "常务会议", tmp_path / "template.xlsx"), "meetings/meeting-template")
