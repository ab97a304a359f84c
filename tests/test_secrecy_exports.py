"""The 涉密人员 exports carry what the registry holds: 登记表, 花名册, statistics, history."""

from datetime import timedelta

import openpyxl
import pytest

from exporters import secrecy as secrecy_export
from models.core import clock
from models.core.audit import AuditEntry
from models.core.errors import PermissionDenied, ValidationError
from models.core.rights import Role
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from tests.test_secrecy import WU, ZHOU, on_post


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


@pytest.fixture
def registry(sec):
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    secrecy.add_post(sec, {"name": "综合文稿起草", "unit": "综合科", "level": "重要"})
    zhou = on_post(sec, day="2024-03-01", political="中共党员", position="科长")
    secrecy_records.add_review(sec, zhou.id, {"kind": "复审", "on": "2026-02-01", "result": "通过", "by": "组织部"})
    secrecy_records.add_pledge(sec, zhou.id, {"kind": "上岗", "signed_on": "2024-03-01"})
    secrecy_records.add_training(sec, zhou.id, {"on": f"{clock.today().year}-03-01", "hours": "4", "topic": "保密法学习"})
    passports.take_in(sec, zhou.id, {"kind": "普通护照", "number": "E12345678", "expires_on": "2030-01-01"})
    wu = on_post(sec, WU, "吴丽", "机要文件收发", nature="借调", home_unit="县财政局", supervisor="郑伟")
    secrecy.leave(sec, wu.id, {"kind": "离岗", "approved_on": clock.today() - timedelta(days=1)})
    return zhou, wu


def test_the_registration_form_has_every_box(sec, registry, tmp_path):
    from tests.pdf_text import pdf_text

    zhou, _ = registry
    secrecy_export.export_form(sec, zhou.id, tmp_path / "form.pdf")
    pages = [p.replace(" ", "").replace("\n", "") for p in pdf_text(tmp_path / "form.pdf")]
    assert len(pages) == 1  # one person per page
    for text in ("县委办公室涉密人员登记表", "周建华", "1978年4月", ZHOU, "中共党员", "综合科，科长", "综合文稿起草", "重要",
                 "2024-03-01", "上岗审查：2024-03-01，通过（组织部）", "2026-02-01通过组织部", "下次复审：2029-02-01前",
                 "上岗承诺书2024-03-01", "保密法学习4学时", "普通护照E12345678，有效期至2030-01-01，在库", "（照片）",
                 "本人签字", "所在单位", "保密工作", "（盖章）"):
        assert text in pages[0], text
    assert AuditEntry.select().where(AuditEntry.action == "export").get().target == f"personnel-form:{zhou.id}"


def test_the_word_form_merges_the_photo_box_over_four_rows(sec, registry, tmp_path):
    from docx import Document

    zhou, _ = registry
    secrecy_export.export_form(sec, zhou.id, tmp_path / "form.docx")
    table = Document(str(tmp_path / "form.docx")).tables[0]
    photo = [table.cell(r, 4) for r in range(4)]
    assert all(cell._tc is photo[0]._tc for cell in photo) and photo[0].text == "（照片）"
    assert table.cell(4, 4).text == "重要"
    with pytest.raises(ValidationError, match="扩展名"):
        secrecy_export.export_form(sec, zhou.id, tmp_path / "form.txt")


def test_roster_stats_and_history_sheets(sec, registry, tmp_path):
    zhou, wu = registry
    secrecy_export.export_table(sec, "personnel-roster", tmp_path / "r.xlsx")
    rows = [r for r in openpyxl.load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True)]
    names = {r[2]: r for r in rows if r and r[2] in ("周建华", "吴丽")}
    assert names["周建华"][8] == "重要" and names["周建华"][14] == "在岗"
    assert names["吴丽"][9] == "借调（县财政局）" and names["吴丽"][14].startswith("离岗，脱密期至")
    assert names["吴丽"][7] == "（原）机要文件收发"
    secrecy_export.export_table(sec, "personnel-stats", tmp_path / "s.xlsx")
    rows = [r for r in openpyxl.load_workbook(tmp_path / "s.xlsx").active.iter_rows(values_only=True)]
    assert ("合计", 0, 1, 0, 1, 0, 1) in rows
    secrecy_export.export_history(sec, wu.id, tmp_path / "h.xlsx")
    rows = [r for r in openpyxl.load_workbook(tmp_path / "h.xlsx").active.iter_rows(values_only=True)]
    kinds = [r[1] for r in rows if r and r[1] in ("上岗", "离岗", "审查", "登记")]
    assert {"上岗", "离岗", "审查", "登记"} <= set(kinds) and kinds.index("上岗") < kinds.index("离岗")


def test_exports_are_refused_to_others(sec, registry, clerk, tmp_path):
    with pytest.raises(PermissionDenied):
        secrecy_export.export_table(clerk, "personnel-roster", tmp_path / "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()
