"""Items: list and search, create, read with deadlines, change, assign, timeline, notes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import ColumnElement, and_, false, or_, select

from api.auth.principal import Principal, allow
from api.calendar.service import current_calendar
from api.clock import today
from api.common import Id, Page, check_if_match, set_etag
from api.db import SessionDep
from api.items import repository, service
from api.items.repository import ItemFilter
from api.items.schemas import (
    AssignmentSet,
    ItemCreate,
    ItemRead,
    ItemSort,
    ItemState,
    ItemSummary,
    ItemUpdate,
    LeaderSupervision,
    NoteCreate,
    NoteRead,
    Overview,
    StateCounts,
    TimelineEntry,
    UnitOverdue,
)
from api.models import AuditEntry, ItemNote, ReplyStatus, User, UserRole
from api.models.base import utcnow
from api.organisation.service import deadline_settings
from domain.deadlines import due_soon_until
from domain.model import ItemKind, Level, ReplyClass

router = APIRouter(prefix="/items", tags=["items"])


def _as_of_bounds(session: SessionDep) -> tuple:  # type: ignore[type-arg]
    as_of = today()
    return as_of, due_soon_until(current_calendar(session), as_of, deadline_settings(session))


@router.get("", operation_id="items-list", response_model=Page[ItemSummary])
def list_items(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    unit_id: Id | None = None,
    kind: ItemKind | None = None,
    level: Level | None = None,
    session_id: Id | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    state: ItemState | None = None,
    key: bool | None = None,
    leader_supervised: bool | None = None,
    reply_class: ReplyClass | None = None,
    reply_status: ReplyStatus | None = None,
    q: Annotated[str | None, Query(max_length=100, description="标题、内容或编号")] = None,
    ids: Annotated[list[Id] | None, Query(max_length=500, description="只列这些件（id）")] = None,
    sort: ItemSort = ItemSort.NUMBER,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Page[ItemSummary]:
    """Filter by unit, kind, level, state (overdue, due soon …), key, class and text."""
    as_of, soon = _as_of_bounds(session)
    f = ItemFilter(
        unit_id,
        kind,
        level,
        session_id,
        year,
        state,
        key,
        leader_supervised,
        reply_class,
        reply_status,
        q,
        tuple(ids) if ids else None,
    )
    rows, total = repository.page(
        session, repository.filtered(principal, f, as_of, soon), sort, page, page_size
    )
    rel = repository.related(session, rows)
    return Page(
        items=[service.summary(i, rel, principal, as_of, soon) for i in rows],
        total=total,
        page=page,
        page_size=page_size,
    )


@router.post("", operation_id="items-create", response_model=ItemRead, status_code=201)
def create_item(
    data: ItemCreate,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.write"))],
) -> ItemRead:
    item = service.create_item(session, data)
    set_etag(response, item.version)
    return service.detail(session, item, principal, *_as_of_bounds(session))


@router.get("/overview", operation_id="items-overview", response_model=Overview)
def overview(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> Overview:
    """How many items are in each state and which units have overdue ones, in one request
    (the office's home page); counted as the list filters count them."""
    as_of, soon = _as_of_bounds(session)

    def counted(state: ItemState | None) -> int:
        f = ItemFilter(year=year, state=state)
        return repository.count(session, repository.filtered(principal, f, as_of, soon))

    return Overview(
        year=year,
        total=counted(None),
        by_state=StateCounts(**{state.value: counted(state) for state in ItemState}),
        overdue_by_unit=[
            UnitOverdue(unit_id=u, unit_name=name, overdue=n)
            for u, name, n in repository.overdue_by_unit(session, principal, year, as_of)
        ],
    )


@router.get("/{item_id}", operation_id="items-get", response_model=ItemRead)
def get_item(
    item_id: Id,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> ItemRead:
    """The item with its proposers, units and every deadline with its explanation (R-DL-14)."""
    item = repository.visible_item(session, principal, item_id)
    set_etag(response, item.version)
    return service.detail(session, item, principal, *_as_of_bounds(session))


@router.patch("/{item_id}", operation_id="items-update", response_model=ItemRead)
def update_item(
    item_id: Id,
    data: ItemUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.write"))],
) -> ItemRead:
    item = repository.visible_item(session, principal, item_id)
    check_if_match(request, item.version)
    service.update_item(session, item, data)
    set_etag(response, item.version)
    return service.detail(session, item, principal, *_as_of_bounds(session))


@router.put("/{item_id}/assignments", operation_id="items-assign", response_model=ItemRead)
def assign(
    item_id: Id,
    data: AssignmentSet,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("assignments.write"))],
) -> ItemRead:
    """交办: one main unit and any co-units, or several split units (R-AS-1)."""
    item = repository.visible_item(session, principal, item_id)
    check_if_match(request, item.version)
    service.set_assignments(session, item, data.units)
    item.updated_at = utcnow()  # the item's units changed: a new version for If-Match
    session.flush()
    set_etag(response, item.version)
    return service.detail(session, item, principal, *_as_of_bounds(session))


@router.put(
    "/{item_id}/leader-supervision",
    operation_id="items-leader-supervision",
    response_model=ItemRead,
)
def leader_supervision(
    item_id: Id,
    data: LeaderSupervision,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("supervision.mark"))],
) -> ItemRead:
    """R-KY-2: items chosen for county leaders to supervise (领导领衔督办)."""
    item = repository.visible_item(session, principal, item_id)
    item.leader_supervised = data.leader_supervised
    item.supervising_leader = data.supervising_leader if data.leader_supervised else None
    session.flush()
    return service.detail(session, item, principal, *_as_of_bounds(session))


@router.get(
    "/{item_id}/timeline", operation_id="items-timeline", response_model=list[TimelineEntry]
)
def timeline(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> list[TimelineEntry]:
    """Every change to the item and its records: who, when, old and new values."""
    repository.visible_item(session, principal, item_id)
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.item_id == item_id).order_by(AuditEntry.id)
    )
    return [
        TimelineEntry(
            at=e.at,
            actor=e.actor_name,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            changes=e.changes,
        )
        for e in entries
    ]


OFFICE_ROLES = (UserRole.OFFICE_ADMIN, UserRole.OFFICE_STAFF)
# Whose notes a reader shares: a liaison's own body, or else the office (the auditor reads
# the office's). A unit shares its unit's notes.
NOTE_PARTIES = {
    UserRole.NPC_LIAISON: (UserRole.NPC_LIAISON,),
    UserRole.CPPCC_LIAISON: (UserRole.CPPCC_LIAISON,),
}


def _note_scope(principal: Principal) -> ColumnElement[bool]:
    """Private notes: a unit sees its own, the office its own, a liaison its own body's."""
    if principal.is_unit:
        return ItemNote.unit_id == principal.unit_id
    roles = NOTE_PARTIES.get(principal.role, OFFICE_ROLES)
    by_party = ItemNote.author_id.in_(select(User.id).where(User.role.in_(roles)))
    by_system = ItemNote.author_id.is_(None) if roles is OFFICE_ROLES else false()
    return and_(ItemNote.unit_id.is_(None), or_(by_party, by_system))


@router.get("/{item_id}/notes", operation_id="items-notes-list", response_model=list[NoteRead])
def list_notes(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("notes.read"))],
) -> list[NoteRead]:
    """Private notes: a unit sees its own, the office its own; never public."""
    repository.visible_item(session, principal, item_id)
    rows = session.execute(
        select(ItemNote, User.display_name)
        .outerjoin(User, User.id == ItemNote.author_id)
        .where(ItemNote.item_id == item_id, _note_scope(principal))
        .order_by(ItemNote.id)
    )
    return [
        NoteRead(id=n.id, body=n.body, author=name, created_at=n.created_at) for n, name in rows
    ]


@router.post(
    "/{item_id}/notes",
    operation_id="items-notes-create",
    response_model=NoteRead,
    status_code=201,
)
def create_note(
    item_id: Id,
    data: NoteCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("notes.write"))],
) -> NoteRead:
    repository.visible_item(session, principal, item_id)
    note = ItemNote(
        item_id=item_id,
        unit_id=principal.unit_id if principal.is_unit else None,
        author_id=principal.user_id,
        body=data.body,
    )
    session.add(note)
    session.flush()
    return NoteRead(id=note.id, body=note.body, author=principal.name, created_at=note.created_at)
