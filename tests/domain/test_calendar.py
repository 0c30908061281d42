"""Working-day calendar: R-DL intro (Civil Code periods), R-DL-12, R-DL-13."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.calendar import (
    DayNote,
    Period,
    PeriodUnit,
    Source,
    WorkCalendar,
    YearArrangement,
    add_months,
    package_arrangement,
)
from domain.errors import DomainError

D = date.fromisoformat
days = st.dates(min_value=date(2001, 1, 1), max_value=date(2070, 12, 31))
counts = st.integers(min_value=0, max_value=400)


# --- properties -------------------------------------------------------------------------


@given(start=days, n=st.integers(min_value=1, max_value=400))
def test_a_working_day_period_always_ends_on_a_working_day(calendar, start, n):
    assert calendar.is_working_day(calendar.add_working_days(start, n))


@given(start=days, n=counts)
def test_working_days_between_start_and_start_plus_n_is_n(calendar, start, n):
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@given(start=days, n=counts, m=counts)
def test_adding_working_days_is_monotonic(calendar, start, n, m):
    a, b = calendar.add_working_days(start, n), calendar.add_working_days(start, m)
    assert (a <= b) == (n <= m) or a == b


@given(start=days, later=st.integers(min_value=0, max_value=60), n=counts)
def test_a_later_start_never_gives_an_earlier_due_date(calendar, start, later, n):
    assert calendar.add_working_days(start, n) <= calendar.add_working_days(
        start + timedelta(days=later), n
    )


@given(start=days, n=st.integers(min_value=1, max_value=400))
def test_every_day_counted_is_a_working_day_and_none_is_missed(calendar, start, n):
    due = calendar.add_working_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == n


@given(start=days, months=st.integers(min_value=1, max_value=36))
def test_a_month_period_ends_on_the_same_day_or_the_months_last_day(start, months):
    end = add_months(start, months)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    if end.day != start.day:
        assert end.day < start.day
        assert (end + timedelta(days=1)).day == 1  # the last day of its month


@given(start=days, period=st.sampled_from(["1m", "3m", "7d", "15d", "15wd"]))
def test_every_due_date_is_a_working_day_on_or_after_the_nominal_end(calendar, start, period):
    result = calendar.due(start, Period.parse(period))
    assert calendar.is_working_day(result.due)
    assert result.due > start


@given(day=days)
def test_roll_forward_keeps_a_working_day_and_moves_any_other(calendar, day):
    rolled = calendar.roll_forward(day)
    assert calendar.is_working_day(rolled)
    assert (rolled == day) == calendar.is_working_day(day)
    assert all(not calendar.is_working_day(d) for d in calendar.days_between(day, rolled)[:-1])


# --- the State Council's arrangements (R-DL intro) -----------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(D("2024-02-04"), True, id="2024 Spring Festival: Sun 2/4 worked"),
        pytest.param(D("2024-02-18"), True, id="2024 Spring Festival: Sun 2/18 worked"),
        pytest.param(D("2024-02-12"), False, id="2024 Spring Festival: Mon 2/12 off"),
        pytest.param(D("2024-02-16"), False, id="2024 Spring Festival: Fri 2/16 off"),
        pytest.param(D("2024-02-17"), False, id="2024 Spring Festival: Sat 2/17 off"),
        pytest.param(D("2024-09-29"), True, id="2024 National Day: Sun 9/29 worked"),
        pytest.param(D("2024-10-12"), True, id="2024 National Day: Sat 10/12 worked"),
        pytest.param(D("2024-10-07"), False, id="2024 National Day: Mon 10/7 off"),
        pytest.param(D("2024-10-08"), True, id="2024 National Day: Tue 10/8 back"),
        pytest.param(D("2025-09-28"), True, id="2025 National Day+Mid-Autumn: Sun 9/28 worked"),
        pytest.param(D("2025-10-06"), False, id="2025 National Day+Mid-Autumn: Mon 10/6 off"),
        pytest.param(D("2025-10-08"), False, id="2025 National Day+Mid-Autumn: Wed 10/8 off"),
        pytest.param(D("2025-10-09"), True, id="2025 National Day+Mid-Autumn: Thu 10/9 back"),
        pytest.param(D("2025-10-11"), True, id="2025 National Day+Mid-Autumn: Sat 10/11 worked"),
        pytest.param(D("2024-04-28"), True, id="2024 Labour Day: Sun 4/28 worked"),
        pytest.param(D("2024-05-11"), True, id="2024 Labour Day: Sat 5/11 worked"),
    ],
)
def test_holidays_and_make_up_working_days(calendar, day, working):
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        pytest.param("2024-04-08", "15wd", "2024-04-28", id="R-DL-1 notice date+15wd: make-up Sun"),
        pytest.param("2024-04-11", "15wd", "2024-05-06", id="R-DL-1 published+15wd over May Day"),
        pytest.param("2024-02-01", "15wd", "2024-02-27", id="R-DL-1 over 2024 Spring Festival"),
        pytest.param("2024-09-20", "15wd", "2024-10-16", id="R-DL-7 over 2024 National Day"),
        pytest.param("2025-09-20", "15wd", "2025-10-16", id="R-DL-7 over 2025 National Day"),
        pytest.param("2024-07-01", "3m", "2024-10-08", id="R-DL-4 3m ends 10/1: rolled to 10/8"),
        pytest.param("2024-08-31", "1m", "2024-09-30", id="R-DL-3 8/31+1m: 9/30 (no 31st)"),
        pytest.param("2024-01-31", "1m", "2024-02-29", id="R-DL-3 1/31+1m leap year: 2/29"),
        pytest.param("2025-01-31", "1m", "2025-02-28", id="R-DL-3 1/31+1m common year: 2/28"),
        pytest.param("2023-11-30", "3m", "2024-02-29", id="R-DL-4 11/30+3m: leap 2/29"),
        pytest.param("2024-09-24", "7d", "2024-10-08", id="R-DL-5 7d ends 10/1: rolled to 10/8"),
        pytest.param("2024-01-29", "7d", "2024-02-05", id="R-DL-5 7d ends Mon 2/5"),
        pytest.param("2024-01-27", "7d", "2024-02-04", id="R-DL-5 7d ends on make-up Sun 2/4"),
        pytest.param("2024-06-25", "15d", "2024-07-10", id="R-DL-6 15 days"),
        pytest.param("2024-03-08", "1m", "2024-04-08", id="R-DL-3 1m plain"),
        pytest.param("2024-03-04", "1m", "2024-04-07", id="R-DL-3 1m ends 4/4 holiday→Sun 4/7"),
    ],
)
def test_due_dates(calendar, start, period, due):
    result = calendar.due(D(start), Period.parse(period))
    assert result.due == D(due)
    assert result.provisional is False


def test_working_days_between_excludes_start_includes_end(calendar):
    assert calendar.working_days_between(D("2024-04-08"), D("2024-04-28")) == 15
    assert calendar.working_days_between(D("2024-04-28"), D("2024-04-08")) == -15
    assert calendar.working_days_between(D("2024-04-08"), D("2024-04-08")) == 0


def test_next_working_day_skips_a_whole_holiday(calendar):
    assert calendar.next_working_day(D("2024-09-30")) == D("2024-10-08")
    assert calendar.next_working_day(D("2024-02-09")) == D("2024-02-18")  # make-up Sunday


# --- published arrangements and overrides (R-DL-12, R-DL-13) -------------------------------


def test_years_with_a_state_council_notice_are_published(calendar):
    assert calendar.is_published(2024) and calendar.is_published(2025)
    assert package_arrangement(2024).published
    assert not calendar.is_published(2070)


def test_a_deadline_in_an_unpublished_year_is_provisional():
    calendar = WorkCalendar(first_year=2024, last_year=2030)
    last_published = max(y for y in range(2024, 2031) if calendar.is_published(y))
    start = date(last_published, 12, 20)
    result = calendar.due(start, Period.parse("15wd"))  # R-DL-12
    assert result.due.year == last_published + 1
    assert result.provisional is True
    inside = calendar.due(date(last_published, 3, 1), Period.parse("15wd"))
    assert inside.provisional is False


def test_a_month_period_depends_only_on_its_end(calendar):
    """3m from a date in a published year ending in a published year is not provisional."""
    assert calendar.due(D("2024-07-01"), Period.parse("3m")).provisional is False


def test_an_override_replaces_the_package_for_its_year():
    """R-DL-13: the office enters 2030's arrangement; it replaces the package's estimate."""
    override = YearArrangement(
        2030,
        days_off={D("2030-10-01"): "国庆节", D("2030-10-07"): "国庆节调休"},
        workdays={D("2030-10-12"): "国庆节调休上班"},
        source=Source.OVERRIDE,
        published=True,
    )
    before = WorkCalendar(first_year=2029, last_year=2031)
    after = WorkCalendar([override], first_year=2029, last_year=2031)
    assert not before.is_published(2030) and after.is_published(2030)
    assert after.is_working_day(D("2030-10-12"))  # a Saturday, worked
    assert not after.is_working_day(D("2030-10-07"))
    assert after.is_working_day(D("2030-10-02"))  # the package's holiday is gone: replaced
    assert after.note(D("2030-10-12")) == DayNote(
        D("2030-10-12"), "国庆节调休上班", True, Source.OVERRIDE
    )
    assert after.due(D("2030-09-30"), Period.parse("7d")).provisional is False


@pytest.mark.parametrize(
    ("days_off", "workdays", "field"),
    [
        pytest.param({D("2031-01-01"): "元旦"}, {}, "days_off", id="a date of another year"),
        pytest.param({}, {D("2030-10-14"): "x"}, "workdays", id="a Monday as make-up day"),
        pytest.param(
            {D("2030-10-12"): "x"}, {D("2030-10-12"): "y"}, "workdays", id="both off and worked"
        ),
    ],
)
def test_a_bad_override_is_refused_naming_the_field(days_off, workdays, field):
    with pytest.raises(DomainError) as refused:
        YearArrangement(2030, days_off, workdays, Source.OVERRIDE, True)
    assert refused.value.field == field
    assert refused.value.rule_id == "R-DL-13"


def test_year_notes_list_non_working_weekdays_and_working_weekends(calendar):
    notes = calendar.year_notes(2024)
    days_listed = {n.day for n in notes}
    assert D("2024-02-04") in days_listed and D("2024-10-07") in days_listed
    assert D("2024-02-10") not in days_listed  # a Saturday off is not news
    assert all((n.day.weekday() >= 5) == n.working for n in notes)
    assert all(n.source is Source.PACKAGE for n in notes)
    assert len([n for n in notes if n.working]) == 8  # 2024's eight make-up working days


# --- periods and bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("15wd", 15, PeriodUnit.WORKING_DAYS),
        ("3m", 3, PeriodUnit.MONTHS),
        ("7d", 7, PeriodUnit.DAYS),
    ],
)
def test_periods_parse(text, amount, unit):
    assert Period.parse(text) == Period(amount, unit)
    assert str(Period.parse(text)) == text


@pytest.mark.parametrize("text", ["", "15", "wd", "0wd", "-1m", "1y", "1000d", "3 m", "1.5m"])
def test_bad_periods_are_refused_naming_the_field(text):
    with pytest.raises(DomainError) as refused:
        Period.parse(text)
    assert refused.value.field == "period"


def test_dates_outside_the_calendar_are_refused(calendar):
    with pytest.raises(DomainError) as refused:
        calendar.due(date(1999, 1, 1), Period.parse("15wd"))
    assert refused.value.field == "start"
