"""督办 exports: the 督查台账 (.xlsx/.pdf), the 督办单 at the item's level (issued and logged, refused with nothing
written), the 督查通报 (.xlsx figures equal the models', the .docx with the office's 版头), each page marked with
the highest 密级 on it; and `export supervision-*` on the command line with its exit codes."""

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from cli.app import run as cli_run
from exporters import supervision as exports
from models.core import settings
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.supervision import flow, reports
from models.supervision.items import SupervisionSlip
from tests.conftest import business_user
from tests.pdf_text import pdf_fonts, pdf_text
from tests.supervision_helpers import close, make
from tests.test_output import flat

D = date


@pytest.fixture
def office(clerk, move_clock):
    """As of 10 June: 县财政局 one on time, one overdue (红, 机密); 县教育局 one extended (原时限 kept), one closed
    late."""
    move_clock(D(2026, 6, 10))
    start = D(2026, 4, 1)
    on_time = make(clerk, title="完成城东供水管网改造方案", due="2026-05-20", assigned_on=start)
    close(clerk, on_time.id, on=D(2026, 5, 18))
    late = make(clerk, title="核查农民工工资拖欠问题", due="2026-05-29", assigned_on=start, secrecy="机密",
                requirement="逐户核实，按月报送进展。")
    extended = make(clerk, lead_unit="县教育局", title="增设城区公办幼儿园学位", due="2026-05-15", assigned_on=start)
    flow.request_extension(clerk, extended.id, "2026-07-31", "需新建园舍。", on=D(2026, 5, 10))
    flow.approve_extension(clerk, extended.id, on=D(2026, 5, 11))
    closed_late = make(clerk, lead_unit="县教育局", title="中小学课后服务全覆盖", due="2026-05-08", assigned_on=start)
    close(clerk, closed_late.id, on=D(2026, 5, 20))
    return {"on_time": on_time.id, "late": late.id, "extended": extended.id, "closed_late": closed_late.id}


def test_the_ledger_lists_every_item_with_its_limits_state_and_colour(clerk, office, tmp_path):
    assert exports.export_ledger(clerk, tmp_path / "台账.xlsx") == 4
    sheet = load_workbook(tmp_path / "台账.xlsx").active
    assert sheet["A1"].value == "机密" and "督查台账（截至2026年6月10日）" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == [label for label, _ in exports.LEDGER_COLUMNS]
    rows = {r[2]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    late = rows["核查农民工工资拖欠问题"]
    assert (late[3], late[6], late[7], late[8], late[9]) == ("县财政局", "2026-05-29", None, "已交办", "红")
    assert "已逾期8个工作日" in late[10]
    assert rows["增设城区公办幼儿园学位"][6:8] == ("2026-07-31", "2026-05-15")
    assert sheet.oddHeader.left.text == "机密"  # the later pages' 密级

    exports.export_ledger(clerk, tmp_path / "台账.pdf")
    pages = [flat(p) for p in pdf_text(tmp_path / "台账.pdf")]
    assert pages[0].startswith("机密") and "已逾期8个工作日" in pages[0] and "2026-07-312026-05-15" in pages[0]
    audit = AuditEntry.select().where(AuditEntry.action == "export").order_by(AuditEntry.id.desc()).get()
    assert "督查台账" in audit.summary and "机密" in audit.summary


def test_a_long_ledger_carries_its_mark_on_every_page(clerk, move_clock, tmp_path):
    move_clock(D(2026, 6, 10))
    long_title = "关于统筹推进城乡供水一体化和农村饮水安全巩固提升工程建设的" * 7
    for n in range(30):
        make(clerk, title=f"{n:02d}{long_title}"[:300], assigned_on=D(2026, 4, 1), due="2026-07-31",
             secrecy="秘密" if n == 29 else "非密")
    exports.export_ledger(clerk, tmp_path / "long.pdf")
    pages = [flat(p) for p in pdf_text(tmp_path / "long.pdf")]
    assert len(pages) >= 3 and all(p.startswith("秘密") for p in pages)
    assert all(f"{n:02d}关于统筹" in "".join(pages) for n in range(30))


def test_the_ledger_as_of_a_past_day_leaves_out_what_was_not_given_out_yet(clerk, office, tmp_path):
    make(clerk, title="六月新交办的事项", assigned_on=D(2026, 6, 5), due="2026-06-30")
    assert exports.export_ledger(clerk, tmp_path / "may.xlsx", D(2026, 5, 31)) == 4
    assert exports.export_ledger(clerk, tmp_path / "june.xlsx") == 5


def test_a_slip_is_issued_at_the_items_level_and_logged(clerk, office, tmp_path):
    slip = exports.export_slip(clerk, office["late"], tmp_path / "slip.pdf", signer="周主任")
    assert (slip.colour, slip.level, slip.number) == ("红", 3, "督办单〔2026〕1号")
    pages = [flat(p) for p in pdf_text(tmp_path / "slip.pdf")]
    assert len(pages) == 1 and pages[0].startswith("机密")
    for words in ("红色督办单", "督办单〔2026〕1号", "督〔2026〕2号", "核查农民工工资拖欠问题", "逐户核实", "反馈要求",
                  "签发人：周主任", "督查室（盖章）", "已逾期8个工作日"):
        assert words in pages[0], words
    assert [e.action for e in AuditEntry.select().order_by(AuditEntry.id.desc()).limit(2)] == ["export", "sv_slip"]
    # 另存为 writes the same slip again: audited as an export, not issued anew
    exports.write_slip(clerk, slip.id, tmp_path / "slip.docx")
    assert SupervisionSlip.select().count() == 1
    text = "".join(p.text for p in Document(str(tmp_path / "slip.docx")).paragraphs)
    assert "红色督办单" in text and "机密" in text


def test_a_long_instruction_continues_on_a_second_page_with_its_label_and_number(clerk, move_clock, tmp_path):
    move_clock(D(2026, 6, 10))
    item = make(clerk, instruction="请县财政局会同住建、水利部门抓紧研究，拿出切实可行的解决方案。" * 40,
                assigned_on=D(2026, 6, 1), secrecy="秘密")
    exports.export_slip(clerk, item.id, tmp_path / "slip.pdf", level=1)
    pages = [flat(p) for p in pdf_text(tmp_path / "slip.pdf")]
    assert len(pages) >= 2 and all(p.startswith("秘密") and "督办单〔2026〕1号" in p for p in pages)
    assert "领导批示（续）" in pages[1] and "蓝色督办单（续）" in pages[1]


def test_a_slip_refused_by_the_flow_writes_nothing(clerk, office, tmp_path):
    with pytest.raises(ValidationError, match="已办结"):
        exports.export_slip(clerk, office["on_time"], tmp_path / "slip.pdf")
    with pytest.raises(ValidationError, match="没有编号为 99 的督办事项"):
        exports.export_slip(clerk, 99, tmp_path / "slip.pdf")
    assert not (tmp_path / "slip.pdf").exists() and SupervisionSlip.select().count() == 0


def test_the_bulletin_sheet_has_the_models_figures(clerk, office, tmp_path):
    bulletin = reports.bulletin(clerk, D(2026, 6, 10))
    assert exports.export_report(clerk, D(2026, 6, 10), tmp_path / "通报.xlsx") == 2
    sheet = load_workbook(tmp_path / "通报.xlsx").active
    values = [r for r in sheet.iter_rows(min_row=5, values_only=True)]
    expected = [exports.figure_row(f) for f in (*bulletin.rows, bulletin.total)]
    assert values[:3] == expected
    assert values[2] == ("合计", 4, 3, 1, 1, 1, "33.3%", "25.0%")  # the extension counts against its original 时限
    assert sheet["A1"].value == "机密"  # the overdue item listed below is 机密
    late = [tuple(v for v in r if v is not None) for r in values[3:] if r[0] == "县财政局"]  # merged cells read None
    assert late == [("县财政局", "督〔2026〕2号", "核查农民工工资拖欠问题", "2026-05-29", "8个工作日")]


def test_the_bulletin_document_carries_the_offices_masthead(clerk, office, tmp_path):
    settings.set_text(clerk, "sv_masthead", "督查专报")
    exports.export_report(clerk, D(2026, 6, 10), tmp_path / "通报.docx")
    document = Document(str(tmp_path / "通报.docx"))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "机密" and text[1] == "督　查　专　报" and text[2].startswith("县委办公室督查室")
    assert "关于截至2026年6月10日督办事项办理情况的通报" in text
    assert any("按期办结率33.3%" in t for t in text) and any("已逾期8个工作日" in t for t in text)
    table = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert table[-1] == ["合计", "4", "3", "1", "1", "1", "33.3%", "25.0%"]


def test_the_bulletin_prints_as_a_pdf_with_its_mark_on_every_page(clerk, office, move_clock, tmp_path):
    exports.export_report(clerk, D(2026, 6, 10), tmp_path / "通报.pdf")
    pages = [flat(p) for p in pdf_text(tmp_path / "通报.pdf")]
    assert len(pages) == 1 and pages[0].startswith("机密")
    assert "关于截至2026年6月10日督办事项办理情况的通报" in pages[0] and "合计4311133.3%25.0%" in pages[0]
    assert "督〔2026〕2号核查农民工工资拖欠问题2026-05-298个工作日" in pages[0] and "第1页共1页" in pages[0]
    for n in range(60):  # a long overdue list runs over pages
        make(clerk, lead_unit=f"第{n}单位", title="长期未办结的事项" * 8, due="2026-05-29", assigned_on=D(2026, 4, 1))
    exports.export_report(clerk, D(2026, 6, 10), tmp_path / "长.pdf")
    # (read without QtPdf: a long document read through it here makes a later widget test crash in pdfium)
    assert len(pdf_fonts(tmp_path / "长.pdf")) > 2  # the overdue list runs on, its header repeated


def test_only_readers_of_supervision_may_export(three, clerk, office, tmp_path):
    duty = business_user(three, "zhaozhiban", "赵值班", "duty")
    leader = business_user(three, "lilingdao", "李领导", "leader")
    with pytest.raises(PermissionDenied):
        exports.export_report(duty, D(2026, 6, 10), tmp_path / "x.xlsx")
    assert exports.export_ledger(leader, tmp_path / "leader.xlsx") == 4  # 领导 reads
    with pytest.raises(PermissionDenied):
        exports.export_slip(leader, office["late"], tmp_path / "slip.pdf")  # but issues nothing


@pytest.fixture
def cli(clerk, database, monkeypatch, capsys):
    monkeypatch.setenv("SANBAN_PASSWORD", "Zhang@2026abc")

    def run(*args):
        code = cli_run(["--db", str(database), "--user", "zhangsan", "export", *args])
        out = capsys.readouterr()
        return code, out.out.strip(), out.err.strip()
    return run


def test_the_exports_on_the_command_line(cli, office, tmp_path):
    code, out, err = cli("supervision-report", "--as-of", "2026-05-31", "-o", str(tmp_path / "r.xlsx"))
    assert (code, err) == (0, "") and out.endswith("r.xlsx")
    assert "截至2026年5月31日" in load_workbook(tmp_path / "r.xlsx").active["A3"].value
    code, _, err = cli("supervision-ledger", "-o", str(tmp_path / "l.pdf"))
    assert (code, err) == (0, "")
    code, _, err = cli("supervision-slip", "--id", str(office["late"]), "-o", str(tmp_path / "s.docx"))
    assert (code, err) == (0, "") and SupervisionSlip.select().count() == 1


@pytest.mark.parametrize(("args", "said"), [
    (("supervision-slip", "--id", "99"), "没有编号为 99 的督办事项"),
    (("supervision-slip",), "导出督办单需要 --id"),
    (("supervision-report", "--as-of", "6月31日"), "日期"),
    (("supervision-ledger", "--as-of", "2026-02-30"), "日期"),
])
def test_a_bad_argument_exits_1_in_chinese_and_writes_nothing(cli, office, tmp_path, args, said):
    code, out, err = cli(*args, "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and said in err and out == ""
    assert not (tmp_path / "x.pdf").exists() and SupervisionSlip.select().count() == 0

