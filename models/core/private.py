"""Files only their owner can read: the database, backups, exports, logs and previews (0600, in 0700 folders).

Another account on the same machine must not be able to copy the database or a 涉密人员 form. Modes are set both
ways: a restrictive umask while a file or folder is created (so it is never readable by others, not even for a
moment) and an explicit chmod afterwards (a library may have created it itself, or it existed before). Where modes
mean nothing (Windows) every function here quietly does only the creating.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
ENFORCED = os.name == "posix"

_umask_lock = threading.RLock()  # the umask is process-wide: two threads must not restore each other's


@contextmanager
def umask() -> Iterator[None]:
    """Files and folders created inside get no group or other rights."""
    if not ENFORCED:
        yield
        return
    with _umask_lock:
        old = os.umask(0o077)
        try:
            yield
        finally:
            os.umask(old)


def protect_process() -> None:
    """Everything this program creates from now on is private (called once by `main.py`)."""
    if ENFORCED:
        os.umask(0o077)


def secure(path: Path) -> Path:
    """Make a file Sanban wrote readable by its owner only; a file that is not ours or not there is left alone."""
    if ENFORCED:
        try:
            os.chmod(path, FILE_MODE)
        except (FileNotFoundError, PermissionError):
            pass
    return path


def folder(path: Path, own: bool = False) -> Path:
    """Create `path` and missing parents as 0700. `own`: a folder only Sanban uses (the data folder, logs,
    previews) is made 0700 even if it existed; a folder the user chose is left as it is."""
    with umask():
        path.mkdir(parents=True, exist_ok=True)
    if own and ENFORCED:
        try:
            os.chmod(path, FOLDER_MODE)
        except PermissionError:
            pass
    return path


def create(path: Path) -> int:
    """Create a new, empty private file (refusing one that exists) and return its descriptor, open for writing."""
    with umask():
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)


def write_text(path: Path, text: str) -> Path:
    """Write a small private text file (a crash log)."""
    with umask():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return secure(path)


def process_running(pid: int) -> bool:
    """Whether process `pid` still runs (its leftovers are then not leftovers). On Windows: no."""
    if pid == os.getpid():
        return True
    if not ENFORCED:
        return False  # os.kill would end it, not probe it; Windows refuses to remove a file still open anyway
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
