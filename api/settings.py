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
    cors_origins: list[str] = Field(default_factory=list, description="允许跨域的来源，默认不允许")
    spa_dir: Path = ROOT / "frontend" / "dist"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
