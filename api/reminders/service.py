"""Reminders: what is overdue or due soon at each unit, and the daily digest in the outbox.

"Due soon" is the domain's state: at most ``deadlines.due_soon_days`` working days left (a
setting the office changes in the configuration). Every deadline of every assignment counts,
not only the reply: a breakdown form (R-DL-1) or a publication (R-DL-5) is chased as well.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal
from api.ledger.facts import Row, Scope, gather
from api.ledger.service import unit_scope
from api.ledger.workbook import state_text
from api.models import OutboxMessage, Unit
from api.organisation.service import deadline_settings
from domain.deadlines import Deadline, State

DIGEST_EVENT = "reminders.daily_digest"


class ReminderEntry(BaseModel):
    item_id: int
    label: str = Field(examples=["2024年第15号建议"])
    title: str
    role: str = Field(examples=["主办"])
    rule_id: str = Field(examples=["R-DL-4"])
    rule_name: str
    due: date
    state: State
    state_text: str = Field(examples=["逾期3个工作日"])
    working_days_left: int | None = Field(description="负数为逾期的工作日数")
    provisional: bool = Field(description="期限所在年度放假安排未公布，期限暂定（R-DL-12）")


class UnitReminders(BaseModel):
    unit_id: int
    unit_name: str
    overdue: list[ReminderEntry]
    due_soon: list[ReminderEntry]


class RemindersRead(BaseModel):
    as_of: date
    due_soon_days: int
    years: list[int]
    units: list[UnitReminders]


def reminder_years(as_of: date) -> tuple[int, int]:
    """Last year's items too: their look-back (R-DL-9) and stragglers run into January."""
    return (as_of.year - 1, as_of.year)


def _entry(row: Row, deadline: Deadline, *, hide_title: bool) -> ReminderEntry:
    item = row.item
    assert deadline.due is not None
    return ReminderEntry(
        item_id=item.id,
        label=f"{item.year}年第{item.number}号{item.kind.label}",
        title="（涉密件）" if hide_title and item.secret else item.title,
        role=row.assignment.role.label,
        rule_id=deadline.rule.rule_id,
        rule_name=deadline.rule.name,
        due=deadline.due,
        state=deadline.state,
        state_text=state_text(deadline),
        working_days_left=deadline.working_days_left,
        provisional=deadline.provisional,
    )


def by_unit(rows: list[Row], *, hide_titles: bool = False) -> dict[int, UnitReminders]:
    """Each unit's overdue and due-soon deadlines, most urgent first."""
    found: dict[int, UnitReminders] = {}
    for row in rows:
        unit = found.get(row.assignment.unit_id)
        if unit is None:
            unit = found[row.assignment.unit_id] = UnitReminders(
                unit_id=row.assignment.unit_id, unit_name=row.unit_name, overdue=[], due_soon=[]
            )
        for deadline in row.deadlines:
            if deadline.state is State.OVERDUE:
                unit.overdue.append(_entry(row, deadline, hide_title=hide_titles))
            elif deadline.state is State.DUE_SOON:
                unit.due_soon.append(_entry(row, deadline, hide_title=hide_titles))
    for unit in found.values():
        unit.overdue.sort(key=lambda e: (e.due, e.label, e.rule_id))
        unit.due_soon.sort(key=lambda e: (e.due, e.label, e.rule_id))
    return found


def reminders(
    session: Session, principal: Principal, unit_id: int | None, as_of: date
) -> RemindersRead:
    """Per unit (a unit user: its own); county-wide only units with something to chase."""
    unit = unit_scope(session, principal, unit_id)
    years = reminder_years(as_of)
    rows = gather(session, Scope(years, unit.id if unit else None), as_of, principal)
    units = by_unit(rows)
    if unit is not None:
        chosen = [
            units.get(unit.id)
            or UnitReminders(unit_id=unit.id, unit_name=unit.name, overdue=[], due_soon=[])
        ]
    else:
        chosen = sorted(
            (u for u in units.values() if u.overdue or u.due_soon),
            key=lambda u: (-len(u.overdue), -len(u.due_soon), u.unit_name),
        )
    return RemindersRead(
        as_of=as_of,
        due_soon_days=deadline_settings(session).due_soon_days,
        years=list(years),
        units=chosen,
    )


def write_digests(session: Session, day: date) -> tuple[int, int]:
    """One digest per unit with something overdue or due soon, for ``day``; a unit that has
    that day's digest already is skipped (idempotent). Returns (written, already there)."""
    rows = gather(session, Scope(reminder_years(day)), day)
    units = {
        u.unit_id: u for u in by_unit(rows, hide_titles=True).values() if u.overdue or u.due_soon
    }
    key = day.isoformat()
    existing = set(
        session.scalars(
            select(OutboxMessage.unit_id).where(
                OutboxMessage.event_type == DIGEST_EVENT, OutboxMessage.dedupe_key == key
            )
        )
    )
    active = set(session.scalars(select(Unit.id).where(Unit.active.is_(True))))
    written = 0
    for unit_id, unit in sorted(units.items()):
        if unit_id in existing or unit_id not in active:
            continue
        session.add(
            OutboxMessage(
                event_type=DIGEST_EVENT,
                unit_id=unit_id,
                dedupe_key=key,
                payload=_payload(unit, day),
            )
        )
        written += 1
    session.flush()
    return written, len(existing & units.keys())


def _payload(unit: UnitReminders, day: date) -> dict[str, Any]:
    counts: dict[str, int] = defaultdict(int)
    for entry in unit.overdue:
        counts[entry.rule_id] += 1
    return {
        "date": day.isoformat(),
        "unit_id": unit.unit_id,
        "unit_name": unit.unit_name,
        "overdue_count": len(unit.overdue),
        "due_soon_count": len(unit.due_soon),
        "overdue_by_rule": dict(sorted(counts.items())),
        "text": (
            f"{unit.unit_name}：截至{day.month}月{day.day}日，逾期{len(unit.overdue)}项，"
            f"临期{len(unit.due_soon)}项，请及时办理。"
        ),
        "overdue": [e.model_dump(mode="json") for e in unit.overdue],
        "due_soon": [e.model_dump(mode="json") for e in unit.due_soon],
    }
