"""Reminders per unit (overdue, due soon) and the office's circular (通报) draft."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from api.attachments.routes import content_disposition
from api.auth.principal import Principal, allow
from api.clock import today
from api.common import Id
from api.db import SessionDep
from api.letters.routes import DOCX
from api.openapi import problems
from api.reminders import service
from api.reminders.circular import circular_docx
from api.reminders.service import RemindersRead

router = APIRouter(prefix="/reminders", tags=["reminders"])


@router.get(
    "",
    operation_id="reminders-list",
    response_model=RemindersRead,
    responses=problems(404),
)
def reminders(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("reminders.read"))],
    unit_id: Annotated[Id | None, Query(description="承办单位；单位用户只能是本单位")] = None,
    as_of: Annotated[date | None, Query(description="截至日期，默认今天")] = None,
) -> RemindersRead:
    """Each unit's overdue and due-soon deadlines (due soon: at most ``due_soon_days``
    working days left, a setting in the configuration)."""
    return service.reminders(session, principal, unit_id, as_of or today())


@router.get("/circular.docx", operation_id="reminders-circular", response_class=Response)
def circular(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("circular.read"))],
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度，默认今年")] = None,
    as_of: Annotated[date | None, Query(description="截至日期，默认今天")] = None,
) -> Response:
    """通报 draft naming the units with overdue items, with counts; the office edits it."""
    when = as_of or today()
    name, data = circular_docx(session, year or when.year, when)
    return Response(
        data, media_type=DOCX, headers={"Content-Disposition": content_disposition(name)}
    )
