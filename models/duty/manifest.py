"""值班: the monthly roster, leaders' absences (领导外出), the duty log with its shifts, 值班要情 and 快报."""

from models.core.manifest import Manifest, RightSpec, SettingSpec, Tab, TextSpec
from models.core.rights import Role

READ_DUTY = "read_duty"
EDIT_DUTY = "edit_duty"

# The fields of a 领导外出 报备 as the audit viewer's 修改前/修改后 name them (as its form does)
ABSENCE_FIELDS = {
    "person": "外出人员", "position": "职务", "kind": "事由类别", "start_on": "出发日期", "start_part": "出发时段",
    "end_on": "返回日期", "end_part": "返回时段", "destination": "地点", "purpose": "事由", "transport": "交通方式",
    "stand_in": "代为主持工作的同志", "contact": "联系方式", "approved_by": "审批人/报备对象",
}

MANIFEST = Manifest(
    name="duty",
    label="值班",
    tables="models.duty.tables:models",
    migrations={3: "models.duty.migrations:step_3"},
    text_indexes=(("duty_entry", "search_text"),),
    rights=(
        RightSpec(READ_DUTY, "查阅值班", frozenset({Role.DUTY, Role.LEADER})),  # 领导 see the log, roster, briefs
        RightSpec(EDIT_DUTY, "值班登记", frozenset({Role.DUTY})),
    ),
    details={"replaced": "被替换的日期", "handed_by": "交班人", "items": "事项数"},
    targets={"duty": "值班记录", "duty_shift": "值班班次", "duty_brief": "值班要情", "roster": "值班表",
             "absence": "领导外出"},
    fields={"duty": "models.duty.log:EDITABLE", "absence": "models.duty.manifest:ABSENCE_FIELDS"},
    # 突发事件 reporting limits, minutes from 接报 (DOMAIN.md §3.4: national 30 min phone / 1 h written for 重特大;
    # local rules differ, so each office sets its own).
    settings=(
        SettingSpec("report_phone_1", "特别重大突发事件：电话报告时限", 30, 5, 2880, "分钟"),
        SettingSpec("report_written_1", "特别重大突发事件：书面报告时限", 60, 5, 2880, "分钟"),
        SettingSpec("report_phone_2", "重大突发事件：电话报告时限", 30, 5, 2880, "分钟"),
        SettingSpec("report_written_2", "重大突发事件：书面报告时限", 60, 5, 2880, "分钟"),
        SettingSpec("report_phone_3", "较大突发事件：电话报告时限", 30, 5, 2880, "分钟"),
        SettingSpec("report_written_3", "较大突发事件：书面报告时限", 60, 5, 2880, "分钟"),
        SettingSpec("report_phone_4", "一般突发事件：电话报告时限", 60, 5, 2880, "分钟"),
        SettingSpec("report_written_4", "一般突发事件：书面报告时限", 1440, 5, 2880, "分钟"),
    ),
    texts=(
        TextSpec("duty_shifts", "值班班次（如「白班 08:30-17:30；夜班 17:30-08:30」或「全天 08:30-08:30」）",
                 "白班 08:30-17:30；夜班 17:30-08:30", check="models.duty.terms:parse_shifts"),
        TextSpec("duty_phone", "值班电话（印在值班要情上）", "0000-0000000"),
        TextSpec("brief_report_to", "值班要情「报：」", "县委、县政府主要领导"),
        TextSpec("brief_send_to", "值班要情「送：」", "县委、县政府其他领导，县委办、县政府办领导"),
    ),
    cli="cli.duty",
    imports={"roster": "月度值班表（.xlsx/.csv）"},
    exports={
        "duty-roster": "值班表 .xlsx/.docx（--month YYYY-MM）",
        "duty-brief": "值班要情 .pdf/.docx（--date，默认今天；已印过的保持原期号）",
        "duty-flash": "值班快报 .pdf/.docx（--id 值班记录编号）",
    },
    demo="models.duty.demo:demo_duty",
    demo_label="值班",
    due="models.duty.due:due",
    tab=Tab("值班", READ_DUTY, "ui.duty.tab:DutyTab", order=30),
)
