"""Visits (R-VS-2, R-VS-3), dissatisfaction follow-up (R-FB-2) and look-back (R-FB-3)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DomainError
from domain.followup import (
    check_follow_up,
    check_lookback,
    check_visit,
    lead_of,
    lookback_question,
    needs_referral,
)
from domain.model import Proposer, ProposerKind, ReplyClass, Role, Satisfaction

ZHANG = Proposer(1, "张三", ProposerKind.DEPUTY, is_lead=True)
LI = Proposer(2, "李四", ProposerKind.DEPUTY)
D = date.fromisoformat


def test_the_lead_of_a_joint_item_and_of_a_single_one():
    assert lead_of([LI, ZHANG]) == ZHANG
    assert lead_of([Proposer(3, "王五", ProposerKind.DEPUTY)]).id == 3


@pytest.mark.parametrize(
    ("visited", "organised", "rule"),
    [
        pytest.param(1, True, None, id="R-VS-2 the lead of a joint item"),
        pytest.param(2, True, "R-VS-2", id="R-VS-2 a co-signer is not visited"),
        pytest.param(9, True, "R-VS-2", id="R-VS-2 a stranger"),
        pytest.param(1, False, "R-VS-3 ", id="R-VS-3 delegated to a lower body"),
    ],
)
def test_visits(visited, organised, rule):
    if rule is None:
        check_visit([ZHANG, LI], visited, organised_by_unit=organised)
        return
    with pytest.raises(DomainError) as refused:
        check_visit([ZHANG, LI], visited, organised_by_unit=organised)
    assert refused.value.rule_id == rule.strip()


def test_only_dissatisfaction_is_referred():
    assert needs_referral(Satisfaction.DISSATISFIED)
    assert not needs_referral(Satisfaction.BASICALLY_SATISFIED)


@pytest.mark.parametrize(
    ("visit", "letter", "field"),
    [
        pytest.param(None, "2024-09-01", "face_to_face_on", id="R-FB-2 letter without a visit"),
        pytest.param("2024-09-05", "2024-09-01", "written_reply_on", id="R-FB-2 letter first"),
    ],
)
def test_follow_up_needs_a_face_to_face_visit_first(visit, letter, field):
    with pytest.raises(DomainError) as refused:
        check_follow_up(visit and D(visit), D(letter))
    assert refused.value.rule_id == "R-FB-2" and refused.value.field == field
    check_follow_up(D("2024-09-01"), D("2024-09-02"))
    check_follow_up(D("2024-09-01"), None)


def test_look_back_covers_replied_main_items_only():
    check_lookback(Role.MAIN, reply_sent=True)
    for role, sent in ((Role.CO, True), (Role.SPLIT, True), (Role.MAIN, False)):
        with pytest.raises(DomainError) as refused:
            check_lookback(role, reply_sent=sent)
        assert refused.value.rule_id == "R-FB-3"


def test_look_back_asks_by_class():
    assert "落地落实" in lookback_question(ReplyClass.A)
    assert "推进实施" in lookback_question(ReplyClass.B)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("联系电话：0310-3519359。", "联系电话：＊＊＊。"),
        ("请拨13812345678咨询", "请拨＊＊＊咨询"),
        ("电话3519359", "电话＊＊＊"),
        ("投资2024年500万元", "投资2024年500万元"),
        ("编号20240315号", "编号20240315号"),
    ],
)
def test_published_text_never_carries_a_phone_number(text, masked):
    """R-RP-2 / issue 4: public pages show no phone numbers."""
    from domain.disclosure import mask_phones

    assert mask_phones(text) == masked
