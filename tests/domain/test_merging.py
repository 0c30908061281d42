"""Merging items into one letter, R-MG."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.merging import (
    MergeCandidate,
    Refusal,
    can_undo_merge,
    check_undo_merge,
    merge_refusals,
    validate_merge,
)
from domain.model import ItemKind, Level

S15 = MergeCandidate(
    item_id=1,
    kind=ItemKind.SUGGESTION,
    level=Level.COUNTY,
    session_id=7,
    number=15,
    main_unit_id=3,
    reply_sent=False,
    merge_group_id=None,
    secret=False,
)
S23 = replace(S15, item_id=2, number=23)
S31 = replace(S15, item_id=3, number=31)


def test_two_similar_items_of_one_unit_may_merge() -> None:
    """R-MG-1."""
    assert merge_refusals([S15, S23, S31]) == []
    validate_merge([S15, S23])


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param(
            [S15],
            Refusal("R-MG-1", "并案至少需要两件不同的建议或提案", (1,)),
            id="R-MG-1 a single item",
        ),
        pytest.param(
            [S15, S15],
            Refusal("R-MG-1", "并案至少需要两件不同的建议或提案", (1,)),
            id="R-MG-1 the same item twice",
        ),
        pytest.param(
            [S15, replace(S23, kind=ItemKind.PROPOSAL)],
            Refusal("R-MG-2", "代表建议与政协提案不能并案答复", (1, 2)),
            id="R-MG-2 a suggestion with a proposal",
        ),
        pytest.param(
            [S15, replace(S23, level=Level.CITY)],
            Refusal("R-MG-2", "市级件与县级件答复途径不同，不能并案", (1, 2)),
            id="R-MG-2 different levels",
        ),
        pytest.param(
            [S15, replace(S23, session_id=8)],
            Refusal(
                "R-MG-3", "并案答复函的标题只能写明一次会议，不同会议的建议提案不能并案", (1, 2)
            ),
            id="R-MG-3 different sessions",
        ),
        pytest.param(
            [S15, replace(S23, main_unit_id=4)],
            Refusal(
                "R-MG-1", "并案答复函由一个主办单位答复，主办单位不同的建议提案不能并案", (1, 2)
            ),
            id="R-MG-1 different main units",
        ),
        pytest.param(
            [S15, replace(S23, main_unit_id=None)],
            Refusal("R-MG-1", "第23号建议没有主办单位，不能并案答复", (2,)),
            id="R-MG-1 an item without a main unit",
        ),
        pytest.param(
            [S15, replace(S23, merge_group_id=9)],
            Refusal("R-MG-4", "第23号建议已并入其他并案组，须先撤销原并案", (2,)),
            id="R-MG-4 already in another group",
        ),
        pytest.param(
            [S15, replace(S23, reply_sent=True)],
            Refusal("R-MG-4", "第23号建议已答复，并案须在答复前确定", (2,)),
            id="R-MG-4 reply already sent",
        ),
        pytest.param(
            [S15, replace(S23, secret=True)],
            Refusal("R-RP-2", "涉密件答复不公开，涉密件与非涉密件不能并案", (1, 2)),
            id="R-RP-2 a secret item with a public one",
        ),
    ],
)
def test_each_refusal(items: list[MergeCandidate], expected: Refusal) -> None:
    assert merge_refusals(items) == [expected]
    with pytest.raises(DomainError) as caught:
        validate_merge(items)
    assert caught.value.rule_id == expected.rule_id
    assert caught.value.field == "item_ids"
    assert caught.value.message == expected.message


def test_every_reason_is_listed_not_just_the_first() -> None:
    items = [
        S15,
        replace(S23, kind=ItemKind.PROPOSAL, level=Level.CITY, merge_group_id=9),
        replace(S31, session_id=8, main_unit_id=4, reply_sent=True),
    ]
    refusals = merge_refusals(items)
    assert [r.rule_id for r in refusals] == [
        "R-MG-2",
        "R-MG-2",
        "R-MG-3",
        "R-MG-1",
        "R-MG-4",
        "R-MG-4",
    ]
    with pytest.raises(DomainError) as caught:
        validate_merge(items)
    assert caught.value.rule_id == "R-MG-2"
    assert caught.value.message == "；".join(r.message for r in refusals)
    assert "第23号提案已并入其他并案组" in caught.value.message
    assert "第31号建议已答复" in caught.value.message


def test_extending_a_group_does_not_refuse_its_own_members() -> None:
    """R-MG-4: only *another* group's items are refused."""
    members = [replace(S15, merge_group_id=5), replace(S23, merge_group_id=5), S31]
    assert merge_refusals(members, group_id=5) == []
    assert [r.rule_id for r in merge_refusals(members)] == ["R-MG-4"]


@given(st.lists(st.sampled_from([S15, S23, S31]), min_size=2, max_size=6))
def test_order_and_repetition_do_not_change_the_verdict(items: list[MergeCandidate]) -> None:
    distinct = {item.item_id for item in items}
    assert (merge_refusals(items) == []) is (len(distinct) >= 2)


@pytest.mark.parametrize(
    ("reply_sent", "undoable"),
    [
        pytest.param(False, True, id="R-MG-4 before the reply: undo"),
        pytest.param(True, False, id="R-MG-4 after the reply: keep"),
    ],
)
def test_undo_merge(reply_sent: bool, undoable: bool) -> None:
    assert can_undo_merge(reply_sent=reply_sent) is undoable


def test_check_undo_merge_refuses_after_the_reply() -> None:
    check_undo_merge(reply_sent=False)
    with pytest.raises(DomainError) as caught:
        check_undo_merge(reply_sent=True)
    assert caught.value.rule_id == "R-MG-4"
    assert caught.value.message == "并案答复函已发出，不能撤销并案"
