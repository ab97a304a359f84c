"""Importing the monthly 值班表 as offices keep it in Excel.

A title row (「县委办公室2025年11月值班安排表」), a header with 日期, 星期, 带班领导, the officers (one 值班人员
column, or one per shift: 白班/夜班, 主班/副班), 联系电话, 备注, and a footer line (「说明：如需调班……」).
With one 值班人员 column and several shifts set, the officer covers every shift of the day (全天值班), and the
preview says so before anything is written.
Dates come as date cells, 「12月3日」 (the year from the title) or 「12.3」. Every bad row is reported with its
Excel row number and nothing is written unless the whole file is good.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from importers.columns import Target, find_header, guess_mapping, year_hint
from importers.sheet import is_blank, read_rows
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.core.validators import parse_date
from models.duty import roster
from models.duty.manifest import EDIT_DUTY
from models.duty.terms import month_day

WEEKDAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
MONTH_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
OFFICER_ALIASES = ("值班人员", "值班员", "值班同志", "值班干部", "值班")
ALL_DAY = "all_day"  # the one 值班人员 column of a file, when the office has several shifts


def targets(shifts: tuple[str, ...]) -> tuple[Target, ...]:
    base = [
        Target("day", "日期", ("日期", "值班日期", "时间", "值班时间"), True),
        Target("weekday", "星期", ("星期", "周", "星期几")),
        Target("leader", "带班领导", ("带班领导", "带班", "值班领导", "领导带班", "带班领导同志")),
        Target("phones", "联系电话", ("联系电话", "电话", "联系方式", "手机")),
        Target("note", "备注", ("备注", "说明")),
    ]
    if len(shifts) > 1:
        base += [Target(s, s, (s, f"{s}值班", f"{s}值班员", f"{s}人员", f"{s}值班人员")) for s in shifts]
        base.append(Target(ALL_DAY, "值班人员", OFFICER_ALIASES))  # last: a column per shift wins over it
    else:
        base.append(Target(shifts[0], "值班人员", (*OFFICER_ALIASES, shifts[0], "主班")))
    return tuple(base)


@dataclass
class Parsed:
    header_row: int
    columns: list[str]
    mapping: dict[str, int]
    year: int | None
    month: int | None
    good: dict[date, dict] = field(default_factory=dict)
    rows: dict[date, int] = field(default_factory=dict)  # day → Excel row
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the file was read, said before writing

    def report(self, limit: int = 50) -> list[str]:
        lines = [f"第 {row} 行：{message}" for row, message in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"……另有 {len(self.errors) - limit} 行有问题")
        return lines


def _title_month(rows_above: list[tuple[int, list]], file: Path) -> tuple[int, int] | None:
    texts = [clean(c) for _, cells in rows_above for c in cells] + [file.stem]
    for text in texts:
        if match := MONTH_IN_TITLE.search(text):
            year, month = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12:
                return year, month
    return None


def parse(path: str | Path, mapping: dict[str, int] | None = None, year: int | None = None) -> Parsed:
    file = Path(path)
    shifts = roster.shift_names()
    wanted = targets(shifts)
    rows = list(read_rows(file))
    if not rows or all(is_blank(c) for _, c in rows):
        raise ValidationError("file", f"「{file.name}」是空的，没有可导入的内容。")
    at = find_header(rows, wanted)
    header_row, header = rows[at]
    mapping = dict(mapping) if mapping is not None else guess_mapping(header, wanted)
    if "day" not in mapping:
        raise ValidationError("mapping", f"第 {header_row} 行的表头中找不到「日期」列。请把日期所在列的表头写成「日期」。")
    officer_columns = [s for s in shifts if s in mapping]
    if officer_columns:
        mapping.pop(ALL_DAY, None)
    if not officer_columns and ALL_DAY not in mapping and "leader" not in mapping:
        raise ValidationError("mapping", f"第 {header_row} 行的表头中找不到带班领导或值班人员的列"
                                         f"（本单位班次为{'、'.join(shifts)}）。")
    month_hint = _title_month(rows[:at], file)
    hint = year or (month_hint[0] if month_hint else None) or year_hint(rows[:at], file)
    parsed = Parsed(header_row, [clean(c) for c in header], mapping, hint, month_hint[1] if month_hint else None)
    if ALL_DAY in mapping:
        parsed.notes.append(f"表中只有一列「{clean(header[mapping[ALL_DAY]])}」：每天的值班人员将同时排入"
                            f"{'、'.join(shifts)}，即全天值班。")
    for number, cells in rows[at + 1:]:
        if is_blank(cells):
            continue
        values = {key: cells[i] if i < len(cells) else None for key, i in mapping.items()}
        if ALL_DAY in values:
            values.update({s: values[ALL_DAY] for s in shifts})
        filled = [clean(c) for c in cells if clean(c)]
        raw_day = values.get("day")
        if len(set(filled)) == 1 and not _looks_like_date(raw_day):
            parsed.skipped.append((number, f"说明行「{filled[0][:20]}」，已跳过"))
            continue
        try:
            day = _day(raw_day, hint, parsed)
            _check_weekday(day, values.get("weekday"))
            plan = roster.plan_values(values, shifts)
        except ValidationError as exc:
            parsed.errors.append((number, exc.message))
            continue
        if day in parsed.rows:
            parsed.errors.append((number, f"{month_day(day)}与第 {parsed.rows[day]} 行重复，请删除其中一行。"))
            continue
        if not plan["leader"] and not any(plan[s] for s in shifts):
            parsed.skipped.append((number, f"{month_day(day)}没有安排人员，已跳过"))
            continue
        parsed.good[day], parsed.rows[day] = plan, number
    if not parsed.good and not parsed.errors:
        raise ValidationError("file", f"「{file.name}」的表头下面没有值班安排。")
    return parsed


def _looks_like_date(value: object) -> bool:
    if isinstance(value, date | int | float):
        return True
    return bool(re.match(r"^\s*\d", clean(value)))


def _day(value: object, hint: int | None, parsed: Parsed) -> date:
    if clean(value) == "":
        raise ValidationError("day", "日期是空的。")
    try:
        day = parse_date(value, "day", hint)
    except ValidationError as exc:
        if hint is None and "年份" in exc.message:
            raise ValidationError("day", exc.message + "标题和文件名中都找不到年份：请在导入时指定年份，"
                                                        "或把标题写成「××年××月值班表」。") from None
        raise
    if parsed.month and parsed.year and (day.year, day.month) != (parsed.year, parsed.month):
        raise ValidationError("day", f"标题是 {parsed.year}年{parsed.month}月，这一行却是 {day:%Y年%m月%d日}，请核对。")
    return day


def _check_weekday(day: date, value: object) -> None:
    text = clean(value).replace("星期", "").replace("周", "").replace("礼拜", "")
    if not text:
        return
    if text not in WEEKDAY_NAMES:
        raise ValidationError("weekday", f"星期「{clean(value)}」看不懂。")
    if WEEKDAY_NAMES[text] != day.weekday():
        raise ValidationError("weekday", f"{month_day(day)}是星期{roster.WEEKDAYS[day.weekday()]}，表中写的是星期{text}，"
                                         "请核对日期。")


def run(actor, path: str | Path, dry_run: bool = False, mapping: dict[str, int] | None = None,
        year: int | None = None) -> tuple[Parsed, int]:
    """Parse, then write every day in one transaction — nothing if any row is bad."""
    require(actor, EDIT_DUTY, "导入值班表")
    parsed = parse(path, mapping, year)
    if dry_run or parsed.errors or not parsed.good:
        return parsed, 0
    return parsed, roster.import_month(actor, parsed.good, Path(path).name)


def preview(parsed: Parsed) -> list[str]:
    """How the file was read, for the CLI and the window before anything is written."""
    when = f"{parsed.year}年{parsed.month}月" if parsed.month else (f"{parsed.year}年" if parsed.year else "未找到年份")
    lines = [f"表头在第 {parsed.header_row} 行，按 {when} 读取",
             f"可导入 {len(parsed.good)} 天，有问题 {len(parsed.errors)} 行，跳过 {len(parsed.skipped)} 行"]
    return lines + parsed.notes + [f"第 {n} 行：{m}" for n, m in parsed.skipped]


def cli_importer() -> Callable:
    def importer(actor, path, dry_run):
        parsed, written = run(actor, path, dry_run)
        summary = preview(parsed)
        if dry_run:
            summary.append("试导入（--dry-run）：未写入任何数据")
        elif parsed.errors:
            summary.append("文件中有错误，未写入任何数据。请修改后重新导入。")
        else:
            summary.append(f"已导入值班安排 {written} 天")
            days = roster.days(actor, min(parsed.good), max(parsed.good))
            summary += [f"{month_day(d.day)}：{'；'.join(d.problems)}" for d in days if d.problems and not d.empty]
        return summary, parsed.report()

    return importer
