"""Attachments through HTTP: real PDF, PNG and DOCX files on an item, reply, visit or report;
type and size limits; downloads with RFC 5987 file names, only for those who may see the
record they belong to. Files go to a temporary directory, never to the project's data/."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import create_app
from api.migrate import upgrade
from api.settings import Settings
from tests.api.flows import V1, assigned, ok, problem, send_reply, visit

ATTACHMENTS = f"{V1}/attachments"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _png() -> bytes:
    """A real 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("魏县交通运输局2024年建议提案办理工作总结")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _settings(db_url: str, directory: Path, **extra) -> Settings:
    return Settings(
        DATABASE_URL=db_url, attachments_dir=directory, spa_dir=Path("/nonexistent"), **extra
    )


@pytest.fixture(scope="module")
def attachments_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("attachments")


@pytest.fixture(scope="module")
def app(db_url: str, attachments_dir: Path) -> Iterator[FastAPI]:
    """The conftest's app, with its files kept in a temporary directory."""
    upgrade(db_url)
    application = create_app(_settings(db_url, attachments_dir))
    yield application
    application.state.engine.dispose()


def upload(world, who: str, parent_type: str, parent_id: int, name: str, data: bytes, client=None):
    return (client or world.client).post(
        ATTACHMENTS,
        headers=world.headers(who),
        data={"parent_type": parent_type, "parent_id": str(parent_id)},
        files={"file": (name, data, "application/octet-stream")},
    )


def listing(world, who: str, parent_type: str, parent_id: int):
    params = {"parent_type": parent_type, "parent_id": parent_id}
    return world.get(who, ATTACHMENTS, params=params)


def test_a_scanned_letter_is_uploaded_listed_and_downloaded(world, attachments_dir):
    item = assigned(world, 1)
    name = "答复函（盖章扫描件）第1号.pdf"
    stored = ok(upload(world, "handler", "item", item["id"], name, PDF), 201)
    assert stored["filename"] == name and stored["content_type"] == "application/pdf"
    assert stored["size"] == len(PDF) and stored["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert (stored["parent_type"], stored["parent_id"]) == ("item", item["id"])
    on_disk = [p for p in attachments_dir.rglob("*") if p.is_file()]
    assert PDF in [p.read_bytes() for p in on_disk]  # in the temporary directory

    assert [a["id"] for a in ok(listing(world, "staff", "item", item["id"]))] == [stored["id"]]
    download = world.get("leader", f"{ATTACHMENTS}/{stored['id']}/content")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    assert f"filename*=UTF-8''{quote(name)}" in disposition
    assert "%E7%AD%94%E5%A4%8D%E5%87%BD" in disposition  # 答复函, percent-encoded UTF-8
    assert disposition.isascii()


def test_a_photo_on_a_visit_a_docx_on_a_reply_and_on_a_report(world):
    item = assigned(world, 2)
    card = ok(visit(world, item["id"]), 201)
    reply = send_reply(world, item["id"])
    report = ok(
        world.post(
            "handler",
            f"{V1}/reports",
            json={"kind": "summary", "year": 2024, "title": "年度总结", "filed_on": "2024-12-20"},
        ),
        201,
    )
    png, docx = _png(), _docx()
    assert docx[:4] == b"PK\x03\x04"
    uploads = [
        ("visit", card["id"], "走访照片.PNG", png, "image/png"),
        ("reply", reply["id"], "答复函.docx", docx, _DOCX),
        ("report", report["id"], "2024年办理工作总结.docx", docx, _DOCX),
    ]
    for parent_type, parent_id, name, data, content_type in uploads:
        stored = ok(upload(world, "handler", parent_type, parent_id, name, data), 201)
        assert stored["content_type"] == content_type
        (listed,) = ok(listing(world, "handler", parent_type, parent_id))
        assert listed["filename"] == name
        got = world.get("staff", f"{ATTACHMENTS}/{stored['id']}/content")
        assert got.content == data and got.headers["content-type"] == content_type
        assert f"filename*=UTF-8''{quote(name)}" in got.headers["content-disposition"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, id="exe"),
        pytest.param("答复函.pdf", b"MZ\x90\x00 not a pdf at all", id="fake pdf"),
        pytest.param("photo.png", PDF, id="pdf named png"),
        pytest.param("答复函", PDF, id="no extension"),
        pytest.param("letter.pdf.exe", PDF, id="double extension"),
    ],
)
def test_wrong_types_are_refused(world, name, data):
    item = assigned(world, 3)
    problem(upload(world, "handler", "item", item["id"], name, data), 415, field="file")
    assert ok(listing(world, "staff", "item", item["id"])) == []


def test_an_empty_file_is_refused(world):
    item = assigned(world, 4)
    problem(upload(world, "handler", "item", item["id"], "空.pdf", b""), 422, field="file")


def test_a_file_over_the_limit_is_refused(world, db_url, tmp_path):
    small = create_app(_settings(db_url, tmp_path, max_upload_bytes=2048))
    try:
        with TestClient(small, raise_server_exceptions=False) as client:
            item = assigned(world, 5)
            exact = PDF + b"%" * (2048 - len(PDF))
            ok(upload(world, "handler", "item", item["id"], "刚好.pdf", exact, client), 201)
            over = exact + b"%"
            body = problem(
                upload(world, "handler", "item", item["id"], "超限.pdf", over, client), 413
            )
            assert body["field"] == "file"
            names = [a["filename"] for a in ok(listing(world, "staff", "item", item["id"]))]
            assert names == ["刚好.pdf"]
            assert sorted(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file()) == [2048]
    finally:
        small.state.engine.dispose()


def test_only_those_who_see_the_record_see_its_files(world):
    item = assigned(world, 6)  # transport only
    joint = assigned(world, 7, units=(("transport", "main"), ("finance", "co")))
    letter = ok(upload(world, "handler", "item", item["id"], "函.pdf", PDF), 201)
    card = ok(visit(world, joint["id"]), 201)
    photo = ok(upload(world, "handler", "visit", card["id"], "照片.png", _png()), 201)
    content = f"{ATTACHMENTS}/{{}}/content"

    problem(listing(world, "other_handler", "item", item["id"]), 404)
    problem(world.get("other_handler", content.format(letter["id"])), 404)
    problem(upload(world, "other_handler", "item", item["id"], "夹带.pdf", PDF), 404)
    # the co-unit sees the joint item, not the main unit's visit card or its photo
    problem(listing(world, "other_handler", "visit", card["id"]), 404)
    problem(world.get("other_leader", content.format(photo["id"])), 404)
    problem(world.get("cppcc", content.format(letter["id"])), 404)  # a suggestion's file
    assert world.get("npc", content.format(letter["id"])).content == PDF
    assert world.get("auditor", content.format(photo["id"])).content == _png()
    problem(upload(world, "auditor", "item", item["id"], "审计.pdf", PDF), 403)
    problem(world.client.get(content.format(letter["id"])), 401)

    ok(world.patch("admin", f"{V1}/items/{item['id']}", json={"secret": True}))
    problem(world.get("staff", content.format(letter["id"])), 404)  # not cleared (R-RP-2)
    problem(world.get("handler", content.format(letter["id"])), 404)
    assert world.get("admin", content.format(letter["id"])).content == PDF


def test_a_report_file_is_its_units_alone(world):
    report = ok(
        world.post(
            "handler",
            f"{V1}/reports",
            json={
                "kind": "analysis",
                "year": 2024,
                "title": "综合分析报告",
                "filed_on": "2024-04-20",
            },
        ),
        201,
    )
    stored = ok(upload(world, "leader", "report", report["id"], "分析报告.docx", _docx()), 201)
    problem(listing(world, "other_handler", "report", report["id"]), 404)
    problem(world.get("other_handler", f"{ATTACHMENTS}/{stored['id']}/content"), 404)
    problem(upload(world, "other_handler", "report", report["id"], "x.pdf", PDF), 404)
    assert len(ok(listing(world, "staff", "report", report["id"]))) == 1


def test_unknown_parents_and_attachments(world):
    problem(upload(world, "staff", "item", 999999, "a.pdf", PDF), 404)
    problem(upload(world, "staff", "reply", 999999, "a.pdf", PDF), 404)
    problem(upload(world, "staff", "visit", 999999, "a.pdf", PDF), 404)
    problem(upload(world, "staff", "report", 999999, "a.pdf", PDF), 404)
    problem(upload(world, "staff", "unit", 1, "a.pdf", PDF), 422, field="parent_type")
    problem(world.get("staff", f"{ATTACHMENTS}/999999/content"), 404)


def test_a_file_name_cannot_climb_out_of_its_directory(world, attachments_dir):
    item = assigned(world, 8)
    stored = ok(upload(world, "handler", "item", item["id"], "../../etc/答复.pdf", PDF), 201)
    assert "/" not in stored["filename"] and stored["filename"].endswith("答复.pdf")
    got = world.get("handler", f"{ATTACHMENTS}/{stored['id']}/content")
    assert got.content == PDF
    assert all(attachments_dir in p.parents for p in attachments_dir.rglob("*"))
