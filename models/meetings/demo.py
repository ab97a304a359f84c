"""Demo meetings: one of each built-in type around the pinned day, with attendees, topics and a few items done."""

from datetime import timedelta

from models.core import clock
from models.meetings import attendees, decisions, meetings, minutes

LEADERS = [("王建国", "市长"), ("李明华", "常务副市长"), ("张卫东", "副市长"), ("陈秀英", "副市长"),
           ("刘志强", "副市长"), ("赵国庆", "副市长"), ("孙立新", "秘书长")]
UNITS = [("市发展和改革委员会", "主任"), ("市财政局", "局长"), ("市司法局", "局长"), ("市住房和城乡建设局", "局长"),
         ("市自然资源和规划局", "局长")]
OBSERVERS = [("周海燕", "市政府办公室副主任", "市政府办公室"), ("吴伟", "市政府研究室主任", "市政府研究室")]


def _people(stage: int) -> list[dict]:
    rows = [dict(name=n, title=t, unit="市政府", zone="主席台", rank=i) for i, (n, t) in enumerate(LEADERS[:stage], 1)]
    people = ["郑晓东", "冯丽娟", "褚建军", "卫红梅", "蒋文斌", "沈志刚", "韩雪", "杨光明", "朱玉兰", "秦海涛"]
    for i, (unit, title) in enumerate(UNITS):
        for j in range(2):
            rows.append(dict(name=people[(2 * i + j) % len(people)] + ("" if j == 0 else "同"), title=title if j == 0
                             else "副" + title, unit=unit, zone="台下", rank=100 + 2 * i + j))
    rows += [dict(name=n, title=t, unit=u, zone="列席", rank=200 + i) for i, (n, t, u) in enumerate(OBSERVERS)]
    return rows


def demo_meetings(actor, options: dict) -> str:
    from models.core import accounts

    who = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    today = clock.today()
    plans = [("常务会议", "研究老旧小区改造实施方案", today - timedelta(days=14), "非密", 5),
             ("常务会议", "研究2026年重点项目推进和财政预算调整事项", today + timedelta(days=8), "秘密", 7),
             ("专题会议", "研究城区防汛排涝工作", today + timedelta(days=3), "非密", 3),
             ("全体会议", "部署下半年经济工作", today + timedelta(days=20), "非密", 7)]
    made = []
    for meeting_type, title, day, secrecy, stage in plans:
        meeting = meetings.create(who, {"type": meeting_type, "title": title, "date": day, "time": "09:00",
                                        "place": "市政府第一会议室", "host": LEADERS[0][0], "secrecy": secrecy,
                                        "check_in": "请于会前10分钟到会场签到",
                                        "reply_by": "请于会前2个工作日将回执报市政府办公室秘书科",
                                        "contact": "秘书科 王秘书 0000-0000000"})
        attendees.replace(who, meeting.id, _people(stage), "演示")
        meetings.add_topic(who, meeting.id, {"title": title, "unit": UNITS[0][0], "coordinated": True})
        made.append(meeting)
    past = made[0]
    for item in meetings.checklist(who, past.id):
        if item.phase != "会后":
            meetings.set_item_state(who, item.id, "已完成")
    for action in ("notify", "open", "close"):
        meetings.advance(who, past.id, action)
    for step, person in (("起草", "王秘书"), ("审核", "孙立新"), ("签发", "王建国")):
        minutes.record_step(who, past.id, step, person, past.day + timedelta(days=2))
    decisions.add_many(who, past.id, [
        dict(matter="老旧小区改造实施方案按会议意见修改后印发", lead_unit="市住房和城乡建设局",
             partner_units="市财政局", due_on=past.day + timedelta(days=30)),
        dict(matter="落实改造资金，纳入年度预算调整", lead_unit="市财政局", due_on=past.day + timedelta(days=45))])
    return f"{len(made)} 次会议（含参会人员、议题、检点单，1 次已召开并登记纪要和议定事项）"
