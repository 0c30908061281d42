"""What the domain says about a reply's letter: heading, recipients, copy-to, route, format.

Shared by the reply workflow and the documents (issue 5), so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.congress.routes import session_ref
from api.models import Assignment, CongressSession, Item, ItemProposer, Proposer, Reply, Unit
from api.organisation.service import bodies
from domain.model import Proposer as ProposerValue
from domain.model import Role
from domain.replies import (
    FormatProblem,
    LetterType,
    ReplyLetter,
    copy_to,
    format_problems,
    heading,
    merged_recipients,
    reply_route,
    salutation,
)


@dataclass(frozen=True)
class LetterFacts:
    items: list[Item]
    unit: Unit
    heading: str
    copy_to: tuple[str, ...]
    recipients: tuple[ProposerValue, ...]
    route: str


def items_answered(session: Session, assignment: Assignment) -> list[Item]:
    """The assignment's item, or every item of its merge group (R-MG-3), by number."""
    item = session.get(Item, assignment.item_id)
    assert item is not None
    if item.merge_group_id is None:
        return [item]
    return list(
        session.scalars(
            select(Item).where(Item.merge_group_id == item.merge_group_id).order_by(Item.number)
        )
    )


def proposers_of(session: Session, item: Item) -> list[ProposerValue]:
    rows = session.execute(
        select(Proposer, ItemProposer.is_lead)
        .join(ItemProposer, ItemProposer.proposer_id == Proposer.id)
        .where(ItemProposer.item_id == item.id)
        .order_by(ItemProposer.position)
    )
    return [ProposerValue(p.id, p.name, p.kind, lead) for p, lead in rows]


def co_unit_names(session: Session, items: list[Item]) -> list[str]:
    return list(
        session.scalars(
            select(Unit.name)
            .join(Assignment, Assignment.unit_id == Unit.id)
            .where(Assignment.item_id.in_([i.id for i in items]), Assignment.role == Role.CO)
            .order_by(Unit.name)
            .distinct()
        )
    )


def letter_facts(session: Session, assignment: Assignment, letter: LetterType) -> LetterFacts:
    items = items_answered(session, assignment)
    first = items[0]
    congress = session.get(CongressSession, first.session_id)
    unit = session.get(Unit, assignment.unit_id)
    assert congress is not None and unit is not None
    co_units = co_unit_names(session, items) if letter is LetterType.REPLY else []
    return LetterFacts(
        items=items,
        unit=unit,
        heading=heading(session_ref(congress), [i.number for i in items], letter),
        copy_to=copy_to(first.kind, letter, bodies(session, first.level), co_units),
        recipients=merged_recipients(first.kind, [proposers_of(session, i) for i in items]),
        route=reply_route(first.level, assignment.role).description,
    )


def reply_format_problems(
    session: Session, reply: Reply, facts: LetterFacts
) -> list[FormatProblem]:
    """R-RP-7 on the reply as drafted; heading, salutation, title and copy-to come from data."""
    letter = ReplyLetter(
        letter_type=LetterType.REPLY,
        kind=facts.items[0].kind,
        letterhead=facts.unit.name,
        disclosure=reply.disclosure,
        reply_class=reply.reply_class,
        document_number=reply.document_number,
        heading=facts.heading,
        salutation=salutation(facts.recipients[0]) if facts.recipients else None,
        title="；".join(i.title for i in facts.items),
        body=reply.body,
        sealed=True,
        date=reply.letter_date,
        signing_leader=reply.signing_leader,
        contact_person=reply.contact_person,
        contact_phone=reply.contact_phone,
        copy_to=facts.copy_to,
    )
    return format_problems(letter, expected_heading=facts.heading, expected_copy_to=facts.copy_to)
