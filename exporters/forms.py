"""The paper forms clipped to documents (文件处理笺, 催办单, 发文稿纸), as .docx and .pdf from one layout.

A form is a ruled grid: rows of cells with spans and heights, on A4 with GB/T 9704 margins (天头 37 mm,
订口 28 mm, 版心 156 mm wide). The same layout drives python-docx and reportlab, so the Word file and the PDF
look alike. An office that wants its own layout puts `<form>.docx` (a docxtpl template using the same field
names) in its templates folder; that file is then filled instead.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exporters.fonts import DOCX_FONTS
from exporters.linebreak import break_lines
from models.core.paths import user_templates_dir

TEXT_WIDTH_MM = 156
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_PT = 14  # 4号
LABEL_PT = 14
TITLE_PT = 22  # 2号
BODY_FONT = DOCX_FONTS["body"]  # Word falls back to 仿宋 when the GB2312 variant is missing
LABEL_FONT = DOCX_FONTS["heading"]
TITLE_FONT = DOCX_FONTS["title"]


@dataclass
class Cell:
    text: str = ""
    span: int = 1
    label: bool = False
    rows: int = 1  # rows spanned downwards (a photo box); the rows below leave that column out
    sign: str = ""  # printed bottom-right (拟办人 and date, 承办单位（盖章） …)
    keep: bool = False  # one line (文号, 份号, dates): set smaller rather than wrapped


MIN_KEEP_PT = 9
SEAL_MM = 30  # a box that takes a seal is never smaller (a seal pressed over its date line)


def one_line_pt(text: str, width_mm: float, size: float) -> float:
    """The type size at which `text` fits a `width_mm` box on one line (an estimate by character width: a CJK
    character one em, anything else two thirds), never above `size` nor below MIN_KEEP_PT."""
    ems = sum(1.0 if ord(c) > 0x2E7F else 0.65 for c in text) or 1  # digits of a fallback face run wide
    fitting = (width_mm - 3) / 0.3528 / ems
    return max(MIN_KEEP_PT, min(size, int(fitting * 2) / 2))


@dataclass
class Row:
    cells: list[Cell]
    height_mm: float = 12
    min_mm: float = 0  # a box for handwriting may shrink to this to keep the form on one page (0: it may not)


@dataclass
class Form:
    name: str  # template file name without .docx
    title: str
    widths_mm: Sequence[float]
    rows: list[Row]
    mark: str = ""  # 密级★期限, top-left above the title
    urgency: str = ""
    subtitle_right: str = ""  # under the title, right: 收文编号 and 收文日期
    after: list[str] = field(default_factory=list)  # lines below the grid
    font_pt: float = BODY_PT  # a dense form (登记表) uses 小四
    reference: str = ""  # which document or person: repeated with the title on every later page
    mark_right: bool = False  # 密级 and 紧急程度 on the right of the 眉首 (发文稿纸), not top-left
    # top and bottom margins: a slip keeps near GB/T 9704's 版心; a dense one-page register (登记表) needs more room
    margins_mm: tuple[float, float] = (MARGINS_MM["top"] - 10, MARGINS_MM["bottom"] - 10)


CONTINUED = "（续）"


def _layout(form: Form) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with their starting column, skipping the columns a cell above spans down into."""
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, spec in enumerate(form.rows):
        col, line = 0, []
        for item in spec.cells:
            while (r, col) in covered:
                col += 1
            line.append((col, item))
            for below in range(1, item.rows):
                covered.update((r + below, c) for c in range(col, col + item.span))
            col += item.span
        placed.append(line)
    return placed


def routing_slip(office: str, v: dict) -> Form:
    """文件处理笺 (DOMAIN.md §7)."""
    return Form("routing-slip", f"{office}文件处理笺", (26, 52, 26, 52), [
        Row([Cell("来文单位", label=True), Cell(v["source_org"]), Cell("收文日期", label=True),
             Cell(v["received"], keep=True)]),
        Row([Cell("文　　号", label=True), Cell(v["doc_no"], keep=True), Cell("密　　级", label=True),
             Cell(v["mark"], keep=True)]),
        Row([Cell("份　　数", label=True),
             Cell(v["copies"] + (f"（份号 {v['copy_nos']}）" if v["copy_nos"] else ""), keep=True),
             Cell("紧急程度", label=True), Cell(v["urgency"])]),
        Row([Cell("办理时限", label=True), Cell(v["due"], 3, keep=True)]),
        Row([Cell("标　　题", label=True), Cell(v["title"], 3)], 16),
        Row([Cell("拟办意见", label=True), Cell(v["proposal"], 3, sign=v["proposer"])], 30),
        Row([Cell("领导批示", label=True), Cell(v["instructions"], 3)], 62),
        Row([Cell("办理结果", label=True), Cell(v["result"], 3, sign=v.get("result_sign", ""))], 28),
        Row([Cell("备　　注", label=True), Cell(v["remarks"], 3)], 12),
    ], mark=v["secrecy"], urgency=v["urgency"], reference=f"收文编号：{v['receipt_no']}",
        subtitle_right=f"收文编号：{v['receipt_no']}　　收文日期：{v['received']}")


def reminder_slip(office: str, v: dict) -> Form:
    """催办通知单 (DOMAIN.md §7)."""
    return Form("reminder-slip", f"{office}催办通知单", (26, 52, 26, 52), [
        Row([Cell("承办单位", label=True), Cell(v["lead_unit"], 3)]),
        Row([Cell("文件标题", label=True), Cell(v["title"], 3)], 18),
        Row([Cell("文　　号", label=True), Cell(v["doc_no"], keep=True), Cell("收文编号", label=True),
             Cell(v["receipt_no"], keep=True)]),
        Row([Cell("交办日期", label=True), Cell(v["assigned"], keep=True), Cell("办理时限", label=True),
             Cell(v["due"], keep=True)]),
        Row([Cell("催办事由\n及要求", label=True), Cell(v["request"], 3)], 40),
        Row([Cell("催办方式", label=True), Cell(v["method"]), Cell("催办人", label=True),
             Cell(f"{v['by']}　{v['on']}", keep=True)]),
        Row([Cell("办理情况\n反馈", label=True), Cell("", 3, sign="承办单位（盖章）　　　　年　　月　　日")],
            80, SEAL_MM),
    ], mark=v["secrecy"], subtitle_right=v["number"], reference=v["number"],
        after=["请承办单位填写办理情况反馈后于两个工作日内送回办公室。"])


def drafting_sheet(office: str, v: dict) -> Form:
    """发文稿纸 (DOMAIN.md §7)."""
    return Form("drafting-sheet", f"{office}发文稿纸", (24, 62, 24, 46), [
        Row([Cell("签　　发", label=True), Cell(v["sign"]), Cell("会　　签", label=True), Cell(v["countersign"])], 60,
            40),
        Row([Cell("核　　稿", label=True), Cell(v["review"], 3)], 22),
        Row([Cell("主　　送", label=True), Cell(v["main_to"], 3)], 16),
        Row([Cell("抄　　送", label=True), Cell(v["copy_to"], 3)], 14),
        Row([Cell("发文字号", label=True), Cell(v["doc_no"], 3, keep=True)]),
        Row([Cell("拟稿单位", label=True), Cell(v["draft_unit"]), Cell("拟稿人", label=True),
             Cell(f"{v['drafter']}　{v['drafted']}", keep=True)]),
        Row([Cell("印　　制", label=True), Cell(v["printer"]), Cell("份　　数", label=True), Cell(v["copies"])]),
        Row([Cell("校　　对", label=True), Cell(v["proofreader"], 3)]),
        Row([Cell("附　　件", label=True), Cell(v["attachments"], 3)]),
        Row([Cell("标　　题", label=True), Cell(v["title"], 3)], 20),
    ], mark=v["secrecy"], urgency=v["urgency"], reference=v["doc_no"] or f"标题：{v['title'][:30]}", mark_right=True)


def running_head(form: Form) -> str:
    """What a later page says at its top, beside the 密级: the form and which document it is."""
    return "　".join(p for p in (form.title + CONTINUED, form.reference) if p)


def text_lines(text: str, width_mm: float, size_pt: float) -> list[str]:
    """`text` broken into the lines of a `width_mm` box (an estimate by character width; each line keeps its
    paragraph's end as "\\n")."""
    per_line = max(2, int(width_mm / (size_pt * 0.3528)) * 2)  # in half-width units; a CJK character is two
    lines: list[str] = []
    for paragraph in text.split("\n"):
        *inner, last = break_lines(paragraph, per_line)
        lines += inner + [last + "\n"]
    lines[-1] = lines[-1][:-1]
    return lines


def text_chunks(lines: list[str], first: int, rest: int) -> list[str]:
    """The lines in pieces: `first` lines, then `rest` lines each."""
    cuts = [0, first] + list(range(first + rest, len(lines), rest)) if len(lines) > first else [0]
    return ["".join(lines[a:b]).rstrip("\n") for a, b in zip(cuts, cuts[1:] + [len(lines)], strict=True)]


# --- Word -------------------------------------------------------------------------------------------------

def _east_asian(run, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(container, text: str, font: str, size: float, align=None, bold=False):
    from docx.shared import Pt

    para = container.add_paragraph() if hasattr(container, "add_paragraph") else container
    if align is not None:
        para.alignment = align
    para.paragraph_format.space_after = Pt(0)
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    _east_asian(run, font)
    return para


def later_pages(section, mark: str, head: str, size: float) -> None:
    """Every page after the first carries the 密级 top-left and, for a form, its title and number; pages are
    numbered 「— N —」 from the second on (page 1 has all of this in its body)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    if mark:
        _paragraph(header, mark, LABEL_FONT, size + 2)
    if head:
        _paragraph(header, ("　　" if mark else "") + head, BODY_FONT, size)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(footer, "— ", BODY_FONT, size)
    run = footer.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _paragraph(footer, " —", BODY_FONT, size)


def _docx_rows(form: Form) -> list[tuple[Row, list[tuple[int, Cell]]]]:
    """The rows as Word gets them: a box too tall for what is left of its page continues in the next row, its label
    marked 「（续）」, so a page that starts inside a long 批示 still says what the box is. Heights are estimated
    (Word lays out the page itself), so rows are kept whole (cantSplit) and pieces are cut short of a full page."""
    line_mm = form.font_pt * 1.25 * 0.3528  # single spacing of a CJK face, a little over its size
    page_mm = 297 - sum(form.margins_mm) - 15  # the body less the running head
    used = 35.0  # the 密级, title and 收文编号 line above the grid
    out = []
    for spec, placed in zip(form.rows, _layout(form), strict=True):
        left = page_mm - used - 10
        first = int(left / line_mm) if left > 4 * line_mm else int((page_mm - 10) / line_mm)
        whole = int((page_mm - 10) / line_mm)
        lines = {col: text_lines(item.text, sum(form.widths_mm[col:col + item.span]) - 3, form.font_pt)
                 for col, item in placed if not item.label}
        tallest = max((len(v) for v in lines.values()), default=1)
        sign = 2 if any(item.sign for _, item in placed) else 0
        if any(item.rows > 1 for _, item in placed) or tallest + sign <= max(first, 4):
            height = max(spec.height_mm, (tallest + sign) * line_mm + 3)
            used = height if used + height > page_mm else used + height
            out.append((spec, placed))
            continue
        pieces = {col: text_chunks(v, first - sign, whole - sign) for col, v in lines.items()}
        count = max(len(p) for p in pieces.values())
        for n in range(count):
            line = []
            for col, item in placed:
                if item.label:
                    label = item.text.replace("\n", "") + CONTINUED if n else item.text
                    line.append((col, Cell(label, item.span, label=True)))
                else:
                    part = pieces[col][n] if n < len(pieces[col]) else ""
                    line.append((col, Cell(part, item.span, sign=item.sign if n == count - 1 else "")))
            out.append((Row([c for _, c in line], spec.height_mm if n == count - 1 else 12), line))
            rows_here = max(len(text_lines(c.text, sum(form.widths_mm[col:col + c.span]) - 3, form.font_pt))
                            for col, c in line if not c.label) + sign
            height = rows_here * line_mm + 3
            used = height if n else min(page_mm, used + height)
    return out


def write_docx(form: Form, values: dict, path: str | Path) -> None:
    custom = user_templates_dir() / f"{form.name}.docx"
    if custom.is_file():  # the office's own layout, filled with the same names
        from docxtpl import DocxTemplate, Listing

        template = DocxTemplate(str(custom))
        template.render({k: Listing(v) if isinstance(v, str) and "\n" in v else v for k, v in values.items()})
        template.save(str(path))
        return
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(form.margins_mm[0]), Mm(form.margins_mm[1])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    later_pages(section, form.mark, running_head(form), BODY_PT - 2)
    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    _paragraph(first, "　".join(p for p in (form.mark, form.urgency) if p), LABEL_FONT, 16,
               WD_ALIGN_PARAGRAPH.RIGHT if form.mark_right else None)
    _paragraph(doc, form.title, TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, form.subtitle_right, BODY_FONT, BODY_PT - 2, WD_ALIGN_PARAGRAPH.RIGHT)
    columns = len(form.widths_mm)
    table = doc.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    size = form.font_pt
    grid, downwards = [], []
    for spec, placed in _docx_rows(form):
        cells = table.add_row().cells  # add_row, not table.cell(): the latter is quadratic
        grid.append(cells)
        for cell, width in zip(cells, form.widths_mm, strict=True):
            cell.width = Mm(width)  # Word and LibreOffice read the width of each cell, not of the column
        row = table.rows[-1]
        row.height, row.height_rule = Mm(spec.height_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
        keep = OxmlElement("w:cantSplit")  # a row moves whole to the next page; _docx_rows cut the tall ones
        row._tr.get_or_add_trPr().append(keep)
        for col, item in placed:
            target = cells[col]
            if item.rows > 1:
                downwards.append((len(grid) - 1, col, item))
            if item.span > 1:
                target = target.merge(cells[col + item.span - 1])
            target.width = Mm(sum(form.widths_mm[col:col + item.span]))
            target.vertical_alignment = (WD_CELL_VERTICAL_ALIGNMENT.CENTER if item.label or spec.height_mm <= 14
                                         else WD_CELL_VERTICAL_ALIGNMENT.TOP)
            if item.sign and not item.text:  # an empty box to sign in: the signature line sits at its foot
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            para = target.paragraphs[0]
            width = sum(form.widths_mm[col:col + item.span])
            text_pt = one_line_pt(item.text, width - 2, size) if item.keep else size
            for number, line in enumerate(item.text.split("\n")):
                para = target.paragraphs[0] if number == 0 else target.add_paragraph()
                _paragraph(para, line, LABEL_FONT if item.label else BODY_FONT, text_pt,
                           WD_ALIGN_PARAGRAPH.CENTER if item.label else None)
            if item.sign and item.text:  # blank lines push the signature to the foot of the box, where it is signed
                for _ in range(max(0, int(spec.height_mm / (size * 0.53)) - item.text.count("\n") - 2)):
                    _paragraph(target, "", BODY_FONT, size)
            if item.sign:
                _paragraph(target, item.sign, BODY_FONT, size - 1, WD_ALIGN_PARAGRAPH.RIGHT)
    for r, col, item in downwards:  # after every row exists: a cell can only merge with rows already there
        grid[r][col].merge(grid[r + item.rows - 1][col + item.span - 1])
    for number, width in enumerate(form.widths_mm):
        table.columns[number].width = Mm(width)  # the grid (w:gridCol)
    for line in form.after:
        _paragraph(doc, line, BODY_FONT, BODY_PT - 2)
    doc.save(str(path))


# --- PDF --------------------------------------------------------------------------------------------------

def write_pdf(form: Form, path: str | Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from exporters.fonts import body_font, heading_font, markup, title_font

    body, heading = body_font(), heading_font()
    size = form.font_pt
    text = ParagraphStyle("text", fontName=body, fontSize=size, leading=size * 1.45, wordWrap="CJK")
    label = ParagraphStyle("label", parent=text, fontName=heading, alignment=TA_CENTER, leading=size * 1.25)
    sign = ParagraphStyle("sign", parent=text, fontSize=size - 1, alignment=TA_RIGHT)
    title = ParagraphStyle("title", fontName=title_font(), fontSize=TITLE_PT, leading=TITLE_PT * 1.4,
                           alignment=TA_CENTER, wordWrap="CJK")
    right = ParagraphStyle("right", parent=text, fontSize=min(size, BODY_PT - 2), alignment=TA_RIGHT)
    mark = ParagraphStyle("mark", parent=text, fontName=heading, fontSize=16,
                          alignment=TA_RIGHT if form.mark_right else 0)
    top, bottom = form.margins_mm[0] * mm, form.margins_mm[1] * mm
    # the tallest a row may be: a page's frame, with slack for the padding and rules
    limit = A4[1] - top - bottom - 12

    def para(value: str, style) -> Paragraph:
        # reportlab collapses whitespace, U+3000 included: 「年　　月　　日」 needs its gaps kept as no-break spaces
        return Paragraph(markup(value, style.fontName).replace("\u3000", "\xa0\xa0"), style)

    story = [para("　".join(p for p in (form.mark, form.urgency) if p) or " ", mark), para(form.title, title),
             para(form.subtitle_right or " ", right), Spacer(1, 2 * mm)]
    frame_width = sum(form.widths_mm) * mm
    opening_height = sum(f.wrap(frame_width, 1e9)[1] for f in story)
    after_height = sum(para(line, text).wrap(frame_width, 1e9)[1] for line in form.after)

    def grid(boxes_mm: list[float]) -> tuple[list, list, list, float, bool]:
        """The table's cells, styles and row heights for these box heights; the grid's height; whether a box was
        cut across pages."""
        used, total, split = opening_height, 0.0, False  # how far down the current page the grid has come
        data: list[list] = []
        heights: list[float | None] = []
        styles: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
        for placed, box_mm in zip(_layout(form), boxes_mm, strict=True):
            # a box taller than a page is cut: its first piece fills what is left of this page (if that is worth it),
            # each further piece a whole page, and the label says 「（续）」 on every piece after the first
            line_pt = size * 1.45
            first_room = limit - used - 8 if limit - used > 4 * line_pt + 12 else limit
            pieces = []
            for col, item in placed:
                width = sum(form.widths_mm[col:col + item.span]) * mm - 8
                style = label if item.label else text
                if item.keep:
                    pt = one_line_pt(item.text, width / mm + 2, size)
                    style = ParagraphStyle(f"keep{pt}", parent=text, fontSize=pt, leading=pt * 1.3)
                parts: list[Flowable] = [para(item.text, style)]
                reserve = 6 + (para(item.sign, sign).wrap(width, 1e9)[1] + 4 if item.sign else 0)
                while not item.label:
                    room = (first_room if len(parts) == 1 else limit) - reserve
                    if parts[-1].wrap(width, 1e9)[1] <= room:
                        break
                    halves = parts[-1].split(width, room)
                    if len(halves) < 2:
                        break
                    parts[-1:] = halves
                pieces.append(parts)
            count = max(len(p) for p in pieces)
            for n in range(count):
                r = len(data)
                line: list = [""] * len(form.widths_mm)
                tallest, content_height = 0.0, 0.0
                last = n == count - 1
                height_mm = box_mm if last else 12
                target = height_mm * mm - 6  # the row's height less the cell padding
                for (col, item), parts in zip(placed, pieces, strict=True):
                    width = sum(form.widths_mm[col:col + item.span]) * mm - 8
                    if item.label:
                        first = n == 0 or item.rows > 1
                        content: list[Flowable] = [
                            para(item.text if first else item.text.replace("\n", "") + CONTINUED, label)]
                    else:
                        content = [parts[n] if n < len(parts) else para("", text)]
                    used_here = content[0].wrap(width, 1e9)[1]
                    tallest = max(tallest, used_here)
                    if item.sign and last:
                        signature = para(item.sign, sign)
                        used_here += signature.wrap(width, 1e9)[1]
                        content += [Spacer(1, max(4, target - used_here)), signature]
                        used_here = max(used_here + 4, target)
                    elif not item.label and height_mm > 14:
                        content.append(Spacer(1, max(0, target - used_here)))  # keeps the box tall enough to write in
                        used_here = max(used_here, target)
                    if item.rows == 1:
                        content_height = max(content_height, used_here)
                    line[col] = content
                    if item.span > 1 or item.rows > 1:
                        styles.append(("SPAN", (col, r), (col + item.span - 1, r + item.rows - 1)))
                    if not item.label and height_mm > 14:
                        styles.append(("VALIGN", (col, r), (col, r), "TOP"))
                data.append(line)
                short = height_mm <= 14 and tallest <= target  # else the spacers (or the text) set the height
                heights.append(height_mm * mm if short else None)
                row_height = height_mm * mm if short else max(height_mm * mm, content_height + 6)
                total += row_height
                used = row_height if used + row_height > limit else used + row_height
            split = split or count > 1
        return data, styles, heights, total, split

    data, styles, heights, total, split = grid([r.height_mm for r in form.rows])
    overflow = opening_height + total + after_height - limit
    slack = [(r.height_mm - r.min_mm) * mm if r.min_mm else 0.0 for r in form.rows]
    if not split and 0 < overflow <= sum(slack):  # the paper form is one page: blank boxes give up some room
        data, styles, heights, _, _ = grid([max(r.min_mm, r.height_mm - (s * (overflow + 3 * mm) / sum(slack)) / mm)
                                            for r, s in zip(form.rows, slack, strict=True)])
    table = Table(data, colWidths=[w * mm for w in form.widths_mm], rowHeights=heights)
    table.setStyle(TableStyle(styles))
    story.append(table)
    story += [para(line, text) for line in form.after]

    def later_page(canvas, document) -> None:
        """A later page names its 密级, the form and the document, which page 1 has above the grid."""
        y = A4[1] - top + 8 * mm
        x = MARGINS_MM["left"] * mm
        if form.mark:
            canvas.setFont(heading, 16)
            canvas.drawString(x, y, form.mark)
            x += canvas.stringWidth(form.mark, heading, 16) + 6 * mm
        canvas.setFont(body, BODY_PT - 2)
        head, page = running_head(form), f"  第{document.page}页"
        room = (MARGINS_MM["left"] + TEXT_WIDTH_MM) * mm - x - canvas.stringWidth(page, body, BODY_PT - 2)
        while len(head) > 12 and canvas.stringWidth(head, body, BODY_PT - 2) > room:  # a long 标题 is cut short
            head = head[:-2] + "…"
        canvas.drawString(x, y, (head + page).replace("\u3000", "  "))

    document = SimpleDocTemplate(str(path), pagesize=A4, topMargin=top, bottomMargin=bottom,
                                 leftMargin=MARGINS_MM["left"] * mm, rightMargin=MARGINS_MM["right"] * mm,
                                 title=form.title, author="三办")
    document.build(story, onLaterPages=later_page)
