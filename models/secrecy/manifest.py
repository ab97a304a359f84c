"""涉密人员库: posts, people and their lifecycle, 审查/承诺书/培训, 证件柜 and 出国(境) (安全保密管理员 only)."""

from models.core.manifest import CliOption, Manifest, RightSpec, SettingSpec, Tab
from models.core.rights import Role

READ_PERSONNEL = "read_personnel"
EDIT_PERSONNEL = "edit_personnel"
_OWNER = EDIT_PERSONNEL  # the registry's rules belong to the 安全保密管理员, not the 系统管理员

# The keys the audit viewer shows in 修改前/修改后 for a person's steps (审查, 上岗, 离岗…), a post and a passport
PERSON_STEP_FIELDS = {
    "kind": "类别", "on": "日期", "by": "经办/审查机关", "result": "结果", "approved_on": "批准日期", "end": "截止日期",
    "months": "月数", "entrusted_to": "委托管理单位", "posts": "涉密岗位", "level": "涉密等级", "hours": "学时",
    "topic": "内容", "signed_on": "签订日期", "whereabouts": "去向", "access_revoked_on": "权限注销日期",
    "carriers_returned": "载体已清退", "devices_returned": "设备已清退",
}
POST_FIELDS = {"name": "岗位名称", "unit": "部门", "level": "涉密等级", "duties": "岗位职责/涉密事项"}
IMPORT_FIELDS = {"people": "人数", "posts_created": "新建岗位"}
PASSPORT_FIELDS = {"approved_by": "批准人", "due_on": "应交回日期", "trip": "出国(境)"}

MANIFEST = Manifest(
    name="secrecy",
    label="涉密人员",
    tables="models.secrecy.tables:models",
    migrations={5: "models.secrecy.migrations:step_5"},
    # 保密法 第43–46条; DESIGN 三员分立: the 安全保密管理员 alone, reading as well as changing
    rights=(
        RightSpec(READ_PERSONNEL, "查阅涉密人员", frozenset({Role.SECADMIN})),
        RightSpec(EDIT_PERSONNEL, "管理涉密人员", frozenset({Role.SECADMIN})),
    ),
    actions={
        "appoint": "涉密人员上岗",
        "transfer": "涉密人员调岗",
        "leave": "涉密人员离岗",
        "lend": "借出证件",
        "override": "特批（越过提醒）",
        "stock_take": "证件盘点",
        "personnel_import": "导入涉密人员",  # not the core 「导入台账」: the audit reader filters by it
    },
    targets={"person": "涉密人员", "secret_post": "涉密岗位", "passport": "证件", "trip": "出国(境)",
             "stock_take": "证件盘点", "review": "审查", "pledge": "承诺书", "training": "培训"},
    fields={"person": ("models.secrecy.people:FIELD_LABELS", "models.secrecy.manifest:PERSON_STEP_FIELDS"),
            "secret_post": "models.secrecy.manifest:POST_FIELDS", "passport": "models.secrecy.manifest:PASSPORT_FIELDS",
            "personnel": "models.secrecy.manifest:IMPORT_FIELDS"},
    # DOMAIN.md §4.2, §6: no national figures; widely quoted defaults, each office sets its own
    settings=(
        SettingSpec("declass_months_1", "核心涉密人员脱密期", 36, 1, 600, "个月", _OWNER),
        SettingSpec("declass_months_2", "重要涉密人员脱密期", 24, 1, 600, "个月", _OWNER),
        SettingSpec("declass_months_3", "一般涉密人员脱密期", 12, 1, 600, "个月", _OWNER),
        SettingSpec("review_months_1", "核心涉密人员复审周期", 12, 1, 120, "个月", _OWNER),
        SettingSpec("review_months_2", "重要涉密人员复审周期", 36, 1, 120, "个月", _OWNER),
        SettingSpec("review_months_3", "一般涉密人员复审周期", 60, 1, 120, "个月", _OWNER),
        SettingSpec("training_hours", "每年保密教育培训应达学时", 10, 0, 200, "学时", _OWNER),
        SettingSpec("passport_return_days", "因私出入境证件返回后应交回期限", 10, 1, 60, "天", _OWNER),
        SettingSpec("passport_expiry_days", "证件到期前提醒", 180, 0, 730, "天", _OWNER),
        SettingSpec("remind_ahead_days", "复审、脱密期满提前提醒", 30, 0, 365, "天", _OWNER),
    ),
    cli="cli.secrecy",
    imports={"personnel": "涉密人员花名册（.xlsx/.csv；--create-posts 新建表中的岗位）"},
    exports={
        "personnel-roster": "涉密人员花名册 .xlsx",
        "personnel-stats": "涉密人员统计（按部门、等级） .xlsx",
        "personnel-form": "涉密人员登记表 .docx/.pdf（--id 人员编号）",
        "personnel-history": "涉密人员履历 .xlsx（--id 人员编号）",
    },
    cli_options=(CliOption("import", "--create-posts", "（personnel）新建花名册中有而系统中没有的涉密岗位",
                           kinds=("personnel",)),),
    demo="models.secrecy.demo:demo_personnel",
    demo_label="涉密人员库",
    due="models.secrecy.due:due",
    tab=Tab("涉密人员", READ_PERSONNEL, "ui.secrecy.tab:SecrecyTab", order=60),
)
