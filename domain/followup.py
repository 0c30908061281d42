"""After the reply: visits (R-VS-1..4), feedback and dissatisfaction (R-FB-1..2), look-back
(R-FB-3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.errors import DomainError
from domain.model import Proposer, ReplyClass, Role, Satisfaction


def lead_of(proposers: Sequence[Proposer]) -> Proposer:
    """The lead (领衔) proposer; a single proposer leads by himself."""
    if not proposers:
        raise DomainError("该件没有提出人", rule_id="R-VS-2", field="proposer_id")
    return next((p for p in proposers if p.is_lead), proposers[0])


def check_visit(proposers: Sequence[Proposer], visited_id: int, *, organised_by_unit: bool) -> None:
    """A visit is organised by the unit itself (R-VS-3); on a joint item only the lead is
    visited (R-VS-2)."""
    if not organised_by_unit:
        raise DomainError(
            "走访必须由承办单位组织进行，不得委托下级和基层走访",
            rule_id="R-VS-3",
            field="organised_by_unit",
        )
    lead = lead_of(proposers)
    if visited_id != lead.id:
        known = any(p.id == visited_id for p in proposers)
        message = f"联名件只走访领衔人（{lead.name}）" if known else "被走访人不是该件的提出人"
        raise DomainError(message, rule_id="R-VS-2", field="proposer_id")


def needs_referral(satisfaction: Satisfaction) -> bool:
    """不满意 goes to the office, which refers it to the unit (R-FB-2)."""
    return satisfaction is Satisfaction.DISSATISFIED


def check_feedback_received(reply_sent: date, received_on: date) -> None:
    """A feedback form answers a sent reply (R-FB-1): it cannot come back before the reply
    went out."""
    if received_on < reply_sent:
        raise DomainError(
            f"征询意见表收到日期不能早于答复日期（{reply_sent.isoformat()}）",
            rule_id="R-FB-1",
            field="received_on",
        )


def check_referral(received_on: date, referred_on: date) -> None:
    """The office refers a form it has received (R-FB-2); R-DL-7 counts from the referral."""
    if referred_on < received_on:
        raise DomainError(
            f"交办日期不能早于收到征询意见表的日期（{received_on.isoformat()}）",
            rule_id="R-FB-2",
            field="referred_on",
        )


def check_follow_up(
    face_to_face_on: date | None,
    written_reply_on: date | None,
    referred_on: date | None = None,
) -> None:
    """R-FB-2: the unit visits face to face, then answers in writing — not a letter alone —
    and both answer the office's referral, so neither is dated before it."""
    if written_reply_on is not None and face_to_face_on is None:
        raise DomainError(
            "须先当面走访沟通，再书面反馈代表委员", rule_id="R-FB-2", field="face_to_face_on"
        )
    if referred_on is not None and face_to_face_on is not None and face_to_face_on < referred_on:
        raise DomainError(
            f"当面走访日期不能早于政府办公室交办日期（{referred_on.isoformat()}）",
            rule_id="R-FB-2",
            field="face_to_face_on",
        )
    if face_to_face_on and written_reply_on and written_reply_on < face_to_face_on:
        raise DomainError(
            "书面反馈日期不能早于当面走访日期", rule_id="R-FB-2", field="written_reply_on"
        )


def check_lookback(role: Role, reply_sent: bool) -> None:
    """Look-back covers main items whose reply has gone out (R-FB-3)."""
    if role is not Role.MAIN:
        raise DomainError("回头看只复查主办件", rule_id="R-FB-3", field="item_id")
    if not reply_sent:
        raise DomainError("答复尚未发出，不能回头看", rule_id="R-FB-3", field="item_id")


def lookback_question(reply_class: ReplyClass | None) -> str:
    """What the look-back asks, by the reply's class (R-FB-3)."""
    if reply_class is ReplyClass.A:
        return "承诺解决的事项是否落地落实"
    if reply_class is ReplyClass.B:
        return "列入规划、计划的事项是否推进实施、取得进展"
    return "答复情况是否需要进一步跟进"
