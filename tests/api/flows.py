"""Shared steps for the part-2 API tests (visits, feedback, publication, oversight,
attachments, calendar admin, KPIs): make an item, assign it, take a reply to sent, read its
deadlines. Everything goes through HTTP as in ``test_smoke_flow.py``; ``db`` is only for
what a client cannot do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy.orm import Session

V1 = "/api/v1"
PROBLEM = "application/problem+json"
# The handler who drafts and the leader who signs, per unit key of the ``world``.
UNIT_USERS = {"transport": ("handler", "leader"), "finance": ("other_handler", "other_leader")}
CODES = {"transport": "魏交函", "finance": "魏财函"}


def make_item(
    world,
    number: int,
    proposers=("zhang", "li"),
    session: str | int = "npc_county",
    second_assignment: str | None = "2024-04-11",
    who: str = "staff",
    **extra: Any,
) -> dict[str, Any]:
    """An item of a congress session (a key of ``world.sessions`` or a session id)."""
    links = [
        {"proposer_id": world.proposers[p], "is_lead": i == 0} for i, p in enumerate(proposers)
    ]
    body = {
        "session_id": world.sessions[session] if isinstance(session, str) else session,
        "number": number,
        "title": extra.pop("title", f"关于第{number}号事项的建议"),
        "content": extra.pop("content", "建议加快……"),
        "proposers": links,
        "second_assignment": second_assignment,
        **extra,
    }
    return ok(world.post(who, f"{V1}/items", json=body), 201)


def assign(world, item_id: int, units, who: str = "staff") -> dict[str, Any]:
    """``units``: (unit key, role) pairs, e.g. [("transport", "main"), ("finance", "co")]."""
    body = {"units": [{"unit_id": world.units[u], "role": r} for u, r in units]}
    return ok(world.put(who, f"{V1}/items/{item_id}/assignments", json=body))


def assigned(world, number: int, units=(("transport", "main"),), **kw: Any) -> dict[str, Any]:
    item = make_item(world, number, **kw)
    assign(world, item["id"], units, who=kw.get("who", "staff"))
    return item


def send_reply(
    world,
    item_id: int,
    reply_class: str = "A",
    sent_on: str = "2024-07-01",
    disclosure: str = "unmarked",
    unit: str = "transport",
    approve_as: str | None = None,
    sender: str | None = None,
    office: str = "staff",
    **fields: Any,
) -> dict[str, Any]:
    """Drafted by the unit's handler, signed by its leader, approved by the office (class
    corrected to ``approve_as`` if given), sent on ``sent_on``."""
    handler, leader = UNIT_USERS[unit]
    body = {
        "reply_class": reply_class,
        "disclosure": disclosure,
        "document_number": f"{CODES[unit]}〔2024〕{item_id}号",
        "body": "经研究，答复如下……",
        "letter_date": sent_on,
        **fields,
    }
    reply = ok(world.post(handler, f"{V1}/items/{item_id}/replies", json=body), 201)
    ok(world.post(leader, f"{V1}/replies/{reply['id']}/sign"))
    approval = {"reply_class": approve_as} if approve_as else {}
    ok(world.post(office, f"{V1}/replies/{reply['id']}/approve", json=approval))
    sent = world.post(
        sender or handler, f"{V1}/replies/{reply['id']}/send", json={"sent_on": sent_on}
    )
    return ok(sent)


def publish(world, reply_id: int, on: str, who: str = "handler") -> httpx.Response:
    return world.post(
        who,
        f"{V1}/replies/{reply_id}/publish",
        json={"published_on": on, "url": f"https://www.weixian.gov.cn/jyta/r{reply_id}.html"},
    )


def deadlines(
    world, item_id: int, unit: str = "transport", who: str = "staff"
) -> dict[str, dict[str, Any]]:
    """The unit's deadlines on the item, by rule id, as the item detail shows them."""
    detail = ok(world.get(who, f"{V1}/items/{item_id}"))
    (assignment,) = [a for a in detail["assignments"] if a["unit_id"] == world.units[unit]]
    return {d["rule_id"]: d for d in assignment["deadlines"]}


def visit(world, item_id: int, who: str = "handler", **body: Any) -> httpx.Response:
    """A visit card (attachment 13); face to face on 2024-05-10 unless told otherwise."""
    card = {"mode": "face_to_face", "visited_on": "2024-05-10", "visitors": "李局长、王五", **body}
    return world.post(who, f"{V1}/items/{item_id}/visits", json=card)


def feedback(
    world,
    item_id: int,
    proposer: str,
    satisfaction: str = "satisfied",
    received_on: str = "2024-07-10",
    unit: str = "transport",
    who: str = "npc",
    **extra: Any,
) -> httpx.Response:
    """A feedback form (attachments 11/12) recorded by a liaison."""
    body = {
        "unit_id": world.units[unit],
        "proposer_id": world.proposers[proposer],
        "received_on": received_on,
        "satisfaction": satisfaction,
        **extra,
    }
    return world.post(who, f"{V1}/items/{item_id}/feedback", json=body)


def new_session(world, year: int, kind: str = "suggestion", term: int = 11) -> int:
    """Another congress session (for items of another year)."""
    body = {
        "kind": kind,
        "level": "county",
        "body_name": "魏县",
        "term": term,
        "meeting": 1,
        "year": year,
    }
    return ok(world.post("staff", f"{V1}/sessions", json=body), 201)["id"]


def item_ids(*items: dict[str, Any]) -> list[int]:
    return sorted(i["id"] for i in items)


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def problem(
    response: httpx.Response, status: int, *, field: str | None = None, rule_id: str | None = None
) -> dict[str, Any]:
    """Asserts an RFC 9457 problem with a Chinese detail, the field at fault and the rule."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM, response.headers
    body = response.json()
    assert body["status"] == status
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body
    if field is not None:
        assert body.get("field") == field, body
    if rule_id is not None:
        assert body.get("rule_id") == rule_id, body
        assert body["type"].endswith(f"/{rule_id}"), body
    return body


@contextmanager
def db(world) -> Iterator[Session]:
    """A session on the app's database, for what a client cannot do."""
    session: Session = world.client.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()
