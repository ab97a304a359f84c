"""Print previews live in a private folder under the data folder and are gone once the preview closes; the daily
backup runs at window start."""

import pytest

from models.core import clock, paths, previews, settings
from models.core.rights import Role
from models.documents import incoming as documents
from ui.app import start_scheduled_backup
from ui.documents.tab import DocumentsTab
from ui.widgets.preview import PreviewDialog


def test_closing_the_preview_removes_its_pdf(qtbot, clerk):
    from exporters.documents import export_ledger

    pdf = previews.new_file("收文登记簿-2026.pdf")
    export_ledger(clerk, "incoming-ledger", pdf, 2026)
    dialog = PreviewDialog(pdf, "收文登记簿", lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert pdf.exists()
    dialog.reject()
    assert not pdf.exists() and not pdf.parent.exists()


def test_the_ledger_preview_is_written_under_the_data_folder_not_the_system_temp(qtbot, clerk, monkeypatch):
    from ui.documents import files

    tab = DocumentsTab(clerk)
    qtbot.addWidget(tab)
    documents.register(clerk, {"received_on": clock.today(), "source_org": "市委", "title": "关于甲的通知"})
    seen = []

    def shown_then_closed(dialog):
        seen.append((dialog.pdf, dialog.pdf.read_bytes()[:4]))
        dialog.reject()

    monkeypatch.setattr(files.ExportDialog, "exec", lambda self: True)
    monkeypatch.setattr(files.PreviewDialog, "exec", shown_then_closed)
    tab.incoming.run("print_ledger")
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    pdf, head = seen[0]
    assert head == b"%PDF" and pdf.parent.parent == paths.preview_dir()
    assert not pdf.exists()


@pytest.mark.sqlite_only
def test_the_daily_backup_runs_at_window_start(three, tmp_path):
    folder = tmp_path / "自动备份"
    folder.mkdir()
    settings.set_text(three[Role.SYSADMIN], "backup_folder", str(folder))
    start_scheduled_backup().join(timeout=30)
    assert (folder / f"三办自动备份-{clock.today():%Y%m%d}.db").exists()


@pytest.mark.sqlite_only
def test_the_sysadmin_chooses_the_daily_backup_folder_on_the_backup_page(qtbot, three, tmp_path, monkeypatch):
    from ui.system import backup_page

    page = backup_page.BackupPage(three[Role.SYSADMIN])
    qtbot.addWidget(page)
    assert "未设置" in page.schedule.text()
    monkeypatch.setattr(backup_page.QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path))
    page.choose_folder()
    assert settings.get_text("backup_folder") == str(tmp_path)
    assert str(tmp_path) in page.schedule.text() and "还没有" in page.schedule.text()
    start_scheduled_backup().join(timeout=30)
    page.show_schedule()
    assert f"三办自动备份-{clock.today():%Y%m%d}.db" in page.schedule.text()


def test_a_refused_preview_says_why_and_leaves_no_file_and_save_to_says_where(qtbot, shown, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QWidget

    from models.core.errors import ValidationError
    from ui.widgets import preview

    parent = QWidget()
    qtbot.addWidget(parent)
    written: list = []

    def refuse(pdf):
        written.append(pdf)
        raise ValidationError("id", "该记录已作废，不能打印。")

    preview.preview_file(parent, "催办单.pdf", refuse, lambda _: "催办单", lambda: None, "打印")
    assert shown == [("warn", "打印", "该记录已作废，不能打印。")] and not written[0].exists()
    shown.clear()
    target = tmp_path / "催办单.docx"
    monkeypatch.setattr(preview, "save_path", lambda *a: "")
    assert preview.save_to(parent, "另存为", "催办单.docx", "Word 文件 (*.docx)", written.append) == ""
    monkeypatch.setattr(preview, "save_path", lambda *a: str(target))
    assert preview.save_to(parent, "另存为", "催办单.docx", "Word 文件 (*.docx)", refuse) == ""
    assert preview.save_to(parent, "另存为", "催办单.docx", "Word 文件 (*.docx)", written.append) == str(target)
    assert written[-1] == str(target) and len(written) == 3  # not written when the dialog was cancelled
    assert shown == [("warn", "另存为", "该记录已作废，不能打印。"), ("info", "另存为", f"已保存到 {target}")]
