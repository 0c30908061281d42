"""Similar items for Chinese text (jieba words, TF-IDF cosine): merge candidates in the same
session (R-MG-1), the same item raised in earlier years (R-RP-8), and the warning when a
reply repeats an earlier year's reply (R-RP-8) — a warning, never a refusal."""

from __future__ import annotations

from typing import Any

from tests.api.flows import (
    V1,
    assign,
    assigned,
    make_item,
    new_session,
    ok,
    problem,
    send_reply,
)

ROADS = "建议加快农村公路提档升级，加宽路面，完善安全防护设施，解决群众出行难问题。"
ROADS_AGAIN = "农村公路路面窄、破损严重，建议加快提档升级改造，完善安全防护设施。"
SCHOOLS = "建议改善乡村学校办学条件，新建教学楼，补充农村教师，缓解大班额问题。"
OLD_REPLY = (
    "经研究，我局已将魏城镇农村公路提档升级列入年度计划，计划投资八百万元，"
    "对破损路面进行修复，增设安全防护栏和警示标志，预计年底前完工。"
)


def similar(world, item_id: int, who: str = "staff", **params: Any) -> list[dict[str, Any]]:
    return ok(world.get(who, f"{V1}/items/{item_id}/similar", params=params))


def test_merge_candidates_of_the_same_session_are_ranked(world):
    roads = make_item(world, 1, title="关于加快农村公路提档升级的建议", content=ROADS)
    again = make_item(world, 2, title="关于推进农村公路提档升级改造的建议", content=ROADS_AGAIN)
    schools = make_item(world, 3, title="关于改善乡村学校办学条件的建议", content=SCHOOLS)
    make_item(
        world,
        4,
        title="关于农村公路养护的提案",
        content=ROADS,
        session="cppcc_county",
        proposers=("zhao",),
    )
    found = similar(world, roads["id"])
    assert [f["id"] for f in found][:1] == [again["id"]]
    best = found[0]
    assert best["score"] > 0.5 and best["merge_candidate"] and best["label"] == "2024年第2号建议"
    assert all(f["session_id"] == roads["session_id"] for f in found)  # never a proposal (R-MG-2)
    by_id = {f["id"]: f for f in found}
    assert schools["id"] not in by_id or not by_id[schools["id"]]["merge_candidate"]
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)
    assert len(similar(world, roads["id"], limit=1)) == 1


def test_items_raised_again_in_earlier_years(world):
    old_session = new_session(world, 2023, term=10)
    old = make_item(
        world,
        5,
        session=old_session,
        title="关于加快农村公路建设的建议",
        content=ROADS_AGAIN,
        second_assignment="2023-04-11",
    )
    make_item(
        world,
        6,
        session=old_session,
        title="关于加强校园周边食品安全监管的建议",
        content="建议加强监管。",
        second_assignment="2023-04-11",
    )
    current = make_item(world, 1, title="关于加快农村公路提档升级的建议", content=ROADS)
    earlier = similar(world, current["id"], scope="earlier")
    assert earlier[0]["id"] == old["id"] and earlier[0]["year"] == 2023
    assert not earlier[0]["merge_candidate"]  # another year is never merged
    assert old["id"] not in {f["id"] for f in similar(world, current["id"])}
    assert similar(world, old["id"], scope="earlier") == []  # nothing before 2023


def test_the_index_follows_new_and_changed_items(world):
    roads = make_item(world, 1, title="关于加快农村公路提档升级的建议", content=ROADS)
    assert similar(world, roads["id"]) == []
    again = make_item(world, 2, title="关于推进农村公路提档升级改造的建议", content=ROADS_AGAIN)
    assert [f["id"] for f in similar(world, roads["id"])] == [again["id"]]
    ok(
        world.patch(
            "staff",
            f"{V1}/items/{again['id']}",
            json={"title": "关于改善乡村学校办学条件的建议", "content": SCHOOLS},
        )
    )
    assert again["id"] not in {f["id"] for f in similar(world, roads["id"]) if f["score"] > 0.3}


def test_only_items_the_caller_may_see(world):
    roads = assigned(world, 1, title="关于加快农村公路提档升级的建议", content=ROADS)
    secret = make_item(
        world, 2, title="关于农村公路提档升级的建议", content=ROADS, secret=True, who="admin"
    )
    other = make_item(world, 3, title="关于推进农村公路提档升级改造的建议", content=ROADS_AGAIN)
    assign(world, other["id"], [("finance", "main")])
    assert secret["id"] not in {f["id"] for f in similar(world, roads["id"])}  # not cleared
    assert secret["id"] in {f["id"] for f in similar(world, roads["id"], who="admin")}
    assert [f["id"] for f in similar(world, roads["id"], who="handler")] == []  # not its unit's
    problem(world.get("handler", f"{V1}/items/{other['id']}/similar"), 404)
    problem(world.get("staff", f"{V1}/items/{roads['id']}/similar", params={"scope": "x"}), 422)


def _old_reply(world) -> dict[str, Any]:
    old_session = new_session(world, 2023, term=10)
    old = assigned(
        world,
        5,
        session=old_session,
        title="关于加快农村公路建设的建议",
        content=ROADS_AGAIN,
        second_assignment="2023-04-11",
    )
    return send_reply(
        world, old["id"], sent_on="2023-07-01", letter_date="2023-07-01", body=OLD_REPLY
    )


def test_a_reply_repeating_an_earlier_years_reply_is_warned_not_refused(world):
    old = _old_reply(world)
    item = assigned(world, 1, title="关于加快农村公路提档升级的建议", content=ROADS)
    draft = ok(
        world.post(
            "handler",
            f"{V1}/items/{item['id']}/replies",
            json={
                "reply_class": "B",
                "document_number": "魏交函〔2024〕1号",
                "body": OLD_REPLY.replace("年底", "明年年底"),
            },
        ),
        201,
    )
    check = ok(world.get("handler", f"{V1}/replies/{draft['id']}/repeat-check"))
    assert check["raised_before"] and check["similar_reply_id"] == old["id"]
    assert check["score"] >= 0.8 and check["rule_id"] == "R-RP-8"
    assert "R-RP-8" in check["warning"] and "2023年第5号建议" in check["warning"]
    assert check["similar_unit_name"] == "县交通运输局"

    fresh = "今年已完成魏城镇至德政镇段12公里路面拓宽，新增护栏3000米，剩余路段纳入明年计划。"
    ok(world.patch("handler", f"{V1}/replies/{draft['id']}", json={"body": fresh}))
    check = ok(world.get("handler", f"{V1}/replies/{draft['id']}/repeat-check"))
    assert check["warning"] is None and check["raised_before"]
    problem(world.get("other_handler", f"{V1}/replies/{draft['id']}/repeat-check"), 404)


def test_a_first_reply_has_nothing_to_repeat(world):
    item = assigned(world, 1, title="关于加快农村公路提档升级的建议", content=ROADS)
    body = {"reply_class": "A", "document_number": "魏交函〔2024〕1号", "body": OLD_REPLY}
    draft = ok(world.post("handler", f"{V1}/items/{item['id']}/replies", json=body), 201)
    check = ok(world.get("staff", f"{V1}/replies/{draft['id']}/repeat-check"))
    assert check == {
        "reply_id": draft["id"],
        "raised_before": False,
        "similar_reply_id": None,
        "similar_item_id": None,
        "similar_item_label": None,
        "similar_unit_name": None,
        "score": None,
        "warning": None,
        "rule_id": "R-RP-8",
    }
