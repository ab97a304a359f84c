"""系统管理员: backup and restore, run in the background with progress."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from models.core import backup, clock, db, settings
from models.core.errors import SanbanError
from ui import messages
from ui.workers import run_in_background


class BackupPage(QWidget):
    restored = Signal()  # the database was replaced: the window asks everyone to log in again

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        where = QLabel(self.tr("当前数据库：") + db.describe())
        where.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("备份到…"))
        self.backup_button.clicked.connect(self.choose_backup)
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.restore_button.clicked.connect(self.choose_restore)
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("设置自动备份文件夹…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.result = QLabel()
        self.result.setWordWrap(True)
        note = QLabel(self.tr(
            "备份可在其他人使用时进行，完成后自动做完整性校验。恢复会先把当前数据库另存一份，再用备份替换；"
            "恢复后所有人需要重新登录。备份文件含有全部数据，请按涉密载体管理。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        for widget in (where, self.backup_button, self.restore_button, self.schedule, self.folder_button, self.result,
                       note):
            # a button as wide as its words, at the left; not a 1,170 px bar across the page
            if isinstance(widget, QPushButton):
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                layout.addWidget(widget)
        layout.addStretch(1)
        self.show_schedule()

    def show_schedule(self) -> None:
        folder = settings.get_text("backup_folder")
        if not folder:
            self.schedule.setText(self.tr("自动备份：未设置。设置文件夹后，每天打开程序时（或由操作系统计划任务运行 "
                                          "backup --scheduled）自动备份一份，保留近 7 天、4 周、12 个月。"))
            return
        latest = backup.latest_scheduled()
        self.schedule.setText(self.tr("自动备份：每天一份到「%1」，保留近 7 天、4 周、12 个月。最近一份：%2")
                              .replace("%1", folder).replace("%2", latest.name if latest else self.tr("还没有")))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("自动备份文件夹"), settings.get_text("backup_folder"))
        if not path:
            return
        try:
            settings.set_text(self.session, "backup_folder", path)
        except SanbanError as exc:
            self._failed(self.tr("自动备份文件夹"), exc)
            return
        self.show_schedule()

    def choose_backup(self) -> None:
        name = f"三办备份-{clock.now():%Y%m%d-%H%M}.db"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("备份到"), name, self.tr("三办数据库 (*.db)"))
        if path:
            self.start_backup(path)

    def start_backup(self, path: str) -> None:
        run_in_background(self, self.tr("正在备份…"),
                          lambda progress, cancelled: backup.backup(self.session, path, progress),
                          self._backup_done)

    def _backup_done(self, result, error) -> None:
        if error is not None:
            self._failed(self.tr("备份失败"), error)
            return
        self.result.setStyleSheet("color: #1d6b2f;")
        self.result.setText(self.tr("已备份到 %1（%2 KB），完整性校验通过。")
                            .replace("%1", str(result.path)).replace("%2", f"{result.size / 1024:.0f}"))

    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), "", self.tr("三办数据库 (*.db)"))
        if path and messages.confirm(self, self.tr("从备份恢复"), self.tr(
                "当前数据将被备份中的数据替换（当前数据库会先另存一份）。确定恢复吗？")):
            self.start_restore(path)

    def start_restore(self, path: str) -> None:
        run_in_background(self, self.tr("正在恢复…"),
                          lambda progress, cancelled: backup.restore(self.session, path, progress),
                          self._restore_done)

    def _restore_done(self, result, error) -> None:
        if error is not None:
            self._failed(self.tr("恢复失败"), error)
            return
        messages.info(self, self.tr("恢复完成"), self.tr("已从 %1 恢复。恢复前的数据库另存为 %2。请重新登录。")
                      .replace("%1", str(result.restored_from)).replace("%2", str(result.previous_copy)))
        self.restored.emit()

    def _failed(self, title: str, error: BaseException) -> None:
        text = error.message if isinstance(error, SanbanError) else self.tr("内部错误：") + str(error)
        self.result.setStyleSheet("color: #b42318;")
        self.result.setText(text)
        messages.warn(self, title, text)
