"""Assignment and what units record against it, through HTTP: R-AS-1..3, R-KY-1..3,
R-DL-1..3, co-opinions and R-RP-5."""

from __future__ import annotations

import pytest

from tests.api.helpers import (
    V1,
    add_user,
    assign,
    assigned_item,
    deadlines,
    draft,
    make_item,
    ok,
    problem,
)

ITEMS = f"{V1}/items"


def put_units(world, item_id, units, who="staff"):
    body = {"units": [{"unit_id": world.units[u], "role": r} for u, r in units]}
    return world.put(who, f"{ITEMS}/{item_id}/assignments", json=body)


# --- R-AS-1 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "units",
    [
        pytest.param([("transport", "main")], id="one main"),
        pytest.param([("transport", "main"), ("finance", "co"), ("education", "co")], id="co"),
        pytest.param([("transport", "split"), ("finance", "split")], id="split"),
        pytest.param(
            [("transport", "split"), ("finance", "split"), ("town", "co")], id="split and co"
        ),
    ],
)
def test_r_as_1_valid_assignments(world, units):
    item = make_item(world, 15)
    detail = ok(put_units(world, item["id"], units))
    got = {(a["unit_id"], a["role"]) for a in detail["assignments"]}
    assert got == {(world.units[u], r) for u, r in units}
    assert detail["version"] == item["version"] + 1  # a new ETag for If-Match


@pytest.mark.parametrize(
    ("units", "reasons"),
    [
        pytest.param(
            [("transport", "main"), ("finance", "main")], ["主办单位只能有一个"], id="two mains"
        ),
        pytest.param(
            [("transport", "main"), ("finance", "split")],
            ["主办与分办不能同时存在：要么一个主办单位，要么多个分办单位"],
            id="main and split",
        ),
        pytest.param(
            [("transport", "split")],
            ["分办须有两个及以上单位；只有一个单位时应为主办"],
            id="one split",
        ),
        pytest.param([("transport", "co")], ["须指定一个主办单位或多个分办单位"], id="co only"),
        pytest.param(
            [("transport", "main"), ("transport", "split"), ("finance", "split")],
            [
                "同一承办单位不能重复交办（单位ID [{transport}]）",
                "主办与分办不能同时存在：要么一个主办单位，要么多个分办单位",
            ],
            id="every reason",
        ),
    ],
)
def test_r_as_1_invalid_assignments_list_every_reason(world, units, reasons):
    item = make_item(world, 15)
    body = problem(put_units(world, item["id"], units), 422, field="units", rule_id="R-AS-1")
    expected = [r.format(transport=world.units["transport"]) for r in reasons]
    assert body["detail"] == "；".join(expected)
    assert ok(world.get("staff", f"{ITEMS}/{item['id']}"))["assignments"] == []


def test_r_as_1_units_must_exist_and_be_active(world):
    item = make_item(world, 15)
    response = world.put(
        "staff",
        f"{ITEMS}/{item['id']}/assignments",
        json={"units": [{"unit_id": 999999, "role": "main"}]},
    )
    assert problem(response, 422, field="units")["detail"] == "承办单位不存在或已停用：[999999]"
    ok(world.patch("admin", f"{V1}/units/{world.units['town']}", json={"active": False}))
    problem(put_units(world, item["id"], [("town", "main")]), 422, field="units")
    empty = world.put("staff", f"{ITEMS}/{item['id']}/assignments", json={"units": []})
    problem(empty, 422, field="units")


def test_r_as_3_a_unit_that_has_started_its_answer_stays(world):
    item = assigned_item(world, 15, units=(("transport", "main"), ("finance", "co")))
    draft(world, item["id"])
    moved = put_units(world, item["id"], [("finance", "main"), ("transport", "co")])
    body = problem(moved, 409, field="units", rule_id="R-AS-3")
    assert body["detail"] == "县交通运输局已开始答复或会办，不能调整"
    ok(put_units(world, item["id"], [("transport", "main"), ("finance", "co"), ("town", "co")]))


# --- R-AS-2 / R-AS-3: re-assignment requests ----------------------------------------------------


@pytest.fixture
def received(world):
    """Received 2024-03-20 (window: 10 working days, to 2024-04-03); second assignment 04-11."""
    item = make_item(world, 15, first_assignment="2024-03-20")
    assign(world, item["id"], [("transport", "main"), ("finance", "co")])
    return item


def ask(world, item, on, who="handler"):
    body = {"reason": "该事项属于县住建局职责", "suggested_unit": "县住建局", "requested_on": on}
    return world.post(who, f"{ITEMS}/{item['id']}/reassignment-requests", json=body)


def test_r_as_2_a_request_inside_the_window(world, received):
    request = ok(ask(world, received, "2024-04-03"), 201)
    assert {k: request[k] for k in ("requested_on", "status", "suggested_unit", "unit_id")} == {
        "requested_on": "2024-04-03",
        "status": "pending",
        "suggested_unit": "县住建局",
        "unit_id": world.units["transport"],
    }
    assert [r["id"] for r in ok(world.get("staff", f"{V1}/reassignment-requests"))] == [
        request["id"]
    ]


@pytest.mark.parametrize("on", ["2024-03-19", "2024-04-08"], ids=["before receipt", "too late"])
def test_r_as_2_a_request_outside_the_window(world, received, on):
    body = problem(ask(world, received, on), 422, field="requested_on", rule_id="R-AS-2")
    assert body["detail"] == (
        "申请调整须在收到交办后10个工作日内提出（2024年3月20日至2024年4月3日）"
    )


def test_r_as_2_the_window_is_a_setting(world, received):
    problem(ask(world, received, "2024-04-08"), 422, rule_id="R-AS-2")
    before = deadlines(
        ok(world.get("staff", f"{ITEMS}/{received['id']}")), world.units["transport"]
    )
    assert before["R-AS-2"]["due"] == "2024-04-03"

    config = ok(world.get("admin", f"{V1}/config"))
    changed = world.patch(
        "admin",
        f"{V1}/config",
        json={"deadlines": {**config["deadlines"], "reassignment_window_days": 15}},
        headers={"If-Match": f'"{config["version"]}"'},
    )
    assert ok(changed)["deadlines"]["reassignment_window_days"] == 15
    assert ok(ask(world, received, "2024-04-08"), 201)["status"] == "pending"
    after = deadlines(ok(world.get("staff", f"{ITEMS}/{received['id']}")), world.units["transport"])
    assert after["R-AS-2"]["due"] == "2024-04-11"


def test_r_as_3_no_request_from_the_second_assignment_on(world, received):
    ok(world.patch("admin", f"{V1}/config", json={"deadlines": {"reassignment_window_days": 20}}))
    body = problem(ask(world, received, "2024-04-11"), 422, field="requested_on", rule_id="R-AS-3")
    assert body["detail"] == "调整须在第二次交办（2024年4月11日）前完成"


def test_r_as_2_an_item_not_yet_assigned_cannot_be_refused(world):
    item = make_item(world, 15, second_assignment=None)
    assign(world, item["id"], [("transport", "main")])
    body = problem(ask(world, item, "2024-04-03"), 422, rule_id="R-AS-2")
    assert body["detail"] == "该件尚未交办，不能申请调整"


def test_r_as_2_one_pending_request_per_unit(world, received):
    ok(ask(world, received, "2024-03-25"), 201)
    body = problem(ask(world, received, "2024-03-26", who="leader"), 409, rule_id="R-AS-2")
    assert body["detail"] == "本单位对该件已有待处理的调整申请"
    ok(ask(world, received, "2024-03-26", who="other_handler"), 201)  # another unit may


def decide(world, request_id, **body):
    return world.post("staff", f"{V1}/reassignment-requests/{request_id}/decision", json=body)


def test_r_as_2_the_office_accepts_and_re_assigns(world, received):
    request = ok(ask(world, received, "2024-03-25"), 201)
    education = world.units["education"]
    decided = ok(decide(world, request["id"], accepted=True, new_unit_id=education, note="同意"))
    assert (decided["status"], decided["decision_note"]) == ("accepted", "同意")
    assert decided["decided_at"] is not None
    item = ok(world.get("staff", f"{ITEMS}/{received['id']}"))
    assert {(a["unit_id"], a["role"]) for a in item["assignments"]} == {
        (education, "main"),
        (world.units["finance"], "co"),
    }
    problem(world.get("handler", f"{ITEMS}/{received['id']}"), 404)  # no longer its item
    assert ok(world.get("handler", ITEMS))["total"] == 0
    problem(decide(world, request["id"], accepted=False), 409, rule_id="R-AS-2")


def test_r_as_2_accepting_without_a_new_main_unit_is_refused(world, received):
    request = ok(ask(world, received, "2024-03-25"), 201)
    problem(decide(world, request["id"], accepted=True), 422, field="units", rule_id="R-AS-1")
    pending = ok(world.get("staff", f"{V1}/reassignment-requests", params={"pending_only": True}))
    assert [r["status"] for r in pending] == ["pending"]


def test_r_as_2_the_office_refuses(world, received):
    request = ok(ask(world, received, "2024-03-25"), 201)
    decided = ok(decide(world, request["id"], accepted=False, note="属于本单位职责"))
    assert (decided["status"], decided["decision_note"]) == ("refused", "属于本单位职责")
    item = ok(world.get("handler", f"{ITEMS}/{received['id']}"))
    assert {a["unit_id"] for a in item["assignments"]} == {
        world.units["transport"],
        world.units["finance"],
    }
    assert ok(ask(world, received, "2024-03-26"), 201)["status"] == "pending"  # may ask again


def test_r_as_2_a_unit_sees_only_its_own_requests(world, received):
    ok(ask(world, received, "2024-03-25"), 201)
    ok(ask(world, received, "2024-03-25", who="other_handler"), 201)
    units = {r["unit_id"] for r in ok(world.get("handler", f"{V1}/reassignment-requests"))}
    assert units == {world.units["transport"]}
    assert len(ok(world.get("staff", f"{V1}/reassignment-requests"))) == 2


# --- R-KY-1..3 ----------------------------------------------------------------------------------


@pytest.fixture
def mains(world):
    """Transport is main on 1, 2, 3 and co on 4; finance is main on 4 and 5."""
    items = {}
    for n, units in (
        (1, [("transport", "main")]),
        (2, [("transport", "main")]),
        (3, [("transport", "main")]),
        (4, [("finance", "main"), ("transport", "co")]),
        (5, [("finance", "main")]),
    ):
        items[n] = assigned_item(world, n, units=units)["id"]
    return items


def pick(world, ids, who="handler", unit="transport", **extra):
    body = {"year": 2024, "item_ids": ids, **extra}
    return world.put(who, f"{V1}/units/{world.units[unit]}/key-items", json=body)


def test_r_ky_1_one_or_two_of_the_units_own_main_items(world, mains):
    assert ok(pick(world, [mains[1]])) == [mains[1]]
    assert ok(pick(world, [mains[2], mains[1]])) == sorted([mains[1], mains[2]])
    keys = {i["number"]: i["key_item"] for i in ok(world.get("handler", ITEMS))["items"]}
    assert keys == {1: True, 2: True, 3: False, 4: False}


@pytest.mark.parametrize(
    ("chosen", "detail"),
    [
        pytest.param([1, 2, 3], "重点处理件为1至2件，本次选了3件", id="three"),
        pytest.param([4], "编号 {n4} 不是本单位（{unit}）的主办件，不能确定为重点处理件", id="co"),
        pytest.param(
            [5], "编号 {n5} 不是本单位（{unit}）的主办件，不能确定为重点处理件", id="other unit"
        ),
        pytest.param([1, 1], "重复选择了同一件（编号 {n1}）", id="repeated"),
        pytest.param([], "须从本单位主办件中确定1至2件重点处理件", id="none"),
    ],
)
def test_r_ky_1_refusals(world, mains, chosen, detail):
    body = problem(pick(world, [mains[n] for n in chosen]), 422, field="item_ids", rule_id="R-KY-1")
    names = {f"n{n}": mains[n] for n in mains}
    assert body["detail"] == detail.format(**names, unit=world.units["transport"])


def test_r_ky_1_only_for_the_units_own_list(world, mains):
    refused = pick(world, [mains[5]], who="handler", unit="finance")
    assert problem(refused, 403)["detail"] == "只能选择本单位的重点处理件"


def test_r_dl_2_appears_only_for_key_items(world, mains):
    transport = world.units["transport"]

    def rules(n):
        return deadlines(ok(world.get("handler", f"{ITEMS}/{mains[n]}")), transport)

    assert "R-DL-2" not in rules(1)
    ok(pick(world, [mains[1]], registration_filed_on="2024-04-20"))
    r_dl_2 = rules(1)["R-DL-2"]
    assert (r_dl_2["due"], r_dl_2["done_on"], r_dl_2["state"]) == (
        "2024-05-06",
        "2024-04-20",
        "done_on_time",
    )
    assert "R-DL-2" not in rules(2)
    ok(pick(world, [mains[2]]))  # a new choice replaces the old one
    assert "R-DL-2" not in rules(1)
    assert rules(2)["R-DL-2"]["state"] == "overdue"  # not filed, and 2024 is long past


def test_r_ky_2_the_office_marks_leader_supervision(world):
    item = assigned_item(world, 15)
    url = f"{ITEMS}/{item['id']}/leader-supervision"
    body = {"leader_supervised": True, "supervising_leader": "王县长"}
    marked = ok(world.put("staff", url, json=body))
    assert (marked["leader_supervised"], marked["supervising_leader"]) == (True, "王县长")
    problem(world.put("handler", url, json=body), 403)
    supervised = ok(world.get("staff", ITEMS, params={"leader_supervised": True}))
    assert [i["id"] for i in supervised["items"]] == [item["id"]]
    cleared = ok(world.put("staff", url, json={**body, "leader_supervised": False}))
    assert (cleared["leader_supervised"], cleared["supervising_leader"]) == (False, None)


SUGGESTION_STEPS = [
    "未制定书面“开门办案”方案",
    "未邀请提出建议的代表参加",
    "未邀请人大常委会主管部门负责同志参加",
    "未开展座谈交流或现场视察",
    "未记录座谈交流或现场视察的日期",
    "未形成书面记录",
]


def test_r_ky_3_open_door_record_reports_what_is_missing(world, mains):
    url = f"{ITEMS}/{mains[1]}/open-door"
    refused = world.put("handler", url, json={"written_plan": "方案"})
    assert problem(refused, 422, rule_id="R-KY-3")["detail"] == (
        "只有重点处理件或领导领衔督办件需要开门办案"
    )
    ok(pick(world, [mains[1]]))
    assert ok(world.get("handler", url))["missing"] == SUGGESTION_STEPS
    partial = ok(
        world.put("handler", url, json={"written_plan": "开门办案方案", "proposers_invited": True})
    )
    assert partial["missing"] == SUGGESTION_STEPS[2:]
    full = {
        "written_plan": "开门办案方案",
        "proposers_invited": True,
        "supervising_body_invited": True,
        "activity": "site_visit",
        "held_on": "2024-05-20",
        "written_record": "现场视察记录……",
    }
    assert ok(world.put("handler", url, json=full)) == {**full, "missing": []}
    assert ok(world.get("staff", url)) == {**full, "missing": []}


def test_r_ky_3_a_proposal_names_the_cppcc(world):
    item = assigned_item(
        world, 15, units=(("finance", "main"),), proposers=("zhao",), session="cppcc_county"
    )
    ok(pick(world, [item["id"]], who="other_handler", unit="finance"))
    missing = ok(world.put("other_handler", f"{ITEMS}/{item['id']}/open-door", json={}))["missing"]
    assert missing[1:3] == ["未邀请提出提案的委员（单位）参加", "未邀请政协主管部门负责同志参加"]


def test_r_ky_3_leader_supervised_items_are_handled_open_door_too(world, mains):
    body = {"leader_supervised": True, "supervising_leader": "王县长"}
    ok(world.put("staff", f"{ITEMS}/{mains[3]}/leader-supervision", json=body))
    record = ok(
        world.put("handler", f"{ITEMS}/{mains[3]}/open-door", json={"written_plan": "方案"})
    )
    assert record["missing"] == SUGGESTION_STEPS[1:]


# --- R-DL-1 responsibility breakdown ------------------------------------------------------------


def entry(world, who, delivered_on):
    return {
        "proposer_id": world.proposers[who],
        "leader_in_charge": "李局长",
        "handling_office": "规划科",
        "contact_person": "王五",
        "contact_phone": "0310-3519359",
        "delivered_on": delivered_on,
    }


def test_r_dl_1_done_only_when_every_proposer_has_the_form(world):
    item = assigned_item(world, 15)  # 张三 and 李四; second assignment 2024-04-11
    url = f"{ITEMS}/{item['id']}/breakdowns"
    transport = world.units["transport"]

    def r_dl_1():
        d = deadlines(ok(world.get("staff", f"{ITEMS}/{item['id']}")), transport)["R-DL-1"]
        return d["due"], d["done_on"], d["state"]

    rows = ok(world.put("handler", url, json={"entries": [entry(world, "zhang", "2024-04-25")]}))
    assert [(r["proposer_name"], r["delivered_on"]) for r in rows] == [("张三", "2024-04-25")]
    assert r_dl_1() == ("2024-05-06", None, "overdue")

    ok(world.put("handler", url, json={"entries": [entry(world, "li", "2024-05-08")]}))
    assert r_dl_1() == ("2024-05-06", "2024-05-08", "done_late")
    ok(world.put("handler", url, json={"entries": [entry(world, "li", "2024-04-30")]}))
    assert r_dl_1() == ("2024-05-06", "2024-04-30", "done_on_time")
    listed = ok(world.get("handler", url))
    assert [(r["proposer_name"], r["delivered_on"]) for r in listed] == [
        ("张三", "2024-04-25"),
        ("李四", "2024-04-30"),
    ]


def test_r_dl_1_a_form_not_yet_delivered_keeps_it_open(world):
    item = assigned_item(world, 15)
    url = f"{ITEMS}/{item['id']}/breakdowns"
    entries = [entry(world, "zhang", "2024-04-25"), entry(world, "li", None)]
    ok(world.put("handler", url, json={"entries": entries}))
    detail = ok(world.get("staff", f"{ITEMS}/{item['id']}"))
    assert deadlines(detail, world.units["transport"])["R-DL-1"]["done_on"] is None


def test_r_dl_1_only_for_the_items_proposers(world):
    item = assigned_item(world, 15)
    stranger = {"entries": [entry(world, "wang", "2024-04-25")]}
    response = world.put("handler", f"{ITEMS}/{item['id']}/breakdowns", json=stranger)
    assert problem(response, 422, field="entries")["detail"] == (
        f"不是该件的提出人：[{world.proposers['wang']}]"
    )


# --- co-opinions: R-DL-3, R-RP-5, R-RP-6 ---------------------------------------------------------


def co_opinion(world, item_id, who="other_handler", body="我局同意主办单位意见。"):
    return world.put(who, f"{ITEMS}/{item_id}/co-opinion", json={"body": body})


def deliver(world, item_id, who="other_handler", **body):
    return world.post(who, f"{ITEMS}/{item_id}/co-opinion/deliver", json=body)


def test_r_dl_3_done_when_delivered(world):
    item = assigned_item(world, 15, units=(("transport", "main"), ("finance", "co")))
    drafted = ok(co_opinion(world, item["id"]))
    assert drafted["heading"] == "魏县第十届人民代表大会第三次会议第15号建议的会办意见"
    assert drafted["copy_to"] == ["县人大常委会选举任免代表工作委员会", "县政府办公室"]
    finance = world.units["finance"]
    before = deadlines(ok(world.get("staff", f"{ITEMS}/{item['id']}")), finance)["R-DL-3"]
    assert (before["due"], before["done_on"]) == ("2024-05-11", None)

    delivered = ok(deliver(world, item["id"], delivered_on="2024-05-06"))
    assert delivered["delivered_on"] == "2024-05-06"
    detail = ok(world.get("staff", f"{ITEMS}/{item['id']}"))
    r_dl_3 = deadlines(detail, finance)["R-DL-3"]
    assert (r_dl_3["done_on"], r_dl_3["state"]) == ("2024-05-06", "done_on_time")
    co = next(a for a in detail["assignments"] if a["unit_id"] == finance)
    assert (co["due_on"], co["done_on"]) == ("2024-05-11", "2024-05-06")
    edited = co_opinion(world, item["id"], body="补充意见")
    assert problem(edited, 409, rule_id="R-DL-3")["detail"] == "会办意见已送达，不能再修改"


def test_r_dl_3_nothing_to_deliver_without_a_body(world):
    item = assigned_item(world, 15, units=(("transport", "main"), ("finance", "co")))
    problem(
        deliver(world, item["id"], delivered_on="2024-05-06"), 422, field="body", rule_id="R-DL-3"
    )


def test_r_rp_5_a_city_items_co_opinion_goes_to_the_office_too(world):
    item = assigned_item(
        world, 15, units=(("transport", "main"), ("finance", "co")), session="npc_city"
    )
    drafted = ok(co_opinion(world, item["id"]))
    assert drafted["copy_to"] == ["市人大常委会选举任免代表工作委员会", "县政府办公室"]
    body = problem(
        deliver(world, item["id"], delivered_on="2024-05-06"),
        422,
        field="sent_to_office_on",
        rule_id="R-RP-5",
    )
    assert body["detail"] == "市级件的会办意见须同时报送县政府办公室和主办单位各1份"
    sent = ok(deliver(world, item["id"], delivered_on="2024-05-06", sent_to_office_on="2024-05-06"))
    assert (sent["delivered_on"], sent["sent_to_office_on"]) == ("2024-05-06", "2024-05-06")


def test_r_rp_6_a_proposal_co_opinion_copies_the_cppcc(world):
    item = assigned_item(
        world,
        15,
        units=(("transport", "main"), ("finance", "co")),
        proposers=("zhao",),
        session="cppcc_county",
    )
    drafted = ok(co_opinion(world, item["id"]))
    assert drafted["copy_to"] == ["县政府办公室", "县政协提案委员会"]
    assert drafted["heading"] == "对政协魏县第十届委员会第三次会议第15号提案的会办意见"


def test_co_opinions_main_unit_sees_all_a_co_unit_its_own(world):
    add_user(world, "edu_handler", "unit_handler", "education")
    item = assigned_item(
        world, 15, units=(("transport", "main"), ("finance", "co"), ("education", "co"))
    )
    ok(co_opinion(world, item["id"], who="other_handler", body="财政局意见"))
    ok(co_opinion(world, item["id"], who="edu_handler", body="教体局意见"))
    url = f"{ITEMS}/{item['id']}/co-opinions"

    def bodies(who):
        return [o["body"] for o in ok(world.get(who, url))]

    assert bodies("handler") == bodies("staff") == ["财政局意见", "教体局意见"]
    assert bodies("other_handler") == ["财政局意见"]
    assert bodies("edu_handler") == ["教体局意见"]
    refused = co_opinion(world, item["id"], who="handler")  # the main unit writes the reply
    assert problem(refused, 403)["detail"] == "本单位不是该件的会办单位"
