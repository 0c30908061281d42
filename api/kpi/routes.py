"""KPIs per unit and county-wide for a year, as of a date (R-KPI-1..7), with the items behind."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal, allow
from api.clock import today
from api.common import Id
from api.db import SessionDep
from api.kpi.service import county_report, default_as_of, unit_reports
from api.models import Item, Unit
from domain.kpi import KpiReport, KpiResult, percent_text

router = APIRouter(prefix="/kpi", tags=["kpi"])


class KpiResultRead(BaseModel):
    rule_id: str = Field(examples=["R-KPI-1"])
    name: str = Field(examples=["按时办复率"])
    numerator: int
    denominator: int
    rate: float | None
    rate_text: str = Field(examples=["100%"])
    target: float | None
    target_text: str | None
    met: bool | None
    display: str = Field(examples=["12/12（100%）"])
    counted_item_ids: list[int]
    met_item_ids: list[int]
    shortfall_item_ids: list[int]

    @classmethod
    def of(cls, r: KpiResult, hidden: frozenset[int] = frozenset()) -> KpiResultRead:
        """``hidden``: secret items, counted in the figures but not named (R-RP-2)."""
        return cls(
            rule_id=r.rule_id,
            name=r.name,
            numerator=r.numerator,
            denominator=r.denominator,
            rate=float(r.rate) if r.rate is not None else None,
            rate_text=percent_text(r.rate),
            target=float(r.target) if r.target is not None else None,
            target_text=percent_text(r.target) if r.target is not None else None,
            met=r.met,
            display=r.display,
            counted_item_ids=[i for i in r.counted_item_ids if i not in hidden],
            met_item_ids=[i for i in r.met_item_ids if i not in hidden],
            shortfall_item_ids=[i for i in r.shortfall_item_ids if i not in hidden],
        )


class KpiReportRead(BaseModel):
    year: int
    as_of: date
    unit_id: int | None
    unit_name: str
    results: list[KpiResultRead]
    missed: list[str] = Field(description="未达标的指标")

    @classmethod
    def of(
        cls, report: KpiReport, unit_name: str, hidden: frozenset[int] = frozenset()
    ) -> KpiReportRead:
        return cls(
            year=report.year,
            as_of=report.as_of,
            unit_id=report.unit_id,
            unit_name=unit_name,
            results=[KpiResultRead.of(r, hidden) for r in report.results],
            missed=list(report.missed_rule_ids),
        )


Year = Annotated[int, Query(ge=2000, le=2100, description="年度")]
AsOf = Annotated[date | None, Query(description="截至日期，默认今天（往年为12月31日）")]


@router.get("", operation_id="kpi-county", response_model=KpiReportRead)
def county(
    year: Year,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("kpi.read"))],
    as_of: AsOf = None,
) -> KpiReportRead:
    """County-wide figures over every main and split assignment (R-KPI-0)."""
    when = as_of or default_as_of(year, today())
    return KpiReportRead.of(
        county_report(session, year, when),
        "全县",
        _hidden(session, principal, year),
    )


@router.get("/units", operation_id="kpi-units", response_model=list[KpiReportRead])
def units(
    year: Year,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("kpi.read"))],
    as_of: AsOf = None,
    unit_id: Id | None = None,
) -> list[KpiReportRead]:
    """Every unit's figures in one pass (or one unit's), with the items behind each."""
    when = as_of or default_as_of(year, today())
    reports = unit_reports(session, year, when)
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    chosen = [u for u in sorted(reports, key=lambda u: names.get(u, "")) if unit_id in (None, u)]
    hidden = _hidden(session, principal, year)
    return [KpiReportRead.of(reports[u], names.get(u, str(u)), hidden) for u in chosen]


def _hidden(session: Session, principal: Principal, year: int) -> frozenset[int]:
    """Secret items are counted but named only to those cleared for them (R-RP-2)."""
    if principal.cleared:
        return frozenset()
    return frozenset(
        session.scalars(select(Item.id).where(Item.year == year, Item.secret.is_(True)))
    )
