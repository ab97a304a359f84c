"""Qt only: the main window, one sub-package per tab, shared widgets and workers."""

import PySide6.QtCore  # noqa: F401 - loads PySide6's import hook, which the next line tames

from ui.pyside_scan import skip_source_scan

skip_source_scan()  # before the window's modules load: PySide6 would read the source of each
