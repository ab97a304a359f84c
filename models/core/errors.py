"""The errors a user can cause. Each carries a Chinese message that says what is wrong and how to fix it."""

import errno


class SanbanError(Exception):
    """Base of every error a user may see; `str(error)` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(SanbanError):
    """A value a user typed or imported is not acceptable; `field` names where it was typed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(SanbanError):
    """The acting user lacks the right; the attempt has been audited before this is raised."""


class StaleRecord(SanbanError):
    """Optimistic locking: someone saved the record after we read it."""

    def __init__(self) -> None:
        super().__init__("该记录已被他人修改，请刷新后重试")


class DatabaseError(SanbanError):
    """The database file cannot be used as it is (too new, not Sanban's, damaged)."""


class NeedsConfirmation(ValidationError):
    """Allowed, but the user should look first (e.g. the same 文号 registered before); repeat with confirm=True."""


# What the operating system said, in words an office user reads (the system's own text is English).
OS_REASONS = {
    errno.EACCES: "没有写入权限", errno.EPERM: "操作系统不允许", errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘空间已满", errno.EDQUOT: "磁盘配额已用完", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹", errno.ENOENT: "文件或文件夹不存在", errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序使用", errno.ENXIO: "这是设备而不是普通文件",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Chinese."""
    return OS_REASONS.get(exc.errno or 0, f"系统提示：{exc.strerror or type(exc).__name__}")


def file_error(exc: OSError) -> "ValidationError":
    """A failed read or write of a file the user named, as the message to show (names the file and why)."""
    where = exc.filename if exc.filename is not None else ""
    named = f"「{where}」" if where else "文件"
    return ValidationError("file", f"无法读写{named}：{os_reason(exc)}。请检查路径和权限，或另选位置后重试。")
