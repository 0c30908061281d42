from __future__ import annotations

import pytest

from domain.calendar import WorkCalendar


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    """The default calendar (package arrangements, no overrides), built once."""
    return WorkCalendar()
