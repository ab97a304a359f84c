"""What the printed 公文 ledgers and slips contain: columns and rows for a year, the values of one slip.

Exporters lay these out; every export is checked for the right and audited here, with its row count.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.core import clock
from models.core.db import chunks
from models.core.errors import ValidationError
from models.core.rights import require
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.documents.incoming import Incoming
from models.documents.manifest import READ_DOCUMENTS
from models.documents.outgoing import Distribution, Outgoing
from models.documents.terms import highest_secrecy, secrecy_mark


@dataclass(frozen=True)
class LedgerReport:
    key: str
    title: str  # 「收文登记簿」; the exporter prefixes the office and year
    columns: tuple[tuple[str, int], ...]  # (label, width in characters)
    rows: list[tuple]
    mark: str  # the highest 密级 of the rows, printed top-left; "" when none is classified


def _cn_day(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _short(day) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


INCOMING_REGISTER = (("收文编号", 12), ("收文日期", 11), ("来文单位", 16), ("来文字号", 18), ("标题", 40),
                     ("密级", 8), ("紧急程度", 6), ("份数", 5), ("承办单位", 12), ("备注", 12))
INCOMING_PROGRESS = (("收文编号", 12), ("收文日期", 11), ("来文单位", 14), ("标题", 32), ("密级", 8), ("拟办意见", 20),
                     ("领导批示", 24), ("承办单位", 11), ("办理时限", 11), ("办理结果", 20), ("状态", 7))
OUTGOING_REGISTER = (("发文字号", 18), ("标题", 40), ("拟稿单位", 11), ("拟稿人", 7), ("签发人", 7),
                     ("签发日期", 11), ("密级", 8), ("紧急程度", 6), ("印制份数", 6), ("主送", 24), ("备注", 12))
OUTGOING_PROGRESS = (("标题", 34), ("密级", 8), ("拟稿单位", 11), ("拟稿人", 7), ("拟稿日期", 11), ("核稿", 10),
                     ("会签", 18), ("签发人", 7), ("签发日期", 11), ("发文字号", 18), ("印制份数", 6), ("分发", 20),
                     ("状态", 7))


INCOMING_FIELDS = ("receipt_no", "received_at", "source_org", "doc_no", "title", "secrecy", "secrecy_term", "urgency",
                   "copies", "lead_unit", "remarks", "reason", "status", "proposal", "instructions", "due_date",
                   "result")


def _incoming_rows(year: int, ids: list[int] | None) -> Iterator:
    """Named tuples, not model objects: building a peewee model per row was a third of a 10,000-row export."""
    fields = [getattr(Incoming, f) for f in INCOMING_FIELDS]
    if ids is None:
        query = Incoming.select(*fields).where(Incoming.year == year).order_by(Incoming.year, Incoming.serial)
        yield from query.namedtuples().iterator()
        return
    # exactly these rows: the ids a slice per statement (SQLite's variable limit), then one order for all
    rows: list[Any] = []  # named tuples of the selected columns
    for chunk in chunks(ids):
        rows.extend(Incoming.select(*fields, Incoming.year, Incoming.serial).where(Incoming.id.in_(chunk))
                    .namedtuples())
    rows.sort(key=lambda r: (r.year, r.serial))
    yield from rows


def _outgoing_key(doc: Outgoing) -> tuple:
    """ORDER BY prefix, year, serial, id, with SQLite's NULLs first (drafts have no number yet)."""
    return (doc.prefix, doc.year is not None, doc.year or 0, doc.serial is not None, doc.serial or 0, doc.id)


def _outgoing_rows(year: int, ids: list[int] | None) -> Iterator[Outgoing]:
    if ids is not None:
        docs = [d for chunk in chunks(ids) for d in Outgoing.select().where(Outgoing.id.in_(chunk))]
        yield from sorted(docs, key=_outgoing_key)
        return
    query = Outgoing.select().where((Outgoing.year == year) | (
        Outgoing.year.is_null() & Outgoing.drafted_on.between(date(year, 1, 1), date(year, 12, 31))))
    yield from query.order_by(Outgoing.prefix, Outgoing.year, Outgoing.serial, Outgoing.id).iterator()


def ledger(actor, report: str, year: int | None = None, ids: list[int] | None = None) -> LedgerReport:
    """One of the four printed ledgers for a year (or for exactly the rows `ids`)."""
    require(actor, READ_DOCUMENTS, "导出公文台账")
    year = year or clock.today().year
    levels: set[str] = set()
    rows: list[tuple[Any, ...]] = []
    columns: tuple[tuple[str, int], ...]
    if report in ("incoming-register", "incoming-progress"):
        for d in _incoming_rows(year, ids):
            levels.add(d.secrecy)
            if report == "incoming-register":
                rows.append((d.receipt_no, _short(d.received_at), d.source_org, d.doc_no, d.title,
                             secrecy_mark(d.secrecy, d.secrecy_term),
                             "" if d.urgency == "无" else d.urgency, d.copies, d.lead_unit,
                             "；".join(p for p in (d.remarks, d.reason and f"{documents.STATUS[d.status]}：{d.reason}")
                                      if p)))
            else:
                rows.append((d.receipt_no, _short(d.received_at), d.source_org, d.title,
                             secrecy_mark(d.secrecy, d.secrecy_term), d.proposal,
                             d.instructions, d.lead_unit, _short(d.due_date), d.result, documents.STATUS[d.status]))
        title = "收文登记簿" if report == "incoming-register" else "收文办理进度台账"
        columns = INCOMING_REGISTER if report == "incoming-register" else INCOMING_PROGRESS
    elif report in ("outgoing-register", "outgoing-progress"):
        for d in _outgoing_rows(year, ids):
            levels.add(d.secrecy)
            if report == "outgoing-register":
                rows.append((d.doc_no or "（未编号）", d.title, d.draft_unit, d.drafter, d.signer, _short(d.signed_on),
                             d.mark, "" if d.urgency == "无" else d.urgency, d.print_copies or "", d.main_to,
                             "；".join(p for p in (d.remarks, d.reason if d.status == "void" else "") if p)))
            else:
                dist = "；".join(f"{x.unit}{x.copy_from}-{x.copy_to}" for x in
                                d.distributions.order_by(Distribution.copy_from))
                rows.append((d.title, d.mark, d.draft_unit, d.drafter, _short(d.drafted_on), d.reviewer, d.countersigns,
                             d.signer, _short(d.signed_on), d.doc_no, d.print_copies or "", dist,
                             dispatch.STATUS[d.status]))
        title = "发文登记簿" if report == "outgoing-register" else "发文审核进度台账"
        columns = OUTGOING_REGISTER if report == "outgoing-register" else OUTGOING_PROGRESS
    else:
        raise ValidationError("report", f"没有「{report}」这种台账。")
    return LedgerReport(report, title, columns, rows, highest_secrecy(levels))


def routing_slip(actor, doc_id: int) -> dict:
    """The 文件处理笺's values for one incoming document."""
    require(actor, READ_DOCUMENTS, "打印文件处理笺")
    doc = documents.get(actor, doc_id)
    instructions = [f"{e.text}\n{e.person}　{_cn_day(e.on)}" for e in documents.instructions_of(actor, doc.id)]
    if not instructions and doc.instructions:  # imported from an old ledger: one text, no rows
        instructions = [doc.instructions]
    result = "\n".join(p for p in (doc.result, f"承办单位：{doc.lead_unit}" if doc.lead_unit else "") if p)
    # the box's foot, as on the paper form: 承办人 and the date, blank for handwriting where not known yet
    result_sign = (f"承办人：{doc.handler or '　　　　　　'}　　"
                   + (_cn_day(doc.closed_on) if doc.closed_on else "　　年　　月　　日"))
    return dict(
        receipt_no=doc.receipt_no, received=_cn_day(doc.received_at.date()), source_org=doc.source_org,
        doc_no=doc.doc_no, mark=doc.mark or "非密", copies=str(doc.copies), copy_nos=doc.copy_nos,
        urgency="" if doc.urgency == "无" else doc.urgency, due=_cn_day(doc.due_date), title=doc.title,
        proposal=doc.proposal, proposer=(f"{doc.proposed_by}　{_cn_day(doc.proposed_on)}" if doc.proposal else ""),
        instructions="\n\n".join(instructions), result=result, result_sign=result_sign, remarks=doc.remarks,
        secrecy=secrecy_mark(doc.secrecy, doc.secrecy_term),
    )


def reminder_slip(actor, doc_id: int, reminder_id: int | None = None) -> dict:
    """The 催办单's values: the latest 催办 of the document (or the one named)."""
    require(actor, READ_DOCUMENTS, "打印催办单")
    doc = documents.get(actor, doc_id)
    query = doc.reminders.order_by(documents.Reminder.id.desc())
    reminder = (query.where(documents.Reminder.id == reminder_id) if reminder_id else query).first()
    if reminder is None:
        raise ValidationError("id", f"收文{doc.receipt_no}还没有催办记录，请先登记催办（方式、对象、要求）再打印催办单。")
    return dict(
        number=reminder.number, lead_unit=doc.lead_unit or reminder.target, title=doc.title, doc_no=doc.doc_no,
        receipt_no=doc.receipt_no, assigned=_cn_day(doc.assigned_on), due=_cn_day(doc.due_date),
        request=reminder.request or f"该件办理时限为{_cn_day(doc.due_date)}，请抓紧办理并反馈办理情况。",
        method=reminder.method, by=reminder.by, on=_cn_day(reminder.at.date()), target=reminder.target,
        secrecy=doc.mark,
    )


def drafting_sheet(actor, doc_id: int) -> dict:
    """The 发文稿纸's values for one outgoing document."""
    require(actor, READ_DOCUMENTS, "打印发文稿纸")
    doc = dispatch.get(actor, doc_id)
    return dict(
        secrecy=doc.mark, urgency="" if doc.urgency == "无" else doc.urgency,
        sign=(f"{doc.sign_opinion}\n{doc.signer}　{_cn_day(doc.signed_on)}" if doc.signer else ""),
        countersign=doc.countersigns, review=(f"{doc.review_opinion}\n{doc.reviewer}　{_cn_day(doc.reviewed_on)}"
                                              if doc.reviewer else ""),
        main_to=doc.main_to + ("：" if doc.main_to else ""), copy_to=doc.copy_to, doc_no=doc.doc_no,
        draft_unit=doc.draft_unit, drafter=doc.drafter, drafted=_cn_day(doc.drafted_on),
        copies=str(doc.print_copies or ""), proofreader=doc.proofreader, printer="", attachments=doc.attachments,
        title=doc.title,
    )
