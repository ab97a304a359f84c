"""The 会议 tab: a meeting made by keyboard, its checklist shown below it, an item done, the meeting moved, and a
phase move refused by the checklist then overridden with a reason."""

import pytest

from models.core.audit import AuditEntry
from models.meetings import meetings
from tests.ui.test_documents_tab import fill_and_accept
from ui.meetings.tab import MeetingsTab


@pytest.fixture
def tab(qtbot, clerk):
    widget = MeetingsTab(clerk)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_plan_a_meeting_work_its_checklist_and_move_it(tab, monkeypatch, shown):
    fill_and_accept(monkeypatch, {"type": "专题会议", "title": "研究防汛工作", "date": "2026-06-19", "time": "15:00",
                                  "place": "第二会议室"})
    tab.action_new()  # Ctrl+N through the window's menu
    meeting = meetings.Meeting.get()
    assert tab.meetings.ledger.model.row(0).values[1] == "市政府第1次专题会议"
    assert tab.meetings.ledger.selected_row().id == meeting.id  # the new meeting is selected
    checklist = tab.checklist.ledger.model
    assert checklist.rowCount() == len(meetings.checklist(tab.session, meeting.id)) > 10
    first = checklist.row(0)
    assert first.status == "due_soon"  # 会前5个工作日 of 06-19 (端午): 06-11, within 2 working days of 06-10
    tab.checklist.ledger.table.selectRow(0)
    tab.checklist.run("done")
    item = meetings.ITEMS.get(first.id)
    assert (item.state, item.done_by) == ("已完成", "张三")
    fill_and_accept(monkeypatch, {"date": "2026-06-26", "time": "09:00"})
    tab.meetings.run("move")
    assert meetings.get(tab.session, meeting.id).day.isoformat() == "2026-06-26"
    assert meetings.ITEMS.get(first.id).due == item.due  # done: kept its date
    fill_and_accept(monkeypatch, {"action": "发出通知"})
    tab.meetings.run("phase")
    opened = fill_and_accept(monkeypatch, {"action": "开始会议"})
    tab.meetings.run("phase")
    assert "会前必办事项未完成" in opened[0].form.errors["override"].text()
    assert meetings.get(tab.session, meeting.id).phase == "notified"
    fill_and_accept(monkeypatch, {"action": "开始会议", "override": "副市长临时召集"})
    tab.meetings.run("phase")
    assert meetings.get(tab.session, meeting.id).phase == "in_session"
    assert AuditEntry.select().where(AuditEntry.action == "meeting_override").count() == 1
    assert "副市长临时召集" in tab.meetings.ledger.detail.toPlainText()


def test_a_template_goes_out_to_excel_and_comes_back_as_the_next_version(tab, monkeypatch, shown, tmp_path):
    from ui.meetings import files

    fill_and_accept(monkeypatch, {"type": "党委常委会", "title": "研究干部工作", "date": "2026-07-01"})
    tab.action_new()
    tab.meetings.ledger.table.selectRow(0)
    out = tmp_path / "党委常委会检点单模板.xlsx"
    monkeypatch.setattr(files, "save_path", lambda *a: str(out))
    tab.meetings.run("template_export")
    assert out.exists() and "导入模板" in shown[-1][2]
    monkeypatch.setattr(files.QFileDialog, "getOpenFileName", lambda *a: (str(out), ""))
    tab.meetings.run("template_import")
    assert shown[-1][2] == "检点单模板「党委常委会」：25 项，保存为第 2 版"
    assert "模板更新" not in tab.meetings.ledger.detail.toPlainText()  # same items: nothing new to offer
