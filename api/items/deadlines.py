"""Asks the domain for an assignment's deadlines, from what the database records.

The API never computes a due date itself: it gathers the dates (``AssignmentDates``, read by
``api.items.recorded``) and the year plan, and ``domain.deadlines.evaluate`` decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.calendar.service import current_calendar
from api.items.recorded import Recorded, pick_reply, replies_of
from api.models import Assignment, Item, Reply
from api.organisation.service import deadline_settings, year_plan
from domain.calendar import WorkCalendar
from domain.deadlines import AssignmentDates, Deadline, evaluate
from domain.model import Role


def reply_of(session: Session, assignment: Assignment, item: Item) -> Reply | None:
    """The assignment's reply as ``Recorded.reply`` picks it, reading only the replies."""
    return pick_reply(assignment, item, *replies_of(session, Item.id == item.id))


def assignment_dates(session: Session, assignment: Assignment, item: Item) -> AssignmentDates:
    """Everything recorded against one assignment, as the dates the deadline rules read."""
    return Recorded.load(session, Item.id == item.id).dates(assignment, item)


def deadlines_of_item(
    session: Session,
    item: Item,
    assignments: Sequence[Assignment],
    as_of: date,
    recorded: Recorded | None = None,
    calendar: WorkCalendar | None = None,
) -> dict[int, list[Deadline]]:
    """Every deadline of each of the item's ``assignments``, keyed by assignment id."""
    recorded = recorded or Recorded.load(session, Item.id == item.id)
    calendar = calendar or current_calendar(session)
    plan, settings = year_plan(session, item.year), deadline_settings(session)
    return {
        a.id: evaluate(calendar, recorded.dates(a, item), as_of=as_of, plan=plan, settings=settings)
        for a in assignments
    }


MAIN_DUTY = {Role.MAIN: "R-DL-4", Role.SPLIT: "R-DL-4", Role.CO: "R-DL-3"}


def refresh(session: Session, item: Item, recorded: Recorded | None = None) -> None:
    """Keeps each assignment's main-duty due and done dates (for list filters) current."""
    far_future = date(current_calendar(session).last_year, 12, 31)  # no recorded event is hidden
    assignments = list(session.scalars(select(Assignment).where(Assignment.item_id == item.id)))
    found = deadlines_of_item(session, item, assignments, far_future, recorded)
    for assignment in assignments:
        wanted = MAIN_DUTY[assignment.role]
        main = next((d for d in found[assignment.id] if d.rule.rule_id == wanted), None)
        due = main.due if main else None
        done = main.done_on if main else None
        if (assignment.due_on, assignment.done_on) != (due, done):
            assignment.due_on, assignment.done_on = due, done
