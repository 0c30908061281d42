"""The calendar the API computes with: the package's arrangements plus the office's overrides
(R-DL-13), read from the database and rebuilt only when an override changes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import CalendarOverride
from api.stamp import StampedCache
from domain.calendar import Source, WorkCalendar, YearArrangement

_calendars: StampedCache[WorkCalendar] = StampedCache(size=4)
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
    """The calendar for this database, read once per data stamp (``api.stamp``) and rebuilt
    only when an override changed (``forget_calendar`` after the office changes one)."""
    known: WorkCalendar | None = session.info.get("calendar")
    if known is None:
        known = _calendars.get(session, "calendar", lambda: _read_calendar(session))
        session.info["calendar"] = known
    return known


def _read_calendar(session: Session) -> WorkCalendar:
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
    return calendar


def forget_calendar(session: Session) -> None:
    """The office changed an arrangement in this session: read the overrides again."""
    session.info.pop("calendar", None)
