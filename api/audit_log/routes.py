"""The audit log, read-only: there is deliberately no endpoint that edits or deletes it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from api.auth.principal import Principal, allow
from api.common import Page
from api.db import SessionDep
from api.models import AuditEntry

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor_user_id: int | None
    actor_api_key_id: int | None
    actor_name: str | None
    source_ip: str | None
    action: str
    entity: str
    entity_id: str | None
    item_id: int | None
    changes: dict[str, Any]
    outcome: str


@router.get("", operation_id="audit-list", response_model=Page[AuditRead])
def list_audit(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("audit.read"))],
    entity: str | None = None,
    action: str | None = None,
    item_id: int | None = None,
    actor_user_id: int | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Page[AuditRead]:
    query = select(AuditEntry)
    for column, value in (
        (AuditEntry.entity, entity),
        (AuditEntry.action, action),
        (AuditEntry.item_id, item_id),
        (AuditEntry.actor_user_id, actor_user_id),
    ):
        if value is not None:
            query = query.where(column == value)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(AuditEntry.id.desc()).offset((page - 1) * page_size).limit(page_size)
    )
    return Page(
        items=[AuditRead.model_validate(r) for r in rows],
        total=total,
        page=page,
        page_size=page_size,
    )
