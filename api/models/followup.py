"""What follows a reply: visits (R-VS), feedback forms (R-FB-1), referrals of dissatisfaction
and their follow-up (R-FB-2, R-DL-7), look-back reviews (R-FB-3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, Versioned, enum_type
from domain.model import Satisfaction, VisitMode


class Visit(Timestamped, Versioned, Base):
    """走访代表委员专用卡 (attachment 13): one card per item, even for a joint visit (R-VS-1)."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("proposers.id"))
    mode: Mapped[VisitMode] = mapped_column(enum_type(VisitMode))
    visited_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    visitors: Mapped[str] = mapped_column(String(200))  # 走访人员
    attitude_comment: Mapped[str | None] = mapped_column(Text)  # 对办理态度的意见
    result_comment: Mapped[str | None] = mapped_column(Text)  # 对办理工作及结果的意见
    batch: Mapped[str | None] = mapped_column(String(36))  # 集中走访: cards made together
    submitted_on: Mapped[date | None]  # 报送政府办公室 (R-DL-8)


class FeedbackForm(Timestamped, Versioned, Base):
    """征询意见表 (attachments 11/12) returned by a proposer about one unit's reply (R-FB-1)."""

    __tablename__ = "feedback_forms"
    __table_args__ = (UniqueConstraint("item_id", "unit_id", "proposer_id", "form_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("proposers.id"))
    form_seq: Mapped[int] = mapped_column(Integer, default=1)
    received_on: Mapped[date]
    satisfaction: Mapped[Satisfaction] = mapped_column(enum_type(Satisfaction))
    attitude_comment: Mapped[str | None] = mapped_column(Text)
    result_comment: Mapped[str | None] = mapped_column(Text)
    wants_face_to_face: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Referral(Timestamped, Versioned, Base):
    """The office refers dissatisfaction to the unit (R-FB-2): listed supervision (挂账督办)
    until the unit has visited face to face and answered in writing within R-DL-7."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback_forms.id"), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    referred_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    face_to_face_on: Mapped[date | None]
    written_reply_on: Mapped[date | None]  # 书面反馈, copied to the office
    summary: Mapped[str | None] = mapped_column(Text)


class LookBack(Timestamped, Versioned, Base):
    """回头看 of a main item (R-FB-3, attachment 14): progress or none, with details."""

    __tablename__ = "lookbacks"
    __table_args__ = (UniqueConstraint("assignment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"))
    checked_on: Mapped[date]
    progress: Mapped[bool]
    details: Mapped[str] = mapped_column(Text)
    filed_on: Mapped[date | None]  # 报送政府办公室 (R-DL-9)
