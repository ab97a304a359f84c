"""The typefaces of a printed sheet (DOMAIN.md §4, §7): body 仿宋, headings 黑体, titles 小标宋, 楷体 where a form
wants a hand-like face.

PDFs embed the office's own fonts when the machine has them (Windows, 麒麟/UOS, a user's fonts folder, or copied into
resources/fonts), found by their usual file names; otherwise the freely licensed TrueType faces shipped in
resources/fonts (AR PL SungtiL GB for text and titles, AR PL KaitiM GB for 楷体, WenQuanYi Micro Hei for 黑体).
reportlab embeds TrueType outlines only: CFF fonts (Noto CJK, Fandol) are refused and skipped, and the built-in
STSong-Light is not embedded at all. A character the chosen face lacks (the GB2312 faces have no 「喆」) is set in the
fallback face rather than printed blank: `markup` wraps it.

.docx files name the office's fonts (DOCX_FONTS) with the East Asian slot set, so Word picks them from the machine
that opens the file.
"""

import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from models.core.paths import resources_dir

if TYPE_CHECKING:  # reportlab loads only when a PDF is made
    from reportlab.pdfbase.ttfonts import TTFontFace

# The names Word looks up on an office machine (仿宋_GB2312 falls back to 仿宋 where only that is installed).
DOCX_FONTS = {"body": "仿宋_GB2312", "heading": "黑体", "title": "方正小标宋简体", "kai": "楷体_GB2312"}

# (file name, subfont index) per role, best first. Office names: Windows (sim*, ST* from Office), 方正 (FZ*), the
# CESI faces of 麒麟/UOS; the shipped faces last, so an office's own font always wins.
_FANGSONG = ("simfang.ttf", "仿宋_gb2312.ttf", "fs_gb2312.ttf", "fzfsk.ttf", "fzfsjw.ttf", "stfangso.ttf",
             "cesi_fs_gb2312.ttf", "cesi_fs_gb13000.ttf", "cesi_fs_gb18030.ttf")
_SONG = ("simsun.ttc", "stsong.ttf", "cesi_ss_gb2312.ttf", "cesi_ss_gb13000.ttf", "cesi_ss_gb18030.ttf")
_HEI = ("simhei.ttf", "fzhtk.ttf", "stheiti.ttf", "cesi_ht_gb2312.ttf", "cesi_ht_gb13000.ttf", "cesi_ht_gb18030.ttf")
_XIAOBIAOSONG = ("fzxbsjw.ttf", "fzxiaobiaosong-b05s.ttf", "方正小标宋简体.ttf", "fzxbsk.ttf", "cesi_xbs_gb2312.ttf",
                 "cesi_xbs_gb13000.ttf", "cesi_xbs_gb18030.ttf")
_KAI = ("simkai.ttf", "楷体_gb2312.ttf", "kt_gb2312.ttf", "fzktk.ttf", "stkaiti.ttf", "cesi_kt_gb2312.ttf",
        "cesi_kt_gb13000.ttf", "cesi_kt_gb18030.ttf")
SHIPPED_SONG = "gbsn00lp.ttf"  # AR PL SungtiL GB
SHIPPED_KAI = "gkai00mp.ttf"  # AR PL KaitiM GB
SHIPPED_HEI = "wqy-microhei.ttc"  # WenQuanYi Micro Hei: also the fallback for characters outside GB2312
ROLES = {
    "body": _FANGSONG + _SONG + (SHIPPED_SONG, SHIPPED_HEI),
    "heading": _HEI + (SHIPPED_HEI,),
    "title": _XIAOBIAOSONG + _HEI + (SHIPPED_HEI,),  # a bold face stands in for 小标宋 better than a light 宋
    "kai": _KAI + (SHIPPED_KAI, SHIPPED_SONG, SHIPPED_HEI),
    "fallback": (SHIPPED_HEI,) + _SONG + _HEI,
}


def font_dirs() -> list[Path]:
    """Where fonts are looked for: the program's own folder, then the machine's and the user's."""
    dirs = [resources_dir() / "fonts"]
    if sys.platform.startswith("win"):
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        if os.environ.get("LOCALAPPDATA"):  # fonts installed for one user only (Windows 10 1809 and later)
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    else:
        dirs += [Path.home() / ".fonts", Path.home() / ".local/share/fonts", Path("/usr/share/fonts"),
                 Path("/usr/local/share/fonts"), Path("/opt/kingsoft/wps-office/office6/fonts")]
    return [d for d in dirs if d.is_dir()]


@cache
def _index() -> dict[str, Path]:
    """Font files by lower-case name; the program's folder wins over the machine's for the same name."""
    found: dict[str, Path] = {}
    for folder in reversed(font_dirs()):
        for path in folder.rglob("*"):
            if path.suffix.lower() in (".ttf", ".ttc"):
                found[path.name.lower()] = path
    return found


@cache
def font_for(role: str) -> str:
    """The registered reportlab name of the first usable font for `role` (body, heading, title, kai, fallback)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from exporters import linebreak

    linebreak.install()  # every PDF asks for its fonts first: its Chinese text then wraps with the 禁则
    for file_name in ROLES[role]:
        path = _index().get(file_name)
        if path is None:
            continue
        name = f"Sanban-{path.stem}"
        if name in pdfmetrics.getRegisteredFontNames():
            return name
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
            return name
        except Exception:  # a CFF-outline or damaged font: try the next one  # noqa: S112
            continue
    raise FileNotFoundError(
        "找不到可嵌入 PDF 的中文字体。请把仿宋（simfang.ttf）或宋体（simsun.ttc）复制到程序的 resources/fonts 文件夹。")


def forget() -> None:
    """Look for fonts again (after fonts were installed, or in a test that changes the folders)."""
    _index.cache_clear()
    font_for.cache_clear()
    _glyphs.cache_clear()


def body_font() -> str:
    return font_for("body")


def heading_font() -> str:
    return font_for("heading")


def title_font() -> str:
    return font_for("title")


def kai_font() -> str:
    return font_for("kai")


def truetype_face(name: str) -> "TTFontFace":
    """The face of the registered font `name`: every font here is TrueType (the only kind reportlab embeds)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(name)
    if not isinstance(font, TTFont):
        raise TypeError(f"{name} is not a TrueType font")
    return font.face


@cache
def _glyphs(name: str) -> frozenset[str]:
    """The characters the font has (and the line break and space, which need no glyph)."""
    return frozenset(map(chr, truetype_face(name).charToGlyph)) | {"\n", " "}


def markup(text: str, font: str) -> str:
    """`text` escaped for a reportlab Paragraph set in `font`, with each run of characters that font lacks set in
    the fallback face; line breaks become <br/>."""
    have = _glyphs(font)
    if have.issuperset(text):  # the common case, in C
        return escape(text).replace("\n", "<br/>")
    fallback = font_for("fallback")
    out, run, missing = [], "", False
    for char in text:
        lacks = char not in have
        if lacks != missing and run:
            out.append(f"<font name='{fallback}'>{escape(run)}</font>" if missing else escape(run))
            run = ""
        run, missing = run + char, lacks
    if run:
        out.append(f"<font name='{fallback}'>{escape(run)}</font>" if missing else escape(run))
    return "".join(out).replace("\n", "<br/>")
