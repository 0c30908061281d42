"""Reply rules R-RP: classes, disclosure, recipients, routes, copy-to, headings, format check."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.model import (
    Disclosure,
    ItemKind,
    Level,
    Proposer,
    ProposerKind,
    ReplyClass,
    Role,
    SessionRef,
)
from domain.replies import (
    Bodies,
    FormatProblem,
    LetterType,
    Party,
    ReplyLetter,
    copy_to,
    copy_to_line,
    effective_disclosure,
    format_problems,
    heading,
    is_plausible_phone,
    is_standard_format,
    is_valid_document_number,
    letter_date,
    may_publish_item_text,
    may_publish_reply,
    merged_recipients,
    opening,
    recipients,
    reply_classes,
    reply_route,
    salutation,
)

SUGGESTION, PROPOSAL = ItemKind.SUGGESTION, ItemKind.PROPOSAL
REPLY, CO_OPINION = LetterType.REPLY, LetterType.CO_OPINION

ZHANG = Proposer(1, "张三", ProposerKind.DEPUTY, is_lead=True)
WANG = Proposer(2, "王五", ProposerKind.DEPUTY)
ZHAO = Proposer(3, "赵六", ProposerKind.DEPUTY)
LI = Proposer(4, "李四", ProposerKind.MEMBER, is_lead=True)
SUN = Proposer(5, "孙七", ProposerKind.MEMBER)
MINMENG = Proposer(6, "民盟魏县总支", ProposerKind.ORGANISATION, is_lead=True)

BODIES = Bodies(
    npc_personnel_committee="县人大常委会选举任免代表工作委员会",
    government_office="县政府办公室",
    cppcc_proposals_committee="县政协提案委员会",
)
NPC_SESSION = SessionRef(SUGGESTION, Level.COUNTY, "魏县", term=10, meeting=3)
CPPCC_SESSION = SessionRef(PROPOSAL, Level.COUNTY, "魏县", term=10, meeting=3)

proposer_lists = st.lists(
    st.builds(
        Proposer,
        id=st.integers(1, 30),
        name=st.text(min_size=1, max_size=4),
        kind=st.sampled_from(ProposerKind),
        is_lead=st.booleans(),
    ),
    min_size=1,
    max_size=8,
)


def test_reply_classes_are_a_b_c_in_order() -> None:
    """R-RP-1."""
    assert [c.label for c in reply_classes()] == ["A类", "B类", "C类"]


# --- R-RP-2 disclosure ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("marked", "effective"),
    [
        pytest.param(Disclosure.UNMARKED, Disclosure.AGREE, id="R-RP-2 unmarked means agree"),
        pytest.param(Disclosure.AGREE, Disclosure.AGREE, id="R-RP-2 agree stays agree"),
        pytest.param(Disclosure.DISAGREE, Disclosure.DISAGREE, id="R-RP-2 disagree stays"),
    ],
)
def test_effective_disclosure(marked: Disclosure, effective: Disclosure) -> None:
    assert effective_disclosure(marked) is effective


@pytest.mark.parametrize(
    ("secret", "disclosure", "public"),
    [
        pytest.param(False, Disclosure.AGREE, True, id="R-RP-2 agreed → public"),
        pytest.param(False, Disclosure.UNMARKED, True, id="R-RP-2 unmarked → public"),
        pytest.param(False, Disclosure.DISAGREE, False, id="R-RP-2 disagreed → not public"),
        pytest.param(True, Disclosure.AGREE, False, id="R-RP-2 secret → never public"),
        pytest.param(True, Disclosure.UNMARKED, False, id="R-RP-2 secret unmarked → not public"),
    ],
)
def test_may_publish_reply(secret: bool, disclosure: Disclosure, public: bool) -> None:
    assert may_publish_reply(secret=secret, disclosure=disclosure) is public


@pytest.mark.parametrize(
    ("secret", "consent", "public"),
    [
        pytest.param(False, True, True, id="R-RP-2 item text with consent"),
        pytest.param(False, False, False, id="R-RP-2 item text without consent"),
        pytest.param(True, True, False, id="R-RP-2 secret item text never"),
    ],
)
def test_may_publish_item_text(secret: bool, consent: bool, public: bool) -> None:
    assert may_publish_item_text(secret=secret, proposer_consent=consent) is public


# --- R-RP-3 recipients, salutation, opening ------------------------------------------


@pytest.mark.parametrize(
    ("kind", "proposers", "expected"),
    [
        pytest.param(SUGGESTION, [ZHANG], [ZHANG], id="R-RP-3 single deputy"),
        pytest.param(
            SUGGESTION, [WANG, ZHANG, ZHAO], [ZHANG, WANG, ZHAO], id="R-RP-3 joint → every deputy"
        ),
        pytest.param(PROPOSAL, [SUN, LI], [LI], id="R-RP-3 joint proposal → the lead only"),
        pytest.param(
            PROPOSAL,
            [SUN, replace(LI, is_lead=False)],
            [SUN],
            id="R-RP-3 no lead flagged → the first",
        ),
        pytest.param(PROPOSAL, [MINMENG], [MINMENG], id="R-RP-3 organisation's proposal"),
        pytest.param(SUGGESTION, [ZHANG, WANG, ZHANG], [ZHANG, WANG], id="R-RP-3 deduplicated"),
    ],
)
def test_recipients(kind: ItemKind, proposers: list[Proposer], expected: list[Proposer]) -> None:
    assert recipients(kind, proposers) == tuple(expected)


@pytest.mark.parametrize("kind", list(ItemKind))
def test_recipients_refuses_an_item_without_proposers(kind: ItemKind) -> None:
    with pytest.raises(DomainError) as caught:
        recipients(kind, [])
    assert (caught.value.rule_id, caught.value.field) == ("R-RP-3", "proposers")


@given(st.sampled_from(ItemKind), proposer_lists)
def test_recipients_are_distinct_proposers_and_one_for_a_proposal(
    kind: ItemKind, proposers: list[Proposer]
) -> None:
    chosen = recipients(kind, proposers)
    assert set(chosen) <= set(proposers)
    assert len({p.id for p in chosen}) == len(chosen)
    if kind is PROPOSAL:
        assert len(chosen) == 1
    else:
        assert {p.id for p in chosen} == {p.id for p in proposers}


@pytest.mark.parametrize(
    ("kind", "items", "expected"),
    [
        pytest.param(
            SUGGESTION,
            [[ZHANG, WANG], [ZHAO, WANG]],
            [ZHANG, WANG, ZHAO],
            id="R-MG-3 every deputy of every item, once",
        ),
        pytest.param(
            PROPOSAL,
            [[LI, SUN], [MINMENG], [SUN, LI]],
            [LI, MINMENG],
            id="R-MG-3 each item's lead, once",
        ),
    ],
)
def test_merged_recipients(
    kind: ItemKind, items: list[list[Proposer]], expected: list[Proposer]
) -> None:
    assert merged_recipients(kind, items) == tuple(expected)


def test_merged_recipients_refuses_an_item_without_proposers() -> None:
    with pytest.raises(DomainError) as caught:
        merged_recipients(SUGGESTION, [[ZHANG], []])
    assert (caught.value.rule_id, caught.value.field) == ("R-RP-3", "proposers")


@pytest.mark.parametrize(
    ("proposer", "text"),
    [(ZHANG, "张三代表："), (LI, "李四委员："), (MINMENG, "民盟魏县总支：")],
)
def test_salutation(proposer: Proposer, text: str) -> None:
    assert salutation(proposer) == text


@pytest.mark.parametrize(
    ("kind", "proposers", "recipient", "title", "text"),
    [
        pytest.param(
            SUGGESTION,
            [ZHANG],
            ZHANG,
            "关于修缮乡村道路的建议",
            "你提出的“关于修缮乡村道路的建议”收悉，现答复如下：",
            id="R-RP-3 one deputy → 你",
        ),
        pytest.param(
            SUGGESTION,
            [ZHANG, WANG],
            WANG,
            "“关于修缮乡村道路的建议”",
            "你们提出的“关于修缮乡村道路的建议”收悉，现答复如下：",
            id="R-RP-3 joint suggestion → 你们, to each deputy",
        ),
        pytest.param(
            PROPOSAL,
            [LI, SUN],
            LI,
            "关于加强校园安全的提案",
            "你们提出的“关于加强校园安全的提案”收悉，现答复如下：",
            id="R-RP-3 joint proposal → 你们",
        ),
        pytest.param(
            PROPOSAL,
            [MINMENG],
            MINMENG,
            "关于发展职业教育的提案",
            "贵单位提出的“关于发展职业教育的提案”收悉，现答复如下：",
            id="R-RP-3 organisation → 贵单位",
        ),
    ],
)
def test_opening(
    kind: ItemKind, proposers: list[Proposer], recipient: Proposer, title: str, text: str
) -> None:
    assert opening(kind, proposers, recipient, title) == text


@pytest.mark.parametrize(
    ("recipient", "title", "rule_id", "field"),
    [
        pytest.param(SUN, "关于……的提案", "R-RP-3", "recipient", id="R-RP-3 not the lead"),
        pytest.param(LI, " “” ", "R-RP-7", "title", id="R-RP-7 empty title"),
    ],
)
def test_opening_refuses(recipient: Proposer, title: str, rule_id: str, field: str) -> None:
    with pytest.raises(DomainError) as caught:
        opening(PROPOSAL, [LI, SUN], recipient, title)
    assert (caught.value.rule_id, caught.value.field) == (rule_id, field)


# --- R-RP-4 / R-RP-5 routes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "role", "letter", "replier", "deliver_to", "via_office", "own_part"),
    [
        pytest.param(
            Level.COUNTY, Role.MAIN, REPLY, Party.UNIT, (Party.PROPOSERS,), False, False,
            id="R-RP-4 county main unit replies itself",
        ),
        pytest.param(
            Level.COUNTY, Role.SPLIT, REPLY, Party.UNIT, (Party.PROPOSERS,), False, True,
            id="R-RP-4 county split unit replies on its part",
        ),
        pytest.param(
            Level.CITY, Role.MAIN, REPLY, Party.COUNTY_GOVERNMENT, (Party.OFFICE,), True, False,
            id="R-RP-4 city item: county government replies via office",
        ),
        pytest.param(
            Level.CITY, Role.SPLIT, REPLY, Party.COUNTY_GOVERNMENT, (Party.OFFICE,), True, True,
            id="R-RP-4 city split: drafts its part via office",
        ),
        pytest.param(
            Level.CITY, Role.CO, CO_OPINION, None, (Party.OFFICE, Party.MAIN_UNIT), True, False,
            id="R-RP-5 city co-unit → office and main unit",
        ),
        pytest.param(
            Level.COUNTY, Role.CO, CO_OPINION, None, (Party.MAIN_UNIT,), False, False,
            id="R-RP-5 county co-unit → main unit",
        ),
    ],
)  # fmt: skip
def test_reply_route(
    level: Level,
    role: Role,
    letter: LetterType,
    replier: Party | None,
    deliver_to: tuple[Party, ...],
    via_office: bool,
    own_part: bool,
) -> None:
    route = reply_route(level, role)
    assert route.letter is letter
    assert route.replier is replier
    assert route.deliver_to == deliver_to
    assert route.via_office is via_office
    assert route.own_part_only is own_part
    assert route.description


def test_reply_route_describes_the_city_co_unit_route_in_chinese() -> None:
    assert reply_route(Level.CITY, Role.CO).description == (
        "会办单位不直接答复，将会办意见同时报送县政府办公室和主办单位各1份（含电子版）"
    )
    assert reply_route(Level.CITY, Role.MAIN).description == (
        "市级件由县政府负责答复：本单位起草答复意见，报送县政府办公室（1份，含电子版）"
    )


# --- R-RP-6 copy-to ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "letter", "line"),
    [
        pytest.param(
            SUGGESTION,
            REPLY,
            "抄送：县人大常委会选举任免代表工作委员会，县政府办公室，县财政局，县交通运输局。",
            id="R-RP-6 suggestion reply: committee, office, co-units",
        ),
        pytest.param(
            PROPOSAL,
            REPLY,
            "抄送：县政府办公室，县政协提案委员会，县财政局，县交通运输局。",
            id="R-RP-6 proposal reply: office, proposals committee, co-units",
        ),
        pytest.param(
            SUGGESTION,
            CO_OPINION,
            "抄送：县人大常委会选举任免代表工作委员会，县政府办公室。",
            id="R-RP-6 suggestion co-opinion: no co-units",
        ),
        pytest.param(
            PROPOSAL,
            CO_OPINION,
            "抄送：县政府办公室，县政协提案委员会。",
            id="R-RP-6 proposal co-opinion: no co-units",
        ),
    ],
)
def test_copy_to_line(kind: ItemKind, letter: LetterType, line: str) -> None:
    co_units = ["县财政局", "县交通运输局", "县财政局"]
    assert copy_to_line(copy_to(kind, letter, BODIES, co_units)) == line


def test_copy_to_without_co_units() -> None:
    assert copy_to(SUGGESTION, REPLY, BODIES) == (
        "县人大常委会选举任免代表工作委员会",
        "县政府办公室",
    )


# --- R-RP-7 heading, document number, date -------------------------------------------


@pytest.mark.parametrize(
    ("session", "numbers", "letter", "text"),
    [
        pytest.param(
            NPC_SESSION, [15], REPLY, "魏县第十届人民代表大会第三次会议第15号建议的答复",
            id="R-RP-7 suggestion reply",
        ),
        pytest.param(
            NPC_SESSION, [15], CO_OPINION, "魏县第十届人民代表大会第三次会议第15号建议的会办意见",
            id="R-RP-7 suggestion co-opinion",
        ),
        pytest.param(
            CPPCC_SESSION, [8], REPLY, "对政协魏县第十届委员会第三次会议第8号提案的答复",
            id="R-RP-7 proposal reply",
        ),
        pytest.param(
            CPPCC_SESSION, [8], CO_OPINION, "对政协魏县第十届委员会第三次会议第8号提案的会办意见",
            id="R-RP-7 proposal co-opinion",
        ),
        pytest.param(
            NPC_SESSION, [23, 15, 23], REPLY,
            "魏县第十届人民代表大会第三次会议第15号、第23号建议的答复",
            id="R-MG-3 merged suggestion reply: sorted, deduplicated",
        ),
        pytest.param(
            replace(CPPCC_SESSION, body_name="邯郸市", level=Level.CITY, term=11, meeting=1),
            [12, 8], CO_OPINION,
            "对政协邯郸市第十一届委员会第一次会议第8号、第12号提案的会办意见",
            id="R-MG-3 merged city proposal co-opinion",
        ),
    ],
)  # fmt: skip
def test_heading(session: SessionRef, numbers: list[int], letter: LetterType, text: str) -> None:
    assert heading(session, numbers, letter) == text


@pytest.mark.parametrize("numbers", [[], [0], [3, -1]])
def test_heading_refuses_missing_or_bad_numbers(numbers: list[int]) -> None:
    with pytest.raises(DomainError) as caught:
        heading(NPC_SESSION, numbers, REPLY)
    assert (caught.value.rule_id, caught.value.field) == ("R-RP-7", "numbers")


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("魏交函〔2024〕15号", True),
        ("魏政办函〔2024〕1号", True),
        ("魏交函〔2024〕015号", False),  # leading zero
        ("魏交函〔2024〕第15号", False),  # 第
        ("魏交函[2024]15号", False),  # square brackets
        ("魏交函（2024）15号", False),  # round brackets
        ("魏交函【2024】15号", False),
        ("魏交函〔24〕15号", False),  # two-digit year
        ("魏交函〔2024〕15", False),  # no 号
        ("〔2024〕15号", False),  # no issuer code
        ("魏交函〔2024〕0号", False),
        ("", False),
    ],
)
def test_is_valid_document_number(text: str, valid: bool) -> None:
    assert is_valid_document_number(text) is valid


@pytest.mark.parametrize(
    ("day", "text"),
    [(dt.date(2024, 5, 6), "2024年5月6日"), (dt.date(2024, 12, 31), "2024年12月31日")],
)
def test_letter_date_uses_arabic_numerals_without_leading_zeros(day: dt.date, text: str) -> None:
    assert letter_date(day) == text


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("0310-3519359", True),
        ("3519359", True),
        ("13812345678", True),
        ("031035193590", True),
        ("0310-351935", False),
        ("12812345678", False),
        ("1381234567", False),
        ("电话3519359", False),
        ("", False),
    ],
)
def test_is_plausible_phone(text: str, plausible: bool) -> None:
    assert is_plausible_phone(text) is plausible


# --- R-RP-7 format check -------------------------------------------------------------

EXPECTED_HEADING = "魏县第十届人民代表大会第三次会议第15号建议的答复"
EXPECTED_COPY_TO = ("县人大常委会选举任免代表工作委员会", "县政府办公室", "县财政局")
GOOD_LETTER = ReplyLetter(
    letter_type=REPLY,
    kind=SUGGESTION,
    letterhead="魏县交通运输局",
    disclosure=None,
    reply_class=ReplyClass.A,
    document_number="魏交函〔2024〕15号",
    heading=EXPECTED_HEADING,
    salutation="张三代表：",
    title="关于修缮乡村道路的建议",
    body="你提出的“关于修缮乡村道路的建议”收悉，现答复如下：……",
    sealed=True,
    date=dt.date(2024, 5, 6),
    signing_leader="刘局长",
    contact_person="王五",
    contact_phone="0310-3519359",
    copy_to=EXPECTED_COPY_TO,
)


def problems_of(letter: ReplyLetter) -> list[FormatProblem]:
    return format_problems(
        letter, expected_heading=EXPECTED_HEADING, expected_copy_to=EXPECTED_COPY_TO
    )


def test_a_complete_unmarked_letter_is_standard() -> None:
    """R-RP-2: no disclosure mark is legal (it means agree), so it is not a problem."""
    assert problems_of(GOOD_LETTER) == []
    assert is_standard_format(
        GOOD_LETTER, expected_heading=EXPECTED_HEADING, expected_copy_to=EXPECTED_COPY_TO
    )


def test_a_co_opinion_needs_no_class() -> None:
    """R-RP-1: the class is printed on replies only."""
    assert problems_of(replace(GOOD_LETTER, letter_type=CO_OPINION, reply_class=None)) == []


def test_an_empty_letter_reports_every_missing_element_at_once() -> None:
    fields = [p.field for p in problems_of(ReplyLetter())]
    assert fields == [
        "letterhead",
        "document_number",
        "heading",
        "salutation",
        "title",
        "body",
        "signing_leader",
        "contact_person",
        "contact_phone",
        "reply_class",
        "sealed",
        "date",
        "copy_to",
        "copy_to",
        "copy_to",
    ]


def test_a_flawed_letter_reports_several_wrong_elements() -> None:
    flawed = replace(
        GOOD_LETTER,
        reply_class=None,
        document_number="魏交函[2024]第015号",
        heading="关于第15号建议的答复",
        salutation="张三代表:",
        body="  ",
        sealed=False,
        contact_phone="351-93",
        copy_to=("县政府办公室", "县人大常委会选举任免代表工作委员会"),
    )
    assert problems_of(flawed) == [
        FormatProblem("body", "正文为空"),
        FormatProblem("reply_class", "答复函首页文号上方须标明办理结果（A类/B类/C类）", "R-RP-1"),
        FormatProblem("sealed", "未加盖印章"),
        FormatProblem(
            "document_number",
            "发文字号“魏交函[2024]第015号”不规范，应如“魏交函〔2024〕15号”："
            "年份用六角括号，序号不加“第”、不编虚位",
        ),
        FormatProblem("heading", f"标题应为“{EXPECTED_HEADING}”"),
        FormatProblem("salutation", "主送（称呼）应以全角冒号“：”结尾"),
        FormatProblem("contact_phone", "联系电话“351-93”不是有效的电话号码"),
        FormatProblem("copy_to", "抄送缺少“县财政局”", "R-RP-6"),
        FormatProblem(
            "copy_to",
            "抄送顺序应为：县人大常委会选举任免代表工作委员会，县政府办公室，县财政局",
            "R-RP-6",
        ),
    ]


@pytest.mark.parametrize(
    ("copied", "messages"),
    [
        pytest.param(EXPECTED_COPY_TO, [], id="R-RP-6 exact"),
        pytest.param(
            (*EXPECTED_COPY_TO, "县教育局"), ["抄送不应列“县教育局”"], id="R-RP-6 extra body"
        ),
        pytest.param((*EXPECTED_COPY_TO, "县财政局"), ["抄送机关重复"], id="R-RP-6 duplicate body"),
        pytest.param(
            EXPECTED_COPY_TO[1:],
            ["抄送缺少“县人大常委会选举任免代表工作委员会”"],
            id="R-RP-6 missing committee, rest in order",
        ),
        pytest.param(
            (), [f"抄送缺少“{name}”" for name in EXPECTED_COPY_TO], id="R-RP-6 no copy-to"
        ),
    ],
)
def test_copy_to_problems(copied: tuple[str, ...], messages: list[str]) -> None:
    problems = problems_of(replace(GOOD_LETTER, copy_to=copied))
    assert [p.message for p in problems] == messages
    assert all(p.rule_id == "R-RP-6" for p in problems)
