"""One settings object, read from the environment (and ``.env``) once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANLI_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{ROOT / 'data' / 'banli.sqlite3'}",
        validation_alias="DATABASE_URL",
        description="SQLite file by default; postgresql+psycopg://… in production",
    )
    attachments_dir: Path = Field(default=ROOT / "data" / "attachments")
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    import_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)  # 批量导入文件上限
    webhook_lease_seconds: float = Field(default=60.0, gt=0, description="投递租约：超时后重投")
    data_key: str | None = Field(default=None, description="个人信息加密密钥（Fernet，base64）")
    idle_timeout_minutes: int = Field(default=30, ge=1, description="会话空闲超时")
    max_failed_logins: int = Field(default=5, ge=1, description="连续失败后锁定")
    lockout_minutes: int = Field(default=15, ge=1)
    password_max_age_days: int = Field(default=90, ge=1, description="密码有效期")
    admin_totp_required: bool = Field(default=True, description="管理员必须绑定动态口令")
    cors_origins: list[str] = Field(default_factory=list, description="允许跨域的来源，默认不允许")
    spa_dir: Path = ROOT / "frontend" / "dist"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
