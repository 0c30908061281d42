"""Every assignment of some years with all its deadlines, gathered in a fixed number of queries.

The ledger (台账), the reminders and the circular need, for thousands of assignments at once,
what ``api.items.deadlines.deadlines_of`` gives for one: the same ``AssignmentDates`` read the
same way, handed to ``domain.deadlines.evaluate``. Here each table is read once for the years
asked (no query per row); ``tests/api/test_ledger.py`` checks both give the same deadlines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, case, select, true
from sqlalchemy.orm import Session

from api.auth.principal import Principal
from api.calendar.service import current_calendar
from api.congress.routes import session_ref
from api.items.repository import visible
from api.ledger import repository
from api.models import (
    Assignment,
    CongressSession,
    Item,
    Reply,
    ReplyStatus,
    Unit,
)
from api.organisation.service import deadline_settings, year_plan
from domain.deadlines import AssignmentDates, Deadline, evaluate
from domain.model import Disclosure, Role, Satisfaction, VisitMode
from domain.replies import may_publish_reply, session_name


@dataclass(frozen=True, slots=True)
class Contacts:
    """The unit's visits to the item's proposers (R-VS-1): how many, face to face, last."""

    count: int = 0
    face_to_face: int = 0
    last_on: date | None = None


@dataclass(slots=True)
class Row:
    """One item at one unit in one role, as the ledger shows it."""

    item: Item
    assignment: Assignment
    unit_name: str
    session_name: str
    lead_proposer: str | None
    proposer_count: int
    reply: Reply | None
    contacts: Contacts
    votes: dict[Satisfaction, int]
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def main_duty(self) -> Deadline | None:
        """The reply (R-DL-4) or, for a co-unit, the co-opinion (R-DL-3)."""
        wanted = "R-DL-3" if not self.assignment.role.replies else "R-DL-4"
        return next((d for d in self.deadlines if d.rule.rule_id == wanted), None)


ROLE_ORDER = case((Assignment.role == Role.MAIN, 0), (Assignment.role == Role.SPLIT, 1), else_=2)


@dataclass(frozen=True, slots=True)
class Scope:
    years: Sequence[int]
    unit_id: int | None = None


def _where(scope: Scope, principal: Principal | None) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = Item.year.in_(list(scope.years))
    if principal is not None:
        condition = condition & visible(principal)
    return condition


def gather(
    session: Session, scope: Scope, as_of: date, principal: Principal | None = None
) -> list[Row]:
    """The rows of ``scope`` (a unit's, or every unit's), evaluated as of ``as_of``."""
    in_years = Item.year.in_(list(scope.years))
    own_unit = Assignment.unit_id == scope.unit_id if scope.unit_id is not None else true()
    found = session.execute(
        select(Assignment, Item, Unit.name)
        .join(Item, Item.id == Assignment.item_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(_where(scope, principal), own_unit)
        .order_by(Item.year, Item.session_id, Item.number, ROLE_ORDER, Unit.name)
    ).all()
    if not found:
        return []
    sessions = {
        s.id: session_name(session_ref(s))
        for s in session.scalars(
            select(CongressSession).where(CongressSession.year.in_(scope.years))
        )
    }
    proposers = repository.proposers(session, in_years)
    replies, group_replies = repository.replies(session, in_years)
    votes, first_forms = repository.feedback(session, in_years)
    referrals = repository.referrals(session, in_years)
    visits = repository.visits(session, in_years)
    lookbacks = repository.lookbacks(session, in_years)
    calendar = current_calendar(session)
    settings = deadline_settings(session)
    plans = {year: year_plan(session, year) for year in scope.years}
    rows = []
    for assignment, item, unit_name in found:
        key = (item.id, assignment.unit_id)
        reply = None
        if assignment.role.replies:
            candidates = [r for r in (replies.get(assignment.id),) if r is not None]
            candidates += group_replies.get(item.merge_group_id, []) if item.merge_group_id else []
            reply = min(candidates, key=lambda r: r.id) if candidates else None
        lead, count = proposers.get(item.id, (None, 0))
        cards = [v[2] for v in visits.get(key, [])]
        dates = _dates(
            assignment,
            item,
            reply,
            first_forms.get(key),
            referrals.get(key),
            _all_submitted(cards),
            lookbacks.get(assignment.id),
        )
        row = Row(
            item=item,
            assignment=assignment,
            unit_name=unit_name,
            session_name=sessions.get(item.session_id, ""),
            lead_proposer=lead,
            proposer_count=count,
            reply=reply,
            contacts=_contacts(visits.get(key, [])),
            votes=votes.get(key, {}),
        )
        row.deadlines = evaluate(
            calendar, dates, as_of=as_of, plan=plans[item.year], settings=settings
        )
        rows.append(row)
    return rows


def _dates(
    assignment: Assignment,
    item: Item,
    reply: Reply | None,
    feedback_returned: date | None,
    referral: tuple[date, date | None] | None,
    cards_submitted: date | None,
    lookback_filed: date | None,
) -> AssignmentDates:
    """As ``api.items.deadlines.assignment_dates`` reads them, from preloaded rows."""
    sent = reply.sent_on if reply is not None and reply.status is ReplyStatus.SENT else None
    disclosure = reply.disclosure if reply is not None else Disclosure.UNMARKED
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
        feedback_returned=feedback_returned,
        office_referral=referral[0] if referral else None,
        followup_sent=referral[1] if referral else None,
        visit_cards_submitted=cards_submitted,
        lookback_filed=lookback_filed,
        office_set_due={k: date.fromisoformat(v) for k, v in (item.office_set_due or {}).items()},
    )


def _all_submitted(cards: list[date | None]) -> date | None:
    """R-DL-8 is met once every card is submitted: on the last card's date."""
    submitted = [c for c in cards if c is not None]
    return max(submitted) if cards and len(submitted) == len(cards) else None


def _contacts(visits: list[repository.Card]) -> Contacts:
    if not visits:
        return Contacts()
    return Contacts(
        count=len(visits),
        face_to_face=sum(1 for mode, _, _ in visits if mode is VisitMode.FACE_TO_FACE),
        last_on=max(visited for _, visited, _ in visits),
    )
