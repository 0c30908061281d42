"""The calendar the API computes with: the package's arrangements plus the office's overrides.

Built once and kept; replaced whenever the office changes a year's arrangement (R-DL-13).
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.calendar import WorkCalendar, YearArrangement

_current: WorkCalendar | None = None


def current_calendar() -> WorkCalendar:
    global _current
    if _current is None:
        _current = WorkCalendar()
    return _current


def replace_overrides(overrides: Iterable[YearArrangement]) -> WorkCalendar:
    """Rebuilds the calendar with the office's arrangements (R-DL-13)."""
    global _current
    _current = WorkCalendar(overrides)
    return _current
