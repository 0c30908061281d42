"""The one layout of attachments 3–10 (会办意见 and 答复), in GB/T 9704-2012 letter format.

Top to bottom (R-RP-7, LETTER-FORMAT.md): letterhead and red double rule in the first page's
header (30 mm from the paper's top edge); secret level left and disclosure mark right
(R-RP-2); the class mark above the document number on replies (R-RP-1); title; addressee;
opening on replies; body; date (the seal goes over it); signing leader and contact note;
copy-to between two rules at the foot of the last page (R-RP-6). Page numbers 4号 at the
outside edge, none on the first page.

Every value is a docxtpl tag whose text comes from ``api.documents.contexts``.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from gbt9704 import (
    CENTER,
    FANGSONG,
    HEITI,
    KAITI,
    LEFT,
    RED,
    RIGHT,
    SIZE_2,
    SIZE_4,
    XIAOBIAOSONG,
    indent,
    page_number,
    para,
    paragraph_rule,
    right_tab,
    run,
    spacing,
    table,
    table_rules,
    tag_paragraph,
)

from api.documents.templates import LetterAttachment
from domain.replies import LetterType

LETTERHEAD_SIZE = 26  # 一号
RULE_OVERHANG_MM = 7  # the red rule is 170 mm long, 7 mm beyond the type area each side


def build_letter(document: Document, attachment: LetterAttachment) -> None:
    """Writes attachment 3–10 into an empty document set up by ``gbt9704``."""
    is_reply = attachment.letter_type is LetterType.REPLY
    _first_page_letterhead(document.sections[0])
    _page_numbers(document)
    _top_marks(document, with_class=is_reply)
    _title(document)
    para(document, "{{ salutation }}", align=LEFT)
    if is_reply:
        para(document, "{{ opening }}", first_line=2)
    _body(document)
    _date_and_notes(document)
    _copy_to(document)


def _first_page_letterhead(section: Section) -> None:
    """发文机关标志: the unit's name, red 小标宋, centred, a red thick-thin double rule below."""
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    letterhead = header.paragraphs[0]
    letterhead.alignment = CENTER
    spacing(letterhead.paragraph_format, Pt(LETTERHEAD_SIZE * 1.5))
    run(letterhead, "{{ letterhead }}", font=XIAOBIAOSONG, size=LETTERHEAD_SIZE, color=RED)
    paragraph_rule(letterhead, val="thickThinSmallGap", eighths=24, color="FF0000")
    ind = letterhead._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:left"), str(-round(Mm(RULE_OVERHANG_MM).twips)))
    ind.set(qn("w:right"), str(-round(Mm(RULE_OVERHANG_MM).twips)))


def _page_numbers(document: Document) -> None:
    """Odd pages right, even pages left, one character in from the edge; page 1 has none."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.first_page_footer.is_linked_to_previous = False
    section.even_page_header.is_linked_to_previous = False
    for footer, align, side in (
        (section.footer, RIGHT, "right"),
        (section.even_page_footer, LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        number = footer.paragraphs[0]
        number.alignment = align
        page_number(number)
        indent(number, **{side: 1}, size=SIZE_4)  # type: ignore[arg-type]


def _top_marks(document: Document, *, with_class: bool) -> None:
    """密级 top left (黑体, secret items only), 是否同意公开 top right, class, document number."""
    marks = para(document, align=LEFT)
    right_tab(marks)
    run(marks, "{{ secret_level }}", font=HEITI)
    run(marks, "\t")
    run(marks, "{{ disclosure_mark }}")
    if with_class:
        para(document, "{{ reply_class }}", align=RIGHT)
    para(document, "{{ document_number }}", align=RIGHT)
    para(document)


def _title(document: Document) -> None:
    """The heading naming congress, term, meeting and numbers; the merged items' proposers."""
    para(document, "{{ heading }}", font=XIAOBIAOSONG, size=SIZE_2, align=CENTER)
    tag_paragraph(document, "{%p if merged_note %}")
    para(document, "{{ merged_note }}", font=KAITI, align=CENTER)
    tag_paragraph(document, "{%p endif %}")
    para(document)


def _body(document: Document) -> None:
    """One paragraph per body paragraph: 一、 headings 黑体, （一） 楷体, the rest 仿宋."""
    tag_paragraph(document, "{%p for paragraph in body %}")
    body = para(document, first_line=2)
    run(body, "{{ paragraph.heading1 }}", font=HEITI)
    run(body, "{{ paragraph.heading2 }}", font=KAITI)
    run(body, "{{ paragraph.text }}", font=FANGSONG)
    tag_paragraph(document, "{%p endfor %}")


def _date_and_notes(document: Document) -> None:
    """Room for the seal, the date four characters in from the right, then the notes (附注)."""
    para(document)
    para(document)
    date = para(document, "{{ date }}", align=RIGHT)
    indent(date, right=4)
    para(document, "领导签发：{{ signing_leader }}", first_line=2)
    para(document, "（联系人：{{ contact_person }}，联系电话：{{ contact_phone }}）", first_line=2)


def _copy_to(document: Document) -> None:
    """版记: 抄送 4号 between two rules, floating at the foot of the last page (R-RP-6).

    One character in from each side; a second line starts under the first name (GB/T 9704).
    """
    box = table(document, (156,))
    box.style = None
    table_rules(box, {"top": 8, "bottom": 8})
    anchor = OxmlElement("w:tblpPr")
    for key, value in (
        ("leftFromText", "0"),
        ("rightFromText", "0"),
        ("vertAnchor", "margin"),
        ("horzAnchor", "margin"),
        ("tblpXSpec", "center"),
        ("tblpYSpec", "bottom"),
    ):
        anchor.set(qn(f"w:{key}"), value)
    box._tbl.tblPr.insert_element_before(anchor, "w:tblOverlap", "w:bidiVisual", "w:tblW")
    line = box.cell(0, 0).paragraphs[0]
    line.alignment = LEFT
    spacing(line.paragraph_format, Pt(SIZE_4 * 1.8))
    run(line, "{{ copy_to_line }}", font=FANGSONG, size=SIZE_4)
    indent(line, left=4, hanging=3, right=1, size=SIZE_4)  # lines after 抄送： align
    para(document, size=SIZE_4)
