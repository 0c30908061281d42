"""The committed templates: one per attachment, as the build script writes them, on A4 with
the GB/T 9704 margins, fonts and line grid (LETTER-FORMAT.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx.document import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn

from api.documents import form_document, reply_letters
from api.documents.templates import ATTACHMENTS, LETTERS, TEMPLATE_DIR
from domain.deadlines import YearPlan
from domain.replies import LetterType
from tests.documents.conftest import LETTERS_BY_ATTACHMENT, forms
from tests.documents.readback import all_text, open_docx, tags

ROOT = Path(__file__).resolve().parents[2]
FILENAMES = [a.filename for a in ATTACHMENTS]
MARGINS_MM = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    build = [sys.executable, str(ROOT / "templates_docx" / "build.py"), "--out", str(out)]
    subprocess.run(build, check=True, capture_output=True, cwd=ROOT)
    return out


def rendered_documents() -> dict[int, Document]:
    """Every attachment rendered from the samples, by attachment number."""
    letters = {n: reply_letters(d)[0][1] for n, d in LETTERS_BY_ATTACHMENT.items()}
    filled = {n: form_document(f)[1] for n, f in forms(YearPlan.default(2024)).items()}
    return {n: open_docx(content) for n, content in {**letters, **filled}.items()}


RENDERED = rendered_documents()


def test_there_is_one_template_per_attachment() -> None:
    assert [a.number for a in ATTACHMENTS] == list(range(1, 15))
    assert all((TEMPLATE_DIR / name).is_file() for name in FILENAMES)


@pytest.mark.parametrize("filename", FILENAMES)
def test_committed_template_is_what_the_build_writes(filename: str, fresh_build: Path) -> None:
    """Same tags and same visible text as a fresh ``templates_docx/build.py``."""
    committed = open_docx((TEMPLATE_DIR / filename).read_bytes())
    rebuilt = open_docx((fresh_build / filename).read_bytes())
    assert tags(committed) == tags(rebuilt)
    assert all_text(committed) == all_text(rebuilt)


@pytest.mark.parametrize("attachment", LETTERS, ids=[a.filename for a in LETTERS])
def test_letter_templates_carry_the_tags_of_their_attachment(attachment) -> None:  # type: ignore[no-untyped-def]
    """R-RP-1: class and opening only on replies (5, 6, 9, 10); the rest on all of 3–10."""
    found = tags(open_docx((TEMPLATE_DIR / attachment.filename).read_bytes()))
    common = {
        "{{ letterhead }}",
        "{{ secret_level }}",
        "{{ disclosure_mark }}",
        "{{ document_number }}",
        "{{ heading }}",
        "{{ salutation }}",
        "{{ date }}",
        "{{ signing_leader }}",
        "{{ contact_person }}",
        "{{ contact_phone }}",
        "{{ copy_to_line }}",
        "{%p for paragraph in body %}",
    }
    assert common <= found
    reply_only = {"{{ reply_class }}", "{{ opening }}"}
    if attachment.letter_type is LetterType.REPLY:
        assert reply_only <= found
    else:
        assert not reply_only & found


@pytest.mark.parametrize("number", sorted(RENDERED), ids=[f"附件{n}" for n in sorted(RENDERED)])
def test_page_is_a4_with_the_gbt_margins(number: int) -> None:
    """LETTER-FORMAT.md: 210 × 297 mm; top 37, bottom 35, left 28, right 26 mm (± 0.5 mm)."""
    section = RENDERED[number].sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    for margin, mm in MARGINS_MM.items():
        assert getattr(section, margin).mm == pytest.approx(mm, abs=0.5), margin


@pytest.mark.parametrize("number", sorted(RENDERED), ids=[f"附件{n}" for n in sorted(RENDERED)])
def test_text_is_fangsong_3hao_on_a_22_line_grid(number: int) -> None:
    """仿宋_GB2312 on w:eastAsia (not only ASCII), 16 pt, fixed 28–29 pt lines."""
    document = RENDERED[number]
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:eastAsiaTheme")) is None
    assert normal.font.size.pt == 16
    body = [p for p in document.paragraphs if p.text.strip()]
    for paragraph in body:
        fmt = paragraph.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert 28 <= fmt.line_spacing.pt <= 29
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"


@pytest.mark.parametrize("number", sorted(LETTERS_BY_ATTACHMENT))
def test_letters_number_pages_from_the_second_only(number: int) -> None:
    """GB/T 9704: — 1 — in 4号 at the outside edge; a letter's first page shows none."""
    document = RENDERED[number]
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert document.settings.odd_and_even_pages_header_footer
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()
    for footer in (section.footer, section.even_page_footer):
        number_line = footer.paragraphs[0]
        assert number_line.text == "— 1 —"
        assert "PAGE" in number_line._p.xml
        assert {r.font.size.pt for r in number_line.runs if r.text} == {14}
