"""Deadlines as data (R-DL-1..10, R-AS-2/3) evaluated for one assignment as of a day."""

from __future__ import annotations

from datetime import date

import pytest

from domain.calendar import Explanation
from domain.deadlines import (
    RULES,
    AssignmentDates,
    DeadlineSettings,
    State,
    YearPlan,
    check_reassignment_request,
    evaluate,
    explain_deadline,
)
from domain.errors import DomainError
from domain.model import Role

D = date.fromisoformat
PLAN = YearPlan.default(2024)
SECOND = D("2024-04-11")  # R-DL-1 due 2024-05-06, R-DL-3 due 2024-05-11 (Sat, worked), R-DL-4 7/11


def by_rule(calendar, dates, as_of, **kw):
    return {d.rule.rule_id: d for d in evaluate(calendar, dates, as_of=D(as_of), plan=PLAN, **kw)}


def test_every_r_dl_rule_is_data():
    ids = {r.rule_id for r in RULES}
    assert {f"R-DL-{n}" for n in range(1, 10)} <= ids
    assert "R-AS-2" in ids


@pytest.mark.parametrize(
    ("role", "key", "expected"),
    [
        pytest.param(Role.MAIN, False, {"R-AS-2", "R-DL-1", "R-DL-4", "R-DL-5", "R-DL-6",
                                         "R-DL-8", "R-DL-9"}, id="main unit"),
        pytest.param(Role.MAIN, True, {"R-AS-2", "R-DL-1", "R-DL-2", "R-DL-4", "R-DL-5",
                                        "R-DL-6", "R-DL-8", "R-DL-9"}, id="R-DL-2 key item"),
        pytest.param(Role.CO, False, {"R-AS-2", "R-DL-3"}, id="R-DL-3 co-unit"),
        pytest.param(Role.SPLIT, False, {"R-AS-2", "R-DL-1", "R-DL-4", "R-DL-5", "R-DL-6",
                                          "R-DL-8"}, id="split unit: no look-back (R-FB-3)"),
    ],
)  # fmt: skip
def test_which_rules_an_assignment_owes(calendar, role, key, expected):
    dates = AssignmentDates(role=role, key_item=key, second_assignment=SECOND)
    assert set(by_rule(calendar, dates, "2024-04-12")) == expected


@pytest.mark.parametrize(
    ("rule", "as_of", "done", "state"),
    [
        pytest.param("R-DL-4", "2024-05-01", None, State.OPEN, id="R-DL-4 open"),
        pytest.param("R-DL-4", "2024-07-08", None, State.DUE_SOON, id="R-DL-4 3 wd left: due soon"),
        pytest.param("R-DL-4", "2024-07-05", None, State.OPEN, id="R-DL-4 4 wd left: open"),
        pytest.param("R-DL-4", "2024-07-11", None, State.DUE_SOON, id="R-DL-4 due today"),
        pytest.param("R-DL-4", "2024-07-12", None, State.OVERDUE, id="R-DL-4 a day late"),
        pytest.param("R-DL-4", "2024-08-01", "2024-07-11", State.DONE_ON_TIME, id="R-DL-4 on due"),
        pytest.param("R-DL-4", "2024-08-01", "2024-07-12", State.DONE_LATE, id="R-DL-4 done late"),
        pytest.param("R-DL-4", "2024-07-12", "2024-07-20", State.OVERDUE,
                     id="R-DL-4 reply after as_of has not happened yet"),
        pytest.param("R-DL-1", "2024-05-06", None, State.DUE_SOON, id="R-DL-1 due 5/6"),
        pytest.param("R-DL-1", "2024-05-07", None, State.OVERDUE, id="R-DL-1 overdue 5/7"),
    ],
)  # fmt: skip
def test_states(calendar, rule, as_of, done, state):
    done_by = {"R-DL-4": "reply_sent", "R-DL-1": "breakdown_delivered"}[rule]
    dates = AssignmentDates(role=Role.MAIN, second_assignment=SECOND, **{done_by: done and D(done)})
    assert by_rule(calendar, dates, as_of)[rule].state is state


def test_due_dates_of_a_main_assignment(calendar):
    dates = AssignmentDates(role=Role.MAIN, second_assignment=SECOND, reply_sent=D("2024-07-05"))
    found = by_rule(calendar, dates, "2024-07-20")
    assert found["R-DL-1"].due == D("2024-05-06")
    assert found["R-DL-4"].due == D("2024-07-11")
    assert found["R-DL-5"].due == D("2024-07-12")  # 7 days from the reply
    assert found["R-DL-5"].state is State.OVERDUE
    assert found["R-DL-6"].due == D("2024-07-22")  # 7/20 is a Saturday: rolled forward
    assert found["R-DL-8"].due == D("2024-09-30")
    assert found["R-DL-9"].due == D("2024-12-31")


def test_co_opinion_due_in_one_month_may_land_on_a_make_up_saturday(calendar):
    dates = AssignmentDates(role=Role.CO, second_assignment=SECOND)
    assert by_rule(calendar, dates, "2024-04-12")["R-DL-3"].due == D("2024-05-11")  # worked Sat


def test_publication_is_not_owed_for_a_reply_that_may_not_be_published(calendar):
    """R-DL-5 with R-RP-2: a secret or non-disclosed reply is never published."""
    dates = AssignmentDates(role=Role.MAIN, publishable=False, second_assignment=SECOND)
    assert "R-DL-5" not in by_rule(calendar, dates, "2024-04-12")


def test_a_follow_up_is_owed_only_after_the_offices_referral(calendar):
    """R-DL-7 / R-FB-2: 15 working days from the office's referral of dissatisfaction."""
    dates = AssignmentDates(role=Role.MAIN, second_assignment=SECOND)
    assert "R-DL-7" not in by_rule(calendar, dates, "2024-09-01")
    referred = AssignmentDates(
        role=Role.MAIN, second_assignment=SECOND, office_referral=D("2024-09-20")
    )
    follow_up = by_rule(calendar, referred, "2024-10-17")["R-DL-7"]
    assert follow_up.due == D("2024-10-16")
    assert follow_up.state is State.OVERDUE
    assert follow_up.working_days_left == -1


def test_periods_not_yet_started_have_no_due_date(calendar):
    dates = AssignmentDates(role=Role.MAIN, second_assignment=SECOND)
    found = by_rule(calendar, dates, "2024-04-12")
    assert found["R-DL-5"].due is None and found["R-DL-5"].state is State.NOT_STARTED
    assert "等待" in str(explain_deadline(calendar, found["R-DL-5"]))


def test_nothing_has_started_before_the_second_assignment_happens(calendar):
    dates = AssignmentDates(role=Role.MAIN, second_assignment=SECOND)
    assert by_rule(calendar, dates, "2024-04-10")["R-DL-4"].state is State.NOT_STARTED


def test_the_office_sets_due_dates_for_items_assigned_between_sessions(calendar):
    """R-DL-10: the office's per-item date replaces the computed one."""
    dates = AssignmentDates(
        role=Role.MAIN,
        second_assignment=D("2024-08-01"),
        office_set_due={"R-DL-4": D("2024-09-15")},
    )
    reply = by_rule(calendar, dates, "2024-09-16")["R-DL-4"]
    assert reply.due == D("2024-09-15") and reply.set_by_office
    assert reply.state is State.OVERDUE
    assert "R-DL-10" in str(explain_deadline(calendar, reply))


def test_a_year_plan_sets_the_fixed_dates():
    """R-DL-8/9: 2024's dates are in the notice's footnotes; another year brings its own."""
    from domain.calendar import WorkCalendar

    plan = YearPlan(2025, D("2025-10-15"), D("2025-12-26"))
    dates = AssignmentDates(role=Role.MAIN, second_assignment=D("2025-04-10"))
    found = {
        d.rule.rule_id: d
        for d in evaluate(WorkCalendar(first_year=2025, last_year=2026), dates,
                          as_of=D("2025-05-01"), plan=plan)
    }  # fmt: skip
    assert found["R-DL-8"].due == D("2025-10-15")
    assert found["R-DL-9"].due == D("2025-12-26")


def test_the_due_soon_window_is_a_setting(calendar):
    dates = AssignmentDates(role=Role.MAIN, second_assignment=SECOND)
    assert by_rule(calendar, dates, "2024-07-05")["R-DL-4"].state is State.OPEN
    wider = DeadlineSettings(due_soon_days=5)
    assert by_rule(calendar, dates, "2024-07-05", settings=wider)["R-DL-4"].state is State.DUE_SOON


def test_the_explanation_of_a_deadline_is_its_periods(calendar):
    dates = AssignmentDates(role=Role.MAIN, second_assignment=D("2024-04-08"))
    breakdown = by_rule(calendar, dates, "2024-04-09")["R-DL-1"]
    explanation = explain_deadline(calendar, breakdown)
    assert isinstance(explanation, Explanation)
    assert explanation.due == breakdown.due == D("2024-04-28")


# --- the re-assignment window (R-AS-2, R-AS-3) --------------------------------------------


def test_the_reassignment_window_closes_instead_of_going_overdue(calendar):
    dates = AssignmentDates(role=Role.CO, first_assignment=D("2024-04-01"))
    window = by_rule(calendar, dates, "2024-05-01")["R-AS-2"]
    assert window.due == D("2024-04-16")
    assert window.state is State.CLOSED


@pytest.mark.parametrize(
    ("on", "refused_by"),
    [
        pytest.param("2024-04-16", None, id="R-AS-2 last day of 10 working days"),
        pytest.param("2024-04-17", "R-AS-2", id="R-AS-2 one day late"),
        pytest.param("2024-03-31", "R-AS-2", id="R-AS-2 before receipt"),
    ],
)
def test_reassignment_requests_within_the_window(calendar, on, refused_by):
    dates = AssignmentDates(role=Role.MAIN, first_assignment=D("2024-04-01"))
    if refused_by is None:
        check_reassignment_request(calendar, dates, on=D(on))
        return
    with pytest.raises(DomainError) as refused:
        check_reassignment_request(calendar, dates, on=D(on))
    assert refused.value.rule_id == refused_by
    assert refused.value.field == "requested_on"


def test_the_window_length_is_a_setting(calendar):
    dates = AssignmentDates(role=Role.MAIN, first_assignment=D("2024-04-01"))
    check_reassignment_request(
        calendar, dates, on=D("2024-04-19"), settings=DeadlineSettings(reassignment_window_days=13)
    )


def test_adjustments_settle_before_the_second_assignment(calendar):
    dates = AssignmentDates(
        role=Role.MAIN, first_assignment=D("2024-04-01"), second_assignment=D("2024-04-10")
    )
    with pytest.raises(DomainError) as refused:
        check_reassignment_request(calendar, dates, on=D("2024-04-12"))
    assert refused.value.rule_id == "R-AS-3"


@pytest.mark.parametrize("as_of", ["2024-04-26", "2024-04-30", "2024-09-27", "2024-02-08"])
def test_due_soon_until_agrees_with_the_state_of_every_due_date(calendar, as_of):
    """The list filter's date bound gives the same answer as evaluate's DUE_SOON state."""
    from datetime import timedelta

    from domain.deadlines import due_soon_until

    settings = DeadlineSettings()
    until = due_soon_until(calendar, D(as_of), settings)
    for offset in range(0, 20):
        due = D(as_of) + timedelta(days=offset)
        soon = calendar.working_days_between(D(as_of), due) <= settings.due_soon_days
        assert (due <= until) == soon, due
