"""Targets R-KPI-0..7: hand-counted scenarios, the R-KPI-4 tiers, and unit/county agreement."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.kpi import (
    AssignmentFacts,
    Contact,
    FeedbackVote,
    all_unit_kpis,
    county_kpis,
    face_to_face_target,
    percent_text,
    unit_kpis,
)
from domain.model import ReplyClass, Role, Satisfaction, VisitMode

YEAR = 2024
AS_OF = date(2024, 8, 1)
RULE_IDS = tuple(f"R-KPI-{n}" for n in range(1, 8))
F2F, PHONE, WECHAT = VisitMode.FACE_TO_FACE, VisitMode.PHONE, VisitMode.WECHAT
OK, BASIC, BAD = (
    Satisfaction.SATISFIED,
    Satisfaction.BASICALLY_SATISFIED,
    Satisfaction.DISSATISFIED,
)


def fact(item_id: int, **changes: object) -> AssignmentFacts:
    """A main assignment of unit 1 in 2024, assigned but with nothing done yet."""
    base = AssignmentFacts(
        item_id=item_id, unit_id=1, role=Role.MAIN, year=YEAR, reply_due=date(2024, 7, 15)
    )
    return replace(base, **changes)


def sent(item_id: int, on: date = date(2024, 7, 10), **changes: object) -> AssignmentFacts:
    """A main assignment whose reply went out ``on``; publication due a week later (R-DL-5)."""
    return fact(
        item_id, **({"reply_sent": on, "publication_due": on + timedelta(days=7)} | changes)
    )


def measure(facts: list[AssignmentFacts], rule_id: str, as_of: date = AS_OF):
    return unit_kpis(facts, unit_id=1, year=YEAR, as_of=as_of)[rule_id]


def figures(result) -> tuple[int, int, tuple[int, ...], tuple[int, ...]]:
    return result.numerator, result.denominator, result.met_item_ids, result.shortfall_item_ids


# --- R-KPI-4 tiers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "target"),
    [
        pytest.param(0, Fraction(1), id="R-KPI-4 N=0 -> 100%"),
        pytest.param(1, Fraction(1), id="R-KPI-4 N=1 -> 100%"),
        pytest.param(10, Fraction(1), id="R-KPI-4 N=10 (10件以下 includes 10) -> 100%"),
        pytest.param(11, Fraction(3, 4), id="R-KPI-4 N=11 -> 75%"),
        pytest.param(49, Fraction(3, 4), id="R-KPI-4 N=49 -> 75%"),
        pytest.param(50, Fraction(1, 2), id="R-KPI-4 N=50 (50件以上 includes 50) -> 50%"),
        pytest.param(400, Fraction(1, 2), id="R-KPI-4 N=400 -> 50%"),
    ],
)
def test_face_to_face_target_follows_the_tiers_on_the_units_count(n, target):
    assert face_to_face_target(n) == target


def test_face_to_face_target_refuses_a_negative_count():
    with pytest.raises(DomainError) as refused:
        face_to_face_target(-1)
    assert refused.value.rule_id == "R-KPI-4"


@pytest.mark.parametrize(
    ("n", "visited", "met"),
    [
        pytest.param(10, 10, True, id="R-KPI-4 N=10 visited 10 -> met"),
        pytest.param(10, 9, False, id="R-KPI-4 N=10 visited 9 -> missed"),
        pytest.param(11, 9, True, id="R-KPI-4 N=11 visited 9 (81.8%) -> met"),
        pytest.param(11, 8, False, id="R-KPI-4 N=11 visited 8 (72.7%) -> missed"),
        pytest.param(49, 37, True, id="R-KPI-4 N=49 visited 37 (75.5%) -> met"),
        pytest.param(49, 36, False, id="R-KPI-4 N=49 visited 36 (73.5%) -> missed"),
        pytest.param(50, 25, True, id="R-KPI-4 N=50 visited 25 (50%) -> met"),
        pytest.param(50, 24, False, id="R-KPI-4 N=50 visited 24 -> missed"),
    ],
)
def test_a_unit_is_judged_against_the_tier_for_its_own_count(n, visited, met):
    visit = (Contact(date(2024, 5, 1), F2F),)
    facts = [fact(i, contacts=visit if i <= visited else ()) for i in range(1, n + 1)]
    result = measure(facts, "R-KPI-4")
    assert (result.numerator, result.denominator) == (visited, n)
    assert result.target == face_to_face_target(n)
    assert result.met is met
    assert result.shortfall_item_ids == tuple(range(visited + 1, n + 1))


# --- each measure, hand-counted -----------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "counted", "met"),
    [
        pytest.param(
            sent(1, date(2024, 7, 10)), True, True, id="R-KPI-1 sent before due -> on time"
        ),
        pytest.param(
            sent(1, date(2024, 7, 15)), True, True, id="R-KPI-1 sent on the due day -> on time"
        ),
        pytest.param(sent(1, date(2024, 7, 16)), True, False, id="R-KPI-1 sent a day late -> late"),
        pytest.param(fact(1), True, False, id="R-KPI-1 due passed, not sent -> late"),
        pytest.param(
            fact(1, reply_due=AS_OF), False, False, id="R-KPI-1 due on the as-of day -> not yet due"
        ),
        pytest.param(
            sent(1, date(2024, 8, 2)),
            True,
            False,
            id="R-KPI-1 sent after as-of, due passed -> late",
        ),
        pytest.param(
            sent(1, date(2024, 8, 2), reply_due=date(2024, 8, 20)),
            False,
            False,
            id="R-KPI-1 sent after as-of, not yet due -> not counted",
        ),
        pytest.param(
            fact(1, reply_due=None), False, False, id="R-KPI-1 not yet assigned -> not counted"
        ),
    ],
)
def test_replied_on_time(case, counted, met):
    result = measure([case], "R-KPI-1")
    assert result.counted_item_ids == ((1,) if counted else ())
    assert result.met_item_ids == ((1,) if met else ())


def test_replied_on_time_counts_a_mixed_unit():
    facts = [
        sent(1, date(2024, 7, 1)),
        sent(2, date(2024, 7, 20)),
        fact(3),
        fact(4, reply_due=date(2024, 9, 1)),
        sent(5, date(2024, 8, 10)),
    ]
    result = measure(facts, "R-KPI-1")
    assert figures(result) == (1, 4, (1,), (2, 3, 5))
    assert result.counted_item_ids == (1, 2, 3, 5)
    assert result.rate == Fraction(1, 4)
    assert result.target == 1
    assert result.met is False
    assert result.display == "1/4（25%）"


def test_standard_format_counts_sent_replies_and_an_unchecked_one_is_not_standard():
    facts = [
        sent(1, reply_format_ok=True),
        sent(2, reply_format_ok=False),
        sent(3, reply_format_ok=None),
        fact(4, reply_format_ok=True),
        sent(5, date(2024, 8, 2), reply_format_ok=True),
    ]
    result = measure(facts, "R-KPI-2")
    assert figures(result) == (1, 3, (1,), (2, 3))
    assert result.name == "答复函规范化率"


@pytest.mark.parametrize(
    ("classes", "numerator", "denominator", "met"),
    [
        pytest.param("AABC", 2, 4, True, id="R-KPI-3 2 of 4 class A = 50% -> met"),
        pytest.param("ABC", 1, 3, False, id="R-KPI-3 1 of 3 class A -> missed"),
        pytest.param("BBB", 0, 3, False, id="R-KPI-3 no class A -> missed"),
    ],
)
def test_problems_solved_are_class_a_over_sent_replies(classes, numerator, denominator, met):
    facts = [sent(i, reply_class=ReplyClass(c)) for i, c in enumerate(classes, start=1)]
    facts.append(fact(99, reply_class=ReplyClass.A))  # not sent: not counted
    result = measure(facts, "R-KPI-3")
    assert (result.numerator, result.denominator, result.met) == (numerator, denominator, met)
    assert result.met_item_ids == tuple(i for i, c in enumerate(classes, start=1) if c == "A")


def test_only_a_face_to_face_visit_to_the_lead_by_the_as_of_date_counts():
    facts = [
        fact(1, contacts=(Contact(date(2024, 5, 1), F2F),)),
        fact(2, contacts=(Contact(date(2024, 5, 1), PHONE),)),
        fact(3, contacts=(Contact(date(2024, 5, 1), F2F, lead_proposer=False),)),
        fact(4, contacts=(Contact(date(2024, 8, 2), F2F),)),
        fact(5, contacts=(Contact(AS_OF, F2F), Contact(date(2024, 4, 1), PHONE))),
        fact(6),
    ]
    result = measure(facts, "R-KPI-4")
    assert figures(result) == (2, 6, (1, 5), (2, 3, 4, 6))
    assert result.target == 1
    assert result.met is False


def test_the_latest_feedback_form_per_proposer_counts():
    facts = [
        fact(
            1,
            feedback=(
                FeedbackVote(11, date(2024, 7, 20), OK),
                FeedbackVote(12, date(2024, 7, 21), OK),
            ),
        ),
        # re-handled: the second form replaces the dissatisfied first, listed in any order
        fact(
            2,
            feedback=(
                FeedbackVote(21, date(2024, 7, 30), OK, form_seq=2),
                FeedbackVote(21, date(2024, 7, 1), BAD),
            ),
        ),
        # the second form came after the as-of date: the first still stands
        fact(
            3,
            feedback=(
                FeedbackVote(31, date(2024, 7, 1), BAD),
                FeedbackVote(31, date(2024, 8, 5), OK, form_seq=2),
            ),
        ),
        fact(4, feedback=(FeedbackVote(41, date(2024, 7, 25), BASIC),)),
        fact(5, feedback=(FeedbackVote(51, date(2024, 8, 2), BAD),)),
        fact(6),
    ]
    result = measure(facts, "R-KPI-5")
    assert (result.numerator, result.denominator) == (4, 5)
    assert result.counted_item_ids == (1, 2, 3, 4)
    assert result.met_item_ids == (1, 2, 4)
    assert result.shortfall_item_ids == (3,)
    assert (result.rate, result.target, result.met) == (Fraction(4, 5), Fraction(9, 10), False)
    assert result.display == "4/5（80%）"


def test_the_re_handled_form_counts_even_when_the_old_one_arrives_later():
    votes = (
        FeedbackVote(21, date(2024, 7, 20), OK, form_seq=2),
        FeedbackVote(21, date(2024, 7, 25), BAD, form_seq=1),
    )
    result = measure([fact(2, feedback=votes)], "R-KPI-5")
    assert figures(result) == (1, 1, (2,), ())


def test_nine_satisfied_votes_of_ten_meet_the_satisfaction_target():
    votes = [OK] * 8 + [BASIC, BAD]
    facts = [
        fact(i, feedback=(FeedbackVote(i, date(2024, 7, 1), vote),))
        for i, vote in enumerate(votes, start=1)
    ]
    result = measure(facts, "R-KPI-5")
    assert (result.numerator, result.denominator, result.met) == (9, 10, True)
    assert result.shortfall_item_ids == (10,)


def test_contact_in_any_mode_with_the_lead_counts():
    facts = [
        fact(1, contacts=(Contact(date(2024, 5, 1), PHONE),)),
        fact(2, contacts=(Contact(date(2024, 5, 1), WECHAT, lead_proposer=False),)),
        fact(3, contacts=(Contact(date(2024, 8, 2), WECHAT),)),
        fact(4, contacts=(Contact(date(2024, 6, 1), VisitMode.VIDEO),)),
        fact(5),
    ]
    result = measure(facts, "R-KPI-6")
    assert figures(result) == (2, 5, (1, 4), (2, 3, 5))
    assert result.name == "联系率"


def test_publication_counts_publishable_replies_whose_week_is_up_or_which_are_out():
    july_28 = date(2024, 7, 28)  # published by 8-4: not yet due on 8-1
    facts = [
        sent(1, published=date(2024, 7, 12)),
        sent(2, published=date(2024, 7, 20)),  # due 7-17: late
        sent(3),  # due 7-17, never published
        sent(4, july_28),  # not yet due, not published: not counted
        sent(5, july_28, published=date(2024, 7, 30)),  # done early: counted
        sent(6, july_28, published=date(2024, 8, 2)),  # done after as-of: not counted
        sent(7, publishable=False),  # disclosure refused or secret (R-RP-2)
        sent(8, publishable=False, publication_due=None),
        sent(9, date(2024, 8, 2)),  # sent after as-of
        fact(10),
    ]
    result = measure(facts, "R-KPI-7")
    assert figures(result) == (2, 4, (1, 5), (2, 3))
    assert result.name == "答复公开率"


# --- who counts (R-KPI-0) ----------------------------------------------------------------


def busy(item_id: int, **changes: object) -> AssignmentFacts:
    """An assignment that would count toward every measure."""
    defaults: dict[str, object] = {
        "reply_class": ReplyClass.A,
        "reply_format_ok": True,
        "published": date(2024, 7, 12),
        "contacts": (Contact(date(2024, 5, 1), F2F),),
        "feedback": (FeedbackVote(1, date(2024, 7, 20), OK),),
    }
    return sent(item_id, **(defaults | changes))


def test_co_assignments_count_toward_nothing_and_zero_denominators_judge_nothing():
    report = unit_kpis([busy(1, role=Role.CO)], unit_id=1, year=YEAR, as_of=AS_OF)
    assert tuple(r.rule_id for r in report.results) == RULE_IDS
    for result in report.results:
        assert (result.numerator, result.denominator) == (0, 0), result.rule_id
        assert (result.rate, result.met) == (None, None), result.rule_id
        assert result.counted_item_ids == ()
        assert result.display == "0/0（—）"
    assert report["R-KPI-4"].target == 1  # N = 0 is in the first tier
    assert report.missed_rule_ids == ()


def test_split_assignments_count_like_main_ones():
    report = unit_kpis([busy(1, role=Role.SPLIT)], unit_id=1, year=YEAR, as_of=AS_OF)
    assert [r.display for r in report.results] == ["1/1（100%）"] * 7
    assert all(r.met is True for r in report.results)


def test_other_years_and_other_units_are_not_counted():
    facts = [busy(1), busy(2, year=2023), busy(3, unit_id=2)]
    report = unit_kpis(facts, unit_id=1, year=YEAR, as_of=AS_OF)
    assert {r.counted_item_ids for r in report.results} == {(1,)}


def test_a_merged_item_given_twice_counts_once():
    once = busy(1)
    report = unit_kpis([once, busy(1), once, busy(2)], unit_id=1, year=YEAR, as_of=AS_OF)
    assert report["R-KPI-1"].counted_item_ids == (1, 2)
    assert report["R-KPI-5"].denominator == 2


def test_the_same_assignment_with_different_facts_is_refused():
    with pytest.raises(DomainError) as refused:
        unit_kpis([busy(1), busy(1, reply_class=ReplyClass.B)], unit_id=1, year=YEAR, as_of=AS_OF)
    assert (refused.value.rule_id, refused.value.field) == ("R-KPI-0", "item_id")


@pytest.mark.parametrize(
    ("changes", "rule_id", "field"),
    [
        pytest.param(
            {"reply_due": None}, "R-DL-4", "reply_due", id="R-DL-4 sent without a due date"
        ),
        pytest.param(
            {"publication_due": None},
            "R-DL-5",
            "publication_due",
            id="R-DL-5 publishable, no due date",
        ),
        pytest.param(
            {"feedback": (FeedbackVote(1, AS_OF, OK), FeedbackVote(1, AS_OF, BAD))},
            "R-KPI-5",
            "feedback",
            id="R-KPI-5 two forms with the same number",
        ),
    ],
)
def test_facts_that_leave_a_measure_undecidable_are_refused(changes, rule_id, field):
    with pytest.raises(DomainError) as refused:
        sent(1, **changes)
    assert (refused.value.rule_id, refused.value.field) == (rule_id, field)


def test_a_co_unit_needs_no_reply_due_date():
    assert fact(1, role=Role.CO, reply_due=None, reply_sent=AS_OF).role is Role.CO


# --- county-wide ---------------------------------------------------------------------------


def visited(item_id: int, unit_id: int, **changes: object) -> AssignmentFacts:
    return fact(item_id, unit_id=unit_id, contacts=(Contact(date(2024, 5, 1), F2F),), **changes)


def test_county_pools_every_unit_and_a_split_item_counts_for_each_unit():
    facts = [
        busy(1),
        sent(2, reply_class=ReplyClass.C),
        busy(3, unit_id=2, role=Role.SPLIT),
        busy(3, unit_id=3, role=Role.SPLIT),
        busy(4, unit_id=3, role=Role.CO),
    ]
    county = county_kpis(facts, year=YEAR, as_of=AS_OF)
    assert county.unit_id is None
    solved = county["R-KPI-3"]
    assert figures(solved) == (3, 4, (1, 3, 3), (2,))
    assert (solved.rate, solved.met) == (Fraction(3, 4), True)
    unit_one = unit_kpis(facts, unit_id=1, year=YEAR, as_of=AS_OF)["R-KPI-3"]
    assert (unit_one.numerator, unit_one.denominator, unit_one.met) == (1, 2, True)


def test_county_face_to_face_is_met_only_when_every_unit_meets_its_own_tier():
    big = [visited(i, 1) for i in range(1, 13)]  # N=12, all visited
    small = [visited(101, 2), fact(102, unit_id=2)]  # N=2, 50% < 100%
    county = county_kpis(big + small, year=YEAR, as_of=AS_OF)["R-KPI-4"]
    assert (county.numerator, county.denominator) == (13, 14)
    assert (county.target, county.met) == (None, False)
    assert county.shortfall_item_ids == (102,)
    fixed = county_kpis([*big, visited(101, 2)], year=YEAR, as_of=AS_OF)["R-KPI-4"]
    assert (fixed.numerator, fixed.denominator, fixed.met) == (13, 13, True)


def test_county_face_to_face_met_even_when_the_pooled_rate_is_low():
    units = [visited(i, 1) for i in range(1, 26)] + [fact(i, unit_id=1) for i in range(26, 51)]
    county = county_kpis([*units, visited(99, 2)], year=YEAR, as_of=AS_OF)["R-KPI-4"]
    assert (county.numerator, county.denominator, county.met) == (26, 51, True)


def test_county_with_nothing_counted_judges_nothing():
    county = county_kpis([busy(1, role=Role.CO)], year=YEAR, as_of=AS_OF)
    assert all((r.denominator, r.rate, r.met) == (0, None, None) for r in county.results)


def test_all_unit_kpis_lists_every_unit_of_the_year_and_reads_the_facts_once():
    facts = [busy(1), busy(2, unit_id=2, role=Role.CO), busy(3, unit_id=3, year=2023)]
    reports = all_unit_kpis(iter(facts), year=YEAR, as_of=AS_OF)
    assert sorted(reports) == [1, 2]
    assert reports[1] == unit_kpis(facts, unit_id=1, year=YEAR, as_of=AS_OF)
    assert reports[2]["R-KPI-1"].denominator == 0


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        pytest.param(Fraction(1), "100%", id="R-KPI 100%"),
        pytest.param(Fraction(0), "0%", id="R-KPI 0%"),
        pytest.param(Fraction(9, 10), "90%", id="R-KPI 90%"),
        pytest.param(Fraction(2, 3), "66.6%", id="R-KPI 2/3 cut, not rounded"),
        pytest.param(Fraction(1999, 2000), "99.9%", id="R-KPI 99.95% never reads as 100%"),
        pytest.param(None, "—", id="R-KPI nothing counted"),
    ],
)
def test_percent_text(rate, text):
    assert percent_text(rate) == text


# --- properties ----------------------------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31))


@st.composite
def assignment(draw: st.DrawFn) -> AssignmentFacts:
    role = draw(st.sampled_from(Role))
    reply_sent = draw(st.none() | days)
    reply_due = draw(days if reply_sent else st.none() | days)
    publishable = draw(st.booleans())
    return AssignmentFacts(
        item_id=draw(st.integers(1, 30)),
        unit_id=draw(st.integers(1, 6)),
        role=role,
        year=draw(st.sampled_from([2024, 2024, 2024, 2023])),
        reply_due=reply_due,
        reply_sent=reply_sent,
        reply_class=draw(st.none() | st.sampled_from(ReplyClass)),
        reply_format_ok=draw(st.none() | st.booleans()),
        publishable=publishable,
        publication_due=reply_sent + timedelta(days=7) if reply_sent else None,
        published=draw(st.none() | days),
        contacts=tuple(
            draw(st.lists(st.builds(Contact, days, st.sampled_from(VisitMode), st.booleans())))
        ),
        feedback=tuple(
            draw(
                st.lists(
                    st.builds(
                        FeedbackVote,
                        st.integers(1, 3),
                        days,
                        st.sampled_from(Satisfaction),
                        st.integers(1, 3),
                    ),
                    unique_by=lambda vote: (vote.proposer_id, vote.form_seq),
                    max_size=4,
                )
            )
        ),
    )


fact_lists = st.lists(assignment(), max_size=40, unique_by=lambda f: (f.item_id, f.unit_id, f.role))


@settings(max_examples=200, deadline=None)
@given(facts=fact_lists, as_of=days)
def test_all_unit_kpis_agrees_with_unit_kpis_and_sums_to_the_county(facts, as_of):
    reports = all_unit_kpis(facts, year=YEAR, as_of=as_of)
    assert set(reports) == {f.unit_id for f in facts if f.year == YEAR}
    for unit_id, report in reports.items():
        assert report == unit_kpis(facts, unit_id=unit_id, year=YEAR, as_of=as_of)
    county = county_kpis(facts, year=YEAR, as_of=as_of)
    for index, result in enumerate(county.results):
        parts = [report.results[index] for report in reports.values()]
        assert result.numerator == sum(p.numerator for p in parts)
        assert result.denominator == sum(p.denominator for p in parts)
        assert result.counted_item_ids == tuple(
            sorted(i for p in parts for i in p.counted_item_ids)
        )


@settings(max_examples=200, deadline=None)
@given(facts=fact_lists, as_of=days)
def test_every_counted_item_is_either_met_or_short(facts, as_of):
    county = county_kpis(facts, year=YEAR, as_of=as_of)
    for result in county.results:
        assert 0 <= result.numerator <= result.denominator
        assert result.counted_item_ids == tuple(
            sorted(result.met_item_ids + result.shortfall_item_ids)
        )
        if result.rule_id != "R-KPI-5":  # R-KPI-5 counts votes, not items
            assert len(result.counted_item_ids) == result.denominator
            assert len(result.met_item_ids) == result.numerator
        if result.met is not None and result.target is not None:
            assert result.met == (result.rate >= result.target)
    assert county_kpis(facts + facts, year=YEAR, as_of=as_of) == county


def test_r_kpi_5_latest_votes_keep_one_form_per_proposer_the_highest_sequence():
    from domain.kpi_targets import FeedbackVote, latest_votes
    from domain.model import Satisfaction

    first = FeedbackVote(1, date(2024, 7, 10), Satisfaction.DISSATISFIED, 1)
    again = FeedbackVote(1, date(2024, 9, 1), Satisfaction.SATISFIED, 2)
    other = FeedbackVote(2, date(2024, 7, 12), Satisfaction.BASICALLY_SATISFIED, 1)
    assert latest_votes([again, first, other]) == [again, other]
    assert latest_votes([first, again, other], date(2024, 8, 1)) == [first, other]
