"""After the reply, through HTTP: visit cards (R-VS-1..3, R-DL-8), feedback forms (R-FB-1,
R-DL-6, R-RP-3), dissatisfaction referred and followed up (R-FB-2, R-DL-7), look-back
(R-FB-3, R-DL-9)."""

from __future__ import annotations

from tests.api.flows import (
    V1,
    assign,
    assigned,
    deadlines,
    feedback,
    make_item,
    new_session,
    ok,
    problem,
    send_reply,
    visit,
)

# --- visits (R-VS-1..3, R-DL-8) --------------------------------------------------------


def test_a_visit_card_is_for_the_lead_of_the_item(world):
    """R-VS-1 one card for the item; R-VS-2 a joint item's lead is the one visited."""
    item = assigned(world, 1, units=(("transport", "main"), ("finance", "co")))
    card = ok(visit(world, item["id"], place="张三家中", result_comment="满意"), 201)
    assert card["item_id"] == item["id"] and card["unit_id"] == world.units["transport"]
    assert card["proposer_id"] == world.proposers["zhang"] and card["proposer_name"] == "张三"
    assert (card["mode"], card["visited_on"], card["batch"]) == ("face_to_face", "2024-05-10", None)
    assert card["organised_by_unit"] is True and card["submitted_on"] is None

    named = ok(visit(world, item["id"], proposer_id=world.proposers["zhang"], mode="phone"), 201)
    assert named["proposer_id"] == world.proposers["zhang"]
    cards = ok(world.get("staff", f"{V1}/items/{item['id']}/visits"))
    assert [(c["id"], c["mode"]) for c in cards] == [
        (card["id"], "face_to_face"),
        (named["id"], "phone"),
    ]


def test_only_the_lead_of_a_joint_item_is_visited(world):
    item = assigned(world, 2)
    non_lead = visit(world, item["id"], proposer_id=world.proposers["li"])
    assert "张三" in problem(non_lead, 422, field="proposer_id", rule_id="R-VS-2")["detail"]
    stranger = visit(world, item["id"], proposer_id=world.proposers["wang"])
    problem(stranger, 422, field="proposer_id", rule_id="R-VS-2")
    assert ok(world.get("staff", f"{V1}/items/{item['id']}/visits")) == []


def test_a_visit_must_be_organised_by_the_unit(world):
    item = assigned(world, 3)
    delegated = visit(world, item["id"], organised_by_unit=False)
    problem(delegated, 422, field="organised_by_unit", rule_id="R-VS-3")
    assert ok(world.get("staff", f"{V1}/items/{item['id']}/visits")) == []


def test_who_may_record_a_visit(world):
    item = assigned(world, 4, units=(("transport", "main"), ("finance", "co")))
    problem(visit(world, item["id"], who="other_handler"), 403)  # co-unit: not its visit
    problem(visit(world, item["id"], who="staff"), 403)  # the office does not visit
    problem(visit(world, item["id"], who="npc"), 403)
    lonely = assigned(world, 5, units=(("finance", "main"),))
    problem(visit(world, lonely["id"]), 404)  # not the unit's item: as if it did not exist
    # the co-unit sees the item but not the main unit's cards
    ok(visit(world, item["id"]), 201)
    assert ok(world.get("other_handler", f"{V1}/items/{item['id']}/visits")) == []
    assert len(ok(world.get("leader", f"{V1}/items/{item['id']}/visits"))) == 1


def test_a_batch_visit_makes_one_card_per_item_for_each_lead(world):
    """集中走访: R-VS-1 one card per item, R-VS-2 each for its own lead."""
    first = assigned(world, 6, proposers=("zhang", "li"))
    second = assigned(world, 7, proposers=("li", "wang"))
    third = assigned(world, 8, proposers=("wang",))
    ids = [first["id"], second["id"], third["id"], first["id"]]  # a repeat counts once
    body = {
        "item_ids": ids,
        "mode": "face_to_face",
        "visited_on": "2024-06-01",
        "visitors": "李局长",
    }
    cards = ok(world.post("handler", f"{V1}/visits/batch", json=body), 201)
    assert [(c["item_id"], c["proposer_id"]) for c in cards] == [
        (first["id"], world.proposers["zhang"]),
        (second["id"], world.proposers["li"]),
        (third["id"], world.proposers["wang"]),
    ]
    batches = {c["batch"] for c in cards}
    assert len(batches) == 1 and None not in batches
    for item in (first, second, third):
        assert len(ok(world.get("staff", f"{V1}/items/{item['id']}/visits"))) == 1


def test_a_batch_with_an_item_the_unit_may_not_visit_records_nothing(world):
    mine = assigned(world, 9)
    co = assigned(world, 10, units=(("finance", "main"), ("transport", "co")))
    body = {
        "item_ids": [mine["id"], co["id"]],
        "mode": "phone",
        "visited_on": "2024-06-01",
        "visitors": "李局长",
    }
    problem(world.post("handler", f"{V1}/visits/batch", json=body), 403)
    assert ok(world.get("staff", f"{V1}/items/{mine['id']}/visits")) == []
    delegated = {**body, "item_ids": [mine["id"]], "organised_by_unit": False}
    problem(world.post("handler", f"{V1}/visits/batch", json=delegated), 422, rule_id="R-VS-3")


def test_submitting_the_cards_completes_r_dl_8(world):
    first = assigned(world, 11)
    second = assigned(world, 12, units=(("transport", "main"), ("finance", "co")))
    ok(visit(world, first["id"]), 201)
    ok(visit(world, second["id"], mode="video"), 201)
    before = deadlines(world, first["id"])["R-DL-8"]
    assert (before["due"], before["state"], before["done_on"]) == ("2024-09-30", "overdue", None)

    url = f"{V1}/units/{world.units['transport']}/visit-cards/submit"
    problem(world.post("other_handler", url, json={"submitted_on": "2024-09-20"}), 403)
    problem(world.post("staff", url, json={"submitted_on": "2024-09-20"}), 403)
    assert ok(world.post("handler", url, json={"submitted_on": "2024-09-20"})) == 2
    for item in (first, second):
        after = deadlines(world, item["id"])["R-DL-8"]
        assert (after["state"], after["done_on"]) == ("done_on_time", "2024-09-20")
    cards = ok(world.get("staff", f"{V1}/items/{first['id']}/visits"))
    assert [c["submitted_on"] for c in cards] == ["2024-09-20"]
    assert ok(world.post("handler", url, json={"submitted_on": "2024-10-08"})) == 0  # none left

    # a card added later makes the set incomplete again, until it is submitted (late)
    ok(visit(world, first["id"], mode="phone", visited_on="2024-10-09"), 201)
    assert deadlines(world, first["id"])["R-DL-8"]["state"] == "overdue"
    assert ok(world.post("handler", url, json={"submitted_on": "2024-10-10"})) == 1
    late = deadlines(world, first["id"])["R-DL-8"]
    assert (late["state"], late["done_on"]) == ("done_late", "2024-10-10")


# --- feedback forms (R-FB-1, R-DL-6, R-RP-3) -------------------------------------------


def test_the_npc_liaison_records_a_suggestion_form(world):
    item = assigned(world, 20, units=(("transport", "main"), ("finance", "co")))
    early = feedback(world, item["id"], "zhang")
    problem(early, 422, field="unit_id", rule_id="R-FB-1")  # no reply sent yet
    send_reply(world, item["id"], sent_on="2024-07-01")
    assert deadlines(world, item["id"])["R-DL-6"]["due"] == "2024-07-16"  # 15 days

    problem(feedback(world, item["id"], "zhang", who="cppcc"), 404)  # cannot see suggestions
    problem(feedback(world, item["id"], "zhang", who="handler"), 403)  # units do not record it
    problem(feedback(world, item["id"], "zhang", unit="finance"), 422, field="unit_id")  # co
    problem(feedback(world, item["id"], "wang"), 422, field="proposer_id", rule_id="R-RP-3")

    form = ok(
        feedback(
            world,
            item["id"],
            "li",  # every deputy of a joint suggestion gets a reply, so a form (R-RP-3)
            satisfaction="basically_satisfied",
            attitude_comment="态度端正",
            wants_face_to_face=True,
        ),
        201,
    )
    assert form["form_seq"] == 1 and form["proposer_id"] == world.proposers["li"]
    assert form["needs_referral"] is False and form["referral_id"] is None
    assert form["wants_face_to_face"] is True and form["attitude_comment"] == "态度端正"
    r_dl_6 = deadlines(world, item["id"])["R-DL-6"]
    assert (r_dl_6["state"], r_dl_6["done_on"]) == ("done_on_time", "2024-07-10")
    staff_view = ok(world.get("staff", f"{V1}/items/{item['id']}/feedback"))
    assert [f["id"] for f in staff_view] == [form["id"]]
    assert ok(world.get("other_handler", f"{V1}/items/{item['id']}/feedback")) == []
    assert len(ok(world.get("handler", f"{V1}/items/{item['id']}/feedback"))) == 1


def test_a_late_form_completes_r_dl_6_late(world):
    item = assigned(world, 21)
    send_reply(world, item["id"], sent_on="2024-07-01")
    ok(feedback(world, item["id"], "zhang", received_on="2024-07-20"), 201)
    r_dl_6 = deadlines(world, item["id"])["R-DL-6"]
    assert (r_dl_6["due"], r_dl_6["state"]) == ("2024-07-16", "done_late")


def test_a_joint_proposal_form_comes_from_its_lead_only(world):
    """R-RP-3: a joint proposal is answered to its lead, so only the lead returns a form."""
    item = assigned(world, 22, proposers=("zhao", "qian"), session="cppcc_county")
    send_reply(world, item["id"], sent_on="2024-07-01")
    problem(feedback(world, item["id"], "zhao", who="npc"), 404)  # a proposal: not the NPC's
    non_lead = feedback(world, item["id"], "qian", who="cppcc")
    problem(non_lead, 422, field="proposer_id", rule_id="R-RP-3")
    form = ok(feedback(world, item["id"], "zhao", who="cppcc"), 201)
    assert form["proposer_id"] == world.proposers["zhao"] and form["form_seq"] == 1


def test_a_second_form_replaces_the_first_in_r_kpi_5(world):
    item = assigned(world, 23, proposers=("zhang",))
    send_reply(world, item["id"], sent_on="2024-07-01")
    first = ok(feedback(world, item["id"], "zhang", "dissatisfied", "2024-07-10"), 201)
    second = ok(feedback(world, item["id"], "zhang", "satisfied", "2024-09-10"), 201)
    assert (first["form_seq"], second["form_seq"]) == (1, 2)
    assert first["needs_referral"] is True and second["needs_referral"] is False

    def r_kpi_5(as_of: str) -> tuple[int, int, list[int]]:
        params = {"year": 2024, "as_of": as_of, "unit_id": world.units["transport"]}
        (report,) = ok(world.get("staff", f"{V1}/kpi/units", params=params))
        result = next(r for r in report["results"] if r["rule_id"] == "R-KPI-5")
        return result["numerator"], result["denominator"], result["shortfall_item_ids"]

    assert r_kpi_5("2024-08-01") == (0, 1, [item["id"]])  # only the first form so far
    assert r_kpi_5("2024-12-31") == (1, 1, [])  # the second replaced it: one vote, satisfied


# --- dissatisfaction: referral, listed supervision, follow-up (R-FB-2, R-DL-7) -----------


def _dissatisfied(world, number: int) -> tuple[dict, dict]:
    item = assigned(world, number, units=(("transport", "main"), ("finance", "co")))
    send_reply(world, item["id"], sent_on="2024-07-01")
    form = ok(feedback(world, item["id"], "zhang", "dissatisfied", result_comment="未解决"), 201)
    return item, form


def test_dissatisfaction_is_referred_and_listed_until_answered(world):
    item, form = _dissatisfied(world, 30)
    assert form["needs_referral"] is True
    assert "R-DL-7" not in deadlines(world, item["id"])  # nothing to follow up yet
    awaiting = ok(world.get("staff", f"{V1}/feedback", params={"year": 2024}))
    assert [f["id"] for f in awaiting] == [form["id"]]  # the office's queue (R-FB-2)
    assert [f["id"] for f in ok(world.get("handler", f"{V1}/feedback"))] == [form["id"]]
    assert ok(world.get("other_handler", f"{V1}/feedback")) == []  # not the co-unit's form
    url = f"{V1}/feedback/{form['id']}/referral"
    problem(world.post("handler", url, json={"referred_on": "2024-08-01"}), 403)
    problem(world.post("npc", url, json={"referred_on": "2024-08-01"}), 403)

    referral = ok(
        world.post("staff", url, json={"referred_on": "2024-08-01", "note": "请面商"}), 201
    )
    assert referral["feedback_id"] == form["id"] and referral["item_id"] == item["id"]
    assert referral["unit_id"] == world.units["transport"]
    assert referral["due"] == "2024-08-22"  # 15 working days after 1 August
    assert referral["listed_supervision"] is True and referral["due_provisional"] is False
    assert referral["face_to_face_on"] is None and referral["written_reply_on"] is None
    problem(world.post("staff", url, json={"referred_on": "2024-08-02"}), 409, rule_id="R-FB-2")
    assert ok(world.get("staff", f"{V1}/feedback")) == []  # referred: off the queue

    listed = ok(world.get("staff", f"{V1}/referrals", params={"open_only": "true"}))
    assert [(r["id"], r["due"]) for r in listed] == [(referral["id"], "2024-08-22")]
    assert [r["id"] for r in ok(world.get("handler", f"{V1}/referrals"))] == [referral["id"]]
    assert ok(world.get("other_handler", f"{V1}/referrals")) == []  # co-unit: not its referral
    r_dl_7 = deadlines(world, item["id"])["R-DL-7"]
    assert (r_dl_7["start"], r_dl_7["due"], r_dl_7["state"]) == (
        "2024-08-01",
        "2024-08-22",
        "overdue",
    )
    forms = ok(world.get("staff", f"{V1}/items/{item['id']}/feedback"))
    assert forms[0]["referral_id"] == referral["id"]


def test_a_satisfied_form_is_not_referred(world):
    item = assigned(world, 31)
    send_reply(world, item["id"])
    form = ok(feedback(world, item["id"], "zhang", "basically_satisfied"), 201)
    assert ok(world.get("staff", f"{V1}/feedback")) == []  # nothing to refer
    refused = world.post(
        "staff", f"{V1}/feedback/{form['id']}/referral", json={"referred_on": "2024-08-01"}
    )
    problem(refused, 422, rule_id="R-FB-2")
    problem(
        world.post("staff", f"{V1}/feedback/999999/referral", json={"referred_on": "2024-08-01"}),
        404,
    )


def test_the_unit_follows_up_face_to_face_then_in_writing(world):
    item, form = _dissatisfied(world, 32)
    referral = ok(
        world.post(
            "staff", f"{V1}/feedback/{form['id']}/referral", json={"referred_on": "2024-08-01"}
        ),
        201,
    )
    url = f"{V1}/referrals/{referral['id']}/follow-up"
    letter_only = world.put("handler", url, json={"written_reply_on": "2024-08-15"})
    problem(letter_only, 422, field="face_to_face_on", rule_id="R-FB-2")
    backwards = {"face_to_face_on": "2024-08-16", "written_reply_on": "2024-08-15"}
    problem(world.put("handler", url, json=backwards), 422, field="written_reply_on")
    other = {"face_to_face_on": "2024-08-10", "written_reply_on": "2024-08-15"}
    problem(world.put("other_handler", url, json=other), 404)  # another unit: no such referral
    problem(world.put("staff", url, json=other), 403)
    problem(world.put("handler", f"{V1}/referrals/999999/follow-up", json=other), 404)

    visited = ok(world.put("handler", url, json={"face_to_face_on": "2024-08-10"}))
    assert visited["listed_supervision"] is True  # a visit alone does not close it
    assert deadlines(world, item["id"])["R-DL-7"]["state"] == "overdue"

    done = ok(world.put("handler", url, json={**other, "summary": "当面沟通并书面答复"}))
    assert done["listed_supervision"] is False and done["written_reply_on"] == "2024-08-15"
    assert ok(world.get("staff", f"{V1}/referrals", params={"open_only": "true"})) == []
    assert [r["id"] for r in ok(world.get("staff", f"{V1}/referrals"))] == [referral["id"]]
    r_dl_7 = deadlines(world, item["id"])["R-DL-7"]
    assert (r_dl_7["state"], r_dl_7["done_on"]) == ("done_on_time", "2024-08-15")


def test_a_follow_up_after_fifteen_working_days_is_late(world):
    item, form = _dissatisfied(world, 33)
    referral = ok(
        world.post(
            "staff", f"{V1}/feedback/{form['id']}/referral", json={"referred_on": "2024-08-01"}
        ),
        201,
    )
    late = {"face_to_face_on": "2024-08-20", "written_reply_on": "2024-08-23"}
    ok(world.put("handler", f"{V1}/referrals/{referral['id']}/follow-up", json=late))
    r_dl_7 = deadlines(world, item["id"])["R-DL-7"]
    assert (r_dl_7["due"], r_dl_7["state"]) == ("2024-08-22", "done_late")


# --- look-back (R-FB-3, R-DL-9) ----------------------------------------------------------

LOOKBACK = {"checked_on": "2024-11-20", "progress": True, "details": "道路已完成硬化"}


def test_look_back_asks_by_class_and_completes_r_dl_9(world):
    a_item = assigned(world, 40, units=(("transport", "main"), ("finance", "co")))
    b_item = assigned(world, 41)
    send_reply(world, a_item["id"], "A")
    send_reply(world, b_item["id"], "A", approve_as="B")  # the office's class counts (R-RP-9)
    assert deadlines(world, a_item["id"])["R-DL-9"]["state"] == "overdue"  # as of today

    answer = ok(world.put("handler", f"{V1}/items/{a_item['id']}/lookback", json=LOOKBACK))
    assert answer["question"] == "承诺解决的事项是否落地落实"
    assert answer["progress"] is True and answer["unit_id"] == world.units["transport"]
    assert "R-DL-9" not in deadlines(world, a_item["id"], unit="finance")  # main items only
    still = deadlines(world, a_item["id"])["R-DL-9"]
    assert (still["due"], still["state"]) == ("2024-12-31", "overdue")  # not filed yet

    filed = {**LOOKBACK, "progress": False, "details": "资金未到位", "filed_on": "2024-12-20"}
    ok(world.put("handler", f"{V1}/items/{a_item['id']}/lookback", json=filed))
    r_dl_9 = deadlines(world, a_item["id"])["R-DL-9"]
    assert (r_dl_9["state"], r_dl_9["done_on"]) == ("done_on_time", "2024-12-20")
    stored = ok(world.get("staff", f"{V1}/items/{a_item['id']}/lookback"))
    assert [(s["progress"], s["details"], s["filed_on"]) for s in stored] == [
        (False, "资金未到位", "2024-12-20")
    ]

    b_answer = ok(world.put("leader", f"{V1}/items/{b_item['id']}/lookback", json=LOOKBACK))
    assert b_answer["question"] == "列入规划、计划的事项是否推进实施、取得进展"


def test_look_back_covers_replied_main_items_only(world):
    joint = assigned(world, 42, units=(("transport", "main"), ("finance", "co")))
    unsent = assigned(world, 43)
    split = assigned(world, 44, units=(("transport", "split"), ("finance", "split")))
    send_reply(world, joint["id"])
    send_reply(world, split["id"])
    url = f"{V1}/items/{{}}/lookback"
    problem(
        world.put("other_handler", url.format(joint["id"]), json=LOOKBACK), 422, rule_id="R-FB-3"
    )
    problem(world.put("handler", url.format(unsent["id"]), json=LOOKBACK), 422, rule_id="R-FB-3")
    problem(world.put("handler", url.format(split["id"]), json=LOOKBACK), 422, rule_id="R-FB-3")
    problem(world.put("staff", url.format(joint["id"]), json=LOOKBACK), 403)
    assert ok(world.get("staff", url.format(split["id"]))) == []
    assert "R-DL-9" not in deadlines(world, split["id"])  # split items are not looked back


def test_a_reassigned_unit_loses_its_visit_rights(world):
    """The unit that records visits is the one assigned now (R-VS-3 by the unit itself)."""
    item = assigned(world, 45)
    assign(world, item["id"], [("finance", "main")])
    problem(visit(world, item["id"]), 404)
    ok(visit(world, item["id"], who="other_handler"), 201)


def test_visits_need_an_item_with_proposers_on_record(world):
    item = make_item(world, 46, proposers=("wang",))
    assign(world, item["id"], [("transport", "main")])
    card = ok(visit(world, item["id"]), 201)
    assert card["proposer_id"] == world.proposers["wang"]  # a single proposer leads


def test_dates_follow_the_order_of_events(world):
    """A form answers a sent reply (R-FB-1); the office refers a form it has received, and
    the unit answers the referral after it was made (R-FB-2)."""
    item = assigned(world, 47)
    send_reply(world, item["id"], sent_on="2024-07-01")
    before_reply = feedback(world, item["id"], "zhang", "dissatisfied", "2024-06-30")
    problem(before_reply, 422, field="received_on", rule_id="R-FB-1")
    form = ok(feedback(world, item["id"], "zhang", "dissatisfied", "2024-07-01"), 201)
    url = f"{V1}/feedback/{form['id']}/referral"
    early = world.post("staff", url, json={"referred_on": "2024-06-30"})
    problem(early, 422, field="referred_on", rule_id="R-FB-2")
    referral = ok(world.post("staff", url, json={"referred_on": "2024-07-05"}), 201)
    follow = f"{V1}/referrals/{referral['id']}/follow-up"
    stale = {"face_to_face_on": "2024-07-04", "written_reply_on": "2024-07-06"}
    problem(
        world.put("handler", follow, json=stale), 422, field="face_to_face_on", rule_id="R-FB-2"
    )
    ok(world.put("handler", follow, json={**stale, "face_to_face_on": "2024-07-05"}))


def test_a_referral_due_in_an_unpublished_year_says_it_is_provisional(world):
    """R-DL-12: the arrangement of 2078 is not published, so R-DL-7 counted in it is not firm."""
    session = new_session(world, 2078)
    item = assigned(world, 48, session=session, second_assignment="2078-04-11")
    send_reply(world, item["id"], sent_on="2078-07-01")
    form = ok(feedback(world, item["id"], "zhang", "dissatisfied", "2078-07-10"), 201)
    url = f"{V1}/feedback/{form['id']}/referral"
    referral = ok(world.post("staff", url, json={"referred_on": "2078-12-20"}), 201)
    assert referral["due_provisional"] is True and referral["due"].startswith("2079-01-")
    (listed,) = ok(world.get("handler", f"{V1}/referrals"))
    assert listed["due_provisional"] is True
