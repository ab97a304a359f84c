"""Every error is seen: an uncaught exception shows a Chinese message, goes to the crash log, and the window goes on;
nothing is audited as exported or printed unless it really was."""

import errno
import stat
import threading

import pytest
from PySide6.QtWidgets import QWidget

import exporters.documents
from models.core import clock, paths
from models.core.audit import AuditEntry
from models.core.errors import SanbanError
from models.documents import incoming as documents
from ui import crash


@pytest.fixture
def handler():
    installed = crash.install()
    yield installed
    installed.uninstall()


def crash_log() -> str:
    return (paths.log_dir() / f"crash-{clock.today():%Y-%m-%d}.log").read_text(encoding="utf-8")


def exported_or_printed() -> int:
    return AuditEntry.select().where(AuditEntry.action.in_(("export", "print"))).count()


def test_an_error_in_a_slot_is_shown_and_logged_and_the_window_goes_on(qtbot, clerk, shown, monkeypatch, handler):
    from ui.documents.tab import DocumentsTab
    from ui.main_window import MainWindow

    window = MainWindow(clerk)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.module_tabs["documents"])

    def broken(page) -> None:
        raise RuntimeError("出错的查找")

    monkeypatch.setattr(DocumentsTab, "action_find", broken)
    window.actions_by_name["find"].trigger()  # 编辑 → 查找: a slot

    kind, title, text = shown[-1]
    assert (kind, title) == ("crash", "出错了")
    log = paths.log_dir() / f"crash-{clock.today():%Y-%m-%d}.log"
    assert "已保存的数据不受影响，可以继续使用" in text and str(log) in text
    assert "Traceback" not in text and "RuntimeError" not in text  # the traceback is in the log, not the box
    assert "Traceback" in crash_log() and "RuntimeError: 出错的查找" in crash_log()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.log_dir().stat().st_mode) == 0o700

    monkeypatch.undo()  # the window is still usable: the next Ctrl+F works
    window.actions_by_name["find"].trigger()
    assert len([s for s in shown if s[0] == "crash"]) == 1
    assert window.module_tabs["documents"].incoming.ledger.search.hasFocus() or not window.isActiveWindow()


def test_an_error_in_a_thread_reaches_the_window(qtbot, clerk, shown, handler):
    def fail() -> None:
        raise ValueError("线程出错")

    thread = threading.Thread(target=fail, name="测试线程")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: any(s[0] == "crash" for s in shown))
    assert "ValueError: 线程出错" in crash_log() and "测试线程" in crash_log()


@pytest.mark.parametrize("error, says", [(KeyError("x"), "错误日志"), (PermissionError(13, "denied", "/x/y.xlsx"),
                                                                          "无法读写「/x/y.xlsx」：没有写入权限")])
def test_a_workers_unexpected_error_reaches_its_callback_in_chinese(qtbot, database, error, says):
    from ui.workers import run_in_background

    parent = QWidget()
    qtbot.addWidget(parent)
    got: list = []

    def operation(progress, cancelled):
        raise error

    run_in_background(parent, "测试", operation, lambda result, failure: got.append(failure))
    qtbot.waitUntil(lambda: bool(got))
    assert isinstance(got[0], SanbanError) and says in got[0].message
    if isinstance(error, KeyError):
        assert "KeyError" in crash_log()


def test_an_export_that_cannot_be_written_is_not_audited(qtbot, clerk, shown, monkeypatch, tmp_path):
    from ui.documents.incoming_page import IncomingPage
    from ui.widgets import preview

    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "title": "关于甲的通知"})
    page = IncomingPage(clerk)
    qtbot.addWidget(page)
    before = exported_or_printed()
    target = tmp_path / "收文.xlsx"

    def disk_full(*args) -> int:
        target.write_bytes(b"PK")  # half written, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(exporters.documents, "write_ledger", disk_full)
    monkeypatch.setattr(preview, "save_path", lambda *args: str(target))
    page.export_view()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[-1][0] == "warn" and "磁盘空间已满" in shown[-1][2]
    assert exported_or_printed() == before


def test_a_preview_is_audited_as_a_print_only_when_the_printer_took_it(qtbot, clerk, shown, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from ui.documents.incoming_page import IncomingPage
    from ui.widgets import preview

    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委办公室", "title": "关于甲的通知"})
    page = IncomingPage(clerk)
    qtbot.addWidget(page)
    opened = []
    monkeypatch.setattr(preview.PreviewDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    before = exported_or_printed()
    page.print_view()  # what is on screen, in the preview
    dialog = opened[0]
    assert exported_or_printed() == before  # shown on screen: neither exported nor printed

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "missing" / "folder" / "out.pdf"))
    assert not dialog.send(printer)  # the printer refused: nothing audited
    assert exported_or_printed() == before

    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    assert dialog.send(printer)
    entry = AuditEntry.select().where(AuditEntry.action == "print").get()
    assert "打印" in entry.summary and "1 条" in entry.summary
