"""Every due date explains itself (R-DL-14)."""

from __future__ import annotations

from datetime import date

from domain.calendar import Period, WorkCalendar
from domain.explain import chinese_date, explain

D = date.fromisoformat


def test_a_working_day_period_names_the_make_up_sunday_it_counts(calendar):
    e = explain(calendar, D("2024-04-08"), Period.parse("15wd"))
    assert e.due == D("2024-04-28")
    assert [n.day for n in e.makeup_workdays_counted] == [D("2024-04-28")]
    assert len(e.weekend_days_skipped) == 5 and e.holidays_skipped == ()
    assert not e.rolled_forward
    assert "起算日2024年4月8日（当日不计入" in e.text
    assert "计入调休上班日1天" in e.text
    assert "截止日2024年4月28日（星期日）" in e.text


def test_spring_festival_holidays_are_listed_by_name(calendar):
    e = explain(calendar, D("2024-02-01"), Period.parse("15wd"))
    assert e.due == D("2024-02-27")
    assert [n.day.day for n in e.holidays_skipped] == [10, 11, 12, 13, 14, 15, 16]
    assert [n.day for n in e.makeup_workdays_counted] == [D("2024-02-04"), D("2024-02-18")]
    assert "春节" in e.text


def test_a_month_period_ending_on_national_day_rolls_forward(calendar):
    e = explain(calendar, D("2024-07-01"), Period.parse("3m"))
    assert e.nominal_end == D("2024-10-01")
    assert e.due == D("2024-10-08")
    assert e.rolled_forward
    assert len(e.holidays_skipped) == 5  # 10/1–10/4 and 10/7; 10/5–10/6 are plain weekend
    assert "顺延至下一个工作日2024年10月8日" in e.text


def test_a_month_without_the_same_day_ends_on_its_last_day(calendar):
    e = explain(calendar, D("2024-01-31"), Period.parse("1m"))
    assert e.due == D("2024-02-29")
    assert "到期月没有对应日（31日），以月末2024年2月29日为期间最后一日" in e.text


def test_a_provisional_due_date_says_so():
    calendar = WorkCalendar(first_year=2024, last_year=2032)
    year = max(y for y in range(2024, 2033) if calendar.is_published(y)) + 1
    e = explain(calendar, date(year, 3, 2), Period.parse("15wd"))
    assert e.provisional and e.provisional_years == (year,)
    assert f"{year}年放假安排尚未公布" in e.text and "R-DL-12" in e.text


def test_chinese_dates_have_no_leading_zeros():
    assert chinese_date(D("2024-05-06")) == "2024年5月6日"
