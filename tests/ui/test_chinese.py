"""Qt's own words speak Chinese: the translations PySide6 ships are loaded at start-up."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui.app import load_qt_chinese


def test_qt_standard_buttons_are_chinese(qtbot):
    app = QApplication.instance()
    translator = load_qt_chinese(app)
    assert translator is not None
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert not any(t in ("OK", "Cancel") for t in texts), texts
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    finally:
        app.removeTranslator(translator)
