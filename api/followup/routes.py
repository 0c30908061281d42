"""Visits (R-VS), feedback forms (R-FB-1), referrals and follow-up (R-FB-2), look-back (R-FB-3)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal, allow
from api.calendar.service import current_calendar
from api.common import Id
from api.db import SessionDep
from api.errors import ApiError
from api.followup import service
from api.followup.schemas import (
    BatchVisitCreate,
    CardsSubmit,
    FeedbackCreate,
    FeedbackRead,
    FollowUpBody,
    LookBackBody,
    LookBackRead,
    ReferralCreate,
    ReferralRead,
    VisitCreate,
    VisitRead,
)
from api.items import repository
from api.items.deadlines import reply_of
from api.models import Assignment, FeedbackForm, Item, LookBack, Proposer, Referral, Visit
from domain.calendar import Period
from domain.followup import lookback_question, needs_referral
from domain.model import Satisfaction

router = APIRouter(tags=["follow-up"])


def _visit_read(session: Session, visit: Visit) -> VisitRead:
    proposer = session.get(Proposer, visit.proposer_id)
    return VisitRead.model_validate(
        {
            **{c: getattr(visit, c) for c in VisitRead.model_fields if hasattr(visit, c)},
            "organised_by_unit": True,
            "proposer_name": proposer.name if proposer else "",
        }
    )


@router.post(
    "/items/{item_id}/visits",
    operation_id="visits-create",
    response_model=VisitRead,
    status_code=201,
)
def create_visit(
    item_id: Id,
    data: VisitCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("visits.write"))],
) -> VisitRead:
    """Records a visit card for one item (R-VS-1..3)."""
    item = repository.visible_item(session, principal, item_id)
    visit = service.record_visit(session, principal, item, data, data.proposer_id)
    return _visit_read(session, visit)


@router.post(
    "/visits/batch", operation_id="visits-batch", response_model=list[VisitRead], status_code=201
)
def create_visits(
    data: BatchVisitCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("visits.write"))],
) -> list[VisitRead]:
    """集中走访: one card per item, each for its lead proposer (R-VS-1, R-VS-2)."""
    items = [repository.visible_item(session, principal, i) for i in dict.fromkeys(data.item_ids)]
    return [_visit_read(session, v) for v in service.record_visits(session, principal, items, data)]


@router.get("/items/{item_id}/visits", operation_id="visits-list", response_model=list[VisitRead])
def list_visits(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> list[VisitRead]:
    repository.visible_item(session, principal, item_id)
    query = select(Visit).where(Visit.item_id == item_id).order_by(Visit.visited_on, Visit.id)
    if principal.is_unit:
        query = query.where(Visit.unit_id == principal.unit_id)
    return [_visit_read(session, v) for v in session.scalars(query)]


@router.post(
    "/units/{unit_id}/visit-cards/submit", operation_id="visit-cards-submit", response_model=int
)
def submit_cards(
    unit_id: Id,
    data: CardsSubmit,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("visits.write"))],
) -> int:
    """走访1件报送1件: marks the unit's cards as submitted to the office (R-DL-8)."""
    if principal.unit_id != unit_id:
        raise ApiError(403, "只能报送本单位的走访卡")
    return service.submit_cards(session, unit_id, data.submitted_on)


def _feedback_read(session: Session, form: FeedbackForm) -> FeedbackRead:
    referral = session.scalar(select(Referral.id).filter_by(feedback_id=form.id))
    return FeedbackRead.model_validate(
        {
            **{c: getattr(form, c) for c in FeedbackRead.model_fields if hasattr(form, c)},
            "needs_referral": needs_referral(form.satisfaction),
            "referral_id": referral,
        }
    )


@router.post(
    "/items/{item_id}/feedback",
    operation_id="feedback-create",
    response_model=FeedbackRead,
    status_code=201,
)
def create_feedback(
    item_id: Id,
    data: FeedbackCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("feedback.write"))],
) -> FeedbackRead:
    """征询意见表 recorded by the liaison (R-FB-1); 不满意 waits for the office's referral."""
    item = repository.visible_item(session, principal, item_id)
    return _feedback_read(session, service.record_feedback(session, principal, item, data))


@router.get(
    "/items/{item_id}/feedback", operation_id="feedback-list", response_model=list[FeedbackRead]
)
def list_feedback(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> list[FeedbackRead]:
    repository.visible_item(session, principal, item_id)
    query = select(FeedbackForm).where(FeedbackForm.item_id == item_id).order_by(FeedbackForm.id)
    if principal.is_unit:
        query = query.where(FeedbackForm.unit_id == principal.unit_id)
    return [_feedback_read(session, f) for f in session.scalars(query)]


@router.get("/feedback", operation_id="feedback-awaiting", response_model=list[FeedbackRead])
def list_awaiting_referral(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[FeedbackRead]:
    """征询意见表 the office has still to refer to the unit (R-FB-2): those the domain says
    need a referral and that have none yet, oldest first."""
    needing = [s for s in Satisfaction if needs_referral(s)]
    referred = select(Referral.id).where(Referral.feedback_id == FeedbackForm.id)
    query = (
        select(FeedbackForm)
        .join(Item, Item.id == FeedbackForm.item_id)
        .where(
            repository.visible(principal),
            FeedbackForm.satisfaction.in_(needing),
            ~referred.exists(),
        )
        .order_by(FeedbackForm.received_on, FeedbackForm.id)
    )
    if year is not None:
        query = query.where(Item.year == year)
    if principal.is_unit:
        query = query.where(FeedbackForm.unit_id == principal.unit_id)
    return [_feedback_read(session, f) for f in session.scalars(query)]


def _referral_read(session: Session, referral: Referral) -> ReferralRead:
    due = current_calendar(session).due(referral.referred_on, Period.parse("15wd"))
    return ReferralRead.model_validate(
        {
            **{c: getattr(referral, c) for c in ReferralRead.model_fields if hasattr(referral, c)},
            "due": due.due,
            "due_provisional": due.provisional,
            "listed_supervision": referral.written_reply_on is None,
        }
    )


@router.post(
    "/feedback/{feedback_id}/referral",
    operation_id="referrals-create",
    response_model=ReferralRead,
    status_code=201,
)
def refer(
    feedback_id: Id,
    data: ReferralCreate,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("referrals.write"))],
) -> ReferralRead:
    """The office refers dissatisfaction to the unit (R-FB-2); 挂账督办 until answered."""
    form = session.get(FeedbackForm, feedback_id)
    if form is None:
        raise ApiError(404, "征询意见表不存在")
    repository.visible_item(session, principal, form.item_id)
    return _referral_read(session, service.refer(session, form, data.referred_on, data.note))


@router.get("/referrals", operation_id="referrals-list", response_model=list[ReferralRead])
def list_referrals(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    open_only: bool = False,
) -> list[ReferralRead]:
    """挂账督办: dissatisfaction referred and not yet answered in writing (R-FB-2)."""
    query = (
        select(Referral)
        .join(Item, Item.id == Referral.item_id)
        .where(repository.visible(principal))
        .order_by(Referral.referred_on)
    )
    if principal.is_unit:
        query = query.where(Referral.unit_id == principal.unit_id)
    if open_only:
        query = query.where(Referral.written_reply_on.is_(None))
    return [_referral_read(session, r) for r in session.scalars(query)]


@router.put(
    "/referrals/{referral_id}/follow-up",
    operation_id="referrals-follow-up",
    response_model=ReferralRead,
)
def follow_up(
    referral_id: Id,
    data: FollowUpBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("followup.write"))],
) -> ReferralRead:
    """Face-to-face visit, then a written answer copied to the office (R-FB-2, R-DL-7)."""
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise ApiError(404, "交办记录不存在")
    return _referral_read(session, service.follow_up(session, principal, referral, data))


@router.put("/items/{item_id}/lookback", operation_id="lookback-put", response_model=LookBackRead)
def put_lookback(
    item_id: Id,
    data: LookBackBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("lookback.write"))],
) -> LookBackRead:
    """回头看 of a replied main item (R-FB-3, attachment 14; filed by R-DL-9)."""
    item = repository.visible_item(session, principal, item_id)
    _, assignment = service.look_back(session, principal, item, data)
    reply = reply_of(session, assignment, item)
    return LookBackRead(
        **data.model_dump(),
        item_id=item.id,
        unit_id=assignment.unit_id,
        question=lookback_question(reply.reply_class if reply else None),
    )


@router.get(
    "/items/{item_id}/lookback", operation_id="lookback-get", response_model=list[LookBackRead]
)
def get_lookback(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
) -> list[LookBackRead]:
    item = repository.visible_item(session, principal, item_id)
    rows = session.execute(
        select(LookBack, Assignment)
        .join(Assignment, Assignment.id == LookBack.assignment_id)
        .where(Assignment.item_id == item.id)
    )
    answers = []
    for row, assignment in rows:
        if principal.is_unit and assignment.unit_id != principal.unit_id:
            continue
        reply = reply_of(session, assignment, item)
        answers.append(
            LookBackRead(
                checked_on=row.checked_on,
                progress=row.progress,
                details=row.details,
                filed_on=row.filed_on,
                item_id=item.id,
                unit_id=assignment.unit_id,
                question=lookback_question(reply.reply_class if reply else None),
            )
        )
    return answers
