"""Demo 涉密人员库: posts, a dozen people at every stage, their records, the 证件柜 and a trip — entered by the
安全保密管理员 through the same functions the window uses."""

from datetime import timedelta

from models.core import accounts, clock
from models.core.rights import Role
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records

POSTS = [("秘书科", "机要文件收发", "核心"), ("保密办", "定密责任人", "核心"), ("综合科", "综合文稿起草", "重要"),
         ("信息科", "涉密网络运维", "重要"), ("督查室", "督查文稿起草", "一般"), ("秘书科", "文印", "一般")]

# name, ID, unit, position, political, post, 上岗 (years ago), nature, home unit
PEOPLE = [
    ("周建华", "350203197804121038", "综合科", "科长", "中共党员", "综合文稿起草", 9, "在编", ""),
    ("吴丽", "420102198609232147", "秘书科", "一级科员", "中共党员", "机要文件收发", 7, "在编", ""),
    ("郑伟", "230103198201053250", "保密办", "主任", "中共党员", "定密责任人", 10, "在编", ""),
    ("王芳", "610113199307184361", "信息科", "科员", "共青团员", "涉密网络运维", 4, "在编", ""),
    ("冯军", "500103199003025478", "督查室", "副主任", "中共党员", "督查文稿起草", 3, "在编", ""),
    ("曾敏", "11010519491231002X", "秘书科", "科员", "群众", "文印", 6, "在编", ""),
    ("陈晓东", "360426199101010071", "秘书科", "科员", "中共党员", "机要文件收发", 1, "借调", "县财政局"),
    ("刘洋", "440524199003150030", "综合科", "科员", "中共党员", "综合文稿起草", 5, "在编", ""),
]


def demo_personnel(actor, options: dict) -> str:
    sec = accounts.session_for(accounts.User.select().join(accounts.UserRole)
                               .where(accounts.UserRole.role == Role.SECADMIN.value).get())
    today = clock.today()
    for unit, name, level in POSTS:
        secrecy.add_post(sec, {"unit": unit, "name": name, "level": level, "duties": f"{name}相关涉密事项"})
    people: dict[str, secrecy.Person] = {}
    for name, id_number, unit, position, political, post, years, nature, home in PEOPLE:
        since = today.replace(year=today.year - years, month=3, day=1)
        person, _ = secrecy.register(sec, {"name": name, "id_number": id_number, "unit": unit, "position": position,
                                           "political": political, "nature": nature, "home_unit": home,
                                           "supervisor": "郑伟" if home else "",
                                           "term_end": today + timedelta(days=20) if home else "",
                                           "phone": f"1390871{len(people):04d}"})
        kind = "派出单位审查" if home else "上岗审查"
        secrecy_records.add_review(sec, person.id, {"kind": kind, "on": since - timedelta(days=10), "result": "通过",
                                                    "by": home or "县委组织部、县委保密办"})
        secrecy.appoint(sec, person.id, post, since, "县委办公室主任")
        secrecy_records.add_pledge(sec, person.id, {"kind": "上岗", "signed_on": since, "kept_at": "人事档案"})
        people[name] = person
    for name in ("周建华", "吴丽", "郑伟", "冯军"):
        secrecy_records.add_review(sec, people[name].id, {"kind": "复审", "on": today - timedelta(days=200),
                                                          "result": "通过", "by": "县委组织部"})
    for name, hours in (("周建华", 6), ("吴丽", 12), ("郑伟", 16), ("王芳", 4), ("冯军", 10), ("曾敏", 8)):
        secrecy_records.add_training(sec, people[name].id, {"on": today - timedelta(days=60), "hours": hours,
                                                            "topic": "新修订《保守国家秘密法》专题培训",
                                                            "organiser": "县委保密办", "assessment": "合格"})
    secrecy.transfer(sec, people["王芳"].id, "涉密网络运维、机要文件收发", today - timedelta(days=30), "工作需要")
    # 刘洋 left last year: in his 脱密期, checklist done but the 去向备案
    secrecy_records.add_pledge(sec, people["刘洋"].id, {"kind": "离岗", "signed_on": today - timedelta(days=300)})
    secrecy.leave(sec, people["刘洋"].id, {"kind": "离职", "approved_on": today - timedelta(days=300),
                                          "talk_on": today - timedelta(days=302), "carriers_returned": "工作笔记 2 本",
                                          "devices_returned": "无", "access_revoked_on": today - timedelta(days=300)})
    # the 证件柜: passports in, one lent for an approved trip, one out past its return date
    made = {}
    for name, kind, number, expiry in (("周建华", "普通护照", "E61234501", 2400), ("吴丽", "普通护照", "E61234502", 1500),
                                       ("吴丽", "往来港澳通行证", "C61234503", 90), ("郑伟", "普通护照", "E61234504", 900),
                                       ("冯军", "往来台湾通行证", "T61234505", 1200), ("刘洋", "普通护照", "E61234506", 2000)):
        made[number] = passports.take_in(sec, people[name].id, {"kind": kind, "number": number,
                                                                "expires_on": today + timedelta(days=expiry),
                                                                "received_on": today - timedelta(days=400)})
    trip = passports.apply_trip(sec, people["周建华"].id, {"destination": "新加坡", "purpose": "探亲",
                                                          "start_on": today + timedelta(days=5),
                                                          "end_on": today + timedelta(days=12),
                                                          "unit_opinion": "同意", "secrecy_opinion": "同意，行前教育"})
    passports.decide_trip(sec, trip.id, {"decision": "批准", "approved_by": "县委办公室主任", "briefed_on": today})
    passports.lend(sec, made["E61234501"].id, {"trip": trip.id, "approved_by": "县委办公室主任"})
    old = passports.apply_trip(sec, people["冯军"].id, {"destination": "台湾地区", "purpose": "旅游",
                                                       "start_on": today - timedelta(days=30),
                                                       "end_on": today - timedelta(days=22), "unit_opinion": "同意"})
    passports.decide_trip(sec, old.id, {"decision": "批准", "approved_by": "县委办公室主任",
                                        "decided_on": today - timedelta(days=40)})
    passports.lend(sec, made["T61234505"].id, {"trip": old.id, "approved_by": "县委办公室主任",
                                               "lent_on": today - timedelta(days=31)})
    passports.stock_take(sec, ["E61234501", "E61234502", "C61234503", "E61234504", "T61234505", "E61234506"],
                         "年度盘点", today.replace(year=today.year - 1, month=12, day=20))
    return f"{len(POSTS)} 个涉密岗位，{len(PEOPLE)} 名涉密人员（1 名借调、1 名脱密期中），{len(made)} 本证件（2 本借出）"
