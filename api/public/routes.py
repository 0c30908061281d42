"""Published replies for everyone, no login (R-DL-5, R-RP-2).

Only sent and published replies of items that are not secret and whose unit agreed (or left
the mark empty); the item's own text only with its proposer's consent; no phone numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from api.common import Id, Page
from api.db import SessionDep
from api.errors import ApiError
from api.models import Assignment, Item, Reply, ReplyStatus, Unit
from api.replies.letters import letter_facts
from domain.disclosure import mask_phones
from domain.model import Disclosure, ItemKind, ReplyClass
from domain.replies import LetterType, may_publish_item_text

router = APIRouter(prefix="/public", tags=["public"])


class PublicReply(BaseModel):
    id: int
    year: int
    kind: ItemKind
    numbers: list[int]
    heading: str
    title: str
    unit_name: str
    reply_class: ReplyClass | None
    letter_date: date | None
    published_on: date
    url: str | None
    body: str
    item_content: str | None


def _published() -> Select[Reply, Assignment, Item, Unit]:
    """Sent, published, not marked disagree, and no item it answers is secret — a merged
    letter names every merged item (R-MG-3), so one secret item hides the whole letter."""
    merged = aliased(Item)
    secret_in_group = exists().where(
        merged.merge_group_id == Item.merge_group_id, merged.secret.is_(True)
    )
    return (
        select(Reply, Assignment, Item, Unit)
        .join(Assignment, Assignment.id == Reply.assignment_id)
        .join(Item, Item.id == Assignment.item_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(
            Reply.status == ReplyStatus.SENT,
            Reply.published_on.is_not(None),
            Reply.disclosure != Disclosure.DISAGREE,
            Item.secret.is_(False),
            ~secret_in_group,
        )
    )


def _public(session: Session, reply: Reply, assignment: Assignment, unit: Unit) -> PublicReply:
    facts = letter_facts(session, assignment, LetterType.REPLY)
    items = facts.items
    assert reply.published_on is not None
    shown = [
        i.content
        for i in items
        if may_publish_item_text(secret=i.secret, proposer_consent=i.content_consent)
    ]
    return PublicReply(
        id=reply.id,
        year=items[0].year,
        kind=items[0].kind,
        numbers=[i.number for i in items],
        heading=facts.heading,
        title=mask_phones("；".join(i.title for i in items)),
        unit_name=unit.name,
        reply_class=reply.reply_class,
        letter_date=reply.letter_date,
        published_on=reply.published_on,
        url=reply.published_url,
        body=mask_phones(reply.body),
        item_content=mask_phones("\n\n".join(shown)) if len(shown) == len(items) else None,
    )


@router.get("/replies", operation_id="public-replies-list", response_model=Page[PublicReply])
def list_published(
    session: SessionDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    kind: ItemKind | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Page[PublicReply]:
    query = _published()
    if year is not None:
        query = query.where(Item.year == year)
    if kind is not None:
        query = query.where(Item.kind == kind)
    if q:
        query = query.where(or_(Item.title.like(f"%{q}%"), Unit.name.like(f"%{q}%")))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(
        query.order_by(Reply.published_on.desc(), Reply.id.desc())
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    return Page(
        items=[_public(session, r, a, u) for r, a, _, u in rows],
        total=total,
        page=page,
        page_size=page_size,
    )


@router.get("/replies/{reply_id}", operation_id="public-replies-get", response_model=PublicReply)
def get_published(reply_id: Id, session: SessionDep) -> PublicReply:
    row = session.execute(_published().where(Reply.id == reply_id)).first()
    if row is None:
        raise ApiError(404, "未找到已公开的答复")
    reply, assignment, _, unit = row
    return _public(session, reply, assignment, unit)
