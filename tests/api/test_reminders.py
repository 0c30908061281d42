"""Reminders: overdue and due-soon deadlines per unit (due soon: the configured number of
working days), the daily digest in the outbox (once per unit and day), and the office's
circular (通报) draft naming the late units."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document
from sqlalchemy import select

from api.cli import main as banli
from api.models import OutboxMessage
from api.reminders.service import DIGEST_EVENT, write_digests
from api.settings import get_settings
from tests.api.flows import V1, assigned, db, ok, problem
from tests.api.office_world import build

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def reminders(world, who: str = "staff", **params: Any) -> dict[str, Any]:
    return ok(world.get(who, f"{V1}/reminders", params={"as_of": "2024-07-08", **params}))


def entries(unit: dict[str, Any], kind: str) -> set[tuple[str, str]]:
    return {(e["label"], e["rule_id"]) for e in unit[kind]}


def test_overdue_and_due_soon_per_unit(world):
    build(world)
    found = reminders(world)
    assert found["due_soon_days"] == 3 and found["years"] == [2023, 2024]
    units = {u["unit_name"]: u for u in found["units"]}
    assert set(units) == {"县交通运输局", "县财政局"}
    finance, transport = units["县财政局"], units["县交通运输局"]
    assert ("2024年第2号建议", "R-DL-4") in entries(finance, "overdue")
    assert ("2024年第1号建议", "R-DL-3") in entries(finance, "overdue")  # co-opinion (R-DL-3)
    assert ("2024年第1号建议", "R-DL-1") in entries(transport, "overdue")  # breakdown form
    assert entries(transport, "due_soon") == {
        ("2024年第3号建议", "R-DL-4"),  # reply due 11 Jul
        ("2024年第6号建议", "R-DL-5"),  # publication of the 1 Jul reply due today
    }
    soon = next(e for e in transport["due_soon"] if e["rule_id"] == "R-DL-4")
    assert (soon["due"], soon["working_days_left"], soon["state_text"]) == (
        "2024-07-11",
        3,
        "临期（剩3个工作日）",
    )
    late = next(e for e in finance["overdue"] if e["rule_id"] == "R-DL-4")
    assert late["working_days_left"] < 0 and late["state_text"].startswith("逾期")
    assert [e["due"] for e in finance["overdue"]] == sorted(e["due"] for e in finance["overdue"])


def test_due_soon_follows_the_configured_working_days(world):
    build(world)
    ok(world.patch("admin", f"{V1}/config", json={"deadlines": {"due_soon_days": 2}}))
    found = reminders(world, unit_id=world.units["transport"])
    assert found["due_soon_days"] == 2
    (transport,) = found["units"]
    # 3 working days left is no longer "soon"; 0 left still is
    assert entries(transport, "due_soon") == {("2024年第6号建议", "R-DL-5")}
    ok(world.patch("admin", f"{V1}/config", json={"deadlines": {"due_soon_days": 5}}))
    (transport,) = reminders(world, unit_id=world.units["transport"])["units"]
    assert ("2024年第3号建议", "R-DL-4") in entries(transport, "due_soon")


def test_a_unit_sees_only_its_own_reminders(world):
    build(world)
    (own,) = reminders(world, who="handler")["units"]
    assert own["unit_name"] == "县交通运输局"
    problem(
        world.get("handler", f"{V1}/reminders", params={"unit_id": world.units["finance"]}), 403
    )
    problem(world.get("npc", f"{V1}/reminders"), 403)
    (quiet,) = reminders(world, unit_id=world.units["education"])["units"]
    assert quiet == {
        "unit_id": world.units["education"],
        "unit_name": "县教育体育局",
        "overdue": [],
        "due_soon": [],
    }


def outbox(world) -> list[OutboxMessage]:
    with db(world) as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.unit_id)))


def test_the_daily_digest_is_written_once_per_unit_and_day(world, monkeypatch, capsys, db_url):
    build(world)
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    try:
        assert banli(["digest", "--date", "2024-07-08"]) == 0
        assert "新写入2个单位" in capsys.readouterr().out
        assert banli(["digest", "--date", "2024-07-08"]) == 0
        assert "新写入0个单位的提醒，已存在2个" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()
    messages = outbox(world)
    assert [(m.event_type, m.unit_id, m.dedupe_key) for m in messages] == [
        (DIGEST_EVENT, world.units["transport"], "2024-07-08"),
        (DIGEST_EVENT, world.units["finance"], "2024-07-08"),
    ]
    transport = messages[0]
    assert transport.delivered_at is None and transport.created_at is not None
    payload = transport.payload
    assert payload["unit_name"] == "县交通运输局" and payload["due_soon_count"] == 2
    assert payload["overdue_count"] == len(payload["overdue"]) > 0
    assert payload["text"].startswith("县交通运输局：截至7月8日，逾期")
    with db(world) as session:
        assert write_digests(session, date(2024, 7, 9))[0] == 2
        session.commit()
    assert len(outbox(world)) == 4


def test_a_digest_never_carries_a_secret_items_title(world):
    assigned(
        world,
        7,
        title="关于某涉密事项的建议",
        secret=True,
        who="admin",
        second_assignment="2024-03-01",
    )
    with db(world) as session:
        write_digests(session, date(2024, 7, 8))
        session.commit()
    (message,) = outbox(world)
    titles = {e["title"] for e in message.payload["overdue"]}
    assert titles == {"（涉密件）"}


def circular(world, who: str = "staff", **params: Any):
    response = world.get(who, f"{V1}/reminders/circular.docx", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    return response, Document(io.BytesIO(response.content))


def test_the_circular_names_the_late_units_with_counts(world):
    build(world)
    response, document = circular(world, year=2024, as_of="2024-07-08")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于2024年度人大代表建议和政协提案办理进度情况的通报" in text
    assert "截至2024年7月8日" in text and "共有2个承办单位存在逾期未完成事项" in text
    (table,) = document.tables
    header, *rows = [[c.text for c in row.cells] for row in table.rows]
    assert header[:3] == ["序号", "承办单位", "逾期件数"]
    by_unit = {row[1]: row for row in rows}
    assert set(by_unit) == {"县交通运输局", "县财政局"}
    assert "第2号建议" in by_unit["县财政局"][6]
    assert int(by_unit["县财政局"][4]) >= 1  # 第2号 overdue reply (R-DL-4)
    problem(world.get("handler", f"{V1}/reminders/circular.docx"), 403)
    assert circular(world, who="auditor")[0].status_code == 200


def test_a_circular_with_nobody_late_says_so(world):
    _, document = circular(world, year=2024, as_of="2024-03-01")
    assert "未发现逾期情况" in "\n".join(p.text for p in document.paragraphs)
    assert document.tables == []
