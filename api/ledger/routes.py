"""The ledger (台账) download."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from api.attachments.routes import content_disposition
from api.auth.principal import Principal, allow
from api.clock import today
from api.common import Id
from api.db import SessionDep
from api.ledger import service
from api.ledger.workbook import XLSX
from api.openapi import problems

router = APIRouter(tags=["ledger"])


@router.get(
    "/ledger.xlsx",
    operation_id="ledger-xlsx",
    response_class=Response,
    responses=problems(404),
)
def ledger_xlsx(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("ledger.read"))],
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度，默认今年")] = None,
    unit_id: Annotated[Id | None, Query(description="承办单位；单位用户只能是本单位")] = None,
    as_of: Annotated[date | None, Query(description="截至日期，默认今天")] = None,
) -> Response:
    """One row per item and unit role: every due date with its state and working days left,
    class, visits, feedback, key flag; overdue red, due soon amber."""
    when = as_of or today()
    name, data = service.ledger(session, principal, year or when.year, unit_id, when)
    return Response(
        data, media_type=XLSX, headers={"Content-Disposition": content_disposition(name)}
    )
