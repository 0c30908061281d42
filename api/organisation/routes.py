"""Units, the jurisdiction's configuration and the year plans."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy import select

from api.auth.principal import Principal, allow
from api.common import Id, check_if_match, get_or_404, set_etag
from api.db import SessionDep
from api.errors import ApiError
from api.models import Unit
from api.models import YearPlan as YearPlanRow
from api.organisation import service
from api.organisation.schemas import (
    ConfigurationRead,
    ConfigurationUpdate,
    UnitCreate,
    UnitRead,
    UnitUpdate,
    YearPlanBody,
    YearPlanRead,
)

router = APIRouter(tags=["organisation"])


@router.get("/units", operation_id="units-list", response_model=list[UnitRead])
def list_units(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("units.read"))],
    include_inactive: Annotated[bool, Query()] = False,
) -> list[Unit]:
    query = select(Unit).order_by(Unit.kind, Unit.name)
    if not include_inactive:
        query = query.where(Unit.active.is_(True))
    return list(session.scalars(query))


@router.post("/units", operation_id="units-create", response_model=UnitRead, status_code=201)
def create_unit(
    data: UnitCreate, session: SessionDep, _: Annotated[Principal, Depends(allow("units.write"))]
) -> Unit:
    if session.scalar(select(Unit.id).where(Unit.name == data.name)) is not None:
        raise ApiError(409, f"单位“{data.name}”已存在", field="name")
    unit = Unit(**data.model_dump(), active=True)
    session.add(unit)
    session.flush()
    return unit


@router.get("/units/{unit_id}", operation_id="units-get", response_model=UnitRead)
def get_unit(
    unit_id: Id,
    response: Response,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("units.read"))],
) -> Unit:
    unit = get_or_404(session, Unit, unit_id, "单位")
    set_etag(response, unit.version)
    return unit


@router.patch("/units/{unit_id}", operation_id="units-update", response_model=UnitRead)
def update_unit(
    unit_id: Id,
    data: UnitUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("units.write"))],
) -> Unit:
    unit = get_or_404(session, Unit, unit_id, "单位")
    check_if_match(request, unit.version)
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(unit, key, value)
    session.flush()
    set_etag(response, unit.version)
    return unit


@router.get("/config", operation_id="config-get", response_model=ConfigurationRead)
def get_configuration(
    session: SessionDep, _: Annotated[Principal, Depends(allow("config.read"))]
) -> ConfigurationRead:
    return ConfigurationRead(
        jurisdiction=service.jurisdiction(session),
        deadlines=service.deadline_config(session),
        version=service.configuration_version(session),
    )


@router.patch("/config", operation_id="config-update", response_model=ConfigurationRead)
def update_configuration(
    data: ConfigurationUpdate,
    request: Request,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("config.write"))],
) -> ConfigurationRead:
    """Jurisdiction names and bodies (R-RP-6), deadline settings (R-AS-2 window, 临期)."""
    check_if_match(request, service.configuration_version(session))
    if data.jurisdiction is not None:
        service.save(session, "jurisdiction", data.jurisdiction.model_dump(mode="json"))
    if data.deadlines is not None:
        service.save(session, "deadlines", data.deadlines.model_dump(mode="json"))
    return get_configuration(session, _)


@router.get("/config/year-plans/{year}", operation_id="year-plans-get", response_model=YearPlanRead)
def get_year_plan(
    year: Annotated[int, Path(ge=2000, le=2100)],
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("config.read"))],
) -> YearPlanRead:
    plan = service.year_plan(session, year)
    return YearPlanRead(
        year=year,
        visit_cards_due=plan.visit_cards_due,
        lookback_due=plan.lookback_due,
        is_default=session.get(YearPlanRow, year) is None,
    )


@router.put("/config/year-plans/{year}", operation_id="year-plans-put", response_model=YearPlanRead)
def put_year_plan(
    year: Annotated[int, Path(ge=2000, le=2100)],
    data: YearPlanBody,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("config.write"))],
) -> YearPlanRead:
    """Sets the year's fixed dates (R-DL-8 visit cards, R-DL-9 look-back and summary)."""
    for field, day in (
        ("visit_cards_due", data.visit_cards_due),
        ("lookback_due", data.lookback_due),
    ):
        if day.year != year:
            raise ApiError(422, f"日期须在{year}年内", field=field)
    row = session.get(YearPlanRow, year)
    if row is None:
        session.add(YearPlanRow(year=year, **data.model_dump()))
    else:
        row.visit_cards_due, row.lookback_due = data.visit_cards_due, data.lookback_due
    session.flush()
    return get_year_plan(year, session, _)
