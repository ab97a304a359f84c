"""Demo 督办: half a year of an office's 督查 work, acted by the demo 文书 王秘书 through the same functions as the
window: 领导批示件 linked to 收文, 会议议定事项, 人大代表建议 and 政协提案 with their numbers, 上级部署; most closed
(some late), some open and on time, some overdue and 催办ed with a 红色督办单, one 延期 approved and one refused."""

import random
from datetime import date, timedelta

from models.core import clock, workdays
from models.core.db import tuples
from models.supervision import flow, items, urging

UNITS = ("县发展改革局", "县财政局", "县住房城乡建设局", "县交通运输局", "县教育局", "县卫生健康局", "县农业农村局",
         "县生态环境局", "县应急管理局", "县市场监管局", "县人力资源社会保障局", "县自然资源局")
TOPICS = {
    "领导批示件": ("尽快解决城东片区居民饮水问题", "督促做好秋冬季大气污染防治", "核查群众反映的农民工工资拖欠问题",
              "加快推进老旧小区改造项目", "切实做好汛后水毁道路修复"),
    "会议议定事项": ("制定县城停车场建设三年行动方案", "完成2026年民生实事项目中期评估", "推进工业园区标准厂房招商",
               "落实乡村振兴衔接资金项目库建设", "建立重点项目周调度机制"),
    "人大代表建议": ("关于加强农村公路养护管理的建议", "关于增设城区公办幼儿园学位的建议",
               "关于完善基层医疗机构药品配备的建议", "关于解决农村饮水安全问题的建议", "关于加快老旧管网改造的建议",
               "关于加大对家庭农场扶持力度的建议"),
    "政协提案": ("关于推进县域医共体建设的提案", "关于加强中小学生心理健康教育的提案", "关于优化营商环境的提案",
             "关于发展乡村旅游的提案", "关于加强古村落保护利用的提案"),
    "上级部署": ("落实省安全生产大检查部署", "开展耕地保护专项整治", "推进基层减负年度任务"),
}
DELEGATES = ("张建国", "李秀英", "王志强", "刘海燕", "陈德明", "杨丽华", "赵永红", "黄文斌")
LEADERS = ("郑书记", "周县长", "吴副县长")


def _past(rng: random.Random, today: date, lo: int, hi: int) -> date:
    day = today - timedelta(days=rng.randint(lo, hi))
    while not workdays.is_workday(day):
        day -= timedelta(days=1)
    return day


def demo_supervision(actor, options: dict) -> str:
    from models.core import accounts
    from models.documents.incoming import Incoming

    clerk = accounts.session_for(accounts.User.get(accounts.User.username == "wangmishu"))
    rng = random.Random(2026)
    today = clock.today()
    instructed = [i for (i,) in tuples(Incoming.select(Incoming.id).where(Incoming.instructions != "")
                                       .order_by(Incoming.id).limit(5))]
    numbers = {"人大代表建议": 0, "政协提案": 0}
    made, closed, late, extended = 0, 0, 0, 0
    plan = [(source, title) for source, titles in TOPICS.items() for title in titles]
    rng.shuffle(plan)
    for n, (source, title) in enumerate(plan):
        start = _past(rng, today, 20, 170)
        fields: dict = dict(source_type=source, title=title, lead_unit=rng.choice(UNITS), assigned_on=start,
                            handler=rng.choice(("局长", "分管副局长", "办公室主任")),
                            requirement="按期报送办理情况，逾期说明理由。")
        if source in numbers:
            numbers[source] += 1
            fields.update(source_no=f"{'建' if source == '人大代表建议' else '提'}{numbers[source]:03d}",
                          delegate=rng.choice(DELEGATES), co_units=rng.choice(UNITS))
        else:
            fields["due"] = rng.choice(("20个工作日", "30天", "2个月", "15个工作日"))
        if source == "领导批示件":
            fields.update(leader=rng.choice(LEADERS), instruction=f"请{fields['lead_unit']}抓紧办理，按时报结果。")
            if instructed:
                fields["source_incoming"] = instructed.pop()
        item = items.create(clerk, assign=True, **fields)
        made += 1
        fate = n % 6
        middle = min(start + (item.due_date - start) // 2, today)
        if middle > start:
            flow.feedback(clerk, item.id, "已制定工作方案，明确责任人和时间节点，正在推进。", rng.choice((30, 40, 50)),
                          on=middle)
        if fate in (0, 1, 2) and item.due_date <= today + timedelta(days=30):
            on = min(item.due_date + timedelta(days=rng.choice((-5, -2, 0, 6))), today)
            on = max(on, middle)
            grade = rng.choice("ABC") if item.is_proposal else ""
            flow.report(clerk, item.id, "已按要求办理完毕，详见办结报告。", grade, on=on)
            flow.submit_review(clerk, item.id)
            feeling = rng.choice(("满意", "满意", "基本满意")) if item.is_proposal else ""
            item = flow.close(clerk, item.id, "同意办结。", feeling, on=on)
            closed += 1
            late += on > item.due_date
            if fate == 0 and item.closed_on < today - timedelta(days=10):
                flow.archive(clerk, item.id, f"DC·{item.year}-{item.serial:03d}")
        elif fate == 3:
            flow.request_extension(clerk, item.id, "20个工作日", "涉及多部门协调，需延期办理。", on=today)
            if item.due_date > today and not extended:
                flow.approve_extension(clerk, item.id, "同意延期。", on=today)
                extended += 1
            else:
                flow.reject_extension(clerk, item.id, "理由不充分，请按原时限办结。", on=today)
        elif fate == 4 and item.due_date < today:
            urging.urge(clerk, item.id, "电话", request="请尽快报送办理进展。", answer="正在加紧办理，本周内报送。")
            urging.issue_slip(clerk, item.id, 3, signer="周主任")
    return f"{made} 件督办事项（{closed} 件已办结，其中逾期办结 {late} 件）"
