"""Where an export goes: the checks every exporter makes on the file a user named."""

from pathlib import Path

from models.core.errors import ValidationError


def output_path(path: str | Path, allowed: tuple[str, ...]) -> tuple[Path, str]:
    """The target file and its lower-case suffix, refused unless the suffix is allowed and the folder exists."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in allowed:
        raise ValidationError("output", f"「{target.name}」的扩展名应为 {' 或 '.join(allowed)}。")
    if not target.parent.exists():
        raise ValidationError("output", f"文件夹「{target.parent}」不存在，请先建立或另选位置。")
    return target, suffix
