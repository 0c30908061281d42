"""The targets R-KPI-1..7: the facts they read, what one assignment adds to each, the goal.

An assignment is one item handled by one unit in one role (R-KPI-0). Each measure looks at
one assignment "as of" a date and answers (counted, met): how much it adds to the
denominator and to the numerator. An event dated after the "as of" date has not happened
yet; a due date has *passed* only when it is before the "as of" date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from domain.errors import DomainError
from domain.model import ReplyClass, Role, Satisfaction, VisitMode

FACE_TO_FACE_RULE = "R-KPI-4"


@dataclass(frozen=True, slots=True)
class Contact:
    """One visit or call (R-VS-1); ``lead_proposer`` when it reached the lead (R-VS-2)."""

    on: date
    mode: VisitMode
    lead_proposer: bool = True


@dataclass(frozen=True, slots=True)
class FeedbackVote:
    """A feedback form's overall verdict (R-FB-1).

    For the same proposer a higher ``form_seq`` replaces a lower one: a re-handled item's
    new form counts, the old one no longer does (R-KPI-5).
    """

    proposer_id: int
    received: date
    satisfaction: Satisfaction
    form_seq: int = 1


@dataclass(frozen=True, slots=True)
class AssignmentFacts:
    """What happened to one item in one unit's hands (R-KPI-0).

    ``year`` is the year the item was raised; ``reply_due`` the R-DL-4 (or R-DL-10) due
    date, ``None`` until assigned; ``publication_due`` the R-DL-5 due date counted from
    ``reply_sent``; ``publishable`` means disclosure agreed and the item not secret (R-RP-2).
    """

    item_id: int
    unit_id: int
    role: Role
    year: int
    reply_due: date | None = None
    reply_sent: date | None = None
    reply_class: ReplyClass | None = None
    reply_format_ok: bool | None = None
    publishable: bool = True
    publication_due: date | None = None
    published: date | None = None
    contacts: tuple[Contact, ...] = ()
    feedback: tuple[FeedbackVote, ...] = ()

    def __post_init__(self) -> None:
        """Refuse facts that leave a measure undecidable, rather than guess."""
        if self.reply_sent is not None and self.role.replies:
            if self.reply_due is None:
                raise DomainError(
                    f"第{self.item_id}号件已答复但没有答复期限，无法判断是否按时办复",
                    rule_id="R-DL-4",
                    field="reply_due",
                )
            if self.publishable and self.publication_due is None:
                raise DomainError(
                    f"第{self.item_id}号件已答复且可公开，但没有公开期限",
                    rule_id="R-DL-5",
                    field="publication_due",
                )
        if len(self.feedback) < 2:  # the common case, checked without building a set
            return
        forms = [(vote.proposer_id, vote.form_seq) for vote in self.feedback]
        if len(set(forms)) != len(forms):
            raise DomainError(
                f"第{self.item_id}号件同一提出人有两份序号相同的征询意见表，无法确定以哪份为准",
                rule_id="R-KPI-5",
                field="feedback",
            )


def face_to_face_target(n: int) -> Fraction:
    """R-KPI-4 tier by the unit's main items N: ≤10 → 100%, 11–49 → 75%, ≥50 → 50%.

    "10件以下" and "50件以上" include 10 and 50, as Chinese legal usage does.
    """
    if n < 0:
        raise DomainError("件数不能为负数", rule_id=FACE_TO_FACE_RULE, field="n")
    if n <= 10:
        return Fraction(1)
    if n <= 49:
        return Fraction(3, 4)
    return Fraction(1, 2)


Count = tuple[int, int]
_NONE: Count = (0, 0)
_SHORT: Count = (1, 0)
_MET: Count = (1, 1)


def _replied_on_time(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-1: counted once sent or once the due date has passed; met if sent by then."""
    sent, due = fact.reply_sent, fact.reply_due
    if sent is not None and sent <= as_of:
        return _MET if due is not None and sent <= due else _SHORT
    return _SHORT if due is not None and due < as_of else _NONE


def _reply_in_standard_format(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-2: a sent reply not (yet) checked against R-RP-7 does not count as standard."""
    if fact.reply_sent is None or fact.reply_sent > as_of:
        return _NONE
    return _MET if fact.reply_format_ok is True else _SHORT


def _problem_solved(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-3: class A, as finally set by the office (R-RP-9), over sent replies."""
    if fact.reply_sent is None or fact.reply_sent > as_of:
        return _NONE
    return _MET if fact.reply_class is ReplyClass.A else _SHORT


def _lead_visited_face_to_face(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-4: every assignment counts; met once the lead was met face to face (R-VS-2)."""
    for contact in fact.contacts:
        if contact.lead_proposer and contact.mode is VisitMode.FACE_TO_FACE and contact.on <= as_of:
            return _MET
    return _SHORT


def _satisfied_votes(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-5: (votes, satisfied votes), one vote per proposer, the latest form received.

    Votes are kept per assignment: each replying unit sends its own form with its reply.
    """
    if not fact.feedback:
        return _NONE
    latest = latest_votes(fact.feedback, as_of)
    satisfied = sum(1 for vote in latest if vote.satisfaction.counts_as_satisfied)
    return len(latest), satisfied


def latest_votes(votes: Iterable[FeedbackVote], as_of: date | None = None) -> list[FeedbackVote]:
    """One vote per proposer: the highest ``form_seq`` received by ``as_of`` (R-KPI-5)."""
    latest: dict[int, FeedbackVote] = {}
    for vote in votes:
        if as_of is None or vote.received <= as_of:
            kept = latest.get(vote.proposer_id)
            if kept is None or vote.form_seq > kept.form_seq:
                latest[vote.proposer_id] = vote
    return list(latest.values())


def _lead_contacted(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-6: every assignment counts; met once the lead was contacted in any mode."""
    for contact in fact.contacts:
        if contact.lead_proposer and contact.on <= as_of:
            return _MET
    return _SHORT


def _published_in_time(fact: AssignmentFacts, as_of: date) -> Count:
    """R-KPI-7: publishable sent replies whose publication is due or done; met if published
    by the R-DL-5 due date."""
    sent, due, published = fact.reply_sent, fact.publication_due, fact.published
    if not fact.publishable or sent is None or sent > as_of or due is None:
        return _NONE
    if published is not None and published <= as_of:
        return _MET if published <= due else _SHORT
    return _SHORT if due < as_of else _NONE


@dataclass(frozen=True, slots=True)
class Measure:
    """One target: ``target`` is ``None`` for R-KPI-4, whose goal is tiered per unit."""

    rule_id: str
    name: str
    target: Fraction | None
    count: Callable[[AssignmentFacts, date], Count]


MEASURES: tuple[Measure, ...] = (
    Measure("R-KPI-1", "按时办复率", Fraction(1), _replied_on_time),
    Measure("R-KPI-2", "答复函规范化率", Fraction(1), _reply_in_standard_format),
    Measure("R-KPI-3", "解决率", Fraction(1, 2), _problem_solved),
    Measure(FACE_TO_FACE_RULE, "面对面走访率", None, _lead_visited_face_to_face),
    Measure("R-KPI-5", "满意率", Fraction(9, 10), _satisfied_votes),
    Measure("R-KPI-6", "联系率", Fraction(1), _lead_contacted),
    Measure("R-KPI-7", "答复公开率", Fraction(1), _published_in_time),
)
