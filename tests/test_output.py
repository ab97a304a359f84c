"""Office-grade output (issue 13): no print fails on content the program accepted, every page of classified
content carries its 密级, and the ledgers print at a readable size."""

import inspect
from datetime import timedelta

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from exporters import documents as document_exports
from exporters import secrecy as secrecy_exports
from models.core import clock
from models.core.rights import Role
from models.documents import incoming as documents
from models.documents.incoming import Incoming
from tests.pdf_text import pdf_text

TEXT_LIMIT = inspect.signature(documents.text_value).parameters["limit"].default  # the models' own 2,000
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
PRINTABLE = st.one_of(CJK, st.sampled_from(list("，。；：、（）〔〕0123456789abcXYZ \n")))


def flat(page: str) -> str:
    return page.replace(" ", "").replace("\n", "").replace("\r", "").replace("\xa0", "")


def secret_document(clerk, instructions: list[str], secrecy: str = "机密"):
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "secrecy": secrecy,
                                        "title": "关于做好年终工作的通知", "copies": 1, "copy_nos": "000001"})
    documents.propose(clerk, doc.id, "请周主任阅示。")
    for number, text in enumerate(instructions):
        documents.instruct(clerk, doc.id, f"领导{number + 1}", text)
    return Incoming.get_by_id(doc.id)


def test_a_1500_character_instruction_prints_on_every_page_with_its_mark_and_number(clerk, tmp_path):
    doc = secret_document(clerk, ["请认真研究落实。" * 188])  # 1,504 characters
    slip = document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.pdf")
    pages = [flat(p) for p in pdf_text(slip)]
    assert len(pages) >= 2
    assert all(p.startswith("机密") and doc.receipt_no in p for p in pages)
    assert "文件处理笺（续）" in pages[1] and "领导批示（续）" in pages[1]
    assert "请认真研究落实" in pages[0]  # the 批示 starts on page 1, not below a gap
    assert document_exports.export_ledger(clerk, "incoming-progress", tmp_path / "progress.pdf") == 1
    pages = [flat(p) for p in pdf_text(tmp_path / "progress.pdf")]
    assert len(pages) >= 2 and all(p.startswith("机密") and "收文编号" in p for p in pages)
    assert f"{doc.receipt_no}（续）" in pages[1]


def test_three_long_instructions_make_a_routing_slip_in_both_formats(clerk, tmp_path):
    doc = secret_document(clerk, ["请有关部门抓紧办理并及时报告进展情况。" * 26] * 3)  # 3 × 494 characters
    assert pdf_text(document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.pdf"))
    word = Document(document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.docx"))
    labels = [r.cells[0].text for r in word.tables[0].rows]
    assert "领导批示" in labels and "领导批示（续）" in labels
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text.startswith("机密") and doc.receipt_no in section.header.paragraphs[0].text


def test_a_long_instruction_continues_on_its_own_row_in_the_xlsx(clerk, tmp_path):
    doc = secret_document(clerk, ["请认真研究落实。" * 100])
    document_exports.export_ledger(clerk, "incoming-progress", tmp_path / "progress.xlsx")
    ws = load_workbook(tmp_path / "progress.xlsx").active
    header = [c.value for c in ws[3]]
    assert "密级" in header and ws.cell(4, header.index("密级") + 1).value == "机密★"
    assert ws.cell(5, 1).value == f"{doc.receipt_no}\n（续）"
    assert ws.oddHeader.left.text == "机密" and ws["A1"].value == "机密"
    assert all(ws.row_dimensions[r].height <= 409 for r in (4, 5))  # a spreadsheet row can be no taller


def test_an_empty_module_exports_a_clean_sheet(three, clerk, tmp_path):
    sec = three[Role.SECADMIN]
    assert secrecy_exports.export_table(sec, "personnel-roster", tmp_path / "roster.xlsx") == 0
    ws = load_workbook(tmp_path / "roster.xlsx").active
    assert ws["A4"].value == "（无）" and ws.max_column == 15
    assert document_exports.export_ledger(clerk, "incoming-progress", tmp_path / "in.pdf") == 0
    assert "（无）" in flat(pdf_text(tmp_path / "in.pdf")[0])
    assert document_exports.export_day_check(clerk, tmp_path / "day.xlsx") == 0
    assert load_workbook(tmp_path / "day.xlsx").active["A4"].value == "（无）"


def test_ledgers_print_at_a_readable_size_with_rows_tall_enough(clerk, tmp_path):
    for n in range(3):
        documents.register(clerk, {"received_on": clock.today(), "source_org": "市人民政府办公室",
                                   "title": f"关于进一步做好第{n}批重点项目建设用地保障和审批服务工作的通知" * 2})
    document_exports.export_ledger(clerk, "incoming-progress", tmp_path / "progress.xlsx")
    ws = load_workbook(tmp_path / "progress.xlsx").active
    scale = ws.page_setup.scale
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and scale in (90, 100)
    assert ws.page_setup.orientation == "landscape" and "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    assert ws["D4"].font.size * scale / 100 >= 9  # as printed
    widths = [ws.column_dimensions[chr(65 + i)].width for i in range(ws.max_column)]
    # landscape A4 less the margins is about 784 pt, and a column unit at most 7 pt (LibreOffice's)
    assert sum(widths) * 7 * scale / 100 <= 784 - 72 * (ws.page_margins.left + ws.page_margins.right) + 57.6
    assert ws.cell(4, 1).value == ws.cell(4, 1).value.strip() and widths[0] * 7 >= 10.5 * 7 + 6  # 收文编号 unwrapped
    title_width = widths[3]
    lines = -(-len(ws["D4"].value) * 2 // (title_width - 1))
    assert ws.row_dimensions[4].height >= lines * 13  # the wrapped title has room for its lines
    assert ws.row_dimensions[2].height >= 36  # the title stands clear of the header


def test_the_day_check_carries_the_highest_mark(clerk, tmp_path):
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市保密局", "title": "关于甲的通知",
                               "secrecy": "秘密", "copies": 1, "copy_nos": "000002"})
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于乙的通知"})
    document_exports.export_day_check(clerk, tmp_path / "day.xlsx")
    ws = load_workbook(tmp_path / "day.xlsx").active
    assert ws["A1"].value == "秘密" and ws.oddHeader.left.text == "秘密" and ws["D3"].value == "密级"


def test_the_brief_is_marked_from_the_open_items_it_quotes(duty, tmp_path):
    from exporters import duty as duty_exports
    from models.duty import brief as duty_brief
    from models.duty import log as duty_log

    day = clock.today() - timedelta(days=2)
    duty_log.log(duty, {"kind": "来文", "at": f"{day} 15:00", "unit": "市委办公室", "secrecy": "机密",
                        "subject": "关于做好重要活动安保工作的通知"})
    first = duty_brief.save(duty, duty_brief.draft_brief(duty, day))
    second_draft = duty_brief.draft_brief(duty, day + timedelta(days=1))
    assert "关于做好重要活动安保工作的通知" in second_draft.open_items and not second_draft.items
    second = duty_brief.save(duty, second_draft)
    assert (first.secrecy, second.secrecy) == ("机密", "机密")
    pages = pdf_text(duty_exports.export_brief(duty, second.id, tmp_path / "brief.pdf"))
    assert flat(pages[0]).startswith("机密")


def test_every_page_of_a_long_brief_carries_its_mark(duty, tmp_path):
    from exporters import duty as duty_exports
    from models.duty import brief as duty_brief
    from models.duty import log as duty_log

    day = clock.today() - timedelta(days=1)
    for n in range(4):
        duty_log.log(duty, {"kind": "来电", "at": f"{day} 1{n}:00", "unit": "县应急局", "secrecy": "秘密",
                            "subject": f"第{n}次通报：" + "各乡镇加强巡查，确保群众安全。" * 20})
    brief = duty_brief.save(duty, duty_brief.draft_brief(duty, day))
    pages = [flat(p) for p in pdf_text(duty_exports.export_brief(duty, brief.id, tmp_path / "brief.pdf"))]
    assert len(pages) >= 2 and all(p.startswith("秘密") for p in pages)
    word = Document(duty_exports.export_brief(duty, brief.id, tmp_path / "brief.docx"))
    assert word.sections[0].header.paragraphs[0].text.startswith("秘密")


def _limit(field: str) -> int:
    return Incoming._meta.fields[field].max_length


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(PRINTABLE, min_size=1, max_size=_limit("title")).filter(str.strip),
       source=st.text(PRINTABLE, min_size=1, max_size=_limit("source_org")).filter(str.strip),
       instruction=st.text(PRINTABLE, min_size=1, max_size=TEXT_LIMIT).filter(str.strip),
       proposal=st.text(PRINTABLE, min_size=1, max_size=TEXT_LIMIT).filter(str.strip))
def test_any_text_within_the_limits_exports(clerk, tmp_path, title, source, instruction, proposal):
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": source, "title": title,
                                        "secrecy": "秘密", "copies": 1, "copy_nos": "000003"}, confirm=True)
    documents.propose(clerk, doc.id, proposal)
    documents.instruct(clerk, doc.id, "周主任", instruction)
    for name in ("slip.pdf", "slip.docx"):
        assert document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / name).stat().st_size
    for report in ("incoming-ledger", "incoming-progress"):
        for suffix in (".pdf", ".xlsx"):
            assert document_exports.export_ledger(clerk, report, tmp_path / f"{report}{suffix}") >= 1
    pages = [flat(p) for p in pdf_text(tmp_path / "incoming-progress.pdf")]
    assert all(p.startswith("秘密") for p in pages)


@pytest.mark.parametrize("report", ["incoming-ledger", "incoming-progress", "outgoing-ledger", "outgoing-progress"])
def test_every_ledger_of_an_empty_year_exports(clerk, tmp_path, report):
    for suffix in (".pdf", ".xlsx"):
        assert document_exports.export_ledger(clerk, report, tmp_path / f"x{suffix}") == 0
    assert load_workbook(tmp_path / "x.xlsx").active["A4"].value == "（无）"


def test_numbers_and_dates_keep_to_one_line_on_the_forms(clerk, tmp_path):
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市生态环境局", "copies": 3,
                                        "doc_no": "市生态发〔2026〕27号", "copy_nos": "000067-000069",
                                        "title": "关于做好年终工作的通知", "secrecy": "秘密"})
    pdf = pdf_text(document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.pdf"))[0]
    lines = [line.replace(" ", "") for line in pdf.replace("\r", "\n").split("\n")]  # a wrapped cell breaks
    day = f"{clock.today().year}年{clock.today().month}月{clock.today().day}日"
    for value in ("市生态发〔2026〕27号", "3（份号000067-000069）", day):
        assert any(value in line for line in lines), value


def test_seal_boxes_are_big_enough_and_the_drafting_sheet_is_complete(three, clerk, tmp_path):
    from exporters.forms import drafting_sheet
    from exporters.secrecy import registration_form
    from models.documents import outgoing
    from models.documents.reports import drafting_sheet as sheet_values

    blank = {k: "" for k in ("name", "gender", "birth", "political", "id_number", "unit_position", "posts", "level",
                             "since", "nature", "first_review", "reviews", "pledges", "trainings", "passports",
                             "leaving", "note")}
    seals = [row.height_mm for row in registration_form("县委办公室", blank).rows
             if any("盖章" in c.sign for c in row.cells)]
    assert len(seals) == 2 and min(seals) >= 30
    draft = outgoing.draft(clerk, {"title": "关于做好值班工作的通知", "draft_unit": "综合科", "drafter": "陈静",
                                   "prefix": "县委办发",
                                   "secrecy": "秘密", "urgency": "特急"})
    form = drafting_sheet("县委办公室", sheet_values(clerk, draft.id))
    assert form.mark_right and form.mark.startswith("秘密") and form.urgency == "特急"
    labels = [c.text for row in form.rows for c in row.cells if c.label]
    assert "印　　制" in labels and "份　　数" in labels and "校　　对" in labels


def _outgoing_limit(field: str) -> int:
    from models.documents.outgoing import Outgoing

    return Outgoing._meta.fields[field].max_length


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(PRINTABLE, min_size=1, max_size=_outgoing_limit("title")).filter(str.strip),
       unit=st.text(PRINTABLE, min_size=1, max_size=_outgoing_limit("draft_unit")).filter(str.strip),
       main_to=st.text(PRINTABLE, max_size=TEXT_LIMIT), attachments=st.text(PRINTABLE, max_size=TEXT_LIMIT))
def test_any_draft_within_the_limits_exports(clerk, tmp_path, title, unit, main_to, attachments):
    from models.documents import outgoing

    doc = outgoing.draft(clerk, {"title": title, "draft_unit": unit, "drafter": "陈静", "prefix": "县委办发",
                                 "main_to": main_to, "attachments": attachments, "secrecy": "机密"})
    for name in ("sheet.pdf", "sheet.docx"):
        assert document_exports.export_form(clerk, "drafting-sheet", doc.id, tmp_path / name).stat().st_size
    for report in ("outgoing-ledger", "outgoing-progress"):
        for suffix in (".pdf", ".xlsx"):
            assert document_exports.export_ledger(clerk, report, tmp_path / f"{report}{suffix}") >= 1
    assert all(flat(p).startswith("机密") for p in pdf_text(tmp_path / "sheet.pdf"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=st.text(PRINTABLE, min_size=1, max_size=TEXT_LIMIT).filter(str.strip),
       unit=st.text(PRINTABLE, max_size=100))
def test_any_log_entry_within_the_limits_prints_in_the_brief(duty, tmp_path, subject, unit):
    from exporters import duty as duty_exports
    from models.duty import brief as duty_brief
    from models.duty import log as duty_log

    entry, _ = duty_log.log(duty, {"kind": "突发事件", "at": clock.now() - timedelta(hours=1), "unit": unit,
                                   "subject": subject, "secrecy": "秘密"})
    flash = duty_brief.save(duty, duty_brief.draft_flash(duty, entry.id))
    for name in ("flash.pdf", "flash.docx"):
        assert duty_exports.export_brief(duty, flash.id, tmp_path / name).stat().st_size
    assert all(flat(p).startswith("秘密") for p in pdf_text(tmp_path / "flash.pdf"))


def test_a_printed_ledger_keeps_its_numbers_and_dates_on_one_line(tmp_path):
    from exporters.pdf_ledger import write_ledger_pdf

    columns = [("标题", 34), ("拟稿单位", 11), ("发文字号", 18), ("签发日期", 11), ("分发", 40), ("备注", 40)]
    rows = [(f"关于做好第{n}项重点工作的通知" * 3, "县委办公室综合科", f"县委办发〔2026〕{100 + n}号", "2026-11-30",
             "各乡镇党委、县直各单位" * 6, "已印发，请各单位按要求落实" * 5) for n in range(5)]
    write_ledger_pdf(tmp_path / "ledger.pdf", "发文审核进度台账", columns, rows)
    lines = [line.replace(" ", "") for line in pdf_text(tmp_path / "ledger.pdf")[0].replace("\r", "\n").split("\n")]
    for n in range(5):
        assert any(f"县委办发〔2026〕{100 + n}号" in line for line in lines)


def test_a_long_reminder_slip_keeps_to_one_page(clerk, tmp_path):
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "secrecy": "秘密",
                                        "title": "关于进一步加强和改进新形势下重点领域风险防范化解工作的通知" * 2,
                                        "copies": 1, "copy_nos": "000004"})
    documents.propose(clerk, doc.id, "请周主任阅示。")
    documents.assign(clerk, doc.id, "综合科", 10, handler="张三")
    documents.remind(clerk, doc.id, "综合科", "电话", "请抓紧办理并于本周内书面反馈办理进展。" * 16)
    pages = pdf_text(document_exports.export_form(clerk, "reminder-slip", doc.id, tmp_path / "remind.pdf"))
    assert len(pages) == 1 and "办理情况" in flat(pages[0]) and "承办单位（盖章）" in flat(pages[0])


# --- typefaces, 禁则 and small faults (issue 13 points 5 and the smaller faults) -------------------------------

def _embedded(pages: list[list[str]]) -> set[str]:
    return {f for page in pages for f in page if f != "Helvetica"}  # reportlab's initial font draws nothing


def test_the_brief_pdf_embeds_distinct_faces_for_masthead_headings_and_body(duty, tmp_path):
    from exporters import duty as duty_exports
    from exporters import fonts
    from models.duty import brief as duty_brief
    from models.duty import log as duty_log
    from tests.pdf_text import pdf_fonts

    day = clock.today() - timedelta(days=1)
    duty_log.log(duty, {"kind": "来电", "at": f"{day} 10:00", "unit": "县应急局", "subject": "通报强降雨"})
    brief = duty_brief.save(duty, duty_brief.draft_brief(duty, day))
    used = _embedded(pdf_fonts(duty_exports.export_brief(duty, brief.id, tmp_path / "brief.pdf")))
    assert fonts.heading_font() != fonts.body_font() and fonts.title_font() != fonts.body_font()
    assert len(used) >= 2, used  # a 黑体-like face for the masthead and headings, a 宋/仿宋 face for the text


def test_the_office_fonts_win_over_the_shipped_ones(tmp_path, monkeypatch):
    import shutil

    from exporters import fonts
    from models.core.paths import resources_dir

    office = tmp_path / "Fonts"
    office.mkdir()
    shutil.copy(resources_dir() / "fonts" / "gkai00mp.ttf", office / "SIMFANG.TTF")  # stands in for 仿宋
    shutil.copy(resources_dir() / "fonts" / "gbsn00lp.ttf", office / "FZXBSJW.TTF")  # and for 方正小标宋简体
    shipped = fonts.font_dirs()
    monkeypatch.setattr(fonts, "font_dirs", lambda: [*shipped, office])
    fonts.forget()
    try:
        assert (fonts.body_font(), fonts.title_font()) == ("Sanban-SIMFANG", "Sanban-FZXBSJW")
        assert fonts.heading_font() == "Sanban-wqy-microhei"  # no 黑体 there: the shipped 黑
    finally:
        monkeypatch.undo()
        fonts.forget()
    assert fonts.body_font() in ("Sanban-gbsn00lp", "Sanban-simfang", "Sanban-simsun")


def test_a_character_outside_the_body_face_prints_in_the_fallback_face(clerk, tmp_path):
    from exporters import fonts

    body = fonts.body_font()
    rare = next(c for c in "喆堃昇犇" if c not in fonts._glyphs(body))
    assert f"<font name='{fonts.font_for('fallback')}'>{rare}</font>" in fonts.markup(f"王{rare}同志", body)
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": f"市委办公室王{rare}",
                                        "title": "关于做好年终工作的通知"})
    pages = pdf_text(document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.pdf"))
    assert f"王{rare}" in flat(pages[0])


def test_word_files_name_the_office_fonts_for_chinese_text(duty, tmp_path):
    from docx.oxml.ns import qn

    from exporters import duty as duty_exports
    from models.duty import brief as duty_brief

    brief = duty_brief.save(duty, duty_brief.draft_brief(duty, clock.today() - timedelta(days=1)))
    word = Document(duty_exports.export_brief(duty, brief.id, tmp_path / "brief.docx"))
    faces = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for p in word.paragraphs for r in p.runs}
    assert {"仿宋_GB2312", "黑体", "方正小标宋简体"} <= faces


CLOSING = "，。、；：！？）」』》…"
OPENING = "（「『《“"
KINSOKU_TEXT = st.text(st.one_of(CJK, st.sampled_from(list(CLOSING + OPENING + "0123456789ab"))), max_size=300)



@settings(max_examples=200, deadline=None)
@given(text=KINSOKU_TEXT, units=st.integers(min_value=6, max_value=60))
def test_our_own_wrapping_never_starts_a_line_with_closing_punctuation(text, units):
    from exporters.forms import text_lines
    from exporters.linebreak import CANNOT_END, CANNOT_START, break_lines

    lines = break_lines(text, units)
    assert "".join(lines) == text
    for before, after in zip(lines, lines[1:], strict=False):
        # only a line made entirely of marks (nothing left to carry down with them) may break the rule
        if any(c not in CANNOT_START and c not in CANNOT_END for c in before):
            assert after[0] not in CANNOT_START and before[-1] not in CANNOT_END, lines
    assert "".join(text_lines(text, units * 2.5, 14)) == text  # the forms' wrapping keeps every character


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.one_of(CJK, st.sampled_from(list(CLOSING + OPENING + "0123456789ab"))), min_size=40,
                   max_size=300), width=st.integers(min_value=40, max_value=200), rare=st.booleans())
def test_printed_paragraphs_never_start_a_line_with_closing_punctuation(text, width, rare):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from exporters import fonts
    from exporters.linebreak import CANNOT_END, CANNOT_START

    body = fonts.body_font()
    style = ParagraphStyle("t", fontName=body, fontSize=10, leading=13, wordWrap="CJK")
    paragraph = Paragraph(fonts.markup(("喆" if rare else "") + text, body), style)  # one font, or two
    paragraph.wrap(width, 1e9)
    lines = ["".join(w.text for w in line.words) if hasattr(line, "words") else "".join(line[1])
             for line in paragraph.blPara.lines]
    assert "".join(lines).replace(" ", "") == (("喆" if rare else "") + text).replace(" ", "")
    for before, after in zip(lines, lines[1:], strict=False):
        if before and after and any(c not in CANNOT_START and c not in CANNOT_END for c in before):
            assert after[0] not in CANNOT_START and before[-1] not in CANNOT_END, lines


def test_a_name_and_its_phone_stay_together_in_the_contact_list(duty):
    from exporters.duty import roster_table
    from models.duty import roster

    roster.set_day(duty, clock.today(), {"leader": "王某", "白班": "赵值班", "phones": "赵值班 13808710011"})
    _, _, notes = roster_table(duty, clock.today().year, clock.today().month)
    assert "赵值班\xa013808710011" in notes[0]  # a no-break space: no line ends between them


def test_flash_instructions_give_their_times_in_words(duty):
    from models.duty import brief as duty_brief
    from models.duty import log as duty_log

    entry, _ = duty_log.log(duty, {"kind": "突发事件", "at": clock.now() - timedelta(hours=2), "unit": "青山镇政府",
                                   "place": "青山镇石桥村二组", "subject": "石桥村二组发生山体滑坡，暂无人员伤亡"})
    duty_log.instruct(duty, entry.id, "周主任", "请立即组织转移群众。")
    draft = duty_brief.draft_flash(duty, entry.id)
    said = {i.heading: i.text for i in draft.items}
    assert said["领导批示"] == "周主任（6月10日10时）：请立即组织转移群众。"
    assert draft.title == "关于青山镇石桥村二组发生山体滑坡的情况"


def test_the_routing_slip_result_box_has_its_signature_line(clerk, tmp_path):
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于乙的通知"})
    pages = pdf_text(document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.pdf"))
    assert "承办人：" in flat(pages[0]) and flat(pages[0]).count("年月日") >= 1
    word = Document(document_exports.export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.docx"))
    result = next(r for r in word.tables[0].rows if r.cells[0].text == "办理结果")
    assert "承办人：" in result.cells[1].text


def test_each_page_of_a_printed_ledger_carries_the_highest_mark_of_its_own_rows(tmp_path):
    from exporters.pdf_ledger import write_ledger_pdf

    columns = [("收文编号", 12), ("标题", 40), ("密级", 10)]
    marks = {0: "机密★10年", 80: "秘密★"}
    rows = [(f"收〔2026〕{n}号", f"关于第{n}项工作的通知", marks.get(n, "")) for n in range(120)]
    write_ledger_pdf(tmp_path / "ledger.pdf", "收文办理进度台账", columns, rows, "机密")
    pages = [flat(p) for p in pdf_text(tmp_path / "ledger.pdf")]
    holding = [next(n for n, p in enumerate(pages) if f"收〔2026〕{k}号" in p) for k in (0, 80)]
    assert pages[holding[0]].startswith("机密") and pages[holding[1]].startswith("秘密")
    assert len(pages) > 3 and not any(p.startswith(("机密", "秘密")) for n, p in enumerate(pages) if n not in holding)
