"""Accounts: users with roles, their sign-in sessions, and API keys for systems."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, Versioned, enum_type
from api.models.crypto import EncryptedText


class UserRole(StrEnum):
    OFFICE_ADMIN = "office_admin"  # 办公室管理员
    OFFICE_STAFF = "office_staff"  # 办公室工作人员
    UNIT_HANDLER = "unit_handler"  # 承办单位经办人
    UNIT_LEADER = "unit_leader"  # 承办单位分管领导（签发）
    NPC_LIAISON = "npc_liaison"  # 人大联络员（选任工委）
    CPPCC_LIAISON = "cppcc_liaison"  # 政协联络员（提案委）
    AUDITOR = "auditor"  # 审计查阅（只读）
    SECURITY_ADMIN = "security_admin"  # 安全管理员：角色、涉密授权（三员分立）
    AUDIT_ADMIN = "audit_admin"  # 审计管理员：审计日志（三员分立）

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    UserRole.OFFICE_ADMIN: "办公室管理员",
    UserRole.OFFICE_STAFF: "办公室工作人员",
    UserRole.UNIT_HANDLER: "承办单位经办人",
    UserRole.UNIT_LEADER: "承办单位分管领导",
    UserRole.NPC_LIAISON: "人大联络员",
    UserRole.CPPCC_LIAISON: "政协联络员",
    UserRole.AUDITOR: "审计员",
    UserRole.SECURITY_ADMIN: "安全管理员",
    UserRole.AUDIT_ADMIN: "审计管理员",
}


class User(Timestamped, Versioned, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(enum_type(UserRole))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    secret_clearance: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText)
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False)


class AuthSession(Base):
    """A bearer token's server side: only its SHA-256 is stored, so a leak of the table is inert."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]  # idle timeout (等保 会话超时)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ApiKey(Timestamped, Base):
    """A key for a system (the county OA, a script): acts with a role, limited to its scopes."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[UserRole] = mapped_column(enum_type(UserRole))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret_clearance: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
