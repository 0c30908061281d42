"""What a letter (attachments 3–10) needs, and the template context made from it.

Every wording rule comes from ``domain.replies``: heading, salutation, opening, recipients,
copy-to, date. This module only arranges those texts for the templates: the heading broken
as the notice sets it, the merged items named (R-MG-3), body headings in their fonts.
``checks.missing_elements`` says whether the data makes a correct letter at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from domain.model import (
    Disclosure,
    ItemKind,
    Level,
    Proposer,
    ProposerKind,
    ReplyClass,
    SessionRef,
)
from domain.numerals import ordinal, parse_chinese_numeral
from domain.replies import (
    Bodies,
    LetterType,
    copy_to,
    copy_to_line,
    heading,
    letter_date,
    merged_recipients,
    opening,
    recipients,
    salutation,
    session_name,
)


@dataclass(frozen=True)
class ItemRef:
    """One item a letter answers: its number, title (案由) and proposers, the lead flagged."""

    number: int
    title: str
    proposers: tuple[Proposer, ...]


@dataclass(frozen=True)
class ReplyLetterData:
    """A reply (答复) or co-opinion (会办意见), attachments 3–10, as the unit drafted it.

    Several ``items`` make a merged letter (并案, R-MG-1); they share one session, so one
    kind and one level (R-MG-2). ``main_unit`` is the addressee of a co-opinion. The seal is
    pressed on paper over the date and is not part of the data.
    """

    letter_type: LetterType
    session: SessionRef
    items: tuple[ItemRef, ...]
    unit_name: str  # 承办单位, the issuer
    letterhead: str  # 公文信笺: the issuer's full name in red
    document_number: str | None  # 发文字号
    reply_class: ReplyClass | None  # 办理结果, replies only (R-RP-1)
    disclosure: Disclosure  # 是否同意公开 (R-RP-2)
    body: tuple[str, ...]  # paragraphs of 正文
    date: dt.date | None  # 成文日期
    signing_leader: str | None  # 领导签发 (R-RP-10)
    contact_person: str | None
    contact_phone: str | None
    bodies: Bodies  # copy-to names of the level (R-RP-6)
    co_units: tuple[str, ...] = ()  # 会办单位, copied on replies (R-RP-6)
    main_unit: str | None = None  # 主办单位: addressee of a co-opinion
    secret: bool = False  # 涉及党和国家秘密 (R-RP-2)
    secret_level: str = "秘密"  # 密级和保密期限, printed only on secret items

    @property
    def kind(self) -> ItemKind:
        return self.session.kind

    @property
    def level(self) -> Level:
        return self.session.level

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(item.number for item in self.items)

    @property
    def merged(self) -> bool:
        return len(self.items) > 1


# --- who gets a letter (R-RP-3, R-MG-3) ------------------------------------------------


def named_recipients(data: ReplyLetterData) -> tuple[Proposer, ...]:
    """Every deputy of the suggestion(s), or each proposal's lead, once, in number order
    (R-RP-3, R-MG-3)."""
    return merged_recipients(data.kind, [item.proposers for item in _in_order(data.items)])


def letter_recipients(data: ReplyLetterData) -> tuple[Proposer | None, ...]:
    """Who gets a copy: each one named by a reply; a co-opinion goes once to the main unit."""
    if data.letter_type is LetterType.CO_OPINION:
        return (None,)
    return named_recipients(data)


def item_label(session: SessionRef, numbers: Sequence[int]) -> str:
    """魏县第十届人大第三次会议第15、16号建议: the domain's session name, shortened for file
    names and table cells."""
    short = session_name(session).replace("人民代表大会", "人大")
    return f"{short}第{'、'.join(str(n) for n in sorted(set(numbers)))}号{session.kind.label}"


def named_proposers(kind: ItemKind, item: ItemRef) -> str:
    """张三代表、王五代表 / 李四委员 / 民盟魏县总支: the people a letter names for one item."""
    return "、".join(salutation(p).removesuffix("：") for p in recipients(kind, item.proposers))


# --- the template context --------------------------------------------------------------

_HEADING_1 = re.compile(r"^([一二三四五六七八九十百零]+)、")
_HEADING_2 = re.compile(r"^（([一二三四五六七八九十百零]+)）")


def split_paragraphs(text: str) -> tuple[str, ...]:
    """正文 as stored (one paragraph a line) into paragraphs, indents and blank lines dropped."""
    return tuple(line.strip(" \t\u3000") for line in text.splitlines() if line.strip(" \t\u3000"))


def body_paragraph(text: str) -> dict[str, str]:
    """一、 headings in 黑体 and （一） in 楷体, up to their first 。 (GB/T 9704); the rest 仿宋."""
    for pattern, key in ((_HEADING_1, "heading1"), (_HEADING_2, "heading2")):
        match = pattern.match(text)
        if match is None or not _is_numeral(match.group(1)):
            continue
        end = text.find("。") + 1 or len(text)
        parts = {"heading1": "", "heading2": "", "text": text[end:]}
        parts[key] = text[:end]
        return parts
    return {"heading1": "", "heading2": "", "text": text}


def _is_numeral(text: str) -> bool:
    try:
        parse_chinese_numeral(text)
    except ValueError:
        return False
    return True


def heading_lines(data: ReplyLetterData) -> str:
    """The domain's heading broken before 第…次会议 as the notice sets it (a trapezoid)."""
    text = heading(data.session, data.numbers, data.letter_type)
    at = text.find(f"{ordinal(data.session.meeting)}次会议")
    return f"{text[:at]}\n{text[at:]}" if at > 0 else text


def merged_note(data: ReplyLetterData) -> str:
    """并案: every merged number with its deputies or lead, under the title (R-MG-3)."""
    if not data.merged:
        return ""
    listed = "；".join(
        f"第{item.number}号{data.kind.label}，{named_proposers(data.kind, item)}"
        for item in _in_order(data.items)
    )
    return f"（并案办理：{listed}）"


def _in_order(items: Sequence[ItemRef]) -> list[ItemRef]:
    """Merged items in ascending number, as the heading lists them (R-MG-3)."""
    return sorted(items, key=lambda item: item.number)


def _addressee(data: ReplyLetterData, recipient: Proposer | None) -> str:
    """The proposer addressed; a co-opinion's main unit is addressed like an organisation."""
    if recipient is None:
        unit = Proposer(0, data.main_unit or "", ProposerKind.ORGANISATION)
        return salutation(unit)
    return salutation(recipient)


def _opening(data: ReplyLetterData, recipient: Proposer) -> str:
    """The domain's opening; a merged letter quotes every title and speaks to all it names."""
    if not data.merged:
        item = data.items[0]
        return opening(data.kind, item.proposers, recipient, item.title)
    others = tuple(p for p in named_recipients(data) if p.id != recipient.id)
    titles = "”、“".join(item.title.strip().strip('“”"') for item in _in_order(data.items))
    return opening(data.kind, (replace(recipient, is_lead=True), *others), recipient, titles)


def disclosure_mark(disclosure: Disclosure) -> str:
    """同意公开 / 不同意公开; an unmarked letter prints nothing and counts as agreeing (R-RP-2)."""
    return "" if disclosure is Disclosure.UNMARKED else disclosure.label


def letter_context(data: ReplyLetterData, recipient: Proposer | None) -> dict[str, Any]:
    """The tags of attachments 3–10 for one recipient (None: a co-opinion's main unit)."""
    is_reply = data.letter_type is LetterType.REPLY
    names = copy_to(data.kind, data.letter_type, data.bodies, data.co_units)
    return {
        "letterhead": data.letterhead,
        "secret_level": data.secret_level if data.secret else "",
        "disclosure_mark": disclosure_mark(data.disclosure),
        "reply_class": data.reply_class.label if is_reply and data.reply_class else "",
        "document_number": data.document_number or "",
        "heading": heading_lines(data),
        "merged_note": merged_note(data),
        "salutation": _addressee(data, recipient),
        "opening": _opening(data, recipient) if recipient is not None else "",
        "body": [body_paragraph(text) for text in data.body],
        "date": letter_date(data.date) if data.date else "",
        "signing_leader": data.signing_leader or "",
        "contact_person": data.contact_person or "",
        "contact_phone": data.contact_phone or "",
        "copy_to_line": copy_to_line(names),
    }
