"""会议: 检点单 templates per meeting type, meetings with their checklist and phases, the attendee list (座次图, 桌签,
签到表, 会议通知), 纪要 and 议定事项 handed to 督办."""

from models.core.manifest import CliOption, Manifest, RightSpec, Tab, TextSpec
from models.core.rights import Role

READ_MEETINGS = "read_meetings"
EDIT_MEETINGS = "edit_meetings"

# The fields of a 会议, a 检点单 item and a template as the audit viewer's 修改前/修改后 name them
MEETING_FIELDS = {
    "type": "会议类型", "title": "会议名称", "day": "日期", "at": "时间", "place": "地点", "host": "主持人",
    "secrecy": "密级", "contact": "联系人", "check_in": "报到时间", "reply_by": "回执截止", "phase": "阶段",
    "template_version": "检点单版本", "minutes_step": "纪要环节", "on_leave": "请假", "present": "出席",
}
ITEM_FIELDS = {"note": "说明"}
TEMPLATE_FIELDS = {"version": "版本"}

MANIFEST = Manifest(
    name="meetings",
    label="会议",
    tables="models.meetings.tables:models",
    migrations={8: "models.meetings.migrations:step_8"},
    rights=(
        RightSpec(READ_MEETINGS, "查阅会议", frozenset({Role.CLERK, Role.LEADER})),
        RightSpec(EDIT_MEETINGS, "办会", frozenset({Role.CLERK})),
    ),
    actions={
        "template_save": "保存检点单模板",
        "meeting_move": "会议改期",
        "meeting_item": "办理检点单事项",
        "meeting_items_add": "检点单加入模板新事项",
        "meeting_phase": "变更会议阶段",
        "meeting_override": "越过检点单变更会议阶段",
        "meeting_attendees": "修改参会人员名单",
        "meeting_attendance": "登记签到或请假",
        "meeting_minutes": "登记会议纪要",
        "meeting_decisions": "登记议定事项",
        "meeting_hand_over": "议定事项交督查督办",
    },
    fields={"meeting": "models.meetings.manifest:MEETING_FIELDS", "meeting_item": "models.meetings.manifest:ITEM_FIELDS",
            "meeting_template": "models.meetings.manifest:TEMPLATE_FIELDS"},
    targets={"meeting": "会议", "meeting_item": "检点单事项", "meeting_template": "检点单模板",
             "meeting_topic": "会议议题"},
    # The office that runs meetings owns how they are numbered and seated, not the 系统管理员 (who must not decide
    # who sits where on the 主席台; DOMAIN §2).
    texts=(
        TextSpec("meeting_org", "会议届次前的机关名称（「市政府第12次常务会议」中的「市政府」）", "市政府",
                 owner=EDIT_MEETINGS),
        TextSpec("seating_rule", "主席台座次规则（以左为上：党政机关内部会议；以右为上：商务、外事活动）", "以左为上",
                 check="models.meetings.terms:check_seating_rule", owner=EDIT_MEETINGS),
    ),
    cli="cli.meetings",
    commands={"meeting": "会议：新建、改期（文书）"},
    imports={"meeting-template": "会议检点单模板（.xlsx，--name 会议类型）",
             "attendees": "参会人员名单（.xlsx，--meeting 会议编号）",
             "decisions": "会议议定事项（.xlsx，--meeting 会议编号）"},
    exports={
        "meeting-checklist": "会议检点单 .xlsx/.docx（--id 会议编号）",
        "seating": "主席台座次图 .docx/.pdf（--id）",
        "name-cards": "桌签 .docx/.pdf（--id）",
        "sign-in": "签到表 .docx/.xlsx（--id）",
        "meeting-notice": "会议通知 .docx（--id）",
        "meeting-template": "检点单模板 .xlsx（--name 会议类型）",
    },
    cli_options=(
        CliOption("import", "--meeting", "（attendees、decisions）会议编号", kinds=("attendees", "decisions"),
                  type="int"),
        CliOption("import", "--name", "（meeting-template）会议类型，不写时取表格标题", kinds=("meeting-template",),
                  type="text"),
    ),
    demo="models.meetings.demo:demo_meetings",
    demo_label="会议",
    due="models.meetings.due:due",
    tab=Tab("会议", READ_MEETINGS, "ui.meetings.tab:MeetingsTab", order=20),
)
