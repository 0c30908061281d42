"""Documents through HTTP (issue 5): letters per recipient (R-RP-3), a zip of several with
Chinese names, and a 422 that lists every missing element (R-RP-7) — never blanks."""

from __future__ import annotations

import io
import shutil
import zipfile
from urllib.parse import unquote

import docx

from tests.api.test_smoke_flow import V1, assign, make_item


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def _draft(world, item_id, **fields):
    body = {
        "reply_class": "A",
        "document_number": "魏交函〔2024〕15号",
        "body": "一、基本情况\n经研究，答复如下。",
        "letter_date": "2024-06-20",
        **fields,
    }
    response = world.post("handler", f"{V1}/items/{item_id}/replies", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_joint_suggestion_gives_one_letter_per_deputy_in_a_zip(world):
    item = make_item(world, proposers=("zhang", "li", "wang"))
    assign(world, item["id"], [("transport", "main"), ("finance", "co")])
    reply = _draft(world, item["id"])
    response = world.get("handler", f"{V1}/replies/{reply['id']}/letters")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == 3
    assert [n.rsplit("-", 1)[1] for n in sorted(names)] == sorted(
        ["张三.docx", "李四.docx", "王五.docx"]
    )
    text = _text(archive.read(next(n for n in names if n.endswith("李四.docx"))))
    assert "魏县第十届人民代表大会" in text and "第15号建议的答复" in text
    assert "李四代表：" in text
    assert "县人大常委会选举任免代表工作委员会" in text and "县财政局" in text
    assert "{{" not in text and "{%" not in text


def test_a_proposal_gives_one_letter_to_the_lead(world):
    item = make_item(world, number=8, proposers=("zhao", "qian"), session="cppcc_county")
    assign(world, item["id"], [("transport", "main")])
    reply = _draft(world, item["id"])
    response = world.get("handler", f"{V1}/replies/{reply['id']}/letters")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    name = unquote(response.headers["content-disposition"].split("UTF-8''")[1])
    assert name.endswith("赵六.docx")
    text = _text(response.content)
    assert "对政协魏县第十届委员会第三次会议第8号提案的答复" in text.replace("\n", "")
    assert "赵六委员：" in text and "钱七" not in text


def test_a_letter_that_cannot_be_made_lists_everything_missing(world):
    item = make_item(world)
    assign(world, item["id"], [("transport", "main")])
    reply = _draft(world, item["id"], document_number=None, reply_class=None)
    world.patch(
        "handler", f"{V1}/replies/{reply['id']}", json={"signing_leader": "", "contact_phone": ""}
    )
    response = world.get("handler", f"{V1}/replies/{reply['id']}/letters")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"document_number", "reply_class", "signing_leader", "contact_phone"} <= fields


def test_pdf_on_request_or_a_clear_501(world):
    item = make_item(world, proposers=("zhang",))
    assign(world, item["id"], [("transport", "main")])
    reply = _draft(
        world,
        item["id"],
    )
    response = world.get("handler", f"{V1}/replies/{reply['id']}/letters", params={"format": "pdf"})
    if shutil.which("libreoffice") or shutil.which("soffice"):
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    else:
        assert response.status_code == 501 and "LibreOffice" in response.json()["detail"]


def test_another_units_reply_letters_are_not_found(world):
    item = make_item(world)
    assign(world, item["id"], [("transport", "main")])
    reply = _draft(world, item["id"])
    assert world.get("other_handler", f"{V1}/replies/{reply['id']}/letters").status_code == 404


def test_breakdown_forms_one_per_proposer(world):
    """附件1 per proposer (R-DL-1), filled from the unit's breakdown entries."""
    item = make_item(world, proposers=("zhang", "li"))
    assign(world, item["id"], [("transport", "main")])
    entries = [
        {
            "proposer_id": world.proposers[p],
            "leader_in_charge": "李局长",
            "handling_office": "公路股",
            "contact_person": "王五",
            "contact_phone": "0310-3519359",
            "delivered_on": "2024-04-20",
        }
        for p in ("zhang", "li")
    ]
    assert (
        world.put(
            "handler", f"{V1}/items/{item['id']}/breakdowns", json={"entries": entries}
        ).status_code
        == 200
    )
    unit = world.units["transport"]
    response = world.get("handler", f"{V1}/units/{unit}/breakdown-forms", params={"year": 2024})
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert len(archive.namelist()) == 2
    text = _text(archive.read(archive.namelist()[0]))
    assert "公路股" in text and "李局长" in text
