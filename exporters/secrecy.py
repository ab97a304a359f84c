"""The 涉密人员 exports: 花名册 and statistics (.xlsx), a person's 履历 (.xlsx), the 涉密人员登记表 (.docx/.pdf)."""

from pathlib import Path

from exporters import forms
from exporters.files import output_path
from exporters.xlsx_ledger import write_ledger
from models.core import settings
from models.core.exports import audit_export
from models.secrecy import reports as secrecy_reports

TABLES = {
    "personnel-roster": (secrecy_reports.roster, False),
    "personnel-stats": (secrecy_reports.stats, True),
}


def export_table(actor, report: str, path: str | Path) -> int:
    """花名册 or 统计 as a print-ready .xlsx; audited."""
    target, _ = output_path(path, (".xlsx",))
    make, portrait = TABLES[report]
    table = make(actor)
    office = settings.get_text("office_name")
    notes = ["涉密人员信息，注意保管，不得擅自复制、外传。"]
    write_ledger(target, f"{office}{table.title}", table.columns, table.rows or [("（无）",)], "",
                 table.title[:10], portrait, notes)
    audit_export(actor, table.title, report, len(table.rows), str(target))
    return len(table.rows)


def export_history(actor, person_id: int, path: str | Path) -> int:
    target, _ = output_path(path, (".xlsx",))
    table = secrecy_reports.history(actor, person_id)
    write_ledger(target, f"{settings.get_text('office_name')}{table.title}", table.columns, table.rows, "", "履历")
    audit_export(actor, table.title, f"personnel-history:{person_id}", len(table.rows), str(target))
    return len(table.rows)


SEAL_MM = forms.SEAL_MM + 2


def registration_form(office: str, v: dict) -> forms.Form:
    """涉密人员登记表 (DOMAIN.md §7): one person per page, a photo box, the three signature boxes at the foot."""
    C, R = forms.Cell, forms.Row

    def label(text: str) -> forms.Cell:
        return C(text, label=True)

    return forms.Form("personnel-form", f"{office}涉密人员登记表", (30, 34, 24, 36, 32), [
        R([label("姓　　名"), C(v["name"]), label("性　　别"), C(v["gender"]), C("（照片）", rows=4)], 10),
        R([label("出生年月"), C(v["birth"]), label("政治面貌"), C(v["political"])], 10),
        R([label("公民身份\n号码"), C(v["id_number"], 3)], 11),
        R([label("工作单位\n及职务"), C(v["unit_position"], 3)], 11),
        R([label("涉密岗位"), C(v["posts"], 2), label("涉密等级"), C(v["level"])], 10),
        R([label("上岗时间"), C(v["since"]), label("人员性质"), C(v["nature"], 2)], 10),
        R([label("上岗审查\n情况"), C(v["first_review"], 4)], 12),
        R([label("复审记录"), C(v["reviews"], 4)], 13),
        R([label("保密承诺书\n签订情况"), C(v["pledges"], 4)], 11),
        R([label("保密教育\n培训情况"), C(v["trainings"], 4)], 15),
        R([label("因私出入境\n证件保管\n情况"), C(v["passports"], 4)], 15),
        R([label("离岗及\n脱密期"), C(v["leaving"], 4)], 11),
        R([label("备　　注"), C(v["note"], 4)], 10),
        R([label("本人签字"), C("", 4, sign="签字：　　　　　　　　年　　月　　日")], 13),
        R([label("所在单位\n意见"), C("", 4, sign="（盖章）　　　　　年　　月　　日")], SEAL_MM),
        R([label("保密工作\n机构意见"), C("", 4, sign="（盖章）　　　　　年　　月　　日")], SEAL_MM),
    ], subtitle_right="", font_pt=12, margins_mm=(20, 18), reference=v["name"])


def export_form(actor, person_id: int, path: str | Path) -> Path:
    target, suffix = output_path(path, (".docx", ".pdf"))
    values = secrecy_reports.form_values(actor, person_id)
    form = registration_form(settings.get_text("office_name"), values)
    if suffix == ".docx":
        forms.write_docx(form, values, target)
    else:
        forms.write_pdf(form, target)
    audit_export(actor, f"涉密人员登记表（{values['name']}）", f"personnel-form:{person_id}", 1, str(target))
    return target
