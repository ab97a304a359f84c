"""The built-in 检点单 templates (DOMAIN.md §2.2): items common to every meeting, the 涉密 items that apply only to a
classified meeting, and each type's delta. An office edits them or imports its own; these are what a new database has.

An item: (phase, 事项, 责任人, 时限, required, secret_only).
"""

Item = tuple[str, str, str, str, bool, bool]

COMMON_BEFORE: list[Item] = [
    ("会前", "议题征集、审核，报主要领导确定", "秘书科", "会前5个工作日", True, False),
    ("会前", "拟定会议方案（名称、时间、地点、出席列席范围、议程、经费）", "秘书科", "会前5个工作日", True, False),
    ("会前", "会议材料（汇报材料、讲话稿、决策草案）印制、校对、装袋", "文电科", "会前1个工作日", True, False),
    ("会前", "涉密材料编份号，登记分发签收", "机要室", "会前1个工作日", True, True),
    ("会前", "发出会议通知（时间、地点、参会人员、议程、报到、回执）", "秘书科", "会前3天", True, False),
    ("会前", "核对参会名单和请假情况（请假须经主持人同意，代会须书面申请）", "秘书科", "会前1个工作日", True, False),
    ("会前", "会场布置：会标、座次图、桌签", "行政科", "会前1天", True, False),
    ("会前", "音响、录音、投影调试，茶水准备", "行政科", "会前1天", False, False),
    ("会前", "会场保密检查：手机统一存放、信号屏蔽", "保密办", "会议当天", True, True),
    ("会前", "证件、签到表、车辆、食宿、医疗、安保安排", "行政科", "会前1个工作日", False, False),
    ("会前", "会前检查（会场、文件、后勤）", "秘书科", "会前2小时", True, False),
]
COMMON_DURING: list[Item] = [
    ("会中", "签到（会前10分钟）、分发材料", "秘书科", "会议当天", True, False),
    ("会中", "统计应到、实到、请假、缺席人数", "秘书科", "会议当天", True, False),
    ("会中", "会议记录（2人）和录音", "秘书科", "会议当天", True, False),
    ("会中", "摄影、计时、会场服务、紧急信息传递", "行政科", "会议当天", False, False),
    ("会中", "散会时收回涉密材料", "机要室", "会议当天", True, True),
]
COMMON_AFTER: list[Item] = [
    ("会后", "清退涉密材料、核对份号", "机要室", "会后1个工作日", True, True),
    ("会后", "起草会议纪要，报审核、签发、印发", "秘书科", "会后3个工作日", True, False),
    ("会后", "分解议定事项（事项、牵头单位、配合单位、时限），交督查督办", "督查室", "会后5个工作日", True, False),
    ("会后", "新闻稿审核", "秘书科", "会后1天", False, False),
    ("会后", "会务经费结算", "行政科", "会后10个工作日", False, False),
    ("会后", "立卷归档（纪要、记录、议题、材料一卷）", "文电科", "会后20个工作日", True, False),
    ("会后", "会务工作总结", "秘书科", "会后10个工作日", False, False),
]

DELTAS: dict[str, list[Item]] = {
    "常务会议": [
        ("会前", "议题会前协调、会签完毕（未协调一致的不上会）", "秘书科", "会前5个工作日", True, False),
        ("会前", "规范性文件合法性审核", "司法局", "会前5个工作日", True, False),
        ("会前", "确定列席人员名单", "秘书科", "会前3个工作日", True, False),
    ],
    "全体会议": [
        ("会前", "书面通知并随附会议材料", "秘书科", "会前3天", True, False),
        ("会前", "大会场座次（主席台和台下分区）", "行政科", "会前2个工作日", True, False),
    ],
    "专题会议": [
        ("会前", "报请主持会议的副职领导确定议题和时间", "秘书科", "会前3个工作日", True, False),
        ("会后", "专题会议纪要印发", "秘书科", "会后3天", True, False),
    ],
    "党委常委会": [
        ("会前", "议题经书记审定", "秘书科", "会前5个工作日", True, False),
        ("会前", "列席人员名单报书记同意", "秘书科", "会前3个工作日", True, False),
    ],
}


def items(meeting_type: str) -> list[Item]:
    """The built-in template of a type: the common items with the type's own added to each phase."""
    delta = DELTAS.get(meeting_type, [])
    by_phase = {phase: [i for i in delta if i[0] == phase] for phase in ("会前", "会中", "会后")}
    return (COMMON_BEFORE + by_phase["会前"] + COMMON_DURING + by_phase["会中"] + COMMON_AFTER + by_phase["会后"])
