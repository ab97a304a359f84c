"""Print previews: PDFs in a private folder under the data folder, removed when the preview closes, and the ones a
crash left behind removed at the next start (never in the system's temporary folder, where they would stay)."""

import os
import shutil
import tempfile
from pathlib import Path

from models.core import paths, private


def new_file(name: str) -> Path:
    """Where to write the PDF of one preview: `name` in a new private folder of its own."""
    root = private.folder(paths.preview_dir(), own=True)
    with private.umask():
        return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root)) / name


def is_preview(path: Path | str) -> bool:
    """A file made by `new_file`: shown on screen, not yet printed or saved anywhere."""
    return Path(path).resolve().parent.parent == paths.preview_dir().resolve()


# What each open preview will be audited as once it is really printed: a preview on screen is neither an export nor
# a print (it may fail to show, or be closed unprinted).
_print_records: dict[Path, tuple] = {}


def note_print(pdf: Path | str, record: tuple) -> None:
    _print_records[Path(pdf)] = record


def print_record(pdf: Path | str) -> tuple | None:
    return _print_records.get(Path(pdf))


def discard(pdf: Path) -> None:
    """Remove a preview's PDF and its folder (only ever a folder made by `new_file`)."""
    _print_records.pop(Path(pdf), None)
    folder = Path(pdf).parent
    if folder.parent == paths.preview_dir():
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers() -> int:
    """Remove the previews of programs no longer running (a crash, a kill); returns how many."""
    root = paths.preview_dir()
    if not root.is_dir():
        return 0
    removed = 0
    for folder in root.iterdir():
        pid = folder.name.partition("-")[0]
        if pid.isdigit() and private.process_running(int(pid)):
            continue
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            folder.unlink(missing_ok=True)
        removed += 1
    return removed
