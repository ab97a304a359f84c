"""The main window: tabs for the modules the user's roles open, menus, status bar, idle lock."""

from functools import partial

from PySide6.QtCore import QCoreApplication, QEventLoop, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from models.core import accounts, db, modules, settings
from models.core.manifest import resolve
from models.core.rights import Right, allowed
from ui import account_state, messages
from ui.idle import IdleWatcher, LockPage
from ui.login_dialog import PasswordDialog
from ui.startup import keep_loaded
from ui.widgets.lazy_tabs import LazyTabs

SHORTCUTS = """Ctrl+N 新建　Ctrl+F 查找　Ctrl+P 打印　Ctrl+E 导出
Ctrl+1…8 当前页面的办理步骤（见工具栏提示）　Alt+1…9 切换标签页
Ctrl+L 锁定　Ctrl+Q 退出"""

keep_loaded()  # the platform's modules (models.core, peewee, the log-in and this window) are all loaded by now


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, session: accounts.Session) -> None:
        super().__init__()
        self.session = session
        account_state.set_account(session.username)  # before any page reads its columns and filters
        self.setWindowTitle(self.tr("三办 — %1").replace("%1", session.display_name))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Each tab's widget is built, and its ui module imported, when the tab is first shown or asked for.
        self.module_tabs = LazyTabs(self.tabs, built=self._tab_built)  # before the menus watch the current tab
        for manifest, tab in modules.tabs():  # the modules' manifests say which tabs exist and who sees them
            if tab.right and not allowed(session, tab.right):
                continue  # e.g. 涉密人员 exists only for the 安全保密管理员
            self.module_tabs.add(manifest.name, tab.label, partial(self._make_tab, tab.widget))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self._lock_page: LockPage | None = None  # built at the first lock
        self.setCentralWidget(self.stack)
        self._menus()
        self._status_bar()
        self.idle = IdleWatcher(settings.get("idle_lock_minutes"), self)
        self.idle.idle.connect(self.lock)
        self._place()

    def _place(self) -> None:
        """Where this account left the window, kept inside the screen; else most of the screen: a 1366×768 laptop
        shows the status bar, a 1920×1080 monitor gives the ledgers their room."""
        from ui.widgets import screen_fit

        geometry = account_state.settings().value("window/geometry")
        if geometry is not None and self.restoreGeometry(geometry):
            if not self.isMaximized():
                screen_fit.clamp(self)
            return
        screen_fit.share(self, 0.92)

    @property
    def system_tab(self) -> QWidget:
        return self.module_tabs["core"]

    @property
    def lock_page(self) -> LockPage:
        if self._lock_page is None:
            self._lock_page = LockPage(self.session)
            self._lock_page.unlocked.connect(self.unlock)
            self._lock_page.switch_user.connect(self.logout)
            self.stack.addWidget(self._lock_page)
        return self._lock_page

    def _make_tab(self, reference: str) -> QWidget:
        return resolve(reference)(self.session)

    def _tab_built(self, name: str, widget: QWidget) -> None:
        if name == "core":
            widget.restored.connect(self._after_restore)
            widget.change_password.connect(self.change_password)
        if hasattr(widget, "open_item"):  # 今日: an item opens on its module's tab
            widget.open_item.connect(self.open_item)
        if hasattr(widget, "title_changed"):  # a tab that counts what it holds: 「今日（5）」, from its first show
            widget.title_changed.connect(lambda text, w=widget: self.tabs.setTabText(self.tabs.indexOf(w), text))

    def open_item(self, item) -> None:
        """Show a due item on its module's tab, which selects the page and the record (`open_record`)."""
        if item.module not in self.module_tabs:  # a module this user has no tab for
            return
        tab = self.module_tabs[item.module]
        self.tabs.setCurrentWidget(tab)
        if hasattr(tab, "open_record"):
            tab.open_record(item.kind, item.record_id, item.page)

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("文件(&F)"))
        if allowed(self.session, Right.BACKUP):
            backup = file.addAction(self.tr("备份数据库…"))
            backup.triggered.connect(lambda: self._open_page(self.tr("备份与恢复")))
        lock = file.addAction(self.tr("锁定(&L)"))
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(lambda: self.lock(by_hand=True))
        logout = file.addAction(self.tr("退出登录"))
        logout.triggered.connect(self.logout)
        file.addSeparator()
        quit_action = file.addAction(self.tr("退出(&Q)"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        edit = bar.addMenu(self.tr("编辑(&E)"))
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, key in (("new", self.tr("新建"), QKeySequence.StandardKey.New),
                                ("find", self.tr("查找"), QKeySequence.StandardKey.Find),
                                ("print", self.tr("打印…"), QKeySequence.StandardKey.Print),
                                ("export", self.tr("导出…"), QKeySequence("Ctrl+E"))):
            action = edit.addAction(text)
            action.setShortcut(key)
            action.triggered.connect(lambda _=False, n=name: self._dispatch(n))
            self.actions_by_name[name] = action
        edit.addSeparator()
        password = edit.addAction(self.tr("修改密码…"))
        password.triggered.connect(self.change_password)
        self.tabs.currentChanged.connect(lambda _: self._update_actions())
        self._update_actions()

        view = bar.addMenu(self.tr("视图(&V)"))
        for number in range(self.tabs.count()):
            action = view.addAction(self.tabs.tabText(number))
            action.setShortcut(QKeySequence(f"Alt+{number + 1}"))  # Ctrl+digit belongs to the pages' steps
            action.triggered.connect(lambda _=False, n=number: self.tabs.setCurrentIndex(n))

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        keys = help_menu.addAction(self.tr("快捷键"))
        keys.triggered.connect(lambda: messages.info(self, self.tr("快捷键"), SHORTCUTS))
        about = help_menu.addAction(self.tr("关于三办"))
        about.triggered.connect(lambda: messages.info(self, self.tr("关于三办"), self.tr(
            "三办 0.1 — 党委、政府办公室的办文、办会、办事工作台。\n全部数据保存在本机或本单位服务器，不连接互联网。")))

    def _status_bar(self) -> None:
        self.user_label = QLabel(self.tr("用户：%1（%2）").replace("%1", self.session.display_name)
                                 .replace("%2", self.session.role_text()))
        self.db_label = QLabel(self.tr("数据库：") + db.describe())
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        db.on_wait(self.show_waiting)  # another workstation's long write: say so instead of freezing silently

    def show_waiting(self) -> None:
        """Called by models/ when a write must wait for another workstation: show it before the wait goes on."""
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return  # a background worker's wait: widgets belong to the GUI thread
        self.statusBar().showMessage(self.tr(db.WAITING_TEXT), 15_000)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # paint it now

    def _current_handler(self, name: str):
        """A tab offers an action by having a method of that name (new / find / print / export)."""
        page = self.tabs.currentWidget()
        return getattr(page, f"action_{name}", None)

    def _update_actions(self) -> None:
        for name, action in self.actions_by_name.items():
            action.setEnabled(self._current_handler(name) is not None)

    def _dispatch(self, name: str) -> None:
        handler = self._current_handler(name)
        if handler is not None:
            handler()

    def _open_page(self, title: str) -> None:
        self.tabs.setCurrentWidget(self.system_tab)
        self.system_tab.show_page(title)

    def lock(self, by_hand: bool = False) -> None:
        if self._lock_page is not None and self.stack.currentWidget() is self._lock_page:
            return
        self.idle.pause()
        self.lock_page.set_reason(by_hand)
        self.stack.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)
        self.lock_page.password.setFocus()
        accounts.record_session_event(self.session, "session_locked",
                                      "手动锁定" if by_hand else "长时间未操作，自动锁定")

    def unlock(self) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.menuBar().setEnabled(True)
        self.idle.resume()

    def change_password(self) -> None:
        dialog = PasswordDialog(self.session, parent=self)
        if dialog.exec():
            self.session = dialog.session
            messages.info(self, self.tr("修改密码"), self.tr("密码已修改。"))

    def logout(self) -> None:
        accounts.record_session_event(self.session, "logout", "退出登录")
        self._leaving = True
        self.close()
        self.logout_requested.emit()

    def _after_restore(self) -> None:
        self._leaving = True
        self.close()
        self.logout_requested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802
        account_state.settings().setValue("window/geometry", self.saveGeometry())
        self.idle.pause()
        db.on_wait(None)
        if not getattr(self, "_leaving", False):
            accounts.record_session_event(self.session, "logout", "关闭窗口")
        super().closeEvent(event)
