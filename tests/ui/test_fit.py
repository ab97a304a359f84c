"""Everything fits the available screen (the offscreen screen here is 800×800; the screenshots cover 1366×768)."""

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton

from ui.widgets.screen_fit import FRAME, available
from ui.widgets.step_dialog import StepDialog
from ui.widgets.step_fields import Field


def inside(widget) -> bool:
    room = available(widget)
    return widget.height() + FRAME[1] <= room.height() and widget.width() + FRAME[0] <= room.width()


def test_a_long_form_scrolls_inside_a_dialog_that_fits(qtbot):
    dialog = StepDialog("登记", [Field(f"f{n}", f"第{n}项") for n in range(40)], lambda values: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert inside(dialog) and dialog.scroll.verticalScrollBar().isVisible()
    for button in dialog.findChildren(QPushButton):  # 确定 and 取消 on screen
        assert button.mapTo(dialog, QPoint(0, button.height())).y() <= dialog.height()


def test_a_short_form_does_not_scroll(qtbot):
    dialog = StepDialog("登记", [Field("a", "标题"), Field("b", "来文单位")], lambda values: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.scroll.verticalScrollBar().isVisible()


def test_the_print_preview_fits(qtbot, tmp_path):
    from ui.widgets.preview import PreviewDialog

    dialog = PreviewDialog(tmp_path / "无.pdf", "预览", lambda: None)
    qtbot.addWidget(dialog)
    assert inside(dialog)  # was fixed at 720×900: 打印 / 另存为 / 关闭 below the screen's edge


def test_the_main_window_opens_inside_the_screen(qtbot, three):
    from models.core.rights import Role
    from ui.main_window import MainWindow

    window = MainWindow(three[Role.AUDITOR])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    room = available(window)
    assert window.height() + FRAME[1] <= room.height()  # the status bar is on screen
    assert window.height() >= room.height() * 0.8  # and the room is used


def test_a_preview_that_cannot_load_says_so(qtbot, tmp_path, monkeypatch):
    from ui import messages
    from ui.widgets.preview import PreviewDialog

    seen = []
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: seen.append(text))
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"not a pdf")
    dialog = PreviewDialog(broken, "预览", lambda: None)
    qtbot.addWidget(dialog)
    assert dialog.exec() == 0 and "打印预览无法显示" in seen[0]


def test_setup_keeps_its_groups_level_when_an_error_shows(qtbot, database):
    from PySide6.QtCore import Qt

    from models.core.rights import Role
    from tests.ui.test_setup_and_login import GOOD, fill_setup
    from ui.setup_dialog import SetupDialog

    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert inside(dialog)

    def places():
        return [form.fields["confirm"].mapTo(dialog, QPoint(0, 0)) for form in dialog.forms.values()]

    before = places()
    fill_setup(dialog, passwords={**GOOD, Role.AUDITOR: "short"})
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.forms[Role.AUDITOR].errors["password"].isHidden()
    qtbot.wait(10)
    after = places()
    assert after[:2] == before[:2]  # the other two groups did not move down, up or aside
    assert after[2].x() == before[2].x()


def test_a_dialog_larger_than_the_screen_or_off_it_is_brought_back(qtbot):
    from ui.documents.files import ExportDialog

    dialog = ExportDialog(("incoming-ledger",))
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(0, 0)
    dialog.resize(3000, 3000)
    dialog.move(4000, 4000)  # saved on a larger monitor
    dialog.show()
    qtbot.waitExposed(dialog)
    room = available(dialog)
    assert inside(dialog) and room.contains(dialog.frameGeometry().topLeft())


def test_the_brief_composer_fits(qtbot, duty):
    from models.core import clock
    from ui.duty.brief_dialog import BriefDialog

    dialog = BriefDialog.for_day(duty, clock.today())
    qtbot.addWidget(dialog)
    assert inside(dialog)  # was resized to 960×720 whatever the screen


def test_a_full_filter_bar_wraps_so_its_date_boxes_show_their_placeholder(qtbot, clerk):
    from PySide6.QtWidgets import QLineEdit

    from ui.documents.incoming_page import IncomingPage

    page = IncomingPage(clerk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    view = page.ledger
    assert view.filters_wrapped  # eight filters do not fit beside the search box on this screen
    dates = [w for w in view.filter_widgets.values() if isinstance(w, QLineEdit)]
    assert dates and all(w.width() >= w.fontMetrics().horizontalAdvance(w.placeholderText()) for w in dates)
    assert page.minimumSizeHint().width() + FRAME[0] <= 1366 - 200  # fits a 1366 px screen, beside a list


def test_a_wide_search_box_counts_when_the_filter_bar_decides_to_wrap(qtbot, clerk, monkeypatch):
    """督办's search box keeps its placeholder's width (460 px): counted by its size hint alone (125 px) the bar was
    judged to fit a 1366 px screen, and the page widened the main window to 1378 px."""
    from PySide6.QtCore import QRect

    from ui.supervision.ledger_page import SupervisionPage
    from ui.widgets import screen_fit

    monkeypatch.setattr(screen_fit, "available", lambda widget=None: QRect(0, 0, 1366, 728))
    page = SupervisionPage(clerk)
    qtbot.addWidget(page)
    view = page.ledger
    assert view.search.minimumWidth() > view.search.sizeHint().width()
    assert view.filters_wrapped
    assert page.minimumSizeHint().width() + FRAME[0] <= int(1366 * 0.92)
