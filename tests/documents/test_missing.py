"""missing_elements lists every element that keeps a document from being correct, at once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from api.documents import (
    IncompleteDocument,
    ItemRef,
    form_document,
    missing_elements,
    reply_letters,
)
from domain.deadlines import YearPlan
from domain.model import Disclosure, ReplyClass, Role
from tests.documents.conftest import (
    CO_OPINION,
    COUNTY_BODIES,
    COUNTY_NPC,
    LETTERS_BY_ATTACHMENT,
    ROADS,
    TEACHERS,
    forms,
    letter,
    lookback_row,
    responsibility,
)

BLANK_DRAFT = {
    "document_number": None,
    "reply_class": None,
    "body": (),
    "date": None,
    "signing_leader": None,
    "contact_person": " ",
    "contact_phone": None,
}


def fields(data: object) -> set[str]:
    return {m.field for m in missing_elements(data)}  # type: ignore[arg-type]


@pytest.mark.parametrize("number", sorted(LETTERS_BY_ATTACHMENT))
def test_a_complete_letter_misses_nothing(number: int) -> None:
    assert missing_elements(LETTERS_BY_ATTACHMENT[number]) == []


def test_a_blank_draft_lists_every_missing_element_at_once() -> None:
    """R-RP-7 and R-RP-1: number, class, body, date, signing leader, contact, phone."""
    missing = missing_elements(letter(**BLANK_DRAFT))
    assert {m.field for m in missing} == set(BLANK_DRAFT)
    assert {m.rule_id for m in missing if m.field == "reply_class"} == {"R-RP-1"}
    assert all(m.message_zh for m in missing)


def test_reply_letters_refuses_with_the_same_list() -> None:
    """The API answers 422 with every reason: IncompleteDocument carries them all."""
    with pytest.raises(IncompleteDocument) as refused:
        reply_letters(letter(**BLANK_DRAFT))
    errors = refused.value.errors()
    assert {e["field"] for e in errors} == set(BLANK_DRAFT)
    assert refused.value.message == "；".join(e["message"] for e in errors)


def test_wrong_formats_are_listed_too() -> None:
    """R-RP-7: 发文字号 with 〔〕 and no 第 or leading zeros; a plausible phone number."""
    missing = missing_elements(letter(document_number="魏交函[2024]第015号", contact_phone="12"))
    assert {m.field for m in missing} == {"document_number", "contact_phone"}


def test_a_co_opinion_needs_no_class_but_its_main_unit() -> None:
    """R-RP-1: the class is on replies only; a co-opinion is addressed to the main unit."""
    assert fields(letter(letter_type=CO_OPINION, reply_class=None)) == set()
    assert fields(letter(letter_type=CO_OPINION, main_unit="")) == {"main_unit"}


def test_a_secret_item_must_not_be_marked_for_publication() -> None:
    """R-RP-2: secret items are never published, so 同意公开 (or no mark) is wrong."""
    for disclosure in (Disclosure.AGREE, Disclosure.UNMARKED):
        missing = missing_elements(letter(secret=True, disclosure=disclosure))
        assert [(m.field, m.rule_id) for m in missing] == [("disclosure", "R-RP-2")]
    assert missing_elements(letter(secret=True, disclosure=Disclosure.DISAGREE)) == []


def test_items_without_numbers_titles_or_proposers_are_listed() -> None:
    """R-RP-7 heading and title; R-RP-3 no proposer, no recipient."""
    assert fields(letter(items=())) == {"items"}
    untitled = ItemRef(15, " ", ROADS.proposers)
    nobody = ItemRef(16, "关于整治城区停车秩序的建议", ())
    missing = missing_elements(letter(items=(untitled, nobody)))
    assert [(m.field, m.rule_id) for m in missing] == [("items", "R-RP-7"), ("items", "R-RP-3")]


def test_unconfigured_copy_to_bodies_are_listed() -> None:
    """R-RP-6: the bodies named on the copy-to line come from configuration."""
    missing = missing_elements(letter(bodies=replace(COUNTY_BODIES, government_office="")))
    assert [(m.field, m.rule_id) for m in missing] == [("bodies", "R-RP-6")]


def test_complete_forms_miss_nothing(plan: YearPlan) -> None:
    assert {n: missing_elements(f) for n, f in forms(plan).items()} == {
        n: [] for n in (1, 2, 11, 12, 13, 14)
    }


def test_key_item_form_holds_one_or_two_items(plan: YearPlan) -> None:
    """R-KY-1: 1至2件."""
    form = forms(plan)[2]
    three = replace(form, rows=(*form.rows, responsibility(COUNTY_NPC, ROADS)))
    assert [(m.field, m.rule_id) for m in missing_elements(three)] == [("rows", "R-KY-1")]
    with pytest.raises(IncompleteDocument):
        form_document(replace(form, rows=()))


def test_lookback_form_takes_main_items_with_a_result(plan: YearPlan) -> None:
    """R-FB-3: only main items, each with progress or none recorded."""
    form = forms(plan)[14]
    co_item = replace(lookback_row(TEACHERS, ReplyClass.B, True), role=Role.CO)
    unreviewed = lookback_row(ROADS, ReplyClass.A, None)
    missing = missing_elements(replace(form, rows=(co_item, unreviewed)))
    assert [m.rule_id for m in missing] == ["R-FB-3", "R-FB-3"]


def test_a_face_to_face_visit_card_needs_its_place(plan: YearPlan) -> None:
    """R-VS-1."""
    card = replace(forms(plan)[13], place=" ")
    assert [(m.field, m.rule_id) for m in missing_elements(card)] == [("place", "R-VS-1")]


def test_unknown_data_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        missing_elements("not a document")  # type: ignore[arg-type]
