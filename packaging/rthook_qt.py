"""Runtime hook of the bundle, in place of PyInstaller's PySide6 hook: point Qt at the bundled plugins, import nothing.

PyInstaller's own hook imports PySide6.QtCore at every start (to write an embedded qt.conf, which PySide6's import
writes anyway), so even `sanban --help` loaded Qt and its 30 MB of ICU data.
"""

import os
import sys

os.environ.setdefault("QT_PLUGIN_PATH", os.path.join(sys._MEIPASS, "PySide6", "Qt", "plugins"))  # type: ignore[attr-defined]
