"""What units do with their assignments: ask for re-assignment, pick key items, break down
responsibility, handle key items open door. Every rule is asked of ``domain/``."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assignments.schemas import (
    BreakdownEntry,
    KeyItemSelection,
    OpenDoorBody,
    ReassignmentCreate,
    ReassignmentDecision,
)
from api.auth.principal import Principal
from api.calendar.service import current_calendar
from api.errors import ApiError
from api.items import deadlines as item_deadlines
from api.items import repository
from api.items.schemas import UnitRole
from api.items.service import set_assignments
from api.models import (
    Assignment,
    Breakdown,
    Item,
    OpenDoorRecord,
    ReassignmentRequest,
    RequestStatus,
)
from api.organisation.service import deadline_settings
from api.webhooks.events import emit
from domain.deadlines import check_reassignment_request
from domain.keyitems import OpenDoorActivity, open_door_missing, validate_key_items
from domain.keyitems import OpenDoorRecord as OpenDoorFacts
from domain.model import Role


def own_assignment(
    session: Session, principal: Principal, item: Item, roles: set[Role] | None = None
) -> Assignment:
    """The principal's unit's assignment on the item; refused if it has none in these roles."""
    assignment = session.scalar(
        select(Assignment).where(
            Assignment.item_id == item.id, Assignment.unit_id == principal.unit_id
        )
    )
    if assignment is None or (roles is not None and assignment.role not in roles):
        wanted = "、".join(r.label for r in roles) if roles else "承办"
        raise ApiError(403, f"本单位不是该件的{wanted}单位")
    return assignment


def request_reassignment(
    session: Session, principal: Principal, item: Item, data: ReassignmentCreate, on: date
) -> ReassignmentRequest:
    """申请调整 within the window (R-AS-2), before the second assignment (R-AS-3)."""
    assignment = own_assignment(session, principal, item)
    pending = session.scalar(
        select(ReassignmentRequest.id).filter_by(
            item_id=item.id, unit_id=assignment.unit_id, status=RequestStatus.PENDING
        )
    )
    if pending is not None:
        raise ApiError(409, "本单位对该件已有待处理的调整申请", field="reason", rule_id="R-AS-2")
    dates = item_deadlines.assignment_dates(session, assignment, item)
    check_reassignment_request(
        current_calendar(session), dates, on=on, settings=deadline_settings(session)
    )
    request = ReassignmentRequest(
        item_id=item.id,
        unit_id=assignment.unit_id,
        requested_on=on,
        reason=data.reason,
        suggested_unit=data.suggested_unit,
        status=RequestStatus.PENDING,
    )
    session.add(request)
    session.flush()
    emit(
        session,
        "item.reassignment_requested",
        {
            "item_id": item.id,
            "request_id": request.id,
            "unit_id": request.unit_id,
            "requested_on": on.isoformat(),
        },
    )
    return request


def decide_reassignment(
    session: Session,
    principal: Principal,
    request: ReassignmentRequest,
    data: ReassignmentDecision,
) -> ReassignmentRequest:
    """The office accepts (and re-assigns the item) or refuses (R-AS-2)."""
    if request.status is not RequestStatus.PENDING:
        raise ApiError(409, "该申请已处理", rule_id="R-AS-2")
    if data.accepted:
        current = session.scalars(select(Assignment).where(Assignment.item_id == request.item_id))
        units = [
            UnitRole(unit_id=a.unit_id, role=a.role)
            for a in current
            if a.unit_id != request.unit_id
        ]
        leaving = session.scalar(
            select(Assignment).filter_by(item_id=request.item_id, unit_id=request.unit_id)
        )
        if data.new_unit_id is not None and leaving is not None:
            units.append(UnitRole(unit_id=data.new_unit_id, role=leaving.role))
        item = session.get(Item, request.item_id)
        assert item is not None
        set_assignments(session, item, units)
    request.status = RequestStatus.ACCEPTED if data.accepted else RequestStatus.REFUSED
    request.decided_by = principal.user_id
    request.decided_at = datetime.now(UTC)
    request.decision_note = data.note
    session.flush()
    return request


def select_key_items(
    session: Session, principal: Principal, unit_id: int, data: KeyItemSelection
) -> list[int]:
    """R-KY-1: 1–2 key items from the unit's own main items of the year."""
    if principal.unit_id != unit_id:
        raise ApiError(403, "只能选择本单位的重点处理件")
    mains = repository.main_item_ids(session, unit_id, data.year)
    validate_key_items(unit_id, data.item_ids, mains)
    for assignment in session.scalars(
        select(Assignment).where(Assignment.unit_id == unit_id, Assignment.item_id.in_(mains))
    ):
        chosen = assignment.item_id in data.item_ids
        assignment.key_item = chosen
        assignment.key_registration_filed = data.registration_filed_on if chosen else None
    session.flush()
    for item in session.scalars(select(Item).where(Item.id.in_(mains))):
        item_deadlines.refresh(session, item)
    return sorted(data.item_ids)


def set_breakdowns(
    session: Session, principal: Principal, item: Item, entries: list[BreakdownEntry]
) -> list[Breakdown]:
    """Attachment 1 per proposer; R-DL-1 is met when every proposer has had it delivered."""
    assignment = own_assignment(session, principal, item, {Role.MAIN, Role.SPLIT})
    proposer_ids = {link.proposer_id for link in item.proposer_links}
    strangers = [e.proposer_id for e in entries if e.proposer_id not in proposer_ids]
    if strangers:
        raise ApiError(422, f"不是该件的提出人：{strangers}", field="entries")
    existing = {
        b.proposer_id: b
        for b in session.scalars(select(Breakdown).where(Breakdown.assignment_id == assignment.id))
    }
    for entry in entries:
        row = existing.get(entry.proposer_id)
        if row is None:
            row = Breakdown(assignment_id=assignment.id, **entry.model_dump())
            session.add(row)
            existing[entry.proposer_id] = row
        else:
            for key, value in entry.model_dump().items():
                setattr(row, key, value)
    delivered = [existing[p].delivered_on for p in proposer_ids if p in existing]
    complete = len(delivered) == len(proposer_ids) and all(delivered)
    assignment.breakdown_delivered = max(d for d in delivered if d) if complete else None
    session.flush()
    item_deadlines.refresh(session, item)
    return [existing[p] for p in sorted(existing)]


def set_open_door(
    session: Session, principal: Principal, item: Item, data: OpenDoorBody
) -> list[str]:
    """R-KY-3: the record of open-door handling; answers what is still missing."""
    assignment = own_assignment(session, principal, item, {Role.MAIN, Role.SPLIT})
    if not (assignment.key_item or item.leader_supervised):
        raise ApiError(422, "只有重点处理件或领导领衔督办件需要开门办案", rule_id="R-KY-3")
    row = session.scalar(select(OpenDoorRecord).filter_by(assignment_id=assignment.id))
    if row is None:
        row = OpenDoorRecord(assignment_id=assignment.id)
        session.add(row)
    for key, value in data.model_dump().items():
        setattr(row, key, value.value if hasattr(value, "value") else value)
    session.flush()
    return open_door_missing_for(item, row)


def open_door_missing_for(item: Item, row: OpenDoorRecord) -> list[str]:
    return open_door_missing(_open_door_facts(item, row))


def _open_door_facts(item: Item, row: OpenDoorRecord) -> OpenDoorFacts:
    return OpenDoorFacts(
        kind=item.kind,
        written_plan=bool(row.written_plan),
        proposers_invited=row.proposers_invited,
        supervising_body_invited=row.supervising_body_invited,
        activity=OpenDoorActivity(row.activity) if row.activity else None,
        held_on=row.held_on,
        written_record=bool(row.written_record),
    )
