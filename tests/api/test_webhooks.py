"""Webhooks (issue 8): events written with their change, signed deliveries, back-off, dead
letters, redelivery, deadline events once per due date, and a worker killed mid-delivery."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from api.models import DeliveryStatus, Event, WebhookDelivery
from api.models.base import utcnow
from api.webhooks import deadlines
from api.webhooks.delivery import MAX_ATTEMPTS, run_once
from tests.api.flows import V1, assigned, make_item, ok

ROOT = Path(__file__).resolve().parents[2]


class Receiver:
    """A real HTTP receiver on loopback that records what it is sent."""

    def __init__(self, fail_first: int = 0, delay_first: float = 0.0) -> None:
        self.requests: list[dict] = []
        self.fail_first, self.delay_first = fail_first, delay_first
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                count = len(outer.requests)
                outer.requests.append({"headers": dict(self.headers), "body": body})
                if count == 0 and outer.delay_first:
                    time.sleep(outer.delay_first)
                self.send_response(500 if count < outer.fail_first else 204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def make(**kw) -> Receiver:
        made.append(Receiver(**kw))
        return made[-1]

    yield make
    for r in made:
        r.close()


def subscribe(world, url: str, events=("item.assigned",)) -> dict:
    return ok(
        world.post(
            "admin",
            f"{V1}/webhooks",
            json={"name": "县OA", "url": url, "event_types": list(events)},
        ),
        201,
    )


def deliveries(app) -> list[WebhookDelivery]:
    with app.state.sessionmaker() as s:
        return list(s.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


def test_a_change_emits_a_signed_delivery(world, app, receiver):
    hook = receiver()
    sub = subscribe(world, hook.url)
    item = assigned(world, 1)
    with httpx.Client() as client:
        assert run_once(app.state.sessionmaker, client) == 1
    request = hook.requests[0]
    body, headers = request["body"], request["headers"]
    expected = hmac.new(
        sub["secret"].encode(), headers["X-Banli-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Banli-Signature"] == f"sha256={expected}"
    event = json.loads(body)
    assert event["type"] == "item.assigned" and event["data"]["item_id"] == item["id"]
    assert headers["X-Banli-Event-Id"] == event["id"]
    assert [d.status for d in deliveries(app)] == [DeliveryStatus.DELIVERED]


def test_a_refused_change_emits_nothing(world, app, receiver):
    subscribe(world, receiver().url)
    item = make_item(world, 2)
    bad = world.put(
        "staff",
        f"{V1}/items/{item['id']}/assignments",
        json={"units": [{"unit_id": world.units["transport"], "role": "split"}]},
    )
    assert bad.status_code == 422
    with app.state.sessionmaker() as s:
        assert s.scalars(select(Event)).all() == []


def test_failures_back_off_then_dead_letter_then_redeliver(world, app, receiver):
    hook = receiver(fail_first=100)
    subscribe(world, hook.url)
    assigned(world, 3)
    with httpx.Client() as client:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            assert run_once(app.state.sessionmaker, client) == 1
            row = deliveries(app)[0]
            assert row.attempts == attempt and row.last_status_code == 500
            if attempt < MAX_ATTEMPTS:
                assert row.status is DeliveryStatus.PENDING
                wait = row.next_attempt_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)
                assert wait > timedelta(seconds=9 * 2 ** (attempt - 1) - 5)  # exponential
                with app.state.sessionmaker() as s:
                    s.get(WebhookDelivery, row.id).next_attempt_at = utcnow()
                    s.commit()
        assert deliveries(app)[0].status is DeliveryStatus.DEAD
        hook.fail_first = 0
        redone = ok(world.post("admin", f"{V1}/webhooks/deliveries/{row.id}/redeliver"))
        assert redone["status"] == "pending" and redone["attempts"] == 0
        assert run_once(app.state.sessionmaker, client) == 1
    assert deliveries(app)[0].status is DeliveryStatus.DELIVERED


def test_deadline_events_once_per_due_date(world, app, receiver):
    subscribe(world, receiver().url, events=("deadline.overdue", "deadline.due_soon"))
    assigned(world, 4)  # reply due 2024-07-11, never sent
    with app.state.sessionmaker() as s:
        assert deadlines.scan(s, utcnow().date()) == 1
    with app.state.sessionmaker() as s:
        assert deadlines.scan(s, utcnow().date()) == 0
        event = s.scalars(select(Event).where(Event.event_type.like("deadline.%"))).one()
    assert event.event_type == "deadline.overdue" and event.payload["due"] == "2024-07-11"


def test_a_worker_killed_mid_delivery_delivers_after_restart(world, app, receiver, db_url):
    """kill -9 during the POST: the lease runs out and the next worker sends it again."""
    hook = receiver(delay_first=5.0)
    subscribe(world, hook.url)
    assigned(world, 5)
    env = {**os.environ, "DATABASE_URL": db_url, "BANLI_WEBHOOK_LEASE_SECONDS": "1"}
    command = [sys.executable, "-m", "api.cli", "worker"]
    first = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        for _ in range(100):
            if hook.requests:
                break
            time.sleep(0.1)
        assert hook.requests, "the worker never called the receiver"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    assert deliveries(app)[0].status is DeliveryStatus.PENDING
    second = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        for _ in range(150):
            if deliveries(app)[0].status is DeliveryStatus.DELIVERED:
                break
            time.sleep(0.1)
    finally:
        second.kill()
        second.wait(10)
    assert deliveries(app)[0].status is DeliveryStatus.DELIVERED
    ids = {r["headers"]["X-Banli-Event-Id"] for r in hook.requests}
    assert len(hook.requests) >= 2 and len(ids) == 1  # at least once, one event id
