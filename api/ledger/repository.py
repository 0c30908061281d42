"""The ledger's queries: each table read once for the years asked, keyed for lookups."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from api.models import (
    Assignment,
    FeedbackForm,
    Item,
    ItemProposer,
    LookBack,
    Proposer,
    Referral,
    Reply,
    Visit,
)
from domain.model import Satisfaction, VisitMode

Key = tuple[int, int]  # (item id, unit id)
Card = tuple[VisitMode, date, date | None]  # mode, visited, submitted (R-DL-8)


def lookbacks(session: Session, in_years: ColumnElement[bool]) -> dict[int, date | None]:
    """The look-back form's filing date per assignment (R-DL-9)."""
    return dict(
        session.execute(
            select(LookBack.assignment_id, LookBack.filed_on)
            .join(Assignment, Assignment.id == LookBack.assignment_id)
            .join(Item, Item.id == Assignment.item_id)
            .where(in_years)
        ).all()
    )


def proposers(session: Session, in_years: ColumnElement[bool]) -> dict[int, tuple[str | None, int]]:
    names: dict[int, list[tuple[bool, int, str]]] = defaultdict(list)
    for item_id, is_lead, position, name in session.execute(
        select(ItemProposer.item_id, ItemProposer.is_lead, ItemProposer.position, Proposer.name)
        .join(Proposer, Proposer.id == ItemProposer.proposer_id)
        .join(Item, Item.id == ItemProposer.item_id)
        .where(in_years)
    ):
        names[item_id].append((is_lead, position, name))
    return {
        item_id: (
            next((n for lead, _, n in sorted(rows, key=lambda r: r[1]) if lead), None),
            len(rows),
        )
        for item_id, rows in names.items()
    }


def replies(
    session: Session, in_years: ColumnElement[bool]
) -> tuple[dict[int, Reply], dict[int, list[Reply]]]:
    by_assignment: dict[int, Reply] = {}
    by_group: dict[int, list[Reply]] = defaultdict(list)
    for reply in session.scalars(
        select(Reply)
        .join(Assignment, Assignment.id == Reply.assignment_id)
        .join(Item, Item.id == Assignment.item_id)
        .where(in_years)
        .order_by(Reply.id)
    ):
        by_assignment[reply.assignment_id] = reply
        if reply.merge_group_id is not None:
            by_group[reply.merge_group_id].append(reply)
    return by_assignment, by_group


def feedback(
    session: Session, in_years: ColumnElement[bool]
) -> tuple[dict[Key, dict[Satisfaction, int]], dict[Key, date]]:
    """The latest form per proposer (R-KPI-5) as votes, and the first form's date (R-DL-6)."""
    latest: dict[Key, dict[int, tuple[int, Satisfaction]]] = defaultdict(dict)
    first: dict[Key, date] = {}
    for item_id, unit_id, proposer_id, received, satisfaction, seq in session.execute(
        select(
            FeedbackForm.item_id,
            FeedbackForm.unit_id,
            FeedbackForm.proposer_id,
            FeedbackForm.received_on,
            FeedbackForm.satisfaction,
            FeedbackForm.form_seq,
        )
        .join(Item, Item.id == FeedbackForm.item_id)
        .where(in_years)
    ):
        key = (item_id, unit_id)
        first[key] = min(first.get(key, received), received)
        kept = latest[key].get(proposer_id)
        if kept is None or seq > kept[0]:
            latest[key][proposer_id] = (seq, satisfaction)
    votes: dict[Key, dict[Satisfaction, int]] = {}
    for key, by_proposer in latest.items():
        counted: dict[Satisfaction, int] = defaultdict(int)
        for _, satisfaction in by_proposer.values():
            counted[satisfaction] += 1
        votes[key] = dict(counted)
    return votes, first


def referrals(
    session: Session, in_years: ColumnElement[bool]
) -> dict[Key, tuple[date, date | None]]:
    """The latest referral per item and unit (R-FB-2, R-DL-7)."""
    found: dict[Key, tuple[date, date | None]] = {}
    for item_id, unit_id, referred, written in session.execute(
        select(Referral.item_id, Referral.unit_id, Referral.referred_on, Referral.written_reply_on)
        .join(Item, Item.id == Referral.item_id)
        .where(in_years)
        .order_by(Referral.referred_on, Referral.id)
    ):
        found[(item_id, unit_id)] = (referred, written)
    return found


def visits(session: Session, in_years: ColumnElement[bool]) -> dict[Key, list[Card]]:
    found: dict[Key, list[Card]] = defaultdict(list)
    for item_id, unit_id, mode, visited, submitted in session.execute(
        select(Visit.item_id, Visit.unit_id, Visit.mode, Visit.visited_on, Visit.submitted_on)
        .join(Item, Item.id == Visit.item_id)
        .where(in_years)
    ):
        found[(item_id, unit_id)].append((mode, visited, submitted))
    return found
