"""Identity controls of GB/T 22239-2019 level 3 (等保三级): password complexity and expiry,
lock-out after repeated failures, login throttling per source address, TOTP second factor."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from datetime import datetime, timedelta
from typing import Literal

import pyotp

from api.errors import ApiError
from api.models import UserRole
from api.settings import Settings

THROTTLE_WINDOW = 60.0  # seconds
THROTTLE_LIMIT = 20  # sign-in attempts per address per window
PASSWORD_MIN_LENGTH = 10
PASSWORD_KINDS = 3  # of upper case, lower case, digits, symbols
TOKEN_LIFETIME = timedelta(hours=2)


def password_problems(password: str, username: str) -> list[str]:
    """At least 10 characters of three kinds (upper, lower, digit, symbol), not the username."""
    problems = []
    if len(password) < PASSWORD_MIN_LENGTH:
        problems.append(f"密码至少{PASSWORD_MIN_LENGTH}位")
    kinds = sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < PASSWORD_KINDS:
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


Pending = Literal["totp", "password"]
ADMIN_ROLES = frozenset({UserRole.OFFICE_ADMIN, UserRole.SECURITY_ADMIN, UserRole.AUDIT_ADMIN})
PENDING_DETAIL: dict[Pending, str] = {
    "totp": "管理员须先绑定动态口令，才能进行其他操作",
    "password": "密码已过期或由管理员重置，请先修改密码",
}


def pending_step(
    role: UserRole,
    totp_enabled: bool,
    password_changed_at: datetime | None,
    now: datetime,
    settings: Settings,
) -> Pending | None:
    """What a signed-in user must do before anything else (等保: 身份鉴别): an administrator
    binds a TOTP authenticator when required; anyone changes an expired or reset password."""
    if settings.admin_totp_required and role in ADMIN_ROLES and not totp_enabled:
        return "totp"
    if is_expired(password_changed_at, now, settings.password_max_age_days):
        return "password"
    return None


def totp_ok(secret: str, code: str | None) -> bool:
    """A 6-digit code of the current 30-second step, one step of clock drift allowed."""
    try:
        return bool(code) and pyotp.TOTP(secret).verify(str(code).strip(), valid_window=1)
    except ValueError:  # a stored secret pyotp no longer accepts (too short): not a match
        return False


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
