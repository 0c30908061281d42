"""Explanations of due dates (R-DL-14): what was counted, skipped and rolled forward.

Staff and units dispute due dates; an explanation that names every holiday skipped and every
make-up working day counted settles the dispute without a phone call.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from domain.calendar import WEEKDAY_NAMES, DayNote, Explanation, Period, PeriodUnit, nominal_end

if TYPE_CHECKING:
    from domain.calendar import WorkCalendar


def chinese_date(day: date) -> str:
    """2024年4月28日 — Arabic numerals, no leading zeros (GB/T 9704-2012)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _short(day: date) -> str:
    return f"{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"


def _skipped(calendar: WorkCalendar, days: list[date]) -> tuple[list[date], list[DayNote]]:
    """Splits the non-working days among ``days`` into plain weekends and named holidays."""
    weekends: list[date] = []
    named: list[DayNote] = []
    for day in days:
        if calendar.is_working_day(day):
            continue
        note = calendar.note(day)
        if note is not None:
            named.append(note)
        else:
            weekends.append(day)
    return weekends, named


def _makeup(calendar: WorkCalendar, days: list[date]) -> list[DayNote]:
    notes = (calendar.note(d) for d in days if d.weekday() >= 5)
    return [n for n in notes if n is not None and n.working]


def _describe_skips(weekends: list[date], named: list[DayNote]) -> str | None:
    if not weekends and not named:
        return None
    parts = []
    if weekends:
        parts.append(f"周末{len(weekends)}天")
    if named:
        listed = "、".join(f"{_short(n.day)}{n.name}" for n in named)
        parts.append(f"节假日{len(named)}天（{listed}）")
    return f"跳过非工作日{len(weekends) + len(named)}天：" + "，".join(parts)


def _describe_makeup(makeup: list[DayNote]) -> str | None:
    if not makeup:
        return None
    listed = "、".join(f"{_short(n.day)}{n.name}" for n in makeup)
    return f"计入调休上班日{len(makeup)}天：{listed}"


def explain(calendar: WorkCalendar, start: date, period: Period) -> Explanation:
    """Builds the R-DL-14 explanation of ``period`` counted from ``start``."""
    result = calendar.due(start, period)
    first_counted = start + timedelta(days=1)
    steps = [f"起算日{chinese_date(start)}（当日不计入，自{chinese_date(first_counted)}起算）"]
    if period.unit is PeriodUnit.WORKING_DAYS:
        nominal = result.due
        span = calendar.days_between(first_counted, result.due)
        weekends, named = _skipped(calendar, span)
        makeup = _makeup(calendar, span)
        steps.append(f"期间{period.label}，数满{period.amount}个工作日")
    else:
        nominal = nominal_end(start, period)
        steps.append(_nominal_step(start, period, nominal))
        span = calendar.days_between(nominal, result.due)
        weekends, named = _skipped(calendar, span)
        makeup = _makeup(calendar, [nominal])
    rolled = result.due != nominal
    steps.extend(s for s in (_describe_skips(weekends, named), _describe_makeup(makeup)) if s)
    if rolled:
        steps.append(
            f"{chinese_date(nominal)}不是工作日，顺延至下一个工作日{chinese_date(result.due)}"
        )
    steps.append(f"截止日{chinese_date(result.due)}（{WEEKDAY_NAMES[result.due.weekday()]}）")
    depends_from = first_counted if period.unit is PeriodUnit.WORKING_DAYS else nominal
    provisional = calendar.provisional_years(depends_from, result.due)
    if provisional:
        years = "、".join(f"{y}年" for y in provisional)
        steps.append(f"{years}放假安排尚未公布，截止日为暂定，公布后重新计算（R-DL-12）")
    return Explanation(
        start=start,
        period=period,
        nominal_end=nominal,
        due=result.due,
        weekend_days_skipped=tuple(weekends),
        holidays_skipped=tuple(named),
        makeup_workdays_counted=tuple(makeup),
        rolled_forward=rolled,
        provisional_years=provisional,
        steps=tuple(steps),
    )


def _nominal_step(start: date, period: Period, nominal: date) -> str:
    if period.unit is PeriodUnit.DAYS:
        return f"期间{period.label}，期间最后一日为{chinese_date(nominal)}"
    if nominal.day != start.day:
        return (
            f"期间{period.label}，到期月没有对应日（{start.day}日），"
            f"以月末{chinese_date(nominal)}为期间最后一日"
        )
    return f"期间{period.label}，到期月对应日为{chinese_date(nominal)}"
