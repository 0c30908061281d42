"""Small helpers the API tests share: making items, assigning, driving a reply, reading problems.

Every helper goes through HTTP as a real client would, except ``db`` (a session on the app's
own database, for what only storage can show: hashes, audit rows).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import User

V1 = "/api/v1"
PROBLEM = "application/problem+json"

GOOD_REPLY = {
    "reply_class": "A",
    "document_number": "魏交函〔2024〕15号",
    "body": "经研究，答复如下……",
    "letter_date": "2024-06-20",
}


def links(world, proposers) -> list[dict[str, Any]]:
    """Proposer links, the first one the lead."""
    return [{"proposer_id": world.proposers[p], "is_lead": i == 0} for i, p in enumerate(proposers)]


def item_body(world, number, proposers=("zhang", "li"), session="npc_county", **extra):
    return {
        "session_id": world.sessions[session],
        "number": number,
        "title": f"关于第{number}号事项的建议",
        "content": "建议加快……",
        "proposers": links(world, proposers),
        "second_assignment": "2024-04-11",
        **extra,
    }


def make_item(world, number=15, proposers=("zhang", "li"), session="npc_county", **extra):
    response = world.post(
        "staff", f"{V1}/items", json=item_body(world, number, proposers, session, **extra)
    )
    assert response.status_code == 201, response.text
    return response.json()


def assign(world, item_id, units, who="staff"):
    """``units``: (unit key, role) pairs, e.g. [("transport", "main"), ("finance", "co")]."""
    response = world.put(
        who,
        f"{V1}/items/{item_id}/assignments",
        json={"units": [{"unit_id": world.units[u], "role": r} for u, r in units]},
    )
    assert response.status_code == 200, response.text
    return response.json()


def assigned_item(world, number=15, units=(("transport", "main"),), **kw):
    item = make_item(world, number, **kw)
    assign(world, item["id"], units)
    return item


def draft(world, item_id, who="handler", **fields):
    response = world.post(who, f"{V1}/items/{item_id}/replies", json={**GOOD_REPLY, **fields})
    assert response.status_code == 201, response.text
    return response.json()


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def sign(world, reply_id, who="leader"):
    return ok(world.post(who, f"{V1}/replies/{reply_id}/sign"))


def approve(world, reply_id, who="staff", **body):
    return ok(world.post(who, f"{V1}/replies/{reply_id}/approve", json=body))


def send(world, reply_id, who="handler", sent_on="2024-07-01"):
    return ok(world.post(who, f"{V1}/replies/{reply_id}/send", json={"sent_on": sent_on}))


def sent_reply(world, item_id, unit_who=("handler", "leader"), sender="handler", **fields):
    """A reply taken all the way: drafted, signed, approved, sent."""
    reply = draft(world, item_id, who=unit_who[0], **fields)
    sign(world, reply["id"], who=unit_who[1])
    approve(world, reply["id"])
    return send(world, reply["id"], who=sender)


def problem(
    response: httpx.Response,
    status: int,
    *,
    field: str | None = None,
    rule_id: str | None = None,
) -> dict[str, Any]:
    """Asserts an RFC 9457 problem with a Chinese detail, the field at fault and the rule."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM, response.headers
    body = response.json()
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body
    if field is not None:
        assert body.get("field") == field, body
    if rule_id is not None:
        assert body.get("rule_id") == rule_id, body
        assert body["type"].endswith(f"/{rule_id}"), body
    return body


@contextmanager
def db(world):
    """A session on the app's database (what only storage can show)."""
    session: Session = world.client.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()


def user_id(world, username: str) -> int:
    with db(world) as session:
        found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None
    return found


def iso(day: date) -> str:
    return day.isoformat()


def add_user(world, key: str, role: str, unit: str | None = None) -> None:
    """A further user made through the API, signed in, usable as ``world.get(key, …)``."""
    password = "Banli-more-2024"
    body = {"username": key, "display_name": f"{key}用户", "password": password, "role": role}
    if unit is not None:
        body["unit_id"] = world.units[unit]
    ok(world.post("admin", f"{V1}/users", json=body), 201)
    form = {"username": key, "password": password}
    world.tokens[key] = ok(world.client.post(f"{V1}/auth/token", data=form))["access_token"]
    change = {"old_password": password, "new_password": "Banli-own-2024"}  # at first sign-in
    assert world.post(key, f"{V1}/auth/password", json=change).status_code == 204


def deadlines(item: dict[str, Any], unit_id: int) -> dict[str, dict[str, Any]]:
    """One unit's deadlines on an item read from the API, by rule id."""
    assignment = next(a for a in item["assignments"] if a["unit_id"] == unit_id)
    return {d["rule_id"]: d for d in assignment["deadlines"]}
