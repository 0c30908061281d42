"""Letters (attachments 3–10) read back: every element of R-RP-7 where GB/T 9704 puts it."""

from __future__ import annotations

import re

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from api.documents import IncompleteDocument, ItemRef, reply_letters
from api.documents.contexts import ReplyLetterData
from api.documents.templates import letter_attachment
from domain.model import Disclosure, ReplyClass
from domain.replies import LetterType, copy_to, copy_to_line, heading, opening, salutation
from tests.documents.conftest import (
    BODY,
    COUNTY_CPPCC,
    COUNTY_NPC,
    INDUSTRY,
    LETTERS_BY_ATTACHMENT,
    LIHONG,
    PARKING,
    ROADS,
    SUN,
    TEACHERS,
    ZHANG,
    ZHAO,
    letter,
)
from tests.documents.readback import (
    LEFTOVER,
    all_text,
    body_texts,
    east_asia_font,
    find,
    open_docx,
    run_fonts,
    run_sizes,
)

ATTACHMENTS = sorted(LETTERS_BY_ATTACHMENT)
DATE = re.compile(r"[1-9]\d{3}年[1-9]\d?月[1-9]\d?日")


def _first_letter(data: ReplyLetterData):  # type: ignore[no-untyped-def]
    (name, content), *_ = reply_letters(data)
    return name, open_docx(content)


@pytest.mark.parametrize("number", ATTACHMENTS, ids=[f"附件{n}" for n in ATTACHMENTS])
def test_each_letter_carries_every_element_of_its_attachment(number: int) -> None:
    """R-RP-7: letterhead, marks, number, heading, addressee, body, date, notes, copy-to."""
    data = LETTERS_BY_ATTACHMENT[number]
    assert letter_attachment(data.letter_type, data.kind, data.level).number == number
    _, document = _first_letter(data)
    texts = body_texts(document)
    header = document.sections[0].first_page_header.paragraphs[0]
    assert header.text == "魏县交通运输局"
    assert header.runs[0].font.color.rgb == (0xFF, 0x00, 0x00)
    expected_heading = heading(data.session, data.numbers, data.letter_type)
    assert find(document, lambda t: t.replace("\n", "") == expected_heading)
    assert "魏交函〔2024〕15号" in texts
    addressee = "县住房和城乡建设局：" if data.letter_type is LetterType.CO_OPINION else None
    assert (addressee or salutation(data.items[0].proposers[0])) in texts
    assert all(paragraph in texts for paragraph in BODY)
    assert "领导签发：刘建国" in texts
    assert "（联系人：王强，联系电话：0310-3522101）" in texts
    assert not any(mark in all_text(document) for mark in LEFTOVER)


@pytest.mark.parametrize("number", ATTACHMENTS, ids=[f"附件{n}-R-RP-1" for n in ATTACHMENTS])
def test_class_mark_sits_directly_above_the_document_number_on_replies_only(number: int) -> None:
    """R-RP-1: 办理结果 A类/B类/C类 on the line above 发文字号, first page, replies only."""
    data = LETTERS_BY_ATTACHMENT[number]
    _, document = _first_letter(data)
    texts = body_texts(document)
    at = texts.index("魏交函〔2024〕15号")
    if data.letter_type is LetterType.REPLY:
        assert texts[at - 1] == "A类"
        assert document.paragraphs[at - 1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    else:
        assert not any(text in {"A类", "B类", "C类"} for text in texts)


@pytest.mark.parametrize("number", ATTACHMENTS, ids=[f"附件{n}-R-RP-2" for n in ATTACHMENTS])
def test_disclosure_mark_is_top_right_of_the_first_page(number: int) -> None:
    """R-RP-2: 是否同意公开 on the first line, pushed to the right edge by a right tab."""
    _, document = _first_letter(LETTERS_BY_ATTACHMENT[number])
    first = document.paragraphs[0]
    assert first.text == "\t同意公开"
    assert first.paragraph_format.tab_stops[0].position.mm == pytest.approx(156, abs=0.5)


def test_an_unmarked_letter_prints_no_disclosure_mark() -> None:
    """R-RP-2: unmarked counts as agreeing, and nothing is printed."""
    _, document = _first_letter(letter(disclosure=Disclosure.UNMARKED))
    assert document.paragraphs[0].text == "\t"


def test_a_secret_item_shows_its_level_top_left_in_heiti() -> None:
    """R-RP-2, GB/T 9704: 密级 top left in 3号 黑体, only on secret items, never published."""
    _, document = _first_letter(
        letter(secret=True, secret_level="秘密★1年", disclosure=Disclosure.DISAGREE)
    )
    first = document.paragraphs[0]
    assert first.text == "秘密★1年\t不同意公开"
    assert east_asia_font(first.runs[0]) == "黑体" and first.runs[0].font.size.pt == 16
    _, plain = _first_letter(letter())
    assert not plain.paragraphs[0].text.startswith("秘密")


@pytest.mark.parametrize("number", ATTACHMENTS, ids=[f"附件{n}-R-RP-6" for n in ATTACHMENTS])
def test_copy_to_line_is_exactly_as_the_attachment(number: int) -> None:
    """R-RP-6: 抄送 names per attachment, co-units on replies only, 4号 仿宋 between rules."""
    data = LETTERS_BY_ATTACHMENT[number]
    _, document = _first_letter(data)
    cell = document.tables[-1].cell(0, 0).paragraphs[0]
    names = copy_to(data.kind, data.letter_type, data.bodies, data.co_units)
    assert cell.text == copy_to_line(names)
    if data.letter_type is LetterType.REPLY:
        assert cell.text.endswith("，县财政局，县住房和城乡建设局。")
    else:
        assert "县财政局" not in cell.text
    assert run_sizes(cell) == {14.0} and run_fonts(cell) == {"仿宋_GB2312"}
    borders = document.tables[-1]._tbl.tblPr.find(qn("w:tblBorders"))
    drawn = {edge.tag.split("}")[1] for edge in borders if edge.get(qn("w:val")) != "nil"}
    assert drawn == {"top", "bottom"}


def test_county_suggestion_reply_copies_the_npc_committee_and_office_then_co_units() -> None:
    """R-RP-6, attachment 9, word for word."""
    _, document = _first_letter(letter())
    assert document.tables[-1].cell(0, 0).text == (
        "抄送：县人大常委会选举任免代表工作委员会，县政府办公室，县财政局，县住房和城乡建设局。"
    )


def test_opening_quotes_the_title() -> None:
    """R-RP-7: 你们提出的“案由”收悉，现答复如下： for a joint suggestion."""
    _, document = _first_letter(letter())
    expected = opening(COUNTY_NPC.kind, ROADS.proposers, ZHANG, ROADS.title)
    assert expected == "你们提出的“关于改善城区道路交通状况的建议”收悉，现答复如下："
    assert expected in body_texts(document)


def test_date_is_in_arabic_numerals_right_aligned_four_characters_in() -> None:
    """GB/T 9704: 2024年5月6日, right-aligned, four characters from the right edge."""
    _, document = _first_letter(letter())
    date = find(document, lambda t: DATE.fullmatch(t) is not None)
    assert date.text == "2024年5月6日"
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date._p.pPr.ind.get(qn("w:rightChars")) == "400"


def test_joint_suggestion_gives_one_letter_per_deputy() -> None:
    """R-RP-3: each deputy of a joint suggestion gets a letter of his own, lead first."""
    letters = reply_letters(letter())
    assert [name for name, _ in letters] == [
        "魏县第十届人大第三次会议第15号建议答复-张三.docx",
        "魏县第十届人大第三次会议第15号建议答复-李红.docx",
        "魏县第十届人大第三次会议第15号建议答复-赵六.docx",
    ]
    for (_, content), deputy in zip(letters, (ZHANG, LIHONG, ZHAO), strict=True):
        texts = body_texts(open_docx(content))
        assert f"{deputy.name}代表：" in texts
        assert any(t.startswith("你们提出的") for t in texts)


def test_joint_proposal_gives_one_letter_to_the_lead_member() -> None:
    """R-RP-3: a joint proposal is answered once, to its lead (李四, not 钱七)."""
    letters = reply_letters(letter((TEACHERS,), COUNTY_CPPCC))
    assert [name for name, _ in letters] == [
        "政协魏县第十届委员会第三次会议第8号提案答复-李四.docx"
    ]
    texts = body_texts(open_docx(letters[0][1]))
    assert "李四委员：" in texts
    assert "对政协魏县第十届委员会\n第三次会议第8号提案的答复" in texts


def test_an_organisation_is_addressed_as_such() -> None:
    """R-RP-3: 民盟魏县总支： and 贵单位提出的…"""
    (_, content), *_ = reply_letters(letter((INDUSTRY,), COUNTY_CPPCC))
    texts = body_texts(open_docx(content))
    assert "民盟魏县总支：" in texts
    assert "贵单位提出的“关于发展县域特色产业的提案”收悉，现答复如下：" in texts


def test_merged_reply_names_every_number_and_every_deputy() -> None:
    """R-MG-3: one heading with 第15号、第16号, every deputy named, a letter to each (R-RP-3)."""
    letters = reply_letters(letter((PARKING, ROADS)))
    assert len(letters) == 4
    assert letters[-1][0] == "魏县第十届人大第三次会议第15、16号建议答复-孙八.docx"
    for (_, content), deputy in zip(letters, (ZHANG, LIHONG, ZHAO, SUN), strict=True):
        texts = body_texts(open_docx(content))
        assert "魏县第十届人民代表大会\n第三次会议第15号、第16号建议的答复" in texts
        assert (
            "（并案办理：第15号建议，张三代表、李红代表、赵六代表；第16号建议，孙八代表）" in texts
        )
        assert f"{deputy.name}代表：" in texts
        assert (
            "你们提出的“关于改善城区道路交通状况的建议”、“关于整治城区停车秩序的建议”"
            "收悉，现答复如下：" in texts
        )


def test_merged_proposals_name_each_lead_only() -> None:
    """R-MG-3: for proposals the lead member or organisation of each merged item."""
    letters = reply_letters(letter((TEACHERS, INDUSTRY), COUNTY_CPPCC))
    assert [name.rsplit("-", 1)[1] for name, _ in letters] == ["李四.docx", "民盟魏县总支.docx"]
    texts = body_texts(open_docx(letters[0][1]))
    assert "（并案办理：第8号提案，李四委员；第9号提案，民盟魏县总支）" in texts


def test_a_letter_with_blanks_is_refused_with_every_reason() -> None:
    """R-RP-7: no letter is printed while anything is missing."""
    with pytest.raises(IncompleteDocument) as refused:
        reply_letters(letter(document_number=None, signing_leader="", reply_class=None))
    assert {m.field for m in refused.value.missing} == {
        "document_number",
        "signing_leader",
        "reply_class",
    }


def test_body_headings_take_heiti_and_kaiti() -> None:
    """GB/T 9704: 一、 in 黑体, （一） in 楷体 up to its first 。, the rest 仿宋; 空二字."""
    _, document = _first_letter(letter())
    first_level = find(document, lambda t: t == "一、基本情况")
    second_level = find(document, lambda t: t.startswith("（一）加快改造。"))
    assert run_fonts(first_level) == {"黑体"}
    assert [east_asia_font(r) for r in second_level.runs if r.text] == [
        "楷体_GB2312",
        "仿宋_GB2312",
    ]
    assert second_level._p.pPr.ind.get(qn("w:firstLineChars")) == "200"


def test_fonts_and_sizes_of_title_and_body() -> None:
    """LETTER-FORMAT.md: title 方正小标宋简体 22 pt; body 仿宋_GB2312 16 pt (eastAsia set)."""
    _, document = _first_letter(letter(reply_class=ReplyClass.B))
    title = find(document, lambda t: t.startswith("魏县第十届人民代表大会"))
    assert run_fonts(title) == {"方正小标宋简体"} and run_sizes(title) == {22.0}
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for text in (BODY[1], "张三代表：", "2024年5月6日", "B类"):
        paragraph = find(document, lambda t, text=text: t == text)
        assert run_fonts(paragraph) == {"仿宋_GB2312"}, text
        assert run_sizes(paragraph) == {16.0}, text


def test_values_are_escaped_not_taken_as_xml() -> None:
    """A title with & and < renders as text."""
    odd = ItemRef(15, "关于增设<电动车>充电桩&车棚的建议", ROADS.proposers)
    _, document = _first_letter(letter((odd,)))
    assert "你们提出的“关于增设<电动车>充电桩&车棚的建议”收悉，现答复如下：" in body_texts(document)
