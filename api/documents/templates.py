"""The catalogue of the notice's 14 attachments as .docx templates (附件1–14).

One name per attachment, readable by a clerk browsing ``templates_docx/``; the build script
(``templates_docx/build.py``) writes these files and ``render`` reads them, so both take the
names from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.model import ItemKind, Level
from domain.replies import LetterType

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates_docx"


@dataclass(frozen=True)
class Attachment:
    """附件N of the notice: its number, its file and the notice's own name for it."""

    number: int
    filename: str
    notice_name: str


@dataclass(frozen=True)
class LetterAttachment(Attachment):
    """附件3–10: which letter, for which kind and level (R-RP-7)."""

    letter_type: LetterType
    kind: ItemKind
    level: Level


_S, _P = ItemKind.SUGGESTION, ItemKind.PROPOSAL
_CO, _REPLY = LetterType.CO_OPINION, LetterType.REPLY
_CITY, _COUNTY = Level.CITY, Level.COUNTY

BREAKDOWN = Attachment(1, "01-责任分解表.docx", "（承办单位）代表建议政协提案办理责任分解表")
KEY_ITEMS = Attachment(2, "02-重点处理登记表.docx", "重点处理代表建议政协提案登记表")
LETTERS = (
    LetterAttachment(
        3, "03-市人大代表建议会办意见.docx", "市人大代表建议会办意见行文格式", _CO, _S, _CITY
    ),
    LetterAttachment(4, "04-市政协提案会办意见.docx", "市政协提案会办意见行文格式", _CO, _P, _CITY),
    LetterAttachment(
        5, "05-答复市人大代表.docx", "承办单位答复市人大代表行文格式", _REPLY, _S, _CITY
    ),
    LetterAttachment(
        6,
        "06-答复市政协委员或党派团体.docx",
        "承办单位答复市政协委员或党派、团体行文格式",
        _REPLY,
        _P,
        _CITY,
    ),
    LetterAttachment(
        7, "07-县人大代表建议会办意见.docx", "县人大代表建议会办意见行文格式", _CO, _S, _COUNTY
    ),
    LetterAttachment(
        8, "08-县政协提案会办意见.docx", "县政协提案会办意见行文格式", _CO, _P, _COUNTY
    ),
    LetterAttachment(
        9, "09-答复县人大代表.docx", "承办单位答复县人大代表行文格式", _REPLY, _S, _COUNTY
    ),
    LetterAttachment(
        10,
        "10-答复县政协委员或党派团体.docx",
        "承办单位答复县政协委员或党派、团体行文格式",
        _REPLY,
        _P,
        _COUNTY,
    ),
)
SUGGESTION_FEEDBACK = Attachment(11, "11-代表建议征询意见表.docx", "代表建议办理情况征询意见表")
PROPOSAL_FEEDBACK = Attachment(12, "12-政协提案征询意见表.docx", "政协提案办理情况征询意见表")
VISIT_CARD = Attachment(13, "13-走访代表委员专用卡.docx", "走访代表委员专用卡")
LOOKBACK = Attachment(14, "14-办理情况复查表.docx", "代表建议政协提案办理情况复查表")

ATTACHMENTS: tuple[Attachment, ...] = (
    BREAKDOWN,
    KEY_ITEMS,
    *LETTERS,
    SUGGESTION_FEEDBACK,
    PROPOSAL_FEEDBACK,
    VISIT_CARD,
    LOOKBACK,
)


def letter_attachment(letter_type: LetterType, kind: ItemKind, level: Level) -> LetterAttachment:
    """The attachment (3–10) whose format a letter of this type, kind and level follows."""
    return next(
        a for a in LETTERS if (a.letter_type, a.kind, a.level) == (letter_type, kind, level)
    )


def feedback_attachment(kind: ItemKind) -> Attachment:
    """附件11 for a suggestion, 附件12 for a proposal (R-FB-1)."""
    return SUGGESTION_FEEDBACK if kind is ItemKind.SUGGESTION else PROPOSAL_FEEDBACK
