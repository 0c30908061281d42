"""Publishing replies (R-DL-5, R-RP-2) and the public, login-free reading of them: never a
secret item, an unpublished or disagreeing reply, a phone number, or the text of an item
whose proposer did not consent."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import update

from api.models import Reply
from tests.api.flows import (
    V1,
    assigned,
    db,
    deadlines,
    ok,
    problem,
    publish,
    send_reply,
)

PUBLIC = f"{V1}/public/replies"
PHONES = re.compile(r"1[3-9]\d{9}|0\d{2,3}\s*[-－—]?\s*\d{7,8}|(?<!\d)[2-9]\d{6}(?!\d)")


def _anonymous(world, url: str, **params):
    """A reader with no Authorization header at all."""
    return world.client.get(url, params=params)


# --- publication (R-DL-5, R-RP-2) ------------------------------------------------------


def test_publishing_within_a_week_is_on_time(world):
    item = assigned(world, 1)
    reply = send_reply(world, item["id"], sent_on="2024-07-01")
    before = deadlines(world, item["id"])["R-DL-5"]
    assert (before["start"], before["due"], before["state"]) == (
        "2024-07-01",
        "2024-07-08",
        "overdue",
    )
    published = ok(publish(world, reply["id"], "2024-07-08"))  # the last day of the week
    assert published["published_on"] == "2024-07-08"
    assert published["published_url"] == f"https://www.weixian.gov.cn/jyta/r{reply['id']}.html"
    after = deadlines(world, item["id"])["R-DL-5"]
    assert (after["state"], after["done_on"]) == ("done_on_time", "2024-07-08")


def test_a_week_that_ends_on_a_holiday_rolls_forward(world):
    item = assigned(world, 2)
    reply = send_reply(world, item["id"], sent_on="2024-09-24")
    assert deadlines(world, item["id"])["R-DL-5"]["due"] == "2024-10-08"  # past National Day
    ok(publish(world, reply["id"], "2024-10-08", who="staff"))  # the office may publish too
    assert deadlines(world, item["id"])["R-DL-5"]["state"] == "done_on_time"


def test_publishing_late_is_done_late(world):
    item = assigned(world, 3)
    reply = send_reply(world, item["id"], sent_on="2024-07-01")
    ok(publish(world, reply["id"], "2024-07-09"))
    r_dl_5 = deadlines(world, item["id"])["R-DL-5"]
    assert (r_dl_5["due"], r_dl_5["state"], r_dl_5["done_on"]) == (
        "2024-07-08",
        "done_late",
        "2024-07-09",
    )


def test_publishing_needs_a_sent_reply_and_a_date_after_it(world):
    item = assigned(world, 4)
    draft = ok(
        world.post(
            "handler",
            f"{V1}/items/{item['id']}/replies",
            json={"reply_class": "A", "document_number": "魏交函〔2024〕4号", "body": "答复……"},
        ),
        201,
    )
    problem(publish(world, draft["id"], "2024-07-02"), 409)  # a draft is not published
    reply = send_reply(world, assigned(world, 5)["id"], sent_on="2024-07-01")
    problem(publish(world, reply["id"], "2024-06-30"), 422, field="published_on", rule_id="R-DL-5")
    problem(publish(world, reply["id"], "2024-07-02", who="other_handler"), 404)
    problem(publish(world, reply["id"], "2024-07-02", who="npc"), 403)
    bad_url = world.post(
        "handler",
        f"{V1}/replies/{reply['id']}/publish",
        json={"published_on": "2024-07-02", "url": "ftp://example"},
    )
    problem(bad_url, 422, field="url")


def test_a_reply_marked_disagree_is_never_published(world):
    item = assigned(world, 6)
    reply = send_reply(world, item["id"], disclosure="disagree")
    assert reply["disclosure"] == "disagree"
    problem(publish(world, reply["id"], "2024-07-02"), 422, field="disclosure", rule_id="R-RP-2")
    assert "R-DL-5" not in deadlines(world, item["id"])  # nothing to publish, nothing due
    assert ok(world.get("staff", f"{V1}/replies/{reply['id']}"))["published_on"] is None


def test_a_secret_items_reply_is_never_published(world):
    item = assigned(world, 7)
    reply = send_reply(world, item["id"], disclosure="agree")
    ok(world.patch("admin", f"{V1}/items/{item['id']}", json={"secret": True}))
    problem(publish(world, reply["id"], "2024-07-02"), 404)  # the handler is not cleared
    problem(publish(world, reply["id"], "2024-07-02", who="admin"), 422, rule_id="R-RP-2")
    assert "R-DL-5" not in deadlines(world, item["id"], who="admin")


# --- the public endpoints ---------------------------------------------------------------

BODY_WITH_PHONES = (
    "经研究，答复如下：工程已列入计划。如有疑问请致电0310-3519359或13812345678（王五）。"
)
CONSENTED_TEXT = "建议对县城至东代固乡道路进行提档升级，联系人电话13812345678。"
CONSENTED_SHOWN = "建议对县城至东代固乡道路进行提档升级，联系人电话＊＊＊。"
PRIVATE_TEXT = "建议内容：本人住址及电话不宜公开，道路破损严重。"


def _published(world, number: int, **item_fields) -> tuple[dict, dict]:
    item = assigned(world, number, **item_fields)
    reply = send_reply(
        world, item["id"], body=BODY_WITH_PHONES, contact_phone="0310-3519359", sent_on="2024-07-01"
    )
    ok(publish(world, reply["id"], "2024-07-03"))
    return item, reply


def _force_published(world, reply_id: int) -> None:
    """Stored as published though the API would refuse it: the public filter must still
    hold (data entered before a rule changed, or by hand)."""
    with db(world) as session:
        session.execute(
            update(Reply)
            .where(Reply.id == reply_id)
            .values(
                published_on=date(2024, 7, 3), published_url="https://www.weixian.gov.cn/x.html"
            )
        )
        session.commit()


def test_the_public_never_sees_what_it_must_not(world):
    _, shown_reply = _published(
        world, 10, content=CONSENTED_TEXT, content_consent=True, title="关于农村公路提档升级的建议"
    )
    _, private_reply = _published(world, 11, content=PRIVATE_TEXT, content_consent=False)
    _, phone_title_reply = _published(
        world, 12, title="关于修缮道路的建议（联系电话13812345678）", content_consent=True
    )

    secret, secret_reply = _published(
        world, 13, content="涉密内容甲", content_consent=True, title="关于涉密工程甲的建议"
    )
    ok(world.patch("admin", f"{V1}/items/{secret['id']}", json={"secret": True}))

    unpublished = assigned(
        world, 14, content="未公开内容乙", content_consent=True, title="关于未公开事项乙的建议"
    )
    unpublished_reply = send_reply(world, unpublished["id"], body=BODY_WITH_PHONES)

    disagree = assigned(
        world, 15, content="不同意公开内容丙", content_consent=True, title="关于不公开事项丙的建议"
    )
    disagree_reply = send_reply(world, disagree["id"], disclosure="disagree", body="不公开答复丁")
    _force_published(world, disagree_reply["id"])

    draft_item = assigned(world, 17, content="草稿内容己", content_consent=True)
    draft = ok(
        world.post(
            "handler", f"{V1}/items/{draft_item['id']}/replies", json={"body": "草稿答复庚"}
        ),
        201,
    )
    _force_published(world, draft["id"])

    listing = _anonymous(world, PUBLIC, page_size=100)
    assert listing.status_code == 200, listing.text
    body = listing.json()
    listed = {r["id"]: r for r in body["items"]}
    assert sorted(listed) == sorted(
        [shown_reply["id"], private_reply["id"], phone_title_reply["id"]]
    )
    assert body["total"] == 3

    assert listed[shown_reply["id"]]["item_content"] == CONSENTED_SHOWN
    assert listed[shown_reply["id"]]["title"] == "关于农村公路提档升级的建议"
    assert listed[shown_reply["id"]]["unit_name"] == "县交通运输局"
    assert listed[shown_reply["id"]]["published_on"] == "2024-07-03"
    masked = "经研究，答复如下：工程已列入计划。如有疑问请致电＊＊＊或＊＊＊（王五）。"
    assert [r["body"] for r in body["items"]] == [masked] * 3
    assert listed[phone_title_reply["id"]]["title"] == "关于修缮道路的建议（联系电话＊＊＊）"
    assert listed[private_reply["id"]]["item_content"] is None

    for text in (listing.text, *(_anonymous(world, f"{PUBLIC}/{i}").text for i in listed)):
        assert PHONES.findall(text) == [], text
        for hidden in (
            PRIVATE_TEXT,
            "涉密内容",
            "涉密工程",
            "未公开事项",
            "不公开事项",
            "未公开内容",
            "不同意公开内容",
            "不公开答复",
            "草稿",
        ):
            assert hidden not in text
        assert "contact_phone" not in text

    for hidden_reply in (secret_reply, unpublished_reply, disagree_reply, draft):
        problem(_anonymous(world, f"{PUBLIC}/{hidden_reply['id']}"), 404)
    problem(_anonymous(world, f"{PUBLIC}/999999"), 404)
    problem(_anonymous(world, f"{V1}/replies/{unpublished_reply['id']}"), 401)  # no back door
    problem(_anonymous(world, f"{V1}/items/{secret['id']}"), 401)

    one = _anonymous(world, f"{PUBLIC}/{shown_reply['id']}").json()
    assert one["item_content"] == CONSENTED_SHOWN and one["numbers"] == [10]
    assert one["heading"] == "魏县第十届人民代表大会第三次会议第10号建议的答复"


def test_public_search_and_filters_do_not_open_hidden_replies(world):
    _published(world, 20, title="关于公路养护的建议")
    secret, _ = _published(world, 21, title="关于公路涉密工程的建议")
    ok(world.patch("admin", f"{V1}/items/{secret['id']}", json={"secret": True}))
    found = _anonymous(world, PUBLIC, q="公路", year=2024, kind="suggestion").json()
    assert [r["title"] for r in found["items"]] == ["关于公路养护的建议"]
    assert _anonymous(world, PUBLIC, kind="proposal").json()["total"] == 0
    assert _anonymous(world, PUBLIC, year=2023).json()["total"] == 0


def test_a_merged_reply_is_hidden_once_any_merged_item_turns_secret(world):
    """A merged letter names every merged item (R-MG-3): one secret item hides the letter."""
    first = assigned(world, 30, content_consent=True)
    second = assigned(world, 31, content_consent=True, title="关于某涉密事项的建议")
    group = ok(
        world.post("staff", f"{V1}/merges", json={"item_ids": [first["id"], second["id"]]}),
        201,
    )
    assert group["item_ids"] == [first["id"], second["id"]]
    reply = send_reply(world, first["id"])
    ok(publish(world, reply["id"], "2024-07-02"))
    shown = _anonymous(world, f"{PUBLIC}/{reply['id']}").json()
    assert shown["numbers"] == [30, 31]
    ok(world.patch("admin", f"{V1}/items/{second['id']}", json={"secret": True}))
    problem(_anonymous(world, f"{PUBLIC}/{reply['id']}"), 404)
    listing = _anonymous(world, PUBLIC)
    assert listing.json()["total"] == 0 and "涉密" not in listing.text


def test_the_item_text_is_shown_only_when_every_merged_proposer_consented(world):
    first = assigned(world, 32, content="甲件原文", content_consent=True)
    second = assigned(world, 33, content="乙件原文", content_consent=False)
    ok(world.post("staff", f"{V1}/merges", json={"item_ids": [first["id"], second["id"]]}), 201)
    reply = send_reply(world, first["id"])
    ok(publish(world, reply["id"], "2024-07-02"))
    shown = _anonymous(world, f"{PUBLIC}/{reply['id']}")
    assert shown.json()["item_content"] is None
    assert "甲件原文" not in shown.text and "乙件原文" not in shown.text
