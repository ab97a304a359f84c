"""会议's files: a template read from the office's sheet and written back, the attendee list and 议定事项 imported,
and the 座次图, 桌签, 签到表, 会议通知 and 检点单 printed (密级 on every page of a classified meeting), and the CLI."""

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from cli.app import run as main
from exporters import meetings as meeting_exports
from exporters import meetings_seating
from importers import meeting_import
from models.core import db
from models.core.audit import AuditEntry
from models.core.errors import ValidationError
from models.meetings import attendees, meetings, templates
from models.meetings.deadlines import EXAMPLES
from tests.pdf_text import pdf_text

NINE = [("王建国", "市长", "市政府", 1, "主席台"), ("李明华", "常务副市长", "市政府", 2, "主席台"),
        ("张卫东", "副市长", "市政府", 3, "主席台"), ("陈秀英", "副市长", "市政府", 4, "主席台"),
        ("欧阳建华", "副市长", "市政府", 5, "主席台"), ("孙立新", "秘书长", "市政府", 6, "主席台"),
        ("赵国庆", "副市长", "市政府", 7, "主席台"), ("冯丽娟", "局长", "市财政局", 11, "台下"),
        ("周海燕", "副主任", "市政府办公室", 20, "列席")]


def sheet(path, title, header, rows):
    book = Workbook()
    ws = book.active
    ws.append([title])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def office_template(tmp_path):
    header = ["阶段", "工作事项", "责任科室", "完成时限"]
    return sheet(tmp_path / "检点单.xlsx", "某市人民政府办公室常务会议全流程检点单", header, [
        ("一、会前",), (None, "议题征集并报市长审定", "秘书一科", "会前5个工作日"),
        (None, "印发会议通知", "秘书一科", "会前3天"), ("二、会中",), (None, "签到", "秘书一科", "会议当天"),
        ("会后", "纪要起草", "秘书一科", "会后3个工作日")])


def nine(tmp_path):
    return sheet(tmp_path / "名单.xlsx", "参会人员名单", ["序号", "姓名", "职务", "单位", "排序", "座区"],
                 [(i, *row) for i, row in enumerate(NINE, start=1)])


def test_the_office_template_is_read_with_its_sections_and_its_name_from_the_title(clerk, tmp_path):
    summary, errors = meeting_import.import_template(clerk, office_template(tmp_path))
    assert errors == [] and summary == "检点单模板「常务会议」：4 项，保存为第 2 版"
    template, items = templates.read(clerk, "常务会议")
    assert [(i.phase, i.task, i.deadline) for i in items] == [
        ("会前", "议题征集并报市长审定", "会前5个工作日"), ("会前", "印发会议通知", "会前3天"),
        ("会中", "签到", "会议当天"), ("会后", "纪要起草", "会后3个工作日")]
    out = meeting_exports.export_template(clerk, "常务会议", tmp_path / "out.xlsx")
    summary, errors = meeting_import.import_template(clerk, out, name="区政府常务会议")
    assert errors == [] and "区政府常务会议" in summary
    assert [i.task for i in templates.read(clerk, "区政府常务会议")[1]] == [i.task for i in items]


def test_section_rows_merged_across_the_table_set_the_phase(clerk, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["市政府常务会议全流程检点单"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "工作事项", "责任科室", "完成时限", "备注"])
    for row in (("一、会前",), (1, "印发会议通知", "秘书一科", "会前3个工作日", "OA与电话双通知"), ("二、会中",),
                (2, "签到、统计应到实到", "秘书一科", "会议当天"), ("三、会后",),
                (3, "起草会议纪要", "秘书一科", "会后3个工作日")):
        ws.append(list(row))
        if len(row) == 1:
            ws.merge_cells(f"A{ws.max_row}:E{ws.max_row}")
    ws.append(["注：时限按工作日计算的，遇法定节假日顺延。"])
    book.save(tmp_path / "检点单.xlsx")
    summary, errors = meeting_import.import_template(clerk, tmp_path / "检点单.xlsx")
    assert errors == [] and summary == "检点单模板「常务会议」：3 项，保存为第 2 版"
    assert [(i.phase, i.task) for i in templates.read(clerk, "常务会议")[1]] == [
        ("会前", "印发会议通知"), ("会中", "签到、统计应到实到"), ("会后", "起草会议纪要")]


def test_a_bad_template_row_is_reported_by_row_and_nothing_is_written(clerk, tmp_path):
    path = sheet(tmp_path / "t.xlsx", "读书会检点单", ["阶段", "事项", "责任人", "时限"],
                 [("会前", "选书", "秘书科", "会前两周"), ("会中", "", "秘书科", "会议当天")])
    summary, errors = meeting_import.import_template(clerk, path)
    assert errors[0].startswith("第 4 行：") and "时限「会前两周」无法识别" in errors[0]
    assert errors[1].startswith("第 5 行：") and "请填写事项" in errors[1]
    assert "读书会" not in templates.names()


def nine_at_meeting(clerk, tmp_path, **extra):
    meeting = meetings.create(clerk, {"type": "常务会议", "title": "研究重点项目推进工作", "date": "2026-10-09",
                                      "place": "市政府第一会议室"} | extra)
    summary, errors = meeting_import.import_attendees(clerk, nine(tmp_path), meeting=meeting.id)
    assert errors == [] and "9 人" in summary
    return meeting


def test_nine_attendees_print_the_seating_cards_and_sign_in_sheet(clerk, tmp_path):
    meeting = nine_at_meeting(clerk, tmp_path, secrecy="秘密")
    seating_pdf = meetings_seating.export_seating(clerk, meeting.id, tmp_path / "座次图.pdf")
    (page,) = pdf_text(seating_pdf)
    stage = [name for name in ("赵国庆", "欧阳建华", "张卫东", "王建国", "李明华", "陈秀英", "孙立新")]
    positions = [page.index(name) for name in stage]
    assert positions == sorted(positions)  # 7 5 3 1 2 4 6 from the floor's left
    assert page.lstrip().startswith("秘密") and "从会场（台下）看向主席台" in page and "周海燕" in page
    cards = pdf_text(meetings_seating.export_name_cards(clerk, meeting.id, tmp_path / "桌签.pdf"))
    assert len(cards) == 9 and all(c.count(name) == 2 and "秘密" in c for c, name in
                                   zip(cards, [row[0] for row in NINE], strict=True))
    sign_in = meeting_exports.export_sign_in(clerk, meeting.id, tmp_path / "签到表.xlsx")
    rows = list(load_workbook(sign_in).active.iter_rows(values_only=True))
    assert ("序号", "姓名", "职务", "单位", "签到") in rows and (9, "周海燕", "副主任", "市政府办公室", None) in rows
    from docx import Document

    for path in (meeting_exports.export_sign_in(clerk, meeting.id, tmp_path / "签到表.docx"),
                 meeting_exports.export_notice(clerk, meeting.id, tmp_path / "通知.docx"),
                 meeting_exports.export_checklist(clerk, meeting.id, tmp_path / "检点单.docx"),
                 meetings_seating.export_seating(clerk, meeting.id, tmp_path / "座次图.docx"),
                 meetings_seating.export_name_cards(clerk, meeting.id, tmp_path / "桌签.docx")):
        document = Document(str(path))
        marks = [p.text for s in document.sections for p in (s.header.paragraphs + s.footer.paragraphs)]
        assert "秘密" in marks, path.name  # every page of a classified meeting's print
    notice = "\n".join(p.text for p in Document(str(tmp_path / "通知.docx")).paragraphs)
    assert "关于召开市政府第1次常务会议的通知" in notice and "一、会议时间" in notice and "回　执" in notice
    assert "手机等通信工具一律不得带入会场" in notice
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 8


def test_a_late_change_to_the_list_re_lays_the_seats(clerk, tmp_path):
    meeting = nine_at_meeting(clerk, tmp_path)
    people = attendees.listed(clerk, meeting.id)
    attendees.mark(clerk, people[1].id, on_leave=True, note="出差")  # 李明华 away: 张卫东 moves up
    (page,) = pdf_text(meetings_seating.export_seating(clerk, meeting.id, tmp_path / "s.pdf"))
    assert "李明华" not in page
    # six left, by 排序 王建国 张卫东 陈秀英 欧阳建华 孙立新 赵国庆, seen from the floor as 5 3 1 2 4 6
    order = ["孙立新", "陈秀英", "王建国", "张卫东", "欧阳建华", "赵国庆"]
    positions = [page.index(name) for name in order]
    assert positions == sorted(positions)
    cards = pdf_text(meetings_seating.export_name_cards(clerk, meeting.id, tmp_path / "c.pdf"))
    assert len(cards) == 8


def test_exports_need_an_attendee_list(clerk, tmp_path):
    meeting = meetings.create(clerk, {"type": "专题会议", "title": "研究防汛工作", "date": "2026-07-01"})
    with pytest.raises(ValidationError, match="还没有参会人员名单"):
        meetings_seating.export_seating(clerk, meeting.id, tmp_path / "s.pdf")
    with pytest.raises(ValidationError, match="扩展名应为"):
        meetings_seating.export_name_cards(clerk, meeting.id, tmp_path / "c.xlsx")


def test_the_cli_plans_moves_imports_and_prints(clerk, database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SANBAN_PASSWORD", "Zhang@2026abc")
    base = ["--db", str(database), "--user", "zhangsan"]
    assert main([*base, "import", "meeting-template", str(office_template(tmp_path)), "--name", "常务会议"]) == 0
    assert "保存为第 2 版" in capsys.readouterr().out
    assert main([*base, "meeting", "new", "--type", "常务会议", "--title", "研究重点项目推进工作", "--date",
                 "2026-10-09", "--time", "09:30", "--place", "市政府第一会议室"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    meeting_id = out[-1]
    assert meeting_id.isdigit() and "市政府第1次常务会议" in out[0]
    assert main([*base, "meeting", "move", "--id", meeting_id, "--date", "2026-10-16"]) == 0
    assert "4 项期限随之调整" in capsys.readouterr().out
    db.connect(str(database))
    assert [i.due for i in meetings.checklist(clerk, int(meeting_id))] == [
        date(2026, 10, 10), date(2026, 10, 13), date(2026, 10, 16), date(2026, 10, 21)]
    assert main([*base, "import", "attendees", "--meeting", meeting_id, str(nine(tmp_path))]) == 0
    for report, name in (("seating", "s.pdf"), ("name-cards", "c.docx"), ("sign-in", "q.docx"),
                         ("meeting-notice", "n.docx"), ("meeting-checklist", "k.xlsx")):
        assert main([*base, "export", report, "--id", meeting_id, "-o", str(tmp_path / name)]) == 0, report
        assert (tmp_path / name).stat().st_size > 0
    capsys.readouterr()
    assert main([*base, "import", "attendees", str(nine(tmp_path))]) == 1
    assert "--meeting" in capsys.readouterr().err
    assert main([*base, "meeting", "new", "--type", "常务会议", "--title", "x", "--date", "2026-10-09", "--time",
                 "25:00"]) == 1
    assert "24 小时制" in capsys.readouterr().err
    header = ["序号", "议定事项", "牵头单位", "配合单位", "完成时限"]
    decisions = sheet(tmp_path / "议定.xlsx", "议定事项分解表", header,
                      [(1, "修改完善推进方案", "市发展和改革委员会", "市财政局", "2026年10月30日")])
    assert main([*base, "import", "decisions", "--meeting", meeting_id, str(decisions)]) == 1  # not yet held
    assert "不能登记议定事项" in capsys.readouterr().err
    assert main([*base, "meeting", "phase", "--id", meeting_id, "--to", "开会"]) == 1
    assert "应为：发出通知、开始会议" in capsys.readouterr().err
    assert main([*base, "meeting", "phase", "--id", meeting_id, "--to", "发出通知"]) == 0
    assert main([*base, "meeting", "phase", "--id", meeting_id, "--to", "开始会议"]) == 1  # 会前 items open
    assert "会前必办事项未完成" in capsys.readouterr().err
    for step in ("开始会议", "结束会议"):
        assert main([*base, "meeting", "phase", "--id", meeting_id, "--to", step, "--override", "补录"]) == 0
    assert capsys.readouterr().out.strip().endswith("：已结束")
    for step, day in (("起草", "2026-10-16"), ("审核", "2026-10-19"), ("签发", "2026-10-19")):
        assert main([*base, "meeting", "minutes", "--id", meeting_id, "--step", step, "--person", "王秘书",
                     "--date", day]) == 0
    assert capsys.readouterr().out.strip().endswith("常务会议纪要〔2026〕1号已签发；会议阶段 纪要已签发")
    assert main([*base, "import", "decisions", "--meeting", meeting_id, str(decisions)]) == 0
    assert "议定事项 1 项已登记，已交办 1 项" in capsys.readouterr().out


def test_a_task_alone_on_its_row_is_reported_not_dropped(clerk, tmp_path):
    path = sheet(tmp_path / "t.xlsx", "专题会议检点单", ["阶段", "事项", "责任人", "时限"],
                 [("会前", "报请副市长确定议题", "秘书科", "会前3个工作日"), (None, "会场布置")])
    _, errors = meeting_import.import_template(clerk, path)
    assert errors == [f"第 5 行：请填写时限，如{EXAMPLES}。"]


def test_decisions_whose_hand_over_is_refused_are_not_left_behind(clerk, tmp_path):
    from models.meetings import decisions

    meeting = meetings.create(clerk, {"type": "专题会议", "title": "研究防汛工作", "date": "2026-06-05"})
    for action in ("notify", "open", "close"):
        meetings.advance(clerk, meeting.id, action, override="补录")
    path = sheet(tmp_path / "议定.xlsx", "议定事项", ["议定事项", "牵头单位", "完成时限"],
                 [("修改完善防汛预案", "市应急管理局", "2026-06-30"), ("清理河道", "市水利局", "2026-06-01")])
    with pytest.raises(ValidationError, match="第 2 项议定事项「清理河道」：办结时限 2026-06-01 早于交办日期"):
        meeting_import.import_decisions(clerk, path, meeting=meeting.id)
    assert decisions.listed(clerk, meeting.id) == []  # nothing half-written: the sheet can be fixed and re-imported
