"""KPIs through HTTP (R-KPI-0..7), per unit and county-wide, checked against scenarios
computed by hand: replies on time, late and unsent, classes as the office set them, the lead
met face to face or only phoned, feedback votes (the latest form counting), publications —
and the R-KPI-4 tiers at their boundaries."""

from __future__ import annotations

from typing import Any

from tests.api.flows import (
    V1,
    assigned,
    feedback,
    ok,
    problem,
    publish,
    send_reply,
    visit,
)

ALL = ("R-KPI-1", "R-KPI-2", "R-KPI-3", "R-KPI-4", "R-KPI-5", "R-KPI-6", "R-KPI-7")


def _by_rule(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    assert [r["rule_id"] for r in report["results"]] == list(ALL)
    return {r["rule_id"]: r for r in report["results"]}


def unit_kpis(world, unit: str, as_of: str | None = None, who: str = "staff") -> dict:
    params: dict[str, Any] = {"year": 2024, "unit_id": world.units[unit]}
    if as_of:
        params["as_of"] = as_of
    (report,) = ok(world.get(who, f"{V1}/kpi/units", params=params))
    assert report["unit_id"] == world.units[unit]
    return report


def county_kpis(world, as_of: str | None = None) -> dict:
    params: dict[str, Any] = {"year": 2024}
    if as_of:
        params["as_of"] = as_of
    return ok(world.get("staff", f"{V1}/kpi", params=params))


def figure(result: dict) -> tuple:
    """numerator, denominator, met, counted ids, shortfall ids."""
    return (
        result["numerator"],
        result["denominator"],
        result["met"],
        result["counted_item_ids"],
        result["shortfall_item_ids"],
    )


def _scenario(world) -> dict[int, int]:
    """Seven items; returns their ids by number.

    #1 transport main: A, sent 1 Jul (on time), published 5 Jul; lead met face to face;
       both deputies return forms, satisfied and basically satisfied.
    #2 transport main: the unit says A, the office corrects it to B; sent 15 Jul (late,
       due 11 Jul), published 30 Jul (late, due 22 Jul); lead only phoned; dissatisfied.
    #3 transport main: C, sent 10 Jul, marked disagree (not to be published); lead
       contacted by WeChat; a dissatisfied form replaced by a satisfied one.
    #4 transport main: unsent; lead met face to face on 1 Aug.
    #5 transport main: unsent, nobody contacted.
    #6 split between transport (A, sent 1 Jul, never published; lead met face to face)
       and finance (unsent, nobody contacted).
    #7 finance main, transport co: A, sent 5 Jul, published 6 Jul; lead met face to face.
    """
    ids = {}
    for number, units in (
        (1, (("transport", "main"),)),
        (2, (("transport", "main"),)),
        (3, (("transport", "main"),)),
        (4, (("transport", "main"),)),
        (5, (("transport", "main"),)),
        (6, (("transport", "split"), ("finance", "split"))),
        (7, (("finance", "main"), ("transport", "co"))),
    ):
        ids[number] = assigned(world, number, units=units)["id"]

    first = send_reply(world, ids[1], "A", sent_on="2024-07-01")
    ok(publish(world, first["id"], "2024-07-05"))
    ok(visit(world, ids[1], visited_on="2024-05-10"), 201)
    ok(feedback(world, ids[1], "zhang", "satisfied", "2024-07-10"), 201)
    ok(feedback(world, ids[1], "li", "basically_satisfied", "2024-07-12"), 201)

    second = send_reply(world, ids[2], "A", sent_on="2024-07-15", approve_as="B")
    assert (second["reply_class"], second["unit_class"]) == ("B", "A")
    ok(publish(world, second["id"], "2024-07-30"))
    ok(visit(world, ids[2], mode="phone", visited_on="2024-05-20"), 201)
    ok(feedback(world, ids[2], "zhang", "dissatisfied", "2024-07-25"), 201)

    send_reply(world, ids[3], "C", sent_on="2024-07-10", disclosure="disagree")
    ok(visit(world, ids[3], mode="wechat", visited_on="2024-06-01"), 201)
    ok(feedback(world, ids[3], "zhang", "dissatisfied", "2024-07-15"), 201)
    ok(feedback(world, ids[3], "zhang", "satisfied", "2024-09-01"), 201)

    ok(visit(world, ids[4], visited_on="2024-08-01"), 201)

    send_reply(world, ids[6], "A", sent_on="2024-07-01")
    ok(visit(world, ids[6], visited_on="2024-06-01"), 201)

    seventh = send_reply(world, ids[7], "A", sent_on="2024-07-05", unit="finance")
    ok(publish(world, seventh["id"], "2024-07-06", who="other_handler"))
    ok(visit(world, ids[7], visited_on="2024-05-15", who="other_handler"), 201)
    problem(visit(world, ids[7]), 403)  # the co-unit records no visit of its own
    return ids


def test_a_units_figures_at_year_end(world):
    ids = _scenario(world)
    one, two, three, four, five, six = (ids[n] for n in range(1, 7))
    report = unit_kpis(world, "transport", "2024-12-31")
    assert (report["year"], report["as_of"], report["unit_name"]) == (
        2024,
        "2024-12-31",
        "县交通运输局",
    )
    kpi = _by_rule(report)
    mains = [one, two, three, four, five, six]  # #7 is only a co-assignment (R-KPI-0)
    assert figure(kpi["R-KPI-1"]) == (3, 6, False, mains, [two, four, five])
    assert kpi["R-KPI-1"]["met_item_ids"] == [one, three, six]
    assert figure(kpi["R-KPI-2"]) == (4, 4, True, [one, two, three, six], [])
    assert figure(kpi["R-KPI-3"]) == (2, 4, True, [one, two, three, six], [two, three])
    assert (kpi["R-KPI-3"]["rate"], kpi["R-KPI-3"]["target"]) == (0.5, 0.5)  # 50% meets ≥ 50%
    assert figure(kpi["R-KPI-4"]) == (3, 6, False, mains, [two, three, five])
    assert (kpi["R-KPI-4"]["target"], kpi["R-KPI-4"]["target_text"]) == (1.0, "100%")  # N ≤ 10
    assert figure(kpi["R-KPI-5"]) == (3, 4, False, [one, two, three], [two])
    assert kpi["R-KPI-5"]["display"] == "3/4（75%）"
    assert figure(kpi["R-KPI-6"]) == (5, 6, False, mains, [five])
    assert figure(kpi["R-KPI-7"]) == (1, 3, False, [one, two, six], [two, six])
    assert kpi["R-KPI-7"]["display"] == "1/3（33.3%）"  # cut, not rounded
    assert report["missed"] == ["R-KPI-1", "R-KPI-4", "R-KPI-5", "R-KPI-6", "R-KPI-7"]


def test_the_other_units_figures_and_the_county(world):
    ids = _scenario(world)
    one, two, three, four, five, six, seven = (ids[n] for n in range(1, 8))
    finance = _by_rule(unit_kpis(world, "finance", "2024-12-31"))
    assert figure(finance["R-KPI-1"]) == (1, 2, False, [six, seven], [six])
    assert figure(finance["R-KPI-3"]) == (1, 1, True, [seven], [])
    assert figure(finance["R-KPI-4"]) == (1, 2, False, [six, seven], [six])
    assert figure(finance["R-KPI-5"]) == (0, 0, None, [], [])
    assert (finance["R-KPI-5"]["rate"], finance["R-KPI-5"]["display"]) == (None, "0/0（—）")
    assert figure(finance["R-KPI-7"]) == (1, 1, True, [seven], [])

    everyone = ok(
        world.get("auditor", f"{V1}/kpi/units", params={"year": 2024, "as_of": "2024-12-31"})
    )
    assert [r["unit_name"] for r in everyone] == ["县交通运输局", "县财政局"]  # units with items

    report = county_kpis(world, "2024-12-31")
    assert (report["unit_id"], report["unit_name"]) == (None, "全县")
    county = _by_rule(report)
    every = sorted([one, two, three, four, five, six, six, seven])  # #6 once per split unit
    assert figure(county["R-KPI-1"]) == (4, 8, False, every, [two, four, five, six])
    assert figure(county["R-KPI-2"]) == (5, 5, True, [one, two, three, six, seven], [])
    assert figure(county["R-KPI-3"]) == (3, 5, True, [one, two, three, six, seven], [two, three])
    assert figure(county["R-KPI-4"]) == (4, 8, False, every, [two, three, five, six])
    assert county["R-KPI-4"]["target"] is None  # tiers are per unit: met only if each met
    assert figure(county["R-KPI-5"]) == (3, 4, False, [one, two, three], [two])
    assert figure(county["R-KPI-6"]) == (6, 8, False, every, [five, six])
    assert figure(county["R-KPI-7"]) == (2, 4, False, [one, two, six, seven], [two, six])
    assert county_kpis(world)["as_of"] == "2024-12-31"  # a past year: as of its last day


def test_as_of_a_date_events_after_it_have_not_happened(world):
    ids = _scenario(world)
    one, six = ids[1], ids[6]
    kpi = _by_rule(unit_kpis(world, "transport", "2024-07-05"))
    # #3 was sent on 10 July and #2 on 15 July: not yet; nothing else was due by then
    assert figure(kpi["R-KPI-1"]) == (2, 2, True, [one, six], [])
    assert figure(kpi["R-KPI-2"]) == (2, 2, True, [one, six], [])
    assert figure(kpi["R-KPI-3"]) == (2, 2, True, [one, six], [])
    assert figure(kpi["R-KPI-4"])[:3] == (2, 6, False)
    assert figure(kpi["R-KPI-5"]) == (0, 0, None, [], [])  # no form back yet
    assert figure(kpi["R-KPI-6"])[:2] == (4, 6)
    assert figure(kpi["R-KPI-7"]) == (1, 1, True, [one], [])  # #6's week not over yet

    later = _by_rule(unit_kpis(world, "transport", "2024-07-12"))
    assert figure(later["R-KPI-1"])[:2] == (3, 6)  # due 11 July passed: all six count
    assert figure(later["R-KPI-7"]) == (1, 2, False, [one, six], [six])  # #6 due 8 July

    # between the two forms on #3: its dissatisfied vote still counts
    august = _by_rule(unit_kpis(world, "transport", "2024-08-15"))
    assert figure(august["R-KPI-5"]) == (2, 4, False, [one, ids[2], ids[3]], [ids[2], ids[3]])


def test_merged_items_each_count_once(world):
    """R-MG-3: one letter answers both merged items; each counts as replied on its own."""
    first = assigned(world, 20, proposers=("zhang",))
    second = assigned(world, 21, proposers=("li",))
    group = {"item_ids": [first["id"], second["id"]]}
    ok(world.post("staff", f"{V1}/merges", json=group), 201)
    reply = send_reply(world, first["id"], sent_on="2024-07-01")
    ok(publish(world, reply["id"], "2024-07-02"))
    ok(visit(world, second["id"]), 201)
    kpi = _by_rule(unit_kpis(world, "transport", "2024-12-31"))
    both = sorted([first["id"], second["id"]])
    assert figure(kpi["R-KPI-1"]) == (2, 2, True, both, [])
    assert figure(kpi["R-KPI-7"]) == (2, 2, True, both, [])
    assert figure(kpi["R-KPI-4"]) == (1, 2, False, both, [first["id"]])


def test_the_face_to_face_tiers_at_10_and_11_items(world):
    """R-KPI-4: N ≤ 10 needs 100%, 11 ≤ N ≤ 49 needs 75% ("10件以下" includes 10)."""
    ids = [assigned(world, n, proposers=("zhang",))["id"] for n in range(1, 11)]
    batch = {"mode": "face_to_face", "visited_on": "2024-05-01", "visitors": "李局长"}
    ok(world.post("handler", f"{V1}/visits/batch", json={**batch, "item_ids": ids[:8]}), 201)
    ok(visit(world, ids[8], visited_on="2024-06-01"), 201)
    ok(visit(world, ids[9], mode="phone", visited_on="2024-05-01"), 201)
    ok(visit(world, ids[9], visited_on="2024-07-01"), 201)

    def r_kpi_4(as_of: str) -> tuple:
        result = _by_rule(unit_kpis(world, "transport", as_of))["R-KPI-4"]
        return result["numerator"], result["denominator"], result["target"], result["met"]

    assert r_kpi_4("2024-06-15") == (9, 10, 1.0, False)  # 90% of 10 is not enough
    assert r_kpi_4("2024-12-31") == (10, 10, 1.0, True)

    ids.append(assigned(world, 11, proposers=("zhang",))["id"])
    assert r_kpi_4("2024-05-15") == (8, 11, 0.75, False)  # 72.7%
    assert r_kpi_4("2024-06-15") == (9, 11, 0.75, True)  # 81.8%
    assert r_kpi_4("2024-12-31") == (10, 11, 0.75, True)
    county = _by_rule(county_kpis(world, "2024-05-15"))["R-KPI-4"]
    assert (county["numerator"], county["denominator"], county["met"]) == (8, 11, False)
    assert _by_rule(county_kpis(world, "2024-06-15"))["R-KPI-4"]["met"] is True


def test_every_reader_may_see_the_figures_and_bad_queries_are_refused(world):
    assigned(world, 1)
    for who in ("admin", "staff", "handler", "other_leader", "npc", "cppcc", "auditor"):
        assert len(ok(world.get(who, f"{V1}/kpi/units", params={"year": 2024}))) == 1
    problem(world.client.get(f"{V1}/kpi", params={"year": 2024}), 401)
    problem(world.get("staff", f"{V1}/kpi"), 422, field="year")
    problem(world.get("staff", f"{V1}/kpi", params={"year": 1999}), 422, field="year")
    problem(world.get("staff", f"{V1}/kpi", params={"year": 2024, "as_of": "2024-13-01"}), 422)
    empty = _by_rule(county_kpis(world, "2024-03-01"))  # assigned, nothing due yet
    assert figure(empty["R-KPI-1"]) == (0, 0, None, [], [])
    assert figure(empty["R-KPI-4"])[:2] == (0, 1)


def test_the_face_to_face_tiers_at_49_and_50_items(world):
    """R-KPI-4: 11 ≤ N ≤ 49 needs 75%, N ≥ 50 needs 50% ("50件以上" includes 50)."""
    ids = [assigned(world, n, proposers=("zhang",))["id"] for n in range(1, 50)]
    batch = {"mode": "face_to_face", "visitors": "李局长"}
    for chosen, day in (
        (ids[:24], "2024-04-20"),
        (ids[24:25], "2024-04-22"),
        (ids[25:36], "2024-05-01"),
        (ids[36:37], "2024-06-01"),
    ):
        body = {**batch, "item_ids": chosen, "visited_on": day}
        ok(world.post("handler", f"{V1}/visits/batch", json=body), 201)

    def r_kpi_4(as_of: str) -> tuple:
        result = _by_rule(unit_kpis(world, "transport", as_of))["R-KPI-4"]
        return result["numerator"], result["denominator"], result["target"], result["met"]

    assert r_kpi_4("2024-05-15") == (36, 49, 0.75, False)  # 73.5%
    assert r_kpi_4("2024-06-15") == (37, 49, 0.75, True)  # 75.5%
    assigned(world, 50, proposers=("zhang",))
    assert r_kpi_4("2024-04-21") == (24, 50, 0.5, False)  # 48%
    assert r_kpi_4("2024-04-25") == (25, 50, 0.5, True)  # exactly 50%


def test_a_replied_item_keeps_the_date_its_deadline_counts_from(world):
    """R-KPI-1 judges a sent reply against its R-DL-4 due date; taking the second assignment
    away afterwards would leave one item undecidable and every figure of the year refused."""
    item = assigned(world, 1)
    send_reply(world, item["id"], sent_on="2024-07-01")
    cleared = world.patch("staff", f"{V1}/items/{item['id']}", json={"second_assignment": None})
    problem(cleared, 422, field="second_assignment", rule_id="R-DL-4")
    moved = world.patch(
        "staff", f"{V1}/items/{item['id']}", json={"second_assignment": "2024-06-11"}
    )
    assert ok(moved)["second_assignment"] == "2024-06-11"  # a correction is fine
    kpi = _by_rule(county_kpis(world, "2024-12-31"))
    assert figure(kpi["R-KPI-1"]) == (1, 1, True, [item["id"]], [])
