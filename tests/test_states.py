"""The state machines declared as tables (models.core.states) and each module's flow against its model's states."""

from collections import deque

import pytest

from models.core.errors import ValidationError
from models.core.states import ANY, Flow
from models.documents import incoming, outgoing
from models.duty import log as duty_log
from models.secrecy import people
from models.secrecy.terms import STATES as PERSON_STATES

STATES = {"open": "办理中", "done": "已办结", "void": "已作废"}
ACTIONS = {"remind": "催办", "close": "办结", "void": "作废"}


def small_flow(**options) -> Flow:
    return Flow(STATES, ACTIONS, [
        ("open", "remind", "open"), ("open", "close", "done"), ("open", "void", "void"), ("done", "void", "void"),
        ("done", "remind", None, "文件已办结，无需催办。"),
        ("void", ANY, None, "已作废的文件不能再办理。"),
    ], **options)


def test_a_step_in_the_table_gives_its_next_state():
    flow = small_flow()
    assert flow.check("收文1号", "open", "close") == "done" == flow.next("open", "close")
    assert flow.allows("done", "void") and not flow.allows("done", "close")


def test_a_step_not_in_the_table_is_refused_with_its_hint():
    flow = small_flow()
    with pytest.raises(ValidationError) as caught:
        flow.check("收文1号", "done", "remind")
    assert caught.value.message == "收文1号当前为「已办结」，不能催办。文件已办结，无需催办。"
    assert caught.value.field == "status"
    with pytest.raises(ValidationError, match="^收文1号当前为「已办结」，不能办结。$"):
        flow.check("收文1号", "done", "close")  # no hint declared: the sentence alone
    with pytest.raises(KeyError):
        flow.next("done", "close")


def test_a_closed_state_refuses_every_action_with_its_own_hint():
    flow = small_flow()
    for action in ACTIONS:
        with pytest.raises(ValidationError, match="已作废的文件不能再办理。$"):
            flow.check("收文1号", "void", action)


def test_the_exact_hint_comes_before_the_state_and_the_action():
    flow = Flow(STATES, ACTIONS, [("open", "close", "done"), ("done", "close", None, "这件已经办结。"),
                                  ("done", ANY, None, "已办结。"), (ANY, "close", None, "只有办理中的才能办结。")])
    assert flow.hint("done", "close") == "这件已经办结。"
    assert flow.hint("done", "remind") == "已办结。"
    assert flow.hint("void", "close") == "只有办理中的才能办结。"
    assert flow.hint("void", "remind") == ""


def test_a_module_words_its_refusal_and_names_the_field():
    flow = small_flow(message="{label}{state}，{hint}", messages={"close": "{label}已{state}。"},
                      fields={"remind": "target"})
    with pytest.raises(ValidationError) as caught:
        flow.check("张三", "done", "remind")
    assert (caught.value.field, caught.value.message) == ("target", "张三已办结，文件已办结，无需催办。")
    with pytest.raises(ValidationError, match="^张三已已办结。$"):
        flow.check("张三", "done", "close")


def test_a_page_lists_the_actions_of_a_state_in_declared_order():
    flow = small_flow()
    assert flow.actions("open") == ("remind", "close", "void")
    assert flow.actions("done") == ("void",)
    assert flow.actions("void") == ()


@pytest.mark.parametrize("rows", [
    [("open", "close", "done"), ("open", "close", "void")],  # twice
    [("open", "close", "done"), ("open", "close", None, "不能")],  # allowed and refused
    [("opened", "close", "done")],  # unknown state
    [("open", "send", "done")],  # unknown action
    [("open", "close", "finished")],  # unknown next state
    [(ANY, "close", "done")],  # ANY only declares refusals
])
def test_a_table_that_contradicts_itself_or_names_unknown_words_is_refused(rows):
    with pytest.raises(ValueError):
        Flow(STATES, ACTIONS, rows)


# --- each module's flow ---------------------------------------------------------------------------------------

MODULE_FLOWS = {
    "收文": (incoming.FLOW, incoming.STATUS, "registered", incoming.Incoming.status.default),
    "发文": (outgoing.FLOW, outgoing.STATUS, "drafted", outgoing.Outgoing.status.default),
    "值班记录": (duty_log.FLOW, duty_log.STATUS, "logged", duty_log.DutyEntry.status.default),
    "涉密人员": (people.FLOW, PERSON_STATES, "candidate", people.Person.state.default),
}


@pytest.mark.parametrize("name", MODULE_FLOWS)
def test_each_module_flow_covers_every_state_its_model_allows(name):
    flow, states, first, default = MODULE_FLOWS[name]
    assert default == first
    assert flow.states == states  # the same states, with the labels the ledger shows
    reached, queue = {first}, deque([first])
    while queue:
        state = queue.popleft()
        for action in flow.actions(state):
            after = flow.next(state, action)
            if after not in reached:
                reached.add(after)
                queue.append(after)
    assert reached == set(states), f"{name}: no step reaches {set(states) - reached}"
    for action in flow.actions_named:
        assert any(flow.allows(s, action) for s in states), f"{name}: 「{flow.actions_named[action]}」 is never allowed"
    for state in states:
        if not flow.actions(state):  # an end state says why nothing more can be done
            assert all(flow.hint(state, a) for a in flow.actions_named), f"{name}: {state} refuses without a hint"


def test_the_incoming_refusals_keep_their_words():
    with pytest.raises(ValidationError, match="^收文收〔2026〕3号当前为「已登记」，不能归档。文件尚未办理"):
        incoming.FLOW.check("收文收〔2026〕3号", "registered", "archive")
    with pytest.raises(ValidationError, match="^收文收〔2026〕3号当前为「已拟办」，不能办结。办件须先交承办单位办理"):
        incoming.FLOW.check("收文收〔2026〕3号", "proposed", "close")
    assert incoming.FLOW.allows("proposed", "close_reading")  # a 阅件 is closed without 承办
    with pytest.raises(ValidationError, match="^收文收〔2026〕3号已归档，不能再修改登记内容。$"):
        incoming.FLOW.check("收文收〔2026〕3号", "archived", "edit")


def test_a_closed_duty_entry_says_when_it_was_closed():
    with pytest.raises(ValidationError, match="^这条记录已于 11-23 14:20 办结。如需补充，请用「补充更正」。$"):
        duty_log.FLOW.check("11-23 14:20", "closed", "handle")
    assert duty_log.FLOW.allows("closed", "amend") and duty_log.FLOW.allows("closed", "report_up")


@pytest.mark.parametrize(("state", "fields"), [
    ("logged", {}),
    ("reported", {"reported_to": "周主任 14:25"}),
    ("instructed", {"reported_to": "周主任 14:25", "instructions": "周主任（14:40）：妥处"}),
    ("handling", {"reported_to": "周主任 14:25", "handling": "11-23 14:50 已转应急局"}),
])
def test_the_duty_flow_agrees_with_the_status_an_entry_derives(state, fields):
    effects = {"report": {"reported_to": "x"}, "instruct": {"instructions": "x"}, "handle": {"handling": "x"},
               "close": {"closed": True}, "report_up": {}, "edit": {}, "amend": {}}
    entry = duty_log.DutyEntry(**fields)
    assert duty_log._status(entry) == state
    for action in duty_log.FLOW.actions(state):
        after = duty_log.DutyEntry(**fields)
        for key, value in effects[action].items():
            setattr(after, key, (getattr(after, key) or "") + value if isinstance(value, str) else value)
        assert duty_log._status(after) == duty_log.FLOW.next(state, action), action


def test_the_personnel_refusals_keep_their_words_and_fields():
    cases = [("on_post", "appoint", "posts", "张三已在岗，换岗位请用「调岗」。"),
             ("candidate", "transfer", "posts", "张三拟任（审查中），不在岗，不能调岗。"),
             ("ended", "leave", "kind", "张三脱密期满，不在岗，无需办理离岗。"),
             ("on_post", "complete_exit", "talk_on", "张三在岗，还没有办理离岗。"),
             ("on_post", "end_declass", "on", "张三在岗，不在脱密期。"),
             ("declass", "recheck", "kind", "张三脱密期中，复审只对在岗人员进行。"),
             ("on_post", "vet", "kind", "张三已在岗，定期审查请选「复审」。")]
    for state, action, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            people.FLOW.check("张三", state, action)
        assert (caught.value.field, caught.value.message) == (field, message)
    assert people.FLOW.next("refused", "clear") == "candidate" and people.FLOW.next("candidate", "refuse") == "refused"
    assert people.FLOW.actions("refused") == ("appoint", "vet", "clear", "edit")
