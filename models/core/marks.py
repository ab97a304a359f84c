"""国家秘密 levels (保密法 第13条) as every module and every printed page compares them: the highest on a page is
the mark top-left."""

CLASSIFIED = ("秘密", "机密", "绝密")  # lowest first; 非密 and 内部 (工作秘密) are not 国家秘密 levels


def highest_secrecy(levels) -> str:
    """The highest 国家秘密 level among `levels`, or "" when none is classified."""
    ranked = [lv for lv in levels if lv in CLASSIFIED]
    return max(ranked, key=CLASSIFIED.index) if ranked else ""
