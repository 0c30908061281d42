"""GB/T 9704-2012 page, fonts and paragraphs for the templates, written with python-docx.

LETTER-FORMAT.md: A4, margins top 37 / bottom 35 / left 28 / right 26 mm, 22 lines a page;
仿宋_GB2312 3号 body, 方正小标宋简体 2号 titles, 4号 page numbers and copy-to. Chinese fonts
go on ``w:eastAsia`` (Word takes the font of Chinese text from there only).
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

SIZE_2 = 22  # 2号: titles
SIZE_3 = 16  # 3号: body
SIZE_4 = 14  # 4号: copy-to, page numbers, tables, footnotes
LINE = Pt(28.95)  # 225 mm type area / 22 lines
TABLE_LINE = Pt(22)
TEXT_WIDTH = Mm(156)
RED = RGBColor(0xFF, 0x00, 0x00)

LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def set_fonts(rpr: Any, font: str) -> None:
    """ASCII, hAnsi, East Asian and complex-script fonts all ``font``; theme fonts removed,
    since a theme attribute would override the East Asian one."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_FONTS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def page_setup(section: Section) -> None:
    """A4 portrait, the four GB/T margins, a 22-line grid (LETTER-FORMAT.md, Page)."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(30), Mm(24)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE.pt * 20)))


def default_text(document: Document) -> None:
    """Normal style and document defaults: 仿宋_GB2312 3号, Chinese, fixed 22-line spacing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
    normal.font.size = Pt(SIZE_3)
    spacing(normal.paragraph_format)


def spacing(fmt: Any, line: Length = LINE) -> None:
    """Fixed line spacing, no space before or after."""
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, line
    fmt.space_before = fmt.space_after = Pt(0)


def run(
    paragraph: Paragraph,
    text: str,
    *,
    font: str = FANGSONG,
    size: float = SIZE_3,
    bold: bool = False,
    color: RGBColor | None = None,
) -> None:
    """One run with its fonts spelled out, so a tag keeps its look when rendered."""
    r = paragraph.add_run(text)
    set_fonts(r._r.get_or_add_rPr(), font)
    r.font.size = Pt(size)
    if bold:
        r.font.bold = True
    if color is not None:
        r.font.color.rgb = color


def para(
    container: Any,
    text: str = "",
    *,
    font: str = FANGSONG,
    size: float = SIZE_3,
    align: WD_ALIGN_PARAGRAPH = JUSTIFY,
    first_line: int = 0,
    bold: bool = False,
    color: RGBColor | None = None,
    line: Length = LINE,
) -> Paragraph:
    """A paragraph of one run; ``first_line`` is the first-line indent in characters (空二字)."""
    paragraph: Paragraph = container.add_paragraph()
    paragraph.alignment = align
    spacing(paragraph.paragraph_format, line)
    if first_line:
        indent(paragraph, first_line=first_line, size=size)
    if text:
        run(paragraph, text, font=font, size=size, bold=bold, color=color)
    return paragraph


def indent(
    paragraph: Paragraph,
    *,
    first_line: float = 0,
    hanging: float = 0,
    left: float = 0,
    right: float = 0,
    size: float = SIZE_3,
) -> None:
    """Indents in characters (w:…Chars, hundredths) with the twips value for other readers."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    named = (("firstLine", first_line), ("hanging", hanging), ("left", left), ("right", right))
    for name, chars in named:
        if chars:
            ind.set(qn(f"w:{name}"), str(round(chars * size * 20)))
            ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))


def tag_paragraph(container: Any, tag: str) -> Paragraph:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag; rendering removes it."""
    return para(container, tag, size=SIZE_4, align=LEFT)


def right_tab(paragraph: Paragraph) -> None:
    """A right tab stop at the right edge of the type area: left item … right item."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _edge(side: str, val: str, eighths: int, color: str, space: int) -> Any:
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", val), ("sz", eighths), ("space", space), ("color", color)):
        edge.set(qn(f"w:{key}"), str(value))
    return edge


def paragraph_rule(
    paragraph: Paragraph, *, val: str = "single", eighths: int = 8, color: str = "000000"
) -> None:
    """A rule under a paragraph (w:pBdr/w:bottom); ``eighths`` is its width in 1/8 pt."""
    ppr = paragraph._p.get_or_add_pPr()
    box = OxmlElement("w:pBdr")
    box.append(_edge("bottom", val, eighths, color, 6))
    ppr.insert_element_before(box, *_PPR_AFTER_BORDER)


def table_rules(grid: Table, sides: dict[str, int]) -> None:
    """Only the named table borders, each of a width in 1/8 pt; every other border none."""
    tblpr = grid._tbl.tblPr
    box = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        eighths = sides.get(side, 0)
        box.append(_edge(side, "single" if eighths else "nil", eighths, "000000", 0))
    tblpr.insert_element_before(box, *_TBLPR_AFTER_BORDERS)


def page_number(paragraph: Paragraph) -> None:
    """— PAGE — in 4号 宋体 half-width digits (GB/T 9704-2012 7.5)."""
    run(paragraph, "— ", font=SONGTI, size=SIZE_4)
    for field_char, instruction in (("begin", ""), ("", " PAGE "), ("separate", "")):
        r = paragraph.add_run()
        set_fonts(r._r.get_or_add_rPr(), SONGTI)
        element = OxmlElement("w:fldChar" if field_char else "w:instrText")
        if field_char:
            element.set(qn("w:fldCharType"), field_char)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
        r._r.append(element)
    run(paragraph, "1", font=SONGTI, size=SIZE_4)
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    run(paragraph, " —", font=SONGTI, size=SIZE_4)


def table(document: Document, widths_mm: tuple[float, ...], rows: int = 1) -> Table:
    """A bordered, centred table of fixed column widths."""
    grid = document.add_table(rows=rows, cols=len(widths_mm))
    grid.style = document.styles["Table Grid"]
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(grid.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return grid


def cell_text(
    cell: _Cell,
    text: str,
    *,
    font: str = FANGSONG,
    size: float = SIZE_4,
    align: WD_ALIGN_PARAGRAPH = CENTER,
    bold: bool = False,
) -> Paragraph:
    """A line of text in a table cell (4号 by default); the cell's empty first paragraph is used."""
    paragraph = cell.paragraphs[-1]
    if paragraph.runs:
        paragraph = cell.add_paragraph()
    paragraph.alignment = align
    spacing(paragraph.paragraph_format, TABLE_LINE)
    run(paragraph, text, font=font, size=size, bold=bold)
    return paragraph


def header_cell(cell: _Cell, text: str, *, size: float = SIZE_4) -> None:
    """A bold 黑体 column or row header, centred both ways (LETTER-FORMAT.md, Forms)."""
    cell_text(cell, text, font=HEITI, size=size, bold=True)
    centre_vertically(cell)


def centre_vertically(cell: _Cell) -> None:
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "center")
    cell._tc.get_or_add_tcPr().append(valign)


def row_height(row: Any, height_mm: float) -> None:
    """A minimum row height, room for the hand-written answer of a form."""
    row.height = Mm(height_mm)


def repeat_header(row: Any) -> None:
    """The header row repeats on every page of a long table."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
