"""The 会议 module's CLI: `meeting new|move`, `import meeting-template|attendees|decisions`, `export
meeting-checklist|seating|name-cards|sign-in|meeting-notice|meeting-template`."""

from pathlib import Path

from models.core.errors import ValidationError


def add_arguments(name: str, parser) -> None:
    """`meeting new --type T --title TITLE --date D [--time HH:MM] [--place P]`, `meeting move --id N --date D`,
    `meeting phase --id N --to 发出通知 [--override R]`, `meeting minutes --id N --step 起草 --person P --date D`."""
    from models.meetings.meetings import ACTIONS

    m = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    n = m.add_parser("new", help="新建会议（最后一行输出会议编号，供 --id 使用）")
    n.add_argument("--type", required=True, help="会议类型：常务会议、全体会议、专题会议、党委常委会或已导入的类型")
    n.add_argument("--title", required=True, help="会议名称（研究什么）")
    n.add_argument("--date", required=True, help="会议日期")
    n.add_argument("--time", help="会议时间 HH:MM（默认 09:00）")
    n.add_argument("--place", help="会议地点")
    n.add_argument("--host", help="主持人")
    n.add_argument("--secrecy", help="密级：非密、秘密、机密、绝密（默认非密）")
    v = m.add_parser("move", help="会议改期（未完成事项的期限随之调整）")
    v.add_argument("--id", required=True, help="会议编号")
    v.add_argument("--date", required=True, help="新的会议日期")
    v.add_argument("--time", help="新的会议时间 HH:MM")
    f = m.add_parser("phase", help="推进会议阶段（检点单本阶段必办事项未完成时须 --override 说明理由）")
    f.add_argument("--id", required=True, help="会议编号")
    f.add_argument("--to", required=True, help="下一步：" + "、".join(ACTIONS.values()))
    f.add_argument("--override", default="", help="越过检点单的理由")
    r = m.add_parser("minutes", help="登记纪要的起草、审核、签发、印发（依次）")
    r.add_argument("--id", required=True, help="会议编号")
    r.add_argument("--step", required=True, help="环节：起草、审核、签发、印发")
    r.add_argument("--person", required=True, help="经办人")
    r.add_argument("--date", required=True, help="日期")


def run_command(args, actor) -> None:
    from models.core.validators import parse_record_id
    from models.meetings import meetings

    if args.action == "new":
        meeting = meetings.create(actor, {"type": args.type, "title": args.title, "date": args.date,
                                          "time": args.time, "place": args.place, "host": args.host,
                                          "secrecy": args.secrecy})
        items = meetings.checklist(actor, meeting.id)
        print(f"已新建：{meeting.number_text}（{meeting.title}），{meeting.when_text}，"
              f"检点单 {len(items)} 项（模板第 {meeting.template_version} 版）")
        print(meeting.id)
        return
    meeting_id = parse_record_id(args.id, "id", "会议编号")
    if args.action == "phase":
        actions = {word: key for key, word in meetings.ACTIONS.items()}
        if args.to not in actions:
            raise ValidationError("to", f"没有「{args.to}」这一步，应为：{'、'.join(actions)}。")
        meeting = meetings.advance(actor, meeting_id, actions[args.to], args.override)
        print(f"{meeting.number_text}：{meeting.phase_text}")
        return
    if args.action == "minutes":
        from models.meetings import minutes

        meeting = minutes.record_step(actor, meeting_id, args.step, args.person, args.date)
        print(f"{meeting.number_text}：{meeting.minutes_text}已{meeting.minutes_step}；会议阶段 {meeting.phase_text}")
        return
    change = meetings.move(actor, meeting_id, args.date, args.time)
    meeting = meetings.get(actor, meeting_id)
    print(f"{meeting.number_text}改期为 {meeting.when_text}；{change.summary}。")


def _need_id(args) -> int:
    if args.id is None:
        raise ValidationError("id", "请用 --id 指定会议编号（新建会议时最后一行显示的数字）。")
    return args.id


def _checklist(actor, args) -> Path:
    from exporters.meetings import export_checklist

    return export_checklist(actor, _need_id(args), args.output)


def _seating(actor, args) -> Path:
    from exporters.meetings_seating import export_seating

    return export_seating(actor, _need_id(args), args.output)


def _cards(actor, args) -> Path:
    from exporters.meetings_seating import export_name_cards

    return export_name_cards(actor, _need_id(args), args.output)


def _sign_in(actor, args) -> Path:
    from exporters.meetings import export_sign_in

    return export_sign_in(actor, _need_id(args), args.output)


def _notice(actor, args) -> Path:
    from exporters.meetings import export_notice

    return export_notice(actor, _need_id(args), args.output)


def _template(actor, args) -> Path:
    from exporters.meetings import export_template

    name = getattr(args, "name", None)
    if not name:
        raise ValidationError("name", "请用 --name 指定会议类型，如 --name 常务会议。")
    return export_template(actor, name, args.output)


def importers() -> dict:
    from importers.meeting_import import import_attendees, import_decisions, import_template

    return {"meeting-template": import_template, "attendees": import_attendees, "decisions": import_decisions}


def exports() -> dict:
    return {"meeting-checklist": _checklist, "seating": _seating, "name-cards": _cards, "sign-in": _sign_in,
            "meeting-notice": _notice, "meeting-template": _template}
