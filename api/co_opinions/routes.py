"""会办意见: a co-unit's opinion, delivered to the main unit within a month (R-DL-3); on a city
item also to the county office (R-RP-5)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assignments.service import own_assignment
from api.auth.principal import Principal, allow
from api.common import Id
from api.db import SessionDep
from api.errors import ApiError
from api.items import deadlines as item_deadlines
from api.items import repository
from api.models import Assignment, CoOpinion, Item, Unit
from api.replies.letters import letter_facts
from api.replies.schemas import CoOpinionBody, CoOpinionRead, DeliverBody
from domain.model import Level, Role
from domain.replies import LetterType

router = APIRouter(tags=["co-opinions"])


def _read(session: Session, opinion: CoOpinion, assignment: Assignment) -> CoOpinionRead:
    facts = letter_facts(session, assignment, LetterType.CO_OPINION)
    unit = session.get(Unit, assignment.unit_id)
    return CoOpinionRead(
        **CoOpinionBody.model_validate(opinion, from_attributes=True).model_dump(),
        id=opinion.id,
        assignment_id=assignment.id,
        unit_id=assignment.unit_id,
        unit_name=unit.name if unit else "",
        delivered_on=opinion.delivered_on,
        sent_to_office_on=opinion.sent_to_office_on,
        heading=facts.heading,
        copy_to=list(facts.copy_to),
        version=opinion.version,
    )


def _own_opinion(
    session: Session, principal: Principal, item: Item
) -> tuple[CoOpinion | None, Assignment]:
    assignment = own_assignment(session, principal, item, {Role.CO})
    return session.scalar(select(CoOpinion).filter_by(assignment_id=assignment.id)), assignment


@router.put(
    "/items/{item_id}/co-opinion", operation_id="co-opinions-put", response_model=CoOpinionRead
)
def put_co_opinion(
    item_id: Id,
    data: CoOpinionBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("co_opinions.write"))],
) -> CoOpinionRead:
    """Drafts or revises the unit's co-opinion; no change once delivered."""
    item = repository.visible_item(session, principal, item_id)
    opinion, assignment = _own_opinion(session, principal, item)
    if opinion is None:
        opinion = CoOpinion(assignment_id=assignment.id, merge_group_id=item.merge_group_id)
        session.add(opinion)
    elif opinion.delivered_on is not None:
        raise ApiError(409, "会办意见已送达，不能再修改", rule_id="R-DL-3")
    for key, value in data.model_dump().items():
        setattr(opinion, key, value)
    session.flush()
    return _read(session, opinion, assignment)


@router.post(
    "/items/{item_id}/co-opinion/deliver",
    operation_id="co-opinions-deliver",
    response_model=CoOpinionRead,
)
def deliver_co_opinion(
    item_id: Id,
    data: DeliverBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("co_opinions.write"))],
) -> CoOpinionRead:
    """Records delivery to the main unit (R-DL-3) and, on a city item, to the office (R-RP-5)."""
    item = repository.visible_item(session, principal, item_id)
    opinion, assignment = _own_opinion(session, principal, item)
    if opinion is None or not opinion.body.strip():
        raise ApiError(422, "请先填写会办意见正文", field="body", rule_id="R-DL-3")
    if item.level is Level.CITY and data.sent_to_office_on is None:
        raise ApiError(
            422,
            "市级件的会办意见须同时报送县政府办公室和主办单位各1份",
            field="sent_to_office_on",
            rule_id="R-RP-5",
        )
    opinion.delivered_on = data.delivered_on
    opinion.sent_to_office_on = data.sent_to_office_on
    assignment.co_opinion_delivered = data.delivered_on
    session.flush()
    item_deadlines.refresh(session, item)
    return _read(session, opinion, assignment)


@router.get(
    "/items/{item_id}/co-opinions",
    operation_id="co-opinions-list",
    response_model=list[CoOpinionRead],
)
def list_co_opinions(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.read"))],
) -> list[CoOpinionRead]:
    """The main unit and the office see every co-opinion; a co-unit sees its own."""
    item = repository.visible_item(session, principal, item_id)
    rows = session.execute(
        select(CoOpinion, Assignment)
        .join(Assignment, Assignment.id == CoOpinion.assignment_id)
        .where(Assignment.item_id == item.id)
        .order_by(CoOpinion.id)
    ).all()
    mine = None
    if principal.is_unit:
        mine = own_assignment(session, principal, item)
    return [
        _read(session, opinion, assignment)
        for opinion, assignment in rows
        if mine is None or mine.role is not Role.CO or assignment.id == mine.id
    ]
