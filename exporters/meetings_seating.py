"""The 主席台 座次图 (.pdf/.docx) and the 桌签 (.pdf/.docx), both drawn from the meeting's one attendee list.

The 座次图 is drawn as the floor sees the stage and says so on the page; 台下 rows follow below. A 桌签 is one A4
sheet per person folded across the middle: the lower half reads the right way up, the upper half is upside down so
that both faces read once folded into a tent. Every name uses one font size; a name too long for the card is
squeezed sideways, never wrapped or shrunk. A classified meeting's 密级 is on every page.
"""

from pathlib import Path

from exporters.files import output_path
from exporters.fonts import body_font, heading_font, truetype_face
from exporters.forms import BODY_FONT, LABEL_FONT
from exporters.meetings import _document, _line, _paragraph, _title
from models.core.errors import ValidationError
from models.core.exports import audit_export
from models.core.rights import require
from models.meetings import attendees, meetings, seating
from models.meetings.manifest import READ_MEETINGS
from models.meetings.terms import mark as secrecy_mark

CARD_PT = 110  # one size for every name on the cards
CARD_WIDTH_MM = 180  # the width a name may take on its half of the card
MM = 72 / 25.4


def _plan(actor, meeting_id: int):
    meeting = meetings.get(actor, meeting_id)
    people = attendees.listed(actor, meeting.id)
    if not people:
        raise ValidationError("attendees",
                              f"{meeting.number_text}还没有参会人员名单，请先导入或录入（import attendees）。")
    return meeting, people, seating.plan(people)


def export_seating(actor, meeting_id: int, path: str | Path) -> Path:
    require(actor, READ_MEETINGS, "导出座次图")
    target, suffix = output_path(path, (".pdf", ".docx"))
    meeting, people, plan = _plan(actor, meeting_id)
    mark = secrecy_mark(meeting.secrecy)
    title = f"{meeting.number_text}座次图"
    if suffix == ".pdf":
        _seating_pdf(target, title, meeting, plan, mark)
    else:
        _seating_docx(target, title, meeting, plan, mark)
    seated = len(plan.stage) + sum(len(r) for r in plan.rows) + len(plan.observers)
    audit_export(actor, f"座次图（{meeting.number_text}）", f"meeting:{meeting.id}", seated, str(target), mark)
    return target


def _fit(canvas, text: str, font: str, size: float, x: float, y: float, width: float) -> None:
    """Centred at x, squeezed sideways when wider than `width` (never shrunk or wrapped)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    natural = stringWidth(text, font, size)
    canvas.saveState()
    canvas.setFont(font, size)
    canvas.translate(x, y)
    if natural > width:
        canvas.scale(width / natural, 1)
    canvas.drawCentredString(0, 0, text)
    canvas.restoreState()


def _seating_pdf(target: Path, title: str, meeting, plan: seating.Plan, mark: str) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    body, head = body_font(), heading_font()
    width, height = landscape(A4)
    c = Canvas(str(target), pagesize=(width, height))
    c.setTitle(title)

    def page_top() -> float:
        if mark:
            c.setFont(head, 14)
            c.drawString(15 * MM, height - 14 * MM, mark)
        c.setFont(head, 20)
        c.drawCentredString(width / 2, height - 18 * MM, title)
        c.setFont(body, 10.5)
        c.drawCentredString(width / 2, height - 25 * MM, f"{meeting.when_text}　{meeting.place}")
        return height - 32 * MM

    y = page_top()
    c.setFont(body, 10)
    c.drawCentredString(width / 2, y, plan.note)
    y -= 8 * MM
    # the stage: a band with one box per seat, left to right as the floor sees it
    seats = max(len(plan.stage), 1)
    box = min(34 * MM, (width - 30 * MM) / seats)
    left = (width - box * seats) / 2
    c.setStrokeGray(0.3)
    c.rect(left - 4 * MM, y - 30 * MM, box * seats + 8 * MM, 30 * MM)
    c.setFont(head, 11)
    c.drawCentredString(width / 2, y - 35 * MM, "主　席　台")
    for i, person in enumerate(plan.stage):
        x = left + i * box
        c.rect(x + 1 * MM, y - 26 * MM, box - 2 * MM, 22 * MM)
        c.setFont(body, 9)
        c.drawCentredString(x + box / 2, y - 9 * MM, str(plan_rank(plan, person)))
        _fit(c, person.name, head, 14, x + box / 2, y - 17 * MM, box - 4 * MM)
        _fit(c, person.title, body, 8, x + box / 2, y - 23 * MM, box - 4 * MM)
    y -= 45 * MM
    # 台下: rows facing the stage, front row first
    seat_w = min(26 * MM, (width - 30 * MM) / seating.ROW_SEATS)
    for number, row in enumerate(plan.rows, start=1):
        if y < 25 * MM:
            c.showPage()
            y = page_top() - 6 * MM
        row_left = (width - seat_w * len(row)) / 2
        c.setFont(body, 9)
        c.drawRightString(row_left - 3 * MM, y - 7 * MM, f"第{number}排")
        for i, person in enumerate(row):
            x = row_left + i * seat_w
            c.rect(x + 0.5 * MM, y - 12 * MM, seat_w - 1 * MM, 12 * MM)
            _fit(c, person.name, head, 11, x + seat_w / 2, y - 6 * MM, seat_w - 3 * MM)
            _fit(c, person.unit, body, 6.5, x + seat_w / 2, y - 10.5 * MM, seat_w - 3 * MM)
        y -= 15 * MM
    if plan.observers:
        if y < 30 * MM:
            c.showPage()
            y = page_top() - 6 * MM
        c.setFont(head, 11)
        c.drawString(15 * MM, y - 5 * MM, "列席：")
        c.setFont(body, 10.5)
        text = "、".join(f"{p.name}（{p.unit}{p.title}）" for p in plan.observers)
        for k, start in enumerate(range(0, len(text), 70)):
            c.drawString(30 * MM, y - 5 * MM - k * 6 * MM, text[start:start + 70])
    c.setFont(body, 9)
    c.drawCentredString(width / 2, 10 * MM, "↓ 会场入口（台下）")
    c.showPage()
    c.save()


def plan_rank(plan: seating.Plan, person) -> int:
    """The person's place in precedence on the stage (1 = 主持/首位), as printed above the name."""
    ordered = sorted(plan.stage, key=lambda p: (p.rank, p.id))
    return ordered.index(person) + 1


def _seating_docx(target: Path, title: str, meeting, plan: seating.Plan, mark: str) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    doc = _document(mark, landscape=True)
    _title(doc, title)
    _line(doc, f"{meeting.when_text}　{meeting.place}", align="center")
    _line(doc, plan.note, indent=False)
    _line(doc, "主　席　台", font=LABEL_FONT, align="center")
    seats = max(len(plan.stage), 1)
    table = doc.add_table(rows=3, cols=seats)
    table.style = "Table Grid"
    for i, person in enumerate(plan.stage):
        cells = [table.rows[r].cells[i] for r in range(3)]
        _paragraph(cells[0].paragraphs[0], str(plan_rank(plan, person)), BODY_FONT, 9, "center")
        _paragraph(cells[1].paragraphs[0], person.name, LABEL_FONT, 14, "center")
        _paragraph(cells[2].paragraphs[0], person.title, BODY_FONT, 8, "center")
        for cell in cells:
            cell.width = Mm(min(34, 250 / seats))
    if plan.rows:
        _line(doc, "台下（面向主席台，前排在上）", font=LABEL_FONT, align="center")
        cols = max(len(r) for r in plan.rows) + 1
        grid = doc.add_table(rows=0, cols=cols)
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        # seats as wide as the PDF's, the row's label narrow (left to share the line, 「第1排」 took half of it)
        widths = [Mm(16)] + [Mm(min(26, 240 / (cols - 1)))] * (cols - 1)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        for number, row in enumerate(plan.rows, start=1):
            cells = grid.add_row().cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            _paragraph(cells[0].paragraphs[0], f"第{number}排", BODY_FONT, 9, "center")
            cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # beside the seats' two lines
            pad = (cols - 1 - len(row)) // 2
            for i, person in enumerate(row):
                cell = cells[1 + pad + i]
                _paragraph(cell.paragraphs[0], person.name, LABEL_FONT, 11, "center")
                _paragraph(cell.add_paragraph(), person.unit, BODY_FONT, 7, "center")
    if plan.observers:
        _line(doc, "列席：" + "、".join(f"{p.name}（{p.unit}{p.title}）" for p in plan.observers), indent=False)
    doc.save(str(target))


def export_name_cards(actor, meeting_id: int, path: str | Path) -> Path:
    """桌签: one fold-over A4 card per person not on leave, in 排序."""
    require(actor, READ_MEETINGS, "导出桌签")
    target, suffix = output_path(path, (".pdf", ".docx"))
    meeting, people, _ = _plan(actor, meeting_id)
    names = [p.name for p in people if not p.on_leave]
    mark = secrecy_mark(meeting.secrecy)
    if suffix == ".pdf":
        _cards_pdf(target, names, mark)
    else:
        _cards_docx(target, names, mark)
    audit_export(actor, f"桌签（{meeting.number_text}）", f"meeting:{meeting.id}", len(names), str(target), mark)
    return target


def _cards_pdf(target: Path, names: list[str], mark: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    head = heading_font()
    width, height = A4
    c = Canvas(str(target), pagesize=A4)
    c.setTitle("桌签")
    for name in names:
        if mark:
            c.setFont(head, 12)
            c.drawString(12 * MM, 10 * MM, mark)
        c.setDash(3, 3)
        c.setStrokeGray(0.6)
        c.line(10 * MM, height / 2, width - 10 * MM, height / 2)  # the fold
        c.setDash()
        baseline = height / 4 - CARD_PT * 0.35
        _fit(c, name, head, CARD_PT, width / 2, baseline, CARD_WIDTH_MM * MM)
        c.saveState()
        c.translate(width, height)
        c.rotate(180)  # the upper half, upside down
        _fit(c, name, head, CARD_PT, width / 2, baseline, CARD_WIDTH_MM * MM)
        c.restoreState()
        c.showPage()
    c.save()


def _cards_docx(target: Path, names: list[str], mark: str) -> None:
    """Word cannot turn a line of text upside down in a way every reader honours (LibreOffice ignores a rotated
    text box), so each half is a picture of the name, drawn with the PDF's font: the upper one turned 180°."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(CARD_TOP_MM), Mm(10)
    section.left_margin = section.right_margin = Mm(10)
    if mark:
        _paragraph(section.footer.paragraphs[0], mark, LABEL_FONT, 12)
    for i, name in enumerate(names):
        upright = _name_picture(name)
        for k, picture in enumerate((_turned(upright), upright)):
            para = doc.paragraphs[0] if i == 0 and k == 0 and doc.paragraphs else doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.space_after = Mm(0)
            if k == 1:
                para.paragraph_format.space_before = Mm(PICTURE_GAP_MM / 2)
            para.add_run().add_picture(picture, width=Mm(CARD_WIDTH_MM))
            if k == 0:
                _fold(doc.add_paragraph())
            if k == 1 and i < len(names) - 1:
                para.add_run().add_break(WD_BREAK.PAGE)
    doc.save(str(target))


PICTURE_DPI = 300
PICTURE_HEIGHT_MM = 60
PICTURE_GAP_MM = 88  # from the upper picture's foot to the lower one's head: the fold lies in the middle
CARD_TOP_MM = 297 / 2 - PICTURE_GAP_MM / 2 - PICTURE_HEIGHT_MM  # the fold on the sheet's middle, as in the PDF
FOLD_MM = 0.5  # the fold's paragraph is this high


def _fold(para) -> None:
    """The fold: a dashed grey rule under an empty, very low paragraph half way down the gap."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm

    from exporters.duty_sheets import _rule

    _rule(para, "999999", 4, "dashed")  # first: the border goes before the spacing in the paragraph's properties
    fmt = para.paragraph_format
    fmt.space_before, fmt.space_after = Mm(PICTURE_GAP_MM / 2 - FOLD_MM), Mm(0)
    fmt.line_spacing, fmt.line_spacing_rule = Mm(FOLD_MM), WD_LINE_SPACING.EXACTLY


def _name_picture(name: str):
    """The name at CARD_PT across CARD_WIDTH_MM, squeezed sideways when too long, as a PNG in memory."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont
    face = truetype_face(heading_font())
    px = PICTURE_DPI / 25.4
    size = round(CARD_PT / 72 * PICTURE_DPI)
    font = ImageFont.truetype(face.filename, size)
    left, top, right, bottom = font.getbbox(name)
    drawn = Image.new("L", (round(right - left) + 2, round(PICTURE_HEIGHT_MM * px)), 255)
    ImageDraw.Draw(drawn).text((-left + 1, (drawn.height - (bottom - top)) // 2 - top), name, font=font, fill=0)
    width = round(CARD_WIDTH_MM * px)
    card = Image.new("L", (width, drawn.height), 255)
    if drawn.width > width:
        drawn = drawn.resize((width, drawn.height))  # squeezed, never wrapped or smaller
    card.paste(drawn, ((width - drawn.width) // 2, 0))
    buffer = BytesIO()
    card.save(buffer, "PNG", dpi=(PICTURE_DPI, PICTURE_DPI), compress_level=1)  # default level: 1.6× the time
    buffer.seek(0)
    return buffer


def _turned(picture):
    from io import BytesIO

    from PIL import Image

    turned = BytesIO()
    image = Image.open(picture)
    image.rotate(180).save(turned, "PNG", dpi=(PICTURE_DPI, PICTURE_DPI), compress_level=1)
    picture.seek(0)
    turned.seek(0)
    return turned
