"""Reading rendered documents back with python-docx: text everywhere, fonts, tags."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
LEFTOVER = ("{{", "}}", "{%", "%}")


def open_docx(content: bytes) -> Document:
    return docx.Document(io.BytesIO(content))


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def all_paragraphs(document: Document) -> Iterator[Paragraph]:
    """Body, tables, and every header and footer (first page, odd, even)."""
    yield from document.paragraphs
    for table in document.tables:
        yield from _table_paragraphs(table)
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                yield from part.paragraphs


def all_text(document: Document) -> str:
    return "\n".join(p.text for p in all_paragraphs(document))


def tags(document: Document) -> set[str]:
    """Every docxtpl tag, whitespace normalised ({{ a }} and {{a}} alike)."""
    return {re.sub(r"\s+", " ", tag) for tag in TAG.findall(all_text(document))}


def body_texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def find(document: Document, predicate: object) -> Paragraph:
    for paragraph in document.paragraphs:
        if predicate(paragraph.text):  # type: ignore[operator]
            return paragraph
    raise AssertionError("no such paragraph")


def east_asia_font(run: Run) -> str | None:
    rpr = run._r.rPr
    fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def run_sizes(paragraph: Paragraph) -> set[float]:
    return {run.font.size.pt for run in paragraph.runs if run.text and run.font.size}


def run_fonts(paragraph: Paragraph) -> set[str | None]:
    return {east_asia_font(run) for run in paragraph.runs if run.text.strip()}


def header_row(table: Table) -> list[str]:
    return [cell.text.strip() for cell in table.rows[0].cells]


def first_column(table: Table) -> list[str]:
    """Row labels of a form, merged cells once."""
    labels: list[str] = []
    for row in table.rows:
        text = row.cells[0].text.strip()
        if text and (not labels or labels[-1] != text):
            labels.append(text)
    return labels
