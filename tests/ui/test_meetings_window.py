"""The 会议 tab beyond the ledger: the 检点单模板 edited in the window (by keyboard, 时限 checked as typed, saved as the
next version and offered to an older meeting), the documents of the selected meeting (通知, 纪要, 议定事项 → 督办,
上次落实情况), and Enter on a checklist item in 今日 opening it on the 会议 tab."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from models.meetings import decisions, meetings, minutes, templates
from tests.ui.conftest import type_text
from tests.ui.test_documents_tab import fill_and_accept
from tests.ui.test_today import choose, window_for
from ui.meetings import template_editor
from ui.meetings.tab import MeetingsTab
from ui.meetings.template_editor import DEADLINE, TASK, TemplateEditor


@pytest.fixture
def tab(qtbot, clerk):
    widget = MeetingsTab(clerk)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def new_meeting(clerk, day: str = "2026-10-09", kind: str = "专题会议") -> meetings.Meeting:
    return meetings.create(clerk, {"type": kind, "title": "研究防汛工作", "date": day, "place": "第二会议室"})


def press(editor: TemplateEditor, key: Qt.Key) -> None:
    """Ctrl+key through the window, as the editor's shortcuts receive it."""
    QTest.keyClick(editor.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)


def type_cell(qtbot, editor: TemplateEditor, row: int, column: int, text: str) -> None:
    """Go to the cell, open its editor with F2, type the text and press Enter, as a user would."""
    editor.table.setCurrentCell(row, column)
    QTest.keyClick(editor.windowHandle(), Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit), line
    type_text(line, text)
    QTest.keyClick(editor.windowHandle(), Qt.Key.Key_Return)


def test_edit_a_template_by_keyboard_and_offer_the_new_item_to_an_older_meeting(qtbot, clerk, shown):
    meeting = new_meeting(clerk)
    before = [i.task for i in templates.read(clerk, "专题会议")[1]]
    editor = TemplateEditor(clerk, "专题会议")
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)  # the editor's shortcuts work while it is the active window
    assert editor.types.currentText() == "专题会议" and editor.table.rowCount() == len(before)
    assert "第 1 版" in editor.version_label.text()
    phases = [editor.table.item(r, 0).text() for r in range(editor.table.rowCount())]
    assert phases == sorted(phases, key=("会前", "会中", "会后").index)  # shown by phase

    editor.table.setCurrentCell(0, TASK)
    press(editor, Qt.Key.Key_Insert)  # 添加事项
    assert editor.table.rowCount() == len(before) + 1 and editor.table.currentRow() == 1
    assert isinstance(QApplication.focusWidget(), QLineEdit)  # the 事项 editor opened at once
    type_text(QApplication.focusWidget(), "通知汇报单位准备汇报提纲")
    QTest.keyClick(editor.windowHandle(), Qt.Key.Key_Return)
    type_cell(qtbot, editor, 1, 2, "综合科")
    type_cell(qtbot, editor, 1, DEADLINE, "会前八天半")
    cell = editor.table.item(1, DEADLINE)
    assert "无法识别" in editor.message.text() and "会前5个工作日" in cell.toolTip()  # said as typed
    assert not editor.save() and "第 2 项：时限「会前八天半」无法识别" in editor.message.text()
    assert templates.read(clerk, "专题会议")[0].current == 1  # nothing stored
    type_cell(qtbot, editor, 1, DEADLINE, "会前三个工作日")
    assert editor.message.text() == "" and cell.toolTip() == "会前3个工作日"

    last = editor.table.rowCount() - 1
    editor.table.setCurrentCell(last, TASK)
    removed = editor.table.item(last, TASK).text()
    press(editor, Qt.Key.Key_Delete)
    editor.table.setCurrentCell(1, TASK)
    press(editor, Qt.Key.Key_Up)
    assert editor.table.item(0, TASK).text() == "通知汇报单位准备汇报提纲" and editor.table.currentRow() == 0
    press(editor, Qt.Key.Key_S)

    template, items = templates.read(clerk, "专题会议")
    assert template.current == 2 and editor.saved.current == 2
    assert items[0].task == "通知汇报单位准备汇报提纲" and items[0].deadline == "会前3个工作日"
    assert items[0].owner == "综合科" and removed not in [i.task for i in items]
    assert "已保存为第 2 版；1 次未归档的会议仍用旧版本" in editor.message.text()
    assert "第 2 版" in editor.version_label.text() and not editor.dirty
    offered = meetings.new_items(clerk, meeting.id)  # the older meeting is offered, never forced
    assert [i.task for i in offered] == ["通知汇报单位准备汇报提纲"]
    assert meetings.get(clerk, meeting.id).template_version == 1


def test_the_editor_opens_from_the_tab_on_the_selected_meetings_type(tab, monkeypatch, clerk, shown):
    new_meeting(clerk, kind="党委常委会")
    tab.meetings.refresh()
    tab.meetings.ledger.table.selectRow(0)
    seen = []

    def exec_(editor):
        seen.append(editor.types.currentText())
        editor.table.item(0, TASK).setText("会前一周报送议题清单")
        return editor.save()

    monkeypatch.setattr(template_editor.TemplateEditor, "exec", exec_)
    tab.meetings.run("template_edit")
    assert seen == ["党委常委会"] and templates.read(clerk, "党委常委会")[0].current == 2
    assert "模板更新" in tab.meetings.ledger.detail.toPlainText()  # the detail panel follows the change


def test_switching_type_with_unsaved_edits_asks_first(qtbot, clerk, shown):
    editor = TemplateEditor(clerk, "常务会议")
    qtbot.addWidget(editor)
    editor.table.item(0, TASK).setText("改过的事项")
    editor.types.setCurrentText("全体会议")
    assert shown[-1][0] == "confirm" and editor.name == "全体会议" and not editor.dirty


def test_documents_of_the_selected_meeting_and_the_last_ones_follow_up(tab, clerk, monkeypatch, shown):
    first = new_meeting(clerk, "2026-06-12")
    for action in ("notify", "open", "close"):
        meetings.advance(clerk, first.id, action, override="补录")
    for step, day in (("起草", "2026-06-12"), ("审核", "2026-06-12"), ("签发", "2026-06-12")):
        minutes.record_step(clerk, first.id, step, "王秘书", day)
    decisions.add_many(clerk, first.id, [dict(matter="修改完善防汛预案", lead_unit="市应急管理局",
                                              due_on="2026-06-30")])
    second = new_meeting(clerk, "2026-06-19")
    tab.meetings.refresh()
    tab.meetings.ledger.select_record(first.id)
    text = tab.documents.view.toPlainText()
    assert "专题会议纪要〔2026〕1号，已签发" in text and "通知已发出" in text
    assert "修改完善防汛预案（牵头：市应急管理局，时限 2026-06-30）：未交办督办" in text
    fill_and_accept(monkeypatch, {})
    tab.meetings.run("hand_over")
    decision = decisions.listed(clerk, first.id)[0]
    assert decision.supervision_id is not None and "已交办" in decisions.state_text(decision)
    text = tab.documents.view.toPlainText()
    assert f"修改完善防汛预案（牵头：市应急管理局，时限 2026-06-30）：督办：{decisions.state_text(decision)}" in text
    tab.meetings.ledger.select_record(second.id)
    text = tab.documents.view.toPlainText()
    assert "上次议定事项落实情况（市政府第1次专题会议）" in text and "修改完善防汛预案" in text
    assert "尚未起草" in text and "通知未发出" in text


def test_enter_on_a_checklist_item_in_today_opens_it_on_the_meetings_tab(qtbot, clerk):
    meeting = new_meeting(clerk, "2026-06-12")  # 会前 items fall due before the pinned 06-10: red and amber
    new_meeting(clerk, "2026-06-19")  # a second meeting, so selecting the right one is no accident
    item = meetings.checklist(clerk, meeting.id)[3]
    window = window_for(qtbot, clerk)
    today = window.module_tabs["today"]
    choose(today, item.id)
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    tab = window.module_tabs["meetings"]
    assert window.tabs.currentWidget() is tab
    assert tab.meetings.ledger.selected_row().id == meeting.id
    assert tab.pages.currentWidget() is tab.checklist and tab.checklist.ledger.selected_row().id == item.id
    assert window.focusWidget() is tab.checklist.ledger.table
