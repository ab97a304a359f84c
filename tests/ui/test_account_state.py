"""What the window remembers belongs to the account, not to the operating-system user of the workstation."""

from models.core import clock
from models.documents import incoming as documents
from tests.conftest import business_user
from tests.ui.conftest import type_text
from ui.main_window import MainWindow


def open_window(qtbot, session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.module_tabs["documents"])
    return window


def test_a_second_account_on_the_same_workstation_starts_clean(qtbot, clerk, three):
    for title in ("关于2025年度部门决算的通知", "关于防汛工作的通知"):
        documents.register(clerk, {"received_on": clock.today(), "source_org": "市财政局", "title": title})
    other = business_user(three, "lisi", "李四", "clerk")

    window = open_window(qtbot, clerk)
    ledger = window.module_tabs["documents"].incoming.ledger
    type_text(ledger.search, "决算")
    ledger.apply_filters()
    ledger.save_search("决算文件")
    ledger.table.horizontalHeader().resizeSection(2, 333)
    window.resize(window.width(), 500)
    assert ledger.count_label.text() == "共 1 条"
    window.close()

    second = open_window(qtbot, other)
    ledger = second.module_tabs["documents"].incoming.ledger
    assert ledger.search.text() == "" and ledger.count_label.text() == "共 2 条"
    assert ledger.saved_searches() == {}
    assert ledger.table.horizontalHeader().sectionSize(2) != 333
    assert second.height() != 500
    second.close()

    again = open_window(qtbot, clerk)  # and the first account finds its own again
    ledger = again.module_tabs["documents"].incoming.ledger
    assert ledger.search.text() == "决算" and ledger.count_label.text() == "共 1 条"
    assert list(ledger.saved_searches()) == ["决算文件"]
    assert ledger.table.horizontalHeader().sectionSize(2) == 333
    assert again.height() == 500
