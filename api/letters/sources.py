"""Turns database rows into the documents' data (api/documents stays free of the database)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.congress.routes import session_ref
from api.documents import (
    BreakdownForm,
    FeedbackForm,
    FormContacts,
    ItemRef,
    KeyItemForm,
    LookbackForm,
    LookbackRow,
    ReplyLetterData,
    ResponsibilityRow,
    VisitCard,
    split_paragraphs,
)
from api.errors import ApiError
from api.items.deadlines import reply_of
from api.models import (
    Assignment,
    Breakdown,
    CongressSession,
    CoOpinion,
    Item,
    LookBack,
    Proposer,
    Unit,
    Visit,
)
from api.organisation.service import bodies, jurisdiction, year_plan
from api.replies.letters import proposers_of
from domain.model import Proposer as ProposerValue
from domain.model import Role
from domain.replies import LetterType


def contacts(session: Session) -> FormContacts:
    j = jurisdiction(session)
    return FormContacts(
        supervision_office=j.supervision_office,
        supervision_phone=j.office_phone,
        supervision_email=j.office_email,
        npc_feedback_office=j.npc_feedback_office,
        npc_feedback_phone=j.npc_office_phone,
        cppcc_feedback_office=j.cppcc_feedback_office,
        cppcc_feedback_phone=j.cppcc_office_phone,
        notice_title=j.notice_title,
    )


def _congress(session: Session, item: Item) -> CongressSession:
    found = session.get(CongressSession, item.session_id)
    assert found is not None
    return found


def _unit(session: Session, unit_id: int) -> Unit:
    found = session.get(Unit, unit_id)
    if found is None:  # a unit named in the URL (forms of a unit, a feedback form's unit)
        raise ApiError(404, "单位不存在")
    return found


def co_opinion_data(
    session: Session, opinion: CoOpinion, assignment: Assignment
) -> ReplyLetterData:
    item = session.get(Item, assignment.item_id)
    assert item is not None
    unit = _unit(session, assignment.unit_id)
    main = session.scalar(
        select(Unit.name)
        .join(Assignment, Assignment.unit_id == Unit.id)
        .where(Assignment.item_id == item.id, Assignment.role == Role.MAIN)
    )
    return ReplyLetterData(
        letter_type=LetterType.CO_OPINION,
        session=session_ref(_congress(session, item)),
        items=(ItemRef(item.number, item.title, tuple(proposers_of(session, item))),),
        unit_name=unit.name,
        letterhead=unit.name,
        document_number=opinion.document_number,
        reply_class=None,
        disclosure=opinion.disclosure,
        body=split_paragraphs(opinion.body),
        date=opinion.letter_date,
        signing_leader=opinion.signing_leader,
        contact_person=opinion.contact_person,
        contact_phone=opinion.contact_phone,
        bodies=bodies(session, item.level),
        main_unit=main,
        secret=item.secret,
    )


def _unit_items(
    session: Session, unit_id: int, year: int, roles: tuple[Role, ...]
) -> list[tuple[Item, Assignment]]:
    return list(
        session.execute(
            select(Item, Assignment)
            .join(Assignment, Assignment.item_id == Item.id)
            .where(Assignment.unit_id == unit_id, Item.year == year, Assignment.role.in_(roles))
            .order_by(Item.session_id, Item.number)
        )
    )


def breakdown_forms(
    session: Session, unit_id: int, year: int, filled_on: date
) -> list[BreakdownForm]:
    """附件1, one per proposer, listing every item of this unit the proposer raised (R-DL-1)."""
    rows: dict[int, list[ResponsibilityRow]] = {}
    people: dict[int, ProposerValue] = {}
    for item, assignment in _unit_items(session, unit_id, year, (Role.MAIN, Role.SPLIT)):
        entries = {
            b.proposer_id: b
            for b in session.scalars(
                select(Breakdown).where(Breakdown.assignment_id == assignment.id)
            )
        }
        for proposer in proposers_of(session, item):
            entry = entries.get(proposer.id)
            people[proposer.id] = proposer
            rows.setdefault(proposer.id, []).append(
                ResponsibilityRow(
                    session=session_ref(_congress(session, item)),
                    number=item.number,
                    title=item.title,
                    leader=entry.leader_in_charge if entry else "",
                    section=entry.handling_office if entry else "",
                    contact_person=entry.contact_person if entry else "",
                    contact_phone=entry.contact_phone if entry else "",
                )
            )
    unit, found = _unit(session, unit_id), contacts(session)
    return [
        BreakdownForm(unit.name, people[p], tuple(r), filled_on, found) for p, r in rows.items()
    ]


def key_item_form(session: Session, unit_id: int, year: int, filled_on: date) -> KeyItemForm:
    """附件2: the unit's 1–2 key items (R-KY-1, R-DL-2)."""
    unit = _unit(session, unit_id)
    rows = []
    for item, assignment in _unit_items(session, unit_id, year, (Role.MAIN,)):
        if assignment.key_item:
            rows.append(
                ResponsibilityRow(
                    session=session_ref(_congress(session, item)),
                    number=item.number,
                    title=item.title,
                    leader=unit.leader_in_charge or "",
                    section="",
                    contact_person=unit.contact_person or "",
                    contact_phone=unit.contact_phone or "",
                )
            )
    return KeyItemForm(unit.name, tuple(rows), filled_on, contacts(session))


def feedback_form(session: Session, item: Item, unit_id: int) -> FeedbackForm:
    """附件11/12, sent blank with the reply (R-FB-1)."""
    return FeedbackForm(
        unit_name=_unit(session, unit_id).name,
        session=session_ref(_congress(session, item)),
        number=item.number,
        title=item.title,
        contacts=contacts(session),
    )


def visit_card(session: Session, visit: Visit) -> VisitCard:
    item = session.get(Item, visit.item_id)
    proposer = session.get(Proposer, visit.proposer_id)
    assert item is not None and proposer is not None
    return VisitCard(
        unit_name=_unit(session, visit.unit_id).name,
        visited_on=visit.visited_on,
        proposer=ProposerValue(proposer.id, proposer.name, proposer.kind, True),
        session=session_ref(_congress(session, item)),
        number=item.number,
        title=item.title,
        mode=visit.mode,
        place=visit.place or "",
        plan=year_plan(session, item.year),
        contacts=contacts(session),
        attitude=visit.attitude_comment or "",
        results=visit.result_comment or "",
    )


def lookback_form(session: Session, unit_id: int, year: int, filled_on: date) -> LookbackForm:
    """附件14: main items only (R-FB-3)."""
    rows = []
    for item, assignment in _unit_items(session, unit_id, year, (Role.MAIN,)):
        reply = reply_of(session, assignment, item)
        if reply is None or reply.reply_class is None or reply.sent_on is None:
            continue
        check = session.scalar(select(LookBack).filter_by(assignment_id=assignment.id))
        rows.append(
            LookbackRow(
                session=session_ref(_congress(session, item)),
                number=item.number,
                title=item.title,
                role=assignment.role,
                reply_class=reply.reply_class,
                reply_summary=f"{reply.reply_class.label}：{reply.reply_class.meaning}",
                progress=check.progress if check else None,
                progress_details=check.details if check else "",
            )
        )
    return LookbackForm(
        _unit(session, unit_id).name,
        filled_on,
        tuple(rows),
        year_plan(session, year),
        contacts(session),
    )
