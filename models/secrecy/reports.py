"""What the 涉密人员 exports print: the 花名册, the per-person 登记表, statistics, a person's history.

Values only; the exporters lay them out. Every export is audited (models.core.exports.audit_export).
"""

from dataclasses import dataclass
from datetime import date

from models.core import clock
from models.core.rights import require
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from models.secrecy.manifest import READ_PERSONNEL
from models.secrecy.people import Person
from models.secrecy.terms import LEVELS, SECONDED, months_text


@dataclass
class Table:
    title: str
    columns: list[tuple[str, int]]
    rows: list[tuple]


ROSTER_STATES = ("on_post", "declass")


def roster(actor, states: tuple[str, ...] = ROSTER_STATES) -> Table:
    """涉密人员花名册: the people on post and in their 脱密期, by unit and level."""
    require(actor, READ_PERSONNEL, "导出涉密人员花名册")
    year = clock.today().year
    columns = [("序号", 5), ("部门", 12), ("姓名", 8), ("性别", 5), ("公民身份号码", 20), ("政治面貌", 10),
               ("职务职级", 12), ("涉密岗位", 18), ("涉密等级", 8), ("人员性质", 8), ("上岗时间", 11),
               ("最近审查", 16), ("承诺书", 16), (f"{year}年培训", 10), ("状态", 22)]
    rows = []
    people = [p for p in secrecy.people(actor) if p.state in states]
    facts = secrecy_records.overview(people, year)
    reviews, pledges = secrecy_records.latest_records(people)
    for number, p in enumerate(people, 1):
        last, pledge = reviews.get(p.id), pledges.get(p.id)
        posts = facts[p.id].posts or secrecy.former_posts(p)
        nature = p.nature + (f"（{p.home_unit}）" if p.nature in SECONDED else "")
        rows.append((number, p.unit, p.name, p.gender, p.id_number, p.political, p.position, posts, p.level, nature,
                     _d(p.on_post_since), f"{last.kind} {_d(last.on)} {last.result}" if last else "无记录",
                     f"{pledge.kind} {_d(pledge.signed_on)}" if pledge else "未签订",
                     facts[p.id].hours.text, state_text(p)))
    return Table("涉密人员花名册", columns, rows)


def state_text(p: Person) -> str:
    if p.state == "declass":
        return f"{p.leave_kind}，脱密期至 {_d(p.declass_end)}"
    if p.state == "ended":
        return f"脱密期满（{_d(p.declass_end)}）"
    return p.state_label


def _d(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def stats(actor) -> Table:
    """By unit: 核心/重要/一般 on post, of which 借调/跟班, and those in their 脱密期."""
    require(actor, READ_PERSONNEL, "导出涉密人员统计")
    counts: dict[str, list[int]] = {}
    for p in Person.select().where(Person.state.in_(ROSTER_STATES)):
        line = counts.setdefault(p.unit, [0] * 6)
        if p.state == "on_post":
            line[LEVELS.index(p.level)] += 1
            line[3] += 1
            line[4] += int(p.nature in SECONDED)
        else:
            line[5] += 1
    rows = [(unit, *values) for unit, values in sorted(counts.items())]
    total = [sum(values[i] for values in counts.values()) for i in range(6)]
    rows.append(("合计", *total))
    columns = [("部门", 16), ("核心", 8), ("重要", 8), ("一般", 8), ("在岗合计", 10), ("其中借调等", 10),
               ("脱密期中", 10)]
    return Table(f"涉密人员统计（{clock.today():%Y年%m月%d日}）", columns, rows)


def history(actor, person_id: int) -> Table:
    person = secrecy.get(actor, person_id)
    rows = [(_d(e.on), e.kind, e.text, level_change(e), f"{e.by} {e.at:%Y-%m-%d %H:%M}")
            for e in secrecy.history(actor, person_id)]
    columns = [("日期", 11), ("事项", 9), ("内容", 84), ("等级", 10), ("登记人及时间", 20)]
    return Table(f"涉密人员履历（{person.name}）", columns, rows)


def level_change(event) -> str:
    if event.level_before == event.level_after:
        return ""
    return f"{event.level_before}→{event.level_after}" if event.level_before else event.level_after


def form_values(actor, person_id: int) -> dict:
    """The 涉密人员登记表's boxes (DOMAIN.md §7) for one person."""
    p = secrecy.get(actor, person_id)
    reviews, pledges, trainings = secrecy_records.records(actor, person_id)
    first = [r for r in reviews if r.kind != "复审"]
    periodic = [r for r in reviews if r.kind == "复审"]
    year = clock.today().year
    hours = secrecy_records.hours_check(p, year)
    docs = passports.passports(actor, person_id)
    posts = secrecy.current_assignments(p)
    due = secrecy_records.next_review(p)
    leaving = ""
    if p.declass_start:
        leaving = (f"{p.leave_kind}，{_d(p.declass_start)} 批准；脱密期{months_text(p.declass_months or 0)}，"
                   f"至 {_d(p.declass_end)}" + (f"；委托{p.entrusted_to}管理" if p.entrusted_to else "")
                   + (f"；去向：{p.whereabouts}" if p.whereabouts else ""))
    return {
        "name": p.name, "gender": p.gender, "birth": f"{p.birth.year}年{p.birth.month}月", "id_number": p.id_number,
        "political": p.political, "unit_position": "，".join(x for x in (p.unit, p.position) if x),
        "posts": "、".join(a.post.name for a in posts) or secrecy.former_posts(p), "level": p.level,
        "since": _d(p.on_post_since), "nature": p.nature + (f"（派出单位：{p.home_unit}）" if p.home_unit else ""),
        "first_review": "；".join(f"{r.kind}：{_d(r.on)}，{r.result}（{r.by}）" for r in first) or "无记录",
        "reviews": ("\n".join(f"{_d(r.on)}　{r.result}　{r.by}" for r in periodic) or "无")
                   + (f"\n下次复审：{_d(due)} 前" if due else ""),
        "pledges": "；".join(f"{x.kind}承诺书 {_d(x.signed_on)}" for x in pledges) or "未签订",
        "trainings": "\n".join([*(f"{_d(t.on)}　{t.topic}　{float(t.hours):g} 学时" for t in trainings[-6:]),
                                f"{year}年合计 {hours.text}"]),
        "passports": "\n".join(f"{d.label}，有效期至 {_d(d.expires_on) or '—'}，{passports.custody_text(d)}"
                               for d in docs) or "无",
        "leaving": leaving or "—",
        "note": p.note, "supervisor": p.supervisor,
    }
