"""The calendar the API computes with: the package's arrangements plus the office's overrides
(R-DL-13), read from the database and rebuilt only when an override changes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import CalendarOverride
from domain.calendar import Source, WorkCalendar, YearArrangement

_built: dict[tuple[str, tuple[tuple[int, int, str], ...]], WorkCalendar] = {}


def arrangement_of(row: CalendarOverride) -> YearArrangement:
    return YearArrangement(
        row.year,
        {date.fromisoformat(d): n for d, n in row.days_off.items()},
        {date.fromisoformat(d): n for d, n in row.workdays.items()},
        Source.OVERRIDE,
        published=True,
    )


def current_calendar(session: Session) -> WorkCalendar:
    """The calendar for this database; one small query per session decides whether the cached
    one holds (``forget_calendar`` after the office changes an arrangement)."""
    known: WorkCalendar | None = session.info.get("calendar")
    if known is not None:
        return known
    rows = list(session.scalars(select(CalendarOverride).order_by(CalendarOverride.year)))
    key = (
        str(session.get_bind().engine.url),
        tuple((r.year, r.version, r.updated_at.isoformat()) for r in rows),
    )
    calendar = _built.get(key)
    if calendar is None:
        calendar = WorkCalendar([arrangement_of(r) for r in rows])
        stale = [k for k in _built if k[0] == key[0]]
        for old in stale:
            del _built[old]
        _built[key] = calendar
    session.info["calendar"] = calendar
    return calendar


def forget_calendar(session: Session) -> None:
    """The office changed an arrangement in this session: read the overrides again."""
    session.info.pop("calendar", None)
