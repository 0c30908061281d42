"""Configuration the office edits (R-RP-6 bodies, R-AS-2 window, R-DL-8/9 year plans)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Configuration
from api.models import YearPlan as YearPlanRow
from api.organisation.schemas import DeadlineConfig, Jurisdiction
from api.stamp import StampedCache
from domain.deadlines import DeadlineSettings, YearPlan
from domain.model import Level
from domain.replies import Bodies

Values = dict[str, tuple[dict[str, Any], int]]  # key → (value, version)
_stored_values: StampedCache[Values] = StampedCache()
_plans: StampedCache[YearPlan] = StampedCache(size=64)


def _values(session: Session) -> Values:
    """Every configuration value, read once per session and shared while the data stamp
    holds (``api.stamp``); callers only read them."""
    values: Values | None = session.info.get("configuration")
    if values is None:
        values = _stored_values.get(
            session,
            "configuration",
            lambda: {
                row.key: (row.value, row.version) for row in session.scalars(select(Configuration))
            },
        )
        session.info["configuration"] = values
    return values


def _read_values(session: Session) -> Values:
    return {row.key: (row.value, row.version) for row in session.scalars(select(Configuration))}


def _stored(session: Session, key: str) -> dict[str, Any] | None:
    found = _values(session).get(key)
    return found[0] if found else None


def jurisdiction(session: Session) -> Jurisdiction:
    value = _stored(session, "jurisdiction")
    return Jurisdiction.model_validate(value) if value else Jurisdiction()


def deadline_config(session: Session) -> DeadlineConfig:
    value = _stored(session, "deadlines")
    return DeadlineConfig.model_validate(value) if value else DeadlineConfig()


def deadline_settings(session: Session) -> DeadlineSettings:
    config = deadline_config(session)
    return DeadlineSettings(config.due_soon_days, config.reassignment_window_days)


def bodies(session: Session, level: Level) -> Bodies:
    j = jurisdiction(session)
    chosen = j.county_bodies if level is Level.COUNTY else j.city_bodies
    return Bodies(**chosen.model_dump())


def configuration_version(session: Session) -> int:
    values = _values(session)
    return sum(values[key][1] for key in ("jurisdiction", "deadlines") if key in values)


def save(session: Session, key: str, value: dict[str, object]) -> None:
    row = session.get(Configuration, key)
    if row is None:
        session.add(Configuration(key=key, value=value))
    else:
        row.value = value
    session.flush()
    session.info.pop("configuration", None)


def year_plan(session: Session, year: int) -> YearPlan:
    """The year's fixed dates; the notice's 9/30 and 12/31 until the office sets others."""
    return _plans.get(session, year, lambda: _read_plan(session, year))


def _read_plan(session: Session, year: int) -> YearPlan:
    row = session.get(YearPlanRow, year)
    if row is None:
        return YearPlan.default(year)
    return YearPlan(year, row.visit_cards_due, row.lookback_due)
