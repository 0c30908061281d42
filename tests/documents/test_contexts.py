"""Template contexts: the domain's texts arranged for the letters (R-RP-7, R-MG-3)."""

from __future__ import annotations

from api.documents import split_paragraphs
from api.documents.contexts import (
    body_paragraph,
    heading_lines,
    item_label,
    letter_context,
    letter_recipients,
)
from api.documents.render import letter_filename
from tests.documents.conftest import (
    CITY_CPPCC,
    CO_OPINION,
    COUNTY_CPPCC,
    INDUSTRY,
    PARKING,
    TEACHERS,
    letter,
)


def test_stored_body_text_splits_into_paragraphs() -> None:
    text = "\u3000\u3000一、基本情况\n\n  城区道路42条。\r\n\t二、下一步工作\n"
    assert split_paragraphs(text) == ("一、基本情况", "城区道路42条。", "二、下一步工作")


def test_body_headings_are_recognised_by_their_numerals() -> None:
    """GB/T 9704 heading levels 一、 and （一）; 一是 or （甲） are plain text."""
    assert body_paragraph("十一、其他")["heading1"] == "十一、其他"
    assert body_paragraph("（二）完善设施。增设信号灯。") == {
        "heading1": "",
        "heading2": "（二）完善设施。",
        "text": "增设信号灯。",
    }
    assert body_paragraph("一是加快改造。")["heading1"] == ""
    assert body_paragraph("（甲）方案")["heading2"] == ""


def test_heading_breaks_before_the_meeting_as_the_notice_sets_it() -> None:
    """Attachments 3–10: 魏县第十届人民代表大会 / 第三次会议第15号建议的答复."""
    assert heading_lines(letter()) == "魏县第十届人民代表大会\n第三次会议第15号建议的答复"
    proposal = letter((TEACHERS,), CITY_CPPCC, CO_OPINION)
    assert heading_lines(proposal) == "对政协邯郸市第十届委员会\n第三次会议第8号提案的会办意见"


def test_a_co_opinion_goes_once_to_the_main_unit_without_class_or_opening() -> None:
    """R-RP-5, attachments 3, 4, 7, 8."""
    data = letter(letter_type=CO_OPINION)
    assert letter_recipients(data) == (None,)
    context = letter_context(data, None)
    assert context["salutation"] == "县住房和城乡建设局："
    assert context["reply_class"] == context["opening"] == ""
    assert context["copy_to_line"] == "抄送：县人大常委会选举任免代表工作委员会，县政府办公室。"
    assert (
        letter_filename(data, None)
        == "魏县第十届人大第三次会议第15号建议会办意见-县交通运输局.docx"
    )


def test_labels_name_the_session_and_every_number() -> None:
    """R-MG-3: 第15、16号 in file names and table cells, ascending."""
    assert item_label(letter().session, [16, 15]) == "魏县第十届人大第三次会议第15、16号建议"
    assert item_label(COUNTY_CPPCC, [9]) == "政协魏县第十届委员会第三次会议第9号提案"


def test_a_merged_letter_to_one_deputy_of_both_items_says_you() -> None:
    """The domain's opening: 你 for a single proposer, even across merged items."""
    alone = PARKING.__class__(17, "关于增设公交站点的建议", PARKING.proposers)
    data = letter((PARKING, alone))
    (recipient,) = letter_recipients(data)
    assert letter_context(data, recipient)["opening"].startswith("你提出的“关于整治城区停车秩序")
    organisation = letter((INDUSTRY,), COUNTY_CPPCC)
    assert letter_context(organisation, INDUSTRY.proposers[0])["opening"].startswith("贵单位")
