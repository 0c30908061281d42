"""The office's oversight: supervision records and talks (R-SV-1..2), unit reports (notice §二,
R-DL-9) and the county's own publication once every item is done."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from api.auth.principal import Principal, allow
from api.calendar.service import current_calendar
from api.clock import today
from api.common import Id
from api.db import SessionDep
from api.errors import ApiError
from api.models import (
    Assignment,
    Item,
    ReportKind,
    SupervisionKind,
    SupervisionMeans,
    SupervisionRecord,
    Unit,
    UnitReport,
)
from api.organisation.service import deadline_settings, year_plan
from domain.deadlines import State, state_of

router = APIRouter(tags=["oversight"])


class SupervisionBody(BaseModel):
    """专项督查、联合督办、挂账督办; 约谈 and 通报批评 of slack units (R-SV-1, R-SV-2)."""

    kind: SupervisionKind
    means: SupervisionMeans | None = None
    title: str = Field(min_length=2, max_length=200)
    detail: str = Field(default="", max_length=20000)
    held_on: date
    unit_ids: list[Id] = Field(default_factory=list)
    item_ids: list[Id] = Field(default_factory=list)


class SupervisionRead(SupervisionBody):
    model_config = ConfigDict(from_attributes=True)

    id: int


@router.post(
    "/supervision",
    operation_id="supervision-create",
    response_model=SupervisionRead,
    status_code=201,
)
def create_supervision(
    data: SupervisionBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("supervision.write"))],
) -> SupervisionRecord:
    if data.kind in (SupervisionKind.TALK, SupervisionKind.CIRCULAR) and not data.unit_ids:
        raise ApiError(422, "约谈或通报须指明单位", field="unit_ids", rule_id="R-SV-2")
    known = set(session.scalars(select(Unit.id).where(Unit.id.in_(data.unit_ids))))
    if known != set(data.unit_ids):
        raise ApiError(422, "单位不存在", field="unit_ids")
    items = set(session.scalars(select(Item.id).where(Item.id.in_(data.item_ids))))
    if items != set(data.item_ids):
        raise ApiError(422, "建议提案不存在", field="item_ids")
    record = SupervisionRecord(**data.model_dump(), created_by=principal.user_id)
    session.add(record)
    session.flush()
    return record


@router.get("/supervision", operation_id="supervision-list", response_model=list[SupervisionRead])
def list_supervision(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("supervision.read"))],
    kind: SupervisionKind | None = None,
) -> list[SupervisionRecord]:
    query = select(SupervisionRecord).order_by(SupervisionRecord.held_on.desc())
    if kind is not None:
        query = query.where(SupervisionRecord.kind == kind)
    rows = list(session.scalars(query))
    if principal.is_unit:
        rows = [r for r in rows if principal.unit_id in r.unit_ids]
    return rows


class ReportBody(BaseModel):
    kind: ReportKind
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=2, max_length=200)
    filed_on: date
    url: str | None = Field(default=None, max_length=500)
    note: str | None = Field(default=None, max_length=5000)


class ReportRead(ReportBody):
    model_config = ConfigDict(from_attributes=True)

    id: int
    unit_id: int | None


def _open_items(session: Session, year: int) -> int:
    """Items of the year not yet done: one of its units still owes its main duty, or it has
    not even been assigned."""
    open_ = exists().where(Assignment.item_id == Item.id, Assignment.done_on.is_(None))
    assigned = exists().where(Assignment.item_id == Item.id)
    query = select(func.count()).select_from(Item).where(Item.year == year, open_ | ~assigned)
    return session.scalar(query) or 0


@router.post("/reports", operation_id="reports-create", response_model=ReportRead, status_code=201)
def file_report(
    data: ReportBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("reports.write"))],
) -> UnitReport:
    """A unit files its analysis report (办前) or yearly summary (R-DL-9); the office records
    the county's publication, only once every item of the year is done."""
    if data.kind is ReportKind.COUNTY_PUBLICATION:
        if not principal.is_office:
            raise ApiError(403, "县政府承办工作公开由政府办公室登记")
        remaining = _open_items(session, data.year)
        if remaining:
            raise ApiError(
                422, f"尚有{remaining}件未办结，全部办结后方可公开承办工作情况", field="kind"
            )
        unit_id = None
    else:
        if not principal.is_unit:
            raise ApiError(403, "分析报告和年度总结由承办单位报送")
        unit_id = principal.unit_id
    report = UnitReport(unit_id=unit_id, **data.model_dump())
    session.add(report)
    session.flush()
    return report


class ReportStatus(BaseModel):
    unit_id: int
    unit_name: str
    analysis_filed_on: date | None
    summary_filed_on: date | None
    summary_due: date
    summary_state: State


@router.get("/reports/status", operation_id="reports-status", response_model=list[ReportStatus])
def report_status(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("reports.read"))],
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> list[ReportStatus]:
    """Each unit's analysis report and yearly summary, the summary against R-DL-9's date."""
    due = year_plan(session, year).lookback_due
    calendar, settings, now = current_calendar(session), deadline_settings(session), today()
    filed: dict[tuple[int, ReportKind], date] = {}
    reports = select(UnitReport).where(UnitReport.year == year)
    for report in session.scalars(reports.order_by(UnitReport.filed_on, UnitReport.id)):
        if report.unit_id is not None and report.filed_on is not None:
            filed.setdefault((report.unit_id, report.kind), report.filed_on)
    units = session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.name))
    answers = []
    for unit in units:
        if principal.is_unit and unit.id != principal.unit_id:
            continue
        summary = filed.get((unit.id, ReportKind.SUMMARY))
        answers.append(
            ReportStatus(
                unit_id=unit.id,
                unit_name=unit.name,
                analysis_filed_on=filed.get((unit.id, ReportKind.ANALYSIS)),
                summary_filed_on=summary,
                summary_due=due,
                summary_state=state_of(calendar, due, summary, as_of=now, settings=settings),
            )
        )
    return answers
