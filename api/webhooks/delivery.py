"""Delivering webhooks: signed POSTs with exponential back-off and a dead letter after N tries.

A delivery is claimed with a short lease (``locked_until``) before it is sent, so a worker
killed mid-delivery leaves it to be sent again once the lease runs out: at-least-once, and
receivers dedupe by the event id.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import httpx
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from api.models.base import utcnow
from api.models.webhooks import DeliveryStatus, Event, WebhookDelivery, WebhookSubscription

MAX_ATTEMPTS = 8
BASE_DELAY = 10.0  # seconds; doubles every attempt, capped at an hour
LEASE = timedelta(seconds=60)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` HMAC of ``timestamp.body``; receivers refuse stale timestamps."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BASE_DELAY * 2 ** (attempts - 1), 3600.0))


def claim(session: Session, now: datetime, limit: int, lease: timedelta = LEASE) -> list[int]:
    """Takes up to ``limit`` due deliveries for this worker (SKIP LOCKED on PostgreSQL)."""
    query = (
        select(WebhookDelivery)
        .where(
            WebhookDelivery.status == DeliveryStatus.PENDING,
            WebhookDelivery.next_attempt_at <= now,
            or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.scalars(query))
    for row in rows:
        row.locked_until = now + lease
    session.commit()
    return [row.id for row in rows]


def _send(client: httpx.Client, subscription: WebhookSubscription, event: Event) -> int:
    body = json.dumps(
        {
            "id": event.id,
            "type": event.event_type,
            "created_at": event.created_at.isoformat(),
            "data": event.payload,
        },
        ensure_ascii=False,
    ).encode()
    timestamp = str(int(time.time()))
    response = client.post(
        subscription.url,
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Banli-Event": event.event_type,
            "X-Banli-Event-Id": event.id,
            "X-Banli-Timestamp": timestamp,
            "X-Banli-Signature": signature(subscription.secret, timestamp, body),
        },
    )
    return response.status_code


def deliver(
    session: Session, delivery_id: int, client: httpx.Client, clock: Callable[[], datetime] = utcnow
) -> DeliveryStatus:
    """One attempt; records the outcome and schedules the next try or the dead letter."""
    delivery = session.get(WebhookDelivery, delivery_id)
    assert delivery is not None
    subscription = session.get(WebhookSubscription, delivery.subscription_id)
    event = session.get(Event, delivery.event_id)
    assert subscription is not None and event is not None
    delivery.attempts += 1
    try:
        code: int | None = _send(client, subscription, event)
        error = None if code is not None and 200 <= code < 300 else f"HTTP {code}"
    except httpx.HTTPError as exc:
        code, error = None, f"{type(exc).__name__}: {exc}"[:500]
    delivery.last_status_code, delivery.last_error, delivery.locked_until = code, error, None
    if error is None:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, clock()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.DEAD
    else:
        delivery.next_attempt_at = clock() + backoff(delivery.attempts)
    session.commit()
    return delivery.status


def run_once(
    sessions: Callable[[], Session],
    client: httpx.Client,
    limit: int = 50,
    lease: timedelta = LEASE,
) -> int:
    """Claims and delivers what is due now; returns how many attempts were made."""
    with sessions() as session:
        claimed = claim(session, utcnow(), limit, lease)
    for delivery_id in claimed:
        with sessions() as session:
            deliver(session, delivery_id, client)
    return len(claimed)
