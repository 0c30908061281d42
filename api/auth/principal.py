"""Who is asking: a signed-in user (bearer token) or a system (``X-API-Key``).

The principal is also put on the database session (``session.info["actor"]``) so that the
audit hook records who made each change and from where.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fnmatch import fnmatch
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select

from api.auth import policy
from api.auth.permissions import PERMISSIONS
from api.auth.security import digest
from api.db import SessionDep
from api.errors import ApiError
from api.models import ApiKey, AuthSession, User, UserRole
from api.settings import get_settings

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


@dataclass(frozen=True, slots=True)
class Principal:
    name: str
    role: UserRole
    unit_id: int | None
    cleared: bool  # may see items touching state secrets (R-RP-2)
    user_id: int | None = None
    api_key_id: int | None = None
    scopes: tuple[str, ...] | None = None  # API keys only
    pending: policy.Pending | None = (
        None  # a step before any other action (``policy.pending_step``)
    )

    @property
    def is_office(self) -> bool:
        return self.role in (UserRole.OFFICE_ADMIN, UserRole.OFFICE_STAFF)

    @property
    def is_unit(self) -> bool:
        return self.role in (UserRole.UNIT_HANDLER, UserRole.UNIT_LEADER)

    def may(self, action: str) -> bool:
        if self.pending is not None and action not in SELF_SERVICE:
            return False
        if self.role not in PERMISSIONS[action]:
            return False
        return self.scopes is None or any(fnmatch(action, s) for s in self.scopes)


SELF_SERVICE = frozenset({"me.read"})  # own account, password and TOTP: open to a pending user
UNAUTHENTICATED = ApiError(401, "请先登录", headers={"WWW-Authenticate": "Bearer"})


def _from_token(session: SessionDep, token: str) -> Principal:
    now = datetime.now(UTC)
    row = session.execute(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == digest(token))
    ).first()
    if row is None:
        raise UNAUTHENTICATED
    auth, user = row
    expires = auth.expires_at if auth.expires_at.tzinfo else auth.expires_at.replace(tzinfo=UTC)
    settings = get_settings()
    if auth.revoked or expires <= now or not user.active:
        raise ApiError(401, "登录已失效，请重新登录", headers={"WWW-Authenticate": "Bearer"})
    seen = auth.last_seen_at or auth.created_at
    seen = seen if seen.tzinfo else seen.replace(tzinfo=UTC)
    if now - seen > timedelta(minutes=settings.idle_timeout_minutes):
        auth.revoked = True
        session.commit()
        raise ApiError(401, "长时间未操作，请重新登录", headers={"WWW-Authenticate": "Bearer"})
    if now - seen > timedelta(seconds=60):
        auth.last_seen_at = now
    pending = policy.pending_step(
        user.role, user.totp_enabled, user.password_changed_at, now, settings
    )
    return Principal(
        user.display_name,
        user.role,
        user.unit_id,
        user.secret_clearance,
        user_id=user.id,
        pending=pending,
    )


def _from_api_key(session: SessionDep, key: str) -> Principal:
    api_key = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest(key)))
    if api_key is None or api_key.revoked_at is not None:
        raise ApiError(401, "API 密钥无效或已吊销")
    api_key.last_used_at = datetime.now(UTC)
    return Principal(
        f"API密钥:{api_key.name}",
        api_key.role,
        api_key.unit_id,
        api_key.secret_clearance,
        api_key_id=api_key.id,
        scopes=tuple(api_key.scopes),
    )


def current_principal(
    request: Request,
    session: SessionDep,
    token: Annotated[str | None, Depends(oauth2)],
) -> Principal:
    api_key = request.headers.get("x-api-key")
    if api_key:
        principal = _from_api_key(session, api_key)
    elif token:
        principal = _from_token(session, token)
    else:
        raise UNAUTHENTICATED
    session.info["actor"] = {
        "user_id": principal.user_id,
        "api_key_id": principal.api_key_id,
        "name": principal.name,
        "ip": request.client.host if request.client else None,
        "request_id": request.headers.get("x-request-id"),
    }
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def allow(action: str) -> Callable[[Principal], Principal]:
    """A dependency that admits principals whose role (and key scopes) permit ``action``."""
    if action not in PERMISSIONS:
        raise KeyError(f"unknown action {action!r}: add it to api/auth/permissions.py")

    def check(principal: PrincipalDep) -> Principal:
        if not principal.may(action):
            if principal.pending is not None:
                detail = policy.PENDING_DETAIL[principal.pending]
                raise ApiError(403, detail, field=principal.pending)
            raise ApiError(403, f"当前角色（{principal.role.label}）无权执行此操作")
        return principal

    check.action = action  # type: ignore[attr-defined]
    return check
