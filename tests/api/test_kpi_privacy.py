"""Secret items count in the KPI figures but are named only to the cleared (R-RP-2);
a publication date, once recorded, cannot be moved to look on time (R-DL-5)."""

from __future__ import annotations

from tests.api.flows import V1, assigned, ok, publish, send_reply


def test_secret_items_are_counted_but_not_named_to_the_uncleared(world):
    open_item = assigned(world, 1)
    secret_item = assigned(world, 2)
    for item in (open_item, secret_item):
        send_reply(world, item["id"], sent_on="2024-07-01")
    ok(world.patch("admin", f"{V1}/items/{secret_item['id']}", json={"secret": True}))
    for who, expected in (
        ("admin", {open_item["id"], secret_item["id"]}),
        ("staff", {open_item["id"]}),
        ("handler", {open_item["id"]}),
    ):
        county = ok(world.get(who, f"{V1}/kpi", params={"year": 2024, "as_of": "2024-12-31"}))
        on_time = next(r for r in county["results"] if r["rule_id"] == "R-KPI-1")
        assert (on_time["numerator"], on_time["denominator"]) == (2, 2), who
        assert set(on_time["counted_item_ids"]) == expected, who


def test_a_publication_date_cannot_be_changed_afterwards(world):
    item = assigned(world, 3)
    reply = send_reply(world, item["id"], sent_on="2024-07-01")
    assert publish(world, reply["id"], "2024-07-20").status_code == 200  # late (R-DL-5)
    again = publish(world, reply["id"], "2024-07-03")
    assert again.status_code == 409 and again.json()["rule_id"] == "R-DL-5"
    assert ok(world.get("handler", f"{V1}/replies/{reply['id']}"))["published_on"] == "2024-07-20"
