"""值班要情 (the day's duty brief) and 值班快报 (one urgent event), numbered 第N期 per year (DOMAIN.md §3.4, §7).

A brief is drafted from the log (every entry of the duty day, worded from its fields), the leaders' whereabouts
and the items still open; the officer chooses and rewords before printing. Saving takes the next number of
the year; saving the same day's brief again keeps its number. A 快报 is the same for one event; a 续报 is a new
快报 (its own 期号) that repeats the title with 「（续报一）」 and starts from what is new since the last one.
"""

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from models.core import audit, clock, counters, settings
from models.core.db import DB, BaseModel, now
from models.core.errors import ValidationError
from models.core.rights import require
from models.core.text import clean
from models.documents.terms import highest_secrecy
from models.duty import absences, roster
from models.duty import log as duty_log
from models.duty.log import DutyEntry
from models.duty.manifest import EDIT_DUTY, READ_DUTY
from models.duty.terms import chinese_ordinal, month_day

KINDS = {"brief": "值班要情", "flash": "值班快报"}
VERB = {"来电": "来电", "来文": "来文", "传真": "传真", "突发事件": "报告", "其他": "反映"}
DEFAULT_COPIES = 10


class DutyBrief(BaseModel):
    kind = CharField(max_length=6)  # brief | flash
    year = IntegerField()
    serial = IntegerField()  # 第N期
    day = DateField(index=True)
    entry = ForeignKeyField(DutyEntry, null=True, backref="flashes")  # 快报: the event
    entry_id: int | None
    followup = IntegerField(default=0)  # 0 初报, 1 续报一…
    title = CharField(max_length=200, default="")
    items = TextField(default="[]")  # JSON [{"entry": id|None, "heading": str, "text": str}]
    whereabouts = TextField(default="")  # 领导外出情况
    open_items = TextField(default="")  # 需继续关注事项
    leader = CharField(max_length=40, default="")
    officers = CharField(max_length=100, default="")
    phone = CharField(max_length=40, default="")
    report_to = TextField(default="")  # 报：
    send_to = TextField(default="")  # 送：
    copies = IntegerField(default=DEFAULT_COPIES)
    signer = CharField(max_length=40, default="")  # 签发
    secrecy = CharField(max_length=4, default="非密")
    issued_at = DateTimeField(default=now)
    issued_by = CharField(max_length=64)

    class Meta:
        indexes = ((("kind", "year", "serial"), True),)

    @property
    def number_text(self) -> str:
        return f"第{self.serial}期"

    @property
    def item_list(self) -> list[dict]:
        return json.loads(self.items)

    @property
    def full_title(self) -> str:
        return self.title + (f"（续报{chinese_ordinal(self.followup)}）" if self.followup else "")


@dataclass
class Item:
    heading: str
    text: str
    entry: int | None = None
    chosen: bool = True


@dataclass
class Draft:
    """What the sheet will say, for the officer to choose and reword; `brief` is the saved one when reprinting."""

    kind: str
    day: date
    items: list[Item]
    whereabouts: str
    open_items: str
    leader: str
    officers: str
    phone: str
    report_to: str
    send_to: str
    copies: int = DEFAULT_COPIES
    signer: str = ""
    title: str = ""
    entry: int | None = None
    followup: int = 0
    brief: "DutyBrief | None" = None
    number_hint: str = ""  # 「第12期」 when reprinting, 「将编为第13期」 for a new one
    notes: list[str] = field(default_factory=list)
    open_entries: list[int] = field(default_factory=list)  # the log entries 需继续关注事项 quotes (their 密级 counts)


def _time(moment: datetime) -> str:
    return f"{moment.month}月{moment.day}日{moment.hour}时{moment.minute:02d}分".replace("时00分", "时")


def _times_in_words(text: str) -> str:
    """The log's stamps 「（11-29 19:54）」 as the sheets write times: 「（11月29日19时54分）」."""
    import re

    def words(match: re.Match) -> str:
        month, day, hour, minute = (int(g) for g in match.groups())
        return f"{month}月{day}日{hour}时{minute:02d}分".replace("时00分", "时")

    return re.sub(r"(?<!\d)(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})(?!\d)", words, text)


def entry_text(entry: DutyEntry) -> str:
    """An entry worded for the sheet: when, from whom, what, and what was done."""
    who = entry.source_text if entry.source_text != "—" else "有关方面"
    parts = [f"{_time(entry.at)}，{who}{VERB.get(entry.kind, '反映')}：{entry.subject.rstrip('。')}。"]
    if entry.occurred_at or entry.place:
        parts.append(f"事发时间{_time(entry.occurred_at) if entry.occurred_at else '不详'}"
                     + (f"，地点{entry.place}" if entry.place else "") + "。")
    if entry.reported_to:
        leaders = "、".join(line.split(" ")[0] for line in entry.reported_to.splitlines())
        parts.append(f"值班室已报告{leaders}。")
    if entry.instructions:
        parts.append("领导批示：" + "；".join(line.split("）：", 1)[-1] if "）：" in line else line
                                           for line in entry.instructions.splitlines()).rstrip("。") + "。")
    if entry.handling:
        parts.append("处理情况：" + "；".join(line.split(" ", 2)[-1] for line in entry.handling.splitlines())
                     .rstrip("。") + "。")
    if entry.result:
        parts.append(f"办理结果：{entry.result.rstrip('。')}。")
    return "".join(parts)


def _whereabouts(actor, day: date) -> str:
    """Leaders away during the duty day, which runs into the next morning."""
    seen, away = set(), []
    for moment in (day, day + timedelta(days=1)):
        for absence in absences.away_on(actor, moment):
            if absence.id not in seen:
                seen.add(absence.id)
                away.append(absence)
    return "\n".join(a.summary + "。" for a in away) or "无领导外出报备。"


def _open_items(actor, exclude: AbstractSet[int] = frozenset()) -> tuple[str, list[int]]:
    """需继续关注事项 as worded for the sheet, and the entries it quotes."""
    items = [e for e in duty_log.open_entries(actor) if e.id not in exclude]
    text = "\n".join(f"{month_day(e.at)}{e.source_text if e.source_text != '—' else ''}{e.kind}：{e.heading}"
                      f"（{duty_log.STATUS[e.status]}）" for e in items) or "无。"
    return text, [e.id for e in items]


def _people(actor, day: date) -> tuple[str, str, str, list[str]]:
    """带班领导, 值班员 and 值班电话 from the roster (swaps included) and settings, with what the officer must check:
    a leader the 外出报备 says is away is left blank rather than printed as on duty."""
    plan = roster.days(actor, day, day)[0]
    officers = []
    for names in plan.officers.values():
        officers += [n for n in names if n not in officers]
    leader, notes = plan.leader, []
    # Away on the duty day, or — composing the next morning, as the banner shows — away now.
    days_away = {day} | ({clock.today()} if clock.today() == day + timedelta(days=1) else set())
    away = next((a for d in sorted(days_away) for a in absences.away_on(actor, d) if a.person == leader),
                None) if leader else None
    if away is not None:
        stand_in = f"（报备的主持工作人：{away.stand_in}）" if away.stand_in else ""
        notes.append(f"排班表上的带班领导{leader}当天{away.kind}外出，「带班领导」已留空：请填写实际带班的领导{stand_in}。")
        leader = ""
    elif not leader:
        notes.append(f"排班表上{month_day(day)}没有带班领导：请在「带班领导」栏填写。")
    phone = settings.get_text("duty_phone")
    notes += _placeholder_notes(phone)
    return leader, "、".join(officers), phone, notes


def _placeholder_notes(phone: str) -> list[str]:
    default = settings.texts()["duty_phone"].default
    if clean(phone) in ("", default):
        shown = f"还是默认的「{default}」" if clean(phone) else "是空的"
        return [f"值班电话{shown}：请系统管理员在「系统 → 系统设置」的「值班电话（印在值班要情上）」中填写本单位的"
                "值班电话，或在本页「值班电话」栏直接改写。"]
    return []


def print_warnings(draft: Draft) -> list[str]:
    """What would print as placeholder or blank text; the window asks before numbering and printing."""
    warnings = _placeholder_notes(draft.phone)
    if not clean(draft.leader):
        warnings.append("「带班领导」是空的。")
    for item in draft.items:
        if item.chosen and "（请填写" in item.text:
            warnings.append(f"「{item.heading or '未命名事项'}」还是待填写的提示文字。")
    return warnings


def _left_out(day: date) -> list[DutyEntry]:
    """Entries of duty day `day` logged after its 值班要情 was (last) printed: they are not in that issue."""
    saved = _saved("brief", day=day)
    if saved is None:
        return []
    return list(DutyEntry.select().join(duty_log.DutyShift).where(
        (duty_log.DutyShift.day == day) & (DutyEntry.created_at > saved.issued_at)).order_by(DutyEntry.at))


def issue_day(actor, moment: datetime | None = None) -> date:
    """The day whose 值班要情 Ctrl+P opens: the duty day (a night shift runs into the next morning) — unless, past
    midnight, that day's issue is printed already and calls came in since: then today's, which takes them in."""
    require(actor, READ_DUTY, "查看值班要情")
    moment = moment or clock.now()
    day = roster.current(moment)[0]
    if day < moment.date() and _left_out(day):
        return moment.date()
    return day


def _saved(kind: str, **where) -> "DutyBrief | None":
    query = DutyBrief.select().where(DutyBrief.kind == kind)
    for key, value in where.items():
        query = query.where(getattr(DutyBrief, key) == value)
    return query.order_by(DutyBrief.followup.desc(), DutyBrief.id.desc()).first()


def _from_saved(saved: DutyBrief) -> Draft:
    items = [Item(i["heading"], i["text"], i.get("entry")) for i in saved.item_list]
    return Draft(saved.kind, saved.day, items, saved.whereabouts, saved.open_items, saved.leader, saved.officers,
                 saved.phone, saved.report_to, saved.send_to, saved.copies, saved.signer, saved.title,
                 saved.entry_id, saved.followup, saved, f"{saved.number_text}（重印保持原期号）")


def draft_brief(actor, day: date) -> Draft:
    """The day's 值班要情: the saved one when it was printed before (same number), else a new draft from the log."""
    require(actor, READ_DUTY, "查看值班要情")
    saved = _saved("brief", day=day)
    if saved is not None:
        return _from_saved(saved)
    carried = _left_out(day - timedelta(days=1))
    entries = carried + duty_log.day_entries(actor, day)
    items = [Item(e.heading, entry_text(e), e.id, chosen=e.kind != "其他") for e in entries]
    leader, officers, phone, notes = _people(actor, day)
    # An open entry reported in this issue's body is not listed again under 需继续关注事项.
    open_text, open_ids = _open_items(actor, exclude={i.entry for i in items if i.chosen and i.entry is not None})
    draft = Draft("brief", day, items, _whereabouts(actor, day), open_text, leader, officers, phone,
                  settings.get_text("brief_report_to"), settings.get_text("brief_send_to"), open_entries=open_ids)
    draft.number_hint = f"将编为第{counters.peek('duty_brief', day.year)}期"
    if carried:
        draft.notes.append(f"{month_day(day - timedelta(days=1))}的值班要情编印后又登记了 {len(carried)} 条，已列入本期。")
    if not entries:
        draft.notes.append(f"{month_day(day)}没有值班记录；要情将写「本日值班期间无重要情况」。")
    draft.notes += notes
    return draft


def draft_flash(actor, entry_id: int, followup: bool = False) -> Draft:
    """A 快报 for one event: the last one again (reprint, same number), or a new one / a 续报 with what is new."""
    require(actor, READ_DUTY, "查看值班快报")
    entry = duty_log._get(entry_id)
    last = _saved("flash", entry=entry_id)
    if last is not None and not followup:
        return _from_saved(last)
    leader, officers, phone, notes = _people(actor, entry.duty_shift.day)
    if last is None:
        sections = [
            Item("接报时间", _time(entry.at) + (f"，{entry.source_text}报告" if entry.source_text != "—" else "")),
            Item("事发时间和地点", "，".join(p for p in (_time(entry.occurred_at) if entry.occurred_at else "",
                                                      entry.place) if p) or "待核实"),
            Item("基本情况", entry.subject),
            Item("已采取的措施", "\n".join(line.split(" ", 2)[-1] for line in entry.handling.splitlines()) or "正在核实处置。"),
            Item("领导批示", _times_in_words(entry.instructions.strip()) or "暂无。"),
            Item("下一步", "值班室将密切跟踪事态发展，及时续报。"),
        ]
        number = 0
    else:  # 续报: only what happened after the last sheet
        since = last.issued_at
        new_steps = [ev for ev in duty_log.history(actor, entry_id) if ev.at >= since and ev.action in
                     ("handle", "instruct", "report_up", "close", "amend")]
        sections = [
            Item("新进展", "\n".join(f"{ev.at.hour}时{ev.at.minute:02d}分，{_times_in_words(ev.text)}"
                                      for ev in new_steps) or "（请填写新情况）"),
            Item("下一步", "值班室将继续跟踪，及时续报。" if not entry.closed else "事件已处置完毕，此为终报。"),
        ]
        number = last.followup + 1
    draft = Draft("flash", clock.today(), sections, "", "", leader, officers, phone,
                  settings.get_text("brief_report_to"), settings.get_text("brief_send_to"),
                  title=(last.title if last else _flash_title(entry)), entry=entry_id, followup=number)
    draft.number_hint = f"将编为第{counters.peek('duty_flash', clock.today().year)}期"
    draft.notes += notes
    return draft


def _flash_title(entry: DutyEntry) -> str:
    """「关于青山镇石桥村发生山体滑坡的情况」 from the place and the subject's first clause, without saying 石桥村 twice."""
    import re

    core = re.split(r"[，,。；;\n]", entry.subject, maxsplit=1)[0][:40]
    where = entry.place or entry.unit
    if not where or where in core:
        return f"关于{core}的情况"
    # the longest piece of the place that the subject names too (「石桥村」 of 「青山镇石桥村二组」): said once
    shared = next((where[i:i + n] for n in range(len(where) - 1, 1, -1) for i in range(len(where) - n + 1)
                   if where[i:i + n] in core), "")
    if not shared:
        return f"关于{where}{core}的情况"
    if core.startswith(shared):  # 「青山镇」 + 「石桥村发生山体滑坡」
        return f"关于{where[:where.index(shared)]}{core}的情况"
    return f"关于{core}的情况"  # the subject names the place further on, in its own words


def save(actor, draft: Draft) -> DutyBrief:
    """Number (or keep the number of) a brief or flash and store its wording; what is printed is what is saved."""
    require(actor, EDIT_DUTY, f"编发{KINDS[draft.kind]}")
    chosen = [i for i in draft.items if i.chosen]
    for item in chosen:
        item.heading, item.text = clean(item.heading), item.text.strip()
        if not item.text:
            raise ValidationError("items", f"「{item.heading or '未命名事项'}」的内容是空的：请填写或取消勾选。")
    if draft.kind == "flash" and not clean(draft.title):
        raise ValidationError("title", "请填写快报标题（如「关于××镇××的情况」）。")
    if not 1 <= int(draft.copies) <= 999:
        raise ValidationError("copies", "印数应在 1 到 999 份之间。")
    entry_ids = [i.entry for i in chosen if i.entry] + ([draft.entry] if draft.entry else [])
    if draft.open_items.strip() not in ("", "无。"):
        entry_ids += draft.open_entries
    levels = [e.secrecy for e in DutyEntry.select(DutyEntry.secrecy).where(DutyEntry.id.in_(entry_ids))]
    if draft.brief is not None and draft.open_items.strip() == draft.brief.open_items:
        levels.append(draft.brief.secrecy)  # a reprint: what its unchanged 需继续关注事项 quoted still counts
    values = dict(
        title=clean(draft.title), items=json.dumps([{"heading": i.heading, "text": i.text, "entry": i.entry}
                                                    for i in chosen], ensure_ascii=False),
        whereabouts=draft.whereabouts.strip(), open_items=draft.open_items.strip(), leader=clean(draft.leader),
        officers=clean(draft.officers), phone=clean(draft.phone), report_to=clean(draft.report_to),
        send_to=clean(draft.send_to), copies=int(draft.copies), signer=clean(draft.signer),
        secrecy=highest_secrecy(levels) or "非密",
    )
    with DB.atomic():
        brief = draft.brief
        if brief is not None:
            brief = DutyBrief.get_by_id(brief.id)
            for key, value in values.items():
                setattr(brief, key, value)
            brief.issued_at, brief.issued_by = now(), actor.username
            brief.save()
            what = "重印（保持期号）"
        else:
            series = "duty_brief" if draft.kind == "brief" else "duty_flash"
            year = draft.day.year
            brief = DutyBrief.create(kind=draft.kind, year=year, serial=counters.take(series, year), day=draft.day,
                                     entry=draft.entry, followup=draft.followup, issued_by=actor.username, **values)
            what = "编号"
        audit.record(actor, "create" if what == "编号" else "update", f"duty_brief:{brief.id}",
                     f"{KINDS[brief.kind]}{brief.number_text}{what}：{brief.day:%Y-%m-%d}"
                     + (f" {brief.full_title}" if brief.title else ""), items=len(chosen))
    draft.brief = brief
    return brief


def printed_brief(actor, day: date) -> "DutyBrief | None":
    """The day's 值班要情 as it was numbered and printed, or None."""
    require(actor, READ_DUTY, "查看值班要情")
    return _saved("brief", day=day)


def issued(actor, kind: str, year: int) -> list[DutyBrief]:
    require(actor, READ_DUTY, "查看值班要情")
    return list(DutyBrief.select().where((DutyBrief.kind == kind) & (DutyBrief.year == year))
                .order_by(DutyBrief.serial.desc()))


def get(actor, brief_id: int) -> DutyBrief:
    require(actor, READ_DUTY, "查看值班要情")
    brief = DutyBrief.get_or_none(DutyBrief.id == brief_id)
    if brief is None:
        raise ValidationError("id", f"没有编号为 {brief_id} 的值班要情或快报。")
    return brief
