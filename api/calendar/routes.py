"""Working-day calendar reads: a due date with its explanation, and a year's arrangement."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.calendar.schemas import DayNoteRead, DeadlineRead, ExplanationRead, YearRead
from api.calendar.service import current_calendar
from domain.calendar import Period
from domain.explain import explain

router = APIRouter(prefix="/calendar", tags=["calendar"])


@router.get("/deadline", operation_id="calendar-deadline", response_model=DeadlineRead)
def deadline(
    start: Annotated[date, Query(description="起算日（当日不计入）", examples=["2024-04-08"])],
    period: Annotated[
        str, Query(description="期间：15wd 工作日、1m/3m 月、7d 日", examples=["15wd"])
    ],
) -> DeadlineRead:
    """The due date of a period counted from a start day, and how it was computed (R-DL-14)."""
    parsed = Period.parse(period)
    e = explain(current_calendar(), start, parsed)
    return DeadlineRead(
        start=start,
        period=str(parsed),
        due=e.due,
        provisional=e.provisional,
        explanation=ExplanationRead.of(e),
    )


@router.get("/{year}", operation_id="calendar-year", response_model=YearRead)
def year_arrangement(year: Annotated[int, Path(ge=1900, le=2200)]) -> YearRead:
    """Every non-working weekday and working weekend day of a year (R-DL-12, R-DL-13)."""
    calendar = current_calendar()
    notes = calendar.year_notes(year)
    arrangement = calendar.arrangements[year]
    return YearRead(
        year=year,
        published=arrangement.published,
        source=arrangement.source,
        days=[DayNoteRead.of(n) for n in notes],
    )
