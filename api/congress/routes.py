"""Congress sessions and proposers (deputies, members, organisations)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth.principal import Principal, allow
from api.common import Id, Page, check_if_match, get_or_404, set_etag
from api.congress.schemas import (
    ProposerCreate,
    ProposerRead,
    ProposerUpdate,
    SessionCreate,
    SessionRead,
)
from api.db import SessionDep
from api.errors import ApiError
from api.models import CongressSession, Proposer
from api.stamp import StampedCache
from domain.model import ProposerKind, SessionRef
from domain.replies import session_name

router = APIRouter(tags=["congress"])


def session_ref(row: CongressSession) -> SessionRef:
    return SessionRef(row.kind, row.level, row.body_name, row.term, row.meeting)


_reads: StampedCache[SessionRead] = StampedCache(size=64)


def session_of(session: Session, session_id: int) -> SessionRead:
    """A congress session as read, kept while the data stamp holds (every item shows one)."""

    def read() -> SessionRead:
        row = session.get(CongressSession, session_id)
        if row is None:
            raise ApiError(404, "会议不存在")
        return session_read(row)

    return _reads.get(session, session_id, read)


def session_read(row: CongressSession) -> SessionRead:
    return SessionRead(
        id=row.id,
        kind=row.kind,
        level=row.level,
        body_name=row.body_name,
        term=row.term,
        meeting=row.meeting,
        year=row.year,
        name=session_name(session_ref(row)),
    )


@router.get("/sessions", operation_id="sessions-list", response_model=list[SessionRead])
def list_sessions(
    session: SessionDep, _: Annotated[Principal, Depends(allow("sessions.read"))]
) -> list[SessionRead]:
    rows = session.scalars(select(CongressSession).order_by(CongressSession.year.desc()))
    return [session_read(r) for r in rows]


@router.post(
    "/sessions", operation_id="sessions-create", response_model=SessionRead, status_code=201
)
def create_session(
    data: SessionCreate,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("sessions.write"))],
) -> SessionRead:
    exists = session.scalar(
        select(CongressSession.id).filter_by(
            kind=data.kind,
            level=data.level,
            body_name=data.body_name,
            term=data.term,
            meeting=data.meeting,
        )
    )
    if exists is not None:
        raise ApiError(409, "该会议已存在", field="meeting")
    row = CongressSession(**data.model_dump())
    session.add(row)
    session.flush()
    return session_read(row)


@router.get("/proposers", operation_id="proposers-list", response_model=Page[ProposerRead])
def list_proposers(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("proposers.read"))],
    q: Annotated[str | None, Query(max_length=50, description="按姓名/名称搜索")] = None,
    kind: ProposerKind | None = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[ProposerRead]:
    query = select(Proposer)
    if q:
        query = query.where(Proposer.name.contains(q))
    if kind:
        query = query.where(Proposer.kind == kind)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(Proposer.name).offset((page - 1) * page_size).limit(page_size)
    )
    return Page(
        items=[ProposerRead.model_validate(r) for r in rows],
        total=total,
        page=page,
        page_size=page_size,
    )


@router.post(
    "/proposers", operation_id="proposers-create", response_model=ProposerRead, status_code=201
)
def create_proposer(
    data: ProposerCreate,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("proposers.write"))],
) -> Proposer:
    row = Proposer(**data.model_dump())
    session.add(row)
    session.flush()
    return row


@router.patch(
    "/proposers/{proposer_id}", operation_id="proposers-update", response_model=ProposerRead
)
def update_proposer(
    proposer_id: Id,
    data: ProposerUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("proposers.write"))],
) -> Proposer:
    row = get_or_404(session, Proposer, proposer_id, "提出人")
    check_if_match(request, row.version)
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(row, key, value)
    session.flush()
    set_etag(response, row.version)
    return row
