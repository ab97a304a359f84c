"""督办's CLI: `import supervision FILE [--source 人大建议|政协提案|…] [--dry-run]`, and the steps
a script needs to run an item from 立项 to 归档: `supervision new|assign|feedback|extend|approve-extension|
reject-extension|report|close|reject|return|reassign|archive|urge|slip|show|bulletin`. Each step prints what it did;
the last line is the item's id (for the next command of a script). Models are imported on use: `--help` stays light.
"""

import argparse

STEPS = {
    "new": "立项（--assign 同时交办）",
    "assign": "交办",
    "feedback": "登记进展反馈",
    "extend": "申请延期",
    "approve-extension": "批准延期",
    "reject-extension": "驳回延期申请",
    "report": "报送办结报告",
    "close": "审核通过、办结（已反馈的先提交审核）",
    "reject": "审核不通过，退回办理",
    "return": "登记退办",
    "reassign": "重新交办",
    "archive": "归档",
    "urge": "催办（--id 可给多个）",
    "slip": "签发督办单（--id 可给多个）",
    "show": "查看事项详情",
    "bulletin": "督查通报（文字）",
}


def importers() -> dict:
    from importers.supervision_import import cli_importer

    return {"supervision": cli_importer()}


def exports() -> dict:
    from cli.supervision_exports import exports as supervision_exports  # the exports' own file

    return supervision_exports()


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """The `supervision` command's steps and their options."""
    steps = parser.add_subparsers(dest="step", required=True, parser_class=type(parser))
    new = steps.add_parser("new", help=STEPS["new"])
    new.add_argument("--source", required=True,
                     help="来源类型：领导批示件、会议议定事项、人大代表建议、政协提案、上级部署、文件要求、其他")
    new.add_argument("--title", required=True, help="督办事项")
    new.add_argument("--unit", required=True, help="牵头单位")
    new.add_argument("--due", help="办结时限：日期，或「20个工作日」「30天」「3个月」（建议、提案默认 3 个月）")
    new.add_argument("--assigned-on", help="交办日期（默认今天）")
    for flag, text in (("--handler", "责任人"), ("--co-units", "配合单位"), ("--leader", "批示领导"),
                       ("--instruction", "批示原文"), ("--number", "建议号/提案号"), ("--delegate", "领衔代表"),
                       ("--doc-no", "来源文号"), ("--incoming", "来源收文的编号（记录号）"),
                       ("--meeting", "来源会议的编号"), ("--requirement", "要求"), ("--secrecy", "密级")):
        new.add_argument(flag, help=text)
    new.add_argument("--stage", action="append", default=[], help="阶段时限「内容=日期」，可多次给出")
    new.add_argument("--assign", action="store_true", help="立项后立即交办")
    for step, options in (
        ("assign", ()),
        ("feedback", (("--content", True, "反馈内容"), ("--percent", True, "进度（0–100）"),
                      ("--date", False, "反馈日期（默认今天）"), ("--attachments", False, "附件名称，用「；」分隔"))),
        ("extend", (("--to", True, "新的办结时限：日期或「10个工作日」（从现时限起算）"),
                    ("--reason", True, "延期理由"), ("--date", False, "申请日期"))),
        ("approve-extension", (("--opinion", False, "审批意见"), ("--to", False, "批准的时限（默认按申请）"),
                               ("--date", False, "批准日期"))),
        ("reject-extension", (("--opinion", True, "驳回理由"), ("--date", False, "驳回日期"))),
        ("report", (("--text", True, "办结报告"), ("--answer", False, "答复类别 A/B/C（建议、提案必填）"),
                    ("--date", False, "报送日期"))),
        ("close", (("--opinion", False, "审核意见"),
                   ("--satisfaction", False, "满意度：满意/基本满意/不满意（建议、提案必填）"),
                   ("--date", False, "办结日期"))),
        ("reject", (("--opinion", True, "审核意见（不通过的理由）"),)),
        ("return", (("--reason", True, "退办理由"),)),
        ("reassign", (("--unit", True, "新的牵头单位"), ("--due", False, "新的办结时限"),
                      ("--handler", False, "责任人"))),
        ("archive", (("--archive-no", False, "归档号"),)),
        ("show", ()),
    ):
        sub = steps.add_parser(step, help=STEPS[step])
        sub.add_argument("--id", required=True, help="督办事项的编号（记录号）")
        for flag, required, text in options:
            sub.add_argument(flag, required=required, help=text)
    urge = steps.add_parser("urge", help=STEPS["urge"])
    urge.add_argument("--id", required=True, nargs="+", help="督办事项的编号（可多个）")
    urge.add_argument("--method", required=True, help="催办方式：电话、书面、面催、短信、督办单")
    urge.add_argument("--to", help="催办对象（默认牵头单位）")
    urge.add_argument("--request", help="催办要求")
    urge.add_argument("--answer", help="对方答复")
    slip = steps.add_parser("slip", help=STEPS["slip"])
    slip.add_argument("--id", required=True, nargs="+", help="督办事项的编号（可多个）")
    slip.add_argument("--level", help="级别 1–3（默认按事项当天的颜色）")
    slip.add_argument("--limit", help="限期（默认办结时限）")
    slip.add_argument("--signer", help="签发人")
    slip.add_argument("--reason", help="督办事由（默认按颜色的原因）")
    bulletin = steps.add_parser("bulletin", help=STEPS["bulletin"])
    bulletin.add_argument("--as-of", help="截至日期（默认今天）")


def _id(value: str) -> int:
    from models.core.validators import parse_record_id

    return parse_record_id(value, "id", "督办事项编号")


def _stages(values: list[str]) -> list[tuple[str, str]]:
    from models.core.errors import ValidationError

    found = []
    for text in values:
        name, sep, day = text.rpartition("=")
        if not sep or not name.strip():
            raise ValidationError("stage", f"阶段时限「{text}」应写成「内容=日期」，如「形成初稿=2026-06-30」。")
        found.append((name.strip(), day.strip()))
    return found


def run_command(args, actor) -> None:
    """Run one `supervision` step as `actor`; print what was done, the id last."""
    from models.core import clock
    from models.supervision import flow, items, urging

    step = args.step
    if step == "new":
        item = items.create(
            actor, assign=args.assign, source_type=args.source, title=args.title, lead_unit=args.unit, due=args.due,
            assigned_on=args.assigned_on, handler=args.handler, co_units=args.co_units, leader=args.leader,
            instruction=args.instruction, source_no=args.number, delegate=args.delegate, source_doc_no=args.doc_no,
            source_incoming=args.incoming, source_meeting=args.meeting, requirement=args.requirement,
            secrecy=args.secrecy, stages=_stages(args.stage))
        print(f"已立项 {item.number}（{items.STATUS[item.status]}），办结时限 {item.due_date:%Y-%m-%d}")
        if item.warning:
            print(item.warning)
        print(item.id)
        return
    if step in ("urge", "slip"):
        ids = [_id(v) for v in args.id]
        if step == "urge":
            made = urging.urge(actor, ids, args.method, args.to or "", args.request or "", args.answer or "")
            for row in made:
                print(f"已{row.method}催办{row.target}（督办事项 {row.item_id}）")
        else:
            for slip in urging.issue_slip(actor, ids, args.level, args.limit, args.signer or "", args.reason or ""):
                limit = f"{slip.limit_date:%Y-%m-%d}"
                print(f"已签发{slip.colour}色督办单 {slip.number}，限期 {limit}（督办事项 {slip.item_id}）")
        print(" ".join(str(i) for i in ids))
        return
    if step == "bulletin":
        _print_bulletin(actor, args.as_of)
        return
    item_id = _id(args.id)
    if step == "show":
        from models.supervision.ledger import detail_lines

        for label, text in detail_lines(items.get(actor, item_id), clock.today()):
            print(f"{label}：{text}")
        print(item_id)
        return
    {
        "assign": lambda: flow.assign(actor, item_id),
        "feedback": lambda: flow.feedback(actor, item_id, args.content, args.percent, args.date,
                                          args.attachments or ""),
        "extend": lambda: flow.request_extension(actor, item_id, args.to, args.reason, args.date),
        "approve-extension": lambda: flow.approve_extension(actor, item_id, args.opinion or "", args.to, args.date),
        "reject-extension": lambda: flow.reject_extension(actor, item_id, args.opinion, args.date),
        "report": lambda: flow.report(actor, item_id, args.text, args.answer or "", args.date),
        "close": lambda: _close(actor, item_id, args),
        "reject": lambda: flow.reject_review(actor, item_id, args.opinion),
        "return": lambda: flow.send_back(actor, item_id, args.reason),
        "reassign": lambda: flow.reassign(actor, item_id, args.unit, args.due, args.handler or ""),
        "archive": lambda: flow.archive(actor, item_id, args.archive_no or ""),
    }[step]()
    item = items.RECORDS.get(item_id)
    said = f"，办结时限 {item.due_date:%Y-%m-%d}" if step in ("extend", "approve-extension", "reassign") else ""
    kind = "进展反馈已登记" if step == "feedback" else f"已{STEPS[step].split('（')[0].split('，')[0]}"
    print(f"{kind}：督办 {item.number}，当前状态「{items.STATUS[item.status]}」{said}")
    print(item_id)


def _close(actor, item_id: int, args):
    from models.supervision import flow, items

    if items.RECORDS.get(item_id).status == "reported":
        flow.submit_review(actor, item_id)
    return flow.close(actor, item_id, args.opinion or "", args.satisfaction or "", args.date)


def _print_bulletin(actor, as_of: str | None) -> None:
    from models.core import clock
    from models.core.marks import highest_secrecy
    from models.core.validators import parse_date
    from models.supervision import reports

    day = parse_date(as_of, "as_of") if as_of else clock.today()
    result = reports.bulletin(actor, day)
    mark = highest_secrecy(o.secrecy for o in result.overdue)
    if mark:  # a classified item is listed below: the 通报 carries the highest 密级, each such line its own
        print(mark)
    print(f"督查通报（截至 {day:%Y年%m月%d日}）")
    print("牵头单位\t交办\t已到期\t按期办结\t逾期办结\t逾期未办结\t按期办结率")
    for f in (*result.rows, result.total):
        print(f"{f.unit}\t{f.assigned}\t{f.due}\t{f.on_time}\t{f.late_closed}\t{f.late_open}\t{f.rate_text}")
    if result.overdue:
        print("逾期未办结事项：")
        for o in result.overdue:
            moved = f"（原时限 {o.due_original:%Y-%m-%d}，已延期）" if o.extended else ""
            late = f"已逾期{o.late_workdays}个工作日"
            shown = f"【{o.secrecy}】" if highest_secrecy((o.secrecy,)) else ""
            print(f"  {o.lead_unit}：{shown}{o.number} {o.title}，时限 {o.due_date:%Y-%m-%d}{moved}，{late}")
