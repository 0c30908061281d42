"""Builds the docxtpl templates of the notice's 14 attachments, reproducibly (issue 5).

    .venv/bin/python templates_docx/build.py [--out DIR]

Writes ``01-责任分解表.docx`` … ``14-办理情况复查表.docx`` (names from
``api.documents.templates``) into ``templates_docx/`` or ``DIR``. The same code always gives
the same bytes: fixed document properties and zip timestamps, so a rebuild leaves git clean
and ``tests/documents`` can compare the committed templates with a fresh build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import docx
from docx.document import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the layout modules beside this script

from form_layout import (  # noqa: E402
    build_breakdown,
    build_feedback,
    build_key_items,
    build_lookback,
    build_visit_card,
)
from gbt9704 import default_text, page_setup  # noqa: E402
from letter_layout import build_letter  # noqa: E402

from api.documents import templates as catalogue  # noqa: E402

FIXED_TIME = dt.datetime(2024, 4, 11, tzinfo=dt.UTC)  # the notice's publication date
ZIP_TIME = (2024, 4, 11, 0, 0, 0)

Builder = Callable[[Document], None]


def builders() -> dict[catalogue.Attachment, Builder]:
    """Each attachment with the function that writes it; letters 3–10 share one layout."""
    forms: dict[catalogue.Attachment, Builder] = {
        catalogue.BREAKDOWN: build_breakdown,
        catalogue.KEY_ITEMS: build_key_items,
        catalogue.SUGGESTION_FEEDBACK: partial(build_feedback, item="建议", person="代表"),
        catalogue.PROPOSAL_FEEDBACK: partial(build_feedback, item="提案", person="委员"),
        catalogue.VISIT_CARD: build_visit_card,
        catalogue.LOOKBACK: build_lookback,
    }
    letters = {a: partial(build_letter, attachment=a) for a in catalogue.LETTERS}
    ordered = {**forms, **letters}
    return {a: ordered[a] for a in catalogue.ATTACHMENTS}


def build(attachment: catalogue.Attachment, write: Builder) -> bytes:
    """One template as deterministic .docx bytes."""
    document = docx.Document()
    page_setup(document.sections[0])
    default_text(document)
    write(document)
    props = document.core_properties
    props.title = f"附件{attachment.number} {attachment.notice_name}"
    props.subject = "魏县建议提案办理系统（banli）文书模板"
    props.author = props.last_modified_by = "banli"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_timestamps(buffer.getvalue())


def _fixed_timestamps(package: bytes) -> bytes:
    """The same zip for the same content: every member stamped with one fixed time."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="生成附件1–14的docx模板")
    parser.add_argument("--out", type=Path, default=HERE, help="输出目录（默认 templates_docx/）")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for attachment, write in builders().items():
        (args.out / attachment.filename).write_bytes(build(attachment, write))
        print(f"附件{attachment.number:>2}  {args.out / attachment.filename}")


if __name__ == "__main__":
    main()
