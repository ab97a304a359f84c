"""Qt only: the main window, one sub-package per tab, shared widgets and workers."""

import PySide6.QtCore  # noqa: F401 - loads PySide6's import hook, which the next lines tame

from ui.startup import keep_loaded, skip_source_scan

skip_source_scan()  # before the window's modules load: PySide6 would read the source of each
keep_loaded()  # Qt's modules and type tables
