"""One way to run long work (backup, restore, import, export) off the GUI thread.

The operation never touches a widget; it gets a `progress(done, total)` callable and a `cancelled()` check.
Its result or its error always comes back to the GUI thread. The progress dialog appears only if the work
takes longer than 600 ms, with a Cancel button when the operation can stop between items.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from models.core.errors import SanbanError, file_error


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)  # (result, error)


class _Task(QRunnable):
    def __init__(self, operation: Callable, signals: _Signals, flag: list[bool]) -> None:
        super().__init__()
        self.operation, self.signals, self.flag = operation, signals, flag

    def run(self) -> None:
        try:
            result = self.operation(lambda done, total: self.signals.progress.emit(done, total),
                                    lambda: self.flag[0])
        except BaseException as exc:  # noqa: BLE001 - every error must reach the callback
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)
        finally:
            from models.core.db import DB

            if DB.obj is not None:
                DB.obj.close()  # this thread's connection; peewee keeps one per thread


def _seen(error: BaseException | None) -> BaseException | None:
    """An error the user could not have caused (a bug, a full disk) goes to the crash log, and reaches the callback
    as a SanbanError whose message says what failed and where the details went: every callback shows it as is."""
    if error is None or isinstance(error, SanbanError):
        return error
    from ui import crash

    if isinstance(error, OSError):  # the file the user chose: say which and why, no log needed
        return file_error(error)
    return SanbanError(crash.message(error, crash.log(error, where="后台任务")))


_running: list = []  # keep signal objects alive until their task reports back


def run_in_background(parent: QWidget, title: str, operation: Callable, done: Callable[[object, object], None],
                      cancellable: bool = False) -> None:
    """Run `operation(progress, cancelled)` on the pool; call `done(result, error)` on the GUI thread."""
    signals, flag = _Signals(), [False]
    dialog = QProgressDialog(title, "取消" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(600)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.canceled.connect(lambda: flag.__setitem__(0, True))
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def progress(count: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(count, total))

    def finished(result, error) -> None:
        QApplication.restoreOverrideCursor()
        dialog.reset()
        dialog.deleteLater()
        _running.remove(signals)
        done(result, _seen(error))

    signals.progress.connect(progress, Qt.ConnectionType.QueuedConnection)
    signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    _running.append(signals)
    QTimer.singleShot(0, lambda: QThreadPool.globalInstance().start(_Task(operation, signals, flag)))


def wait_for(parent: QWidget, title: str, operation: Callable[[], object]) -> object:
    """`operation()` off the GUI thread, for a dialog that goes on with its result (an import's dry run, then a
    question): the window keeps painting, a busy indicator shows after 600 ms, and its error is raised here as a
    SanbanError (a bug's already logged by `_seen`)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: list = []

    def done(result, error) -> None:
        outcome.extend((result, error))
        loop.quit()

    run_in_background(parent, title, lambda progress, cancelled: operation(), done)
    loop.exec()  # `done` is queued to this thread: it runs inside this loop, never before it
    result, error = outcome
    if error is not None:
        raise error
    return result
