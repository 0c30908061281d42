"""Assignments (one item at one unit in one role) and what a unit records against them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, Versioned, enum_type
from domain.model import Role


class Assignment(Timestamped, Versioned, Base):
    """主办 / 会办 / 分办 of one item by one unit (R-AS-1); the unit of KPI counting (R-KPI-0)."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("item_id", "unit_id"),
        # a unit's overdue / due-soon list: its open assignments by due date
        Index("ix_assignments_unit_open_due", "unit_id", "due_on", "done_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    key_item: Mapped[bool] = mapped_column(Boolean, default=False)  # R-KY-1
    breakdown_delivered: Mapped[date | None]  # R-DL-1
    key_registration_filed: Mapped[date | None]  # R-DL-2
    co_opinion_delivered: Mapped[date | None]  # R-DL-3
    # The unit's main duty (R-DL-4 reply, or R-DL-3 co-opinion), kept from the domain's
    # evaluation so lists can filter overdue / due soon in SQL; refreshed on every change.
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]


class RequestStatus(StrEnum):
    PENDING = "pending"  # 待处理
    ACCEPTED = "accepted"  # 同意调整
    REFUSED = "refused"  # 不予调整


class ReassignmentRequest(Timestamped, Versioned, Base):
    """申请调整: a unit asks the office to re-assign an item outside its remit (R-AS-2/3)."""

    __tablename__ = "reassignment_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    requested_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    suggested_unit: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[RequestStatus] = mapped_column(enum_type(RequestStatus))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)


class Breakdown(Timestamped, Versioned, Base):
    """办理责任分解: who handles an item for one proposer (attachment 1, R-DL-1)."""

    __tablename__ = "breakdowns"
    __table_args__ = (UniqueConstraint("assignment_id", "proposer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"), index=True)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("proposers.id"))
    leader_in_charge: Mapped[str] = mapped_column(String(64))  # 分管领导
    handling_office: Mapped[str] = mapped_column(String(100))  # 承办科室
    contact_person: Mapped[str] = mapped_column(String(64))
    contact_phone: Mapped[str] = mapped_column(String(32))
    delivered_on: Mapped[date | None]


class OpenDoorRecord(Timestamped, Versioned, Base):
    """开门办案 for a key item (R-KY-3): plan, invitations, forum or site visit, record."""

    __tablename__ = "open_door_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"), unique=True)
    written_plan: Mapped[str | None] = mapped_column(Text)
    proposers_invited: Mapped[bool] = mapped_column(Boolean, default=False)
    supervising_body_invited: Mapped[bool] = mapped_column(Boolean, default=False)
    activity: Mapped[str | None] = mapped_column(String(16))  # forum / site_visit
    held_on: Mapped[date | None]
    written_record: Mapped[str | None] = mapped_column(Text)
