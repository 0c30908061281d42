"""Asks the domain for an assignment's deadlines, from what the database records.

The API never computes a due date itself: it gathers the dates (``AssignmentDates``) and the
year plan, and ``domain.deadlines.evaluate`` decides.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from api.calendar.service import current_calendar
from api.models import (
    Assignment,
    FeedbackForm,
    Item,
    LookBack,
    Referral,
    Reply,
    ReplyStatus,
    Visit,
)
from api.organisation.service import deadline_settings, year_plan
from domain.calendar import WorkCalendar
from domain.deadlines import AssignmentDates, Deadline, evaluate
from domain.model import Disclosure, Role
from domain.replies import may_publish_reply


def reply_of(session: Session, assignment: Assignment, item: Item) -> Reply | None:
    """The assignment's own reply, or its merge group's reply from the same unit (R-MG-3)."""
    if not assignment.role.replies:
        return None
    condition = Reply.assignment_id == assignment.id
    if item.merge_group_id is not None:
        condition = or_(condition, Reply.merge_group_id == item.merge_group_id)
    return session.scalar(select(Reply).where(condition).order_by(Reply.id))


def assignment_dates(session: Session, assignment: Assignment, item: Item) -> AssignmentDates:
    """Everything recorded against the assignment, as the dates the deadline rules read."""
    reply = reply_of(session, assignment, item)
    sent = reply.sent_on if reply is not None and reply.status is ReplyStatus.SENT else None
    disclosure = reply.disclosure if reply is not None else Disclosure.UNMARKED
    key = {"item_id": item.id, "unit_id": assignment.unit_id}
    forms = session.scalars(select(func.min(FeedbackForm.received_on)).filter_by(**key))
    referral = session.scalar(
        select(Referral).filter_by(**key).order_by(Referral.referred_on.desc())
    )
    cards = list(session.scalars(select(Visit.submitted_on).filter_by(**key)))
    lookback = session.scalar(select(LookBack.filed_on).filter_by(assignment_id=assignment.id))
    return AssignmentDates(
        role=assignment.role,
        key_item=assignment.key_item,
        publishable=may_publish_reply(secret=item.secret, disclosure=disclosure),
        first_assignment=item.first_assignment,
        second_assignment=item.second_assignment,
        breakdown_delivered=assignment.breakdown_delivered,
        key_registration_filed=assignment.key_registration_filed,
        co_opinion_delivered=assignment.co_opinion_delivered,
        reply_sent=sent,
        reply_published=reply.published_on if reply is not None and sent else None,
        feedback_returned=forms.first(),
        office_referral=referral.referred_on if referral else None,
        followup_sent=referral.written_reply_on if referral else None,
        visit_cards_submitted=max(cards) if cards and all(cards) else None,  # type: ignore[type-var]
        lookback_filed=lookback,
        office_set_due={k: date.fromisoformat(v) for k, v in (item.office_set_due or {}).items()},
    )


def deadlines_of(
    session: Session,
    assignment: Assignment,
    item: Item,
    as_of: date,
    calendar: WorkCalendar | None = None,
) -> list[Deadline]:
    return evaluate(
        calendar or current_calendar(session),
        assignment_dates(session, assignment, item),
        as_of=as_of,
        plan=year_plan(session, item.year),
        settings=deadline_settings(session),
    )


MAIN_DUTY = {Role.MAIN: "R-DL-4", Role.SPLIT: "R-DL-4", Role.CO: "R-DL-3"}


def refresh(session: Session, item: Item) -> None:
    """Keeps each assignment's main-duty due and done dates (for list filters) current."""
    far_future = date(current_calendar(session).last_year, 12, 31)  # no recorded event is hidden
    for assignment in session.scalars(select(Assignment).where(Assignment.item_id == item.id)):
        wanted = MAIN_DUTY[assignment.role]
        found = [
            d
            for d in deadlines_of(session, assignment, item, far_future)
            if d.rule.rule_id == wanted
        ]
        due = found[0].due if found else None
        done = found[0].done_on if found else None
        if (assignment.due_on, assignment.done_on) != (due, done):
            assignment.due_on, assignment.done_on = due, done
