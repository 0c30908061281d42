"""Re-assignment requests (R-AS-2), key items (R-KY-1), breakdowns (R-DL-1), open door (R-KY-3)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select

from api.assignments import service
from api.assignments.schemas import (
    BreakdownRead,
    BreakdownSet,
    KeyItemSelection,
    OpenDoorBody,
    OpenDoorRead,
    ReassignmentCreate,
    ReassignmentDecision,
    ReassignmentRead,
)
from api.auth.principal import Principal, allow
from api.clock import today
from api.common import Id, check_if_match, get_or_404, set_etag
from api.db import SessionDep
from api.items import repository
from api.models import (
    Assignment,
    Breakdown,
    Item,
    OpenDoorRecord,
    Proposer,
    ReassignmentRequest,
)
from domain.keyitems import OpenDoorActivity
from domain.model import Role

router = APIRouter(tags=["assignments"])


@router.post(
    "/items/{item_id}/reassignment-requests",
    operation_id="reassignment-create",
    response_model=ReassignmentRead,
    status_code=201,
)
def request_reassignment(
    item_id: Id,
    data: ReassignmentCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("reassignment.request"))],
) -> ReassignmentRequest:
    """申请调整: within the window after receipt (R-AS-2), before the second assignment (R-AS-3)."""
    item = repository.visible_item(session, principal, item_id)
    return service.request_reassignment(
        session, principal, item, data, data.requested_on or today()
    )


@router.get(
    "/reassignment-requests",
    operation_id="reassignment-list",
    response_model=list[ReassignmentRead],
)
def list_reassignment_requests(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("reassignment.read"))],
    pending_only: bool = False,
) -> list[ReassignmentRequest]:
    query = (
        select(ReassignmentRequest)
        .join(Item, Item.id == ReassignmentRequest.item_id)
        .where(repository.visible(principal))
        .order_by(ReassignmentRequest.id.desc())
    )
    if principal.is_unit:
        query = query.where(ReassignmentRequest.unit_id == principal.unit_id)
    if pending_only:
        query = query.where(ReassignmentRequest.status == "pending")
    return list(session.scalars(query))


@router.post(
    "/reassignment-requests/{request_id}/decision",
    operation_id="reassignment-decide",
    response_model=ReassignmentRead,
)
def decide_reassignment(
    request_id: Id,
    data: ReassignmentDecision,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("reassignment.decide"))],
) -> ReassignmentRequest:
    row = get_or_404(session, ReassignmentRequest, request_id, "调整申请")
    repository.visible_item(session, principal, row.item_id)
    check_if_match(request, row.version)
    decided = service.decide_reassignment(session, principal, row, data)
    set_etag(response, decided.version)
    return decided


@router.put("/units/{unit_id}/key-items", operation_id="key-items-set", response_model=list[int])
def select_key_items(
    unit_id: Id,
    data: KeyItemSelection,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("key_items.write"))],
) -> list[int]:
    """重点处理: 1–2 of the unit's own main items (R-KY-1); filing date for R-DL-2."""
    return service.select_key_items(session, principal, unit_id, data)


def _breakdown_reads(session: SessionDep, rows: list[Breakdown]) -> list[BreakdownRead]:
    names = dict(
        session.execute(
            select(Proposer.id, Proposer.name).where(Proposer.id.in_([r.proposer_id for r in rows]))
        ).all()
    )
    return [
        BreakdownRead(
            id=r.id,
            proposer_id=r.proposer_id,
            proposer_name=names.get(r.proposer_id, ""),
            leader_in_charge=r.leader_in_charge,
            handling_office=r.handling_office,
            contact_person=r.contact_person,
            contact_phone=r.contact_phone,
            delivered_on=r.delivered_on,
        )
        for r in rows
    ]


@router.get(
    "/items/{item_id}/breakdowns",
    operation_id="breakdowns-list",
    response_model=list[BreakdownRead],
)
def list_breakdowns(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> list[BreakdownRead]:
    item = repository.visible_item(session, principal, item_id)
    query = (
        select(Breakdown)
        .join(Assignment, Assignment.id == Breakdown.assignment_id)
        .where(Assignment.item_id == item.id)
        .order_by(Breakdown.id)
    )
    if principal.is_unit:
        query = query.where(Assignment.unit_id == principal.unit_id)
    return _breakdown_reads(session, list(session.scalars(query)))


@router.put(
    "/items/{item_id}/breakdowns",
    operation_id="breakdowns-set",
    response_model=list[BreakdownRead],
)
def set_breakdowns(
    item_id: Id,
    data: BreakdownSet,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("breakdowns.write"))],
) -> list[BreakdownRead]:
    """办理责任分解表, one per proposer, delivered within 15 working days (R-DL-1)."""
    item = repository.visible_item(session, principal, item_id)
    return _breakdown_reads(session, service.set_breakdowns(session, principal, item, data.entries))


@router.put("/items/{item_id}/open-door", operation_id="open-door-set", response_model=OpenDoorRead)
def set_open_door(
    item_id: Id,
    data: OpenDoorBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("open_door.write"))],
) -> OpenDoorRead:
    """开门办案 record of a key item (R-KY-3); the answer lists what is still missing."""
    item = repository.visible_item(session, principal, item_id)
    missing = service.set_open_door(session, principal, item, data)
    return OpenDoorRead(**data.model_dump(), missing=missing)


@router.get("/items/{item_id}/open-door", operation_id="open-door-get", response_model=OpenDoorRead)
def get_open_door(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> OpenDoorRead:
    item = repository.visible_item(session, principal, item_id)
    assignment = (
        service.own_assignment(session, principal, item, {Role.MAIN, Role.SPLIT})
        if (principal.is_unit)
        else None
    )
    query = select(OpenDoorRecord).join(Assignment, Assignment.id == OpenDoorRecord.assignment_id)
    query = query.where(Assignment.item_id == item.id)
    if assignment is not None:
        query = query.where(OpenDoorRecord.assignment_id == assignment.id)
    row = session.scalar(query) or OpenDoorRecord()
    body = OpenDoorBody(
        written_plan=row.written_plan,
        proposers_invited=bool(row.proposers_invited),
        supervising_body_invited=bool(row.supervising_body_invited),
        activity=OpenDoorActivity(row.activity) if row.activity else None,
        held_on=row.held_on,
        written_record=row.written_record,
    )
    return OpenDoorRead(**body.model_dump(), missing=service.open_door_missing_for(item, row))
