from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.auth.policy import Pending
from api.common import Id
from api.models import UserRole


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="有效秒数")
    password_expired: bool = Field(default=False, description="密码已过期，须先修改密码")
    totp_required: bool = Field(default=False, description="管理员须先绑定动态口令")


class Me(BaseModel):
    id: int | None
    username: str | None
    display_name: str
    role: UserRole
    role_label: str
    unit_id: int | None
    unit_name: str | None
    secret_clearance: bool
    pending: Pending | None = Field(
        default=None, description="须先完成的步骤：绑定动态口令（totp）或修改密码（password）"
    )


class UserCreate(BaseModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    display_name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=10, max_length=128)
    role: UserRole
    unit_id: Id | None = None
    secret_clearance: bool = False


class UserUpdate(BaseModel):
    """What the system administrator changes; roles and clearances are the security
    administrator's (三员分立)."""

    display_name: str | None = Field(default=None, min_length=1, max_length=64)
    password: str | None = Field(default=None, min_length=10, max_length=128)
    unit_id: Id | None = None
    active: bool | None = None


class UserGrant(BaseModel):
    """Set by the security administrator only."""

    role: UserRole
    secret_clearance: bool = False


class PasswordChange(BaseModel):
    old_password: str = Field(min_length=1, max_length=128)
    new_password: str = Field(min_length=10, max_length=128)


class TotpSetup(BaseModel):
    secret: str
    uri: str = Field(description="otpauth:// 地址，可生成二维码供手机扫描")


class TotpConfirm(BaseModel):
    code: str = Field(pattern=r"^\d{6}$")


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    role: UserRole
    unit_id: int | None
    secret_clearance: bool
    active: bool
    version: int


class ApiKeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["县OA系统"])
    role: UserRole = UserRole.OFFICE_STAFF
    unit_id: Id | None = None
    scopes: list[str] = Field(
        default_factory=lambda: ["*"],
        description="允许的操作，可用通配符，如 items.*、replies.read",
        examples=[["items.read", "kpi.*"]],
    )
    secret_clearance: bool = False


class ApiKeyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    prefix: str
    role: UserRole
    unit_id: int | None
    scopes: list[str]
    revoked_at: datetime | None
    last_used_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="仅此一次显示，请妥善保存")
