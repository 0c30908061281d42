"""Letters and forms as .docx (and PDF) from their data: docxtpl over the built templates.

Pure of the database and the web: the API hands in ``ReplyLetterData`` or a form and gets
file names and bytes back. Nothing is rendered while an element is missing (R-RP-7): the
caller gets ``IncompleteDocument`` listing them all.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template

from api.documents.checks import require_complete
from api.documents.contexts import (
    ReplyLetterData,
    item_label,
    letter_context,
    letter_recipients,
)
from api.documents.forms import Form
from api.documents.templates import TEMPLATE_DIR, letter_attachment
from domain.model import Proposer


class _CompiledOnce(Environment):
    """docxtpl compiles a part's XML on every render, and that XML is the same each time for
    a template: compile it once (half the time of a letter)."""

    def __init__(self) -> None:
        # Values are escaped for XML; a tag without a value is an error, never a blank.
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= 512:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


_JINJA = _CompiledOnce()
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\r\n\t]')


class PdfUnavailable(RuntimeError):
    """No LibreOffice on this server, so no PDF (the API answers 501)."""


class PdfConversionFailed(RuntimeError):
    """LibreOffice ran but gave no PDF."""


@cache
def _template(path: Path) -> bytes:
    """A template's bytes, read once per process."""
    return path.read_bytes()


def render(template: str, context: Mapping[str, Any]) -> bytes:
    """The template named ``template`` (a file in ``templates_docx/``) filled with ``context``."""
    document = DocxTemplate(io.BytesIO(_template(TEMPLATE_DIR / template)))
    document.render(dict(context), jinja_env=_JINJA, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def letter_filename(data: ReplyLetterData, recipient: Proposer | None) -> str:
    """魏县第十届人大第三次会议第15号建议答复-张三.docx; a co-opinion names its issuing unit."""
    who = recipient.name if recipient is not None else data.unit_name
    label = item_label(data.session, data.numbers)
    return safe_filename(f"{label}{data.letter_type.label}-{who}.docx")


def reply_letters(data: ReplyLetterData) -> list[tuple[str, bytes]]:
    """Every letter ``data`` gives: a joint suggestion one per deputy (R-RP-3), a proposal one
    to its lead, a merged letter one per deputy or lead named (R-MG-3), a co-opinion one."""
    require_complete(data)
    template = letter_attachment(data.letter_type, data.kind, data.level).filename
    return [
        (letter_filename(data, recipient), render(template, letter_context(data, recipient)))
        for recipient in letter_recipients(data)
    ]


def form_document(form: Form) -> tuple[str, bytes]:
    """A form (attachments 1, 2, 11–14) as its file name and .docx bytes."""
    require_complete(form)
    return safe_filename(form.filename), render(form.attachment.filename, form.context())


def safe_filename(name: str) -> str:
    """Characters Windows refuses in file names become full-width underscores."""
    return _UNSAFE_IN_FILE_NAMES.sub("＿", name)


def zip_documents(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A batch as one zip with Chinese (UTF-8) names; a repeated name gets （2）, （3） …"""
    out = io.BytesIO()
    seen: dict[str, int] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, content in files:
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                stem, dot, suffix = name.rpartition(".")
                name = f"{stem}（{seen[name]}）{dot}{suffix}" if dot else f"{name}（{seen[name]}）"
            archive.writestr(name, content)
    return out.getvalue()


def to_pdf(docx: bytes, *, timeout: float = 120) -> bytes:
    """The .docx as PDF through ``libreoffice --headless --convert-to pdf``.

    Each call has its own LibreOffice profile, so conversions may run side by side.
    """
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise PdfUnavailable("服务器未安装 LibreOffice，无法生成 PDF，请下载 Word 文档")
    with tempfile.TemporaryDirectory(prefix="banli-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        command = [
            office,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        result = folder / "document.pdf"
        if done.returncode != 0 or not result.exists():
            message = done.stderr.decode(errors="replace").strip()
            raise PdfConversionFailed(f"PDF 转换失败：{message or done.returncode}")
        return result.read_bytes()
