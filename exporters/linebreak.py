"""Chinese line breaking with 禁则: no line starts with closing punctuation (，。、；：！？）」』》…) and none ends
with opening punctuation (（「『《“). Where a break would do that, the character before it moves down to
the next line with it; a run of digits or Latin letters is not broken either.

Used by our own width-based wrapping (forms, row heights) and, through `install`, by reportlab's CJK wrapping, whose
own list lacks the full-width Chinese marks (it lets 「，」 start a line) and which ignores opening marks.
"""

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

CANNOT_START = frozenset("，。、；：！？）」』》〉】〕］｝”’…—·％‰,.;:!?)]}%")
CANNOT_END = frozenset("（「『《〈【〔［｛“‘([{")


def char_units(char: str) -> int:
    """Display width in half-width units: two for a CJK character or full-width mark, one otherwise."""
    if ord(char) < 0x1100:
        return 1
    return 2 if unicodedata.east_asian_width(char) in "WFA" else 1


def _word(char: str) -> bool:
    """Part of a number, code or Latin word (「0871-6543110」「2026-06-17」「E12345678」), which is not broken."""
    return char.isascii() and (char.isalnum() or char in "-./:_@#+")


def may_break(before: str, after: str) -> bool:
    """Whether a line may end with `before` and the next begin with `after`."""
    return (after not in CANNOT_START and before not in CANNOT_END and not (_word(before) and _word(after))
            and not (before == after and before in "…—")
            and not (before == "：" and _word(after)))  # 「值班电话：0871-6543110」 stays whole


def cut(chars: Sequence[str], start: int, end: int) -> int:
    """Where to end the line `chars[start:end]` when `chars[end]` does not fit on it: the latest allowed break (a
    number or word moves down whole, as Word does); else `end` + 1 to hang a closing mark in the margin; else `end`
    (a run longer than the line is cut)."""
    after = chars[end] if end < len(chars) else ""
    for at in range(end, start, -1):
        if may_break(chars[at - 1], chars[at] if at < end else after):
            return at
    if after and after in CANNOT_START:
        return end + 1
    return end


def segments(chars: Sequence[str], widths: Sequence[float], limits: float | Sequence[float],
             hard: Callable[[int], bool] | None = None) -> list[tuple[int, int, bool]]:
    """The lines of `chars` as (start, end, ends with a hard break) for line widths `limits` (one per line, the
    last repeating); `hard(i)` says that character i ends its line (a <br/>)."""
    limits = [limits] if isinstance(limits, (int, float)) else list(limits)
    lines: list[tuple[int, int, bool]] = []
    start = i = 0
    used = 0.0
    limit = limits[0] + 1e-6
    count = len(chars)
    while i < count:  # per character: kept lean, a 2,000-row ledger runs it a million times
        if hard is not None and hard(i):
            lines.append((start, i + 1, True))
            start = i = i + 1
        elif used + widths[i] > limit and i > start:
            at = cut(chars, start, i)
            lines.append((start, at, False))
            start, i = at, max(i, at)
        else:
            used += widths[i]
            i += 1
            continue
        used = sum(widths[start:i])
        limit = limits[min(len(lines), len(limits) - 1)] + 1e-6
    if start < len(chars) or not lines:
        lines.append((start, len(chars), False))
    return lines


def break_lines(text: str, units: int) -> list[str]:
    """One paragraph (no "\\n") broken into lines of at most `units` half-width units (a hung closing mark may
    exceed it)."""
    return [text[a:b] for a, b, _ in segments(text, [char_units(c) for c in text], units)]


# --- reportlab ------------------------------------------------------------------------------------------------

def word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: N803 - reportlab's signature
    """reportlab's `wordSplit` (a one-font Paragraph with wordWrap='CJK') with 禁则: [[spare points, line], …]."""
    from reportlab.lib.textsplit import getCharWidths

    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = getCharWidths(text, fontName, fontSize)
    limits = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    out = []
    for n, (a, b, _) in enumerate(segments(text, widths, limits)):
        out.append([limits[min(n, len(limits) - 1)] - sum(widths[a:b]), text[a:b].strip(" ")])
    return out


def _paragraph_module() -> Any:
    """reportlab's paragraph module, untyped here: its stubs leave out the CJK helpers read and replaced below."""
    from reportlab.platypus import paragraph

    return paragraph


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):  # noqa: N803 - reportlab's signature
    """reportlab's `cjkFragSplit` (several fonts, <br/>) with 禁则: the same glyph list and line objects."""
    rp = _paragraph_module()

    glyphs = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        glyphs.extend([rp.cjkU(t, frag, encoding) for t in text] if text else [rp.cjkU(text, frag, encoding)])
    limits = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    widths = []
    for glyph in glyphs:
        value = glyph.width
        if hasattr(value, "normalizedValue"):  # a percentage (an inline image)
            value._normalizer = limits[0]
            value = value.normalizedValue(limits[0])
        widths.append(value)
    lines = []
    for n, (a, b, line_break) in enumerate(segments(glyphs, widths, limits,
                                                   lambda i: hasattr(glyphs[i].frag, "lineBreak"))):
        if a == b:
            continue
        limit = limits[min(n, len(limits) - 1)]
        used = sum(widths[a:b])
        lines.append(rp.makeCJKParaLine(glyphs[a:b], limit, used, limit - used, line_break, calcBounds))
    return rp.ParaLines(kind=1, lines=lines)


def install() -> None:
    """Make reportlab's CJK wrapping (Paragraph wordWrap='CJK') keep the 禁则."""
    paragraph = _paragraph_module()
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph.wordSplit = word_split
