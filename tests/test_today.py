"""今日 without Qt: the agenda grouped by module with red first, the `today` command, and the printed 今日待办's 密级.

The clock is pinned on Wednesday 10 June 2026 (tests/conftest.py)."""

from datetime import date, datetime

import pytest

from cli.app import run
from exporters.today import export_today
from models.core import accounts, clock
from models.core.audit import AuditEntry
from models.core.due import Level
from models.core.errors import PermissionDenied
from models.core.rights import Role
from models.core.today import EMPTY_TEXT, agenda
from models.documents import incoming
from models.duty import log as duty_log
from tests.conftest import NAMES, PASSWORDS, business_user
from tests.pdf_text import pdf_text


def assigned(clerk, title: str, due_on: str, secrecy: str = "", copy_nos: str = ""):
    with clock.pinned(date(2026, 6, 1)):
        data = {"received_on": "2026-06-01", "source_org": "市委办公室", "title": title}
        if secrecy:
            data |= {"secrecy": secrecy, "copy_nos": copy_nos}
        doc, _ = incoming.register(clerk, data)
        incoming.assign(clerk, doc.id, "县应急局", due_date=due_on, on="2026-06-01")
    return doc


def incident(actor):
    """A 较大 突发事件 reported at 09:00: its 30-minute phone limit has passed by 10:00 — a red 值班 item."""
    with clock.pinned(datetime(2026, 6, 10, 9, 5)):
        entry, _ = duty_log.log(actor, {"kind": "突发事件", "grade": "较大", "at": "2026-06-10 09:00",
                                        "unit": "青山镇政府", "subject": "石桥村发生山体滑坡，暂无人员伤亡"})
    return entry


@pytest.fixture
def both(three):
    """孙主任, who holds 文书 and 值班员: 公文 and 值班 items on one page."""
    business_user(three, "sunzhuren", "孙主任", "clerk")
    accounts.grant(three[Role.SECADMIN], "sunzhuren", "duty")
    return accounts.login("sunzhuren", "Duty@2026abcd")


def test_groups_by_module_red_groups_first_and_red_items_first_within(both):
    soon = assigned(both, "关于防汛值班的通知", "2026-06-11")  # amber: tomorrow
    late = assigned(both, "关于报送半年总结的通知", "2026-06-05")  # red: 3 working days late
    later = assigned(both, "关于安全生产检查的通知", "2026-06-08")  # red, later deadline
    entry = incident(both)
    found = agenda(both)
    assert [g.label for g in found.groups] == ["公文", "值班"]  # both have red items: the modules' order
    documents, duty = found.groups
    assert [i.record_id for i in documents.items] == [late.id, later.id, soon.id]
    assert [i.level for i in documents.items] == [Level.RED, Level.RED, Level.AMBER]
    assert documents.red == 2 and duty.items[0].record_id == entry.id and duty.items[0].level == Level.RED
    assert found.count == 3 + len(duty.items) and found.summary().startswith(f"共 {found.count} 项，其中逾期")


def test_a_module_with_only_amber_items_comes_after_one_with_red(both):
    assigned(both, "关于防汛值班的通知", "2026-06-11")  # 公文: amber only
    incident(both)  # 值班: red
    assert [g.label for g in agenda(both).groups] == ["值班", "公文"]


def test_someone_who_may_read_none_of_what_is_due_gets_the_empty_agenda(three, clerk):
    assigned(clerk, "关于报送半年总结的通知", "2026-06-05")  # overdue 公文, which a 值班员 may not read
    found = agenda(business_user(three, "zhaozhiban", "赵值班", "duty"))
    assert found.groups == () and found.summary() == EMPTY_TEXT


def test_the_system_admin_and_the_auditor_are_refused_and_audited(three):
    for actor in (three[Role.SYSADMIN], three[Role.AUDITOR]):
        with pytest.raises(PermissionDenied, match="没有权限查看今日待办"):
            agenda(actor)
    assert AuditEntry.select().where(AuditEntry.action == "denied").count() == 2


def test_an_item_carries_its_records_secrecy_and_the_agenda_its_highest(clerk):
    assigned(clerk, "关于防汛值班的通知", "2026-06-11")
    assigned(clerk, "关于边境管控的通知", "2026-06-05", secrecy="秘密★5年", copy_nos="000012")
    assert agenda(clerk).mark == "秘密"
    assigned(clerk, "关于重要目标防护的通知", "2026-06-11", secrecy="机密★10年", copy_nos="000003")
    found = agenda(clerk)
    assert sorted(i.secrecy for i in found.items) == ["机密", "秘密", "非密"] and found.mark == "机密"


def test_the_printed_list_says_its_highest_secrecy_top_left_and_is_audited(clerk, tmp_path):
    assigned(clerk, "关于边境管控的通知", "2026-06-05", secrecy="机密★10年", copy_nos="000012")
    assigned(clerk, "关于防汛值班的通知", "2026-06-11")
    path = tmp_path / "today.pdf"
    assert export_today(clerk, path) == 2
    (text,) = pdf_text(path)  # one page
    lines = text.splitlines()
    assert lines.index("机密") < lines.index("县委办公室今日待办")  # top-left, above the title
    assert "今日待办" in text and "2026年6月10日 星期三" in text and "张三（文书）" in text
    assert text.index("公文（2 项，逾期 1 项）") < text.index("关于边境管控") < text.index("关于防汛值班")
    entry = AuditEntry.select().where(AuditEntry.action == "export").order_by(AuditEntry.id.desc()).get()
    assert "今日待办" in entry.summary and "含机密内容" in entry.summary


def test_an_unclassified_print_carries_no_mark_and_an_empty_one_says_so(clerk, tmp_path):
    path = tmp_path / "empty.pdf"
    assert export_today(clerk, path) == 0
    (text,) = pdf_text(path)
    assert text.count(EMPTY_TEXT) == 1 and not any(level in text for level in ("秘密", "机密", "绝密"))
    assigned(clerk, "关于防汛值班的通知", "2026-06-11")
    export_today(clerk, path)
    assert not any(level in pdf_text(path)[0] for level in ("秘密", "机密", "绝密"))


# --- the command line -----------------------------------------------------------------------------------------


@pytest.fixture
def cli(database, three, capsys, monkeypatch):
    def call(*args, user="zhangsan", password="Zhang@2026abc"):
        monkeypatch.setenv("SANBAN_PASSWORD", password)
        code = run(["--db", str(database), "--user", user, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_the_command_prints_the_list_grouped_with_red_first(cli, both):
    assigned(both, "关于防汛值班的通知", "2026-06-11")
    assigned(both, "关于报送半年总结的通知", "2026-06-05")
    incident(both)
    code, out, err = cli("today", user="sunzhuren", password="Duty@2026abcd")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("2026年6月10日 星期三　共 ")
    documents = lines.index("公文（2 项）")
    assert lines[documents + 1].strip().startswith("[逾期] 收文") and "关于报送半年总结的通知" in lines[documents + 1]
    assert "[临期] 收文" in lines[documents + 3] and "关于防汛值班的通知" in lines[documents + 3]
    assert "办理期限为6月5日，已逾期3个工作日" in lines[documents + 2]
    assert any(line.startswith("值班（") for line in lines)


def test_the_command_reads_another_day(cli, clerk):
    assigned(clerk, "关于防汛值班的通知", "2026-06-11")
    code, out, _ = cli("today", "--date", "2026-06-15")  # Monday: the 11 June deadline is 2 working days gone
    assert code == 0 and "2026年6月15日 星期一" in out and "[逾期] 收文" in out and "已逾期2个工作日" in out
    code, out, _ = cli("today", "--date", "2026-06-01")
    assert code == 0 and EMPTY_TEXT in out


def test_a_bad_date_is_refused_in_chinese_with_exit_1(cli, clerk):
    code, out, err = cli("today", "--date", "2026-13-01")
    assert code == 1 and out == "" and "日期「2026-13-01」不存在" in err and "Traceback" not in err


def test_the_auditor_is_refused_with_exit_1(cli, three):
    code, out, err = cli("today", user=NAMES[Role.AUDITOR], password=PASSWORDS[Role.AUDITOR])
    assert code == 1 and out == "" and "没有权限查看今日待办" in err
