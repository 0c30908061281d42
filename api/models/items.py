"""Items and what they are made of: congress sessions, proposers, merge groups, notes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, Timestamped, Versioned, enum_type
from api.models.crypto import EncryptedText
from domain.model import ItemKind, Level, ProposerKind


class CongressSession(Timestamped, Base):
    """A meeting of a congress or CPPCC (魏县第十届人民代表大会第三次会议)."""

    __tablename__ = "congress_sessions"
    __table_args__ = (UniqueConstraint("kind", "level", "body_name", "term", "meeting"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ItemKind] = mapped_column(enum_type(ItemKind))
    level: Mapped[Level] = mapped_column(enum_type(Level))
    body_name: Mapped[str] = mapped_column(String(32))  # 魏县 / 邯郸市
    term: Mapped[int]
    meeting: Mapped[int]
    year: Mapped[int] = mapped_column(index=True)


class Proposer(Timestamped, Versioned, Base):
    """A deputy, a CPPCC member or an organisation (党派、团体、界别)."""

    __tablename__ = "proposers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    kind: Mapped[ProposerKind] = mapped_column(enum_type(ProposerKind))
    phone: Mapped[str | None] = mapped_column(EncryptedText)  # personal data: encrypted at rest
    address: Mapped[str | None] = mapped_column(EncryptedText)
    affiliation: Mapped[str | None] = mapped_column(String(100))  # 代表团 / 界别


class MergeGroup(Timestamped, Base):
    """并案: links items answered by one letter; the originals stay untouched (R-MG-4)."""

    __tablename__ = "merge_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ItemKind] = mapped_column(enum_type(ItemKind))
    session_id: Mapped[int] = mapped_column(ForeignKey("congress_sessions.id"))
    main_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    undone_at: Mapped[datetime | None]


class Item(Timestamped, Versioned, Base):
    """A suggestion or a proposal, numbered within its session."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("congress_sessions.id"), index=True)
    number: Mapped[int]
    kind: Mapped[ItemKind] = mapped_column(enum_type(ItemKind), index=True)
    level: Mapped[Level] = mapped_column(enum_type(Level), index=True)
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(300))  # 案由 / 标题
    content: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str | None] = mapped_column(String(64), index=True)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)  # 涉及党和国家秘密
    content_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # 同意公开原文
    first_assignment: Mapped[date | None]
    second_assignment: Mapped[date | None]
    between_sessions: Mapped[bool] = mapped_column(Boolean, default=False)  # 闭会期间交办
    office_set_due: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # R-DL-10
    leader_supervised: Mapped[bool] = mapped_column(Boolean, default=False)  # R-KY-2
    supervising_leader: Mapped[str | None] = mapped_column(String(64))
    merge_group_id: Mapped[int | None] = mapped_column(ForeignKey("merge_groups.id"), index=True)

    proposer_links: Mapped[list[ItemProposer]] = relationship(
        back_populates="item", order_by="ItemProposer.position", cascade="all, delete-orphan"
    )


class ItemProposer(Base):
    __tablename__ = "item_proposers"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), primary_key=True)
    proposer_id: Mapped[int] = mapped_column(ForeignKey("proposers.id"), primary_key=True)
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[Item] = relationship(back_populates="proposer_links")
    proposer: Mapped[Proposer] = relationship(lazy="joined")


class ItemNote(Timestamped, Base):
    """A private note on an item: seen by its author's unit (or the office), never public."""

    __tablename__ = "item_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
