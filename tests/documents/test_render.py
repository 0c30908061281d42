"""Rendering, batches and PDF: file names in Chinese, no silent blanks, a clear 501 cause."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from jinja2 import UndefinedError

from api.documents import PdfUnavailable, reply_letters, to_pdf, zip_documents
from api.documents.render import render, safe_filename
from api.documents.templates import letter_attachment
from tests.documents.conftest import COUNTY_CPPCC, TEACHERS, letter
from tests.documents.readback import body_texts, open_docx


def test_a_batch_zips_every_letter_under_its_chinese_name() -> None:
    """R-RP-3: three deputies and one lead give four letters in one zip."""
    files = reply_letters(letter()) + reply_letters(letter((TEACHERS,), COUNTY_CPPCC))
    archive = zipfile.ZipFile(io.BytesIO(zip_documents(files)))
    assert archive.namelist() == [name for name, _ in files]
    assert "魏县第十届人大第三次会议第15号建议答复-张三.docx" in archive.namelist()
    assert all(info.flag_bits & 0x800 for info in archive.infolist())  # UTF-8 names
    content = archive.read("政协魏县第十届委员会第三次会议第8号提案答复-李四.docx")
    assert "李四委员：" in body_texts(open_docx(content))


def test_a_repeated_name_in_a_batch_is_numbered() -> None:
    archive = zipfile.ZipFile(io.BytesIO(zip_documents([("答复.docx", b"1"), ("答复.docx", b"2")])))
    assert archive.namelist() == ["答复.docx", "答复（2）.docx"]


def test_file_names_lose_what_windows_refuses() -> None:
    assert safe_filename('答复-张/三:"?.docx') == "答复-张＿三＿＿＿.docx"


def test_a_tag_without_a_value_is_an_error_not_a_blank() -> None:
    """Never a letter with blanks: an incomplete context fails loudly."""
    data = letter()
    template = letter_attachment(data.letter_type, data.kind, data.level).filename
    with pytest.raises(UndefinedError):
        render(template, {"letterhead": "魏县交通运输局"})


def test_pdf_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API maps PdfUnavailable to 501."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        to_pdf(b"")


@pytest.mark.skipif(
    not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice 未安装"
)
def test_pdf_with_libreoffice() -> None:
    (_, content), *_ = reply_letters(letter())
    assert to_pdf(content).startswith(b"%PDF")
