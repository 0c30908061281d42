"""The office's oversight: supervision records (R-SV-1..2), unit reports, calendar overrides,
attachments."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, Versioned, enum_type


class SupervisionKind(StrEnum):
    SPECIAL = "special"  # 专项督查
    JOINT = "joint"  # 联合督办
    LISTED = "listed"  # 挂账督办
    TALK = "talk"  # 约谈 (R-SV-2)
    CIRCULAR = "circular"  # 通报 / 通报批评 (R-SV-2)


class SupervisionMeans(StrEnum):
    ONLINE = "online"  # 网络督办
    PHONE = "phone"  # 电话督办
    MEETING = "meeting"  # 会议督办
    CIRCULAR = "circular"  # 定期通报


class SupervisionRecord(Timestamped, Versioned, Base):
    __tablename__ = "supervision_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SupervisionKind] = mapped_column(enum_type(SupervisionKind), index=True)
    means: Mapped[SupervisionMeans | None] = mapped_column(enum_type(SupervisionMeans))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[date]
    unit_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    item_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ReportKind(StrEnum):
    ANALYSIS = "analysis"  # 综合分析报告 (notice §二, before handling)
    SUMMARY = "summary"  # 年度承办工作总结 (R-DL-9)
    COUNTY_PUBLICATION = "county_publication"  # 县政府承办工作公开 (all items done)


class UnitReport(Timestamped, Versioned, Base):
    __tablename__ = "unit_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[ReportKind] = mapped_column(enum_type(ReportKind))
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    filed_on: Mapped[date | None]
    url: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)


class CalendarOverride(Timestamped, Versioned, Base):
    """A year's holiday arrangement entered by the office (R-DL-13), replacing the package's."""

    __tablename__ = "calendar_overrides"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    days_off: Mapped[dict[str, Any]] = mapped_column(JSON)  # "2025-10-01": "国庆节"
    workdays: Mapped[dict[str, Any]] = mapped_column(JSON)  # "2025-09-28": "国庆节调休上班"
    source_note: Mapped[str | None] = mapped_column(String(300))  # 国务院办公厅通知文号


class Attachment(Timestamped, Base):
    """A stored file (scanned letter, visit photo, report) attached to one record."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_type: Mapped[str] = mapped_column(String(16), index=True)
    parent_id: Mapped[int] = mapped_column(Integer, index=True)
    item_id: Mapped[int | None] = mapped_column(Integer, index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
