"""Identity controls of GB/T 22239-2019 level 3 (等保三级): password complexity and expiry,
lock-out after repeated failures, login throttling per source address, TOTP second factor."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from datetime import datetime, timedelta

import pyotp

from api.errors import ApiError

THROTTLE_WINDOW = 60.0  # seconds
THROTTLE_LIMIT = 20  # sign-in attempts per address per window


def password_problems(password: str, username: str) -> list[str]:
    """At least 10 characters of three kinds (upper, lower, digit, symbol), not the username."""
    problems = []
    if len(password) < 10:
        problems.append("密码至少10位")
    kinds = sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 3:
        problems.append("密码须包含大写字母、小写字母、数字、符号中的至少三类")
    if username and username.lower() in password.lower():
        problems.append("密码不能包含用户名")
    return problems


def check_password(password: str, username: str) -> None:
    problems = password_problems(password, username)
    if problems:
        raise ApiError(422, "；".join(problems), field="password")


def is_expired(changed_at: datetime | None, now: datetime, max_age_days: int) -> bool:
    """Older than the maximum age, or never set by its owner (a reset password)."""
    return changed_at is None or now - _aware(changed_at, now) > timedelta(days=max_age_days)


def _aware(moment: datetime, like: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=like.tzinfo)


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and _aware(locked_until, now) > now


def totp_ok(secret: str, code: str | None) -> bool:
    """A 6-digit code of the current 30-second step, one step of clock drift allowed."""
    return bool(code) and pyotp.TOTP(secret).verify(str(code).strip(), valid_window=1)


class Throttle:
    """Sign-in attempts per source address in a sliding window (in memory, per process)."""

    def __init__(self, limit: int = THROTTLE_LIMIT, window: float = THROTTLE_WINDOW) -> None:
        self.limit, self.window = limit, window
        self._seen: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            seen = self._seen[address]
            while seen and now - seen[0] > self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                raise ApiError(
                    429,
                    "登录尝试过于频繁，请稍后再试",
                    headers={"Retry-After": str(int(self.window))},
                )
            seen.append(now)


throttle = Throttle()
