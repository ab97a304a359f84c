"""The text of a PDF, read back with QtPdf (already a dependency for the print preview), and the fonts each page
sets its text in, read from the file (the PDFs are reportlab's: plain objects, Flate or ASCII85 streams)."""

import base64
import re
import zlib
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


def _stream(body: bytes) -> bytes:
    data = body.split(b"stream", 1)[1].split(b"endstream", 1)[0].strip(b"\r\n")
    filters = re.search(rb"/Filter\s*\[?([^\]>]*?)\]?\s*/Length", body)
    for name in re.findall(rb"/(\w+)", filters.group(1)) if filters else []:
        if name == b"ASCII85Decode":
            data = base64.a85decode(data.strip(), adobe=True) if data.startswith(b"<~") else base64.a85decode(
                data.strip().removesuffix(b"~>"))
        elif name == b"FlateDecode":
            data = zlib.decompress(data)
    return data


def pdf_fonts(path: Path) -> list[list[str]]:
    """Per page, the base names of the fonts its text is set in (subset tags dropped), in order of first use."""
    raw = Path(path).read_bytes()
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", raw, re.S)}
    base = {n: re.search(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/>]+)", body).group(1).decode()
            for n, body in objects.items() if b"/BaseFont" in body and b"/Type /Font" in body}
    tree = next(body for body in objects.values() if b"/Type /Pages" in body)
    pages = []
    for kid in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids \[([^\]]*)\]", tree).group(1)):
        body = objects[int(kid)]
        resources = objects[int(re.search(rb"/Font (\d+) 0 R", body).group(1))]
        names = {k.decode(): base[int(v)] for k, v in re.findall(rb"/(F[\w+]+) (\d+) 0 R", resources)}
        content = _stream(objects[int(re.search(rb"/Contents (\d+) 0 R", body).group(1))])
        used: list[str] = []
        for key in re.findall(rb"/(F[\w+]+) [\d.]+ Tf", content):
            if names[key.decode()] not in used:
                used.append(names[key.decode()])
        pages.append(used)
    return pages
