"""Units ranked for the yearly report: by the share of judged targets met, then the mean
rate; ties share a rank; units with nothing judged are listed unranked."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from domain.kpi import KpiReport, KpiResult
from domain.kpi_ranking import rank_units


def result(
    rule: str, numerator: int, denominator: int, target: Fraction | None = Fraction(1)
) -> KpiResult:
    rate = Fraction(numerator, denominator) if denominator else None
    met = None if rate is None or target is None else rate >= target
    return KpiResult(rule, rule, numerator, denominator, rate, target, met, (), (), ())


def report(unit_id: int, *results: KpiResult) -> KpiReport:
    return KpiReport(2024, date(2024, 12, 31), unit_id, results)


NAMES = {1: "一局", 2: "二局", 3: "三局", 4: "四局", 5: "五局"}


def test_a_larger_share_met_ranks_higher_and_ties_share_a_rank():
    reports = [
        report(1, result("R-KPI-1", 1, 2), result("R-KPI-2", 2, 2)),  # 1/2 met, mean 3/4
        report(2, result("R-KPI-1", 2, 2), result("R-KPI-2", 2, 2)),  # 2/2 met
        report(3, result("R-KPI-1", 0, 2)),  # 0/1 met
        report(4, result("R-KPI-1", 1, 2), result("R-KPI-2", 2, 2)),  # same as 1
        report(5, result("R-KPI-1", 0, 0)),  # nothing judged
    ]
    ranked = rank_units(reports, lambda u: NAMES.get(u or 0, ""))
    assert [(r.rank, r.report.unit_id) for r in ranked] == [
        (1, 2),
        (2, 1),
        (2, 4),
        (4, 3),
        (None, 5),
    ]
    assert (ranked[0].met, ranked[0].judged, ranked[0].missed) == (2, 2, ())
    assert ranked[1].mean_rate == Fraction(3, 4) and ranked[3].missed == ("R-KPI-1",)


def test_a_unit_that_sent_nothing_is_not_spared_the_targets_on_replies():
    idle = report(1, result("R-KPI-1", 0, 2))  # judged once, missed once
    busy = report(
        2, result("R-KPI-1", 4, 5), result("R-KPI-2", 4, 4), result("R-KPI-3", 1, 4, Fraction(1, 2))
    )
    assert [r.report.unit_id for r in rank_units([idle, busy])] == [2, 1]
