"""Chinese numerals for headings (第十届 … 第三次会议, R-RP-7) and paragraph markers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.numerals import chinese_numeral, ordinal, paragraph_marker, parse_chinese_numeral

numbers = st.integers(min_value=1, max_value=999)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (2, "二"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (200, "二百"),
        (305, "三百零五"),
        (999, "九百九十九"),
    ],
)
def test_chinese_numeral_writes_ordinals_as_headings_read(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


@pytest.mark.parametrize("n", [0, -1, 1000])
def test_chinese_numeral_refuses_numbers_outside_1_to_999(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)


@pytest.mark.parametrize("text", ["", "零", "一十", "二十零", "十百", "一百十", "百", "一千", "5"])
def test_parse_refuses_non_standard_forms(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_numeral(text)


@given(numbers)
def test_parse_reads_back_what_chinese_numeral_writes(n: int) -> None:
    assert parse_chinese_numeral(chinese_numeral(n)) == n


@given(numbers, numbers)
def test_different_numbers_have_different_numerals(a: int, b: int) -> None:
    assert (chinese_numeral(a) == chinese_numeral(b)) == (a == b)


@pytest.mark.parametrize(("n", "text"), [(3, "第三"), (10, "第十"), (14, "第十四")])
def test_ordinal_prefixes_di_for_term_and_meeting(n: int, text: str) -> None:
    assert ordinal(n) == text


@pytest.mark.parametrize(
    ("n", "depth", "marker"),
    [(1, 1, "一、"), (12, 1, "十二、"), (2, 2, "（二）"), (3, 3, "3."), (4, 4, "（4）")],
)
def test_paragraph_marker_follows_the_four_heading_levels(n: int, depth: int, marker: str) -> None:
    assert paragraph_marker(n, depth) == marker


@pytest.mark.parametrize(("n", "depth"), [(0, 1), (1, 0), (1, 5)])
def test_paragraph_marker_refuses_unknown_positions(n: int, depth: int) -> None:
    with pytest.raises(ValueError):
        paragraph_marker(n, depth)
