"""The 会议 module's fixed words: phases of a checklist, item states, 座区, 密级, 纪要 steps."""

PHASES = ("会前", "会中", "会后")  # checklist phases
ITEM_STATES = ("未开始", "进行中", "已完成", "不适用")
OPEN_STATES = ("未开始", "进行中")  # an open item's deadline follows the meeting
ZONES = ("主席台", "台下", "列席")
SECRECY = ("非密", "秘密", "机密", "绝密")
MINUTES_STEPS = ("起草", "审核", "签发", "印发")  # 纪要, in this order
SEATING_RULES = ("以左为上", "以右为上")
ORG_DEFAULT = "市政府"


def mark(secrecy: str) -> str:
    """The 密级 printed on every page of a classified meeting's prints ("" for 非密)."""
    return secrecy if secrecy and secrecy != "非密" else ""


def check_seating_rule(text: str) -> str:
    from models.core.text import choice

    return choice(text, SEATING_RULES, "主席台座次规则", "seating_rule")
