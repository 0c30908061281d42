"""The yearly KPI report's data: R-KPI-1..7 county-wide and per unit, ranked, with the items
behind every shortfall; written as .xlsx (``report_xlsx``) and .docx (``report_docx``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.kpi.service import county_report, unit_reports
from api.models import Item, Unit
from api.organisation.service import jurisdiction
from domain.kpi import KpiReport, KpiResult
from domain.kpi_ranking import RankedUnit, rank_units
from domain.model import ItemKind, Level


@dataclass(frozen=True, slots=True)
class ItemRef:
    id: int
    label: str  # 第15号建议
    title: str


@dataclass(frozen=True, slots=True)
class Shortfall:
    """One measure a unit missed, with the items behind it (R-KPI: "the list of items")."""

    unit_name: str
    result: KpiResult
    items: tuple[ItemRef, ...]


@dataclass(frozen=True, slots=True)
class YearReport:
    year: int
    as_of: date
    county_name: str
    county_government: str
    county: KpiReport
    units: list[RankedUnit]
    unit_names: dict[int, str]
    shortfalls: list[Shortfall]
    item_counts: dict[tuple[ItemKind, Level], int]

    def name(self, unit_id: int | None) -> str:
        return "全县" if unit_id is None else self.unit_names.get(unit_id, str(unit_id))


def year_report(session: Session, year: int, as_of: date) -> YearReport:
    names: dict[int, str] = dict(session.execute(select(Unit.id, Unit.name)).all())
    reports = unit_reports(session, year, as_of)
    ranked = rank_units(reports.values(), lambda u: names.get(u, "") if u is not None else "")
    missed = [
        (unit.report.unit_id, result)
        for unit in ranked
        for result in unit.report.results
        if result.met is False
    ]
    items = _items(session, year) if missed else {}
    shortfalls = [
        Shortfall(
            names.get(unit_id, str(unit_id)) if unit_id is not None else "全县",
            result,
            tuple(items[i] for i in dict.fromkeys(result.shortfall_item_ids) if i in items),
        )
        for unit_id, result in missed
    ]
    counts = {
        (kind, level): n
        for kind, level, n in session.execute(
            select(Item.kind, Item.level, func.count())
            .where(Item.year == year)
            .group_by(Item.kind, Item.level)
        ).all()
    }
    place = jurisdiction(session)
    return YearReport(
        year=year,
        as_of=as_of,
        county_name=place.county_name,
        county_government=place.county_government,
        county=county_report(session, year, as_of),
        units=ranked,
        unit_names=names,
        shortfalls=shortfalls,
        item_counts=counts,
    )


def _items(session: Session, year: int) -> dict[int, ItemRef]:
    rows = session.execute(
        select(Item.id, Item.number, Item.kind, Item.title).where(Item.year == year)
    )
    return {row.id: ItemRef(row.id, f"第{row.number}号{row.kind.label}", row.title) for row in rows}
