"""Demo 值班: this month's and next month's roster, a leader away, three days of the log with one 较大 突发事件
and its reports, a handed-over shift, yesterday's 值班要情 and a 值班快报 — acted by the demo 值班员 赵值班 and
孙值班 through the same functions the window uses."""

from datetime import date, datetime, time, timedelta

from models.core import accounts, clock
from models.core.db import now
from models.duty import absences, roster
from models.duty import brief as duty_brief
from models.duty import log as duty_log

LEADERS = ("周主任", "吴副主任", "郑副主任")
OFFICERS = ("赵值班", "孙值班", "钱晓东", "陈丽")
PHONES = {"周主任": "13908710001", "吴副主任": "13908710002", "郑副主任": "13908710003", "赵值班": "13808710011",
          "孙值班": "13808710012", "钱晓东": "13808710013", "陈丽": "13808710014"}

EARLIER_CALLS = [  # the day before yesterday: other calls than yesterday's, as two real days would have
    (8, 45, "来电", "县气象局", "张预报员", "0871-6543301", "发布寒潮蓝色预警，未来 48 小时气温下降 8 至 10 度。",
     "郑副主任", "请转发各乡镇和县直有关部门，做好防寒防冻。", "已转发 12 个乡镇和县直 9 个部门", "各单位已签收"),
    (11, 10, "来文", "市委保密办", "机要员", "", "关于开展年度保密自查自评工作的通知（市保办发〔2026〕15号）。",
     "郑副主任", "请县委保密办牵头落实。", "已转县委保密办", "已按时报送自查报告"),
    (15, 30, "来电", "县交通运输局", "李科长", "0871-6543345", "报告 G213 线 K82 处因养护施工单向通行至本周五。",
     "", "", "", "已登记，通知县政府办信息科"),
    (16, 45, "来电", "县人民医院", "值班医生", "0871-6543120", "报告收治一氧化碳中毒群众 3 人，均无生命危险。",
     "周主任", "请卫健局加强救治，提醒群众冬季取暖安全。", "已通知县卫健局", "3 人已出院"),
]
CALLS = [  # (hour, minute, kind, unit, person, phone, subject, leader, instruction, handling, result)
    (9, 5, "来电", "县应急管理局", "刘科长", "0871-6543210", "通报今晚至明天有强降雨，请各乡镇做好防汛准备。",
     "周主任", "请立即通知各乡镇值班领导在岗，做好转移避险准备。", "已电话通知 12 个乡镇值班室", "各乡镇均已回复在岗"),
    (10, 40, "来文", "市委办公室", "机要员", "", "关于做好岁末年初值班值守工作的通知（市委办发〔2026〕88号）。",
     "周主任", "请值班室按要求落实，报送节日值班表。", "已转秘书科办理", ""),
    (14, 20, "来电", "县信访局", "王股长", "0871-6543222", "反映有群众在县政府门口聚集反映拖欠工资问题。",
     "吴副主任", "请县人社局牵头，会同信访局做好解释疏导。", "已通知县人社局、信访局", ""),
    (16, 5, "传真", "市政府办公室", "", "0871-3100000", "明天上午 9 时召开全市安全生产视频会议，请县政府分管领导参加。",
     "", "", "", "已通知县政府办公室会务科"),
]


def _session(username: str):
    return accounts.session_for(accounts.User.get(accounts.User.username == username))


def _plan(officer, first: date, last: date) -> int:
    made = 0
    day = first
    index = 0
    while day <= last:
        day_officer = OFFICERS[(2 * index) % 4]  # nobody goes from a night shift straight into a day shift
        night_officer = OFFICERS[(2 * index + 1) % 4]
        leader = LEADERS[index % 3]
        note = "周末" if day.weekday() >= 5 else ""
        roster.set_day(officer, day, {"leader": leader, "白班": day_officer, "夜班": night_officer, "note": note,
                                      "phones": "、".join(f"{n} {PHONES[n]}" for n in (leader, day_officer, night_officer))})
        made += 1
        index += 1
        day += timedelta(days=1)
    return made


def demo_duty(actor, options: dict) -> str:
    zhao, sun = _session("zhaozhiban"), _session("sunzhiban")
    today = clock.today()
    first = today.replace(day=1)
    last = ((first + timedelta(days=62)).replace(day=1)) - timedelta(days=1)
    days = _plan(zhao, first, last)
    absences.report(zhao, {"person": "吴副主任", "position": "办公室副主任", "kind": "学习", "start_on": today,
                           "start_part": "上午", "end_on": today + timedelta(days=4), "end_part": "下午",
                           "destination": "省委党校", "purpose": "参加县处级干部进修班", "transport": "公务用车",
                           "stand_in": "郑副主任", "contact": PHONES["吴副主任"], "approved_by": "县委书记"})
    trip, _ = absences.report(zhao, {"person": "郑副主任", "position": "办公室副主任", "kind": "出差",
                           "start_on": today - timedelta(days=6), "end_on": today - timedelta(days=5),
                           "destination": "市里", "purpose": "参加全市督查工作会议", "stand_in": "周主任"})
    absences.mark_returned(zhao, trip.id, datetime.combine(today - timedelta(days=5), time(18, 30)))
    entries = 0
    for offset, calls in ((2, EARLIER_CALLS), (1, CALLS)):
        day = today - timedelta(days=offset)
        for hour, minute, kind, unit, person, phone, subject, leader, instruction, handling, result in calls:
            moment = datetime.combine(day, time(hour, minute))
            entry, _ = duty_log.log(zhao, {"kind": kind, "at": moment, "unit": unit, "person": person,
                                           "phone": phone, "subject": subject})
            entries += 1
            if leader:
                duty_log.report_leader(zhao, entry.id, leader, moment + timedelta(minutes=8))
            if instruction:
                duty_log.instruct(zhao, entry.id, leader, instruction, moment + timedelta(minutes=20))
            if handling:
                duty_log.handle(zhao, entry.id, handling, moment + timedelta(minutes=30))
            if result and offset == 2:
                duty_log.close(zhao, entry.id, result)
            elif result and not handling:
                duty_log.close(zhao, entry.id, result)
        shift = duty_log.shift_of(zhao, datetime.combine(day, time(12, 0)))
        duty_log.hand_over(zhao, shift.id, "本班接报 4 件，防汛通知已落实；信访聚集事项由人社局牵头处理中。"
                           if offset == 1 else "本班接报 4 件，寒潮预警已转发；保密自查通知已转保密办。",
                           things="值班手机 1 部、机要柜钥匙 1 把、值班记录本 1 本")
        duty_log.take_over(sun, shift.id)
    # a 较大 突发事件 yesterday evening, reported in time by phone and late in writing
    learned = datetime.combine(today - timedelta(days=1), time(19, 42))
    event, _ = duty_log.log(sun, {"kind": "突发事件", "grade": "较大", "at": learned, "unit": "青山镇政府",
                                  "person": "王镇长", "phone": "13987100001", "place": "青山镇石桥村",
                                  "occurred_at": learned - timedelta(minutes=25),
                                  "subject": "石桥村发生山体滑坡，2 户民房受损，转移群众 11 人，暂无人员伤亡。"})
    duty_log.report_leader(sun, event.id, "周主任", learned + timedelta(minutes=5))
    duty_log.instruct(sun, event.id, "周主任", "请应急、自然资源部门立即赶赴现场，全力做好群众转移安置，及时续报。",
                      learned + timedelta(minutes=12))
    duty_log.report_up(sun, event.id, "phone", learned + timedelta(minutes=22))
    duty_log.report_up(sun, event.id, "written", learned + timedelta(minutes=75))
    duty_log.handle(sun, event.id, "县应急局、自然资源局已到现场，安置点设在石桥村小学", learned + timedelta(minutes=70))
    entries += 1
    yesterday = today - timedelta(days=1)
    brief = duty_brief.save(zhao, duty_brief.draft_brief(zhao, yesterday))
    flash = duty_brief.save(sun, duty_brief.draft_flash(sun, event.id))
    # today so far (only what is already past, so the demo never logs the future)
    morning = datetime.combine(today, time(8, 50))
    if now() > morning:
        duty_log.log(zhao, {"kind": "来电", "at": morning, "unit": "县公安局指挥中心", "person": "李警官",
                            "phone": "0871-6543110", "subject": "通报县城主干道因路面塌陷实行交通管制。"})
        entries += 1
    return (f"值班表 {days} 天，外出报备 2 条，值班记录 {entries} 条（含较大突发事件 1 起），"
            f"值班要情{brief.number_text}、值班快报{flash.number_text}")
