"""Derived values kept between requests (``api.stamp``) hold exactly while the data does: the
same answer from the cache, a change seen by the very next request, whoever made it."""

from __future__ import annotations

import sqlalchemy as sa

from api.models import Unit
from api.stamp import StampedCache, data_stamp
from tests.api.flows import V1, assigned, ok, send_reply, visit
from tests.api.helpers import db


def _computations(world, cache: StampedCache[int], calls: list[int]) -> int:
    with db(world) as session:
        return cache.get(session, "k", lambda: calls.append(1) or len(calls))


def test_an_unchanged_database_is_answered_from_the_cache(world):
    cache: StampedCache[int] = StampedCache()
    calls: list[int] = []
    assert _computations(world, cache, calls) == 1
    assert _computations(world, cache, calls) == 1
    assert calls == [1]


def test_a_change_committed_by_another_session_is_seen_by_the_next_read(world):
    cache: StampedCache[int] = StampedCache()
    calls: list[int] = []
    assert _computations(world, cache, calls) == 1
    with db(world) as session:
        session.add(Unit(name="新单位", kind="department", active=True))
        session.commit()
    assert _computations(world, cache, calls) == 2


def test_a_session_that_has_written_computes_afresh_until_it_commits(world):
    cache: StampedCache[int] = StampedCache()
    calls: list[int] = []
    with db(world) as session:
        before = data_stamp(session)
        session.add(Unit(name="未提交的单位", kind="department", active=True))
        session.flush()
        assert data_stamp(session) is None
        cache.get(session, "k", lambda: calls.append(1) or 0)
        cache.get(session, "k", lambda: calls.append(1) or 0)
        assert calls == [1, 1]
        session.commit()
        after = data_stamp(session)
        assert after is not None and before is not None and after[1] > before[1]


def test_the_kpi_dashboard_follows_each_change(world):
    """R-KPI-6: the lead contacted; the figures change with the very next request."""
    item = assigned(world, 1)
    params = {"year": 2024, "as_of": "2024-12-31", "unit_id": world.units["transport"]}

    def contacted() -> tuple[int, int]:
        (report,) = ok(world.get("staff", f"{V1}/kpi/units", params=params))
        r = next(r for r in report["results"] if r["rule_id"] == "R-KPI-6")
        return r["numerator"], r["denominator"]

    assert contacted() == (0, 1)
    assert contacted() == (0, 1)  # the same answer again, now from the cache
    ok(visit(world, item["id"]), 201)
    assert contacted() == (1, 1)


def test_the_kpi_cache_spares_the_database(world):
    """A second identical dashboard request reads the stamp, not the year's facts."""
    item = assigned(world, 1)
    send_reply(world, item["id"])
    engine: sa.Engine = world.client.app.state.engine
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    params = {"year": 2024, "as_of": "2024-12-31"}
    ok(world.get("staff", f"{V1}/kpi/units", params=params))
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        ok(world.get("staff", f"{V1}/kpi/units", params=params))
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert not [s for s in statements if "feedback_forms" in s or "visits" in s], statements
