"""What the notice's forms need (attachments 1, 2, 11–14) and their template contexts.

Periods come from the deadline rules (R-DL-1, R-DL-2, R-DL-6), fixed dates from the year
plan (R-DL-8, R-DL-9), the key-item range from R-KY-1, the offices and phone numbers from
configuration (``FormContacts``): a new year or a new phone number never edits a template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from api.documents import templates as catalogue
from api.documents.contexts import item_label
from domain.deadlines import RULES_BY_ID, YearPlan
from domain.keyitems import MAX_KEY_ITEMS, MIN_KEY_ITEMS
from domain.model import ItemKind, Proposer, ReplyClass, Role, Satisfaction, SessionRef, VisitMode
from domain.replies import letter_date, salutation


@dataclass(frozen=True)
class FormContacts:
    """Where the forms go and the numbers their footnotes print: configuration, not code."""

    supervision_office: str  # 县政府督查室 (forms 1, 2, 13, 14)
    supervision_phone: str  # 3519359
    supervision_email: str  # form 14
    npc_feedback_office: str  # 人大选任工委 (form 11, R-FB-1)
    npc_feedback_phone: str  # 3511920
    cppcc_feedback_office: str  # 政协提案委 (form 12, R-FB-1)
    cppcc_feedback_phone: str  # 3520411
    notice_title: str  # the year's notice, quoted by form 1


@dataclass(frozen=True)
class ResponsibilityRow:
    """One item on forms 1 and 2: who in the unit handles it."""

    session: SessionRef
    number: int
    title: str
    leader: str  # 分管领导
    section: str  # 承办科室
    contact_person: str
    contact_phone: str

    def cells(self, seq: int) -> dict[str, str]:
        return {
            "seq": str(seq),
            "number": item_label(self.session, [self.number]),
            "title": self.title,
            "leader": self.leader,
            "section": self.section,
            "contact": f"{self.contact_person}\n{self.contact_phone}",
        }


def _period(rule_id: str) -> str:
    period = RULES_BY_ID[rule_id].period
    assert period is not None
    return period.label


def _supervision(contacts: FormContacts) -> dict[str, str]:
    return {
        "supervision_office": contacts.supervision_office,
        "supervision_phone": contacts.supervision_phone,
        "supervision_email": contacts.supervision_email,
    }


@dataclass(frozen=True)
class BreakdownForm:
    """附件1: one proposer's items broken down to leader, section and contact (R-DL-1)."""

    unit_name: str
    proposer: Proposer
    rows: tuple[ResponsibilityRow, ...]
    filled_on: dt.date
    contacts: FormContacts
    attachment = catalogue.BREAKDOWN

    @property
    def filename(self) -> str:
        return f"办理责任分解表-{self.unit_name}-{self.proposer.name}.docx"

    def context(self) -> dict[str, Any]:
        return {
            "unit_name": self.unit_name,
            "salutation": salutation(self.proposer),
            "notice_title": self.contacts.notice_title,
            "filled_on": letter_date(self.filled_on),
            "rows": [row.cells(seq) for seq, row in enumerate(self.rows, start=1)],
            "breakdown_period": _period("R-DL-1"),
            **_supervision(self.contacts),
        }


@dataclass(frozen=True)
class KeyItemForm:
    """附件2: the unit's 1–2 key items (R-KY-1), filed with the office (R-DL-2)."""

    unit_name: str
    rows: tuple[ResponsibilityRow, ...]
    filled_on: dt.date
    contacts: FormContacts
    attachment = catalogue.KEY_ITEMS

    @property
    def filename(self) -> str:
        return f"重点处理登记表-{self.unit_name}.docx"

    def context(self) -> dict[str, Any]:
        rows = []
        for seq, row in enumerate(self.rows, start=1):
            cells, is_suggestion = row.cells(seq), row.session.kind is ItemKind.SUGGESTION
            cells["suggestion_number"] = cells["number"] if is_suggestion else ""
            cells["proposal_number"] = "" if is_suggestion else cells["number"]
            rows.append(cells)
        return {
            "unit_name": self.unit_name,
            "filled_on": letter_date(self.filled_on),
            "rows": rows,
            "key_item_range": f"{MIN_KEY_ITEMS}至{MAX_KEY_ITEMS}件",
            "breakdown_period": _period("R-DL-2"),
            **_supervision(self.contacts),
        }


@dataclass(frozen=True)
class FeedbackForm:
    """附件11/12, sent with the reply; filled in when the proposer's answers are recorded
    (R-FB-1, R-DL-6)."""

    unit_name: str
    session: SessionRef
    number: int
    title: str
    contacts: FormContacts
    satisfaction: Satisfaction | None = None
    attitude: str = ""  # 对办理态度的意见
    results: str = ""  # 对办理工作及结果的意见
    wants_talk: bool | None = None  # 是否要求当面走访座谈

    @property
    def attachment(self) -> catalogue.Attachment:
        return catalogue.feedback_attachment(self.session.kind)

    @property
    def filename(self) -> str:
        return f"{item_label(self.session, [self.number])}征询意见表.docx"

    def context(self) -> dict[str, Any]:
        suggestion = self.session.kind is ItemKind.SUGGESTION
        c = self.contacts
        return {
            "unit_name": self.unit_name,
            "number": item_label(self.session, [self.number]),
            "title": self.title,
            "tick": {s.value: "√" if s is self.satisfaction else "" for s in Satisfaction},
            "attitude": self.attitude,
            "results": self.results,
            "wants_talk": {True: "是", False: "否", None: ""}[self.wants_talk],
            "feedback_period": _period("R-DL-6"),
            "return_to": c.npc_feedback_office if suggestion else c.cppcc_feedback_office,
            "return_phone": c.npc_feedback_phone if suggestion else c.cppcc_feedback_phone,
        }


@dataclass(frozen=True)
class VisitCard:
    """附件13: one card per item visited, any mode (R-VS-1), all due by the plan's date (R-DL-8)."""

    unit_name: str
    visited_on: dt.date
    proposer: Proposer
    session: SessionRef
    number: int
    title: str
    mode: VisitMode
    place: str
    plan: YearPlan
    contacts: FormContacts
    attitude: str = ""
    results: str = ""
    attachment = catalogue.VISIT_CARD

    @property
    def filename(self) -> str:
        label = item_label(self.session, [self.number])
        return f"走访卡-{label}-{self.proposer.name}.docx"

    def context(self) -> dict[str, Any]:
        place = self.place.strip()
        if self.mode is not VisitMode.FACE_TO_FACE:
            place = f"{self.mode.label}走访" + (f"（{place}）" if place else "")
        return {
            "unit_name": self.unit_name,
            "visited_on": letter_date(self.visited_on),
            "proposer_name": self.proposer.name,
            "number": item_label(self.session, [self.number]),
            "title": self.title,
            "place": place,
            "attitude": self.attitude,
            "results": self.results,
            "visit_cards_due": letter_date(self.plan.visit_cards_due),
            **_supervision(self.contacts),
        }


@dataclass(frozen=True)
class LookbackRow:
    """One main item looked back on: A done? B progressing? (R-FB-3)."""

    session: SessionRef
    number: int
    title: str
    role: Role
    reply_class: ReplyClass
    reply_summary: str  # 答复情况: the result in brief
    progress: bool | None  # 有进展 / 无进展; None: not yet reviewed
    progress_details: str = ""
    remark: str = ""

    def cells(self, seq: int) -> dict[str, str]:
        result = {True: "有进展", False: "无进展", None: ""}[self.progress]
        details = self.progress_details.strip()
        return {
            "seq": str(seq),
            "number": item_label(self.session, [self.number]),
            "title": self.title,
            "reply": f"{self.reply_class.label}：{self.reply_summary}",
            "result": f"{result}：{details}" if result and details else result,
            "remark": self.remark,
        }


@dataclass(frozen=True)
class LookbackForm:
    """附件14, due by the year plan's date (R-DL-9)."""

    unit_name: str
    filled_on: dt.date
    rows: tuple[LookbackRow, ...]
    plan: YearPlan
    contacts: FormContacts
    attachment = catalogue.LOOKBACK

    @property
    def filename(self) -> str:
        return f"办理情况复查表-{self.unit_name}-{self.plan.year}年.docx"

    def context(self) -> dict[str, Any]:
        return {
            "unit_name": self.unit_name,
            "filled_on": letter_date(self.filled_on),
            "rows": [row.cells(seq) for seq, row in enumerate(self.rows, start=1)],
            "lookback_due": letter_date(self.plan.lookback_due),
            **_supervision(self.contacts),
        }


Form = BreakdownForm | KeyItemForm | FeedbackForm | VisitCard | LookbackForm
