"""What is recorded against assignments — replies, feedback forms, referrals, visit cards and
look-backs — read for many items at once, one query per table whatever the number of items.

The item detail, the deadline refresh, the calendar recompute and the ledger all read these
through ``Recorded``, so every one of them hands the same ``AssignmentDates`` to
``domain.deadlines.evaluate``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from api.models import (
    Assignment,
    FeedbackForm,
    Item,
    LookBack,
    Referral,
    Reply,
    ReplyStatus,
    Visit,
)
from domain.deadlines import AssignmentDates
from domain.kpi_targets import FeedbackVote
from domain.model import Disclosure, VisitMode
from domain.replies import may_publish_reply

Key = tuple[int, int]  # (item id, unit id)
Card = tuple[VisitMode, date, date | None]  # mode, visited, submitted (R-DL-8)


@dataclass(frozen=True, slots=True)
class Recorded:
    """Everything recorded against the assignments of the items matching one condition."""

    replies: dict[int, Reply]  # by assignment: its oldest
    group_replies: dict[int, list[Reply]]  # by merge group, oldest first
    feedback: dict[Key, list[FeedbackVote]]  # every form received (R-FB-1)
    referrals: dict[Key, tuple[date, date | None]]  # the latest referral (R-FB-2, R-DL-7)
    visits: dict[Key, list[Card]]
    lookbacks: dict[int, date | None]  # by assignment (R-DL-9)

    @classmethod
    def load(cls, session: Session, items: ColumnElement[bool]) -> Recorded:
        """``items`` is a condition on ``Item`` (``Item.id == 7``, ``Item.year.in_(…)``)."""
        replies, group_replies = replies_of(session, items)
        return cls(
            replies,
            group_replies,
            feedback_votes(session, items),
            _referrals(session, items),
            _visits(session, items),
            _lookbacks(session, items),
        )

    def reply(self, assignment: Assignment, item: Item) -> Reply | None:
        return pick_reply(assignment, item, self.replies, self.group_replies)

    def dates(self, assignment: Assignment, item: Item) -> AssignmentDates:
        """Everything recorded against the assignment, as the dates the deadline rules read."""
        key = (item.id, assignment.unit_id)
        reply = self.reply(assignment, item)
        sent = reply.sent_on if reply is not None and reply.status is ReplyStatus.SENT else None
        disclosure = reply.disclosure if reply is not None else Disclosure.UNMARKED
        referral = self.referrals.get(key)
        return AssignmentDates(
            role=assignment.role,
            key_item=assignment.key_item,
            publishable=may_publish_reply(secret=item.secret, disclosure=disclosure),
            first_assignment=item.first_assignment,
            second_assignment=item.second_assignment,
            breakdown_delivered=assignment.breakdown_delivered,
            key_registration_filed=assignment.key_registration_filed,
            co_opinion_delivered=assignment.co_opinion_delivered,
            reply_sent=sent,
            reply_published=reply.published_on if reply is not None and sent else None,
            feedback_returned=min((v.received for v in self.feedback.get(key, ())), default=None),
            office_referral=referral[0] if referral else None,
            followup_sent=referral[1] if referral else None,
            visit_cards_submitted=_all_submitted([v[2] for v in self.visits.get(key, [])]),
            lookback_filed=self.lookbacks.get(assignment.id),
            office_set_due={
                k: date.fromisoformat(v) for k, v in (item.office_set_due or {}).items()
            },
        )


def pick_reply(
    assignment: Assignment,
    item: Item,
    replies: dict[int, Reply],
    group_replies: dict[int, list[Reply]],
) -> Reply | None:
    """The assignment's own reply, or its merge group's reply (R-MG-3): the oldest."""
    if not assignment.role.replies:
        return None
    candidates = [r for r in (replies.get(assignment.id),) if r is not None]
    if item.merge_group_id is not None:
        candidates += group_replies.get(item.merge_group_id, [])
    return min(candidates, key=lambda r: r.id) if candidates else None


def _all_submitted(cards: list[date | None]) -> date | None:
    """R-DL-8 is met once every card is submitted: on the last card's date."""
    submitted = [c for c in cards if c is not None]
    return max(submitted) if cards and len(submitted) == len(cards) else None


def replies_of(
    session: Session, items: ColumnElement[bool]
) -> tuple[dict[int, Reply], dict[int, list[Reply]]]:
    """The items' replies, and their merge groups' replies, which may hang on another item."""
    by_assignment: dict[int, Reply] = {}
    by_group: dict[int, list[Reply]] = defaultdict(list)
    groups = select(Item.merge_group_id).where(items, Item.merge_group_id.is_not(None))
    for reply in session.scalars(
        select(Reply)
        .join(Assignment, Assignment.id == Reply.assignment_id)
        .join(Item, Item.id == Assignment.item_id)
        .where(or_(items, Reply.merge_group_id.in_(groups.correlate(None))))
        .order_by(Reply.id)
    ):
        by_assignment.setdefault(reply.assignment_id, reply)  # the oldest, as ``reply_of``
        if reply.merge_group_id is not None:
            by_group[reply.merge_group_id].append(reply)
    return by_assignment, by_group


def feedback_votes(session: Session, items: ColumnElement[bool]) -> dict[Key, list[FeedbackVote]]:
    """Every feedback form of the items, as the domain's votes, by (item, unit)."""
    found: dict[Key, list[FeedbackVote]] = defaultdict(list)
    for item_id, unit_id, proposer_id, received, satisfaction, seq in session.execute(
        select(
            FeedbackForm.item_id,
            FeedbackForm.unit_id,
            FeedbackForm.proposer_id,
            FeedbackForm.received_on,
            FeedbackForm.satisfaction,
            FeedbackForm.form_seq,
        )
        .join(Item, Item.id == FeedbackForm.item_id)
        .where(items)
    ):
        found[(item_id, unit_id)].append(FeedbackVote(proposer_id, received, satisfaction, seq))
    return found


def _referrals(session: Session, items: ColumnElement[bool]) -> dict[Key, tuple[date, date | None]]:
    found: dict[Key, tuple[date, date | None]] = {}
    for item_id, unit_id, referred, written in session.execute(
        select(Referral.item_id, Referral.unit_id, Referral.referred_on, Referral.written_reply_on)
        .join(Item, Item.id == Referral.item_id)
        .where(items)
        .order_by(Referral.referred_on, Referral.id)
    ):
        found[(item_id, unit_id)] = (referred, written)
    return found


def _visits(session: Session, items: ColumnElement[bool]) -> dict[Key, list[Card]]:
    found: dict[Key, list[Card]] = defaultdict(list)
    for item_id, unit_id, mode, visited, submitted in session.execute(
        select(Visit.item_id, Visit.unit_id, Visit.mode, Visit.visited_on, Visit.submitted_on)
        .join(Item, Item.id == Visit.item_id)
        .where(items)
    ):
        found[(item_id, unit_id)].append((mode, visited, submitted))
    return found


def _lookbacks(session: Session, items: ColumnElement[bool]) -> dict[int, date | None]:
    return dict(
        session.execute(
            select(LookBack.assignment_id, LookBack.filed_on)
            .join(Assignment, Assignment.id == LookBack.assignment_id)
            .join(Item, Item.id == Assignment.item_id)
            .where(items)
        ).all()
    )
