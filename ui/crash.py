"""Errors nobody caught: written to the crash log, shown in a Chinese message box, and the window goes on.

`install()` takes over `sys.excepthook` (PySide hands it the exceptions raised in slots and virtual methods) and
`threading.excepthook` (plain threads); `ui.workers` logs the unexpected errors of its tasks through `log()`.
The log is dated (one file a day, the last `KEEP_DAYS` kept) and readable by its owner only: a traceback may
quote a title of a classified document.
"""

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from models.core import clock, paths, private

KEEP_DAYS = 30
_lock = threading.Lock()  # two threads failing at once write whole entries, one after the other


def log(error: BaseException, where: str = "") -> Path | None:
    """Append `error` with its traceback to today's crash log; the file, or None when it cannot be written."""
    stamp = clock.now()
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    folder = paths.log_dir()
    path = folder / f"crash-{stamp:%Y-%m-%d}.log"
    try:
        with _lock, private.umask():
            private.folder(folder, own=True)
            with path.open("a", encoding="utf-8") as out:
                out.write(f"=== {stamp:%Y-%m-%d %H:%M:%S} {where or threading.current_thread().name}\n{text}\n")
            private.secure(path)
            _prune(folder)
    except OSError:
        return None  # a full or read-only disk: the message box still says what failed
    return path


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"))
    for old in logs[:-KEEP_DAYS]:
        old.unlink(missing_ok=True)


def message(error: BaseException, path: Path | None) -> str:
    """What the user reads: what failed, that the window is still usable, where the details went."""
    what = _what(error)
    where = (f"详细信息已写入错误日志：\n{path}\n如问题反复出现，请把这个文件交给系统管理员。" if path is not None
             else "错误日志无法写入（磁盘已满或没有写入权限），请告诉系统管理员。")
    return f"程序在执行刚才的操作时出错：{what}\n\n已保存的数据不受影响，可以继续使用。\n{where}"


def _what(error: BaseException) -> str:
    from models.core.errors import os_reason

    if isinstance(error, OSError):
        named = f"「{error.filename}」" if error.filename else "文件"
        return f"无法读写{named}（{os_reason(error)}）。"
    if isinstance(error, MemoryError):
        return "内存不足。请关闭其他程序后重试。"
    return "出现了意外错误，操作没有完成。"


def details(error: BaseException) -> str:
    """The short 「详细信息」 part: the exception's type and text, never the traceback (that is in the log)."""
    return f"{type(error).__name__}: {error}"[:300]


class _Reporter(QObject):
    """Carries a failure to the GUI thread: a signal emitted from any thread is delivered in the receiver's."""

    failed = Signal(str, str)


class CrashHandler:
    """What `install` sets up; `uninstall` puts the previous hooks back (tests)."""

    def __init__(self, show: Callable[[str, str], None]) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        self._showing = False
        self.reporter = _Reporter()
        self.reporter.failed.connect(self._show)
        self._show_box = show
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        path = log(error)
        self.reporter.failed.emit(message(error, path), details(error))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else ""
        path = log(args.exc_value, where=name)
        self.reporter.failed.emit(message(args.exc_value, path), details(args.exc_value))

    def _show(self, text: str, detail: str) -> None:
        if self._showing:
            return  # an error while the box is up (a paint event failing again): logged, not stacked
        self._showing = True
        try:
            self._show_box(text, detail)
        finally:
            self._showing = False

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous


def install() -> CrashHandler:
    """Every uncaught exception from now on is logged and shown over the active window."""
    from ui import messages

    def show(text: str, detail: str) -> None:
        from PySide6.QtWidgets import QApplication

        messages.crash(QApplication.activeWindow(), "出错了", text, detail)

    global _installed
    _installed = CrashHandler(show)  # kept: its reporter must outlive this call
    return _installed


_installed: CrashHandler | None = None
