"""Reading the sheets of 会议: a 检点单 template (阶段, 事项, 责任人, 时限), an attendee list (姓名, 职务, 单位, 排序,
座区) and 议定事项 (事项, 牵头单位, 配合单位, 时限), as offices keep them in Excel: a title row above the header, merged
阶段 cells or 「一、会前」 section rows, blank rows. Every bad row is reported with its Excel row number and nothing is
written unless the whole file is good."""

import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from importers.columns import Target, find_header, guess_mapping, norm
from importers.sheet import is_blank, read_rows
from models.core.errors import ValidationError
from models.core.text import clean
from models.meetings import attendees, builtin, decisions, templates
from models.meetings.terms import PHASES

TEMPLATE_TARGETS = (
    Target("phase", "阶段", ("阶段", "环节", "时段", "会议阶段")),
    Target("task", "事项", ("事项", "工作事项", "检点事项", "工作内容", "内容", "检查事项"), True),
    Target("owner", "责任人", ("责任人", "责任科室", "责任单位", "负责人", "承办")),
    Target("deadline", "时限", ("时限", "截止", "完成时限", "时间要求", "截止时间"), True),
    Target("required", "必办", ("必办", "必须", "是否必办")),
    Target("secret_only", "仅涉密会议", ("仅涉密会议", "涉密", "涉密会议")),
)
ATTENDEE_TARGETS = (
    Target("name", "姓名", ("姓名", "名字", "参会人员", "人员"), True),
    Target("title", "职务", ("职务", "职位", "职务职称")),
    Target("unit", "单位", ("单位", "工作单位", "所在单位", "部门")),
    Target("rank", "排序", ("排序", "序号", "顺序", "排名")),
    Target("zone", "座区", ("座区", "区域", "座位", "就座区域", "类别")),
    Target("on_leave", "请假", ("请假", "是否请假")),
    Target("leave_note", "请假事由", ("请假事由", "备注")),
)
DECISION_TARGETS = (
    Target("matter", "事项", ("事项", "议定事项", "工作事项", "内容"), True),
    Target("lead_unit", "牵头单位", ("牵头单位", "牵头", "责任单位", "主办单位"), True),
    Target("partner_units", "配合单位", ("配合单位", "协办单位", "配合")),
    Target("due_on", "时限", ("时限", "完成时限", "办结时限", "截止日期")),
)
SECTION = re.compile(r"^[一二三四五六七八九十\d]*[、.．]?\s*(会前|会中|会后)")
YES = ("是", "√", "✓", "Y", "y", "1", "必办", "True", "true")
NO = ("否", "×", "N", "n", "0", "False", "false", "")
TITLE_TAIL = re.compile(r"(全流程)?(检点单|检查单|工作清单)?(模板)?[（(]?(模板)?[）)]?$")


def _sheet(path: str | Path, targets: tuple[Target, ...]) -> tuple[list[tuple[int, list]], dict[str, int], list]:
    file = Path(path)
    rows = list(read_rows(file))
    if not rows or all(is_blank(c) for _, c in rows):
        raise ValidationError("file", f"「{file.name}」是空的，没有可导入的内容。")
    at = find_header(rows, targets)
    mapping = guess_mapping(rows[at][1], targets)
    missing = [t.label for t in targets if t.required and t.key not in mapping]
    if missing:
        raise ValidationError("file", f"表头中找不到「{'」「'.join(missing)}」列，请检查表头。")
    return rows[at + 1:], mapping, rows[:at]


def _values(cells: list, mapping: dict[str, int]) -> dict:
    return {key: cells[i] if i < len(cells) else None for key, i in mapping.items()}


def _flag(value: object, default: bool) -> bool:
    text = clean(value)
    if not text:
        return default
    return text in YES or text not in NO


def name_from_title(rows_above: list[tuple[int, list]], file: Path) -> str:
    """The meeting type from the sheet's title (「市政府常务会议全流程检点单」 → 常务会议), else the file name."""
    texts = [clean(c) for _, cells in rows_above for c in cells if clean(c)] + [file.stem]
    for text in texts:
        for known in builtin.DELTAS:
            if known in text:
                return known
    for text in texts:
        name = TITLE_TAIL.sub("", text).strip()
        if name:
            return name
    return ""


def parse_template(path: str | Path) -> tuple[str, list[dict], list[str]]:
    """(name from the title, rows, errors)."""
    body, mapping, above = _sheet(path, TEMPLATE_TARGETS)
    phase, rows, errors = "", [], []
    for number, cells in body:
        if is_blank(cells):
            continue
        filled = [(i, clean(c)) for i, c in enumerate(cells) if clean(c)]
        if len({text for _, text in filled}) == 1:  # merged across the table, a merged row reads as one text
            filled = filled[:1]
        if len(filled) == 1:  # a section row (「一、会前」), or a note under the table outside the 事项 column
            section = SECTION.match(filled[0][1])
            if section or filled[0][0] != mapping["task"]:
                phase = section.group(1) if section else phase
                continue
        values = _values(cells, mapping)
        values["phase"] = clean(values.get("phase")) or phase
        match = SECTION.match(values["phase"])
        if match:
            values["phase"] = match.group(1)
        phase = values["phase"] if values["phase"] in PHASES else phase
        values["required"] = _flag(values.get("required"), True)
        values["secret_only"] = _flag(values.get("secret_only"), False)
        try:
            rows.append(asdict(templates.check_item(values)))
        except ValidationError as exc:
            errors.append(f"第 {number} 行：{exc}")
    return name_from_title(above, Path(path)), rows, errors


def import_template(actor, path: str | Path, dry_run: bool = False, name: str | None = None) -> tuple[str, list]:
    from models.core.rights import require
    from models.meetings.manifest import EDIT_MEETINGS

    require(actor, EDIT_MEETINGS, "导入检点单模板")
    found, rows, errors = parse_template(path)
    name = templates.check_name(name or found)
    if errors:
        return f"检点单模板「{name}」：{len(rows)} 项可用", errors
    if not rows:
        raise ValidationError("file", "表格中没有检点单事项。")
    if dry_run:
        return f"检点单模板「{name}」：{len(rows)} 项，检查通过", []
    template = templates.save(actor, name, rows)
    return f"检点单模板「{name}」：{len(rows)} 项，保存为第 {template.current} 版", []


def _rows(path: str | Path, targets: tuple[Target, ...], check: Callable[[dict, int], dict]) -> tuple[list, list]:
    body, mapping, _ = _sheet(path, targets)
    rows, errors = [], []
    for number, cells in body:
        if is_blank(cells) or norm(cells[mapping[targets[0].key]] if mapping[targets[0].key] < len(cells) else "") in (
                "合计", "总计", "小计"):
            continue
        values = _values(cells, mapping)
        try:
            rows.append(check(values, len(rows) + 1))
        except ValidationError as exc:
            errors.append(f"第 {number} 行：{exc}")
    return rows, errors


def _meeting(actor, meeting: int | None, what: str, missing: str) -> int:
    """The meeting a sheet is for, checked before the file is read: the right first (a refusal is audited even on a
    dry run), then that the meeting exists (a dry run against a mistyped --meeting must not say 「检查通过」)."""
    from models.core.rights import require
    from models.meetings import meetings
    from models.meetings.manifest import EDIT_MEETINGS

    require(actor, EDIT_MEETINGS, what)
    if meeting is None:
        raise ValidationError("meeting", missing)
    return meetings.get(actor, meeting).id


def import_attendees(actor, path: str | Path, dry_run: bool = False, meeting: int | None = None) -> tuple[str, list]:
    """The meeting's attendee list, in place of the one it had; a sheet with no one on it is refused rather than
    emptying the list."""
    meeting = _meeting(actor, meeting, "登记参会人员",
                       "导入参会人员需要 --meeting（会议编号，新建会议时最后一行显示的数字）。")
    rows, errors = _rows(path, ATTENDEE_TARGETS, lambda values, position: attendees.check_row(values, position))
    if not rows and not errors:
        raise ValidationError("file", f"「{Path(path).name}」的名单中没有参会人员（表头下面没有姓名），原名单未改动。"
                                      "请检查是否选错了文件。")
    if errors or dry_run:
        return f"参会人员 {len(rows)} 人" + ("，检查通过" if not errors else ""), errors
    attendees.replace(actor, meeting, rows, Path(path).name)
    return f"参会人员 {len(rows)} 人，已替换原名单", []


def import_decisions(actor, path: str | Path, dry_run: bool = False, meeting: int | None = None) -> tuple[str, list]:
    """The meeting's 议定事项; handed to 督查督办 at once where that module is installed, in one transaction: a
    议定事项 督办 refuses (a 时限 already past) leaves none of them recorded."""
    meeting = _meeting(actor, meeting, "登记议定事项", "导入议定事项需要 --meeting（会议编号）。")
    rows, errors = _rows(path, DECISION_TARGETS, lambda values, position: decisions.check_row(values))
    if errors or dry_run:
        return f"议定事项 {len(rows)} 项" + ("，检查通过" if not errors else ""), errors
    if not decisions.supervision_installed():
        decisions.add_many(actor, meeting, rows)
        return f"议定事项 {len(rows)} 项已登记（督查督办模块未安装，暂未交办）", []
    change = decisions.add_and_hand_over(actor, meeting, rows)
    return f"议定事项 {len(rows)} 项已登记，{change.summary}", []
