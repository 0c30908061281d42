"""Configuration the office edits (R-RP-6 bodies, R-AS-2 window, R-DL-8/9 year plans)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Configuration
from api.models import YearPlan as YearPlanRow
from api.organisation.schemas import DeadlineConfig, Jurisdiction
from domain.deadlines import DeadlineSettings, YearPlan
from domain.model import Level
from domain.replies import Bodies


def _rows(session: Session) -> dict[str, Configuration]:
    """Every configuration row, read once per session (a request reads them many times)."""
    rows: dict[str, Configuration] | None = session.info.get("configuration")
    if rows is None:
        rows = {row.key: row for row in session.scalars(select(Configuration))}
        session.info["configuration"] = rows
    return rows


def _stored(session: Session, key: str) -> Configuration | None:
    return _rows(session).get(key)


def jurisdiction(session: Session) -> Jurisdiction:
    row = _stored(session, "jurisdiction")
    return Jurisdiction.model_validate(row.value) if row else Jurisdiction()


def deadline_config(session: Session) -> DeadlineConfig:
    row = _stored(session, "deadlines")
    return DeadlineConfig.model_validate(row.value) if row else DeadlineConfig()


def deadline_settings(session: Session) -> DeadlineSettings:
    config = deadline_config(session)
    return DeadlineSettings(config.due_soon_days, config.reassignment_window_days)


def bodies(session: Session, level: Level) -> Bodies:
    j = jurisdiction(session)
    chosen = j.county_bodies if level is Level.COUNTY else j.city_bodies
    return Bodies(**chosen.model_dump())


def configuration_version(session: Session) -> int:
    return sum(
        row.version for key in ("jurisdiction", "deadlines") if (row := _stored(session, key))
    )


def save(session: Session, key: str, value: dict[str, object]) -> None:
    row = _stored(session, key)
    if row is None:
        row = Configuration(key=key, value=value)
        session.add(row)
        _rows(session)[key] = row
    else:
        row.value = value
    session.flush()


def year_plan(session: Session, year: int) -> YearPlan:
    """The year's fixed dates; the notice's 9/30 and 12/31 until the office sets others."""
    row = session.get(YearPlanRow, year)
    if row is None:
        return YearPlan.default(year)
    return YearPlan(year, row.visit_cards_due, row.lookback_due)
