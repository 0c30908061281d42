"""Deadline events: each open assignment due soon or overdue emits once per due date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.calendar.service import current_calendar
from api.models import Assignment, Item
from api.organisation.service import deadline_settings
from api.webhooks.events import emit
from domain.deadlines import due_soon_until


def scan(session: Session, as_of: date) -> int:
    """Emits deadline.overdue / deadline.due_soon for the main duty of open assignments."""
    soon = due_soon_until(current_calendar(session), as_of, deadline_settings(session))
    rows = session.execute(
        select(Assignment, Item.number, Item.kind, Item.title)
        .join(Item, Item.id == Assignment.item_id)
        .where(
            Assignment.done_on.is_(None), Assignment.due_on.is_not(None), Assignment.due_on <= soon
        )
    ).all()
    emitted = 0
    for assignment, number, kind, title in rows:
        assert assignment.due_on is not None
        kind_of = "deadline.overdue" if assignment.due_on < as_of else "deadline.due_soon"
        payload = {
            "item_id": assignment.item_id,
            "unit_id": assignment.unit_id,
            "role": assignment.role.value,
            "number": number,
            "kind": kind.value,
            "title": title,
            "due": assignment.due_on.isoformat(),
        }
        key = f"{kind_of}:{assignment.id}:{assignment.due_on.isoformat()}"
        if emit(session, kind_of, payload, dedupe_key=key) is not None:
            emitted += 1
    session.commit()
    return emitted
