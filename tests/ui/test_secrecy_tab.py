"""The 涉密人员 tab through the window: only for the 安全保密管理员; import wizard, pinyin search, the lifecycle by
its shortcuts, the lending override, reminders that open the person, and the 登记表 preview."""

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from models.core import clock
from models.core.audit import AuditEntry
from models.core.rights import Role
from models.secrecy import passports
from models.secrecy import people as secrecy
from models.secrecy import records as secrecy_records
from tests.ui.conftest import type_text
from tests.ui.test_documents_tab import fill_and_accept
from ui.main_window import MainWindow
from ui.secrecy import files
from ui.secrecy.tab import SecrecyTab
from ui.widgets import preview

SAMPLE = Path(__file__).parent.parent / "fixtures" / "涉密人员花名册-示例.xlsx"


@pytest.fixture
def sec(three):
    return three[Role.SECADMIN]


@pytest.fixture
def tab(qtbot, sec):
    widget = SecrecyTab(sec)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(page) -> list[str]:
    model = page.ledger.model
    return [model.row(r).values[0] for r in range(model.rowCount())]


def search(page, text: str) -> None:
    type_text(page.ledger.search, text)
    page.ledger.apply_filters()  # without waiting for the debounce


def test_only_the_secrecy_admin_has_the_tab(qtbot, three, clerk):
    for session, expected in ((three[Role.SECADMIN], True), (clerk, False), (three[Role.SYSADMIN], False),
                              (three[Role.AUDITOR], False)):
        window = MainWindow(session)
        qtbot.addWidget(window)
        labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert ("涉密人员" in labels) is expected, (session.username, labels)


def test_import_wizard_asks_before_creating_posts(tab, shown):
    assert files.import_roster(tab.people, tab.session, str(SAMPLE))
    confirms = [text for kind, _, text in shown if kind == "confirm"]
    assert "5 个岗位在系统中还没有" in confirms[0] and "导入这 5 人吗" in confirms[1]
    tab.people.refresh()
    assert sorted(names(tab.people)) == sorted(["周建华", "吴丽", "郑伟", "王芳", "冯军"])
    search(tab.people, "zjh")
    assert names(tab.people) == ["周建华"]
    tab.people.ledger.focus_rows()
    assert "综合文稿起草" in tab.people.ledger.detail.toPlainText()
    search(tab.people, "wufang")
    assert names(tab.people) == []
    search(tab.people, "wangfang")
    assert names(tab.people) == ["王芳"]


def test_the_lifecycle_by_shortcuts_in_the_window(qtbot, sec, monkeypatch, shown):
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    window = MainWindow(sec)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.tabs.setCurrentWidget(window.module_tabs["secrecy"])
    page = window.module_tabs["secrecy"].people

    def press(key, title: str, values: dict) -> None:
        opened = fill_and_accept(monkeypatch, values)
        QTest.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)
        assert opened and opened[0].windowTitle() == title
        assert opened[0].result() == opened[0].DialogCode.Accepted, opened[0].form.errors

    press(Qt.Key.Key_N, "登记涉密人员", {"name": "吴丽", "id_number": "420102198609232147", "unit": "秘书科"})
    assert page.ledger.selected_row().values[0] == "吴丽"  # the new person, selected though 拟任 is filtered out
    press(Qt.Key.Key_1, "登记审查", {"kind": "上岗审查", "result": "通过", "by": "组织部"})
    press(Qt.Key.Key_2, "上岗", {"posts": "机要文件收发"})
    assert secrecy.Person.get().level == "核心"
    press(Qt.Key.Key_4, "登记保密教育培训", {"topic": "保密法学习", "hours": "3"})
    press(Qt.Key.Key_5, "登记保密承诺书", {"kind": "上岗"})
    press(Qt.Key.Key_8, "证件交存", {"number": "E12345678"})
    press(Qt.Key.Key_6, "离岗、离职、退休", {"kind": "离职"})
    person = secrecy.Person.get()
    assert person.state == "declass" and person.declass_end.year == clock.today().year + 3
    assert page.ledger.model.row(0).values[9] == "脱密期中"  # short, so that it reads whole at 1366 px
    cell = page.ledger.model.index(0, 9)
    end = f"至 {person.declass_end:%Y-%m-%d}"
    assert end in page.ledger.model.data(cell, Qt.ItemDataRole.ToolTipRole)  # the end date in the tooltip
    text = page.ledger.detail.toPlainText()
    for part in ("上岗审查", "保密法学习", "E12345678", "离职", "离岗手续未完成"):
        assert part in text


def test_lending_to_someone_in_declassification_needs_a_reason(tab, sec, monkeypatch, shown):
    secrecy.add_post(sec, {"name": "机要文件收发", "unit": "秘书科", "level": "核心"})
    from tests.test_secrecy import on_post

    person = on_post(sec, post="机要文件收发", day="2024-03-01")
    item = passports.take_in(sec, person.id, {"kind": "普通护照", "number": "E12345678"})
    trip = passports.apply_trip(sec, person.id, {"destination": "日本", "purpose": "探亲", "start_on": clock.today(),
                                                 "end_on": clock.today() + timedelta(days=5)})
    passports.decide_trip(sec, trip.id, {"decision": "批准", "approved_by": "周主任"})
    secrecy.leave(sec, person.id, {"kind": "离职", "approved_on": clock.today()})
    tab.pages.setCurrentWidget(tab.cabinet)
    tab.cabinet.refresh()
    tab.cabinet.ledger.table.selectRow(0)
    opened = fill_and_accept(monkeypatch, {"approved_by": "周主任"})
    tab.cabinet.run("lend")
    assert "处于脱密期" in opened[0].form.errors["override"].text()
    assert passports.Passport.get_by_id(item.id).status == "in"
    fill_and_accept(monkeypatch, {"approved_by": "周主任", "override": "县委书记特批，探望病危亲属"})
    tab.cabinet.run("lend")
    assert passports.Passport.get_by_id(item.id).status == "out"
    assert AuditEntry.select().where(AuditEntry.action == "override").exists()
    assert "借出" in tab.cabinet.ledger.model.row(0).values[6]


def test_import_wizard_offers_the_missing_posts_even_when_another_row_must_be_fixed(tab, shown, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(SAMPLE)
    ws = book.active
    header = [c.value for c in next(r for r in ws.iter_rows() if "姓名" in [c.value for c in r])]
    bad = next(r for r in ws.iter_rows() if r[header.index("姓名")].value == "王芳")
    id_column = next(i for i, h in enumerate(header) if "身份号码" in str(h) or "身份证" in str(h))
    bad[id_column].value = "420102198609232140"  # a wrong check digit
    path = tmp_path / "花名册-一处错.xlsx"
    book.save(path)
    assert not files.import_roster(tab.people, tab.session, str(path))
    kinds = [kind for kind, _, _ in shown]
    assert kinds == ["confirm", "warn"]  # asked about the posts first, then told what to fix
    assert "5 个岗位在系统中还没有" in shown[0][2]
    told = shown[1][2]
    assert "在系统中不存在" not in told and "--create-posts" not in told and "命令行" not in told
    assert "第 5 行：公民身份号码校验位不符" in told and "有问题 1 行" in told  # only what she must fix in Excel
    assert "岗位尚未新建" in told and secrecy.Post.select().count() == 0 and secrecy.Person.select().count() == 0


def test_reminders_open_the_person_and_rules_are_the_secadmins(tab, sec, monkeypatch, shown):
    files.import_roster(tab.people, sec, str(SAMPLE))
    tab.update_reminder_count()
    assert tab.pages.tabText(3).startswith("提醒（")
    tab.pages.setCurrentWidget(tab.reminders)
    page = tab.reminders
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "王芳"
               and page.table.item(r, 0).text() == "承诺书")
    page.table.selectRow(row)
    page.open_selected()
    assert tab.pages.currentWidget() is tab.people and tab.people.ledger.selected_row().values[0] == "王芳"
    fill_and_accept(monkeypatch, {"training_hours": "12"})
    page.rules()
    assert secrecy_records.hours_check(secrecy.Person.get(secrecy.Person.name == "王芳")).required == 12


def test_the_registration_form_previews(tab, sec, monkeypatch, shown):
    files.import_roster(tab.people, sec, str(SAMPLE))
    tab.people.refresh()
    tab.people.ledger.table.selectRow(0)
    previews = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda dialog: previews.append(dialog) or 0)
    tab.action_print()
    assert previews and previews[0].windowTitle().startswith("涉密人员登记表-")
    # a preview is not an export: it is audited as a print once the printer takes it
    assert not AuditEntry.select().where(AuditEntry.action == "export").exists()
    from models.core import previews as preview_files

    assert preview_files.print_record(previews[0].pdf)[2].startswith("personnel-form:")


def test_empty_posts_and_reminders_say_what_to_do(tab, shown):
    from ui.secrecy.tables import empty_hint

    tab.pages.setCurrentWidget(tab.posts)
    hint = empty_hint(tab.posts.table)
    assert hint.isVisible() and "按 Ctrl+N 新增岗位" in hint.text()
    assert hint.width() == tab.posts.table.viewport().width()
    tab.pages.setCurrentWidget(tab.reminders)
    hint = empty_hint(tab.reminders.table)
    assert hint.isVisible() and "没有需要办理的提醒" in hint.text()
    files.import_roster(tab.people, tab.session, str(SAMPLE))
    tab.pages.setCurrentWidget(tab.posts)
    assert tab.posts.table.rowCount() == 5 and not empty_hint(tab.posts.table).isVisible()


def test_an_empty_roster_export_says_so(tab, shown, monkeypatch, qtbot, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (list(files.TABLES)[0], True))
    monkeypatch.setattr(files, "save_path", lambda *a: str(tmp_path / "花名册.xlsx"))
    files.export_tables(tab.people, tab.session)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0][0] == "info" and "没有可导出的行" in shown[0][2] and "（无）" in shown[0][2]
    assert (tmp_path / "花名册.xlsx").exists()


def test_the_roster_export_runs_in_the_background_and_says_where(tab, shown, monkeypatch, qtbot, tmp_path):
    from PySide6.QtWidgets import QInputDialog, QProgressDialog

    files.import_roster(tab.people, tab.session, str(SAMPLE))
    shown.clear()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (list(files.TABLES)[0], True))
    monkeypatch.setattr(files, "save_path", lambda *a: str(tmp_path / "花名册.xlsx"))
    files.export_tables(tab.people, tab.session)
    assert tab.people.findChild(QProgressDialog) is not None  # the delayed busy indicator, not a frozen window
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown[0][0] == "info" and "已导出 5 行" in shown[0][2] and (tmp_path / "花名册.xlsx").stat().st_size > 1000


def test_the_roster_import_reads_and_writes_off_the_gui_thread(tab, shown, monkeypatch):
    import threading

    from importers import personnel_import

    threads = []
    real = personnel_import.run
    monkeypatch.setattr(personnel_import, "run", lambda *a, **k: threads.append(threading.current_thread()) or
                        real(*a, **k))
    assert files.import_roster(tab.people, tab.session, str(SAMPLE))
    assert len(threads) >= 2 and threading.main_thread() not in threads  # the dry run and the import
    assert secrecy.Person.select().count() == 5
