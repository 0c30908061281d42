"""Working-day calendar reads: a due date with its explanation, and a year's arrangement."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.auth.principal import Principal, allow
from api.calendar import admin
from api.calendar.schemas import DayNoteRead, DeadlineRead, ExplanationRead, YearRead
from api.calendar.service import current_calendar
from api.db import SessionDep
from domain.calendar import Period
from domain.explain import explain

router = APIRouter(prefix="/calendar", tags=["calendar"])


@router.get("/deadline", operation_id="calendar-deadline", response_model=DeadlineRead)
def deadline(
    start: Annotated[date, Query(description="起算日（当日不计入）", examples=["2024-04-08"])],
    period: Annotated[
        str, Query(description="期间：15wd 工作日、1m/3m 月、7d 日", examples=["15wd"])
    ],
    session: SessionDep,
) -> DeadlineRead:
    """The due date of a period counted from a start day, and how it was computed (R-DL-14)."""
    parsed = Period.parse(period)
    e = explain(current_calendar(session), start, parsed)
    return DeadlineRead(
        start=start,
        period=str(parsed),
        due=e.due,
        provisional=e.provisional,
        explanation=ExplanationRead.of(e),
    )


@router.get("/{year}", operation_id="calendar-year", response_model=YearRead)
def year_arrangement(year: Annotated[int, Path(ge=1900, le=2200)], session: SessionDep) -> YearRead:
    """Every non-working weekday and working weekend day of a year (R-DL-12, R-DL-13)."""
    calendar = current_calendar(session)
    notes = calendar.year_notes(year)
    arrangement = calendar.arrangements[year]
    return YearRead(
        year=year,
        published=arrangement.published,
        source=arrangement.source,
        days=[DayNoteRead.of(n) for n in notes],
    )


class DayEntry(BaseModel):
    date: date
    name: str = Field(min_length=1, max_length=50, examples=["国庆节"])


class ArrangementBody(BaseModel):
    """A year's arrangement as the State Council published it (R-DL-13)."""

    days_off: list[DayEntry] = Field(description="放假日（含节假日期间的周末亦可列出）")
    workdays: list[DayEntry] = Field(default_factory=list, description="周末调休上班日")
    source_note: str | None = Field(
        default=None, max_length=300, examples=["国办发明电〔2024〕7号"]
    )


class ArrangementSaved(YearRead):
    items_recomputed: int = Field(description="截止日因此改变的件数")


@router.put("/{year}", operation_id="calendar-year-put", response_model=ArrangementSaved)
def put_year(
    year: Annotated[int, Path(ge=2001, le=2080)],
    data: ArrangementBody,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("calendar.write"))],
) -> ArrangementSaved:
    """Enters or corrects a year's holidays and make-up working days (R-DL-13); provisional
    deadlines are recomputed and each affected item's timeline records it (R-DL-12)."""
    changed = admin.set_arrangement(
        session,
        year,
        {d.date: d.name for d in data.days_off},
        {d.date: d.name for d in data.workdays},
        data.source_note,
    )
    return ArrangementSaved(
        **year_arrangement(year, session).model_dump(), items_recomputed=changed
    )


@router.delete("/{year}", operation_id="calendar-year-delete", response_model=ArrangementSaved)
def delete_year(
    year: Annotated[int, Path(ge=2001, le=2080)],
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("calendar.write"))],
) -> ArrangementSaved:
    """Drops the office's arrangement: the package's default applies again."""
    changed = admin.clear_arrangement(session, year)
    return ArrangementSaved(
        **year_arrangement(year, session).model_dump(), items_recomputed=changed
    )
