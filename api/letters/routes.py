"""Letters and forms to download: every document of the notice, made from the data (issue 5).

A document that cannot be made correctly is a 422 listing every missing element — never a
letter with blanks. ``?format=pdf`` where LibreOffice is installed, else 501.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.attachments.routes import content_disposition
from api.auth.principal import Principal, allow
from api.clock import today
from api.common import Id
from api.db import SessionDep
from api.documents import PdfUnavailable, form_document, reply_letters, to_pdf, zip_documents
from api.errors import ApiError
from api.items import repository
from api.letters import sources
from api.models import Assignment, CoOpinion, Visit
from api.openapi import problems
from api.replies.letters import letter_facts, reply_data
from api.replies.routes import visible_reply
from api.replies.service import reply_assignment
from domain.replies import LetterType

router = APIRouter(tags=["documents"], responses=problems(501))  # PDF without LibreOffice
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Format = Annotated[Literal["docx", "pdf"], Query(description="docx（默认）或 pdf")]
Year = Annotated[int, Query(ge=2000, le=2100)]


def _send(files: list[tuple[str, bytes]], fmt: str, zip_name: str) -> Response:
    """One file as itself, several as a zip; PDF on request (501 without LibreOffice)."""
    if not files:
        raise ApiError(422, "没有可生成的文书")
    if fmt == "pdf":
        try:
            files = [(name.removesuffix(".docx") + ".pdf", to_pdf(data)) for name, data in files]
        except PdfUnavailable as exc:
            raise ApiError(501, str(exc)) from exc
    if len(files) == 1:
        name, data = files[0]
        media = "application/pdf" if fmt == "pdf" else DOCX
        return Response(
            data, media_type=media, headers={"Content-Disposition": content_disposition(name)}
        )
    return Response(
        zip_documents(files),
        media_type="application/zip",
        headers={"Content-Disposition": content_disposition(zip_name)},
    )


def _own_unit(principal: Principal, unit_id: int) -> None:
    if principal.is_unit and principal.unit_id != unit_id:
        raise ApiError(404, "单位不存在")


@router.get(
    "/replies/{reply_id}/letters", operation_id="documents-reply-letters", response_class=Response
)
def reply_letter_files(
    reply_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.read"))],
    format: Format = "docx",
) -> Response:
    """答复函: one per deputy of a joint suggestion, one to a proposal's lead (R-RP-3);
    merged letters name every number and person (R-MG-3)."""
    reply = visible_reply(session, principal, reply_id)
    assignment = reply_assignment(session, reply)
    facts = letter_facts(session, assignment, LetterType.REPLY)
    files = reply_letters(reply_data(reply, facts))
    return _send(files, format, f"答复函-{reply.id}.zip")


@router.get(
    "/items/{item_id}/co-opinion/letter",
    operation_id="documents-co-opinion",
    response_class=Response,
)
def co_opinion_letter(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.read"))],
    unit_id: Id | None = None,
    format: Format = "docx",
) -> Response:
    """会办意见 (attachments 3, 4, 7, 8) of the caller's unit, or of ``unit_id`` for the office."""
    item = repository.visible_item(session, principal, item_id)
    wanted = principal.unit_id if principal.is_unit else unit_id
    row = session.execute(
        select(CoOpinion, Assignment)
        .join(Assignment, Assignment.id == CoOpinion.assignment_id)
        .where(Assignment.item_id == item.id, Assignment.unit_id == wanted)
    ).first()
    if row is None:
        raise ApiError(404, "会办意见不存在")
    opinion, assignment = row
    return _send(
        reply_letters(sources.co_opinion_data(session, opinion, assignment)), format, "会办意见.zip"
    )


@router.get(
    "/units/{unit_id}/breakdown-forms",
    operation_id="documents-breakdown-forms",
    response_class=Response,
)
def breakdown_forms(
    unit_id: Id,
    year: Year,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    format: Format = "docx",
) -> Response:
    """附件1 for every proposer of the unit's items, as a zip (R-DL-1)."""
    _own_unit(principal, unit_id)
    forms = sources.breakdown_forms(session, unit_id, year, today())
    return _send([form_document(f) for f in forms], format, f"办理责任分解表-{year}年.zip")


@router.get(
    "/units/{unit_id}/key-items-form",
    operation_id="documents-key-items-form",
    response_class=Response,
)
def key_items_form(
    unit_id: Id,
    year: Year,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    format: Format = "docx",
) -> Response:
    """附件2: the unit's key items (R-KY-1, R-DL-2)."""
    _own_unit(principal, unit_id)
    return _send(
        [form_document(sources.key_item_form(session, unit_id, year, today()))],
        format,
        "重点处理登记表.zip",
    )


@router.get(
    "/items/{item_id}/feedback-form",
    operation_id="documents-feedback-form",
    response_class=Response,
)
def feedback_form(
    item_id: Id,
    unit_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    format: Format = "docx",
) -> Response:
    """附件11/12, sent with the reply (R-FB-1)."""
    item = repository.visible_item(session, principal, item_id)
    _own_unit(principal, unit_id)
    return _send(
        [form_document(sources.feedback_form(session, item, unit_id))], format, "征询意见表.zip"
    )


def _visible_visits(session: Session, principal: Principal, visits: list[Visit]) -> list[Visit]:
    for visit in visits:
        _own_unit(principal, visit.unit_id)
        repository.visible_item(session, principal, visit.item_id)
    return visits


@router.get("/visits/{visit_id}/card", operation_id="documents-visit-card", response_class=Response)
def visit_card(
    visit_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    format: Format = "docx",
) -> Response:
    """附件13, one card per item visited (R-VS-1)."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise ApiError(404, "走访记录不存在")
    _visible_visits(session, principal, [visit])
    return _send([form_document(sources.visit_card(session, visit))], format, "走访卡.zip")


@router.get(
    "/units/{unit_id}/visit-cards", operation_id="documents-visit-cards", response_class=Response
)
def visit_cards(
    unit_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    format: Format = "docx",
) -> Response:
    """Every visit card of a unit, as a zip (R-DL-8)."""
    _own_unit(principal, unit_id)
    visits = list(
        session.scalars(select(Visit).where(Visit.unit_id == unit_id).order_by(Visit.visited_on))
    )
    visible = [v for v in visits if _may_see(session, principal, v)]
    return _send(
        [form_document(sources.visit_card(session, v)) for v in visible], format, "走访卡.zip"
    )


def _may_see(session: Session, principal: Principal, visit: Visit) -> bool:
    try:
        repository.visible_item(session, principal, visit.item_id)
    except ApiError:
        return False
    return True


@router.get(
    "/units/{unit_id}/lookback-form",
    operation_id="documents-lookback-form",
    response_class=Response,
)
def lookback_form(
    unit_id: Id,
    year: Year,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    format: Format = "docx",
) -> Response:
    """附件14: main items only (R-FB-3), due by the year plan (R-DL-9)."""
    _own_unit(principal, unit_id)
    return _send(
        [form_document(sources.lookback_form(session, unit_id, year, today()))],
        format,
        "办理情况复查表.zip",
    )
