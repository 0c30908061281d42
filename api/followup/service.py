"""Visits, feedback, referrals and look-back: the API gathers the facts, the domain decides."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.assignments.service import own_assignment
from api.auth.principal import Principal
from api.errors import ApiError
from api.followup.schemas import FeedbackCreate, FollowUpBody, LookBackBody, VisitBody
from api.items import deadlines as item_deadlines
from api.models import (
    Assignment,
    FeedbackForm,
    Item,
    LookBack,
    Referral,
    ReplyStatus,
    Visit,
)
from api.replies.letters import proposers_of
from api.webhooks.events import emit
from domain.followup import (
    check_feedback_received,
    check_follow_up,
    check_lookback,
    check_referral,
    check_visit,
    lead_of,
    needs_referral,
)
from domain.model import Role
from domain.replies import recipients

# What a card stores of the request (not the batch's item ids, not who was visited).
VISIT_FIELDS = set(VisitBody.model_fields) - {"organised_by_unit"}


def record_visit(
    session: Session,
    principal: Principal,
    item: Item,
    data: VisitBody,
    proposer_id: int | None,
    batch: str | None = None,
) -> Visit:
    """One card for one item (R-VS-1), of its lead (R-VS-2), organised by the unit (R-VS-3)."""
    assignment = own_assignment(session, principal, item, {Role.MAIN, Role.SPLIT})
    proposers = proposers_of(session, item)
    visited = proposer_id if proposer_id is not None else lead_of(proposers).id
    check_visit(proposers, visited, organised_by_unit=data.organised_by_unit)
    visit = Visit(
        item_id=item.id,
        unit_id=assignment.unit_id,
        proposer_id=visited,
        batch=batch,
        **data.model_dump(include=VISIT_FIELDS),
    )
    session.add(visit)
    session.flush()
    item_deadlines.refresh(session, item)
    return visit


def record_visits(
    session: Session, principal: Principal, items: list[Item], data: VisitBody
) -> list[Visit]:
    """集中走访: still one card per item, each for its own lead (R-VS-1)."""
    batch = str(uuid.uuid4())
    return [record_visit(session, principal, item, data, None, batch) for item in items]


def submit_cards(session: Session, unit_id: int, submitted_on: date) -> int:
    """Marks the unit's unsubmitted cards as sent to the office (R-DL-8)."""
    cards = list(
        session.scalars(select(Visit).where(Visit.unit_id == unit_id, Visit.submitted_on.is_(None)))
    )
    for card in cards:
        card.submitted_on = submitted_on
    session.flush()
    for item_id in {c.item_id for c in cards}:
        item = session.get(Item, item_id)
        if item is not None:
            item_deadlines.refresh(session, item)
    return len(cards)


def record_feedback(
    session: Session, principal: Principal, item: Item, data: FeedbackCreate
) -> FeedbackForm:
    """A proposer's form about one unit's sent reply; a later form replaces an earlier one
    in the satisfaction count (R-KPI-5)."""
    assignment = session.scalar(select(Assignment).filter_by(item_id=item.id, unit_id=data.unit_id))
    if assignment is None or not assignment.role.replies:
        raise ApiError(422, "该单位不是此件的答复单位", field="unit_id")
    reply = item_deadlines.reply_of(session, assignment, item)
    if reply is None or reply.status is not ReplyStatus.SENT:
        raise ApiError(422, "该单位尚未答复，不能登记征询意见表", field="unit_id", rule_id="R-FB-1")
    assert reply.sent_on is not None
    check_feedback_received(reply.sent_on, data.received_on)
    allowed = {p.id for p in recipients(item.kind, proposers_of(session, item))}
    if data.proposer_id not in allowed:
        raise ApiError(
            422,
            "该提出人不是答复对象（联名提案只答复领衔人）",
            field="proposer_id",
            rule_id="R-RP-3",
        )
    seq = (
        session.scalar(
            select(func.max(FeedbackForm.form_seq)).filter_by(
                item_id=item.id, unit_id=data.unit_id, proposer_id=data.proposer_id
            )
        )
        or 0
    )
    form = FeedbackForm(
        item_id=item.id, form_seq=seq + 1, recorded_by=principal.user_id, **data.model_dump()
    )
    session.add(form)
    session.flush()
    payload = {
        "item_id": item.id,
        "unit_id": form.unit_id,
        "feedback_id": form.id,
        "proposer_id": form.proposer_id,
        "satisfaction": form.satisfaction.value,
    }
    emit(session, "feedback.received", payload)
    if needs_referral(form.satisfaction):
        emit(session, "feedback.dissatisfied", payload)
    item_deadlines.refresh(session, item)
    return form


def refer(session: Session, form: FeedbackForm, referred_on: date, note: str | None) -> Referral:
    """The office refers dissatisfaction to the unit (R-FB-2); R-DL-7 counts from here."""
    if form.satisfaction.counts_as_satisfied:
        raise ApiError(422, "只有不满意的反馈需要交办", rule_id="R-FB-2", field="feedback_id")
    if session.scalar(select(Referral.id).filter_by(feedback_id=form.id)) is not None:
        raise ApiError(409, "该反馈已交办", rule_id="R-FB-2")
    check_referral(form.received_on, referred_on)
    referral = Referral(
        feedback_id=form.id,
        item_id=form.item_id,
        unit_id=form.unit_id,
        referred_on=referred_on,
        note=note,
    )
    session.add(referral)
    session.flush()
    item = session.get(Item, form.item_id)
    assert item is not None
    item_deadlines.refresh(session, item)
    return referral


def follow_up(
    session: Session, principal: Principal, referral: Referral, data: FollowUpBody
) -> Referral:
    """Face to face, then in writing (R-FB-2), within 15 working days (R-DL-7)."""
    if principal.unit_id != referral.unit_id:
        raise ApiError(404, "交办记录不存在")
    check_follow_up(data.face_to_face_on, data.written_reply_on, referral.referred_on)
    for key, value in data.model_dump().items():
        setattr(referral, key, value)
    session.flush()
    item = session.get(Item, referral.item_id)
    assert item is not None
    item_deadlines.refresh(session, item)
    return referral


def look_back(
    session: Session, principal: Principal, item: Item, data: LookBackBody
) -> tuple[LookBack, Assignment]:
    """回头看 of a replied main item (R-FB-3), filed with the office by R-DL-9."""
    assignment = own_assignment(session, principal, item)
    reply = item_deadlines.reply_of(session, assignment, item)
    check_lookback(assignment.role, reply is not None and reply.status is ReplyStatus.SENT)
    row = session.scalar(select(LookBack).filter_by(assignment_id=assignment.id))
    if row is None:
        row = LookBack(assignment_id=assignment.id, **data.model_dump())
        session.add(row)
    else:
        for key, value in data.model_dump().items():
            setattr(row, key, value)
    session.flush()
    item_deadlines.refresh(session, item)
    return row, assignment
