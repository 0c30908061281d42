"""Webhook subscriptions for the county OA, their delivery log and manual redelivery."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select

from api.auth.principal import Principal, allow
from api.common import Id
from api.db import SessionDep
from api.errors import ApiError
from api.models.base import utcnow
from api.models.webhooks import DeliveryStatus, WebhookDelivery, WebhookSubscription
from api.webhooks.events import EVENT_TYPES

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
Manage = Annotated[Principal, Depends(allow("webhooks.manage"))]


class SubscriptionCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["县OA系统"])
    url: str = Field(pattern=r"^https?://", max_length=500, examples=["https://oa.example/hook"])
    event_types: list[str] = Field(min_length=1, examples=[["reply.sent", "deadline.overdue"]])

    @field_validator("event_types")
    @classmethod
    def known(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v != "*" and v not in EVENT_TYPES]
        if unknown:
            raise ValueError(f"未知事件类型：{unknown}")
        return value


class SubscriptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    url: str
    event_types: list[str]
    active: bool


class SubscriptionCreated(SubscriptionRead):
    secret: str = Field(description="签名密钥，仅此一次显示")


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    event_id: str
    subscription_id: int
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None


@router.get("/event-types", operation_id="webhooks-event-types", response_model=dict[str, str])
def event_types(_: Manage) -> dict[str, str]:
    return EVENT_TYPES


@router.post(
    "", operation_id="webhooks-create", response_model=SubscriptionCreated, status_code=201
)
def subscribe(
    data: SubscriptionCreate, session: SessionDep, principal: Manage
) -> SubscriptionCreated:
    row = WebhookSubscription(
        name=data.name,
        url=data.url,
        event_types=data.event_types,
        secret=secrets.token_urlsafe(32),
        active=True,
        created_by=principal.user_id,
    )
    session.add(row)
    session.flush()
    return SubscriptionCreated(
        **SubscriptionRead.model_validate(row).model_dump(), secret=row.secret
    )


@router.get("", operation_id="webhooks-list", response_model=list[SubscriptionRead])
def subscriptions(session: SessionDep, _: Manage) -> list[WebhookSubscription]:
    return list(session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id)))


@router.delete("/{subscription_id}", operation_id="webhooks-deactivate", status_code=204)
def deactivate(subscription_id: Id, session: SessionDep, _: Manage) -> Response:
    row = session.get(WebhookSubscription, subscription_id)
    if row is None:
        raise ApiError(404, "订阅不存在")
    row.active = False
    return Response(status_code=204)


@router.get(
    "/{subscription_id}/deliveries",
    operation_id="webhooks-deliveries",
    response_model=list[DeliveryRead],
)
def deliveries(
    subscription_id: Id, session: SessionDep, _: Manage, status: DeliveryStatus | None = None
) -> list[WebhookDelivery]:
    query = select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    return list(session.scalars(query.order_by(WebhookDelivery.id.desc()).limit(500)))


@router.post(
    "/deliveries/{delivery_id}/redeliver",
    operation_id="webhooks-redeliver",
    response_model=DeliveryRead,
)
def redeliver(delivery_id: Id, session: SessionDep, _: Manage) -> WebhookDelivery:
    """Queues a delivery again at once (a dead letter included)."""
    row = session.get(WebhookDelivery, delivery_id)
    if row is None:
        raise ApiError(404, "投递记录不存在")
    if row.status is DeliveryStatus.DEAD:
        row.attempts = 0
    row.status, row.next_attempt_at, row.locked_until = DeliveryStatus.PENDING, utcnow(), None
    session.flush()
    return row
