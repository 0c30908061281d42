"""What the domain says about a reply's letter: heading, recipients, copy-to, route, format.

Shared by the reply workflow and the documents (issue 5), so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.congress.routes import session_ref
from api.documents.checks import letter_format_problems
from api.documents.contexts import ItemRef, ReplyLetterData, split_paragraphs
from api.models import Assignment, CongressSession, Item, ItemProposer, Proposer, Reply, Unit
from api.organisation.service import bodies
from domain.model import Proposer as ProposerValue
from domain.model import Role, SessionRef
from domain.replies import (
    Bodies,
    FormatProblem,
    LetterType,
    copy_to,
    heading,
    merged_recipients,
    reply_route,
)


@dataclass(frozen=True)
class LetterFacts:
    items: list[Item]
    unit: Unit
    session: SessionRef
    proposers: tuple[tuple[ProposerValue, ...], ...]  # per item
    bodies: Bodies
    co_units: tuple[str, ...]
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
    co_units = tuple(co_unit_names(session, items)) if letter is LetterType.REPLY else ()
    ref, level_bodies = session_ref(congress), bodies(session, first.level)
    proposers = tuple(tuple(proposers_of(session, i)) for i in items)
    return LetterFacts(
        items=items,
        unit=unit,
        session=ref,
        proposers=proposers,
        bodies=level_bodies,
        co_units=co_units,
        heading=heading(ref, [i.number for i in items], letter),
        copy_to=copy_to(first.kind, letter, level_bodies, co_units),
        recipients=merged_recipients(first.kind, proposers),
        route=reply_route(first.level, assignment.role).description,
    )


def reply_data(reply: Reply, facts: LetterFacts) -> ReplyLetterData:
    """The reply as the documents print it; the format check reads the same data."""
    items = facts.items
    return ReplyLetterData(
        letter_type=LetterType.REPLY,
        session=facts.session,
        items=tuple(
            ItemRef(i.number, i.title, people)
            for i, people in zip(items, facts.proposers, strict=True)
        ),
        unit_name=facts.unit.name,
        letterhead=facts.unit.name,
        document_number=reply.document_number,
        reply_class=reply.reply_class,
        disclosure=reply.disclosure,
        body=split_paragraphs(reply.body),
        date=reply.letter_date,
        signing_leader=reply.signing_leader,
        contact_person=reply.contact_person,
        contact_phone=reply.contact_phone,
        bodies=facts.bodies,
        co_units=facts.co_units,
        secret=any(i.secret for i in items),
    )


def reply_format_problems(
    session: Session, reply: Reply, facts: LetterFacts
) -> list[FormatProblem]:
    """R-RP-7 on the reply as drafted: the same check the documents make before printing,
    each problem named by the reply's own field."""
    return [
        FormatProblem(REPLY_FIELDS.get(m.field, m.field), m.message_zh, m.rule_id)
        for m in letter_format_problems(reply_data(reply, facts))
    ]


REPLY_FIELDS = {"date": "letter_date"}  # the letter's element → the reply's field
