"""The text of a PDF, read back with QtPdf (already a dependency for the print preview)."""

from pathlib import Path


def pdf_text(path: Path) -> list[str]:
    """One string per page."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    # a full QApplication, not a QCoreApplication: the widget tests that run later in this process need one
    QApplication.instance() or QApplication([])
    document = QPdfDocument()
    document.load(str(path))
    try:
        return [document.getAllText(n).text() for n in range(document.pageCount())]
    finally:
        document.close()
