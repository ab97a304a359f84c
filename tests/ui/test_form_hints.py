"""Multi-line fields say how to confirm: Enter adds a line there, Ctrl+Enter is 确定."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.widgets.step_dialog import Field, StepDialog


def test_a_text_box_says_ctrl_enter_confirms_and_ctrl_enter_does(qtbot):
    saved = []
    dialog = StepDialog("批示", [Field("who", "领导"), Field("note", "批示内容", kind="text")], saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Ctrl+Enter 确定" in dialog.form.hints["note"].text() and not dialog.form.hints["note"].isHidden()
    assert "who" not in dialog.form.hints  # a one-line field confirms with Enter already
    box = dialog.widgets["note"]
    box.setFocus()
    qtbot.keyClicks(box, "line one")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not saved and box.toPlainText() == "line one\n"  # Enter adds a line
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # via shortcuts
    assert saved == [{"who": "", "note": "line one\n"}]


def test_dialog_buttons_say_what_they_do_and_only_the_first_runs_the_check(qtbot):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from ui.form import dialog_buttons

    dialog, checked = QDialog(), []
    qtbot.addWidget(dialog)
    buttons = dialog_buttons(dialog, "解锁", "取消", lambda: checked.append(True))
    labels = {buttons.buttonRole(b): b.text() for b in buttons.buttons()}
    assert labels == {QDialogButtonBox.ButtonRole.AcceptRole: "解锁", QDialogButtonBox.ButtonRole.RejectRole: "取消"}
    dialog.show()
    next(b for b in buttons.buttons() if b.text() == "解锁").click()
    assert checked == [True] and dialog.isVisible()  # the check decides whether the dialog closes
    next(b for b in buttons.buttons() if b.text() == "取消").click()
    assert checked == [True] and not dialog.isVisible()
