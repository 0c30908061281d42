"""Sign-in, users and API keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import audit
from api.accounts.schemas import ApiKeyCreate, UserCreate, UserUpdate
from api.auth.principal import Principal
from api.auth.security import digest, hash_password, new_api_key, new_token, verify_password
from api.errors import ApiError
from api.models import ApiKey, AuthSession, Unit, User, UserRole

TOKEN_LIFETIME = timedelta(hours=2)
UNIT_ROLES = {UserRole.UNIT_HANDLER, UserRole.UNIT_LEADER}


def sign_in(session: Session, username: str, password: str, ip: str | None) -> tuple[str, int]:
    """A short-lived bearer token; every attempt is audited, success or failure."""
    user = session.scalar(select(User).where(User.username == username))
    actor = {"user_id": user.id if user else None, "name": username, "ip": ip}
    if user is None or not user.active or not verify_password(user.password_hash, password):
        audit.record(session, "sign_in", "users", None, outcome="failure", actor=actor)
        session.commit()
        raise ApiError(401, "用户名或密码错误", field="password")
    token = new_token()
    now = datetime.now(UTC)
    session.add(
        AuthSession(
            token_hash=digest(token),
            user_id=user.id,
            created_at=now,
            expires_at=now + TOKEN_LIFETIME,
        )
    )
    audit.record(session, "sign_in", "users", str(user.id), actor=actor)
    return token, int(TOKEN_LIFETIME.total_seconds())


def sign_out(session: Session, token: str) -> None:
    found = session.scalar(select(AuthSession).where(AuthSession.token_hash == digest(token)))
    if found is not None:
        found.revoked = True


def _check_unit(session: Session, role: UserRole, unit_id: int | None) -> None:
    if role in UNIT_ROLES and unit_id is None:
        raise ApiError(422, "承办单位用户须指定所属单位", field="unit_id")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise ApiError(422, "所属单位不存在", field="unit_id")


def create_user(session: Session, data: UserCreate) -> User:
    _check_unit(session, data.role, data.unit_id)
    if session.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise ApiError(409, f"用户名“{data.username}”已存在", field="username")
    user = User(
        username=data.username,
        display_name=data.display_name,
        password_hash=hash_password(data.password),
        role=data.role,
        unit_id=data.unit_id,
        secret_clearance=data.secret_clearance,
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, user: User, data: UserUpdate) -> User:
    fields = data.model_dump(exclude_unset=True)
    password = fields.pop("password", None)
    for key, value in fields.items():
        setattr(user, key, value)
    _check_unit(session, user.role, user.unit_id)
    if password:
        user.password_hash = hash_password(password)
    return user


def create_api_key(session: Session, data: ApiKeyCreate, creator: Principal) -> tuple[ApiKey, str]:
    _check_unit(session, data.role, data.unit_id)
    key, prefix = new_api_key()
    api_key = ApiKey(
        name=data.name,
        prefix=prefix,
        key_hash=digest(key),
        role=data.role,
        unit_id=data.unit_id,
        scopes=data.scopes,
        secret_clearance=data.secret_clearance,
        created_by=creator.user_id,
    )
    session.add(api_key)
    session.flush()
    return api_key, key
