"""Reply rules (R-RP): classes, disclosure, recipients, routes, copy-to, headings, format check.

The letters are attachments 3–10 of the 2024 notice; LETTER-FORMAT.md gives where and how
each element sits. Body names (选任工委, 县政府办公室 …) are configuration, passed in as ``Bodies``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

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
from domain.numerals import ordinal


class LetterType(StrEnum):
    """答复 (a reply to the proposers) or 会办意见 (a co-unit's opinion to the main unit)."""

    REPLY = "reply"
    CO_OPINION = "co_opinion"

    @property
    def label(self) -> str:
        return {"reply": "答复", "co_opinion": "会办意见"}[self.value]


def reply_classes() -> tuple[ReplyClass, ...]:
    """A, B, C in the order the notice lists them (R-RP-1)."""
    return tuple(ReplyClass)


# --- disclosure (R-RP-2) -------------------------------------------------------------


def effective_disclosure(disclosure: Disclosure) -> Disclosure:
    """An unmarked letter counts as agreeing to publication (未作标注的，均视作同意公开, R-RP-2)."""
    return Disclosure.AGREE if disclosure is Disclosure.UNMARKED else disclosure


def may_publish_reply(*, secret: bool, disclosure: Disclosure) -> bool:
    """A reply is published unless the unit disagrees or the item touches state secrets (R-RP-2)."""
    return not secret and effective_disclosure(disclosure) is Disclosure.AGREE


def may_publish_item_text(*, secret: bool, proposer_consent: bool) -> bool:
    """The item's own text needs its proposer's consent (应征求代表委员意见, R-RP-2)."""
    return not secret and proposer_consent


# --- recipients, salutation, opening (R-RP-3, R-MG-3) --------------------------------


def _distinct(proposers: Sequence[Proposer]) -> list[Proposer]:
    """Each proposer once, by id, where first listed."""
    first: dict[int, Proposer] = {}
    for proposer in proposers:
        first.setdefault(proposer.id, proposer)
    return list(first.values())


def recipients(kind: ItemKind, proposers: Sequence[Proposer]) -> tuple[Proposer, ...]:
    """Who gets a letter: every deputy of a suggestion, lead first; only a proposal's lead (R-RP-3).

    A proposal with no lead flagged is answered to its first proposer.
    """
    if not proposers:
        raise DomainError("该件没有提出人，无法确定答复对象", rule_id="R-RP-3", field="proposers")
    people = _distinct(proposers)
    if kind is ItemKind.SUGGESTION:
        return tuple(sorted(people, key=lambda p: not p.is_lead))
    return (next((p for p in people if p.is_lead), people[0]),)


def merged_recipients(
    kind: ItemKind, proposers_per_item: Sequence[Sequence[Proposer]]
) -> tuple[Proposer, ...]:
    """A merged letter names every deputy, or each item's lead, once, in item order (R-MG-3)."""
    everyone = [p for proposers in proposers_per_item for p in recipients(kind, proposers)]
    return tuple(_distinct(everyone))


def salutation(proposer: Proposer) -> str:
    """The addressee line: 张三代表： / 李四委员： / 民盟魏县总支： (full-width colon)."""
    return f"{proposer.name}{proposer.kind.form_of_address}："


def opening(
    kind: ItemKind, proposers_of_item: Sequence[Proposer], recipient: Proposer, title: str
) -> str:
    """你（你们）（贵单位）提出的“案由”收悉，现答复如下： (attachments 5, 6, 9, 10).

    你们 when the item is joint, even though each deputy gets a letter of his own (R-RP-3).
    """
    if recipient.id not in {p.id for p in recipients(kind, proposers_of_item)}:
        raise DomainError(
            f"{recipient.name}不是该件的答复对象", rule_id="R-RP-3", field="recipient"
        )
    bare_title = title.strip().strip('“”"')
    if not bare_title:
        raise DomainError("缺少建议题目或提案案由", rule_id="R-RP-7", field="title")
    if recipient.kind is ProposerKind.ORGANISATION:
        pronoun = "贵单位"
    else:
        pronoun = "你们" if len(_distinct(proposers_of_item)) > 1 else "你"
    return f"{pronoun}提出的“{bare_title}”收悉，现答复如下："


# --- who replies (R-RP-4, R-RP-5) ----------------------------------------------------


class Party(StrEnum):
    """Those a letter goes to or comes from on its route (R-RP-4, R-RP-5)."""

    UNIT = "unit"
    COUNTY_GOVERNMENT = "county_government"
    OFFICE = "office"
    MAIN_UNIT = "main_unit"
    PROPOSERS = "proposers"

    @property
    def label(self) -> str:
        return {
            "unit": "承办单位",
            "county_government": "县政府",
            "office": "县政府办公室",
            "main_unit": "主办单位",
            "proposers": "代表委员",
        }[self.value]


@dataclass(frozen=True)
class ReplyRoute:
    """What a unit in a role writes, who signs the answer to the proposers, where it delivers.

    ``replier`` is None for a co-unit: it never replies, it sends an opinion (R-RP-5).
    ``own_part_only`` marks a split unit, which replies on its own part (R-RP-4).
    """

    letter: LetterType
    replier: Party | None
    deliver_to: tuple[Party, ...]
    own_part_only: bool
    description: str

    @property
    def via_office(self) -> bool:
        """The letter goes to the county government office, not straight to its final reader."""
        return Party.OFFICE in self.deliver_to


def reply_route(level: Level, role: Role) -> ReplyRoute:
    """County items: the unit answers the proposers; city items: 县政府 answers via the office."""
    part = "就本单位分办部分" if role is Role.SPLIT else ""
    if role is Role.CO and level is Level.CITY:
        text = "会办单位不直接答复，将会办意见同时报送县政府办公室和主办单位各1份（含电子版）"
        return ReplyRoute(LetterType.CO_OPINION, None, (Party.OFFICE, Party.MAIN_UNIT), False, text)
    if role is Role.CO:
        text = "会办单位不直接答复，将会办意见送达主办单位"
        return ReplyRoute(LetterType.CO_OPINION, None, (Party.MAIN_UNIT,), False, text)
    split = role is Role.SPLIT
    if level is Level.CITY:
        text = (
            f"市级件由县政府负责答复：本单位{part}起草答复意见，报送县政府办公室（1份，含电子版）"
        )
        return ReplyRoute(LetterType.REPLY, Party.COUNTY_GOVERNMENT, (Party.OFFICE,), split, text)
    text = f"县级件由本单位{part}直接答复代表委员"
    return ReplyRoute(LetterType.REPLY, Party.UNIT, (Party.PROPOSERS,), split, text)


# --- copy-to (R-RP-6) ----------------------------------------------------------------


@dataclass(frozen=True)
class Bodies:
    """The bodies named on one level's letters, from configuration (R-RP-6)."""

    npc_personnel_committee: str  # 人大常委会选举任免代表工作委员会
    government_office: str  # 政府办公室
    cppcc_proposals_committee: str  # 政协提案委员会


def copy_to(
    kind: ItemKind, letter: LetterType, bodies: Bodies, co_units: Sequence[str] = ()
) -> tuple[str, ...]:
    """抄送 in the order of attachments 3–10; only replies list the co-units (R-RP-6)."""
    if kind is ItemKind.SUGGESTION:
        fixed = (bodies.npc_personnel_committee, bodies.government_office)
    else:
        fixed = (bodies.government_office, bodies.cppcc_proposals_committee)
    extra = tuple(dict.fromkeys(co_units)) if letter is LetterType.REPLY else ()
    return fixed + extra


def copy_to_line(names: Sequence[str]) -> str:
    """抄送：甲，乙，丙。 — full-width commas, closed by a full stop (GB/T 9704)."""
    return f"抄送：{'，'.join(names)}。"


# --- heading, document number, date (R-RP-7) -----------------------------------------


def session_name(session: SessionRef) -> str:
    """魏县第十届人民代表大会第三次会议 / 政协魏县第十届委员会第三次会议."""
    term, meeting = ordinal(session.term), ordinal(session.meeting)
    if session.kind is ItemKind.SUGGESTION:
        return f"{session.body_name}{term}届人民代表大会{meeting}次会议"
    return f"政协{session.body_name}{term}届委员会{meeting}次会议"


def heading(session: SessionRef, numbers: Sequence[int], letter: LetterType) -> str:
    """The title naming congress, term, meeting and every number, ascending (R-RP-7, R-MG-3)."""
    distinct = sorted(set(numbers))
    if not distinct or distinct[0] < 1:
        raise DomainError("标题须列明建议提案编号（正整数）", rule_id="R-RP-7", field="numbers")
    listed = "、".join(f"第{n}号" for n in distinct)
    text = f"{session_name(session)}{listed}{session.kind.label}的{letter.label}"
    return f"对{text}" if session.kind is ItemKind.PROPOSAL else text


_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号")
_PHONE = re.compile(r"1[3-9]\d{9}|(?:0\d{2,3}-?)?[2-9]\d{6,7}")


def is_valid_document_number(text: str) -> bool:
    """发文字号 such as 魏交函〔2024〕15号: code, year in 〔〕, serial without 第 or leading 0."""
    return _DOCUMENT_NUMBER.fullmatch(text) is not None


def letter_date(day: dt.date) -> str:
    """成文日期 in Arabic numerals without leading zeros: 2024年5月6日."""
    return f"{day.year}年{day.month}月{day.day}日"


def is_plausible_phone(text: str) -> bool:
    """0310-3519359, 3519359 or a mobile 13812345678."""
    return _PHONE.fullmatch(text.strip()) is not None


# --- format check (R-RP-7; counted by R-KPI-2) ---------------------------------------


@dataclass(frozen=True)
class ReplyLetter:
    """The elements of attachments 3–10, as a drafted letter carries them; None = absent.

    An absent disclosure mark is legal (it means agree, R-RP-2). The class is printed on
    replies only (R-RP-1); on a co-opinion it is ignored.
    """

    letter_type: LetterType = LetterType.REPLY
    kind: ItemKind | None = None
    letterhead: str | None = None  # 承办单位公文信笺
    disclosure: Disclosure | None = None  # 是否同意公开
    reply_class: ReplyClass | None = None  # 办理结果
    document_number: str | None = None  # 发文字号
    heading: str | None = None  # 标题
    salutation: str | None = None  # 主送
    title: str | None = None  # 建议题目 / 案由
    body: str | None = None  # 正文
    sealed: bool = False  # 印章
    date: dt.date | None = None  # 成文日期
    signing_leader: str | None = None  # 领导签发
    contact_person: str | None = None  # 联系人
    contact_phone: str | None = None  # 联系电话
    copy_to: tuple[str, ...] = ()  # 抄送


@dataclass(frozen=True)
class FormatProblem:
    """One missing or wrong element, for the office's 复前审核 (R-RP-9) and R-KPI-2."""

    field: str
    message: str
    rule_id: str = "R-RP-7"


def _is_blank(text: str | None) -> bool:
    return text is None or not text.strip().strip('“”"')


def _missing_elements(letter: ReplyLetter) -> list[FormatProblem]:
    required = (
        ("letterhead", letter.letterhead, "缺少承办单位公文信笺（发文机关标志）"),
        ("document_number", letter.document_number, "缺少发文字号"),
        ("heading", letter.heading, "缺少标题"),
        ("salutation", letter.salutation, "缺少主送（称呼）"),
        ("title", letter.title, "缺少建议题目或提案案由"),
        ("body", letter.body, "正文为空"),
        ("signing_leader", letter.signing_leader, "缺少领导签发"),
        ("contact_person", letter.contact_person, "缺少联系人"),
        ("contact_phone", letter.contact_phone, "缺少联系电话"),
    )
    problems = [
        FormatProblem(field, message) for field, text, message in required if _is_blank(text)
    ]
    if letter.letter_type is LetterType.REPLY and letter.reply_class is None:
        problems.append(
            FormatProblem(
                "reply_class", "答复函首页文号上方须标明办理结果（A类/B类/C类）", "R-RP-1"
            )
        )
    if not letter.sealed:
        problems.append(FormatProblem("sealed", "未加盖印章"))
    if letter.date is None:
        problems.append(FormatProblem("date", "缺少成文日期"))
    return problems


def _wrong_elements(letter: ReplyLetter, expected_heading: str) -> list[FormatProblem]:
    number, phone = letter.document_number or "", letter.contact_phone or ""
    salutation, heading_text = letter.salutation or "", letter.heading or ""
    problems = []
    if number.strip() and not is_valid_document_number(number):
        problems.append(
            FormatProblem(
                "document_number",
                f"发文字号“{number}”不规范，应如“魏交函〔2024〕15号”：年份用六角括号，序号不加“第”、不编虚位",
            )
        )
    if heading_text.strip() and heading_text != expected_heading:
        problems.append(FormatProblem("heading", f"标题应为“{expected_heading}”"))
    if salutation.strip() and not salutation.endswith("："):
        problems.append(FormatProblem("salutation", "主送（称呼）应以全角冒号“：”结尾"))
    if phone.strip() and not is_plausible_phone(phone):
        problems.append(FormatProblem("contact_phone", f"联系电话“{phone}”不是有效的电话号码"))
    return problems


def _copy_to_problems(actual: Sequence[str], expected: Sequence[str]) -> list[FormatProblem]:
    def problem(message: str) -> FormatProblem:
        return FormatProblem("copy_to", message, "R-RP-6")

    problems = [problem(f"抄送缺少“{name}”") for name in expected if name not in actual]
    problems += [problem(f"抄送不应列“{name}”") for name in actual if name not in expected]
    if len(set(actual)) < len(actual):
        problems.append(problem("抄送机关重复"))
    listed = list(dict.fromkeys(name for name in actual if name in expected))
    if listed != [name for name in expected if name in actual]:
        problems.append(problem(f"抄送顺序应为：{'，'.join(expected)}"))
    return problems


def format_problems(
    letter: ReplyLetter, *, expected_heading: str, expected_copy_to: Sequence[str]
) -> list[FormatProblem]:
    """Every missing or wrong element of a letter, not just the first (R-RP-7, R-RP-6, R-RP-1)."""
    return (
        _missing_elements(letter)
        + _wrong_elements(letter, expected_heading)
        + _copy_to_problems(letter.copy_to, expected_copy_to)
    )


def is_standard_format(
    letter: ReplyLetter, *, expected_heading: str, expected_copy_to: Sequence[str]
) -> bool:
    """答复函规范: no format problem at all; R-KPI-2 counts replies by this."""
    return not format_problems(
        letter, expected_heading=expected_heading, expected_copy_to=expected_copy_to
    )
