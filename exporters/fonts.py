"""The CJK TrueType font a PDF embeds: the office's own 仿宋/宋体/黑体 when the machine has them, otherwise the
freely licensed font shipped in resources/fonts (reportlab embeds TrueType outlines only; CFF fonts such as
Noto CJK are refused, and the built-in STSong-Light is not embedded at all)."""

import os
import sys
from functools import cache
from pathlib import Path

from models.core.paths import resources_dir

# (file name, subfont index) in the order an office would want them: 仿宋 for text, then 宋体, then 黑体.
BODY_CANDIDATES = (("simfang.ttf", 0), ("FZFSK.TTF", 0), ("simsun.ttc", 0), ("NotoSerifCJK-Regular.ttc", 0),
                   ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0), ("DroidSansFallbackFull.ttf", 0))
HEADING_CANDIDATES = (("simhei.ttf", 0), ("FZXBSK.TTF", 0), ("wqy-microhei.ttc", 0), ("wqy-zenhei.ttc", 0),
                      ("DroidSansFallbackFull.ttf", 0))


def _font_dirs() -> list[Path]:
    dirs = [resources_dir() / "fonts"]
    if sys.platform.startswith("win"):
        dirs.insert(0, Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    else:
        dirs[:0] = [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts"),
                    Path("/usr/local/share/fonts")]
    return [d for d in dirs if d.is_dir()]


@cache
def _index() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in reversed(_font_dirs()):  # earlier folders win
        for path in folder.rglob("*"):
            if path.suffix.lower() in (".ttf", ".ttc"):
                found[path.name.lower()] = path
    return found


def _register(name: str, candidates) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name in pdfmetrics.getRegisteredFontNames():
        return name
    for file_name, subfont in candidates:
        path = _index().get(file_name.lower())
        if path is None:
            continue
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
            return name
        except Exception:  # a CFF-outline or damaged font: try the next one  # noqa: S112
            continue
    raise FileNotFoundError(
        "找不到可嵌入 PDF 的中文字体。请把仿宋（simfang.ttf）或宋体（simsun.ttc）复制到程序的 resources/fonts 文件夹。")


def body_font() -> str:
    """The registered name of the text font (仿宋 when present)."""
    return _register("SanbanBody", BODY_CANDIDATES)


def heading_font() -> str:
    return _register("SanbanHeading", HEADING_CANDIDATES)
