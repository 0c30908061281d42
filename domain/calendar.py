"""Working-day calendar for mainland China and the Civil Code's period arithmetic.

Conventions (R-DL intro, 《民法典》第二百条至第二百零四条):
- the start day is not counted: a period runs from the next day;
- a month period ends on the same day of the month, or on the month's last day when the
  month has no such day;
- when the last day is not a working day, the period ends on the next working day;
- "working day" follows the State Council's yearly arrangement, weekend make-up working
  days (调休上班) included.

The default arrangement of a year comes from the ``holidays`` package; the office may enter
a year's arrangement as data, which replaces the package's for that year (R-DL-13). A result
that depends on a year with no published arrangement is *provisional* (R-DL-12).

Every query is answered from an index built once per calendar (working days numbered in
order), never by walking day by day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from holidays.countries.china import China, ChinaStaticHolidays

from domain.errors import DomainError

FIRST_YEAR = 2001
LAST_YEAR = 2080
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class Source(StrEnum):
    """Where a year's arrangement came from."""

    PACKAGE = "package"  # the holidays package (default)
    OVERRIDE = "override"  # entered by the office (R-DL-13)


class PeriodUnit(StrEnum):
    WORKING_DAYS = "wd"
    MONTHS = "m"
    DAYS = "d"


_PERIOD = re.compile(r"^([1-9][0-9]{0,2})(wd|m|d)$")


@dataclass(frozen=True, slots=True)
class Period:
    """A length of time as the notice states it: 15个工作日, 1个月, 3个月, 7日 (一周)."""

    amount: int
    unit: PeriodUnit

    @classmethod
    def parse(cls, text: str) -> Period:
        """``15wd``, ``3m`` or ``7d``; anything else is refused naming the ``period`` field."""
        match = _PERIOD.match(text.strip())
        if match is None:
            raise DomainError(
                f"期间“{text}”无法识别：应为数字加单位，如 15wd（工作日）、3m（月）、7d（日），"
                "数字为1至999",
                field="period",
            )
        return cls(int(match.group(1)), PeriodUnit(match.group(2)))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"

    @property
    def label(self) -> str:
        unit = {"wd": "个工作日", "m": "个月", "d": "日"}[self.unit.value]
        return f"{self.amount}{unit}"


@dataclass(frozen=True, slots=True)
class YearArrangement:
    """One year's holiday arrangement (放假安排).

    ``days_off`` names the dates not worked that would otherwise be (and may name weekend
    days that fall inside a holiday); ``workdays`` names the weekend days worked (调休上班).
    """

    year: int
    days_off: Mapping[date, str]
    workdays: Mapping[date, str]
    source: Source
    published: bool

    def __post_init__(self) -> None:
        for field, days in (("days_off", self.days_off), ("workdays", self.workdays)):
            stray = sorted(d for d in days if d.year != self.year)
            if stray:
                raise DomainError(
                    f"{stray[0].isoformat()} 不属于{self.year}年", rule_id="R-DL-13", field=field
                )
        both = sorted(set(self.days_off) & set(self.workdays))
        if both:
            raise DomainError(
                f"{both[0].isoformat()} 不能既是休息日又是上班日",
                rule_id="R-DL-13",
                field="workdays",
            )
        weekdays = sorted(d for d in self.workdays if d.weekday() < 5)
        if weekdays:
            raise DomainError(
                f"{weekdays[0].isoformat()} 是工作日（{WEEKDAY_NAMES[weekdays[0].weekday()]}），"
                "调休上班日只能是周六或周日",
                rule_id="R-DL-13",
                field="workdays",
            )


@dataclass(frozen=True, slots=True)
class DayNote:
    """A day that differs from the plain Monday–Friday week, with its name and source."""

    day: date
    name: str
    working: bool
    source: Source

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.day.weekday()]


@lru_cache(maxsize=256)
def package_arrangement(year: int) -> YearArrangement:
    """The ``holidays`` package's arrangement for ``year`` (the default, R-DL-13).

    A year counts as published when the package carries the State Council's substitutions
    for it; later years are the package's estimate from fixed and lunar dates only.
    """
    off = China(years=year, language="zh_CN")  # type: ignore[no-untyped-call]
    days_off = {d: str(name) for d, name in sorted(off.items())}
    workdays = {
        d: _workday_name(d, days_off) for d in sorted(off.weekend_workdays) if d.year == year
    }
    return YearArrangement(year, days_off, workdays, Source.PACKAGE, year in _published_years())


@lru_cache(maxsize=1)
def _published_years() -> frozenset[int]:
    """Years whose arrangement the package took from a State Council notice."""
    return frozenset(getattr(ChinaStaticHolidays, "special_public_holidays", {}))


def _workday_name(day: date, days_off: Mapping[date, str]) -> str:
    """Names a make-up working day after the day off it pays for, when the package says."""
    for off_day, name in days_off.items():
        if day.isoformat() in name:
            return f"调休上班（{off_day.month}月{off_day.day}日休息）"
    return "调休上班"


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a due date was computed (R-DL-14)."""

    start: date
    period: Period
    nominal_end: date
    due: date
    weekend_days_skipped: tuple[date, ...]
    holidays_skipped: tuple[DayNote, ...]
    makeup_workdays_counted: tuple[DayNote, ...]
    rolled_forward: bool
    provisional_years: tuple[int, ...]
    steps: tuple[str, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def text(self) -> str:
        return "；".join(self.steps) + "。"


@dataclass(frozen=True, slots=True)
class DueDate:
    start: date
    period: Period
    due: date
    provisional: bool


class WorkCalendar:
    """Working days from ``first_year`` to ``last_year``, indexed once.

    ``overrides`` replace the package's arrangement for their years (R-DL-13).
    """

    def __init__(
        self,
        overrides: Iterable[YearArrangement] = (),
        *,
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ) -> None:
        self.first_year, self.last_year = first_year, last_year
        by_year = {a.year: a for a in overrides}
        self.arrangements = {
            y: by_year.get(y) or package_arrangement(y) for y in range(first_year, last_year + 1)
        }
        self._first = date(first_year, 1, 1)
        self._last = date(last_year, 12, 31)
        self._base = self._first.toordinal()
        self._build_index()

    def _build_index(self) -> None:
        notes: dict[date, DayNote] = {}
        for a in self.arrangements.values():
            notes.update({d: DayNote(d, n, False, a.source) for d, n in a.days_off.items()})
            notes.update({d: DayNote(d, n, True, a.source) for d, n in a.workdays.items()})
        self._notes = notes
        size = self._last.toordinal() - self._base + 1
        working = bytearray(size)
        cumulative = [0] * size
        working_ordinals: list[int] = []
        count = 0
        for offset in range(size):
            day = self._first + timedelta(days=offset)
            note = notes.get(day)
            is_working = note.working if note else day.weekday() < 5
            if is_working:
                working[offset] = 1
                count += 1
                working_ordinals.append(self._base + offset)
            cumulative[offset] = count
        self._working = bytes(working)
        self._cumulative = cumulative
        self._working_ordinals = working_ordinals
        self._index_rolls_and_years(size)
        self._nominal_cache: dict[Period, list[int]] = {}

    def _index_rolls_and_years(self, size: int) -> None:
        """Per day: the next working day (for roll-forward), and unpublished-year counts.

        ``_unpublished_before[o]`` counts unpublished years before day ``o``'s year and
        ``_unpublished_through[o]`` through it, so "does [a, b] touch an unpublished year"
        is one subtraction (R-DL-12).
        """
        rolled = [0] * (size + 1)
        following = self._last.toordinal() + 1  # past the range: refused when reached
        for offset in range(size - 1, -1, -1):
            if self._working[offset]:
                following = self._base + offset
            rolled[offset] = following
        rolled[size] = following
        self._rolled = rolled
        prefix = [0]
        for y in range(self.first_year, self.last_year + 1):
            prefix.append(prefix[-1] + (not self.arrangements[y].published))
        self._unpublished_prefix = prefix
        before, through = [0] * (size + 1), [0] * (size + 1)
        for offset in range(size + 1):
            i = min((self._first + timedelta(days=offset)).year, self.last_year) - self.first_year
            before[offset], through[offset] = prefix[i], prefix[i + 1]
        self._unpublished_before, self._unpublished_through = before, through

    # --- single days -------------------------------------------------------------------

    def _offset(self, day: date, field: str) -> int:
        offset = day.toordinal() - self._base
        if not 0 <= offset < len(self._working):
            raise DomainError(
                f"日期 {day.isoformat()} 超出日历范围（{self.first_year}—{self.last_year}年）",
                field=field,
            )
        return offset

    def is_working_day(self, day: date) -> bool:
        return bool(self._working[self._offset(day, "date")])

    def note(self, day: date) -> DayNote | None:
        """The named holiday or make-up working day on ``day``, if any."""
        return self._notes.get(day)

    def is_published(self, year: int) -> bool:
        arrangement = self.arrangements.get(year)
        return arrangement is not None and arrangement.published

    def provisional_years(self, first: date, last: date) -> tuple[int, ...]:
        """Years between two dates (inclusive) whose arrangement is not published (R-DL-12)."""
        y1, y2 = first.year - self.first_year, last.year - self.first_year + 1
        prefix = self._unpublished_prefix
        if prefix[y2] - prefix[y1] == 0:
            return ()
        return tuple(
            y for y in range(first.year, last.year + 1) if not self.arrangements[y].published
        )

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day`` (``day`` itself excluded)."""
        return self.add_working_days(day, 1)

    def roll_forward(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day (民法典第二百零三条)."""
        return date.fromordinal(self._rolled[self._offset(day, "date")])

    # --- periods -----------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start``; the start day is not counted."""
        if n < 0:
            raise DomainError("工作日数不能为负数", field="period")
        if n == 0:
            return start
        k = self._cumulative[self._offset(start, "start")] + n - 1
        if k >= len(self._working_ordinals):
            raise DomainError(f"结果超出日历范围（{self.last_year}年以后）", field="period")
        return date.fromordinal(self._working_ordinals[k])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the start day excluded, the end day included.

        Negative when ``end`` is before ``start``.
        """
        cumulative = self._cumulative
        return cumulative[self._offset(end, "end")] - cumulative[self._offset(start, "start")]

    def due(self, start: date, period: Period) -> DueDate:
        """The last day of ``period`` counted from ``start``, rolled forward to a working day."""
        due, provisional = self.due_dates([(start, period)])[0]
        return DueDate(start, period, due, provisional)

    def due_dates(self, pairs: Iterable[tuple[date, Period]]) -> list[tuple[date, bool]]:
        """Due dates and provisional flags for many (start, period) pairs, from the index alone.

        A working-day period depends on the days after ``start``; a month or day period only
        on its nominal end and the roll-forward after it (R-DL-12).
        """
        base, size = self._base, len(self._working)
        cumulative, working, rolled = self._cumulative, self._working_ordinals, self._rolled
        before, through = self._unpublished_before, self._unpublished_through
        fromordinal, working_days = date.fromordinal, PeriodUnit.WORKING_DAYS
        results: list[tuple[date, bool]] = []
        append = results.append
        try:
            for start, period in pairs:
                offset = start.toordinal() - base
                if offset < 0 or offset >= size:
                    self._offset(start, "start")
                if period.unit is working_days:
                    end = working[cumulative[offset] + period.amount - 1]
                    first = offset + 1
                else:
                    first = self._nominal_offsets(period)[offset]
                    end = rolled[first]
                    if end - base >= size:
                        raise IndexError(end)
                append((fromordinal(end), through[end - base] > before[first]))
        except IndexError:
            raise DomainError(
                f"结果超出日历范围（{self.last_year}年以后）", field="period"
            ) from None
        return results

    def _nominal_offsets(self, period: Period) -> list[int]:
        """For each day of the range, the offset of ``period``'s nominal end (cached)."""
        cached = self._nominal_cache.get(period)
        if cached is None:
            cached = [
                nominal_end(self._first + timedelta(days=o), period).toordinal() - self._base
                for o in range(len(self._working))
            ]
            self._nominal_cache[period] = cached
        return cached

    def days_between(self, first: date, last: date) -> list[date]:
        """Every date in [first, last]; for explanations, which list what they skip."""
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    # --- listing -----------------------------------------------------------------------

    def year_notes(self, year: int) -> list[DayNote]:
        """Every non-working weekday and working weekend day of ``year``, in date order."""
        if year not in self.arrangements:
            raise DomainError(
                f"{year}年超出日历范围（{self.first_year}—{self.last_year}年）", field="year"
            )
        return [
            note
            for day, note in sorted(self._notes.items())
            if day.year == year and (note.working == (day.weekday() >= 5))
        ]


def nominal_end(start: date, period: Period) -> date:
    """The last day of a month or day period before any roll-forward (民法典第二百零二条)."""
    if period.unit is PeriodUnit.DAYS:
        return start + timedelta(days=period.amount)
    if period.unit is PeriodUnit.MONTHS:
        return add_months(start, period.amount)
    raise DomainError("工作日期间没有名义截止日", field="period")


def add_months(start: date, months: int) -> date:
    """Same day of the month ``months`` later, or that month's last day if it has no such day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
