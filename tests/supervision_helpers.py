"""Shared set-up for the 督办 tests: items made through the models' own functions, in any state of the flow."""

from datetime import date

from models.supervision import flow, items


def make(clerk, assign: bool = True, **fields):
    """An item of a 领导批示件 to 县财政局 in 20 working days, unless told otherwise."""
    values = dict(source_type="领导批示件", title="尽快解决城东片区居民饮水问题", lead_unit="县财政局",
                  due="20个工作日", leader="周县长", instruction="请财政局抓紧研究解决。") | fields
    return items.create(clerk, assign=assign, **values)


def close(clerk, item_id: int, on: date | None = None, answer: str = "", satisfaction: str = ""):
    """报送办结报告, 提交审核 and 审核通过 on one day."""
    flow.report(clerk, item_id, "已办理完毕。", answer, on=on)
    flow.submit_review(clerk, item_id)
    return flow.close(clerk, item_id, "同意办结。", satisfaction, on=on)


def in_state(clerk, state: str, **fields):
    """A new item brought to `state` by the steps a user takes."""
    if state == "registered":
        return make(clerk, assign=False, **fields)
    item = make(clerk, **fields)
    steps = {
        "assigned": [],
        "in_progress": [lambda i: flow.feedback(clerk, i, "已制定方案。", 30)],
        "extending": [lambda i: flow.request_extension(clerk, i, "10个工作日", "需协调多个部门。")],
        "reported": [lambda i: flow.report(clerk, i, "已办理完毕。", "A")],
        "reviewing": [lambda i: flow.report(clerk, i, "已办理完毕。", "A"), lambda i: flow.submit_review(clerk, i)],
        "closed": [lambda i: close(clerk, i, answer="A", satisfaction="满意")],
        "archived": [lambda i: close(clerk, i, answer="A", satisfaction="满意"), lambda i: flow.archive(clerk, i)],
        "returned": [lambda i: flow.send_back(clerk, i, "不属于本单位职责。")],
    }[state]
    for step in steps:
        step(item.id)
    return items.RECORDS.get(item.id)
