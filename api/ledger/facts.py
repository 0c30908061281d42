"""Every assignment of some years with all its deadlines, gathered in a fixed number of queries.

The ledger (台账), the reminders and the circular need, for thousands of assignments at once,
what the item detail gives for one: the same ``AssignmentDates`` read by ``Recorded`` and handed
to ``domain.deadlines.evaluate``, each table read once for the years asked (no query per row).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, case, select, true
from sqlalchemy.orm import Session

from api.auth.principal import Principal
from api.calendar.service import current_calendar
from api.congress.routes import session_ref
from api.items.recorded import Card, Recorded
from api.items.repository import visible
from api.ledger import repository
from api.models import (
    Assignment,
    CongressSession,
    Item,
    Reply,
    Unit,
)
from api.organisation.service import deadline_settings, year_plan
from domain.deadlines import Deadline, evaluate
from domain.kpi_targets import FeedbackVote, latest_votes
from domain.model import Role, Satisfaction, VisitMode
from domain.replies import session_name


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
    recorded = Recorded.load(session, in_years)
    calendar = current_calendar(session)
    settings = deadline_settings(session)
    plans = {year: year_plan(session, year) for year in scope.years}
    rows = []
    for assignment, item, unit_name in found:
        key = (item.id, assignment.unit_id)
        lead, count = proposers.get(item.id, (None, 0))
        dates = recorded.dates(assignment, item)
        row = Row(
            item=item,
            assignment=assignment,
            unit_name=unit_name,
            session_name=sessions.get(item.session_id, ""),
            lead_proposer=lead,
            proposer_count=count,
            reply=recorded.reply(assignment, item),
            contacts=_contacts(recorded.visits.get(key, [])),
            votes=dict(
                Counter(v.satisfaction for v in latest_votes(recorded.feedback.get(key, ())))
            ),
        )
        row.deadlines = evaluate(
            calendar, dates, as_of=as_of, plan=plans[item.year], settings=settings
        )
        rows.append(row)
    return rows


def _counted(votes: list[FeedbackVote]) -> dict[Satisfaction, int]:
    """The latest form per proposer (R-KPI-5), counted by verdict."""
    return dict(Counter(vote.satisfaction for vote in latest_votes(votes)))


def _contacts(visits: list[Card]) -> Contacts:
    if not visits:
        return Contacts()
    return Contacts(
        count=len(visits),
        face_to_face=sum(1 for mode, _, _ in visits if mode is VisitMode.FACE_TO_FACE),
        last_on=max(visited for _, visited, _ in visits),
    )
