"""Importing the 收文/发文 ledgers offices kept in Excel, as they are.

Real ledgers have title rows above the header, their own column names, merged cells, dates typed every way
(「10月8日」 with the year only in the title), full-width digits, blank rows, 合计/小计 rows and repeated page
headers. The header is found by its names, the columns are guessed from them (the wizard lets the user
correct the guess), every bad row is reported with its Excel row number, and nothing is written unless every
row is good — or the user asks for the good rows only.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from importers.columns import Target, body_rows, error_lines, read_table, year_hint
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.core.validators import parse_date, split_doc_no
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.documents.manifest import EDIT_DOCUMENTS

INCOMING_TARGETS = (
    Target("legacy_no", "登记号", ("收文编号", "收文号", "登记号", "登记编号", "编号", "序号", "收文序号")),
    Target("received_on", "收文日期", ("收文日期", "收文时间", "签收日期", "签收时间", "来文日期", "收到日期", "日期"), True),
    Target("source_org", "来文单位", ("来文单位", "来文机关", "发文机关", "发文单位", "来文机关（单位）", "来文部门"), True),
    Target("doc_no", "来文字号", ("来文字号", "来文文号", "文号", "发文字号", "字号")),
    Target("title", "标题", ("文件标题", "标题", "文件题目", "题目", "文件名称", "名称", "事由"), True),
    Target("doc_type", "文种", ("文种", "文件种类")),
    Target("secrecy", "密级", ("密级", "秘密等级", "密级及保密期限")),
    Target("urgency", "紧急程度", ("紧急程度", "缓急", "紧急")),
    Target("copies", "份数", ("份数", "数量")),
    Target("copy_nos", "份号", ("份号",)),
    Target("proposal", "拟办意见", ("拟办意见", "拟办")),
    Target("instructions", "领导批示", ("领导批示", "批示", "领导批示意见", "批办意见")),
    Target("lead_unit", "承办单位", ("承办单位", "承办科室", "承办部门", "承办处室", "承办")),
    Target("due_date", "办理时限", ("办理时限", "时限", "办结时限")),
    Target("result", "办理结果", ("办理结果", "结果", "办理情况", "办结情况")),
    Target("remarks", "备注", ("备注",)),
)

OUTGOING_TARGETS = (
    Target("legacy_no", "序号", ("序号", "编号", "登记号")),
    Target("doc_no", "发文字号", ("发文字号", "文号", "发文文号", "字号"), True),
    Target("title", "标题", ("标题", "文件标题", "文件题目", "题目", "文件名称"), True),
    Target("doc_type", "文种", ("文种", "文件种类")),
    Target("draft_unit", "拟稿单位", ("拟稿单位", "拟稿科室", "拟稿部门", "主办单位", "起草单位"), True),
    Target("drafter", "拟稿人", ("拟稿人", "起草人", "经办人")),
    Target("signer", "签发人", ("签发人", "签发领导")),
    Target("signed_on", "签发日期", ("签发日期", "签发时间", "日期", "成文日期", "发文日期"), True),
    Target("secrecy", "密级", ("密级", "秘密等级")),
    Target("urgency", "紧急程度", ("紧急程度", "缓急")),
    Target("print_copies", "印制份数", ("印制份数", "印数", "份数", "打印份数")),
    Target("main_to", "主送", ("主送", "主送机关", "主送单位")),
    Target("copy_to", "抄送", ("抄送", "抄送机关", "抄送单位")),
    Target("remarks", "备注", ("备注",)),
)

@dataclass
class Parsed:
    """What a file holds, before anything is written."""

    kind: str
    header_row: int
    columns: list[str]  # the header as written
    mapping: dict[str, int]
    year: int | None
    good: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row, values for models)
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # already in the ledger, 合计 rows…
    notes: list[str] = field(default_factory=list)

    def report(self, limit: int = 50) -> list[str]:
        return error_lines(self.errors, limit)


def parse(actor, path: str | Path, kind: str, mapping: dict[str, int] | None = None,
          year: int | None = None) -> Parsed:
    """Read and check a ledger file; `mapping` and `year` override the guesses (the wizard's choices)."""
    file = Path(path)
    targets = INCOMING_TARGETS if kind == "incoming" else OUTGOING_TARGETS
    table = read_table(file, targets, mapping, "请在导入向导中指定对应的列，或把表头改成这些名称。")
    rows, at = table.rows, table.at
    hint = year or year_hint(rows[:at], file)
    parsed = Parsed(kind, table.header_row, [clean(c) for c in table.header], table.mapping, hint)
    check: Callable = _incoming_row if kind == "incoming" else _outgoing_row
    for number, cells in body_rows(rows, at, parsed.skipped):
        values = {key: cells[i] if i < len(cells) else None for key, i in table.mapping.items()}
        try:
            parsed.good.append((number, check(values, hint, parsed)))
        except ValidationError as exc:
            parsed.errors.append((number, exc.message))
    data_rows = len(parsed.good) + len(parsed.errors)
    _mark_duplicates(actor, parsed)
    if not data_rows:
        raise ValidationError("file", f"「{file.name}」的表头下面没有数据行。")
    return parsed


def _year_message(exc: ValidationError, hint: int | None) -> str:
    if hint is None and "年份" in exc.message:
        return exc.message + "文件标题和文件名中都找不到年份：请在导入向导中填写年份，或在 Excel 中补上。"
    return exc.message


def _incoming_row(values: dict, hint: int | None, parsed: Parsed) -> dict:
    try:
        checked = documents.check_incoming(values, hint, strict=False)
    except ValidationError as exc:
        label = next((t.label for t in INCOMING_TARGETS if t.key == exc.field), "")
        raise ValidationError(exc.field, (f"「{label}」" if label and label not in exc.message else "")
                              + _year_message(exc, hint)) from None
    row = checked.values
    parsed.notes.extend(checked.notes)
    row["legacy_no"] = clean(values.get("legacy_no"))[:40]
    for key in ("proposal", "instructions", "lead_unit", "result"):
        row[key] = clean(values.get(key))
    result = row["result"]
    # 原台账的「结果」: 已办结/已报送 closes it; 办理中/传阅中 is a state, not a result
    if result and re.search(r"中$|未", result):
        row["remarks"] = "；".join(p for p in (row["remarks"], f"原台账办理情况：{result}") if p)
        row["result"] = ""
    if row["result"]:
        row["status"] = "closed"
    elif row["lead_unit"]:
        row["status"] = "assigned"
    elif row["instructions"]:
        row["status"] = "instructed"
    elif row["proposal"]:
        row["status"] = "proposed"
    else:
        row["status"] = "registered"
    return row


def _outgoing_row(values: dict, hint: int | None, parsed: Parsed) -> dict:
    try:
        prefix, year, serial = split_doc_no(values.get("doc_no"), "doc_no")
        signed = parse_date(values.get("signed_on"), "signed_on", hint or year)
        row = dispatch.check_outgoing({**values, "prefix": prefix, "drafter": values.get("drafter") or "（未登记）",
                                       "drafted_on": signed}, hint or year)
    except ValidationError as exc:
        label = next((t.label for t in OUTGOING_TARGETS if t.key == exc.field), "")
        raise ValidationError(exc.field, (f"「{label}」" if label and label not in exc.message else "")
                              + _year_message(exc, hint)) from None
    row.update(year=year, serial=serial, doc_no=dispatch.doc_number(prefix, year, serial), signed_on=signed,
               signer=clean(values.get("signer")), legacy_no=clean(values.get("legacy_no"))[:40],
               status="distributed")
    return row


def _mark_duplicates(actor, parsed: Parsed) -> None:
    """Rows twice in the file are errors; rows already in the ledger are skipped and reported."""
    if parsed.kind == "incoming":
        keys = [(r["source_org"], r["doc_no"], r["title"], r["received_at"].date()) for _, r in parsed.good]
        existing = documents.existing_keys(actor, {k[3].year for k in keys})
    else:
        keys = [(r["prefix"], r["year"], r["serial"]) for _, r in parsed.good]
        existing = dispatch.existing_numbers(actor, {(k[0], k[1]) for k in keys})
    first_row: dict = {}
    kept = []
    for (number, row), key in zip(parsed.good, keys, strict=True):
        if key in first_row:
            what = row.get("doc_no") or row["title"][:20]
            parsed.errors.append((number, f"与第 {first_row[key]} 行重复（{what}），请删除其中一行。"))
            continue
        first_row[key] = number
        if parsed.kind == "incoming" and key in existing:
            parsed.skipped.append((number, f"已在收文登记簿中（{existing[key]}），未重复导入"))
            continue
        if parsed.kind == "outgoing" and key in existing:
            title = existing[key]
            if title == row["title"]:
                parsed.skipped.append((number, f"{row['doc_no']} 已在发文登记簿中，未重复导入"))
            else:
                parsed.errors.append((number, f"{row['doc_no']} 已被「{title[:24]}」使用，同一文号不能给两份文件。"))
            continue
        kept.append((number, row))
    parsed.good = kept
    parsed.errors.sort()


def run(actor, path: str | Path, kind: str, dry_run: bool = False, valid_only: bool = False,
        mapping: dict[str, int] | None = None, year: int | None = None) -> tuple[Parsed, int]:
    """Parse, then write every good row in one transaction (nothing if any row is bad, unless `valid_only`)."""
    require(actor, EDIT_DOCUMENTS, "导入台账")
    parsed = parse(actor, path, kind, mapping, year)
    if dry_run or (parsed.errors and not valid_only) or not parsed.good:
        return parsed, 0
    rows = [r for _, r in parsed.good]
    name = Path(path).name
    written = (documents.import_many(actor, rows, name) if kind == "incoming"
               else dispatch.import_many(actor, rows, name))
    return parsed, written


def cli_importer(kind: str) -> Callable:
    """The CLI's `import incoming|outgoing FILE [--dry-run]`: (summary lines, error lines)."""
    label = "收文" if kind == "incoming" else "发文"

    def importer(actor, path, dry_run):
        parsed, written = run(actor, path, kind, dry_run)
        summary = [f"表头在第 {parsed.header_row} 行；" + (f"年份按 {parsed.year} 年" if parsed.year else "未找到年份"),
                   f"可导入 {len(parsed.good)} 行，有问题 {len(parsed.errors)} 行，跳过 {len(parsed.skipped)} 行"]
        summary += [f"第 {n} 行：{m}" for n, m in parsed.skipped]
        summary += parsed.notes[:20]
        if dry_run:
            summary.append("试导入（--dry-run）：未写入任何数据")
        elif parsed.errors:
            summary.append("文件中有错误，未写入任何数据。请修改后重新导入。")
        else:
            summary.append(f"已导入{label} {written} 条")
        return summary, parsed.report()

    return importer
