from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from domain.model import ItemKind, Level, ProposerKind


class SessionCreate(BaseModel):
    kind: ItemKind
    level: Level
    body_name: str = Field(min_length=1, max_length=32, examples=["魏县"])
    term: int = Field(ge=1, le=99, examples=[10])
    meeting: int = Field(ge=1, le=20, examples=[3])
    year: int = Field(ge=2000, le=2100, examples=[2024])


class SessionRead(SessionCreate):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str = Field(examples=["魏县第十届人民代表大会第三次会议"])


class ProposerCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, examples=["张三"])
    kind: ProposerKind
    phone: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=200)
    affiliation: str | None = Field(default=None, max_length=100, examples=["城关镇代表团"])


class ProposerUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    phone: str | None = Field(default=None, max_length=64)
    address: str | None = Field(default=None, max_length=200)
    affiliation: str | None = Field(default=None, max_length=100)


class ProposerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: ProposerKind
    phone: str | None
    address: str | None
    affiliation: str | None
    version: int
