"""Target figures (R-KPI-1..7) per unit and county-wide, for a year, as of a date.

Pure counting over facts the caller has gathered: due dates come already computed by the
deadline rules (R-DL-4, R-DL-5, R-DL-10), so nothing here needs a calendar. What each
measure counts for one assignment lives in ``domain.kpi_targets``.

Conventions (R-KPI-0):
- a unit counts its main and split assignments of the year, county-wide counts all of
  them; co-assignments count toward none of R-KPI-1..7;
- a merged item counts once per item (R-MG-3): the same item, unit and role given twice
  with identical facts is counted once; given twice with different facts it is refused,
  since no rule says which one is true;
- item id lists hold one entry per counted assignment, sorted, so county-wide a split item
  appears once for each of its units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction

from domain.errors import DomainError
from domain.kpi_targets import (
    FACE_TO_FACE_RULE,
    MEASURES,
    AssignmentFacts,
    Contact,
    FeedbackVote,
    face_to_face_target,
)
from domain.model import Role

__all__ = [
    "AssignmentFacts",
    "Contact",
    "FeedbackVote",
    "KpiReport",
    "KpiResult",
    "all_unit_kpis",
    "assignments_by_unit",
    "county_kpis",
    "face_to_face_target",
    "percent_text",
    "unit_kpis",
]


@dataclass(frozen=True, slots=True)
class KpiResult:
    """One measure's figure, its target and the items behind it (R-KPI).

    ``rate`` and ``met`` are ``None`` when nothing is counted (denominator 0);
    ``shortfall_item_ids`` are the counted items that did not meet the measure.
    """

    rule_id: str
    name: str
    numerator: int
    denominator: int
    rate: Fraction | None
    target: Fraction | None
    met: bool | None
    counted_item_ids: tuple[int, ...]
    met_item_ids: tuple[int, ...]
    shortfall_item_ids: tuple[int, ...]

    @property
    def display(self) -> str:
        """``12/12（100%）``: every figure shows its numerator and denominator."""
        return f"{self.numerator}/{self.denominator}（{percent_text(self.rate)}）"


@dataclass(frozen=True, slots=True)
class KpiReport:
    """R-KPI-1..7 in order, for one unit (``unit_id``) or county-wide (``None``)."""

    year: int
    as_of: date
    unit_id: int | None
    results: tuple[KpiResult, ...]

    def __getitem__(self, rule_id: str) -> KpiResult:
        for result in self.results:
            if result.rule_id == rule_id:
                return result
        raise KeyError(rule_id)

    @property
    def missed_rule_ids(self) -> tuple[str, ...]:
        """The measures judged and not met."""
        return tuple(result.rule_id for result in self.results if result.met is False)


def percent_text(rate: Fraction | None) -> str:
    """A rate as a percentage cut (not rounded) to 0.1%, so it never reads as reaching a
    target it misses (99.96% shows 99.9%, not 100%); ``—`` when nothing is counted."""
    if rate is None:
        return "—"
    whole, tenth = divmod(math.floor(rate * 1000), 10)
    return f"{whole}%" if tenth == 0 else f"{whole}.{tenth}%"


def unit_kpis(
    facts: Iterable[AssignmentFacts], *, unit_id: int, year: int, as_of: date
) -> KpiReport:
    """One unit's figures: its main and split assignments of ``year`` (R-KPI-0)."""
    own = (fact for fact in facts if fact.unit_id == unit_id)
    assignments = assignments_by_unit(own, year=year).get(unit_id, [])
    return _unit_report(_tallies(assignments, as_of), unit_id=unit_id, year=year, as_of=as_of)


def all_unit_kpis(
    facts: Iterable[AssignmentFacts], *, year: int, as_of: date
) -> dict[int, KpiReport]:
    """Every unit's figures from one pass over the facts, keyed by unit id.

    A unit with only co-assignments that year is listed, with nothing counted.
    """
    return {
        unit_id: _unit_report(_tallies(assignments, as_of), unit_id=unit_id, year=year, as_of=as_of)
        for unit_id, assignments in assignments_by_unit(facts, year=year).items()
    }


def county_kpis(facts: Iterable[AssignmentFacts], *, year: int, as_of: date) -> KpiReport:
    """County-wide figures: every main and split assignment of ``year``, pooled (R-KPI-0).

    R-KPI-4 has no county-wide tier, since the notice sets its tiers per unit by the unit's
    own count: its target is ``None``, the pooled figure is shown for information, and it is
    met when every unit with assignments met its own tier (``face_to_face_target``).
    """
    per_unit = [_tallies(group, as_of) for group in assignments_by_unit(facts, year=year).values()]
    pooled = [_Tally.merged(column) for column in zip(*per_unit, strict=True)]
    results = [
        _result(measure.rule_id, measure.name, tally, measure.target)
        for measure, tally in zip(MEASURES, pooled or [_Tally() for _ in MEASURES], strict=True)
    ]
    index = [measure.rule_id for measure in MEASURES].index(FACE_TO_FACE_RULE)
    face_to_face = results[index]
    if face_to_face.denominator:
        every_unit_met = all(
            _unit_face_to_face_met(tallies[index])
            for tallies in per_unit
            if tallies[index].denominator
        )
        results[index] = replace(face_to_face, met=every_unit_met)
    return KpiReport(year=year, as_of=as_of, unit_id=None, results=tuple(results))


def assignments_by_unit(
    facts: Iterable[AssignmentFacts], *, year: int
) -> dict[int, list[AssignmentFacts]]:
    """The year's counted (main and split) assignments grouped by unit, in one pass.

    Identical repeats of an (item, unit, role) are dropped: a merged item counts once
    (R-MG-3); differing repeats are refused (R-KPI-0). Co-only units map to ``[]``.
    """
    seen: dict[tuple[int, int, Role], AssignmentFacts] = {}
    by_unit: dict[int, list[AssignmentFacts]] = {}
    for fact in facts:
        if fact.year != year:
            continue
        group = by_unit.setdefault(fact.unit_id, [])
        if fact.role is Role.CO:
            continue
        key = (fact.item_id, fact.unit_id, fact.role)
        first = seen.get(key)
        if first is None:
            seen[key] = fact
            group.append(fact)
        elif first != fact:
            raise DomainError(
                f"第{fact.item_id}号件在同一承办单位（{fact.unit_id}）以同一身份"
                f"（{fact.role.label}）出现两份不同的办理情况，无法计数",
                rule_id="R-KPI-0",
                field="item_id",
            )
    return by_unit


@dataclass(slots=True)
class _Tally:
    numerator: int = 0
    denominator: int = 0
    counted: list[int] = field(default_factory=list)
    met: list[int] = field(default_factory=list)
    shortfall: list[int] = field(default_factory=list)

    @classmethod
    def merged(cls, tallies: Iterable[_Tally]) -> _Tally:
        total = cls()
        for tally in tallies:
            total.numerator += tally.numerator
            total.denominator += tally.denominator
            total.counted += tally.counted
            total.met += tally.met
            total.shortfall += tally.shortfall
        return total


def _tallies(assignments: Iterable[AssignmentFacts], as_of: date) -> list[_Tally]:
    """Each assignment adds (counted, met) to each measure; an item whose share is only
    partly met (a dissatisfied vote, R-KPI-5) is a shortfall."""
    tallies = [_Tally() for _ in MEASURES]
    counters = [(measure.count, tally) for measure, tally in zip(MEASURES, tallies, strict=True)]
    for fact in assignments:
        for count, tally in counters:
            counted, met = count(fact, as_of)
            if counted:
                tally.denominator += counted
                tally.numerator += met
                tally.counted.append(fact.item_id)
                (tally.met if met == counted else tally.shortfall).append(fact.item_id)
    return tallies


def _result(rule_id: str, name: str, tally: _Tally, target: Fraction | None) -> KpiResult:
    rate = Fraction(tally.numerator, tally.denominator) if tally.denominator else None
    return KpiResult(
        rule_id=rule_id,
        name=name,
        numerator=tally.numerator,
        denominator=tally.denominator,
        rate=rate,
        target=target,
        met=None if rate is None or target is None else rate >= target,
        counted_item_ids=tuple(sorted(tally.counted)),
        met_item_ids=tuple(sorted(tally.met)),
        shortfall_item_ids=tuple(sorted(tally.shortfall)),
    )


def _unit_face_to_face_met(tally: _Tally) -> bool:
    return Fraction(tally.numerator, tally.denominator) >= face_to_face_target(tally.denominator)


def _unit_report(tallies: Sequence[_Tally], *, unit_id: int, year: int, as_of: date) -> KpiReport:
    """A unit's R-KPI-4 target is the tier for its own count N (``face_to_face_target``)."""
    results = tuple(
        _result(
            measure.rule_id,
            measure.name,
            tally,
            face_to_face_target(tally.denominator)
            if measure.rule_id == FACE_TO_FACE_RULE
            else measure.target,
        )
        for measure, tally in zip(MEASURES, tallies, strict=True)
    )
    return KpiReport(year=year, as_of=as_of, unit_id=unit_id, results=results)
