"""Replies through HTTP: the workflow (R-RP-10, R-RP-9), the format check (R-RP-7), who sends
(R-RP-4), recipients (R-RP-3), copy-to (R-RP-6), one reply per merge group (R-MG-1), unit
templates, concurrent edits (ETag / If-Match) and retried POSTs (Idempotency-Key)."""

from __future__ import annotations

import threading

import pytest

from api.models import Reply
from api.replies import service
from tests.api.helpers import (
    GOOD_REPLY,
    V1,
    approve,
    assign,
    assigned_item,
    db,
    deadlines,
    draft,
    item_body,
    ok,
    problem,
    send,
    sign,
)

ITEMS = f"{V1}/items"
REPLIES = f"{V1}/replies"


def reply_url(reply):
    return f"{REPLIES}/{reply['id']}"


# --- the workflow ---------------------------------------------------------------------------


def test_draft_sign_return_edit_sign_approve_send(world):
    item = assigned_item(world, 15, units=(("transport", "main"), ("finance", "co")))
    reply = draft(world, item["id"])
    url = reply_url(reply)
    assert (reply["status"], reply["status_label"], reply["format_problems"]) == (
        "draft",
        "起草中",
        [],
    )
    assert (reply["signing_leader"], reply["contact_person"], reply["contact_phone"]) == (
        "李局长",
        "王五",
        "0310-3519359",
    )  # the unit's own, unless the draft says otherwise

    refused = world.post("handler", f"{url}/sign")
    assert problem(refused, 403)["detail"] == "当前角色（承办单位经办人）无权执行此操作"
    problem(world.post("other_leader", f"{url}/sign"), 404)  # another unit's reply
    signed = sign(world, reply["id"])
    assert signed["status"] == "submitted" and signed["signed_at"] is not None
    locked = world.patch("handler", url, json={"body": "改"})
    assert problem(locked, 409, field="status")["detail"] == "答复当前为“待审核”，不能修改"

    returned = ok(world.post("staff", f"{url}/return", json={"reasons": "针对性不强，请逐条答复"}))
    assert returned["status"] == "returned"
    assert [(r["action"], r["reasons"]) for r in returned["reviews"]] == [
        ("returned", "针对性不强，请逐条答复")
    ]
    edited = ok(world.patch("handler", url, json={"body": "逐条答复如下：一、……"}))
    assert (edited["status"], edited["body"]) == ("returned", "逐条答复如下：一、……")
    sign(world, reply["id"])

    approved = approve(world, reply["id"], reply_class="B", note="列入明年计划，应为B类")
    assert (approved["status"], approved["reply_class"], approved["unit_class"]) == (
        "approved",
        "B",
        "A",
    )
    review = approved["reviews"][-1]
    assert (review["action"], review["class_from"], review["class_to"], review["reasons"]) == (
        "approved",
        "A",
        "B",
        "列入明年计划，应为B类",
    )
    problem(world.post("staff", f"{url}/approve", json={}), 409, field="status")

    sent = send(world, reply["id"], sent_on="2024-07-01")
    assert (sent["status"], sent["sent_on"]) == ("sent", "2024-07-01")
    detail = ok(world.get("staff", f"{ITEMS}/{item['id']}"))
    r_dl_4 = deadlines(detail, world.units["transport"])["R-DL-4"]
    assert (r_dl_4["due"], r_dl_4["done_on"], r_dl_4["state"]) == (
        "2024-07-11",
        "2024-07-01",
        "done_on_time",
    )


def test_r_rp_9_the_class_correction_is_in_the_timeline(world):
    item = assigned_item(world, 15)
    reply = draft(world, item["id"], reply_class="A")
    sign(world, reply["id"])
    approve(world, reply["id"], reply_class="C")
    timeline = ok(world.get("auditor", f"{ITEMS}/{item['id']}/timeline"))
    corrected = [
        e["changes"]
        for e in timeline
        if e["entity"] == "replies" and e["action"] == "update" and "reply_class" in e["changes"]
    ]
    assert [(c["reply_class"], c["unit_class"], c["status"]) for c in corrected] == [
        (
            {"old": "A", "new": "C"},
            {"old": None, "new": "A"},
            {"old": "submitted", "new": "approved"},
        )
    ]
    reviews = [e for e in timeline if e["entity"] == "reply_reviews"]
    assert [(e["changes"]["class_from"], e["changes"]["class_to"]) for e in reviews] == [
        ({"new": "A"}, {"new": "C"})
    ]
    assert {e["actor"] for e in reviews} == {"staff用户"}


def test_an_approval_without_a_correction_records_none(world):
    item = assigned_item(world, 15)
    reply = draft(world, item["id"])
    sign(world, reply["id"])
    approved = approve(world, reply["id"], reply_class="A")
    assert (approved["reply_class"], approved["unit_class"]) == ("A", None)
    assert approved["reviews"][-1]["class_from"] is None


# --- R-RP-7 format check --------------------------------------------------------------------


def test_r_rp_7_a_reply_lists_its_format_problems(world):
    item = assigned_item(world, 15)
    reply = draft(world, item["id"])
    bare = {"document_number": None, "signing_leader": None, "contact_phone": None}
    checked = ok(world.patch("handler", reply_url(reply), json=bare))
    assert checked["format_problems"] == [
        {"field": "document_number", "message": "缺少发文字号", "rule_id": "R-RP-7"},
        {"field": "signing_leader", "message": "缺少领导签发", "rule_id": "R-RP-7"},
        {"field": "contact_phone", "message": "缺少联系电话", "rule_id": "R-RP-7"},
    ]
    undated = ok(world.patch("handler", reply_url(reply), json={"letter_date": None}))
    assert {"field": "letter_date", "message": "缺少成文日期", "rule_id": "R-RP-7"} in undated[
        "format_problems"
    ]  # named by the reply's own field, as the editor names it
    ok(world.patch("handler", reply_url(reply), json={"letter_date": "2024-06-28"}))
    refused = world.post("leader", f"{reply_url(reply)}/sign")
    body = problem(refused, 422, field="document_number", rule_id="R-RP-7")
    # the signing leader is whoever signs, so only the number and the phone are still missing
    assert body["detail"] == "答复函格式不规范，不能签发：缺少发文字号；缺少联系电话"
    assert body["errors"] == [
        {"field": "document_number", "message": "缺少发文字号", "rule_id": "R-RP-7"},
        {"field": "contact_phone", "message": "缺少联系电话", "rule_id": "R-RP-7"},
    ]
    assert ok(world.get("handler", reply_url(reply)))["status"] == "draft"


def test_r_rp_7_wrong_elements_and_a_missing_class(world):
    item = assigned_item(world, 15)
    reply = draft(
        world,
        item["id"],
        reply_class=None,
        document_number="魏交函[2024]第15号",
        contact_phone="12345",
    )
    problems = {(p["field"], p["rule_id"]) for p in reply["format_problems"]}
    assert problems == {
        ("reply_class", "R-RP-1"),
        ("document_number", "R-RP-7"),
        ("contact_phone", "R-RP-7"),
    }
    body = problem(world.post("leader", f"{reply_url(reply)}/sign"), 422, rule_id="R-RP-7")
    assert [e["field"] for e in body["errors"]] == [
        "reply_class",
        "document_number",
        "contact_phone",
    ]
    assert "答复函首页文号上方须标明办理结果（A类/B类/C类）" in body["detail"]


def test_r_rp_7_a_reply_that_fails_the_check_is_not_sent(world):
    """Checked again at sending: a reply damaged after approval (here in storage) stays put."""
    item = assigned_item(world, 15)
    reply = draft(world, item["id"])
    sign(world, reply["id"])
    approve(world, reply["id"])
    with db(world) as session:
        row = session.get(Reply, reply["id"])
        row.document_number = None
        session.commit()
    refused = world.post("handler", f"{reply_url(reply)}/send", json={"sent_on": "2024-07-01"})
    body = problem(refused, 422, field="document_number", rule_id="R-RP-7")
    assert body["detail"] == "答复函格式不规范，不能发出：缺少发文字号"
    assert ok(world.get("handler", reply_url(reply)))["status"] == "approved"


# --- R-RP-4 who sends -----------------------------------------------------------------------


def test_r_rp_4_a_city_items_reply_is_sent_by_the_office(world):
    item = assigned_item(world, 15, session="npc_city")
    reply = draft(world, item["id"])
    assert reply["route"] == (
        "市级件由县政府负责答复：本单位起草答复意见，报送县政府办公室（1份，含电子版）"
    )
    sign(world, reply["id"])
    approve(world, reply["id"])
    refused = world.post("handler", f"{reply_url(reply)}/send", json={"sent_on": "2024-07-01"})
    body = problem(refused, 403, rule_id="R-RP-4")
    assert body["detail"] == "市级建议提案由县政府答复，须经县政府办公室发出"
    assert send(world, reply["id"], who="staff")["status"] == "sent"


def test_r_rp_4_a_county_items_reply_is_sent_by_its_unit(world):
    item = assigned_item(world, 15, units=(("transport", "split"), ("finance", "split")))
    reply = draft(world, item["id"])
    assert reply["route"] == "县级件由本单位就本单位分办部分直接答复代表委员"
    other = draft(world, item["id"], who="other_handler", document_number="魏财函〔2024〕8号")
    assert other["id"] != reply["id"]  # each split unit replies on its own part
    sign(world, reply["id"])
    approve(world, reply["id"])
    assert send(world, reply["id"], who="handler")["status"] == "sent"


# --- R-RP-3 recipients ------------------------------------------------------------------------


def recipients(world, number, links, session="npc_county"):
    body = item_body(world, number, session=session)
    body["proposers"] = [{"proposer_id": world.proposers[p], "is_lead": lead} for p, lead in links]
    item = ok(world.post("staff", ITEMS, json=body), 201)
    assign(world, item["id"], [("transport", "main")])
    reply = draft(world, item["id"])
    return [(r["name"], r["kind"], r["salutation"]) for r in reply["recipients"]]


def test_r_rp_3_a_joint_suggestion_answers_every_deputy_lead_first(world):
    links = [("zhang", False), ("li", True), ("wang", False)]
    assert recipients(world, 15, links) == [
        ("李四", "deputy", "李四代表："),
        ("张三", "deputy", "张三代表："),
        ("王五", "deputy", "王五代表："),
    ]


def test_r_rp_3_a_joint_proposal_answers_only_the_lead(world):
    links = [("zhao", False), ("qian", True)]
    assert recipients(world, 15, links, "cppcc_county") == [("钱七", "member", "钱七委员：")]


def test_r_rp_3_an_organisations_proposal_is_answered_to_the_organisation(world):
    links = [("minmeng", True)]
    assert recipients(world, 15, links, "cppcc_county") == [
        ("民盟魏县总支", "organisation", "民盟魏县总支：")  # 贵单位, not a person's title
    ]


# --- R-RP-6 copy-to ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("session", "proposers", "co", "copy_to"),
    [
        pytest.param(
            "npc_county",
            ("zhang",),
            ("finance", "education"),
            ["县人大常委会选举任免代表工作委员会", "县政府办公室", "县教育体育局", "县财政局"],
            id="suggestion with co-units",
        ),
        pytest.param(
            "cppcc_county",
            ("zhao",),
            ("finance",),
            ["县政府办公室", "县政协提案委员会", "县财政局"],
            id="proposal with a co-unit",
        ),
        pytest.param(
            "npc_city",
            ("zhang",),
            (),
            ["市人大常委会选举任免代表工作委员会", "县政府办公室"],
            id="city suggestion",
        ),
    ],
)
def test_r_rp_6_copy_to(world, session, proposers, co, copy_to):
    units = (("transport", "main"), *((u, "co") for u in co))
    item = assigned_item(world, 15, units=units, proposers=proposers, session=session)
    reply = draft(world, item["id"])
    assert reply["copy_to"] == copy_to
    assert reply["format_problems"] == []


def test_r_rp_6_body_names_come_from_configuration(world):
    item = assigned_item(world, 15)
    config = ok(world.get("admin", f"{V1}/config"))
    jurisdiction = config["jurisdiction"]
    jurisdiction["county_bodies"]["government_office"] = "魏县人民政府办公室"
    ok(world.patch("admin", f"{V1}/config", json={"jurisdiction": jurisdiction}))
    reply = draft(world, item["id"])
    assert reply["copy_to"] == ["县人大常委会选举任免代表工作委员会", "魏县人民政府办公室"]


# --- one reply per merge group ----------------------------------------------------------------


def test_r_mg_1_one_reply_per_merge_group(world):
    first = assigned_item(world, 15)
    second = assigned_item(world, 16, proposers=("wang",))
    ok(world.post("staff", f"{V1}/merges", json={"item_ids": [first["id"], second["id"]]}), 201)
    reply = draft(world, first["id"])
    assert reply["item_numbers"] == [15, 16]
    again = world.post("handler", f"{ITEMS}/{second['id']}/replies", json=GOOD_REPLY)
    assert problem(again, 409, rule_id="R-MG-1")["detail"] == (
        "该件（或其并案组）已有答复，请编辑原答复"
    )
    listed = ok(world.get("handler", f"{ITEMS}/{second['id']}/replies"))
    assert [r["id"] for r in listed] == [reply["id"]]


# --- templates ------------------------------------------------------------------------------


def test_reply_templates_belong_to_their_unit(world):
    mine = ok(
        world.post("handler", f"{V1}/reply-templates", json={"name": "道路", "body": "关于道路……"}),
        201,
    )
    theirs = ok(
        world.post(
            "other_handler", f"{V1}/reply-templates", json={"name": "资金", "body": "关于资金……"}
        ),
        201,
    )
    assert mine["unit_id"] == world.units["transport"]

    def names(who):
        return [t["name"] for t in ok(world.get(who, f"{V1}/reply-templates"))]

    assert names("handler") == names("leader") == ["道路"]
    assert names("other_handler") == ["资金"]
    assert sorted(names("staff")) == sorted(names("auditor")) == ["资金", "道路"]
    edit = {"name": "资金（改）", "body": "……"}
    problem(world.put("handler", f"{V1}/reply-templates/{theirs['id']}", json=edit), 404)
    stale = world.put(
        "handler",
        f"{V1}/reply-templates/{mine['id']}",
        json={"name": "道路（改）", "body": "关于道路建设……"},
        headers={"If-Match": '"7"'},
    )
    problem(stale, 412)

    item = assigned_item(world, 15)
    drafted = draft(world, item["id"], body="", template_id=mine["id"])
    assert drafted["body"] == "关于道路……"
    other_item = assigned_item(world, 16)
    foreign = world.post(
        "handler",
        f"{ITEMS}/{other_item['id']}/replies",
        json={**GOOD_REPLY, "template_id": theirs["id"]},
    )
    problem(foreign, 422, field="template_id")


# --- concurrent edits ---------------------------------------------------------------------------


def test_two_edits_with_the_same_etag_one_wins(world):
    item = assigned_item(world, 15)
    url = reply_url(draft(world, item["id"]))
    etag = world.get("handler", url).headers["etag"]
    assert etag == '"1"'
    first = world.patch("handler", url, json={"body": "第一稿"}, headers={"If-Match": etag})
    second = world.patch("leader", url, json={"body": "第二稿"}, headers={"If-Match": etag})
    assert first.status_code == 200 and first.headers["etag"] == '"2"'
    body = problem(second, 412)
    assert body["detail"] == "数据已被他人修改（当前版本 2），请刷新后重试"
    assert second.headers["etag"] == '"2"'
    after = ok(world.get("handler", url))
    assert (after["body"], after["version"]) == ("第一稿", 2)


def _race(world, url, headers, monkeypatch):
    """Two edits at once, both past their If-Match check before either writes."""
    barrier = threading.Barrier(2, timeout=20)
    original = service.update_reply

    def update_together(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "update_reply", update_together)
    answers = {}

    def edit(who, text):
        answers[who] = world.patch(who, url, json={"body": text}, headers=headers)

    threads = [
        threading.Thread(target=edit, args=("handler", "甲稿")),
        threading.Thread(target=edit, args=("leader", "乙稿")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    monkeypatch.undo()
    return answers


def test_a_real_race_of_two_edits_one_wins_the_other_gets_412(world, monkeypatch):
    item = assigned_item(world, 15)
    url = reply_url(draft(world, item["id"]))
    answers = _race(world, url, {"If-Match": '"1"'}, monkeypatch)
    codes = sorted(r.status_code for r in answers.values())
    assert codes == [200, 412], {w: r.text for w, r in answers.items()}
    winner = next(w for w, r in answers.items() if r.status_code == 200)
    loser = next(r for r in answers.values() if r.status_code == 412)
    assert loser.headers["content-type"] == "application/problem+json"
    after = ok(world.get("handler", url))
    assert (after["body"], after["version"]) == ({"handler": "甲稿", "leader": "乙稿"}[winner], 2)
    updates = [
        e
        for e in ok(world.get("admin", f"{ITEMS}/{item['id']}/timeline"))
        if e["entity"] == "replies" and e["action"] == "update"
    ]
    assert len(updates) == 1  # the loser changed nothing, not even the audit log


def test_a_race_without_if_match_never_fails_the_server(world, monkeypatch):
    """Without If-Match the version column still refuses a lost update, or the writes are
    serialised: never a 500, never both lost."""
    item = assigned_item(world, 15)
    url = reply_url(draft(world, item["id"]))
    answers = _race(world, url, {}, monkeypatch)
    codes = sorted(r.status_code for r in answers.values())
    assert codes in ([200, 200], [200, 412]), {w: r.text for w, r in answers.items()}
    assert ok(world.get("handler", url))["body"] in ("甲稿", "乙稿")


# --- Idempotency-Key ----------------------------------------------------------------------------


def test_a_retried_post_creates_nothing_twice(world):
    body = item_body(world, 15)
    key = {"Idempotency-Key": "oa-2024-0415-0001"}
    first = world.post("staff", ITEMS, json=body, headers=key)
    again = world.post("staff", ITEMS, json=body, headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert ok(world.get("staff", ITEMS))["total"] == 1


def test_the_same_key_with_another_body_is_refused(world):
    key = {"Idempotency-Key": "oa-2024-0415-0002"}
    ok(world.post("staff", ITEMS, json=item_body(world, 15), headers=key), 201)
    other = world.post("staff", ITEMS, json=item_body(world, 16), headers=key)
    body = problem(other, 422, field="Idempotency-Key")
    assert body["detail"] == "该 Idempotency-Key 已用于内容不同的请求"
    assert ok(world.get("staff", ITEMS))["total"] == 1


def test_without_a_key_two_posts_make_two_objects(world):
    body = {"name": "孙八", "kind": "deputy"}
    ok(world.post("staff", f"{V1}/proposers", json=body), 201)
    ok(world.post("staff", f"{V1}/proposers", json=body), 201)
    found = ok(world.get("staff", f"{V1}/proposers", params={"q": "孙八"}))
    assert found["total"] == 2


def test_keys_are_per_caller(world):
    body = {"name": "孙八", "kind": "deputy"}
    key = {"Idempotency-Key": "same-key"}
    ok(world.post("staff", f"{V1}/proposers", json=body, headers=key), 201)
    mine = world.post("admin", f"{V1}/proposers", json=body, headers=key)
    assert mine.status_code == 201 and "idempotent-replayed" not in mine.headers
    assert ok(world.get("staff", f"{V1}/proposers", params={"q": "孙八"}))["total"] == 2


def test_a_retried_reply_draft_is_one_reply(world):
    item = assigned_item(world, 15)
    key = {"Idempotency-Key": "draft-15"}
    url = f"{ITEMS}/{item['id']}/replies"
    first = world.post("handler", url, json=GOOD_REPLY, headers=key)
    again = world.post("handler", url, json=GOOD_REPLY, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert len(ok(world.get("handler", url))) == 1


def test_an_overlong_key_is_refused(world):
    response = world.post(
        "staff",
        f"{V1}/proposers",
        json={"name": "孙八", "kind": "deputy"},
        headers={"Idempotency-Key": "k" * 129},
    )
    problem(response, 422, field="Idempotency-Key")
