"""公文 files in and out: importing old ledgers (every kind of failure), exports opened and checked."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from importers import ledger_import
from models.core import clock
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.documents import incoming as documents
from models.documents import outgoing as dispatch

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
HEADER = ["登记号", "日期", "来文机关", "来文字号", "文件题目", "密级", "份数", "承办科室", "结果"]


def sheet(tmp_path, rows, name="ledger.xlsx", title="县委办公室2025年收文登记") -> Path:
    book = Workbook()
    ws = book.active
    if title:
        ws.append([title])
        ws.merge_cells("A1:I1")
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    book.save(path)
    return path


GOOD = [HEADER,
        ["2025-0001", "10月8日", "市委办公室", "市委办发(2025)31号", "关于做好安全生产工作的通知", None, 2, "综合科", "已办结"],
        [None] * 9,
        ["2025-0002", "2025.10.9", "市财政局", "市财预〔２０２５〕６２号", "关于下达资金的通知", "秘密★1年", 1, None, None],
        [None, None, None, None, "合计：2件", None, None, None, None]]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")
def test_the_sample_ledgers_import_as_they_are(clerk):
    parsed, written = ledger_import.run(clerk, SAMPLES / "收文登记簿-示例.xlsx", "incoming")
    assert (written, parsed.header_row, parsed.year, parsed.errors) == (8, 2, 2025, [])
    assert documents.Incoming.get(documents.Incoming.legacy_no == "2025-0004").received_at.date() == date(2025, 10, 20)
    parsed, written = ledger_import.run(clerk, SAMPLES / "发文登记簿-示例.xlsx", "outgoing")
    assert written == 4
    checks = {c.prefix: c for c in dispatch.number_check(clerk, 2025)}
    assert checks["县委办发"].gaps == [43]  # voided on paper, noted in 备注: the report shows it


def test_a_good_file_imports_and_a_second_run_doubles_nothing(clerk, tmp_path):
    path = sheet(tmp_path, GOOD)
    parsed, written = ledger_import.run(clerk, path, "incoming")
    assert written == 2 and [n for n, _ in parsed.skipped] == [6]
    first = documents.Incoming.get(documents.Incoming.legacy_no == "2025-0001")
    assert (first.receipt_no, first.status, first.doc_no) == ("收〔2025〕1号", "closed", "市委办发〔2025〕31号")
    second = documents.Incoming.get(documents.Incoming.legacy_no == "2025-0002")
    assert (second.secrecy, second.secrecy_term, second.doc_no) == ("秘密", "1年", "市财预〔2025〕62号")
    again, written = ledger_import.run(clerk, path, "incoming")
    assert written == 0 and len([m for _, m in again.skipped if "已在收文登记簿中" in m]) == 2
    assert documents.Incoming.select().count() == 2
    assert AuditEntry.select().where(AuditEntry.action == "import").count() == 1


@pytest.mark.parametrize(("row", "message"), [
    (["1", "", "市委办公室", "", "关于A的通知", None, 1, None, None], "收文日期"),
    (["1", "13月5日", "市委办公室", "", "关于A的通知", None, 1, None, None], "日期"),
    (["1", "10月8日", "", "", "关于A的通知", None, 1, None, None], "来文单位"),
    (["1", "10月8日", "市委办公室", "", "", None, 1, None, None], "标题"),
    (["1", "10月8日", "市委办公室", "市委办发31号", "关于A的通知", None, 1, None, None], "缺少年份"),
    (["1", "10月8日", "市委办公室", "", "关于A的通知", "高度机密", 1, None, None], "密级"),
    (["1", "10月8日", "市委办公室", "", "关于A的通知", None, "两份", None, None], "份数"),
])
def test_every_bad_row_is_reported_by_its_excel_row_and_nothing_is_written(clerk, tmp_path, row, message):
    path = sheet(tmp_path, [HEADER, GOOD[1], row])
    parsed, written = ledger_import.run(clerk, path, "incoming")
    assert written == 0 and documents.Incoming.select().count() == 0
    assert [n for n, _ in parsed.errors] == [4]  # title row 1, header 2, good row 3, bad row 4
    assert message in parsed.errors[0][1]
    parsed, written = ledger_import.run(clerk, path, "incoming", valid_only=True)
    assert written == 1  # the wizard's 「只导入无误的行」


def test_dates_without_a_year_need_one(clerk, tmp_path):
    path = sheet(tmp_path, [HEADER, GOOD[1]], title="收文登记")
    parsed, _ = ledger_import.run(clerk, path, "incoming", dry_run=True)
    assert "找不到年份" in parsed.errors[0][1]
    parsed, written = ledger_import.run(clerk, path, "incoming", year=2025)
    assert written == 1


def test_rows_twice_in_the_file_are_errors(clerk, tmp_path):
    path = sheet(tmp_path, [HEADER, GOOD[1], GOOD[1]])
    parsed, written = ledger_import.run(clerk, path, "incoming")
    assert written == 0 and "与第 3 行重复" in parsed.errors[0][1]


@pytest.mark.parametrize(("rows", "message"), [
    ([["甲", "乙", "丙"], ["1", "2", "3"]], "找不到表头"),
    ([["登记号", "日期", "来文机关"], ["1", "10月8日", "市委"]], "找不到「标题」列"),
    ([], "是空的"),
])
def test_files_that_are_not_ledgers_say_so(clerk, tmp_path, rows, message):
    with pytest.raises(ValidationError, match=message):
        ledger_import.run(clerk, sheet(tmp_path, rows, title=None), "incoming")


def test_unreadable_files_say_so(clerk, tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match="另存为"):
        ledger_import.run(clerk, old, "incoming")
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a zip")
    with pytest.raises(ValidationError, match="已损坏"):
        ledger_import.run(clerk, broken, "incoming")


def test_outgoing_numbers_used_by_another_title_are_errors(clerk, tmp_path):
    rows = [["序号", "发文字号", "标题", "拟稿科室", "签发日期"],
            [1, "县委办发〔2025〕41号", "关于甲的通知", "秘书科", "2025.10.11"],
            [2, "县委办发〔2025〕41号", "关于乙的通知", "秘书科", "2025.10.12"]]
    parsed, written = ledger_import.run(clerk, sheet(tmp_path, rows, title=None), "outgoing")
    assert written == 0 and "与第 2 行重复" in parsed.errors[0][1]
    parsed, written = ledger_import.run(clerk, sheet(tmp_path, rows[:2], title=None), "outgoing")
    assert written == 1
    doc = dispatch.draft(clerk, {"prefix": "县委办发", "title": "关于丙的通知", "draft_unit": "秘书科", "drafter": "刘某",
                                 "drafted_on": "2025-12-01"})
    dispatch.review(clerk, doc.id, "王科长")
    assert dispatch.sign(clerk, doc.id, "张书记", on="2025-12-01").doc_no == "县委办发〔2025〕42号"  # after the import


def test_ledger_export_is_print_ready_and_audited(clerk, tmp_path):
    from exporters.documents import export_ledger

    documents.register(clerk, {"received_on": clock.today(), "source_org": "市保密局", "title": "关于保密检查的通知",
                               "secrecy": "机密", "copies": 1, "copy_nos": "000003"})
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市财政局", "title": "关于资金的通知"})
    out = tmp_path / "ledger.xlsx"
    assert export_ledger(clerk, "incoming-ledger", out, clock.today().year) == 2
    ws = load_workbook(out).active
    assert ws["A1"].value == "机密" and "收文登记簿" in ws["A2"].value
    assert ws["A3"].value == "收文编号" and ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    assert ws["A3"].font.name == "宋体" and ws.max_row == 5
    entry = AuditEntry.select().where(AuditEntry.action == "export").get()
    assert "2 条" in entry.summary and "机密" in entry.summary


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_forms_are_written_and_audited(clerk, tmp_path, suffix):
    from docx import Document

    from exporters.documents import export_form

    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室",
                                        "title": "关于做好值班工作的通知", "urgency": "特急"})
    documents.instruct(clerk, doc.id, "周主任", "请秘书科抓紧落实")
    path = export_form(clerk, "routing-slip", doc.id, tmp_path / f"slip{suffix}")
    if suffix == ".docx":
        text = "\n".join(c.text for t in Document(path).tables for r in t.rows for c in r.cells)
        assert "请秘书科抓紧落实" in text and "市委办公室" in text
    else:
        assert path.read_bytes().startswith(b"%PDF") and b"FontFile2" in path.read_bytes()  # font embedded
    with pytest.raises(ValidationError, match="还没有催办记录"):
        export_form(clerk, "reminder-slip", doc.id, tmp_path / f"remind{suffix}")
    with pytest.raises(ValidationError, match="扩展名"):
        export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.txt")
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1


def test_an_office_template_overrides_the_built_in_form(clerk, tmp_path):
    from docx import Document

    from exporters.documents import export_form
    from models.core.paths import user_templates_dir

    user_templates_dir().mkdir(parents=True)
    template = Document()
    template.add_paragraph("本单位处理笺 {{ receipt_no }} {{ title }}")
    template.save(user_templates_dir() / "routing-slip.docx")
    doc, _ = documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    path = export_form(clerk, "routing-slip", doc.id, tmp_path / "slip.docx")
    assert Document(path).paragraphs[0].text == f"本单位处理笺 {doc.receipt_no} 关于甲的通知"


def test_importing_needs_the_right(three, tmp_path):
    from models.core.rights import Role

    with pytest.raises(PermissionDenied):
        ledger_import.run(three[Role.AUDITOR], sheet(tmp_path, GOOD), "incoming")


def test_the_day_check_and_the_number_check_are_exported(clerk, tmp_path):
    from openpyxl import load_workbook

    from exporters.documents import export_day_check, export_number_check

    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "title": "关于甲的通知"})
    assert export_day_check(clerk, tmp_path / "day.xlsx") == 1
    ws = load_workbook(tmp_path / "day.xlsx").active
    assert "当日盘点" in ws["A2"].value and [c.value for c in ws[4]][:3] == ["今日收文", f"收〔{clock.today().year}〕1号",
                                                                        "关于甲的通知"]
    with pytest.raises(ValidationError, match="没有编号的发文"):
        export_number_check(clerk, 2020, tmp_path / "numbers.xlsx")
    assert AuditEntry.select().where(AuditEntry.action == "export").count() == 1


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not present")
def test_the_number_check_export_shows_the_samples_gap(clerk, tmp_path):
    from openpyxl import load_workbook

    from exporters.documents import export_number_check

    ledger_import.run(clerk, SAMPLES / "发文登记簿-示例.xlsx", "outgoing")
    export_number_check(clerk, 2025, tmp_path / "numbers.xlsx")
    rows = {r[0]: r for r in load_workbook(tmp_path / "numbers.xlsx").active.iter_rows(min_row=4, values_only=True)}
    assert rows["县委办发〔2025〕"][1] == "有问题" and rows["县委办发〔2025〕"][4] == "43"


def test_a_ledger_prints_as_a_pdf_with_its_header_on_every_page(clerk, tmp_path):
    from exporters.documents import export_ledger
    from tests.pdf_text import pdf_text

    for n in range(60):
        documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "title": f"关于第{n}项工作的通知",
                                   "secrecy": "秘密" if n == 5 else "", "copy_nos": "000005" if n == 5 else "",
                                   "copies": "1"})
    assert export_ledger(clerk, "incoming-ledger", tmp_path / "ledger.pdf", clock.today().year) == 60
    pages = [p.replace(" ", "").replace("\n", "") for p in pdf_text(tmp_path / "ledger.pdf")]
    assert len(pages) >= 2 and pages[0].startswith("秘密") and "收文登记簿" in pages[0]
    assert all("收文编号" in p and f"共{len(pages)}页" in p for p in pages)  # header repeated, 第N页共M页
    assert b"FontFile2" in (tmp_path / "ledger.pdf").read_bytes()
