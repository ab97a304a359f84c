"""督查督办: 立项 from any source, the flow to 归档, 进展反馈, 延期, 督办单 and 催办, the 三色 ladder, 督查通报."""

from models.core.manifest import CliOption, Manifest, RightSpec, SettingSpec, Tab, TextSpec
from models.core.rights import Role

READ_SUPERVISION = "read_supervision"
EDIT_SUPERVISION = "edit_supervision"
_OWNER = EDIT_SUPERVISION  # the 督查室 sets its own ladder, not the 系统管理员

# The fields of a 督办事项 as the audit viewer's 修改前/修改后 name them (as its forms do)
ITEM_FIELDS = {
    "source_type": "来源类型", "source_incoming": "来源收文", "source_meeting": "来源会议", "source_no": "建议号/提案号",
    "source_doc_no": "来源文号", "delegate": "领衔代表/提案人", "title": "督办事项", "leader": "批示领导",
    "instruction": "批示原文", "lead_unit": "牵头单位", "handler": "责任人", "co_units": "配合单位",
    "assigned_on": "交办日期", "due_date": "办结时限", "due_original": "原定时限", "due_provisional": "时限为推算",
    "due_rule": "时限写法", "requirement": "办理要求", "secrecy": "密级", "status": "状态", "progress": "完成进度（%）",
    "report": "办结报告", "review_opinion": "审核意见", "feedback_on": "反馈日期", "answer": "对方答复",
    "answer_class": "答复类别", "closed_on": "办结日期", "remarks": "备注",
}

MANIFEST = Manifest(
    name="supervision",
    label="督办",
    tables="models.supervision.tables:models",
    migrations={7: "models.supervision.migrations:step_7"},
    rights=(
        RightSpec(READ_SUPERVISION, "查阅督办", frozenset({Role.CLERK, Role.LEADER})),  # 领导: read-only overview
        RightSpec(EDIT_SUPERVISION, "办理督办", frozenset({Role.CLERK})),
    ),
    actions={
        "sv_create": "督办立项",
        "sv_edit": "修改督办事项",
        "sv_assign": "督办交办",
        "sv_return": "督办退办",
        "sv_reassign": "督办重新交办",
        "sv_feedback": "督办进展反馈",
        "sv_report": "报送办结报告",
        "sv_review": "督办提交审核",
        "sv_close": "督办审核通过（办结）",
        "sv_reject": "督办审核不通过",
        "sv_extend": "申请延期",
        "sv_extend_ok": "批准延期",
        "sv_extend_no": "驳回延期申请",
        "sv_archive": "督办归档",
        "sv_urge": "督办催办",
        "sv_urge_answer": "登记催办答复",
        "sv_slip": "签发督办单",
        "sv_stage": "阶段任务完成",
    },
    targets={"supervision": "督办事项"},
    fields={"supervision": "models.supervision.manifest:ITEM_FIELDS"},
    # DOMAIN.md §5.2: no national ladder; 宿迁 2025's 蓝→黄→红 as defaults, each office sets its own.
    settings=(
        SettingSpec("sv_blue_workdays", "督办：距办结时限几个工作日内亮第一级（蓝）", 5, 0, 60, "个工作日", _OWNER),
        SettingSpec("sv_silent_workdays", "督办：几个工作日未反馈亮第二级（黄）", 10, 1, 120, "个工作日", _OWNER),
        SettingSpec("sv_proposal_months", "督办：人大代表建议、政协提案默认办理期限", 3, 1, 6, "个月", _OWNER),
    ),
    texts=(
        TextSpec("sv_colour_1", "督办第一级（临近时限）的颜色名称", "蓝", check="models.supervision.terms:check_colour",
                 owner=_OWNER, max_length=4),
        TextSpec("sv_colour_2", "督办第二级（进度滞后）的颜色名称", "黄", check="models.supervision.terms:check_colour",
                 owner=_OWNER, max_length=4),
        TextSpec("sv_colour_3", "督办第三级（逾期）的颜色名称", "红", check="models.supervision.terms:check_colour",
                 owner=_OWNER, max_length=4),
        # the 督查通报's 版头, as 值班要情 has its own (the office's letterhead words)
        TextSpec("sv_masthead", "督查通报的版头文字（红色大字）", "督查通报", owner=_OWNER, max_length=12),
        TextSpec("sv_issuer", "督查通报版头下的发文机构（接在本单位名称之后）", "督查室", owner=_OWNER,
                 max_length=20),
    ),
    cli="cli.supervision",
    imports={"supervision": "督办台账或建议、提案交办清单（.xlsx/.csv；--source 指定来源类型）"},
    exports={"supervision-ledger": "督查台账（.xlsx/.pdf；--as-of 截至日期，默认今天）",
             "supervision-slip": "督办单（.docx/.pdf；--id 督办事项编号，按当前督办等级签发并登记）",
             "supervision-report": "督查通报（.xlsx/.docx；--as-of 截至日期，默认今天）"},
    cli_options=(CliOption("import", "--source",
                           "（supervision）来源类型：人大建议、政协提案、批示件、会议议定、上级部署、其他",
                           kinds=("supervision",), type="text"),
                 CliOption("export", "--as-of", "（supervision-ledger、supervision-report）截至日期，如 2026-06-30",
                           kinds=("supervision-ledger", "supervision-report"), type="text")),
    commands={"supervision": "督办事项：立项、交办、反馈、延期、办结、催办、督办单、通报（supervision STEP --help）"},
    demo="models.supervision.demo:demo_supervision",
    demo_label="督办",
    due="models.supervision.due:due",
    tab=Tab("督办", READ_SUPERVISION, "ui.supervision.tab:SupervisionTab", order=40),
)
