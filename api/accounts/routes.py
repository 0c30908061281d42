"""Sign-in (OAuth2 password flow), the current user, users and API keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import pyotp
from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select

from api.accounts import service
from api.accounts.schemas import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyRead,
    Me,
    PasswordChange,
    Token,
    TotpConfirm,
    TotpSetup,
    UserCreate,
    UserGrant,
    UserRead,
    UserUpdate,
)
from api.auth import policy
from api.auth.principal import Principal, allow, oauth2
from api.common import Id, check_if_match, get_or_404, set_etag
from api.db import SessionDep
from api.errors import ApiError
from api.models import ApiKey, Unit, User
from api.openapi import problems

router = APIRouter(tags=["accounts"])


@router.post(
    "/auth/token",
    operation_id="auth-token",
    response_model=Token,
    responses=problems(401, 423, 429),
)
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    request: Request,
    totp: Annotated[str | None, Form(description="动态口令（已绑定时必填）")] = None,
) -> Token:
    """Signs in with username and password (and a TOTP code once bound); the token lasts two
    hours and ends after idle time. Repeated failures lock the account. Until an expired
    password is changed, or a required TOTP bound, the token serves only that step."""
    ip = request.client.host if request.client else None
    access, lifetime, pending = service.sign_in(session, form.username, form.password, ip, totp)
    return Token(
        access_token=access,
        expires_in=lifetime,
        password_expired=pending == "password",
        totp_required=pending == "totp",
    )


@router.post("/auth/password", operation_id="auth-password", status_code=204)
def change_password(
    data: PasswordChange,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("me.read"))],
) -> Response:
    """Changes one's own password (complexity per 等保; not the same as before)."""
    user = _own_user(session, principal)
    service.change_password(session, user, data.old_password, data.new_password)
    return Response(status_code=204)


@router.post("/auth/totp", operation_id="auth-totp-setup", response_model=TotpSetup)
def totp_setup(
    session: SessionDep, principal: Annotated[Principal, Depends(allow("me.read"))]
) -> TotpSetup:
    """Starts binding a TOTP authenticator: a new secret, active once confirmed."""
    user = _own_user(session, principal)
    user.totp_secret, user.totp_enabled = pyotp.random_base32(), False
    uri = pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="banli")
    return TotpSetup(secret=user.totp_secret, uri=uri)


@router.post("/auth/totp/confirm", operation_id="auth-totp-confirm", status_code=204)
def totp_confirm(
    data: TotpConfirm,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("me.read"))],
) -> Response:
    user = _own_user(session, principal)
    if not user.totp_secret or not policy.totp_ok(user.totp_secret, data.code):
        raise ApiError(422, "动态口令不正确", field="code")
    user.totp_enabled = True
    return Response(status_code=204)


def _own_user(session: SessionDep, principal: Principal) -> User:
    if principal.user_id is None:
        raise ApiError(403, "API 密钥没有个人账户")
    return get_or_404(session, User, principal.user_id, "用户")


@router.post("/auth/logout", operation_id="auth-logout", status_code=204)
def logout(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("me.read"))],
    bearer: Annotated[str | None, Depends(oauth2)],
) -> Response:
    if bearer:
        service.sign_out(session, bearer)
    return Response(status_code=204)


@router.get("/auth/me", operation_id="auth-me", response_model=Me)
def me(session: SessionDep, principal: Annotated[Principal, Depends(allow("me.read"))]) -> Me:
    user = session.get(User, principal.user_id) if principal.user_id else None
    unit = session.get(Unit, principal.unit_id) if principal.unit_id else None
    return Me(
        id=principal.user_id,
        username=user.username if user else None,
        display_name=principal.name,
        role=principal.role,
        role_label=principal.role.label,
        unit_id=principal.unit_id,
        unit_name=unit.name if unit else None,
        secret_clearance=principal.cleared,
        pending=principal.pending,
    )


@router.get("/users", operation_id="users-list", response_model=list[UserRead])
def list_users(
    session: SessionDep, _: Annotated[Principal, Depends(allow("users.read"))]
) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))


@router.post("/users", operation_id="users-create", response_model=UserRead, status_code=201)
def create_user(
    data: UserCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("users.write"))],
) -> User:
    return service.create_user(session, data, principal)


@router.put("/users/{user_id}/grant", operation_id="users-grant", response_model=UserRead)
def grant(
    user_id: Id,
    data: UserGrant,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("users.grant"))],
) -> User:
    """Role and secret clearance, set by the security administrator (三员分立)."""
    user = get_or_404(session, User, user_id, "用户")
    updated = service.grant(session, user, data.role, data.secret_clearance, principal)
    session.flush()
    return updated


@router.patch("/users/{user_id}", operation_id="users-update", response_model=UserRead)
def update_user(
    user_id: Id,
    data: UserUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("users.write"))],
) -> User:
    user = get_or_404(session, User, user_id, "用户")
    check_if_match(request, user.version)
    updated = service.update_user(session, user, data)
    session.flush()
    set_etag(response, updated.version)
    return updated


@router.get("/api-keys", operation_id="api-keys-list", response_model=list[ApiKeyRead])
def list_api_keys(
    session: SessionDep, _: Annotated[Principal, Depends(allow("api_keys.manage"))]
) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


@router.post(
    "/api-keys", operation_id="api-keys-create", response_model=ApiKeyCreated, status_code=201
)
def create_api_key(
    data: ApiKeyCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("api_keys.manage"))],
) -> ApiKeyCreated:
    """Creates a key for a system; the key is shown once and stored only as a hash."""
    api_key, key = service.create_api_key(session, data, principal)
    return ApiKeyCreated(**ApiKeyRead.model_validate(api_key).model_dump(), key=key)


@router.delete("/api-keys/{key_id}", operation_id="api-keys-revoke", status_code=204)
def revoke_api_key(
    key_id: Id,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("api_keys.manage"))],
) -> Response:
    api_key = get_or_404(session, ApiKey, key_id, "API 密钥")
    api_key.revoked_at = api_key.revoked_at or datetime.now(UTC)
    return Response(status_code=204)
