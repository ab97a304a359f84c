"""涉密人员: the registry on the ledger page (search by name, 拼音, 首字母, unit, post, ID; the colours are decided by
models/secrecy/ledger.py), the selected person's record and history beside it, and each step of the lifecycle on
the toolbar (Ctrl+1…8)."""

from datetime import date
from html import escape

from models.core import clock
from models.core.changes import Change
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from models.secrecy.ledger import PeopleLedger
from models.secrecy.manifest import EDIT_PERSONNEL
from models.secrecy.terms import (
    GENDERS,
    LEAVE_KINDS,
    NATURES,
    PASSPORT_KINDS,
    PLEDGE_KINDS,
    POLITICAL,
    REVIEW_KINDS,
    REVIEW_RESULTS,
    declass_months,
    months_text,
)
from ui.secrecy import files
from ui.widgets.ledger_page import SEPARATOR, LedgerPage, Step, StepForm
from ui.widgets.step_dialog import Field


def profile_fields(person: secrecy.Person | None = None) -> list[Field]:
    def value(key: str, default: str = "") -> str:
        current = getattr(person, key) if person is not None else None
        return f"{current:%Y-%m-%d}" if isinstance(current, date) else str(current or default)

    return [
        Field("name", "姓名", default=value("name")),
        Field("id_number", "公民身份号码", default=value("id_number"), placeholder="18 位，末位可为 X"),
        Field("gender", "性别（空着则按身份证号）", "choice", default=value("gender"), choices=("", *GENDERS)),
        Field("unit", "部门", default=value("unit")),
        Field("position", "职务职级", default=value("position")),
        Field("political", "政治面貌", default=value("political"), complete=POLITICAL),
        Field("phone", "联系电话", default=value("phone")),
        Field("nature", "人员性质", "choice", default=value("nature", "在编"), choices=NATURES),
        Field("home_unit", "派出单位", default=value("home_unit"), placeholder="借调、跟班学习、挂职人员填写"),
        Field("term_end", "借调（跟班）期满", default=value("term_end"), placeholder="如 2027-06-30，可不填"),
        Field("supervisor", "在岗监督的保密管理员", default=value("supervisor")),
        Field("note", "备注", "text", default=value("note")),
    ]


class PeoplePage(LedgerPage):
    kind = "person"
    noun = "个人"
    new_step = "register"
    print_step = "print_form"
    export_step = "export"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, PeopleLedger(session), parent,
                         empty_hint="没有涉密人员。用「导入花名册」导入现有名单，或按 Ctrl+N 登记。")
        self.ledger.detail_html = lambda row: detail_html(self.session, secrecy.get(self.session, row.id))
        if self.ledger.settings.value(self.ledger._key("splitter")) is None:
            self.ledger.splitter.setSizes([950, 390])  # the record and its 履历 need more room than a 收文's detail

    def declare_steps(self) -> list[Step]:
        edit = EDIT_PERSONNEL
        return [
            Step("register", "登记", "Ctrl+N", self.register, "none", edit),
            Step("review", "审查", "Ctrl+1", self.review, right=edit, also=("review",)),
            Step("appoint", "上岗", "Ctrl+2", self.appoint, right=edit),
            Step("transfer", "调岗", "Ctrl+3", self.transfer, right=edit),
            Step("training", "培训", "Ctrl+4", self.training, right=edit, also=("training",)),
            Step("pledge", "承诺书", "Ctrl+5", self.pledge, right=edit, also=("pledge",)),
            Step("leave", "离岗", "Ctrl+6", self.leave, right=edit),
            Step("exit_items", "离岗手续", "", self.exit_items, right=edit),
            Step("end_declass", "脱密期满", "", self.end_declass, right=edit,
                 enabled=lambda row: row is not None and row.status == "due_soon"),  # 脱密期中, as models colour it
            Step("edit", "修改信息", "Ctrl+7", self.edit, right=edit),
            Step("take_in", "证件交存", "Ctrl+8", self.take_in, right=edit, also=("passport",)),
            Step("trip", "出国(境)申请", "", self.trip, right=edit, also=("trip",)),
            Step("print_form", "登记表", "Ctrl+P", self.print_form, menu=False),
            SEPARATOR,
            Step("import", "导入花名册", "", self.import_roster, "none", edit),
            Step("export", "导出…", "Ctrl+E", self.export, "none"),
            Step("history", "履历", "", self.export_history, menu=False),
        ]

    def get(self, row_id: int) -> secrecy.Person:
        return secrecy.get(self.session, row_id)

    def select(self, person_id: int) -> None:
        """Show the person whatever the filters (from 提醒)."""
        self.ledger.select_record(person_id)
        self.ledger.table.setFocus()

    # ---- steps

    def register(self, _=None) -> StepForm:
        return StepForm(self.tr("登记涉密人员"), profile_fields(), lambda v: secrecy.register(self.session, v),
                        self.tr("登记为拟任（审查中）。审查通过后办理上岗。"))

    def edit(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("修改信息"), profile_fields(p),
                        lambda v: secrecy.update(self.session, p.id, v, p.version), p.name)

    def review(self, p: secrecy.Person) -> StepForm:
        kind = "复审" if p.state == "on_post" else ("派出单位审查" if p.home_unit else "上岗审查")
        return StepForm(self.tr("登记审查"), [
            Field("kind", "审查类别", "choice", default=kind, choices=REVIEW_KINDS),
            Field("on", "审查日期", "date"),
            Field("result", "结论", "choice", default="通过", choices=REVIEW_RESULTS),
            Field("by", "审查部门或审查人", default="县委组织部、县委保密办"),
            Field("note", "说明"),
        ], lambda v: secrecy_records.add_review(self.session, p.id, v), f"{p.name}（{p.state_label}）")

    def appoint(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("上岗"), [
            Field("posts", "涉密岗位", default="", complete=files.post_choices(self.session),
                  placeholder="多个岗位用顿号分开；同名岗位写「部门·岗位」"),
            Field("on", "上岗日期", "date"),
            Field("approved_by", "审批人"),
        ], lambda v: secrecy.appoint(self.session, p.id, v["posts"], v["on"], v["approved_by"]),
            f"{p.name}（{p.state_label}）。涉密等级随最高岗位确定。")

    def transfer(self, p: secrecy.Person) -> StepForm:
        held = "、".join(a.post.name for a in secrecy.current_assignments(p))
        return StepForm(self.tr("调岗"), [
            Field("posts", "调整后的全部岗位", default=held, complete=files.post_choices(self.session)),
            Field("on", "调岗日期", "date"),
            Field("reason", "原因"),
        ], lambda v: secrecy.transfer(self.session, p.id, v["posts"], v["on"], v["reason"]),
            f"{p.name}：现为{p.level}涉密人员，岗位 {held or '无'}。")

    def training(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("登记保密教育培训"), [
            Field("on", "培训日期", "date"), Field("topic", "培训内容"), Field("hours", "学时", default="2"),
            Field("organiser", "组织方", default="县委保密办"), Field("assessment", "考核", default="合格"),
        ], lambda v: secrecy_records.add_training(self.session, p.id, v),
            f"{p.name}：{clock.today().year}年已培训 {secrecy_records.hours_check(p).text}")

    def pledge(self, p: secrecy.Person) -> StepForm:
        kind = "离岗" if p.state == "declass" else ("在岗" if p.state == "on_post" else "上岗")
        return StepForm(self.tr("登记保密承诺书"), [
            Field("kind", "类别", "choice", default=kind, choices=PLEDGE_KINDS),
            Field("signed_on", "签订日期", "date"), Field("kept_at", "存放", default="人事档案"),
        ], lambda v: secrecy_records.add_pledge(self.session, p.id, v), p.name)

    def leave(self, p: secrecy.Person) -> StepForm:
        default = declass_months(p.level) if p.level else ""
        return StepForm(self.tr("离岗、离职、退休"), [
            Field("kind", "类别", "choice", default="离岗", choices=LEAVE_KINDS),
            Field("approved_on", "批准离岗日期（脱密期起算）", "date"),
            Field("months", "脱密期（月）", default=str(default),
                  placeholder="按本单位规定；不填则按等级默认"),
            Field("entrusted_to", "脱密期委托管理单位", default=p.home_unit),
            Field("talk_on", "离岗保密提醒谈话日期", placeholder="已谈话时填写"),
            Field("carriers_returned", "清退国家秘密载体", placeholder="清单，或「无」"),
            Field("devices_returned", "清退涉密设备", placeholder="清单，或「无」"),
            Field("access_revoked_on", "注销涉密系统权限日期"),
            Field("whereabouts", "去向备案"),
        ], lambda v: secrecy.leave(self.session, p.id, v),
            f"{p.name}：{p.level}涉密人员，规定脱密期{months_text(default) if default else '—'}。")

    def exit_items(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("离岗手续"), [
            Field("talk_on", "离岗保密提醒谈话日期", default=f"{p.talk_on or ''}"),
            Field("carriers_returned", "清退国家秘密载体", default=p.carriers_returned),
            Field("devices_returned", "清退涉密设备", default=p.devices_returned),
            Field("access_revoked_on", "注销涉密系统权限日期", default=f"{p.access_revoked_on or ''}"),
            Field("whereabouts", "去向备案", default=p.whereabouts),
            Field("entrusted_to", "脱密期委托管理单位", default=p.entrusted_to),
        ], lambda v: secrecy.complete_exit(self.session, p.id, v), p.name)

    def end_declass(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("脱密期满"), [Field("on", "确认日期", "date")],
                  lambda v: secrecy.end_declass(self.session, p.id, v["on"]),
                  f"{p.name}的脱密期至 {p.declass_end or '—'}。确认期满后解除脱密期管理，保密义务继续履行。")

    def take_in(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("证件交存"), [
            Field("kind", "证件类别", "choice", default="普通护照", choices=PASSPORT_KINDS),
            Field("number", "证件号码"), Field("expires_on", "有效期至"),
            Field("received_on", "交存日期", "date"), Field("note", "备注"),
        ], lambda v: passports.take_in(self.session, p.id, v), f"{p.name}的因私出入境证件交证件柜保管。")

    def trip(self, p: secrecy.Person) -> StepForm:
        return StepForm(self.tr("出国(境)申请"), [
            Field("destination", "前往国家或地区"), Field("purpose", "事由"),
            Field("start_on", "出发日期", "date"), Field("end_on", "返回日期", "date"),
            Field("unit_opinion", "所在部门意见"), Field("secrecy_opinion", "组织人事、保密工作机构意见"),
        ], lambda v: passports.apply_trip(self.session, p.id, v),
            f"{p.name}（{p.state_label}）。审批在「证件柜」页登记。")

    # ---- files

    def print_form(self, p: secrecy.Person) -> None:
        files.print_form(self, self.session, p)

    def export(self, _=None) -> None:
        files.export_tables(self, self.session)

    def export_history(self, p: secrecy.Person) -> None:
        files.export_history(self, self.session, p)

    def import_roster(self, _=None) -> Change | None:
        if files.import_roster(self, self.session):
            return Change.of(self.kind, summary="导入花名册")
        return None


def detail_html(session, p: secrecy.Person) -> str:
    reviews, pledges, trainings = secrecy_records.records(session, p.id)
    due = secrecy_records.next_review(p)
    hours = secrecy_records.hours_check(p)
    posts = "、".join(a.post.label for a in secrecy.current_assignments(p)) or secrecy.former_posts(p) or "—"
    e = escape

    def row(label: str, value: str) -> str:
        return f"<tr><td style='color:#555;padding-right:8px'>{e(label)}</td><td>{e(value)}</td></tr>"

    lines = [f"<h3 style='margin:2px'>{e(p.name)}　<span style='font-weight:normal'>{e(p.state_label)}"
             f"{'　' + e(p.level) + '涉密人员' if p.level else ''}</span></h3>",
             "<table>", row("编号", str(p.id)), row("性别/出生", f"{p.gender}　{p.birth:%Y年%m月}"),
             row("公民身份号码", p.id_number), row("部门/职务", f"{p.unit}　{p.position}"),
             row("政治面貌/电话", f"{p.political or '—'}　{p.phone or '—'}"),
             row("人员性质", p.nature + (f"（派出单位 {p.home_unit}，期满 {p.term_end or '—'}，监督人 {p.supervisor or '未指定'}）"
                                     if p.home_unit else "")),
             row("涉密岗位", posts), row("上岗时间", f"{p.on_post_since or '—'}"),
             row("下次复审", f"{due or '—'}"), row(f"{clock.today().year}年培训", hours.text)]
    if p.declass_start:
        lines.append(row("脱密期", f"{p.leave_kind}，{p.declass_start} 至 {p.declass_end}"
                                  f"（{months_text(p.declass_months or 0)}）委托：{p.entrusted_to or '本单位'}"))
        lines += [row("离岗手续", text) for text in secrecy.exit_missing(p)] or [row("离岗手续", "已完成")]
    lines.append("</table>")
    docs = passports.passports(session, p.id)
    sections = [("审查", [f"{r.on}　{r.kind}　{r.result}　{r.by}" for r in reviews]),
                ("承诺书", [f"{x.signed_on}　{x.kind}" + (f"（{x.kept_at}）" if x.kept_at else "") for x in pledges]),
                ("培训", [f"{t.on}　{t.topic}　{float(t.hours):g} 学时" for t in trainings]),
                ("证件", [f"{d.label}　有效期至 {d.expires_on or '—'}　{passports.custody_text(d)}" for d in docs]),
                ("出国(境)", [f"{t.label}　{t.decision}" + (f"　回国报告 {t.reported_on}" if t.reported_on else "")
                              for t in passports.trips(session, p.id)])]
    for title, items in sections:
        lines.append(f"<p style='margin:6px 0 0 0'><b>{title}</b>　" + ("；".join(map(e, items)) or "无") + "</p>")
    lines.append("<p style='margin:8px 0 2px 0'><b>履历</b></p><table cellspacing='0' cellpadding='2'>")
    for event in secrecy.history(session, p.id):
        lines.append(f"<tr><td style='white-space:nowrap'>{event.on}</td>"  # a date never breaks at its hyphen
                     f"<td style='white-space:nowrap'><b>{e(event.kind)}</b></td><td>{e(event.text)}</td>"
                     f"<td style='color:#777'>{e(event.by)}</td></tr>")
    lines.append("</table>")
    return "".join(lines)

