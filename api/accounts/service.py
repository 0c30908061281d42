"""Sign-in, users and API keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import audit
from api.accounts.schemas import ApiKeyCreate, UserCreate, UserUpdate
from api.auth import policy
from api.auth.principal import Principal
from api.auth.security import digest, hash_password, new_api_key, new_token, verify_password
from api.errors import ApiError
from api.models import ApiKey, AuthSession, Unit, User, UserRole
from api.settings import get_settings

TOKEN_LIFETIME = policy.TOKEN_LIFETIME
UNIT_ROLES = {UserRole.UNIT_HANDLER, UserRole.UNIT_LEADER}
ADMIN_ROLES = policy.ADMIN_ROLES


def sign_in(
    session: Session, username: str, password: str, ip: str | None, totp: str | None = None
) -> tuple[str, int, policy.Pending | None]:
    """A short-lived bearer token and the step owed before anything else (an expired
    password, an administrator's unbound TOTP). Every attempt is audited; repeated failures
    lock the account (等保: 登录失败处理)."""
    settings = get_settings()
    policy.throttle.hit(ip or "unknown")
    now = datetime.now(UTC)
    user = session.scalar(select(User).where(User.username == username))
    actor = {"user_id": user.id if user else None, "name": username, "ip": ip}

    def refuse(
        status: int, detail: str, field: str, reason: str, outcome: str = "failure"
    ) -> ApiError:
        audit.record(
            session,
            "sign_in",
            "users",
            str(user.id) if user else None,
            outcome=outcome,
            actor=actor,
            changes={"reason": reason},
        )
        session.commit()
        return ApiError(status, detail, field=field)

    if user is not None and policy.is_locked(user.locked_until, now):
        raise refuse(423, "账户因多次登录失败已锁定，请稍后再试", "username", "账户已锁定")
    if user is None or not user.active or not verify_password(user.password_hash, password):
        if user is not None:
            user.failed_logins += 1
            if user.failed_logins >= settings.max_failed_logins:
                user.locked_until = now + timedelta(minutes=settings.lockout_minutes)
                user.failed_logins = 0
        raise refuse(401, "用户名或密码错误", "password", "凭据错误")
    if user.totp_enabled and not (totp or "").strip():  # right password; the code is asked
        raise refuse(401, "请输入动态口令", "totp", "需要动态口令", outcome="challenge")
    if user.totp_enabled and not policy.totp_ok(user.totp_secret or "", totp):
        raise refuse(401, "动态口令错误", "totp", "动态口令错误")
    user.failed_logins, user.locked_until = 0, None
    token = new_token()
    session.add(
        AuthSession(
            token_hash=digest(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + TOKEN_LIFETIME,
        )
    )
    audit.record(session, "sign_in", "users", str(user.id), actor=actor)
    pending = policy.pending_step(
        user.role, user.totp_enabled, user.password_changed_at, now, settings
    )
    return token, int(TOKEN_LIFETIME.total_seconds()), pending


def change_password(session: Session, user: User, old: str, new: str) -> None:
    if not verify_password(user.password_hash, old):
        raise ApiError(422, "原密码不正确", field="old_password")
    policy.check_password(new, user.username)
    if verify_password(user.password_hash, new):
        raise ApiError(422, "新密码不能与原密码相同", field="new_password")
    user.password_hash = hash_password(new)
    user.password_changed_at = datetime.now(UTC)


def sign_out(session: Session, token: str) -> None:
    found = session.scalar(select(AuthSession).where(AuthSession.token_hash == digest(token)))
    if found is not None:
        found.revoked = True


def _check_unit(session: Session, role: UserRole, unit_id: int | None) -> None:
    if role in UNIT_ROLES and unit_id is None:
        raise ApiError(422, "承办单位用户须指定所属单位", field="unit_id")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise ApiError(422, "所属单位不存在", field="unit_id")


def create_user(session: Session, data: UserCreate, by: Principal | None = None) -> User:
    """A new account; from the API, admin roles and secret clearance only by the security
    administrator (三员分立). ``by`` is None for the first admin made on the command line."""
    if (
        by is not None
        and by.role is not UserRole.SECURITY_ADMIN
        and (data.role in ADMIN_ROLES or data.secret_clearance)
    ):
        raise ApiError(403, "管理员角色和涉密授权须由安全管理员授予", field="role")
    policy.check_password(data.password, data.username)
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
        # an initial password set by an administrator is changed at first sign-in; the first
        # administrator, made on the command line, chose their own
        password_changed_at=datetime.now(UTC) if by is None else None,
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
        policy.check_password(password, user.username)
        user.password_hash = hash_password(password)
        user.password_changed_at = None  # a reset password must be changed at next sign-in
    return user


def grant(session: Session, user: User, role: UserRole, cleared: bool, by: Principal) -> User:
    """The security administrator sets a role and a clearance, never his own."""
    if user.id == by.user_id:
        raise ApiError(403, "不能修改自己的角色或涉密授权", field="role")
    _check_unit(session, role, user.unit_id)
    user.role, user.secret_clearance = role, cleared
    return user


def create_api_key(session: Session, data: ApiKeyCreate, creator: Principal) -> tuple[ApiKey, str]:
    """A key for a system: never an administrator's role (三员分立 are people), and secret
    clearance only from the security administrator, as for accounts."""
    if data.role in ADMIN_ROLES:
        raise ApiError(403, "API 密钥不能授予管理员角色", field="role")
    if data.secret_clearance and creator.role is not UserRole.SECURITY_ADMIN:
        raise ApiError(403, "涉密授权须由安全管理员授予", field="secret_clearance")
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
