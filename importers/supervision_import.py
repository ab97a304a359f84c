"""Importing a 督办台账 or a 人大代表建议/政协提案 交办清单 as offices keep them in Excel.

Real lists have title rows (「2026年县人大代表建议交办清单」「（2026年3月16日交办）」), their own column names
(建议号/提案号, 领衔代表, 主办单位, 协办单位, 答复时限…), dates typed every way, blank and 合计 rows. The header is
found by its names; the 来源类型 comes from `--source`, else from a 来源 column, else from the header (a 建议号
column means 人大代表建议, a 提案号 column 政协提案). The 交办日期 is the column's, else the date in the title rows.
Every bad row is reported by its Excel row number with the reason (an impossible date, no 主办单位, a 建议号 twice
in the file…); nothing is written unless every row is good. Items already in the ledger (same 建议号 in the same
year and source, or the same 事项, 主办单位 and 交办日期) are reported and skipped, so a file imported twice adds
nothing twice.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from importers.columns import HEADER_SEARCH_ROWS, Target, body_rows, error_lines, read_table, year_hint
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.core.validators import parse_date
from models.supervision import items
from models.supervision.manifest import EDIT_SUPERVISION
from models.supervision.terms import PROPOSALS, parse_source

TARGETS = (
    Target("seq", "序号", ("序号",)),
    Target("source_no", "建议号/提案号", ("建议号", "提案号", "建议编号", "提案编号", "案号", "议案号", "代表建议号",
                                        "编号")),
    Target("title", "事项", ("建议标题", "提案标题", "建议题目", "提案题目", "建议名称", "提案名称", "题目", "案由",
                           "标题", "督办事项", "督查事项", "事项", "工作任务", "任务内容", "议定事项", "批示事项",
                           "事项名称", "内容"), True),
    Target("delegate", "领衔代表", ("领衔代表", "提案人", "第一提案人", "领衔人", "领衔委员", "代表", "委员",
                                  "建议人", "提出人")),
    Target("source_type", "来源", ("来源类型", "事项来源", "来源", "督办类别", "类别")),
    Target("source_doc_no", "来源文号", ("来源文号", "文号", "批示件编号")),
    Target("leader", "批示领导", ("批示领导", "交办领导")),
    Target("instruction", "批示内容", ("批示内容", "领导批示", "批示意见", "批示")),
    Target("lead_unit", "主办单位", ("主办单位", "牵头单位", "承办单位", "责任单位", "牵头部门", "主办", "牵头"), True),
    Target("co_units", "协办单位", ("协办单位", "配合单位", "会办单位", "协办", "配合")),
    Target("handler", "责任人", ("责任人", "联系人", "承办人", "经办人", "责任领导")),
    Target("assigned_on", "交办日期", ("交办日期", "交办时间", "立项日期", "交办")),
    Target("due", "办结时限", ("办结时限", "办理时限", "答复时限", "完成时限", "时限", "截止日期", "完成时间",
                             "办结期限")),
    Target("requirement", "要求", ("督办要求", "工作要求", "要求")),
    Target("result", "办理情况", ("办理情况", "办结情况", "答复情况", "办理结果")),
    Target("closed_on", "办结日期", ("办结日期", "答复日期", "办结时间")),
    Target("secrecy", "密级", ("密级",)),
    Target("remarks", "备注", ("备注", "说明")),
)
SOURCE_FLAGS = {"人大建议": "人大代表建议", "政协提案": "政协提案", "批示件": "领导批示件", "会议议定": "会议议定事项",
                "上级部署": "上级部署", "其他": "其他"}
TITLE_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A date's message names the date, not its column: the column goes in front (「交办日期」日期「2026-02-30」不存在…)
DATE_LABELS = {"assigned_on": "交办日期", "due": "办结时限", "closed_on": "办结日期"}


@dataclass
class Parsed:
    """What a file holds, before anything is written."""

    header_row: int
    columns: list[str]
    mapping: dict[str, int]
    source: str  # the 来源类型 of rows that name none ("" when rows must)
    assigned_on: date | None  # the 交办日期 the title rows state
    good: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def report(self, limit: int = 50) -> list[str]:
        return error_lines(self.errors, limit)


def source_flag(value: str | None) -> str:
    """The 来源类型 a `--source` word names ("" for none given)."""
    if not value:
        return ""
    text = clean(value)
    return SOURCE_FLAGS.get(text) or parse_source(text, "source")


def _file_source(header: list, mapping: dict[str, int], above: list[tuple[int, list]]) -> str:
    """人大代表建议 or 政协提案 when the numbered column or the title says so; "" otherwise."""
    words = [clean(header[mapping["source_no"]])] if "source_no" in mapping else []
    words += [clean(c) for _, cells in above for c in cells if clean(c)]
    for word in words:
        if "提案" in word:
            return "政协提案"
        if "建议" in word:
            return "人大代表建议"
    return ""


def _title_date(above: list[tuple[int, list]]) -> date | None:
    for _, cells in above:
        for cell in cells:
            if match := TITLE_DATE.search(clean(cell)):
                try:
                    return date(*(int(g) for g in match.groups()))
                except ValueError:
                    return None
    return None


def parse(actor, path: str | Path, source: str = "", mapping: dict[str, int] | None = None) -> Parsed:
    """Read and check a 督办台账 or 交办清单; `source` is the `--source` word or 来源类型 for rows that name none."""
    file = Path(path)
    table = read_table(file, TARGETS, mapping, "请把表头改成常用的名称（如「建议标题」「主办单位」）后再导入。")
    rows, at, header = table.rows, table.at, table.header
    above = rows[max(0, at - HEADER_SEARCH_ROWS):at]
    default = source_flag(source) or _file_source(header, table.mapping, above)
    parsed = Parsed(table.header_row, [clean(c) for c in header], table.mapping, default, _title_date(above))
    hint = year_hint(above, file)
    for number, cells in body_rows(rows, at, parsed.skipped):
        values = {key: cells[i] if i < len(cells) else None for key, i in table.mapping.items()}
        try:
            parsed.good.append((number, _row(values, parsed, hint)))
        except ValidationError as exc:
            label = DATE_LABELS.get(exc.field, "")
            parsed.errors.append((number, (f"「{label}」" if label and label not in exc.message else "") + exc.message))
    if not parsed.good and not parsed.errors:
        raise ValidationError("file", f"「{file.name}」的表头下面没有数据行。")
    _mark_duplicates(actor, parsed)
    return parsed


def _row(values: dict, parsed: Parsed, hint: int | None) -> dict:
    row_source = clean(values.get("source_type"))
    kind = parse_source(row_source) if row_source else parsed.source
    if not kind:
        raise ValidationError("source_type", "来源类型未填写：请在「来源」列填写，或导入时指定来源类型"
                                             "（命令行 --source 人大建议|政协提案|批示件|会议议定|上级部署|其他）。")
    if not clean(values.get("lead_unit")):
        raise ValidationError("lead_unit", "主办单位（牵头单位）是空的，请补上。")
    start = values.get("assigned_on")
    if start in (None, "") or isinstance(start, str) and not clean(start):
        if parsed.assigned_on is None:
            raise ValidationError("assigned_on",
                                  "交办日期是空的，标题中也没有写交办日期（如「2026年3月16日交办」），请补上。")
        start = parsed.assigned_on
    else:
        start = parse_date(start, "assigned_on", hint)
    due = values.get("due")
    if isinstance(due, str | int | float) and not isinstance(due, bool) and re.fullmatch(r"[\d.]+", clean(due)):
        due = parse_date(due, "due", hint)  # an Excel serial or 「2026.6.30」 read as a date, not as words
    checked = items.check_fields({**values, "source_type": kind, "assigned_on": start, "due": due})
    if kind in PROPOSALS and not checked["source_no"]:
        raise ValidationError("source_no", f"{kind}没有{'建议号' if kind == '人大代表建议' else '提案号'}，请补上。")
    checked.pop("stages")
    checked.pop("warning")
    result, closed = clean(values.get("result")), values.get("closed_on")
    if clean(closed) or isinstance(closed, date):
        closed_on = parse_date(closed, "closed_on", hint)
        if closed_on < start:
            raise ValidationError("closed_on", f"办结日期 {closed_on:%Y-%m-%d} 早于交办日期 {start:%Y-%m-%d}，请核对。")
        checked.update(status="closed", closed_on=closed_on, reported_on=closed_on, progress=100,
                       report=result or "（原台账未记办结情况）")
    else:
        checked["status"] = "assigned"
        if result:
            checked["remarks"] = "；".join(p for p in (checked["remarks"], f"原台账办理情况：{result}") if p)
    return checked


def _mark_duplicates(actor, parsed: Parsed) -> None:
    """A 建议号 (or the same 事项 to the same unit on the same day) twice in the file is an error; one already in the
    ledger is skipped and reported."""
    keys = [items.import_key(row) for _, row in parsed.good]
    existing = items.existing_keys(actor, {row["assigned_on"].year for _, row in parsed.good})
    first: dict[tuple, int] = {}
    kept = []
    for (number, row), key in zip(parsed.good, keys, strict=True):
        what = f"{row['source_type']}「{row['source_no']}」" if row["source_no"] else f"「{row['title'][:20]}」"
        if key in first:
            parsed.errors.append((number, f"{what}与第 {first[key]} 行重复，请删除其中一行。"))
            continue
        first[key] = number
        if key in existing:
            parsed.skipped.append((number, f"{what}已立项为{existing[key]}，未重复导入"))
            continue
        kept.append((number, row))
    parsed.good = kept
    parsed.errors.sort()
    parsed.skipped.sort()


def run(actor, path: str | Path, dry_run: bool = False, source: str = "",
        mapping: dict[str, int] | None = None) -> tuple[Parsed, int]:
    """Parse, then write every good row in one transaction — nothing if any row is bad."""
    require(actor, EDIT_SUPERVISION, "导入督办台账")
    parsed = parse(actor, path, source, mapping)
    if dry_run or parsed.errors or not parsed.good:
        return parsed, 0
    return parsed, items.import_many(actor, [row for _, row in parsed.good], Path(path).name)


def summary(parsed: Parsed, written: int, dry_run: bool) -> list[str]:
    lines = [f"表头在第 {parsed.header_row} 行；来源类型："
             + (parsed.source or "按每行「来源」列")
             + (f"；标题中的交办日期 {parsed.assigned_on:%Y-%m-%d}" if parsed.assigned_on else ""),
             f"可导入 {len(parsed.good)} 件，有问题 {len(parsed.errors)} 行，跳过 {len(parsed.skipped)} 行"]
    lines += [f"第 {n} 行：{m}" for n, m in parsed.skipped]
    if dry_run:
        lines.append("试导入（--dry-run）：未写入任何数据")
    elif parsed.errors:
        lines.append("文件中有错误，未写入任何数据。请修改后重新导入。")
    elif written:
        lines.append(f"已导入督办事项 {written} 件")
    else:
        lines.append("没有需要导入的新事项（都已立项），未写入任何数据")
    return lines


def cli_importer() -> Callable:
    """The CLI's `import supervision FILE [--source 人大建议|…] [--dry-run]`: (summary lines, error lines)."""
    def importer(actor, path, dry_run, source=None):
        parsed, written = run(actor, path, dry_run, source or "")
        return summary(parsed, written, dry_run), parsed.report()

    return importer
