"""``banli worker``: one process that delivers webhooks and, hourly, emits deadline events."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy.orm import Session

from api.clock import today
from api.settings import get_settings
from api.webhooks import deadlines
from api.webhooks.delivery import run_once

SCAN_EVERY = 3600.0


def serve(sessions: Callable[[], Session], *, once: bool = False, poll: float = 1.0) -> None:
    """Loops until killed; a database that restarts only costs a retry (pool pre-ping)."""
    last_scan = 0.0
    lease = timedelta(seconds=get_settings().webhook_lease_seconds)
    with httpx.Client(timeout=10.0) as client:
        while True:
            made = 0
            try:
                if time.monotonic() - last_scan >= SCAN_EVERY or once:
                    with sessions() as session:
                        deadlines.scan(session, today())
                    last_scan = time.monotonic()
                made = run_once(sessions, client, lease=lease)
            except Exception as exc:  # keep going: the next round retries
                print(f"worker: {type(exc).__name__}: {exc}", flush=True)
            if once:
                return
            if not made:
                time.sleep(poll)
