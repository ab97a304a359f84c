"""Importing the 涉密人员花名册 as offices keep it in Excel (DOMAIN.md §4.3).

Column names vary (公民身份号码/身份证号, 类别/涉密等级, 确定时间/上岗时间, 承诺书签订/承诺书); the header row is
found by its names. Each bad row is reported by its Excel row number with the reason — an invalid 身份证号, an
unknown level, a post that does not exist (created only when the user says so: the wizard asks, the CLI takes
`--create-posts`; the posts the file lacks are listed in `missing_posts` either way), a level that
contradicts the post's. Nothing is written unless every row is good. People already in the registry (same
身份证号) are skipped and reported, so importing the same file twice adds nobody twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from importers.columns import Target, find_header, guess_mapping
from importers.sheet import is_blank, read_rows
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.core.validators import parse_date
from models.secrecy import people as secrecy
from models.secrecy.manifest import EDIT_PERSONNEL
from models.secrecy.terms import LEVELS, parse_level

TARGETS = (
    Target("name", "姓名", ("姓名", "名字"), True),
    Target("id_number", "身份证号", ("公民身份号码", "身份证号", "身份证号码", "身份证", "证件号码"), True),
    Target("unit", "部门", ("部门", "单位", "科室", "处室", "所在部门", "所在单位", "工作单位", "部门单位")),
    Target("gender", "性别", ("性别",)),
    Target("position", "职务", ("职务职级", "职务/职级", "职务", "职级", "职务（职级）")),
    Target("post", "涉密岗位", ("岗位名称", "涉密岗位", "涉密岗位名称", "岗位"), True),
    Target("level", "涉密等级", ("类别", "涉密等级", "涉密类别", "人员类别", "等级", "涉密程度", "密级类别"), True),
    Target("since", "上岗时间", ("确定时间", "确定日期", "上岗时间", "上岗日期", "审批时间", "批准时间", "任职时间")),
    Target("pledge_on", "承诺书签订", ("承诺书签订", "承诺书签订时间", "承诺书签订日期", "保密承诺书", "承诺书",
                                    "签订承诺书时间", "签订承诺书")),
    Target("political", "政治面貌", ("政治面貌",)),
    Target("phone", "联系电话", ("联系电话", "电话", "手机", "手机号码", "联系方式")),
    Target("nature", "人员性质", ("人员性质", "性质", "人员类型", "用工性质")),
    Target("home_unit", "派出单位", ("派出单位", "原单位")),
    Target("note", "备注", ("备注", "说明")),
)
CREATE_HINT = "导入时可同意按花名册新建系统中没有的岗位，或先在「涉密岗位」页新增。"
CLI_CREATE_HINT = "花名册中有系统中没有的涉密岗位：加 --create-posts 按花名册中的部门和类别新建，或先新增岗位。"


@dataclass
class Parsed:
    header_row: int
    columns: list[str]
    mapping: dict[str, int]
    good: list[secrecy.ImportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    new_posts: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, name) → level
    missing_posts: set[str] = field(default_factory=set)  # post names not in the system, whether created or not

    def report(self, limit: int = 50) -> list[str]:
        lines = [f"第 {row} 行：{message}" for row, message in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"……另有 {len(self.errors) - limit} 行有问题")
        return lines


def parse(path: str | Path, create_posts: bool = False, mapping: dict[str, int] | None = None) -> Parsed:
    file = Path(path)
    rows = list(read_rows(file))
    if not rows or all(is_blank(c) for _, c in rows):
        raise ValidationError("file", f"「{file.name}」是空的，没有可导入的内容。")
    at = find_header(rows, TARGETS)
    header_row, header = rows[at]
    mapping = dict(mapping) if mapping is not None else guess_mapping(header, TARGETS)
    missing = [t.label for t in TARGETS if t.required and t.key not in mapping]
    if missing:
        raise ValidationError("mapping", f"第 {header_row} 行的表头中找不到{'、'.join(missing)}列。"
                                         "请把这些列的表头改成常用的名称（如「身份证号」「涉密岗位」「涉密等级」）后再导入。")
    parsed = Parsed(header_row, [clean(c) for c in header], mapping)
    existing_posts = secrecy.post_levels()
    seen: dict[str, int] = {}
    candidates: list[tuple[int, dict]] = []
    for number, cells in rows[at + 1:]:
        if is_blank(cells):
            continue
        raw = {key: cells[i] if i < len(cells) else None for key, i in mapping.items()}
        filled = [clean(c) for c in cells if clean(c)]
        if not clean(raw.get("name")) and not clean(raw.get("id_number")):
            parsed.skipped.append((number, f"没有姓名和身份证号（「{filled[0][:20]}」），已跳过"))
            continue
        if clean(raw.get("name")) == "姓名":
            parsed.skipped.append((number, "重复的表头，已跳过"))
            continue
        try:
            row = _row(raw, number, existing_posts, parsed, create_posts)
        except ValidationError as exc:
            parsed.errors.append((number, exc.message))
            continue
        id_number = row.values["id_number"]
        if id_number in seen:
            parsed.errors.append((number, f"身份证号 {id_number} 与第 {seen[id_number]} 行重复。"))
            continue
        seen[id_number] = number
        candidates.append((number, row))
    already = secrecy.known_ids([row.values["id_number"] for _, row in candidates])
    for number, row in candidates:
        if row.values["id_number"] in already:
            parsed.skipped.append((number, f"{row.values['name']}（{row.values['id_number']}）已在涉密人员库中"
                                           f"（登记为{already[row.values['id_number']]}），未重复导入"))
        else:
            parsed.good.append(row)
    if not parsed.good and not parsed.errors and not parsed.skipped:
        raise ValidationError("file", f"「{file.name}」的表头下面没有人员。")
    return parsed


def _row(raw: dict, number: int, existing: dict, parsed: Parsed, create: bool) -> secrecy.ImportRow:
    names = [n for n in clean(raw.get("post")).replace("，", "、").replace(",", "、").replace("；", "、").split("、") if n]
    known = {key[1] for key in existing}
    parsed.missing_posts.update(n for n in names if n not in known)  # before the row's other checks can fail
    values, _notes = secrecy.check_person(raw)
    level = parse_level(raw.get("level"))
    if not clean(raw.get("since")):
        raise ValidationError("since", "上岗（确定）时间是空的。复审和脱密期都要从它算起，请补上。")
    since = parse_date(raw.get("since"), "since")
    pledge_on = parse_date(raw.get("pledge_on"), "pledge_on") if clean(raw.get("pledge_on")) else None
    if not names:
        raise ValidationError("post", "涉密岗位是空的。")
    posts = []
    for name in names:
        unit = values["unit"]
        matches = [key for key in existing if key[1] == name]
        key = (unit, name) if (unit, name) in existing else (matches[0] if len(matches) == 1 else None)
        if key is not None:
            posts.append((*key, existing[key]))
            continue
        if not create:
            raise ValidationError("post", f"涉密岗位「{name}」在系统中不存在。{CREATE_HINT}")
        earlier = parsed.new_posts.setdefault((unit, name), level)
        if earlier != level:
            raise ValidationError("level", f"新岗位「{unit}·{name}」在前面的行中定为{earlier}，这一行是{level}，请统一。")
        posts.append((unit, name, level))
    top = min(LEVELS.index(p[2]) for p in posts)
    if LEVELS[top] != level:
        raise ValidationError("level", f"类别写的是{level}，而岗位「{posts[0][1]}」是{LEVELS[top]}岗位。"
                                       "人员的涉密等级随其最高岗位确定，请核对类别或岗位。")
    if pledge_on and pledge_on < since - timedelta(days=366):
        raise ValidationError("pledge_on", f"承诺书签订日期 {pledge_on:%Y-%m-%d} 比上岗时间早一年以上，请核对。")
    return secrecy.ImportRow(values, posts, since, pledge_on, number)


def run(actor, path: str | Path, dry_run: bool = False, create_posts: bool = False,
        mapping: dict[str, int] | None = None) -> tuple[Parsed, int]:
    """Parse, then write everyone in one transaction — nothing if any row is bad."""
    require(actor, EDIT_PERSONNEL, "导入涉密人员花名册")
    parsed = parse(path, create_posts, mapping)
    if dry_run or parsed.errors or not parsed.good:
        return parsed, 0
    written, _created = secrecy.import_people(actor, parsed.good, Path(path).name)
    return parsed, written


def summary(parsed: Parsed, written: int, dry_run: bool) -> list[str]:
    lines = [f"表头在第 {parsed.header_row} 行",
             f"可导入 {len(parsed.good)} 人，有问题 {len(parsed.errors)} 行，跳过 {len(parsed.skipped)} 行"]
    if parsed.new_posts:
        lines.append("将新建涉密岗位：" + "、".join(f"{u}·{n}（{lv}）" for (u, n), lv in parsed.new_posts.items()))
    lines += [f"第 {n} 行：{m}" for n, m in parsed.skipped]
    no_pledge = [r.values["name"] for r in parsed.good if r.pledge_on is None]
    if no_pledge:
        lines.append(f"没有承诺书签订日期：{'、'.join(no_pledge)}（导入后列入提醒）")
    if dry_run:
        lines.append("试导入（--dry-run）：未写入任何数据")
    elif parsed.errors:
        lines.append("文件中有错误，未写入任何数据。请修改后重新导入。")
    elif written:
        lines.append(f"已导入涉密人员 {written} 人（在岗）。花名册中没有审查记录，请补登上岗审查或安排复审。")
    return lines


def cli_importer() -> Callable:
    def importer(actor, path, dry_run, create_posts=False):
        parsed, written = run(actor, path, dry_run, create_posts)
        report = parsed.report()
        if parsed.missing_posts and not create_posts:
            report.append(CLI_CREATE_HINT)
        return summary(parsed, written, dry_run), report

    return importer
