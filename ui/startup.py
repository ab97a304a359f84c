"""Two costs of starting the window that are not ours, and how they are avoided.

- PySide6 reads the whole source of every module imported after it, to guess whether the module might say
  `from __feature__ import snake_case` (an opt-in Sanban never uses): ≈ 110 files at each start (peewee's 8,000 lines,
  chinese_calendar's tables, ours), ≈ 3.5 % of the start-up's instructions. A module that does opt in is still
  registered by its `from __feature__ import` statement itself, so only the guess is skipped.
- Python's cyclic garbage collector walks every object allocated so far, again and again while the modules load
  (≈ 3 % of the instructions): the modules, classes and Qt's type tables live as long as the program, so they are
  moved out of its sight (`gc.freeze`) once loaded. Reference counting still frees them; only cycles among them are
  never collected, and such objects are never garbage.
"""

import gc
import sys


def _uses_no_feature(_module) -> bool:
    return False


def skip_source_scan() -> None:
    """Skip the scan from now on (PySide6 6.12's private `support.feature._mod_uses_pyside`; no-op if it moved)."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature


def keep_loaded() -> None:
    """What is loaded now stays for the life of the program: later collections need not walk it."""
    gc.freeze()
