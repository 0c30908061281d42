from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.common import Id
from api.models import RequestStatus
from domain.keyitems import OpenDoorActivity


class ReassignmentCreate(BaseModel):
    reason: str = Field(min_length=5, max_length=2000, description="不属于本单位职责的理由")
    suggested_unit: str | None = Field(default=None, max_length=100)
    requested_on: date | None = Field(default=None, description="默认为今天")


class ReassignmentDecision(BaseModel):
    accepted: bool
    note: str | None = Field(default=None, max_length=2000)
    new_unit_id: Id | None = Field(default=None, description="同意时改交的单位（同一角色）")


class ReassignmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: int
    unit_id: int
    requested_on: date
    reason: str
    suggested_unit: str | None
    status: RequestStatus
    decided_at: datetime | None
    decision_note: str | None
    version: int


class KeyItemSelection(BaseModel):
    """R-KY-1: 1–2 of the unit's own main items; R-DL-2: the registration form's filing date."""

    year: int = Field(ge=2000, le=2100)
    item_ids: list[Id] = Field(max_length=100, description="1至2件，由 R-KY-1 检查")
    registration_filed_on: date | None = None


class BreakdownEntry(BaseModel):
    """One row of attachment 1 for one proposer (R-DL-1)."""

    proposer_id: Id
    leader_in_charge: str = Field(min_length=1, max_length=64)
    handling_office: str = Field(min_length=1, max_length=100)
    contact_person: str = Field(min_length=1, max_length=64)
    contact_phone: str = Field(min_length=5, max_length=32)
    delivered_on: date | None = None


class BreakdownRead(BreakdownEntry):
    model_config = ConfigDict(from_attributes=True)

    id: int
    proposer_name: str


class BreakdownSet(BaseModel):
    entries: list[BreakdownEntry] = Field(min_length=1)


class OpenDoorBody(BaseModel):
    """开门办案 for a key item (R-KY-3)."""

    written_plan: str | None = Field(default=None, max_length=20000)
    proposers_invited: bool = False
    supervising_body_invited: bool = False
    activity: OpenDoorActivity | None = None
    held_on: date | None = None
    written_record: str | None = Field(default=None, max_length=20000)


class OpenDoorRead(OpenDoorBody):
    missing: list[str] = Field(description="尚缺环节；为空即完整")
