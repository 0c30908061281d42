"""Key items and open-door handling, R-KY."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.keyitems import (
    OpenDoorActivity,
    OpenDoorRecord,
    items_handled_open_door,
    key_item_refusals,
    open_door_missing,
    validate_key_items,
)
from domain.merging import Refusal
from domain.model import ItemKind

UNIT = 3
MAIN_ITEMS = frozenset({101, 102, 103})


@pytest.mark.parametrize(
    "selected",
    [
        pytest.param([101], id="R-KY-1 one key item"),
        pytest.param([101, 103], id="R-KY-1 two key items"),
    ],
)
def test_one_or_two_own_main_items_are_accepted(selected: list[int]) -> None:
    assert key_item_refusals(UNIT, selected, MAIN_ITEMS) == []
    validate_key_items(UNIT, selected, MAIN_ITEMS)


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        pytest.param(
            [],
            [Refusal("R-KY-1", "须从本单位主办件中确定1至2件重点处理件", ())],
            id="R-KY-1 zero items",
        ),
        pytest.param(
            [101, 102, 103],
            [Refusal("R-KY-1", "重点处理件为1至2件，本次选了3件", (101, 102, 103))],
            id="R-KY-1 more than two",
        ),
        pytest.param(
            [101, 101],
            [Refusal("R-KY-1", "重复选择了同一件（编号 101）", (101,))],
            id="R-KY-1 duplicates",
        ),
        pytest.param(
            [101, 900],
            [
                Refusal(
                    "R-KY-1",
                    "编号 900 不是本单位（3）的主办件，不能确定为重点处理件",
                    (900,),
                )
            ],
            id="R-KY-1 another unit's item, or a co-item",
        ),
    ],
)
def test_each_key_item_refusal(selected: list[int], expected: list[Refusal]) -> None:
    assert key_item_refusals(UNIT, selected, MAIN_ITEMS) == expected
    with pytest.raises(DomainError) as caught:
        validate_key_items(UNIT, selected, MAIN_ITEMS)
    assert (caught.value.rule_id, caught.value.field) == ("R-KY-1", "item_ids")
    assert caught.value.message == expected[0].message


def test_every_key_item_refusal_is_listed_at_once() -> None:
    refusals = key_item_refusals(UNIT, [101, 101, 900, 901], MAIN_ITEMS)
    assert [r.message for r in refusals] == [
        "重点处理件为1至2件，本次选了3件",
        "重复选择了同一件（编号 101）",
        "编号 900、901 不是本单位（3）的主办件，不能确定为重点处理件",
    ]
    with pytest.raises(DomainError) as caught:
        validate_key_items(UNIT, [101, 101, 900, 901], MAIN_ITEMS)
    assert caught.value.message == "；".join(r.message for r in refusals)


@given(st.lists(st.sampled_from(sorted(MAIN_ITEMS)), unique=True))
def test_only_the_count_matters_among_distinct_own_main_items(selected: list[int]) -> None:
    """R-KY-1: 1 to 2 of the unit's own main items, nothing else."""
    assert (key_item_refusals(UNIT, selected, MAIN_ITEMS) == []) is (1 <= len(selected) <= 2)


def test_leader_supervised_items_are_open_door_too_without_counting_toward_two() -> None:
    """R-KY-2 items are separate from the unit's 1–2; R-KY-3 covers both."""
    validate_key_items(UNIT, [101, 102], MAIN_ITEMS)
    assert items_handled_open_door([101, 102], [103, 500]) == {101, 102, 103, 500}


COMPLETE = OpenDoorRecord(
    kind=ItemKind.SUGGESTION,
    written_plan=True,
    proposers_invited=True,
    supervising_body_invited=True,
    activity=OpenDoorActivity.SITE_VISIT,
    held_on=dt.date(2024, 6, 12),
    written_record=True,
)


def test_complete_open_door_handling_lacks_nothing() -> None:
    """R-KY-3."""
    assert open_door_missing(COMPLETE) == []


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        pytest.param(
            ItemKind.SUGGESTION,
            [
                "未制定书面“开门办案”方案",
                "未邀请提出建议的代表参加",
                "未邀请人大常委会主管部门负责同志参加",
                "未开展座谈交流或现场视察",
                "未记录座谈交流或现场视察的日期",
                "未形成书面记录",
            ],
            id="R-KY-3 suggestion: everything missing",
        ),
        pytest.param(
            ItemKind.PROPOSAL,
            [
                "未制定书面“开门办案”方案",
                "未邀请提出提案的委员（单位）参加",
                "未邀请政协主管部门负责同志参加",
                "未开展座谈交流或现场视察",
                "未记录座谈交流或现场视察的日期",
                "未形成书面记录",
            ],
            id="R-KY-3 proposal: everything missing",
        ),
    ],
)
def test_open_door_missing_lists_everything(kind: ItemKind, missing: list[str]) -> None:
    assert open_door_missing(OpenDoorRecord(kind=kind)) == missing


def test_a_forum_without_a_date_is_reported() -> None:
    record = OpenDoorRecord(
        kind=ItemKind.PROPOSAL,
        written_plan=True,
        proposers_invited=True,
        supervising_body_invited=True,
        activity=OpenDoorActivity.FORUM,
        written_record=True,
    )
    assert open_door_missing(record) == ["未记录座谈交流或现场视察的日期"]
