"""Merging items into one letter through HTTP (R-MG-1..4)."""

from __future__ import annotations

import pytest

from tests.api.helpers import (
    V1,
    approve,
    assigned_item,
    deadlines,
    draft,
    ok,
    problem,
    send,
    sign,
)

ITEMS = f"{V1}/items"
MERGES = f"{V1}/merges"


def merge(world, *items, who="staff", reason="内容相近，并案答复"):
    return world.post(who, MERGES, json={"item_ids": [i["id"] for i in items], "reason": reason})


@pytest.fixture
def pair(world):
    """Suggestions 15 (张三, 李四) and 16 (李四, 王五) of one session, both mainly 交通运输局."""
    return (
        assigned_item(world, 15, proposers=("zhang", "li")),
        assigned_item(world, 16, proposers=("li", "wang")),
    )


def test_r_mg_1_two_suggestions_of_one_session_and_main_unit_merge(world, pair):
    first, second = pair
    group = ok(merge(world, second, first), 201)
    assert (group["numbers"], group["item_ids"]) == ([15, 16], [first["id"], second["id"]])
    assert (group["main_unit_id"], group["reason"], group["undone_at"]) == (
        world.units["transport"],
        "内容相近，并案答复",
        None,
    )
    assert ok(world.get("handler", f"{MERGES}/{group['id']}")) == group
    for item in pair:
        assert ok(world.get("staff", f"{ITEMS}/{item['id']}"))["merge_group_id"] == group["id"]


def test_the_groups_in_force_are_listed_for_those_who_see_their_items(world, pair):
    group = ok(merge(world, *pair), 201)
    assert ok(world.get("staff", MERGES)) == [group]
    assert ok(world.get("handler", MERGES, params={"year": 2024})) == [group]
    assert ok(world.get("other_handler", MERGES)) == []  # finance sees neither item
    assert ok(world.get("staff", MERGES, params={"year": 2023})) == []
    ok(world.post("staff", f"{MERGES}/{group['id']}/undo"))
    assert ok(world.get("staff", MERGES)) == []


@pytest.mark.parametrize(
    ("other", "rule_id", "detail"),
    [
        pytest.param(
            {"proposers": ("zhao",), "session": "cppcc_county"},
            "R-MG-2",
            "代表建议与政协提案不能并案答复",
            id="a suggestion with a proposal",
        ),
        pytest.param(
            {"session": "npc_city"},
            "R-MG-2",
            "市级件与县级件答复途径不同，不能并案",
            id="different levels",
        ),
        pytest.param(
            {"units": (("finance", "main"),)},
            "R-MG-1",
            "并案答复函由一个主办单位答复，主办单位不同的建议提案不能并案",
            id="different main units",
        ),
    ],
)
def test_r_mg_refusals(world, pair, other, rule_id, detail):
    odd = assigned_item(world, 17, **other)
    body = problem(merge(world, pair[0], odd), 422, field="item_ids", rule_id=rule_id)
    assert detail in body["detail"].split("；")
    assert ok(world.get("staff", f"{ITEMS}/{pair[0]['id']}"))["merge_group_id"] is None


def test_r_mg_4_an_item_already_merged_is_refused(world, pair):
    ok(merge(world, *pair), 201)
    third = assigned_item(world, 17)
    body = problem(merge(world, pair[1], third), 422, rule_id="R-MG-4")
    assert body["detail"] == "第16号建议已并入其他并案组，须先撤销原并案"


def test_r_mg_1_an_item_cannot_merge_with_itself(world, pair):
    body = problem(merge(world, pair[0], pair[0]), 422, rule_id="R-MG-1")
    assert body["detail"] == "并案至少需要两件不同的建议或提案"


def test_merging_needs_items_the_office_can_see(world, pair):
    response = world.post("staff", MERGES, json={"item_ids": [pair[0]["id"], 999999]})
    problem(response, 404)
    problem(merge(world, *pair, who="handler"), 403)


def test_r_mg_3_the_merged_reply_names_every_number_and_every_deputy(world, pair):
    ok(merge(world, *pair), 201)
    reply = draft(world, pair[1]["id"])
    assert reply["item_numbers"] == [15, 16]
    assert reply["heading"] == "魏县第十届人民代表大会第三次会议第15号、第16号建议的答复"
    assert [r["salutation"] for r in reply["recipients"]] == [
        "张三代表：",
        "李四代表：",
        "王五代表：",
    ]
    assert reply["format_problems"] == []
    for item in pair:  # both items show the one reply
        listed = ok(world.get("handler", f"{ITEMS}/{item['id']}/replies"))
        assert [r["id"] for r in listed] == [reply["id"]]


def test_r_mg_3_sending_the_merged_reply_answers_both_items(world, pair):
    ok(merge(world, *pair), 201)
    reply = draft(world, pair[0]["id"])
    sign(world, reply["id"])
    approve(world, reply["id"])
    send(world, reply["id"], sent_on="2024-07-20")  # R-DL-4 was due 2024-07-11
    transport = world.units["transport"]
    for item in pair:
        detail = ok(world.get("staff", f"{ITEMS}/{item['id']}"))
        r_dl_4 = deadlines(detail, transport)["R-DL-4"]
        assert (r_dl_4["done_on"], r_dl_4["state"]) == ("2024-07-20", "done_late"), item["number"]
        assert (detail["state"], detail["reply_status"]) == ("done", "sent")
    for params in ({"reply_status": "sent"}, {"reply_class": "A"}, {"state": "done"}):
        listed = ok(world.get("handler", ITEMS, params=params))["items"]
        assert [i["number"] for i in listed] == [15, 16], params


def test_r_mg_4_undo_before_sending_keeps_the_originals(world, pair):
    before = [ok(world.get("staff", f"{ITEMS}/{i['id']}")) for i in pair]
    group = ok(merge(world, *pair), 201)
    reply = draft(world, pair[0]["id"])
    undone = ok(world.post("staff", f"{MERGES}/{group['id']}/undo"))
    assert undone["undone_at"] is not None and undone["numbers"] == [15, 16]
    after = [ok(world.get("staff", f"{ITEMS}/{i['id']}")) for i in pair]
    kept = ("number", "title", "proposers", "assignments", "merge_group_id", "session_id")
    assert [{k: i[k] for k in kept} for i in after] == [{k: i[k] for k in kept} for i in before]
    answer = ok(world.get("handler", f"{V1}/replies/{reply['id']}"))
    assert (answer["item_numbers"], answer["merge_group_id"]) == ([15], None)
    assert [r["salutation"] for r in answer["recipients"]] == ["张三代表：", "李四代表："]
    problem(world.post("staff", f"{MERGES}/{group['id']}/undo"), 404)  # once only
    ok(merge(world, *pair), 201)  # and the items may be merged again


def test_r_mg_4_undo_after_sending_is_refused(world, pair):
    group = ok(merge(world, *pair), 201)
    reply = draft(world, pair[0]["id"])
    sign(world, reply["id"])
    approve(world, reply["id"])
    send(world, reply["id"])
    refused = world.post("staff", f"{MERGES}/{group['id']}/undo")
    body = problem(refused, 422, field="merge_group_id", rule_id="R-MG-4")
    assert body["detail"] == "并案答复函已发出，不能撤销并案"
    assert ok(world.get("staff", f"{MERGES}/{group['id']}"))["item_ids"] == [
        pair[0]["id"],
        pair[1]["id"],
    ]


def test_r_mg_4_an_item_already_replied_cannot_be_merged(world, pair):
    reply = draft(world, pair[0]["id"])
    sign(world, reply["id"])
    approve(world, reply["id"])
    send(world, reply["id"])
    body = problem(merge(world, *pair), 422, rule_id="R-MG-4")
    assert body["detail"] == "第15号建议已答复，并案须在答复前确定"


def test_merging_is_in_each_items_timeline(world, pair):
    group = ok(merge(world, *pair), 201)
    for item in pair:
        timeline = ok(world.get("auditor", f"{ITEMS}/{item['id']}/timeline"))
        merged = [e for e in timeline if "merge_group_id" in e["changes"]]
        assert [(e["actor"], e["changes"]["merge_group_id"]) for e in merged] == [
            ("staff用户", {"old": None, "new": group["id"]})
        ]
