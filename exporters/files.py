"""Where an export goes: the checks every exporter makes on the file a user named, before any work is done."""

import os
import secrets
from pathlib import Path

from models.core.db import sqlite_path
from models.core.errors import ValidationError, os_reason


def output_path(path: str | Path, allowed: tuple[str, ...]) -> tuple[Path, str]:
    """The target file and its lower-case suffix, refused (with the reason, in Chinese) unless the suffix is
    allowed, the target is a regular file or new, is not the database's own file, and its folder can be written."""
    text = str(path)
    target = Path(text).expanduser()
    example = f"台账{allowed[0]}"
    if target.is_dir() or text.endswith(("/", os.sep)):
        raise ValidationError("output", f"「{target}」是一个文件夹，请在后面写上文件名，如「{target / example}」。")
    if target.exists() and not target.is_file():
        raise ValidationError("output", f"「{target}」不是普通文件（可能是设备或管道），不能写入，请另选文件名。")
    if _is_database_file(target):
        raise ValidationError("output", f"「{target}」是正在使用的数据库文件，不能用来保存导出内容，请另选文件名。")
    suffix = target.suffix.lower()
    if suffix not in allowed:
        raise ValidationError("output", f"「{target.name}」的扩展名应为 {' 或 '.join(allowed)}。")
    folder = target.parent
    if not folder.exists():
        raise ValidationError("output", f"文件夹「{folder}」不存在，请先建立或另选位置。")
    if not folder.is_dir():
        raise ValidationError("output", f"「{folder}」不是文件夹，请另选保存位置。")
    _probe(folder)
    if target.exists() and not os.access(target, os.W_OK):
        raise ValidationError("output", f"「{target}」是只读文件，不能覆盖，请另选文件名。")
    return target, suffix


def _is_database_file(target: Path) -> bool:
    database = sqlite_path()
    if database is None:
        return False
    own = {Path(f"{database}{tail}").resolve() for tail in ("", "-wal", "-shm", "-journal")}
    return target.resolve() in own


def _probe(folder: Path) -> None:
    """Create and remove a file in `folder`: the only test that answers for read-only disks, network shares and
    an administrator's account alike (permission bits do not)."""
    probe = folder / f".sanban-{secrets.token_hex(4)}.tmp"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink()
    except OSError as exc:
        raise ValidationError("output", f"不能在文件夹「{folder}」中保存文件（{os_reason(exc)}），"
                                        "请另选一个有写入权限的位置。") from None
