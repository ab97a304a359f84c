"""Restore takes back only a backup whose audit holds together and whose accounts are what its audit says.

The 系统管理员 who restores holds no seal key, so the seals themselves are checked at the 安全审计员's next
`audit verify`; here: the hash chain, the order of seal and key entries, and the accounts, password hashes and
grants replayed from the backup's own audit (a hash planted with sqlite3 is refused by name).
"""

from pathlib import Path

from models.core import audit
from models.core.db import StdlibSqliteDatabase
from models.core.errors import ValidationError


def refuse_unsound_backup(path: Path) -> None:
    """Raise ValidationError naming why `path` must not be restored; read-only, nothing is changed."""
    database = StdlibSqliteDatabase(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = audit.check_all(None, database)
    finally:
        database.close()
    if result.ok:
        return
    what = "审计日志被篡改" if result.bad_id is not None else "账户与其审计记录不符"
    raise ValidationError(
        "path",
        f"「{Path(path).name}」{what}，不能用来恢复：" + "；".join(result.problems)
        + "\n数据库未做任何改动。请换一个可信的备份。",
    )
