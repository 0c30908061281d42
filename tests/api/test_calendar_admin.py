"""The office enters or corrects a year's holiday arrangement (R-DL-13); deadlines are
recomputed at once, each affected item's timeline says so, and a deadline in a year with no
published arrangement is provisional until then (R-DL-12)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.api.flows import V1, assigned, deadlines, new_session, ok, problem

CALENDAR = f"{V1}/calendar"


def _package_2024(world) -> dict:
    """The package's 2024 arrangement as a PUT body: weekdays off, weekend days worked."""
    year = ok(world.get("staff", f"{CALENDAR}/2024"))
    return {
        "days_off": [
            {"date": d["date"], "name": d["name"]} for d in year["days"] if not d["working"]
        ],
        "workdays": [{"date": d["date"], "name": d["name"]} for d in year["days"] if d["working"]],
        "source_note": "国办发明电〔2023〕7号",
    }


def _without(body: dict, day: str) -> dict:
    return {
        **body,
        "workdays": [d for d in body["workdays"] if d["date"] != day],
        "days_off": [d for d in body["days_off"] if d["date"] != day],
    }


def _recomputes(world, item_id: int, who: str = "staff") -> list[dict]:
    timeline = ok(world.get(who, f"{V1}/items/{item_id}/timeline"))
    return [e for e in timeline if e["action"] == "recompute"]


def test_only_the_office_admin_enters_an_arrangement(world):
    body = _package_2024(world)
    for who in ("staff", "handler", "npc", "auditor"):
        problem(world.put(who, f"{CALENDAR}/2024", json=body), 403)
        problem(world.request(who, "DELETE", f"{CALENDAR}/2024"), 403)
    problem(world.client.put(f"{CALENDAR}/2024", json=body), 401)
    assert ok(world.get("staff", f"{CALENDAR}/2024"))["source"] == "package"


def test_a_corrected_arrangement_recomputes_the_deadlines_it_moves(world):
    """Without the make-up working Sunday 28 April, R-DL-1 from 11 April moves a day."""
    moved = assigned(world, 1, units=(("transport", "main"), ("finance", "co")))
    untouched = assigned(world, 2, second_assignment="2024-06-03")
    assert deadlines(world, moved["id"])["R-DL-1"]["due"] == "2024-05-06"
    assert deadlines(world, untouched["id"])["R-DL-1"]["due"] == "2024-06-25"

    body = _without(_package_2024(world), "2024-04-28")
    saved = ok(world.put("admin", f"{CALENDAR}/2024", json=body))
    assert (saved["source"], saved["published"], saved["items_recomputed"]) == ("override", True, 1)
    assert "2024-04-28" not in {d["date"] for d in saved["days"]}

    after = deadlines(world, moved["id"])["R-DL-1"]
    assert (after["due"], after["provisional"]) == ("2024-05-07", False)
    assert deadlines(world, moved["id"])["R-DL-4"]["due"] == "2024-07-11"  # not moved
    assert deadlines(world, untouched["id"])["R-DL-1"]["due"] == "2024-06-25"

    (entry,) = _recomputes(world, moved["id"])
    main_id = next(
        a["id"]
        for a in ok(world.get("staff", f"{V1}/items/{moved['id']}"))["assignments"]
        if a["role"] == "main"
    )
    assert entry["entity"] == "calendar" and entry["entity_id"] == "2024"
    assert entry["changes"][f"R-DL-1@{main_id}"] == {"old": "2024-05-06", "new": "2024-05-07"}
    assert set(entry["changes"]) == {"reason", f"R-DL-1@{main_id}"}
    assert "2024" in entry["changes"]["reason"]
    assert _recomputes(world, untouched["id"]) == []

    year = ok(world.get("handler", f"{CALENDAR}/2024"))
    assert (year["source"], year["published"]) == ("override", True)
    explained = ok(
        world.get("staff", f"{CALENDAR}/deadline", params={"start": "2024-04-11", "period": "15wd"})
    )
    assert (
        explained["due"] == "2024-05-07"
        and explained["explanation"]["makeup_workdays_counted"] == []
    )

    restored = ok(world.request("admin", "DELETE", f"{CALENDAR}/2024"))
    assert (restored["source"], restored["items_recomputed"]) == ("package", 1)
    assert deadlines(world, moved["id"])["R-DL-1"]["due"] == "2024-05-06"
    second = _recomputes(world, moved["id"])[-1]
    assert second["changes"][f"R-DL-1@{main_id}"] == {"old": "2024-05-07", "new": "2024-05-06"}
    assert ok(world.get("staff", f"{CALENDAR}/2024"))["source"] == "package"
    assert ok(world.request("admin", "DELETE", f"{CALENDAR}/2024"))["items_recomputed"] == 0


def test_correcting_an_entered_arrangement_again(world):
    item = assigned(world, 3)
    body = _without(_package_2024(world), "2024-04-28")
    ok(world.put("admin", f"{CALENDAR}/2024", json=body))
    again = {**body, "days_off": [*body["days_off"], {"date": "2024-04-30", "name": "临时休假"}]}
    saved = ok(world.put("admin", f"{CALENDAR}/2024", json=again))
    assert saved["items_recomputed"] == 1
    assert deadlines(world, item["id"])["R-DL-1"]["due"] == "2024-05-08"
    last = _recomputes(world, item["id"])[-1]
    assert {"old": "2024-05-07", "new": "2024-05-08"} in last["changes"].values()
    unchanged = ok(world.put("admin", f"{CALENDAR}/2024", json=again))
    assert unchanged["items_recomputed"] == 0
    assert len(_recomputes(world, item["id"])) == 2


@pytest.mark.parametrize(
    ("days_off", "workdays", "field"),
    [
        pytest.param([], [{"date": "2024-04-29", "name": "调休"}], "workdays", id="a Monday"),
        pytest.param([{"date": "2025-01-01", "name": "元旦"}], [], "days_off", id="another year"),
        pytest.param(
            [{"date": "2024-04-28", "name": "休息"}],
            [{"date": "2024-04-28", "name": "上班"}],
            "workdays",
            id="both",
        ),
    ],
)
def test_a_bad_arrangement_is_refused(world, days_off, workdays, field):
    item = assigned(world, 4)
    body = {"days_off": days_off, "workdays": workdays}
    problem(world.put("admin", f"{CALENDAR}/2024", json=body), 422, field=field, rule_id="R-DL-13")
    assert ok(world.get("staff", f"{CALENDAR}/2024"))["source"] == "package"
    assert deadlines(world, item["id"])["R-DL-1"]["due"] == "2024-05-06"
    assert _recomputes(world, item["id"]) == []


def test_a_deadline_in_an_unpublished_year_is_provisional_until_entered(world, monkeypatch):
    """R-DL-12: 15 working days from 31 December 2078 fall in 2079, whose arrangement the
    State Council has not published; entering it (R-DL-13) makes them firm."""
    monkeypatch.setattr("api.items.routes.today", lambda: date(2079, 1, 2))
    session = new_session(world, 2078)
    item = assigned(world, 1, session=session, second_assignment="2078-12-31")
    before = deadlines(world, item["id"])
    assert (before["R-DL-1"]["due"], before["R-DL-1"]["provisional"]) == ("2079-01-23", True)
    assert before["R-DL-4"]["provisional"] is True
    assert ok(world.get("staff", f"{CALENDAR}/2079"))["published"] is False

    arrangement = {  # 元旦 on a Sunday with no day in lieu, unlike the package's estimate
        "days_off": [
            {"date": "2079-01-01", "name": "元旦"},
            *({"date": f"2079-02-{d:02d}", "name": "春节"} for d in range(1, 8)),
        ],
        "workdays": [{"date": "2079-01-28", "name": "调休上班"}],
    }
    saved = ok(world.put("admin", f"{CALENDAR}/2079", json=arrangement))
    assert (saved["published"], saved["source"], saved["items_recomputed"]) == (True, "override", 1)
    after = deadlines(world, item["id"])
    assert (after["R-DL-1"]["due"], after["R-DL-1"]["provisional"]) == ("2079-01-20", False)
    assert after["R-DL-4"]["provisional"] is False
    assert not any(d["provisional"] for d in after.values())
    (entry,) = _recomputes(world, item["id"])
    assert {"old": "2079-01-23", "new": "2079-01-20"} in entry["changes"].values()

    ok(world.request("admin", "DELETE", f"{CALENDAR}/2079"))
    assert deadlines(world, item["id"])["R-DL-1"]["provisional"] is True
