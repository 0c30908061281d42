"""The identity controls in force (等保三级), for the security administrator to read and show.

They come from the environment (``api.settings``), so they are read-only here: a change is a
deployment decision, recorded where the deployment is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from api.auth import policy
from api.auth.principal import Principal, allow
from api.settings import get_settings

router = APIRouter(prefix="/security", tags=["security"])


class SecurityPolicy(BaseModel):
    password_min_length: int = Field(description="密码最短长度")
    password_kinds: int = Field(description="大写、小写、数字、符号中至少几类")
    password_max_age_days: int = Field(description="密码有效期（天）")
    max_failed_logins: int = Field(description="连续登录失败几次锁定")
    lockout_minutes: int = Field(description="锁定时长（分钟）")
    sign_in_attempts_per_minute: int = Field(description="每个来源地址每分钟最多登录尝试次数")
    idle_timeout_minutes: int = Field(description="会话空闲超时（分钟）")
    token_lifetime_minutes: int = Field(description="令牌有效期（分钟）")
    admin_totp_required: bool = Field(description="管理员必须使用动态口令")


@router.get("/policy", operation_id="security-policy", response_model=SecurityPolicy)
def security_policy(
    _: Annotated[Principal, Depends(allow("security.policy.read"))],
) -> SecurityPolicy:
    settings = get_settings()  # what sign-in and every request enforce
    return SecurityPolicy(
        password_min_length=policy.PASSWORD_MIN_LENGTH,
        password_kinds=policy.PASSWORD_KINDS,
        password_max_age_days=settings.password_max_age_days,
        max_failed_logins=settings.max_failed_logins,
        lockout_minutes=settings.lockout_minutes,
        sign_in_attempts_per_minute=policy.THROTTLE_LIMIT,
        idle_timeout_minutes=settings.idle_timeout_minutes,
        token_lifetime_minutes=int(policy.TOKEN_LIFETIME.total_seconds() // 60),
        admin_totp_required=settings.admin_totp_required,
    )
