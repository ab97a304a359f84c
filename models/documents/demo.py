"""Demo 公文: a month of an office's incoming and outgoing documents in every state, acted by the demo
文书 王秘书 through the same functions the window uses; `--documents N` adds N bulk rows for benchmarks."""

import random
from datetime import date, datetime, time, timedelta

from models.core import clock
from models.core.db import tuples
from models.documents import incoming as documents
from models.documents import outgoing as dispatch
from models.documents.terms import DOC_TYPES

SOURCES = ("市委办公室", "市政府办公室", "市财政局", "市应急管理局", "市保密局", "市发展改革委", "省委办公厅",
           "市委组织部", "市生态环境局", "县人民政府", "市信访局", "市住房城乡建设局")
TOPICS = ("做好岁末年初安全生产工作", "报送三季度重点工作进展", "开展年度保密自查自评工作", "冬季森林防火工作",
          "下达第二批转移支付资金", "申报2026年中央预算内投资项目", "做好元旦春节期间值班值守工作",
          "加强基层减负工作", "开展安全生产大检查", "做好今冬明春疫情防控工作", "推进营商环境优化提升",
          "做好防汛抗旱工作", "规范公文处理工作", "开展信访积案化解攻坚", "组织开展保密宣传教育月活动")
UNITS = ("综合科", "秘书科", "督查室", "保密办", "信息科", "财经科", "应急科")
LEADERS = ("周主任", "吴副主任", "郑书记")


def _title(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(("通知", "通知", "通知", "函", "意见", "报告", "通报", "请示"))
    return f"关于{rng.choice(TOPICS)}的{kind}", kind


def demo_documents(actor, options: dict) -> str:
    from models.core import accounts

    clerk = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    rng = random.Random(2026)
    today = clock.today()
    made = 0
    incoming: list[int] = []
    outgoing: list[int] = []
    for _ in range(36):
        title, kind = _title(rng)
        source = rng.choice(SOURCES)
        day = today - timedelta(days=rng.randint(0, 40))
        secret = rng.random() < 0.2
        data = {"received_on": day, "source_org": source, "title": title, "doc_type": kind,
                "doc_no": f"{source[:1]}{source[1:3]}发〔{day.year}〕{rng.randint(1, 180)}号",
                "copies": 2 if secret else rng.choice((1, 1, 2, 3)), "urgency": rng.choice(("无", "无", "无", "加急", "特急")),
                "kind": "阅件" if rng.random() < 0.2 else "办件"}
        if secret:
            first = rng.randint(10, 90)
            data.update(secrecy=rng.choice(("秘密", "机密")), secrecy_term="10年", copy_nos=f"{first:06d}-{first + 1:06d}")
        doc, _ = documents.register(clerk, data, confirm=True)
        incoming.append(doc.id)
        made += 1
        stage = rng.random()
        if stage < 0.15:
            continue
        documents.propose(clerk, doc.id, f"拟请{rng.choice(LEADERS)}阅示，交{rng.choice(UNITS)}办理", on=day)
        if stage < 0.25:
            continue
        if doc.kind == "阅件":
            documents.close(clerk, doc.id, "已阅")
            continue
        documents.instruct(clerk, doc.id, rng.choice(LEADERS), rng.choice(("同意", "请抓紧落实", "请按要求办理并及时反馈")),
                           on=day)
        if stage < 0.35:
            continue
        unit = rng.choice(UNITS)
        documents.assign(clerk, doc.id, unit, workdays_limit=rng.choice((3, 5, 10, 15)), handler="", on=day)
        if secret:
            documents.lend(clerk, doc.id, rng.choice(LEADERS), doc.copy_nos.split("-")[0])
            continue
        if stage < 0.6:
            if rng.random() < 0.4:
                documents.remind(clerk, doc.id, unit, "电话", "请抓紧办理，按时反馈", "正在办理，按期报送")
            continue
        documents.close(clerk, doc.id, rng.choice(("已按要求落实", "已报送", "已部署落实并反馈")))
        if stage < 0.8:
            documents.archive(clerk, doc.id)
    for _ in range(14):
        title, kind = _title(rng)
        sent = dispatch.draft(clerk, {"prefix": rng.choice(("县委办发", "县委办发", "县委办函")), "title": title,
                                      "doc_type": kind, "draft_unit": rng.choice(UNITS), "drafter": rng.choice(
                                          ("刘明", "陈静", "赵磊", "李娜")), "main_to": "各乡镇党委，县直各单位",
                                      "drafted_on": today - timedelta(days=rng.randint(0, 30))})
        outgoing.append(sent.id)
        made += 1
        stage = rng.random()
        if stage < 0.15:
            continue
        dispatch.review(clerk, sent.id, "王科长", "文字已核")
        if stage < 0.3:
            continue
        dispatch.sign(clerk, sent.id, rng.choice(("郑书记", "周主任")), "同意印发")
        if stage < 0.45:
            continue
        dispatch.record_print(clerk, sent.id, rng.choice((20, 40, 60)), proofreader="陈静")
        if stage < 0.6:
            continue
        dispatch.distribute(clerk, sent.id, [("各乡镇党委", "1-12"), ("县直各单位", "13-18")])
        if stage < 0.8:
            continue
        dispatch.archive(clerk, sent.id)
    received = documents.Incoming.select(documents.Incoming.id, documents.Incoming.received_at)
    _spread_steps("incoming", dict(tuples(received.where(documents.Incoming.id.in_(incoming)))))
    drafted = dispatch.Outgoing.select(dispatch.Outgoing.id, dispatch.Outgoing.drafted_on)
    _spread_steps("outgoing", {i: datetime.combine(on, time(9))
                               for i, on in tuples(drafted.where(dispatch.Outgoing.id.in_(outgoing)))})
    bulk = int(options.get("documents") or 0)
    if bulk:
        made += _bulk(clerk, bulk, rng)
    return f"{made} 件公文（收文、发文，各办理阶段都有）"


def _spread_steps(kind: str, started: dict[int, datetime]) -> None:
    """The steps above were all stamped the moment the demo ran, so 当日盘点 showed every one of them as today's.
    Give each document's steps, in their order, office-hour times between the day it came in (or was drafted) and
    now, as a real month of work would have left them. The audit keeps the true moment it was written."""
    rng = random.Random(f"{kind}-steps")  # its own: the documents themselves stay what the seed made
    moment = clock.now().replace(second=0, microsecond=0)
    steps: dict[int, list[int]] = {}
    for event_id, doc_id in tuples(documents.DocEvent.select(documents.DocEvent.id, documents.DocEvent.doc_id)
                                   .where((documents.DocEvent.doc_kind == kind)
                                          & documents.DocEvent.doc_id.in_(list(started)))
                                   .order_by(documents.DocEvent.id)):
        steps.setdefault(doc_id, []).append(event_id)
    for doc_id, ids in steps.items():
        first = datetime.combine(started[doc_id].date(), time(9, rng.randint(0, 50)))
        days = max((moment.date() - first.date()).days, 0)
        stamps = sorted(_office_hours(first.date() + timedelta(days=round(days * share)), moment, rng)
                        for share in sorted(rng.random() ** 2 for _ in ids[1:]))  # most work done early
        for event_id, at in zip(ids, [first, *stamps], strict=True):
            documents.DocEvent.update(at=min(at, moment)).where(documents.DocEvent.id == event_id).execute()


def _office_hours(day: date, moment: datetime, rng: random.Random) -> datetime:
    while day.weekday() >= 5 and day < moment.date():  # a weekend step waits for Monday
        day += timedelta(days=1)
    if day >= moment.date():  # today: some time this morning, before now
        opened = datetime.combine(moment.date(), time(8, 30))
        return opened + timedelta(minutes=rng.randint(0, max(int((moment - opened).total_seconds() // 60), 0)))
    return datetime.combine(day, time(rng.choice((8, 9, 10, 11, 14, 15, 16, 17)), rng.randint(0, 59)))


def _bulk(clerk, count: int, rng: random.Random) -> int:
    """`count` closed incoming documents over past years, written as an import (fast, one audit entry)."""
    rows = []
    start = date(clock.today().year - 3, 1, 1)
    span = (clock.today() - start).days
    for n in range(count):
        title, kind = _title(rng)
        day = start + timedelta(days=span * n // max(count, 1))
        rows.append(dict(received_at=datetime.combine(day, datetime.min.time()), source_org=rng.choice(SOURCES),
                         doc_no=f"市委办发〔{day.year}〕{n + 1}号", title=f"{title[:-len(kind) - 1]}（第{n + 1}批）的{kind}",
                         doc_type=kind if kind in DOC_TYPES else "其他", secrecy="非密", secrecy_term="", urgency="无",
                         copies=1, copy_nos="", pages=None, attachments="", kind="办件", signed_on=None, remarks="",
                         proposal="拟请分管领导阅示", instructions="同意", lead_unit=rng.choice(UNITS),
                         result="已办结", status="closed", legacy_no="", due_date=None))
    return documents.import_many(clerk, rows, "演示数据")
