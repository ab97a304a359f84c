"""The paper forms clipped to documents (文件处理笺, 催办单, 发文稿纸), as .docx and .pdf from one layout.

A form is a ruled grid: rows of cells with spans and heights, on A4 with GB/T 9704 margins (天头 37 mm,
订口 28 mm, 版心 156 mm wide). The same layout drives python-docx and reportlab, so the Word file and the PDF
look alike. An office that wants its own layout puts `<form>.docx` (a docxtpl template using the same field
names) in its templates folder; that file is then filled instead.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.core.paths import user_templates_dir

TEXT_WIDTH_MM = 156
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_PT = 14  # 4号
LABEL_PT = 14
TITLE_PT = 22  # 2号
BODY_FONT = "仿宋_GB2312"  # Word falls back to 仿宋 when the GB2312 variant is missing
LABEL_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"


@dataclass
class Cell:
    text: str = ""
    span: int = 1
    label: bool = False
    rows: int = 1  # rows spanned downwards (a photo box); the rows below leave that column out
    sign: str = ""  # printed bottom-right (拟办人 and date, 承办单位（盖章） …)


@dataclass
class Row:
    cells: list[Cell]
    height_mm: float = 12


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
        Row([Cell("来文单位", label=True), Cell(v["source_org"]), Cell("收文日期", label=True), Cell(v["received"])]),
        Row([Cell("文　　号", label=True), Cell(v["doc_no"]), Cell("密　　级", label=True), Cell(v["mark"])]),
        Row([Cell("份　　数", label=True), Cell(v["copies"] + (f"（份号 {v['copy_nos']}）" if v["copy_nos"] else "")),
             Cell("紧急程度", label=True), Cell(v["urgency"])]),
        Row([Cell("办理时限", label=True), Cell(v["due"], 3)]),
        Row([Cell("标　　题", label=True), Cell(v["title"], 3)], 16),
        Row([Cell("拟办意见", label=True), Cell(v["proposal"], 3, sign=v["proposer"])], 30),
        Row([Cell("领导批示", label=True), Cell(v["instructions"], 3)], 62),
        Row([Cell("办理结果", label=True), Cell(v["result"], 3)], 28),
        Row([Cell("备　　注", label=True), Cell(v["remarks"], 3)], 12),
    ], mark=v["secrecy"], urgency=v["urgency"], subtitle_right=f"收文编号：{v['receipt_no']}　　收文日期：{v['received']}")


def reminder_slip(office: str, v: dict) -> Form:
    """催办通知单 (DOMAIN.md §7)."""
    return Form("reminder-slip", f"{office}催办通知单", (26, 52, 26, 52), [
        Row([Cell("承办单位", label=True), Cell(v["lead_unit"], 3)]),
        Row([Cell("文件标题", label=True), Cell(v["title"], 3)], 18),
        Row([Cell("文　　号", label=True), Cell(v["doc_no"]), Cell("收文编号", label=True), Cell(v["receipt_no"])]),
        Row([Cell("交办日期", label=True), Cell(v["assigned"]), Cell("办理时限", label=True), Cell(v["due"])]),
        Row([Cell("催办事由\n及要求", label=True), Cell(v["request"], 3)], 40),
        Row([Cell("催办方式", label=True), Cell(v["method"]), Cell("催办人", label=True),
             Cell(f"{v['by']}　{v['on']}")]),
        Row([Cell("办理情况\n反馈", label=True), Cell("", 3, sign="承办单位（盖章）　　　　年　　月　　日")], 80),
    ], mark=v["secrecy"], subtitle_right=v["number"],
        after=["请承办单位填写办理情况反馈后于两个工作日内送回办公室。"])


def drafting_sheet(office: str, v: dict) -> Form:
    """发文稿纸 (DOMAIN.md §7)."""
    return Form("drafting-sheet", f"{office}发文稿纸", (24, 62, 24, 46), [
        Row([Cell("签　　发", label=True), Cell(v["sign"]), Cell("会　　签", label=True), Cell(v["countersign"])], 60),
        Row([Cell("核　　稿", label=True), Cell(v["review"], 3)], 22),
        Row([Cell("主　　送", label=True), Cell(v["main_to"], 3)], 16),
        Row([Cell("抄　　送", label=True), Cell(v["copy_to"], 3)], 14),
        Row([Cell("发文字号", label=True), Cell(v["doc_no"], 3)]),
        Row([Cell("拟稿单位", label=True), Cell(v["draft_unit"]), Cell("拟稿人", label=True),
             Cell(f"{v['drafter']}　{v['drafted']}")]),
        Row([Cell("校　　对", label=True), Cell(v["proofreader"]), Cell("印制份数", label=True), Cell(v["copies"])]),
        Row([Cell("附　　件", label=True), Cell(v["attachments"], 3)]),
        Row([Cell("标　　题", label=True), Cell(v["title"], 3)], 20),
    ], mark=v["secrecy"], urgency=v["urgency"])


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
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"] - 10), Mm(MARGINS_MM["bottom"] - 10)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    _paragraph(first, "　".join(p for p in (form.mark, form.urgency) if p), LABEL_FONT, 16)
    _paragraph(doc, form.title, TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, form.subtitle_right, BODY_FONT, BODY_PT - 2, WD_ALIGN_PARAGRAPH.RIGHT)
    columns = len(form.widths_mm)
    table = doc.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    size = form.font_pt
    grid, downwards = [], []
    for spec, placed in zip(form.rows, _layout(form), strict=True):
        cells = table.add_row().cells  # add_row, not table.cell(): the latter is quadratic
        grid.append(cells)
        for cell, width in zip(cells, form.widths_mm, strict=True):
            cell.width = Mm(width)  # Word and LibreOffice read the width of each cell, not of the column
        row = table.rows[-1]
        row.height, row.height_rule = Mm(spec.height_mm), WD_ROW_HEIGHT_RULE.AT_LEAST
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
            for number, line in enumerate(item.text.split("\n")):
                para = target.paragraphs[0] if number == 0 else target.add_paragraph()
                _paragraph(para, line, LABEL_FONT if item.label else BODY_FONT, size,
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
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from exporters.fonts import body_font, heading_font

    body, heading = body_font(), heading_font()
    size = form.font_pt
    text = ParagraphStyle("text", fontName=body, fontSize=size, leading=size * 1.45, wordWrap="CJK")
    label = ParagraphStyle("label", parent=text, fontName=heading, alignment=TA_CENTER, leading=size * 1.25)
    sign = ParagraphStyle("sign", parent=text, fontSize=size - 1, alignment=TA_RIGHT)
    title = ParagraphStyle("title", fontName=heading, fontSize=TITLE_PT, leading=TITLE_PT * 1.4, alignment=TA_CENTER)
    right = ParagraphStyle("right", parent=text, fontSize=min(size, BODY_PT - 2), alignment=TA_RIGHT)
    mark = ParagraphStyle("mark", parent=text, fontName=heading, fontSize=16)

    def para(value: str, style) -> Paragraph:
        from xml.sax.saxutils import escape

        # reportlab collapses whitespace, U+3000 included: 「年　　月　　日」 needs its gaps kept as no-break spaces
        return Paragraph(escape(value).replace("\n", "<br/>").replace("\u3000", "\xa0\xa0"), style)

    data, styles, heights = [], [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)], []
    for r, (spec, placed) in enumerate(zip(form.rows, _layout(form), strict=True)):
        line, tallest = [""] * len(form.widths_mm), 0.0
        target = spec.height_mm * mm - 6  # the row's height less the cell padding
        for col, item in placed:
            width = sum(form.widths_mm[col:col + item.span]) * mm - 8
            content = [para(item.text, label if item.label else text)]
            used = content[0].wrap(width, 10_000)[1]
            tallest = max(tallest, used)
            if item.sign:
                signature = para(item.sign, sign)
                used += signature.wrap(width, 10_000)[1]
                content += [Spacer(1, max(4, target - used)), signature]
            elif not item.label and spec.height_mm > 14:
                content.append(Spacer(1, max(0, target - used)))  # keeps the box tall enough to write in
            line[col] = content
            if item.span > 1 or item.rows > 1:
                styles.append(("SPAN", (col, r), (col + item.span - 1, r + item.rows - 1)))
            if not item.label and spec.height_mm > 14:
                styles.append(("VALIGN", (col, r), (col, r), "TOP"))
        data.append(line)
        short = spec.height_mm <= 14 and tallest <= target  # else the spacers (or the text) set the height
        heights.append(spec.height_mm * mm if short else None)
    table = Table(data, colWidths=[w * mm for w in form.widths_mm], rowHeights=heights)
    table.setStyle(TableStyle(styles))
    story = [para("　".join(p for p in (form.mark, form.urgency) if p) or " ", mark), para(form.title, title),
             para(form.subtitle_right or " ", right), Spacer(1, 2 * mm), table]
    story += [para(line, text) for line in form.after]
    document = SimpleDocTemplate(str(path), pagesize=A4, topMargin=(MARGINS_MM["top"] - 10) * mm,
                                 bottomMargin=(MARGINS_MM["bottom"] - 10) * mm, leftMargin=MARGINS_MM["left"] * mm,
                                 rightMargin=MARGINS_MM["right"] * mm, title=form.title, author="三办")
    document.build(story)
