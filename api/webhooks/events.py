"""Emitting events: an ``Event`` row plus one delivery per matching subscription, added to the
caller's session so they commit (or roll back) with the change itself (outbox pattern)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models.base import utcnow
from api.models.webhooks import DeliveryStatus, Event, WebhookDelivery, WebhookSubscription

EVENT_TYPES = {
    "item.assigned": "交办",
    "item.reassignment_requested": "申请调整",
    "deadline.due_soon": "期限临近",
    "deadline.overdue": "逾期",
    "reply.submitted": "答复已签发待审核",
    "reply.returned": "答复退回修改",
    "reply.approved": "答复审核通过",
    "reply.sent": "已答复",
    "reply.published": "答复已公开",
    "feedback.received": "收到征询意见表",
    "feedback.dissatisfied": "代表委员不满意",
}


def emit(
    session: Session, event_type: str, payload: dict[str, Any], *, dedupe_key: str | None = None
) -> Event | None:
    """Records the event and queues its deliveries; a repeated ``dedupe_key`` emits nothing."""
    if event_type not in EVENT_TYPES:
        raise KeyError(f"unknown event type {event_type!r}")
    if dedupe_key and session.scalar(select(Event.id).where(Event.dedupe_key == dedupe_key)):
        return None
    event = Event(
        id=str(uuid.uuid4()),
        event_type=event_type,
        dedupe_key=dedupe_key,
        payload={"type": event_type, **payload},
        created_at=utcnow(),
    )
    session.add(event)
    for subscription in session.scalars(
        select(WebhookSubscription).where(WebhookSubscription.active.is_(True))
    ):
        if event_type in subscription.event_types or "*" in subscription.event_types:
            session.add(
                WebhookDelivery(
                    event_id=event.id,
                    subscription_id=subscription.id,
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_at=utcnow(),
                )
            )
    return event


def reply_payload(session: Session, reply_id: int) -> dict[str, Any]:
    """What a reply event carries: ids, numbers, class and dates — never the letter's body."""
    from api.models import Assignment, Item, Reply

    reply = session.get(Reply, reply_id)
    assert reply is not None
    assignment = session.get(Assignment, reply.assignment_id)
    assert assignment is not None
    group = select(Item).where(Item.id == assignment.item_id)
    if reply.merge_group_id is not None:
        group = select(Item).where(Item.merge_group_id == reply.merge_group_id)
    items = list(session.scalars(group))
    return {
        "reply_id": reply.id,
        "unit_id": assignment.unit_id,
        "item_ids": [i.id for i in items],
        "numbers": [i.number for i in items],
        "kind": items[0].kind.value if items else None,
        "status": reply.status.value,
        "reply_class": reply.reply_class.value if reply.reply_class else None,
        "sent_on": reply.sent_on.isoformat() if reply.sent_on else None,
        "published_url": reply.published_url,
    }
