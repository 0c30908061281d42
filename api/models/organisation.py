"""Units (承办单位), the jurisdiction's configuration and the year plans."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, Versioned, enum_type


class UnitKind(StrEnum):
    TOWNSHIP = "township"  # 乡镇
    SUBDISTRICT = "subdistrict"  # 街道
    DEPARTMENT = "department"  # 县直部门
    OTHER = "other"  # 县对口有关单位


class Unit(Timestamped, Versioned, Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[UnitKind] = mapped_column(enum_type(UnitKind))
    issuer_code: Mapped[str | None] = mapped_column(String(16))  # 发文字号机关代字：魏交函
    leader_in_charge: Mapped[str | None] = mapped_column(String(64))  # 分管负责同志
    contact_person: Mapped[str | None] = mapped_column(String(64))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Configuration(Versioned, Base):
    """Named settings the office edits (jurisdiction, deadline settings), stored as JSON."""

    __tablename__ = "configuration"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class YearPlan(Versioned, Base):
    """The fixed dates of a year (R-DL-8 visit cards, R-DL-9 look-back and summary)."""

    __tablename__ = "year_plans"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    visit_cards_due: Mapped[date]
    lookback_due: Mapped[date]
