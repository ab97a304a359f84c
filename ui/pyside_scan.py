"""PySide6 reads the whole source of every module imported after it, to learn whether the module might say
`from __feature__ import snake_case` (an opt-in Sanban never uses). That is ≈ 110 files at each start of the window
(peewee's 8,000 lines, chinese_calendar's tables, ours): ≈ 3 % of the start-up's instructions. A module that does
opt in is still registered by the `from __feature__ import` statement itself, so only the guess is skipped.
"""

import sys


def _uses_no_feature(_module) -> bool:
    return False


def skip_source_scan() -> None:
    """Skip the scan from now on (PySide6 6.12's private `support.feature._mod_uses_pyside`; no-op if it moved)."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature
