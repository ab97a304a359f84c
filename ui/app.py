"""Starting the window: fonts, the setup dialog on an empty database, log-in, then the main window."""

import logging
import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from models.core import accounts, db, previews, settings
from models.core.errors import SanbanError
from ui import messages
from ui.login_dialog import LoginDialog, PasswordDialog

# Office machines: Windows has 微软雅黑/宋体; Kylin and UOS ship Noto or WenQuanYi; Xvfb test boxes WenQuanYi.
CJK_FAMILIES = ("Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "SimSun", "宋体", "Droid Sans Fallback")


def configure(app: QApplication) -> None:
    QCoreApplication.setOrganizationName("Sanban")
    QCoreApplication.setApplicationName("Sanban")
    load_qt_chinese(app)
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            app.setFont(QFont(family, 10))
            break


def load_qt_chinese(app: QApplication):
    """Qt's own dialogs and buttons (确定/取消, the file dialog) in Chinese: the translations PySide6 ships."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)  # parented, so it lives as long as the application
    if not translator.load("qtbase_zh_CN", folder) or not app.installTranslator(translator):
        return None
    return translator


class Shell:
    """Moves between setup, log-in and the main window for the life of the program."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.window = None  # the MainWindow, once someone has logged in

    def start(self) -> bool:
        if not accounts.is_initialised():
            from ui.setup_dialog import SetupDialog  # once per installation

            setup = SetupDialog()
            if not setup.exec():
                return False
            if setup.demo_report:
                messages.info(None, setup.tr("演示数据"), "\n".join(setup.demo_report))
        return self.login()

    def login(self, username: str = "") -> bool:
        while True:
            dialog = LoginDialog(username=username)
            if not dialog.exec():
                return False
            session = dialog.session
            if session.must_change_password:
                change = PasswordDialog(session, forced=True)
                if not change.exec():
                    accounts.record_session_event(session, "logout", "未修改密码，退出")
                    continue
                session = change.session
            from ui.main_window import MainWindow  # after the log-in dialog is up: it paints first

            window = MainWindow(session)
            window.logout_requested.connect(self._relogin)
            window.show()
            if self.window is not None:
                # the window of whoever logged out: deleted once its own slots have returned, not kept alive (its 今日
                # went on re-reading the agenda of an ended session at every change) nor freed by a collection mid-slot
                self.window.deleteLater()
            self.window = window
            return True

    def _relogin(self) -> None:
        if not self.login():
            self.app.quit()


def start_scheduled_backup() -> threading.Thread:
    """Today's automatic backup, off the GUI thread (once a day; nothing when no folder is set or on PostgreSQL)."""

    def run() -> None:
        from models.core import backup

        try:
            if db.is_sqlite() and settings.get_text("backup_folder"):
                backup.scheduled_backup()
        except SanbanError as exc:  # e.g. the USB disk is not plugged in: the 系统管理员 sees it in 备份与恢复
            logging.warning("自动备份未完成：%s", exc.message)
        except Exception:
            logging.exception("自动备份失败")
        finally:
            db.close()  # this thread's connection

    thread = threading.Thread(target=run, name="scheduled-backup", daemon=True)
    thread.start()
    return thread


def run_window(db_url: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    from ui import crash

    crash.install()  # before any window: an error from the first dialog on is shown and logged
    previews.remove_leftovers()  # the previews a crash or a kill left behind
    try:
        db.connect(db_url)
    except SanbanError as exc:
        messages.error(None, "三办", exc.message)
        return 1
    start_scheduled_backup()
    shell = Shell(app)
    if not shell.start():
        return 0
    return app.exec()
