"""Gathers each assignment's facts for a year in a few set-based queries; ``domain.kpi``
counts them (R-KPI-0..7)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.calendar.service import current_calendar
from api.items.recorded import feedback_votes
from api.models import Assignment, Item, ItemProposer, Reply, ReplyStatus, Visit
from api.stamp import StampedCache
from domain.calendar import Period
from domain.kpi import (
    AssignmentFacts,
    Contact,
    KpiReport,
    all_unit_kpis,
    county_kpis,
)
from domain.model import Role
from domain.replies import may_publish_reply

ONE_WEEK = Period.parse("7d")  # R-DL-5


_unit_reports: StampedCache[dict[int, KpiReport]] = StampedCache(size=8)
_county_reports: StampedCache[KpiReport] = StampedCache(size=8)
_facts: StampedCache[tuple[AssignmentFacts, ...]] = StampedCache(size=2)


def _year_facts(session: Session, year: int) -> tuple[AssignmentFacts, ...]:
    return _facts.get(session, year, lambda: tuple(facts_for_year(session, year)))


def unit_reports(session: Session, year: int, as_of: date) -> dict[int, KpiReport]:
    """Every unit's figures (``domain.kpi``), kept while the data stamp holds (``api.stamp``):
    the dashboard is opened far more often than the year's data changes."""
    return _unit_reports.get(
        session,
        (year, as_of),
        lambda: all_unit_kpis(_year_facts(session, year), year=year, as_of=as_of),
    )


def county_report(session: Session, year: int, as_of: date) -> KpiReport:
    return _county_reports.get(
        session,
        (year, as_of),
        lambda: county_kpis(_year_facts(session, year), year=year, as_of=as_of),
    )


def facts_for_year(session: Session, year: int) -> list[AssignmentFacts]:
    rows = session.execute(
        select(
            Assignment.id,
            Assignment.item_id,
            Assignment.unit_id,
            Assignment.role,
            Assignment.due_on,
            Item.merge_group_id,
            Item.secret,
        )
        .join(Item, Item.id == Assignment.item_id)
        .where(Item.year == year, Assignment.role.in_([Role.MAIN, Role.SPLIT]))
    ).all()
    replies = _replies(session, year)
    leads = dict(
        session.execute(
            select(ItemProposer.item_id, ItemProposer.proposer_id)
            .join(Item, Item.id == ItemProposer.item_id)
            .where(Item.year == year, ItemProposer.is_lead.is_(True))
        ).all()
    )
    contacts = _contacts(session, year, leads)
    votes = feedback_votes(session, Item.year == year)
    chosen = {}
    for row in rows:
        reply = replies["a"].get(row.id) or (
            replies["g"].get(row.merge_group_id) if row.merge_group_id else None
        )
        chosen[row.id] = reply if reply is not None and reply.status is ReplyStatus.SENT else None
    sent = [(r.sent_on, ONE_WEEK) for r in chosen.values() if r is not None and r.sent_on]
    publication = dict(
        zip(
            [s for s, _ in sent],
            [d for d, _ in current_calendar(session).due_dates(sent)],
            strict=True,
        )
    )
    facts = []
    for row in rows:
        reply = chosen[row.id]
        key = (row.item_id, row.unit_id)
        facts.append(
            AssignmentFacts(
                item_id=row.item_id,
                unit_id=row.unit_id,
                role=row.role,
                year=year,
                reply_due=row.due_on,
                reply_sent=reply.sent_on if reply else None,
                reply_class=reply.reply_class if reply else None,
                reply_format_ok=reply.format_ok if reply else None,
                publishable=may_publish_reply(secret=row.secret, disclosure=reply.disclosure)
                if reply
                else not row.secret,
                publication_due=publication.get(reply.sent_on) if reply and reply.sent_on else None,
                published=reply.published_on if reply else None,
                contacts=tuple(contacts.get(key, ())),
                feedback=tuple(votes.get(key, ())),
            )
        )
    return facts


def _replies(session: Session, year: int) -> dict[str, dict[int, Reply]]:
    by_assignment: dict[int, Reply] = {}
    by_group: dict[int, Reply] = {}
    for reply in session.scalars(
        select(Reply)
        .join(Assignment, Assignment.id == Reply.assignment_id)
        .join(Item, Item.id == Assignment.item_id)
        .where(Item.year == year)
    ):
        by_assignment[reply.assignment_id] = reply
        if reply.merge_group_id is not None:
            by_group[reply.merge_group_id] = reply
    return {"a": by_assignment, "g": by_group}


def _contacts(
    session: Session, year: int, leads: dict[int, int]
) -> dict[tuple[int, int], list[Contact]]:
    found: dict[tuple[int, int], list[Contact]] = defaultdict(list)
    for visit in session.execute(
        select(Visit.item_id, Visit.unit_id, Visit.proposer_id, Visit.visited_on, Visit.mode)
        .join(Item, Item.id == Visit.item_id)
        .where(Item.year == year)
    ):
        found[(visit.item_id, visit.unit_id)].append(
            Contact(
                visit.visited_on,
                visit.mode,
                lead_proposer=leads.get(visit.item_id) == visit.proposer_id,
            )
        )
    return found


def default_as_of(year: int, today: date) -> date:
    """As of today within the year; the year's last day for a past year."""
    return min(today, date(year, 12, 31))
