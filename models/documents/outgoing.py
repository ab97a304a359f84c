"""发文 (outgoing documents): from the draft to the archive, and the 发文字号 that must never skip or repeat.

Flow (DOMAIN.md §1.3, 条例 第25条):
  拟稿 → 已核稿 → (会签中, repeatable) → 已签发 → 已编号 (发文字号 from the per-代字, per-year counter)
       → 已印制 → 已分发 (which unit got which 份号) → 已归档
  退改 sends a draft back to the drafter (from 核稿, 会签 or 签发, before it has a number); 作废 keeps the number.
"""

from dataclasses import dataclass, field
from datetime import date

from peewee import CharField, DateField, ForeignKeyField, IntegerField, ModelSelect, TextField, fn

from models.core import audit, clock, counters
from models.core.db import DB, BaseModel, insert_rows, tuples
from models.core.errors import ValidationError
from models.core.records import Records
from models.core.rights import require
from models.core.states import ANY, Flow
from models.core.text import choice, clean
from models.core.validators import parse_date
from models.documents.incoming import DocEvent, _history, past_day, text_value
from models.documents.manifest import EDIT_DOCUMENTS, READ_DOCUMENTS
from models.documents.terms import (
    CLASSIFIED,
    DOC_TYPES,
    NOT_SECRET,
    RETENTION,
    RETENTION_CODES,
    check_term,
    infer_doc_type,
    parse_count,
    parse_secrecy,
    parse_urgency,
    secrecy_mark,
)

STATUS = {
    "drafted": "拟稿",
    "reviewed": "已核稿",
    "countersigning": "会签中",
    "signed": "已签发",
    "numbered": "已编号",
    "printed": "已印制",
    "distributed": "已分发",
    "archived": "已归档",
    "void": "已作废",
}
FINISHED = ("archived", "void")
ACTIONS = {"review": "核稿", "countersign": "会签", "sign": "签发", "number": "编号", "print": "登记印制",
           "distribute": "登记分发", "archive": "归档", "send_back": "退改", "void": "作废"}
FLOW = Flow(STATUS, ACTIONS, [
    ("drafted", "review", "reviewed"), ("reviewed", "review", "reviewed"),
    ("reviewed", "countersign", "countersigning"), ("countersigning", "countersign", "countersigning"),
    ("reviewed", "sign", "signed"), ("countersigning", "sign", "signed"),
    ("signed", "number", "numbered"),
    ("numbered", "print", "printed"), ("printed", "print", "printed"),
    ("printed", "distribute", "distributed"), ("distributed", "distribute", "distributed"),
    ("printed", "archive", "archived"), ("distributed", "archive", "archived"),
    *[(s, "send_back", "drafted") for s in ("reviewed", "countersigning", "signed")],
    *[(s, "void", "void") for s in STATUS if s not in FINISHED],
    ("drafted", "sign", None, "请先完成核稿。"),
    ("drafted", "number", None, "领导签发后才能编号。"),
    ("reviewed", "number", None, "领导签发后才能编号。"),
    ("signed", "print", None, "请先编号（取发文字号）再印制。"),
    ("numbered", "distribute", None, "请先登记印制份数再分发。"),
    ("numbered", "archive", None, "请先登记印制和分发，再归档。"),
    ("numbered", "send_back", None, "已编号的文件不能退改；内容须实质修改的，请作废后重新拟稿（文号保留为作废号）。"),
    *[(s, ANY, None, f"已{STATUS[s][1:]}的文件不能再办理。") for s in FINISHED],
])


class Outgoing(BaseModel):
    """One outgoing document (发文). Never deleted; a voided one keeps its 发文字号 in the record."""

    distributions: "ModelSelect[Distribution]"  # backref

    prefix = CharField(max_length=30)  # 机关代字, e.g. 县委办发
    year = IntegerField(null=True)  # of the 发文字号
    serial = IntegerField(null=True)
    doc_no = CharField(max_length=60, default="", index=True)  # 县委办发〔2026〕12号
    title = CharField(max_length=300)
    doc_type = CharField(max_length=10)
    draft_unit = CharField(max_length=100)  # 拟稿单位
    drafter = CharField(max_length=40)  # 拟稿人
    drafted_on = DateField()
    main_to = TextField(default="")  # 主送
    copy_to = TextField(default="")  # 抄送
    secrecy = CharField(max_length=4, default=NOT_SECRET)
    secrecy_term = CharField(max_length=40, default="")
    urgency = CharField(max_length=4, default="无")
    attachments = TextField(default="")
    reviewer = CharField(max_length=40, default="")  # 核稿人
    review_opinion = TextField(default="")
    reviewed_on = DateField(null=True)
    countersigns = TextField(default="")  # 会签, one line each (rows in DocEvent)
    signer = CharField(max_length=40, default="")  # 签发人
    sign_opinion = TextField(default="")
    signed_on = DateField(null=True)
    print_copies = IntegerField(null=True)  # 印制份数
    printed_on = DateField(null=True)
    proofreader = CharField(max_length=40, default="")  # 校对
    archive_year = IntegerField(null=True)
    retention = CharField(max_length=10, default="")
    archive_serial = IntegerField(null=True)
    archive_code = CharField(max_length=60, default="")
    status = CharField(max_length=16, default="drafted", index=True)
    reason = TextField(default="")  # last 退改 / 作废 reason
    remarks = TextField(default="")
    legacy_no = CharField(max_length=40, default="")
    search_text = TextField(default="")

    class Meta:
        indexes = ((("prefix", "year", "serial"), False), (("drafted_on",), False))

    @property
    def mark(self) -> str:
        return secrecy_mark(self.secrecy, self.secrecy_term)


class Distribution(BaseModel):
    """分发: which unit got which 份号 (copy_from..copy_to) of a printed document."""

    outgoing = ForeignKeyField(Outgoing, backref="distributions")
    outgoing_id: int
    unit = CharField(max_length=100)
    copy_from = IntegerField()
    copy_to = IntegerField()
    at = DateField(default=clock.today)
    by = CharField(max_length=64)


class NumberReservation(BaseModel):
    """A 发文字号 taken from the counter ahead of time (预留), used later or left as a known gap."""

    prefix = CharField(max_length=30)
    year = IntegerField()
    serial = IntegerField()
    reason = TextField()
    by = CharField(max_length=64)
    used_by = IntegerField(null=True)  # Outgoing.id


def doc_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}〔{year}〕{serial}号"


def _series(prefix: str) -> str:
    return f"outgoing:{prefix}"


def check_prefix(value: object) -> str:
    text = clean(value)
    if not text:
        raise ValidationError("prefix", "请填写机关代字，如「县委办发」「县政办函」。")
    if any(c in text for c in "〔〕[]()（）0123456789号"):
        raise ValidationError("prefix", f"机关代字「{text}」只写代字本身，不含年份、括号和序号，如「县委办发」。")
    if len(text) > 30:
        raise ValidationError("prefix", "机关代字过长，请检查。")
    return text


def check_outgoing(data: dict, year_hint: int | None = None) -> dict:
    """Typed or imported draft values → stored ones; ValidationError on the first bad field."""
    title = text_value(data.get("title"), "title", "标题", limit=300)
    doc_type = clean(data.get("doc_type")) or infer_doc_type(title)
    if doc_type not in DOC_TYPES:
        raise ValidationError("doc_type", f"文种「{doc_type}」无法识别，应为：{'、'.join(DOC_TYPES)}。")
    if data.get("secrecy_term") not in (None, ""):
        secrecy = choice(data.get("secrecy"), ("非密", "内部", *CLASSIFIED), "密级", "secrecy", "非密")
        term = check_term(secrecy, data.get("secrecy_term"), "secrecy_term")
    else:
        secrecy, term = parse_secrecy(data.get("secrecy"), "secrecy")
    drafted = data.get("drafted_on")
    return dict(
        prefix=check_prefix(data.get("prefix")), title=title, doc_type=doc_type,
        draft_unit=text_value(data.get("draft_unit"), "draft_unit", "拟稿单位", limit=100),
        drafter=text_value(data.get("drafter"), "drafter", "拟稿人", limit=40),
        drafted_on=(drafted if isinstance(drafted, date) else parse_date(drafted, "drafted_on", year_hint))
        if clean(drafted) or isinstance(drafted, date) else clock.today(),
        main_to=_list_text(data.get("main_to")), copy_to=_list_text(data.get("copy_to")),
        secrecy=secrecy, secrecy_term=term, urgency=parse_urgency(data.get("urgency")),
        attachments=clean(data.get("attachments")), remarks=clean(data.get("remarks")),
        print_copies=parse_count(data.get("print_copies"), "印制份数", "print_copies"),
    )


def _list_text(value: object) -> str:
    """主送/抄送 as GB/T 9704 punctuates them: units separated by 「，」, without a trailing 「。」."""
    text = clean(value).replace(",", "，").replace(";", "，").replace("；", "，").replace("、", "，")
    return text.rstrip("。：:，")


def _search_text(doc: Outgoing) -> str:
    parts = (doc.doc_no, doc.title, doc.draft_unit, doc.drafter, doc.main_to, doc.signer, doc.legacy_no)
    return " ".join(p for p in parts if p)


def get(actor, doc_id: int) -> Outgoing:
    require(actor, READ_DOCUMENTS, "查看发文")
    return _get(doc_id)


def _prepare(doc: Outgoing) -> None:
    doc.search_text = _search_text(doc)


RECORDS = Records(Outgoing, "outgoing", "没有编号为 {id} 的发文记录。", events=DocEvent,
                  link=lambda doc: {"doc_kind": "outgoing", "doc_id": doc.id}, prepare=_prepare)
_get = RECORDS.get


def _name(doc: Outgoing) -> str:
    return doc.doc_no or f"「{doc.title[:24]}」"


def _check(doc: Outgoing, action: str) -> str:
    """The status `action` leads to, or the refusal in words (FLOW)."""
    return FLOW.check(f"发文{_name(doc)}", doc.status, action)


def _save(actor, doc: Outgoing, action: str, summary: str, before: dict | None = None, **event) -> Outgoing:
    return RECORDS.save(actor, doc, f"发文{_name(doc)}：{summary}", before,
                        event=dict(action=action, summary=summary, **event))


def draft(actor, data: dict) -> Outgoing:
    """拟稿: register a draft."""
    require(actor, EDIT_DOCUMENTS, "登记发文拟稿")
    values = check_outgoing(data)
    with DB.atomic():
        doc = Outgoing(**values)
        RECORDS.save(actor, doc, f"登记发文拟稿：{doc.title[:40]}", action="create", after=values, insert=True,
                     event=dict(action="draft", summary=f"拟稿：{doc.draft_unit} {doc.drafter}"))
    return doc


def review(actor, doc_id: int, reviewer: str, opinion: str = "", on: object = None) -> Outgoing:
    """核稿 (部门核稿 / 办公室审核)."""
    require(actor, EDIT_DOCUMENTS, "登记核稿")
    doc = _get(doc_id)
    after = _check(doc, "review")
    before = {"reviewer": doc.reviewer, "status": doc.status}
    doc.reviewer = text_value(reviewer, "reviewer", "核稿人", limit=40)
    doc.review_opinion, doc.reviewed_on = clean(opinion), past_day(on, "on", "核稿日期")
    doc.status = after
    with DB.atomic():
        return _save(actor, doc, "review", f"核稿：{doc.reviewer}" + (f"，{doc.review_opinion}" if doc.review_opinion
                                                                     else ""), before, person=doc.reviewer)


def countersign(actor, doc_id: int, unit: str, person: str, opinion: str = "", on: object = None) -> Outgoing:
    """会签: one unit's agreement (repeatable)."""
    require(actor, EDIT_DOCUMENTS, "登记会签")
    doc = _get(doc_id)
    after = _check(doc, "countersign")
    who = text_value(unit, "unit", "会签单位", limit=100)
    name = text_value(person, "person", "会签人", limit=40)
    day = past_day(on, "on", "会签日期")
    line = f"{who} {name}（{day.month}月{day.day}日）" + (f"：{clean(opinion)}" if clean(opinion) else "")
    before = {"countersigns": doc.countersigns, "status": doc.status}
    doc.countersigns = f"{doc.countersigns}\n{line}".strip()
    doc.status = after
    with DB.atomic():
        return _save(actor, doc, "countersign", f"会签：{line}", before, person=who, on=day, text=clean(opinion))


def sign(actor, doc_id: int, signer: str, opinion: str = "", on: object = None,
         number_now: bool = True) -> Outgoing:
    """签发; by default the 发文字号 is taken at once (编号), as most offices do."""
    require(actor, EDIT_DOCUMENTS, "登记签发")
    doc = _get(doc_id)
    after = _check(doc, "sign")
    before = {"signer": doc.signer, "status": doc.status}
    doc.signer = text_value(signer, "signer", "签发人", limit=40)
    doc.sign_opinion, doc.signed_on, doc.status = clean(opinion), past_day(on, "on", "签发日期"), after
    with DB.atomic():
        _save(actor, doc, "sign", f"{doc.signer}签发" + (f"：{doc.sign_opinion}" if doc.sign_opinion else ""),
              before, person=doc.signer, on=doc.signed_on, text=doc.sign_opinion)
        if number_now:
            number(actor, doc.id)
    return _get(doc.id)


def number(actor, doc_id: int, reservation_id: int | None = None) -> Outgoing:
    """编号: the next 发文字号 of the 代字 in the signing year, or a number reserved before."""
    require(actor, EDIT_DOCUMENTS, "发文编号")
    doc = _get(doc_id)
    after = _check(doc, "number")
    year = (doc.signed_on or clock.today()).year
    with DB.atomic():
        if reservation_id is not None:
            reserved = NumberReservation.get_or_none(NumberReservation.id == reservation_id)
            if reserved is None or reserved.used_by is not None:
                raise ValidationError("reservation", "这个预留文号不存在或已被使用，请重新选择。")
            if reserved.prefix != doc.prefix or reserved.year != year:
                raise ValidationError("reservation", f"预留文号「{doc_number(reserved.prefix, reserved.year, reserved.serial)}」"
                                                     f"与本文件的代字或年份（{doc.prefix}，{year}年）不符。")
            serial = reserved.serial
            NumberReservation.update(used_by=doc.id).where(NumberReservation.id == reserved.id).execute()
        else:
            serial = counters.take(_series(doc.prefix), year)
        before = {"doc_no": doc.doc_no, "status": doc.status}
        doc.year, doc.serial, doc.doc_no = year, serial, doc_number(doc.prefix, year, serial)
        doc.status = after
        return _save(actor, doc, "number", f"编号：{doc.doc_no}", before)


def reserve(actor, prefix: str, year: int, reason: str) -> NumberReservation:
    """预留 a 发文字号 (e.g. for a joint document still being signed elsewhere)."""
    require(actor, EDIT_DOCUMENTS, "预留发文字号")
    code = check_prefix(prefix)
    why = text_value(reason, "reason", "预留原因")
    with DB.atomic():
        serial = counters.take(_series(code), year)
        item = NumberReservation.create(prefix=code, year=year, serial=serial, reason=why, by=actor.display_name)
        audit.record(actor, "create", f"reservation:{item.id}", f"预留发文字号 {doc_number(code, year, serial)}：{why}")
    return item


def record_print(actor, doc_id: int, copies: object, on: object = None, proofreader: str = "") -> Outgoing:
    """印制: how many copies were printed (份号 1..N)."""
    require(actor, EDIT_DOCUMENTS, "登记印制")
    doc = _get(doc_id)
    after = _check(doc, "print")
    before = {"print_copies": doc.print_copies, "status": doc.status}
    doc.print_copies = parse_count(copies, "印制份数", "copies", required=True)
    doc.printed_on, doc.proofreader, doc.status = past_day(on, "on", "印制日期"), clean(proofreader), after
    with DB.atomic():
        return _save(actor, doc, "print", f"印制 {doc.print_copies} 份", before)


def distribute(actor, doc_id: int, lines: list[tuple[str, object]]) -> Outgoing:
    """分发: [(unit, 「1-5」 or 3)] — each unit's 份号, within what was printed and given to nobody else."""
    require(actor, EDIT_DOCUMENTS, "登记分发")
    doc = _get(doc_id)
    after = _check(doc, "distribute")
    if not lines:
        raise ValidationError("lines", "请至少填写一个分送单位。")
    taken = {n: d.unit for d in doc.distributions for n in range(d.copy_from, d.copy_to + 1)}
    new = []
    for unit, copies in lines:
        name = text_value(unit, "unit", "分送单位", limit=100)
        text = clean(copies).replace("－", "-").replace("—", "-").replace("至", "-")
        low, _, high = text.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise ValidationError("copies", f"「{name}」的份号「{text}」应写成一个号码或范围，如「5」或「1-5」。")
        first, last = int(low), int(high or low)
        if first < 1 or last < first or last > (doc.print_copies or 0):
            raise ValidationError("copies", f"「{name}」的份号 {text} 超出范围：本文件印制 {doc.print_copies} 份（1-{doc.print_copies}）。")
        for n in range(first, last + 1):
            if n in taken:
                raise ValidationError("copies", f"第 {n} 份已分给「{taken[n]}」，不能再分给「{name}」。")
            taken[n] = name
        new.append((name, first, last))
    with DB.atomic():
        for name, first, last in new:
            Distribution.create(outgoing=doc, unit=name, copy_from=first, copy_to=last, by=actor.display_name)
        before = {"status": doc.status}
        doc.status = after
        summary = "；".join(f"{n} 第{a:06d}" + (f"-{b:06d}" if b != a else "") + "份" for n, a, b in new)
        return _save(actor, doc, "distribute", f"分发：{summary}", before)


def archive(actor, doc_id: int, retention: str = "永久", year: object = None) -> Outgoing:
    require(actor, EDIT_DOCUMENTS, "归档发文")
    doc = _get(doc_id)
    after = _check(doc, "archive")
    period = choice(retention, RETENTION, "保管期限", "retention", "永久")
    archive_year = parse_count(year, "归档年度", "year", default=doc.year or clock.today().year)
    with DB.atomic():
        serial = counters.take(f"archive:{period}", archive_year)
        before = {"status": doc.status}
        doc.archive_year, doc.retention, doc.archive_serial = archive_year, period, serial
        doc.archive_code = f"WS·{archive_year}-{RETENTION_CODES[period]}-{serial:04d}"
        doc.status = after
        return _save(actor, doc, "archive", f"归档：{archive_year}年度 {period} 件号 {serial}", before)


def send_back(actor, doc_id: int, reason: str) -> Outgoing:
    """退改: back to the drafter with the reasons; 核稿 and 签发 are done again."""
    require(actor, EDIT_DOCUMENTS, "退改发文")
    doc = _get(doc_id)
    after = _check(doc, "send_back")
    text = text_value(reason, "reason", "退改理由")
    before = {"status": doc.status, "signer": doc.signer}
    doc.status, doc.reason, doc.signer, doc.signed_on = after, text, "", None
    with DB.atomic():
        return _save(actor, doc, "send_back", f"退回拟稿人修改：{text}", before, text=text)


def void(actor, doc_id: int, reason: str) -> Outgoing:
    require(actor, EDIT_DOCUMENTS, "作废发文")
    doc = _get(doc_id)
    after = _check(doc, "void")
    text = text_value(reason, "reason", "作废理由")
    before = {"status": doc.status}
    doc.status, doc.reason = after, text
    with DB.atomic():
        return _save(actor, doc, "void", f"作废：{text}" + (f"（文号{doc.doc_no}保留，不再使用）" if doc.doc_no else ""),
                     before, text=text)


# --- 文号 integrity ---------------------------------------------------------------------------------------

@dataclass
class NumberCheck:
    """One 代字 in one year: what the numbers 1..highest became."""

    prefix: str
    year: int
    highest: int = 0
    lowest: int = 0  # numbers below it are not in this ledger at all (an old ledger imported from mid-year)
    used: int = 0
    gaps: list[int] = field(default_factory=list)
    duplicates: dict[int, list[str]] = field(default_factory=dict)  # number → titles
    voided: list[int] = field(default_factory=list)
    reserved_unused: list[tuple[int, str]] = field(default_factory=list)  # (number, reason)

    @property
    def ok(self) -> bool:
        return not (self.gaps or self.duplicates)


def number_check(actor, year: int | None = None, prefix: str | None = None) -> list[NumberCheck]:
    """文号检查: gaps, duplicates, voided and reserved-but-unused numbers per 代字 and year."""
    require(actor, READ_DOCUMENTS, "查看文号检查")
    query = Outgoing.select(Outgoing.prefix, Outgoing.year, Outgoing.serial, Outgoing.status, Outgoing.title).where(
        Outgoing.serial.is_null(False))
    reservations = NumberReservation.select()
    if year:
        query = query.where(Outgoing.year == year)
        reservations = reservations.where(NumberReservation.year == year)
    if prefix:
        query = query.where(Outgoing.prefix == prefix)
        reservations = reservations.where(NumberReservation.prefix == prefix)
    checks: dict[tuple[str, int], NumberCheck] = {}
    seen: dict[tuple[str, int], dict[int, list[str]]] = {}
    for code, yr, serial, status, title in tuples(query):
        check = checks.setdefault((code, yr), NumberCheck(code, yr))
        seen.setdefault((code, yr), {}).setdefault(serial, []).append(title)
        check.highest = max(check.highest, serial)
        check.lowest = min(check.lowest or serial, serial)
        if status == "void":
            check.voided.append(serial)
        else:
            check.used += 1
    accounted: dict[tuple[str, int], set[int]] = {}
    for item in reservations:
        check = checks.setdefault((item.prefix, item.year), NumberCheck(item.prefix, item.year))
        check.highest = max(check.highest, item.serial)
        check.lowest = min(check.lowest or item.serial, item.serial)
        accounted.setdefault((item.prefix, item.year), set()).add(item.serial)
        if item.used_by is None:
            check.reserved_unused.append((item.serial, item.reason))
    for key, check in checks.items():
        numbers = seen.get(key, {})
        check.duplicates = {n: t for n, t in numbers.items() if len(t) > 1}
        known = set(numbers) | accounted.get(key, set())
        # counters start at 1, so a series begun in Sanban has lowest == 1; an imported one may start later
        check.gaps = [n for n in range(check.lowest or 1, check.highest + 1) if n not in known]
        check.voided.sort()
    return sorted(checks.values(), key=lambda c: (-c.year, c.prefix))


def prefixes(actor) -> list[str]:
    """代字 used so far, most used first (the draft form offers them)."""
    require(actor, READ_DOCUMENTS, "查看发文代字")
    rows = (Outgoing.select(Outgoing.prefix, fn.COUNT(Outgoing.id)).group_by(Outgoing.prefix)
            .order_by(fn.COUNT(Outgoing.id).desc()))
    return [p for p, _ in tuples(rows)]


def detail_lines(actor, doc: Outgoing) -> list[tuple[str, str]]:
    require(actor, READ_DOCUMENTS, "查看发文详情")
    lines = [("发文字号", doc.doc_no or "（未编号）"), ("状态", STATUS[doc.status]), ("标题", doc.title),
             ("文种", doc.doc_type), ("密级", doc.mark or "非密"), ("紧急程度", doc.urgency),
             ("拟稿", f"{doc.draft_unit} {doc.drafter} {doc.drafted_on:%Y-%m-%d}"), ("主送", doc.main_to),
             ("抄送", doc.copy_to)]
    if doc.reviewer:
        lines.append(("核稿", f"{doc.reviewer} {doc.review_opinion}".strip()))
    if doc.countersigns:
        lines.append(("会签", doc.countersigns))
    if doc.signer:
        lines.append(("签发", f"{doc.signer} {doc.signed_on:%Y-%m-%d} {doc.sign_opinion}".strip()))
    if doc.print_copies:
        lines.append(("印制份数", str(doc.print_copies)))
    dist = list(doc.distributions.order_by(Distribution.copy_from))
    if dist:
        lines.append(("分发", "\n".join(f"{d.unit}：第{d.copy_from:06d}" + (f"-{d.copy_to:06d}" if d.copy_to != d.copy_from
                                                                        else "") + "份" for d in dist)))
    if doc.archive_code:
        lines.append(("归档", f"{doc.archive_year}年度 {doc.retention} 档号 {doc.archive_code}"))
    if doc.reason:
        lines.append(("退改/作废理由", doc.reason))
    lines.append(("办理经过", "\n".join(f"{e.at:%Y-%m-%d %H:%M} {e.actor_name}：{e.summary}"
                                      for e in _history(doc.id, "outgoing"))))
    return lines


# --- importing an old ledger ------------------------------------------------------------------------------

def existing_numbers(actor, series: set[tuple[str, int]]) -> dict[tuple[str, int, int], str]:
    """(代字, 年, 序号) → 标题 of the numbers already used in those series."""
    require(actor, READ_DOCUMENTS, "查看已用的发文字号")
    result: dict[tuple[str, int, int], str] = {}
    for prefix, year in series:
        for serial, title in tuples(Outgoing.select(Outgoing.serial, Outgoing.title)
                                    .where((Outgoing.prefix == prefix) & (Outgoing.year == year))):
            result[(prefix, year, serial)] = title
    return result


def import_many(actor, rows: list[dict], source: str) -> int:
    """Write checked rows of an old 发文 ledger in one transaction; counters move past the imported numbers."""
    require(actor, EDIT_DOCUMENTS, "导入发文台账")
    from models.core.db import now

    stamp = now()
    with DB.atomic():
        records = []
        for row in rows:
            doc = Outgoing(created_at=stamp, updated_at=stamp, version=1, **row)
            doc.search_text = _search_text(doc)
            records.append({k: v for k, v in doc.__data__.items() if k != "id"})
        insert_rows(Outgoing, records)
        highest: dict[tuple[str, int], int] = {}
        for r in records:
            key = (r["prefix"], r["year"])
            highest[key] = max(highest.get(key, 0), r["serial"])
        for (prefix, year), serial in highest.items():
            counters.raise_to(_series(prefix), year, serial)
        ids = _existing_ids({(r["prefix"], r["year"], r["serial"]) for r in records})
        events = [dict(doc_kind="outgoing", doc_id=ids[(r["prefix"], r["year"], r["serial"])], at=stamp,
                       actor=actor.username, actor_name=actor.display_name, action="import",
                       summary=f"从旧台账「{source}」导入", person="", text="") for r in records]
        insert_rows(DocEvent, events)
        audit.record(actor, "import", "outgoing", f"从「{source}」导入发文 {len(records)} 条",
                     count=len(records), file=source)
    return len(records)


def _existing_ids(keys: set[tuple[str, int, int]]) -> dict[tuple[str, int, int], int]:
    result = {}
    for prefix, year in {(p, y) for p, y, _ in keys}:
        for serial, doc_id in tuples(Outgoing.select(Outgoing.serial, Outgoing.id)
                                     .where((Outgoing.prefix == prefix) & (Outgoing.year == year))):
            if (prefix, year, serial) in keys:
                result[(prefix, year, serial)] = doc_id
    return result
