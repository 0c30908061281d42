"""The office's oversight through HTTP: supervision records, talks and circulars (R-SV-1..2);
unit reports against the year plan (R-DL-9); the county's own publication once every item
of the year is done."""

from __future__ import annotations

from tests.api.flows import V1, assigned, make_item, new_session, ok, problem, send_reply

SUPERVISION = f"{V1}/supervision"


def _record(world, kind: str, who: str = "staff", **fields):
    body = {"kind": kind, "title": f"{kind}督办", "held_on": "2024-06-01", **fields}
    return world.post(who, SUPERVISION, json=body)


# --- supervision (R-SV-1, R-SV-2) --------------------------------------------------------


def test_supervision_of_every_kind_is_recorded(world):
    item = assigned(world, 1)
    transport, finance = world.units["transport"], world.units["finance"]
    special = ok(
        _record(world, "special", means="online", item_ids=[item["id"]], detail="专项督查"), 201
    )
    assert (special["kind"], special["means"], special["item_ids"], special["unit_ids"]) == (
        "special",
        "online",
        [item["id"]],
        [],
    )
    joint = ok(_record(world, "joint", means="meeting", held_on="2024-06-02"), 201)
    listed = ok(_record(world, "listed", means="phone", held_on="2024-06-03"), 201)
    talk = ok(_record(world, "talk", unit_ids=[transport], held_on="2024-06-04"), 201)
    circular = ok(
        _record(
            world, "circular", means="circular", unit_ids=[transport, finance], held_on="2024-06-05"
        ),
        201,
    )
    assert talk["unit_ids"] == [transport] and circular["unit_ids"] == [transport, finance]

    everything = ok(world.get("staff", SUPERVISION))
    assert [r["id"] for r in everything] == [
        circular["id"],
        talk["id"],
        listed["id"],
        joint["id"],
        special["id"],
    ]  # latest first
    assert [r["id"] for r in ok(world.get("auditor", SUPERVISION, params={"kind": "talk"}))] == [
        talk["id"]
    ]


def test_a_talk_or_circular_names_its_units(world):
    problem(_record(world, "talk"), 422, field="unit_ids", rule_id="R-SV-2")
    problem(_record(world, "circular", means="circular"), 422, field="unit_ids", rule_id="R-SV-2")
    problem(_record(world, "talk", unit_ids=[999999]), 422, field="unit_ids")
    problem(_record(world, "special", item_ids=[999999]), 422, field="item_ids")
    problem(_record(world, "special", means="fax"), 422, field="means")
    assert ok(world.get("staff", SUPERVISION)) == []


def test_only_the_office_records_supervision(world):
    unit = [world.units["transport"]]
    for who in ("handler", "leader", "npc", "cppcc", "auditor"):
        problem(_record(world, "talk", who=who, unit_ids=unit), 403)
    ok(_record(world, "talk", who="admin", unit_ids=unit), 201)


def test_a_unit_sees_only_the_records_naming_it(world):
    transport, finance = world.units["transport"], world.units["finance"]
    talk = ok(_record(world, "talk", unit_ids=[transport]), 201)
    circular = ok(
        _record(world, "circular", unit_ids=[transport, finance], held_on="2024-05-01"), 201
    )
    ok(_record(world, "special"), 201)  # names no unit
    ok(_record(world, "talk", unit_ids=[world.units["education"]]), 201)
    assert [r["id"] for r in ok(world.get("handler", SUPERVISION))] == [talk["id"], circular["id"]]
    assert [r["id"] for r in ok(world.get("other_leader", SUPERVISION))] == [circular["id"]]
    assert len(ok(world.get("staff", SUPERVISION))) == 4


# --- unit reports (notice §二, R-DL-9) ---------------------------------------------------


def _report(world, who: str, kind: str, filed_on: str, year: int = 2024):
    body = {"kind": kind, "year": year, "title": f"{year}年{kind}", "filed_on": filed_on}
    return world.post(who, f"{V1}/reports", json=body)


def _status(world, who: str = "staff", year: int = 2024) -> dict[int, dict]:
    rows = ok(world.get(who, f"{V1}/reports/status", params={"year": year}))
    return {r["unit_id"]: r for r in rows}


def test_a_unit_files_its_analysis_and_summary(world):
    analysis = ok(_report(world, "handler", "analysis", "2024-04-20"), 201)
    assert analysis["unit_id"] == world.units["transport"] and analysis["kind"] == "analysis"
    ok(_report(world, "leader", "summary", "2024-12-20"), 201)
    ok(_report(world, "other_handler", "analysis", "2024-04-25"), 201)

    status = _status(world)
    assert set(status) == set(world.units.values())
    transport = status[world.units["transport"]]
    assert (
        transport["analysis_filed_on"],
        transport["summary_filed_on"],
        transport["summary_due"],
        transport["summary_state"],
    ) == ("2024-04-20", "2024-12-20", "2024-12-31", "done_on_time")
    finance = status[world.units["finance"]]
    assert (finance["analysis_filed_on"], finance["summary_filed_on"]) == ("2024-04-25", None)
    assert finance["summary_state"] == "overdue"  # 31 December 2024 has passed
    assert list(_status(world, "handler")) == [world.units["transport"]]  # its own row only


def test_the_year_plan_moves_the_summary_due_date(world):
    ok(_report(world, "handler", "summary", "2024-12-20"), 201)
    plan = {"visit_cards_due": "2024-09-30", "lookback_due": "2024-12-15"}
    problem(world.put("staff", f"{V1}/config/year-plans/2024", json=plan), 403)  # admin only
    saved = ok(world.put("admin", f"{V1}/config/year-plans/2024", json=plan))
    assert saved["lookback_due"] == "2024-12-15" and saved["is_default"] is False
    transport = _status(world)[world.units["transport"]]
    assert (transport["summary_due"], transport["summary_state"]) == ("2024-12-15", "done_late")
    wrong_year = {"visit_cards_due": "2024-09-30", "lookback_due": "2025-01-15"}
    problem(
        world.put("admin", f"{V1}/config/year-plans/2024", json=wrong_year),
        422,
        field="lookback_due",
    )


def test_who_files_which_report(world):
    problem(_report(world, "staff", "analysis", "2024-04-20"), 403)  # a unit's report
    problem(_report(world, "handler", "county_publication", "2024-12-31"), 403)
    problem(_report(world, "npc", "summary", "2024-12-31"), 403)
    problem(_report(world, "auditor", "summary", "2024-12-31"), 403)


# --- the county's publication of its handling work ---------------------------------------


def test_the_county_publishes_only_once_every_item_is_done(world):
    main_only = assigned(world, 10)
    with_co = assigned(world, 11, units=(("transport", "main"), ("finance", "co")))
    unassigned = make_item(world, 12)

    refused = problem(
        _report(world, "staff", "county_publication", "2024-12-31"), 422, field="kind"
    )
    assert "3件" in refused["detail"]

    send_reply(world, main_only["id"])
    send_reply(world, with_co["id"])
    refused = problem(_report(world, "staff", "county_publication", "2024-12-31"), 422)
    assert "2件" in refused["detail"]  # the co-opinion is not delivered; one not assigned

    opinion = {"body": "会办意见：同意主办单位意见。", "document_number": "魏财函〔2024〕3号"}
    ok(world.put("other_handler", f"{V1}/items/{with_co['id']}/co-opinion", json=opinion))
    delivered = {"delivered_on": "2024-05-10"}
    ok(
        world.post(
            "other_handler", f"{V1}/items/{with_co['id']}/co-opinion/deliver", json=delivered
        )
    )
    refused = problem(_report(world, "staff", "county_publication", "2024-12-31"), 422)
    assert "1件" in refused["detail"]  # an item not even assigned is not done

    assign_body = {"units": [{"unit_id": world.units["finance"], "role": "main"}]}
    ok(world.put("staff", f"{V1}/items/{unassigned['id']}/assignments", json=assign_body))
    send_reply(world, unassigned["id"], unit="finance")

    # another year's open item does not hold 2024 back
    other_year = make_item(
        world, 1, session=new_session(world, 2025), second_assignment="2025-04-10"
    )
    ok(world.put("staff", f"{V1}/items/{other_year['id']}/assignments", json=assign_body))

    published = ok(_report(world, "staff", "county_publication", "2024-12-31"), 201)
    assert published["unit_id"] is None and published["kind"] == "county_publication"
    problem(_report(world, "staff", "county_publication", "2025-12-31", year=2025), 422)


def test_the_earliest_filing_of_a_summary_counts(world):
    """A summary entered again (a corrected copy, or an earlier one recorded late) does not
    move the date it was first filed on (R-DL-9)."""
    ok(_report(world, "handler", "summary", "2025-01-05"), 201)
    ok(_report(world, "handler", "summary", "2024-12-28"), 201)
    transport = _status(world)[world.units["transport"]]
    assert (transport["summary_filed_on"], transport["summary_state"]) == (
        "2024-12-28",
        "done_on_time",
    )
