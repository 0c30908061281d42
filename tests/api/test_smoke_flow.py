"""The path from an item's arrival to its reply, end to end through HTTP (R-AS-1, R-DL-1..4,
R-RP-1..10)."""

from __future__ import annotations

from datetime import date

V1 = "/api/v1"


def make_item(world, number=15, proposers=("zhang", "li"), session="npc_county", **extra):
    links = [
        {"proposer_id": world.proposers[p], "is_lead": i == 0} for i, p in enumerate(proposers)
    ]
    body = {
        "session_id": world.sessions[session],
        "number": number,
        "title": "关于加快农村公路提档升级的建议",
        "content": "建议加快……",
        "proposers": links,
        "second_assignment": "2024-04-11",
        **extra,
    }
    response = world.post("staff", f"{V1}/items", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def assign(world, item_id, units):
    response = world.put(
        "staff",
        f"{V1}/items/{item_id}/assignments",
        json={"units": [{"unit_id": world.units[u], "role": r} for u, r in units]},
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_item_to_reply(world):
    item = make_item(world)
    detail = assign(world, item["id"], [("transport", "main"), ("finance", "co")])
    main = next(a for a in detail["assignments"] if a["role"] == "main")
    due = {d["rule_id"]: d["due"] for d in main["deadlines"]}
    assert due["R-DL-1"] == "2024-05-06" and due["R-DL-4"] == "2024-07-11"

    draft = world.post(
        "handler",
        f"{V1}/items/{item['id']}/replies",
        json={
            "reply_class": "A",
            "document_number": "魏交函〔2024〕15号",
            "body": "经研究，答复如下……",
            "letter_date": "2024-06-20",
        },
    )
    assert draft.status_code == 201, draft.text
    reply = draft.json()
    assert [r["salutation"] for r in reply["recipients"]] == ["张三代表：", "李四代表："]
    assert reply["copy_to"] == ["县人大常委会选举任免代表工作委员会", "县政府办公室", "县财政局"]
    assert reply["heading"] == "魏县第十届人民代表大会第三次会议第15号建议的答复"

    signed = world.post("leader", f"{V1}/replies/{reply['id']}/sign")
    assert signed.status_code == 200, signed.text
    returned = world.post(
        "staff", f"{V1}/replies/{reply['id']}/return", json={"reasons": "针对性不强"}
    )
    assert returned.json()["status"] == "returned"
    fixed = world.patch("handler", f"{V1}/replies/{reply['id']}", json={"body": "逐项答复……"})
    assert fixed.status_code == 200
    world.post("leader", f"{V1}/replies/{reply['id']}/sign")
    approved = world.post("staff", f"{V1}/replies/{reply['id']}/approve", json={"reply_class": "B"})
    assert approved.json()["reply_class"] == "B" and approved.json()["unit_class"] == "A"
    sent = world.post("handler", f"{V1}/replies/{reply['id']}/send", json={"sent_on": "2024-07-01"})
    assert sent.status_code == 200, sent.text
    detail = world.get("staff", f"{V1}/items/{item['id']}").json()
    main = next(a for a in detail["assignments"] if a["role"] == "main")
    states = {d["rule_id"]: d["state"] for d in main["deadlines"]}
    assert states["R-DL-4"] == "done_on_time"
    timeline = world.get("staff", f"{V1}/items/{item['id']}/timeline").json()
    assert any(e["entity"] == "replies" and e["action"] == "update" for e in timeline)
    assert date.fromisoformat(timeline[0]["at"][:10])
