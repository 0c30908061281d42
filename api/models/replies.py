"""Replies to proposers, the office's reviews of them, co-opinions and unit reply templates."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, Versioned, enum_type
from domain.model import Disclosure, ReplyClass


class ReplyStatus(StrEnum):
    DRAFT = "draft"  # 起草中
    SUBMITTED = "submitted"  # 已签发，待办公室审核 (R-RP-10)
    RETURNED = "returned"  # 退回修改 (R-RP-9)
    APPROVED = "approved"  # 审核通过
    SENT = "sent"  # 已答复

    @property
    def label(self) -> str:
        return {
            "draft": "起草中",
            "submitted": "待审核",
            "returned": "退回修改",
            "approved": "审核通过",
            "sent": "已答复",
        }[self.value]


class Reply(Timestamped, Versioned, Base):
    """The main or split unit's reply (答复函); a merged group has one reply (R-MG-1)."""

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"), unique=True)
    merge_group_id: Mapped[int | None] = mapped_column(ForeignKey("merge_groups.id"), index=True)
    status: Mapped[ReplyStatus] = mapped_column(enum_type(ReplyStatus), index=True)
    reply_class: Mapped[ReplyClass | None] = mapped_column(enum_type(ReplyClass))
    unit_class: Mapped[ReplyClass | None] = mapped_column(enum_type(ReplyClass))  # before R-RP-9
    disclosure: Mapped[Disclosure] = mapped_column(enum_type(Disclosure))
    document_number: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text, default="")
    letter_date: Mapped[date | None]
    signing_leader: Mapped[str | None] = mapped_column(String(64))
    contact_person: Mapped[str | None] = mapped_column(String(64))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signed_at: Mapped[datetime | None]
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    sent_on: Mapped[date | None]
    format_ok: Mapped[bool | None] = mapped_column(Boolean)  # R-RP-7 at sending, for R-KPI-2
    published_on: Mapped[date | None]  # R-DL-5: full text on the portal
    published_url: Mapped[str | None] = mapped_column(String(500))


class ReviewAction(StrEnum):
    RETURNED = "returned"
    APPROVED = "approved"


class ReplyReview(Base):
    """复前审核: the office returns a reply with reasons, or approves it (R-RP-9)."""

    __tablename__ = "reply_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id"), index=True)
    action: Mapped[ReviewAction] = mapped_column(enum_type(ReviewAction))
    reasons: Mapped[str | None] = mapped_column(Text)
    class_from: Mapped[ReplyClass | None] = mapped_column(enum_type(ReplyClass))
    class_to: Mapped[ReplyClass | None] = mapped_column(enum_type(ReplyClass))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime]


class CoOpinion(Timestamped, Versioned, Base):
    """会办意见 to the main unit (R-DL-3); on city items to the office too (R-RP-5)."""

    __tablename__ = "co_opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"), unique=True)
    merge_group_id: Mapped[int | None] = mapped_column(ForeignKey("merge_groups.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    disclosure: Mapped[Disclosure] = mapped_column(enum_type(Disclosure))
    document_number: Mapped[str | None] = mapped_column(String(64))
    letter_date: Mapped[date | None]
    signing_leader: Mapped[str | None] = mapped_column(String(64))
    contact_person: Mapped[str | None] = mapped_column(String(64))
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    delivered_on: Mapped[date | None]  # to the main unit
    sent_to_office_on: Mapped[date | None]  # city items: also to the office


class ReplyTemplate(Timestamped, Versioned, Base):
    """A unit's wording for recurring answers, to start a draft from."""

    __tablename__ = "reply_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
