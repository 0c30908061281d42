"""Units ranked by their targets for the yearly report (R-KPI-1..7, R-SV-2).

The notice sets targets, not a ranking; the office ranks to name the best and the slack.
The order here: the larger share of judged targets met first (a share, not a count of
misses, so a unit that sent no reply is not spared the targets on replies); then the higher
mean rate over the judged measures; then the name. Equal shares and mean rates share a rank
(1, 2, 2, 4). A unit with nothing judged (only co-assignments, nothing due yet) is unranked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from domain.kpi import KpiReport


@dataclass(frozen=True, slots=True)
class RankedUnit:
    rank: int | None
    report: KpiReport
    judged: int
    missed: tuple[str, ...]
    mean_rate: Fraction | None

    @property
    def met(self) -> int:
        return self.judged - len(self.missed)


def _standing(report: KpiReport) -> tuple[int, tuple[str, ...], Fraction | None]:
    judged = [r for r in report.results if r.met is not None and r.rate is not None]
    rates = [r.rate for r in judged if r.rate is not None]
    mean = sum(rates, Fraction(0)) / len(rates) if rates else None
    return len(judged), report.missed_rule_ids, mean


def _met_share(judged: int, missed: tuple[str, ...]) -> Fraction:
    return Fraction(judged - len(missed), judged)


def rank_units(
    reports: Iterable[KpiReport], name_of: Callable[[int | None], str] = str
) -> list[RankedUnit]:
    """Every unit's report with its rank, best first; unranked units last, by name."""
    standings = [(report, *_standing(report)) for report in reports]
    judged = [s for s in standings if s[1] > 0]
    judged.sort(key=lambda s: (-_met_share(s[1], s[2]), -(s[3] or 0), name_of(s[0].unit_id)))
    ranked: list[RankedUnit] = []
    previous: tuple[Fraction, Fraction | None] | None = None
    rank = 0
    for position, (report, count, missed, mean) in enumerate(judged, start=1):
        standing = (_met_share(count, missed), mean)
        if standing != previous:
            rank, previous = position, standing
        ranked.append(RankedUnit(rank, report, count, missed, mean))
    rest = sorted((s for s in standings if s[1] == 0), key=lambda s: name_of(s[0].unit_id))
    ranked += [RankedUnit(None, report, 0, missed, None) for report, _, missed, _ in rest]
    return ranked
