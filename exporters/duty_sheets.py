"""The printed 值班要情 and 值班快报 (DOMAIN.md §7), as .pdf (reportlab) and .docx (python-docx), from one layout.

Masthead in red 小标宋, 「第N期」, 「××办公室值班室编」 left and the date right over a red rule; items numbered
一、二、 with 黑体 headings and 仿宋 text; then 领导外出情况 and 需继续关注事项; at the foot a thin rule, 「报：」
「送：」, 带班领导, 值班员, 值班电话 and 「共印×份」. 密级 top-left when any item is classified. An office that wants
its own sheet puts `duty-brief.docx` / `duty-flash.docx` (docxtpl, same field names) in its templates folder.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from exporters.fonts import DOCX_FONTS
from exporters.forms import BODY_FONT, LABEL_FONT, MARGINS_MM, TITLE_FONT
from models.core.paths import user_templates_dir
from models.duty.brief import KINDS, DutyBrief
from models.duty.terms import chinese_ordinal

KAI_FONT = DOCX_FONTS["kai"]
RED = "C00000"
MASTHEAD_PT = 36
TEXT_PT = 16  # 3号
SMALL_PT = 14  # 4号


@dataclass
class Block:
    heading: str
    text: str
    inline: bool = False  # 「接报时间：……」 on one line instead of a heading above the text


@dataclass
class Sheet:
    name: str  # template name
    masthead: str
    number: str
    office: str
    day: str
    mark: str = ""
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    report_to: str = ""
    send_to: str = ""
    people: str = ""  # 带班领导：…　值班员：…　值班电话：…
    signer: str = ""  # 签发: printed before the people, the name in 楷体
    copies: str = ""


def _day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def sheet_for(brief: DutyBrief, office: str) -> Sheet:
    kind = KINDS[brief.kind]
    sheet = Sheet("duty-brief" if brief.kind == "brief" else "duty-flash", kind, brief.number_text,
                  f"{office}值班室编", _day(brief.issued_at.date() if brief.kind == "flash" else brief.day),
                  mark=brief.secrecy if brief.secrecy != "非密" else "", title=brief.full_title,
                  report_to=brief.report_to, send_to=brief.send_to, copies=f"共印{brief.copies}份")
    people = [("带班领导", brief.leader), ("值班员", brief.officers), ("值班电话", brief.phone)]
    sheet.people = "　".join(f"{k}：{v}" for k, v in people if v)
    sheet.signer = brief.signer or ""
    items = brief.item_list
    if brief.kind == "brief":
        if not items:
            sheet.blocks.append(Block("", "本日值班期间无重要情况。"))
        for number, item in enumerate(items, start=1):
            sheet.blocks.append(Block(f"{chinese_ordinal(number)}、{item['heading']}", item["text"]))
        sheet.blocks.append(Block(f"{chinese_ordinal(len(items) + 1)}、领导外出情况", brief.whereabouts or "无。"))
        sheet.blocks.append(Block(f"{chinese_ordinal(len(items) + 2)}、需继续关注事项", brief.open_items or "无。"))
    else:
        for item in items:  # 「接报时间：……」: each part starts its own paragraph with its label
            sheet.blocks.append(Block(item["heading"], item["text"], inline=True))
    return sheet


def values(sheet: Sheet) -> dict:
    """The names a docxtpl template may use."""
    return {"masthead": sheet.masthead, "number": sheet.number, "office": sheet.office, "date": sheet.day,
            "mark": sheet.mark, "title": sheet.title, "report_to": sheet.report_to, "send_to": sheet.send_to,
            "people": "　".join(p for p in (f"签发：{sheet.signer}" if sheet.signer else "", sheet.people) if p),
            "signer": sheet.signer, "copies": sheet.copies,
            "items": [{"heading": b.heading, "text": b.text} for b in sheet.blocks]}


# --- PDF --------------------------------------------------------------------------------------------------

def write_pdf(sheet: Sheet, path: str | Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Flowable,
        HRFlowable,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from exporters.fonts import body_font, heading_font, kai_font, markup, title_font

    body, heading, title_face = body_font(), heading_font(), title_font()
    red = colors.HexColor(f"#{RED}")
    text = ParagraphStyle("text", fontName=body, fontSize=TEXT_PT, leading=TEXT_PT * 1.75, wordWrap="CJK",
                          firstLineIndent=TEXT_PT * 2, alignment=TA_JUSTIFY)
    head = ParagraphStyle("head", parent=text, fontName=heading, firstLineIndent=TEXT_PT * 2)
    masthead = ParagraphStyle("masthead", fontName=title_face, fontSize=MASTHEAD_PT, leading=MASTHEAD_PT * 1.3,
                              alignment=TA_CENTER, textColor=red)
    centre = ParagraphStyle("centre", parent=text, alignment=TA_CENTER, firstLineIndent=0)
    title = ParagraphStyle("title", fontName=title_face, fontSize=22, leading=22 * 1.5, alignment=TA_CENTER,
                           wordWrap="CJK")
    small = ParagraphStyle("small", parent=text, fontSize=SMALL_PT, leading=SMALL_PT * 1.6, firstLineIndent=0,
                           alignment=0)
    small_right = ParagraphStyle("small_right", parent=small, alignment=TA_RIGHT)
    mark = ParagraphStyle("mark", parent=small, fontName=heading, fontSize=TEXT_PT)

    def para(value: str, style) -> Paragraph:
        return Paragraph(markup(value, style.fontName), style)

    width = 210 * mm - (MARGINS_MM["left"] + MARGINS_MM["right"]) * mm
    spaced = "　".join(sheet.masthead) if len(sheet.masthead) <= 4 else sheet.masthead
    story: list[Flowable] = [para(sheet.mark or " ", mark), para(spaced, masthead), para(sheet.number, centre)]
    office_line = Table([[para(sheet.office, small), para(sheet.day, small_right)]],
                        colWidths=[width / 2, width / 2])
    office_line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                     ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    story += [office_line, HRFlowable(width="100%", thickness=2, color=red, spaceBefore=1 * mm, spaceAfter=4 * mm)]
    if sheet.title:
        story += [para(sheet.title, title), Spacer(1, 3 * mm)]
    for block in sheet.blocks:
        lines = block.text.split("\n")
        if block.inline:
            story.append(Paragraph(f"<font name='{heading}'>{markup(block.heading, heading)}：</font>"
                                   f"{markup(lines[0], body)}", text))
            story += [para(line, text) for line in lines[1:]]
        elif block.heading:
            story.append(KeepTogether([para(block.heading, head), para(lines[0], text)]))
            story += [para(line, text) for line in lines[1:]]
        else:
            story += [para(line, text) for line in lines]
    foot: list[Flowable] = [Spacer(1, 8 * mm),
                            HRFlowable(width="100%", thickness=0.75, color=colors.black, spaceAfter=1 * mm)]
    for label, value in (("报：", sheet.report_to), ("送：", sheet.send_to)):
        if value:
            foot.append(Paragraph(f"<font name='{heading}'>{label}</font>{markup(value, body)}", small))
    signer = ""
    if sheet.signer:  # 「签发：」 in 仿宋 and the name in 楷体, as a 签发人 line is set (DOMAIN.md §4)
        kai = kai_font()
        signer = f"签发：<font name='{kai}'>{markup(sheet.signer, kai)}</font>" + ("\xa0\xa0" if sheet.people else "")
    foot += [Paragraph(signer + markup(sheet.people, body), small),
             HRFlowable(width="100%", thickness=0.75, color=colors.black, spaceBefore=1 * mm, spaceAfter=1 * mm),
             para(sheet.copies, small_right)]
    story.append(KeepTogether(foot))

    def page_number(canvas, document) -> None:
        if document.page > 1:
            if sheet.mark:  # page 1 has it above the masthead; a later page would otherwise carry none
                canvas.setFont(heading, TEXT_PT)
                canvas.drawString(MARGINS_MM["left"] * mm, 297 * mm - (MARGINS_MM["top"] - 12) * mm + 4 * mm,
                                  sheet.mark)
            canvas.setFont(body, SMALL_PT)
            canvas.drawCentredString(105 * mm, 15 * mm, f"— {document.page} —")

    document = SimpleDocTemplate(str(path), pagesize=A4, topMargin=(MARGINS_MM["top"] - 12) * mm,
                                 bottomMargin=(MARGINS_MM["bottom"] - 10) * mm, leftMargin=MARGINS_MM["left"] * mm,
                                 rightMargin=MARGINS_MM["right"] * mm, title=f"{sheet.masthead}{sheet.number}",
                                 author="三办")
    document.build(story, onFirstPage=page_number, onLaterPages=page_number)


# --- Word -------------------------------------------------------------------------------------------------

def _rule(paragraph, colour: str, eighths: int, style: str = "single") -> None:
    """A line under the paragraph (a bottom border), as Word draws the red rule of a 版头."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", style), ("sz", str(eighths)), ("space", "1"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def sheet_line(doc, text: str = "", font: str = BODY_FONT, size: float = TEXT_PT, align=None, colour: str = "",
               indent: bool = False, paragraph=None, spacing: float = 1.75):
    """One paragraph of a 值班要情-style sheet (also the 督查通报): exact line spacing, no space around it, the
    text's East Asian face named; `paragraph` fills one the document already has."""
    from docx.shared import Pt, RGBColor

    from exporters.forms import _east_asian

    para = paragraph or doc.add_paragraph()
    if align is not None:
        para.alignment = align
    fmt = para.paragraph_format
    fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(0), Pt(0), Pt(size * spacing)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        run = para.add_run(text)
        run.font.size = Pt(size)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        _east_asian(run, font)
    return para


def write_docx(sheet: Sheet, path: str | Path) -> None:
    custom = user_templates_dir() / f"{sheet.name}.docx"
    if custom.is_file():
        from docxtpl import DocxTemplate

        template = DocxTemplate(str(custom))
        template.render(values(sheet))
        template.save(str(path))
        return
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Mm

    from exporters.forms import later_pages

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"] - 12), Mm(MARGINS_MM["bottom"] - 10)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])

    line = partial(sheet_line, doc)

    later_pages(section, sheet.mark, "", SMALL_PT)
    line(sheet.mark, LABEL_FONT, TEXT_PT, paragraph=doc.paragraphs[0] if doc.paragraphs else None)
    spaced = "　".join(sheet.masthead) if len(sheet.masthead) <= 4 else sheet.masthead
    line(spaced, TITLE_FONT, MASTHEAD_PT, WD_ALIGN_PARAGRAPH.CENTER, RED)
    line(sheet.number, BODY_FONT, TEXT_PT, WD_ALIGN_PARAGRAPH.CENTER)
    office = line(sheet.office, BODY_FONT, SMALL_PT)
    office.paragraph_format.tab_stops.add_tab_stop(Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"]),
                                                   WD_TAB_ALIGNMENT.RIGHT)
    line("\t" + sheet.day, BODY_FONT, SMALL_PT, paragraph=office)
    _rule(office, RED, 18)
    line()
    if sheet.title:
        line(sheet.title, TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER)
    for block in sheet.blocks:
        if block.inline:
            first, *rest = block.text.split("\n")
            para = line(block.heading + "：", LABEL_FONT, TEXT_PT, indent=True)
            line(first, BODY_FONT, TEXT_PT, paragraph=para)
            for text in rest:
                line(text, BODY_FONT, TEXT_PT, indent=True)
            continue
        if block.heading:
            line(block.heading, LABEL_FONT, TEXT_PT, indent=True).paragraph_format.keep_with_next = True
        for text in block.text.split("\n"):
            line(text, BODY_FONT, TEXT_PT, indent=True)
    line()
    rule = line()
    _rule(rule, "000000", 6)
    for label, value in (("报：", sheet.report_to), ("送：", sheet.send_to)):
        if value:
            para = line(label, LABEL_FONT, SMALL_PT)
            line(value, BODY_FONT, SMALL_PT, paragraph=para)
    people = line("签发：" if sheet.signer else "", BODY_FONT, SMALL_PT)
    line(sheet.signer, KAI_FONT, SMALL_PT, paragraph=people)
    line(("　" if sheet.signer else "") + sheet.people, BODY_FONT, SMALL_PT, paragraph=people)
    _rule(people, "000000", 6)
    line(sheet.copies, BODY_FONT, SMALL_PT, WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(str(path))
