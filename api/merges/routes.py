"""并案办理: items answered by one letter (R-MG-1..4); originals kept, undone before sending."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal, allow
from api.common import Id
from api.db import SessionDep
from api.errors import ApiError
from api.items import repository
from api.models import Assignment, Item, MergeGroup, Reply, ReplyStatus
from api.openapi import problems
from domain.merging import MergeCandidate, check_undo_merge, validate_merge
from domain.model import Role

router = APIRouter(prefix="/merges", tags=["merges"])


class MergeCreate(BaseModel):
    item_ids: list[Id] = Field(min_length=2, max_length=50)
    reason: str | None = Field(default=None, max_length=2000, examples=["内容相近，并案答复"])


class MergeRead(BaseModel):
    id: int
    item_ids: list[int]
    numbers: list[int]
    main_unit_id: int
    reason: str | None
    undone_at: datetime | None


def _group_reply_sent(session: Session, group_id: int) -> bool:
    return (
        session.scalar(
            select(Reply.id).where(
                Reply.merge_group_id == group_id, Reply.status == ReplyStatus.SENT
            )
        )
        is not None
    )


def _candidate(session: Session, item: Item) -> MergeCandidate:
    main = session.scalar(select(Assignment.unit_id).filter_by(item_id=item.id, role=Role.MAIN))
    sent = session.scalar(
        select(Reply.id)
        .join(Assignment, Assignment.id == Reply.assignment_id)
        .where(Assignment.item_id == item.id, Reply.status == ReplyStatus.SENT)
    )
    return MergeCandidate(
        item_id=item.id,
        kind=item.kind,
        level=item.level,
        session_id=item.session_id,
        number=item.number,
        main_unit_id=main,
        reply_sent=sent is not None,
        merge_group_id=item.merge_group_id,
        secret=item.secret,
    )


def _read(session: Session, group: MergeGroup) -> MergeRead:
    items = list(
        session.scalars(select(Item).where(Item.merge_group_id == group.id).order_by(Item.number))
    )
    return _of(group, items)


def _of(group: MergeGroup, items: list[Item]) -> MergeRead:
    return MergeRead(
        id=group.id,
        item_ids=[i.id for i in items],
        numbers=[i.number for i in items],
        main_unit_id=group.main_unit_id,
        reason=group.reason,
        undone_at=group.undone_at,
    )


@router.get("", operation_id="merges-list", response_model=list[MergeRead])
def list_merges(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    session_id: Id | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[MergeRead]:
    """The groups in force (not undone) whose items the caller may see, newest first."""
    query = select(Item).where(Item.merge_group_id.is_not(None), repository.visible(principal))
    if session_id is not None:
        query = query.where(Item.session_id == session_id)
    if year is not None:
        query = query.where(Item.year == year)
    members: dict[int, list[Item]] = defaultdict(list)
    for item in session.scalars(query.order_by(Item.number)):
        members[item.merge_group_id].append(item)  # type: ignore[index]
    groups = session.scalars(
        select(MergeGroup)
        .where(MergeGroup.id.in_(members), MergeGroup.undone_at.is_(None))
        .order_by(MergeGroup.id.desc())
    )
    return [_of(group, members[group.id]) for group in groups]


@router.post(
    "",
    operation_id="merges-create",
    response_model=MergeRead,
    status_code=201,
    responses=problems(404),
)
def merge(
    data: MergeCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("merges.write"))],
) -> MergeRead:
    """Links items into one group after the domain's checks (R-MG-1..4); nothing is rewritten."""
    items = [repository.visible_item(session, principal, i) for i in dict.fromkeys(data.item_ids)]
    candidates = [_candidate(session, i) for i in items]
    validate_merge(candidates)
    first = candidates[0]
    assert first.main_unit_id is not None
    group = MergeGroup(
        kind=first.kind,
        session_id=first.session_id,
        main_unit_id=first.main_unit_id,
        reason=data.reason,
        created_by=principal.user_id,
    )
    session.add(group)
    session.flush()
    for item in items:
        item.merge_group_id = group.id
    session.flush()
    return _read(session, group)


@router.get("/{group_id}", operation_id="merges-get", response_model=MergeRead)
def get_merge(
    group_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> MergeRead:
    group = session.get(MergeGroup, group_id)
    if group is None:
        raise ApiError(404, "并案组不存在")
    read = _read(session, group)
    for item_id in read.item_ids[:1]:
        repository.visible_item(session, principal, item_id)
    return read


@router.post("/{group_id}/undo", operation_id="merges-undo", response_model=MergeRead)
def undo_merge(
    group_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("merges.write"))],
) -> MergeRead:
    """Unlinks the items before their reply is sent (R-MG-4); the group stays on record."""
    group = session.get(MergeGroup, group_id)
    if group is None or group.undone_at is not None:
        raise ApiError(404, "并案组不存在或已撤销")
    check_undo_merge(reply_sent=_group_reply_sent(session, group_id))
    read = _read(session, group)
    for item in session.scalars(select(Item).where(Item.merge_group_id == group.id)):
        item.merge_group_id = None
    for reply in session.scalars(select(Reply).where(Reply.merge_group_id == group.id)):
        reply.merge_group_id = None
    group.undone_at = datetime.now(UTC)
    session.flush()
    return read.model_copy(update={"undone_at": group.undone_at})
