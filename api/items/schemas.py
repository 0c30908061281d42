from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from api.common import Id
from api.congress.schemas import SessionRead
from domain.deadlines import State
from domain.model import ItemKind, Level, ProposerKind, ReplyClass, Role


class ProposerLink(BaseModel):
    proposer_id: Id
    is_lead: bool = False


class ItemCreate(BaseModel):
    session_id: Id
    number: int = Field(ge=1, le=99999, examples=[15])
    title: str = Field(min_length=2, max_length=300, examples=["关于加快农村公路提档升级的建议"])
    content: str = Field(default="", max_length=50000)
    topic: str | None = Field(default=None, max_length=64, examples=["交通"])
    proposers: list[ProposerLink] = Field(min_length=1)
    secret: bool = False
    content_consent: bool = False
    first_assignment: date | None = None
    second_assignment: date | None = None
    between_sessions: bool = False
    office_set_due: dict[str, date] = Field(
        default_factory=dict,
        description='R-DL-10 闭会期间交办件的期限，如 {"R-DL-4": "2024-12-01"}',
    )


class ItemUpdate(BaseModel):
    title: str | None = Field(default=None, min_length=2, max_length=300)
    content: str | None = Field(default=None, max_length=50000)
    topic: str | None = Field(default=None, max_length=64)
    proposers: list[ProposerLink] | None = Field(default=None, min_length=1)
    secret: bool | None = None
    content_consent: bool | None = None
    first_assignment: date | None = None
    second_assignment: date | None = None
    between_sessions: bool | None = None
    office_set_due: dict[str, date] | None = None


class ProposerOnItem(BaseModel):
    id: int
    name: str
    kind: ProposerKind
    is_lead: bool


class ItemDeadlineRead(BaseModel):
    rule_id: str
    name: str
    start: date | None
    due: date | None
    state: State
    state_label: str
    done_on: date | None
    provisional: bool
    working_days_left: int | None
    set_by_office: bool
    explanation: str


class AssignmentRead(BaseModel):
    id: int
    unit_id: Id
    unit_name: str
    role: Role
    role_label: str
    key_item: bool
    due_on: date | None
    done_on: date | None
    deadlines: list[ItemDeadlineRead] = []


class ItemSummary(BaseModel):
    id: int
    session_id: Id
    number: int
    label: str = Field(examples=["第15号建议"])
    kind: ItemKind
    level: Level
    year: int
    title: str
    topic: str | None
    secret: bool
    leader_supervised: bool
    key_item: bool
    merge_group_id: int | None
    lead_proposer: str | None
    proposer_count: int
    units: list[str]
    next_due: date | None
    state: str = Field(description="unassigned / open / due_soon / overdue / done")
    reply_status: str | None
    reply_class: ReplyClass | None
    version: int


class ItemRead(ItemSummary):
    session: SessionRead
    content: str | None = Field(
        description="原文；公开发布须经提出人同意（R-RP-2），见 content_consent"
    )
    content_consent: bool
    first_assignment: date | None
    second_assignment: date | None
    between_sessions: bool
    office_set_due: dict[str, Any]
    supervising_leader: str | None
    proposers: list[ProposerOnItem]
    assignments: list[AssignmentRead]
    created_at: datetime
    updated_at: datetime


class ItemState(StrEnum):
    UNASSIGNED = "unassigned"
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE = "done"


class UnitOverdue(BaseModel):
    unit_id: int
    unit_name: str
    overdue: int = Field(description="本单位逾期未办结的件数")


class StateCounts(BaseModel):
    """Items in each state (``ItemState``), as the list's state filter counts them."""

    unassigned: int
    open: int
    due_soon: int
    overdue: int
    done: int


class Overview(BaseModel):
    """全县办理概况: items in each state and the units with overdue items, as the list counts."""

    year: int | None
    total: int
    by_state: StateCounts
    overdue_by_unit: list[UnitOverdue] = Field(description="逾期件数从多到少")


class ItemSort(StrEnum):
    NUMBER = "number"
    NUMBER_DESC = "-number"
    DUE = "due"
    UPDATED_DESC = "-updated"
    TITLE = "title"


class UnitRole(BaseModel):
    unit_id: Id
    role: Role


class AssignmentSet(BaseModel):
    """R-AS-1: one main unit, or several split units; co-units optional."""

    units: list[UnitRole] = Field(min_length=1)


class TimelineEntry(BaseModel):
    at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: str | None
    changes: dict[str, Any]


class NoteCreate(BaseModel):
    body: str = Field(min_length=1, max_length=5000)


class NoteRead(BaseModel):
    id: int
    body: str
    author: str | None
    created_at: datetime


class LeaderSupervision(BaseModel):
    """R-KY-2: items chosen with the standing committee / CPPCC for county leaders."""

    leader_supervised: bool
    supervising_leader: str | None = Field(default=None, max_length=64)
