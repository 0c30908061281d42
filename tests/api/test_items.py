"""Items through HTTP (issue 3): create, read, change; lists that filter, sort and page; who
sees what (R-RP-2 secrets, a unit's own items, liaisons' kinds, the read-only auditor); the
timeline; private notes."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from api.auth.permissions import PERMISSIONS
from api.calendar.service import current_calendar
from api.clock import today
from api.models import UserRole
from domain.calendar import Period
from domain.deadlines import DeadlineSettings, due_soon_until
from tests.api.helpers import (
    V1,
    assign,
    assigned_item,
    db,
    draft,
    item_body,
    make_item,
    ok,
    problem,
    sent_reply,
)
from tests.api.test_authorization_matrix import GUARDED, REQUESTS, Objects

ITEMS = f"{V1}/items"


# --- create, read, change -------------------------------------------------------------------


def test_an_item_is_created_and_read_back(world):
    created = world.post("staff", ITEMS, json=item_body(world, 15, topic="交通"))
    assert created.status_code == 201 and created.headers["etag"] == '"1"'
    item = created.json()
    read = world.get("staff", f"{ITEMS}/{item['id']}")
    assert read.headers["etag"] == '"1"'
    stamps = ("created_at", "updated_at")  # SQLite keeps no time zone (see the report)
    assert {k: v for k, v in read.json().items() if k not in stamps} == {
        k: v for k, v in item.items() if k not in stamps
    }
    assert {k: item[k] for k in ("label", "kind", "level", "year", "topic", "state")} == {
        "label": "第15号建议",
        "kind": "suggestion",
        "level": "county",
        "year": 2024,
        "topic": "交通",
        "state": "unassigned",
    }
    assert item["session"]["name"] == "魏县第十届人民代表大会第三次会议"
    assert [(p["name"], p["kind"], p["is_lead"]) for p in item["proposers"]] == [
        ("张三", "deputy", True),
        ("李四", "deputy", False),
    ]
    assert (item["lead_proposer"], item["proposer_count"]) == ("张三", 2)


def test_number_is_unique_within_its_session(world):
    make_item(world, 15)
    body = problem(world.post("staff", ITEMS, json=item_body(world, 15)), 409, field="number")
    assert body["detail"] == "本次会议已有第15号建议"
    make_item(world, 15, proposers=("zhao",), session="cppcc_county")  # another session: fine


@pytest.mark.parametrize(
    ("session", "proposers", "detail"),
    [
        pytest.param(
            "npc_county", ("zhang", "zhao"), "建议的提出人应为人大代表：赵六", id="member"
        ),
        pytest.param(
            "npc_county", ("minmeng",), "建议的提出人应为人大代表：民盟魏县总支", id="organisation"
        ),
        pytest.param(
            "cppcc_county", ("zhao", "li"), "提案的提出人应为政协委员或党派团体：李四", id="deputy"
        ),
    ],
)
def test_proposers_must_fit_the_kind(world, session, proposers, detail):
    response = world.post("staff", ITEMS, json=item_body(world, 15, proposers, session))
    assert problem(response, 422, field="proposers")["detail"] == detail


def test_a_proposal_may_come_from_members_or_an_organisation(world):
    joint = make_item(world, 1, proposers=("zhao", "qian"), session="cppcc_county")
    organisation = make_item(world, 2, proposers=("minmeng",), session="cppcc_county")
    assert [p["name"] for p in joint["proposers"]] == ["赵六", "钱七"]
    assert organisation["proposers"][0]["kind"] == "organisation"


@pytest.mark.parametrize(
    "leads", [pytest.param((False, False), id="no lead"), pytest.param((True, True), id="two")]
)
def test_a_joint_item_needs_exactly_one_lead(world, leads):
    body = item_body(world, 15)
    for link, lead in zip(body["proposers"], leads, strict=True):
        link["is_lead"] = lead
    response = world.post("staff", ITEMS, json=body)
    assert problem(response, 422, field="proposers")["detail"] == "联名件须指定且只能指定一位领衔人"


def test_one_proposer_is_the_lead_without_saying_so(world):
    body = item_body(world, 15, ("wang",))
    body["proposers"][0]["is_lead"] = False
    item = ok(world.post("staff", ITEMS, json=body), 201)
    assert item["proposers"][0]["is_lead"] is True and item["lead_proposer"] == "王五"


def test_unknown_session_or_proposer_is_refused(world):
    problem(
        world.post("staff", ITEMS, json=item_body(world, 15) | {"session_id": 999999}),
        422,
        field="session_id",
    )
    body = item_body(world, 15)
    body["proposers"][1]["proposer_id"] = 999999
    problem(world.post("staff", ITEMS, json=body), 422, field="proposers")


def test_an_update_needs_the_current_etag(world):
    item = make_item(world, 15)
    url = f"{ITEMS}/{item['id']}"
    changed = world.patch(
        "staff", url, json={"title": "关于农村公路的建议"}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200 and changed.headers["etag"] == '"2"'
    stale = world.patch("admin", url, json={"title": "过时的修改"}, headers={"If-Match": '"1"'})
    problem(stale, 412)
    assert stale.headers["etag"] == '"2"'
    assert ok(world.get("staff", url))["title"] == "关于农村公路的建议"
    anyway = world.patch("staff", url, json={"topic": "交通"}, headers={"If-Match": "*"})
    assert anyway.status_code == 200 and anyway.headers["etag"] == '"3"'


def test_changing_proposers_is_checked_like_creating(world):
    item = make_item(world, 15)
    url = f"{ITEMS}/{item['id']}"
    links = [{"proposer_id": world.proposers["zhao"], "is_lead": True}]
    problem(world.patch("staff", url, json={"proposers": links}), 422, field="proposers")
    links = [{"proposer_id": world.proposers["wang"], "is_lead": True}]
    assert [
        p["name"] for p in ok(world.patch("staff", url, json={"proposers": links}))["proposers"]
    ] == ["王五"]


# --- lists ----------------------------------------------------------------------------------


def _starts(world) -> dict[str, date]:
    """Second-assignment dates that make R-DL-4 (3 months) overdue, due soon or open today."""
    now = today()
    with db(world) as session:
        calendar = current_calendar(session)
    soon_until = due_soon_until(calendar, now, DeadlineSettings())
    three_months = Period.parse("3m")
    soon = next(
        now - timedelta(days=back)
        for back in range(80, 110)
        if now <= calendar.due(now - timedelta(days=back), three_months).due <= soon_until
    )
    return {"overdue": now - timedelta(days=200), "due_soon": soon, "open": now}


@pytest.fixture
def listed(world):
    """Five items, one in each state, as the office sees them (numbers 1–5)."""
    starts = _starts(world)
    made = {}

    def item(key, number, title, units, proposers=("zhang",), session="npc_county", **extra):
        body = item_body(world, number, proposers, session, title=title, **extra)
        made[key] = ok(world.post("staff", ITEMS, json=body), 201)
        if units:
            assign(world, made[key]["id"], units)

    item(
        "A",
        1,
        "关于修缮农村公路的建议",
        [("transport", "main")],
        second_assignment=starts["overdue"].isoformat(),
    )
    item(
        "B",
        2,
        "关于增设公交线路的建议",
        [("transport", "main")],
        ("li",),
        second_assignment=starts["due_soon"].isoformat(),
    )
    item(
        "C",
        3,
        "关于教育经费保障的提案",
        [("finance", "main")],
        ("zhao",),
        "cppcc_county",
        content="保障教师工资按时足额发放",
        second_assignment=starts["open"].isoformat(),
    )
    item("D", 4, "关于城区停车难的建议", [("transport", "main")], ("wang",), "npc_city")
    item("E", 5, "关于农村饮水安全的建议", [], ("wang",))
    ok(
        world.put(
            "handler",
            f"{V1}/units/{world.units['transport']}/key-items",
            json={"year": 2024, "item_ids": [made["A"]["id"]]},
        )
    )
    draft(world, made["B"]["id"], reply_class="C")
    sent_reply(world, made["D"]["id"], sender="staff")  # a city item goes out via the office
    return made


def numbers(response) -> list[int]:
    return [i["number"] for i in ok(response)["items"]]


def test_each_item_shows_its_state(world, listed):
    page = ok(world.get("staff", ITEMS))
    assert page["total"] == 5
    assert {i["number"]: i["state"] for i in page["items"]} == {
        1: "overdue",
        2: "due_soon",
        3: "open",
        4: "done",
        5: "unassigned",
    }


FILTERS = {
    "overdue": ({"state": "overdue"}, [1]),
    "due soon": ({"state": "due_soon"}, [2]),
    "open": ({"state": "open"}, [3]),
    "done": ({"state": "done"}, [4]),
    "unassigned": ({"state": "unassigned"}, [5]),
    "kind": ({"kind": "proposal"}, [3]),
    "level": ({"level": "city"}, [4]),
    "key": ({"key": True}, [1]),
    "not key": ({"key": False}, [2, 5, 3, 4]),
    "class A": ({"reply_class": "A"}, [4]),
    "class C": ({"reply_class": "C"}, [2]),
    "draft": ({"reply_status": "draft"}, [2]),
    "sent": ({"reply_status": "sent"}, [4]),
    "title text": ({"q": "公交"}, [2]),
    "content text": ({"q": "教师"}, [3]),
    "number": ({"q": "3"}, [3]),
    "two titles": ({"q": "农村"}, [1, 5]),
    "combined": ({"kind": "suggestion", "state": "overdue"}, [1]),
}


def test_list_filters(world, listed):
    """Every filter of the list, each case by name: state, kind, level, key, class, text."""
    found = {
        case: numbers(world.get("staff", ITEMS, params=params))
        for case, (params, _) in FILTERS.items()
    }
    assert found == {case: expected for case, (_, expected) in FILTERS.items()}


def test_list_filters_by_ids(world, listed):
    """The portal fetches the items behind a figure or a merge group by id."""
    wanted = [listed["D"]["id"], listed["A"]["id"]]
    assert numbers(world.get("staff", ITEMS, params={"ids": wanted})) == [1, 4]
    assert numbers(world.get("handler", ITEMS, params={"ids": [listed["C"]["id"]]})) == []
    problem(world.get("staff", ITEMS, params={"ids": "x"}), 422, field="ids.0")


def test_the_overview_counts_as_the_list_does(world, listed):
    """The office's home page in one request: each state's count equals the list's total."""
    seen = ok(world.get("staff", f"{ITEMS}/overview", params={"year": 2024}))
    listed_totals = {
        state: ok(world.get("staff", ITEMS, params={"year": 2024, "state": state}))["total"]
        for state in seen["by_state"]
    }
    assert seen["by_state"] == listed_totals
    assert seen["by_state"] == {
        "unassigned": 1,
        "open": 1,
        "due_soon": 1,
        "overdue": 1,
        "done": 1,
    }
    assert seen["total"] == 5
    transport = world.units["transport"]
    assert seen["overdue_by_unit"] == [
        {"unit_id": transport, "unit_name": "县交通运输局", "overdue": 1}
    ]
    own = ok(world.get("other_handler", f"{ITEMS}/overview"))  # finance: item 3 only
    assert (own["total"], own["by_state"]["open"], own["overdue_by_unit"]) == (1, 1, [])


def test_list_filters_by_unit(world, listed):
    transport, finance = world.units["transport"], world.units["finance"]
    assert numbers(world.get("staff", ITEMS, params={"unit_id": transport})) == [1, 2, 4]
    assert numbers(world.get("staff", ITEMS, params={"unit_id": finance})) == [3]
    overdue = {"unit_id": transport, "state": "overdue"}
    assert numbers(world.get("staff", ITEMS, params=overdue)) == [1]


def test_due_soon_item_shows_its_due_date(world, listed):
    item = ok(world.get("staff", f"{ITEMS}/{listed['B']['id']}"))
    main = item["assignments"][0]
    r_dl_4 = next(d for d in main["deadlines"] if d["rule_id"] == "R-DL-4")
    assert item["next_due"] == r_dl_4["due"] == main["due_on"]
    assert r_dl_4["state"] == "due_soon" and 0 <= r_dl_4["working_days_left"] <= 3


SORTS = {
    "number": [1, 2, 5, 3, 4],  # by session, then number
    "-number": [5, 2, 1, 3, 4],
    "due": [1, 2, 3, 4, 5],  # earliest open due first, items with none last
}


def test_list_sorts(world, listed):
    found = {sort: numbers(world.get("staff", ITEMS, params={"sort": sort})) for sort in SORTS}
    assert found == SORTS
    titles = [i["title"] for i in ok(world.get("staff", ITEMS, params={"sort": "title"}))["items"]]
    assert titles == sorted(titles) and len(titles) == 5


def test_list_pages_with_total(world, listed):
    second = ok(world.get("staff", ITEMS, params={"page": 2, "page_size": 2}))
    assert ([i["number"] for i in second["items"]], second["total"]) == ([5, 3], 5)
    assert (second["page"], second["page_size"]) == (2, 2)
    last = ok(world.get("staff", ITEMS, params={"page": 3, "page_size": 2}))
    assert [i["number"] for i in last["items"]] == [4] and last["total"] == 5
    assert ok(world.get("staff", ITEMS, params={"page": 9}))["items"] == []


def test_a_unit_lists_only_its_own_items(world, listed):
    assert numbers(world.get("handler", ITEMS)) == [1, 2, 4]
    assert numbers(world.get("other_handler", ITEMS)) == [3]
    # a unit cannot widen its view by naming another unit
    finance = {"unit_id": world.units["finance"]}
    assert numbers(world.get("handler", ITEMS, params=finance)) == [1, 2, 4]


# --- who sees what ----------------------------------------------------------------------------


ITEM_ROUTES = [
    (method, path, op)
    for method, path, op, action in GUARDED
    if "{item_id}" in path and UserRole.UNIT_HANDLER in PERMISSIONS[action]
]


def test_another_units_item_answers_404_everywhere(world):
    """As if it did not exist: every item endpoint a unit may call answers exactly as for an
    id that was never used — 404 for a valid request."""
    item = assigned_item(world, 15)
    objects = Objects(world)
    assert len(ITEM_ROUTES) >= 15
    for method, path, op in ITEM_ROUTES:
        kwargs = REQUESTS[op](objects, "other_handler") if op in REQUESTS else {}
        mine = world.request(
            "other_handler", method, path.replace("{item_id}", str(item["id"])), **kwargs
        )
        absent = world.request(
            "other_handler", method, path.replace("{item_id}", "999999"), **kwargs
        )
        assert (mine.status_code, _sans_instance(mine)) == (
            absent.status_code,
            _sans_instance(absent),
        ), op
        if op in REQUESTS or method == "GET":
            assert problem(mine, 404)["detail"] == "建议提案不存在", op
    assert ok(world.get("other_handler", ITEMS))["total"] == 0
    params = {"parent_type": "item", "parent_id": item["id"]}
    problem(world.get("other_handler", f"{V1}/attachments", params=params), 404)


def _sans_instance(response) -> dict:
    return {k: v for k, v in response.json().items() if k != "instance"}


def test_secret_items_are_for_the_cleared_only(world):
    """R-RP-2: items touching state secrets are visible only to those cleared for them."""
    secret = make_item(world, 15, secret=True)
    assign(world, secret["id"], [("transport", "main")], who="admin")  # staff is not cleared
    assigned_item(world, 16)
    url = f"{ITEMS}/{secret['id']}"
    for who in ("staff", "handler", "leader", "npc", "auditor"):
        problem(world.get(who, url), 404)
        problem(world.get(who, f"{url}/timeline"), 404)
        assert numbers(world.get(who, ITEMS)) == [16], who
    assert ok(world.get("admin", url))["secret"] is True
    assert numbers(world.get("admin", ITEMS)) == [15, 16]


def test_liaisons_see_their_own_kind(world):
    suggestion = make_item(world, 15)
    proposal = make_item(world, 15, proposers=("zhao",), session="cppcc_county")
    assert [i["kind"] for i in ok(world.get("npc", ITEMS))["items"]] == ["suggestion"]
    assert [i["kind"] for i in ok(world.get("cppcc", ITEMS))["items"]] == ["proposal"]
    problem(world.get("npc", f"{ITEMS}/{proposal['id']}"), 404)
    problem(world.get("cppcc", f"{ITEMS}/{suggestion['id']}"), 404)
    assert ok(world.get("npc", f"{ITEMS}/{suggestion['id']}"))["content"] == "建议加快……"


def test_the_auditor_reads_everything(world, listed):
    office = ok(world.get("staff", ITEMS))
    assert ok(world.get("auditor", ITEMS)) == office
    for item in office["items"]:
        assert ok(world.get("auditor", f"{ITEMS}/{item['id']}"))["id"] == item["id"]
        assert world.get("auditor", f"{ITEMS}/{item['id']}/timeline").status_code == 200
    for url in ("/units", "/users", "/audit", "/reassignment-requests", "/reply-templates"):
        assert world.get("auditor", V1 + url).status_code == 200, url


def test_every_write_is_403_for_the_auditor(world):
    item = ok(world.get("staff", f"{ITEMS}/{assigned_item(world, 15)['id']}"))
    auditor_writes = {
        a for m, _, _, a in GUARDED if m != "GET" and UserRole.AUDITOR in PERMISSIONS[a]
    }
    assert auditor_writes == {"me.read"}  # signing out, which changes no record
    writes = [(m, p) for m, p, _, a in GUARDED if m != "GET" and a != "me.read"]
    assert len(writes) >= 40
    for method, path in writes:
        url = path.replace("{item_id}", str(item["id"]))
        while "{" in url:
            name = url[url.index("{") : url.index("}") + 1]
            url = url.replace(name, "2030" if name == "{year}" else "999999")
        response = world.request("auditor", method, url, json={})
        assert problem(response, 403)["detail"] == "当前角色（审计员）无权执行此操作", (
            method,
            path,
        )
    assert ok(world.get("staff", f"{ITEMS}/{item['id']}")) == item  # nothing changed


# --- timeline and audit -----------------------------------------------------------------------


def test_the_timeline_lists_every_change_with_actor_and_values(world):
    item = make_item(world, 15)
    url = f"{ITEMS}/{item['id']}"
    ok(world.patch("staff", url, json={"title": "关于农村公路提档升级的建议"}))
    assign(world, item["id"], [("transport", "main")], who="admin")
    body = {"leader_supervised": True, "supervising_leader": "王县长"}
    ok(world.put("staff", f"{url}/leader-supervision", json=body))

    timeline = ok(world.get("auditor", f"{url}/timeline"))
    summary = [(e["action"], e["entity"], e["actor"]) for e in timeline]
    assert summary == [
        ("create", "items", "staff用户"),
        ("create", "item_proposers", "staff用户"),
        ("create", "item_proposers", "staff用户"),
        ("update", "items", "staff用户"),
        ("create", "assignments", "admin用户"),
        ("update", "assignments", "admin用户"),  # its R-DL-4 due date for the lists
        ("update", "items", "staff用户"),
    ]
    assert timeline[0]["entity_id"] == str(item["id"])
    assert timeline[0]["changes"]["title"] == {"new": "关于第15号事项的建议"}
    assert timeline[3]["changes"] == {
        "title": {"old": "关于第15号事项的建议", "new": "关于农村公路提档升级的建议"}
    }
    assert timeline[4]["changes"]["role"] == {"new": "main"}
    assert timeline[5]["changes"]["due_on"] == {"old": None, "new": "2024-07-11"}
    assert timeline[6]["changes"] == {
        "leader_supervised": {"old": False, "new": True},
        "supervising_leader": {"old": None, "new": "王县长"},
    }
    times = [e["at"] for e in timeline]
    assert times == sorted(times)


def test_no_endpoint_edits_or_deletes_the_audit_log(app):
    from tests.api.test_authorization_matrix import api_routes

    audit_routes = [
        (method, path)
        for method, path, _ in api_routes(app)
        if path.startswith(f"{V1}/audit") or path.endswith("/timeline")
    ]
    assert sorted(audit_routes) == [
        ("GET", f"{V1}/audit"),
        ("GET", f"{V1}/audit/export.csv"),
        ("GET", f"{V1}/items/{{item_id}}/timeline"),
    ]


# --- private notes ----------------------------------------------------------------------------


NOTES = {
    "handler": "交通局内部：拟先与代表电话沟通",
    "other_handler": "财政局内部：资金缺口约200万元",
    "staff": "办公室内部：该件需重点督办",
    "npc": "选任工委：代表多次反映",
}


def test_each_party_sees_only_its_own_notes(world):
    item = assigned_item(world, 15, units=(("transport", "main"), ("finance", "co")))
    url = f"{ITEMS}/{item['id']}/notes"
    for who, text in NOTES.items():
        note = ok(world.post(who, url, json={"body": text}), 201)
        assert (note["body"], note["author"]) == (text, f"{who}用户")

    def seen(who):
        return [n["body"] for n in ok(world.get(who, url))]

    assert seen("handler") == seen("leader") == [NOTES["handler"]]
    assert seen("other_handler") == [NOTES["other_handler"]]
    assert seen("staff") == seen("admin") == seen("auditor") == [NOTES["staff"]]
    assert seen("npc") == [NOTES["npc"]]
    problem(world.get("cppcc", url), 404)  # not its kind of item


def test_note_bodies_never_appear_in_the_timeline_or_audit(world):
    item = assigned_item(world, 15)
    for who in ("handler", "staff"):
        ok(world.post(who, f"{ITEMS}/{item['id']}/notes", json={"body": NOTES[who]}), 201)
    timeline = ok(world.get("admin", f"{ITEMS}/{item['id']}/timeline"))
    notes = [e for e in timeline if e["entity"] == "item_notes"]
    assert [e["changes"]["body"] for e in notes] == [{"new": "***"}, {"new": "***"}]
    audit = ok(world.get("audit_admin", f"{V1}/audit", params={"page_size": 500}))
    everything = json.dumps([timeline, audit], ensure_ascii=False)
    assert all(text not in everything for text in NOTES.values())
