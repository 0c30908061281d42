"""Replies (答复) through their workflow, and units' reply templates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal, allow
from api.clock import today
from api.common import Id, check_if_match, get_or_404, set_etag
from api.db import SessionDep
from api.errors import ApiError
from api.items import repository
from api.models import Assignment, Item, Reply, ReplyReview, ReplyTemplate
from api.replies import service
from api.replies.letters import letter_facts, reply_format_problems
from api.replies.schemas import (
    ApproveBody,
    FormatProblemRead,
    PublishBody,
    Recipient,
    ReplyCreate,
    ReplyRead,
    ReplyUpdate,
    ReturnBody,
    ReviewRead,
    SendBody,
    TemplateBody,
    TemplateRead,
)
from domain.replies import LetterType, salutation

router = APIRouter(tags=["replies"])


def reply_read(session: Session, reply: Reply) -> ReplyRead:
    assignment = service.reply_assignment(session, reply)
    facts = letter_facts(session, assignment, LetterType.REPLY)
    reviews = session.scalars(
        select(ReplyReview).where(ReplyReview.reply_id == reply.id).order_by(ReplyReview.id)
    )
    return ReplyRead(
        id=reply.id,
        item_id=assignment.item_id,
        assignment_id=assignment.id,
        unit_id=assignment.unit_id,
        merge_group_id=reply.merge_group_id,
        item_numbers=[i.number for i in facts.items],
        status=reply.status,
        status_label=reply.status.label,
        reply_class=reply.reply_class,
        unit_class=reply.unit_class,
        disclosure=reply.disclosure,
        document_number=reply.document_number,
        body=reply.body,
        letter_date=reply.letter_date,
        signing_leader=reply.signing_leader,
        contact_person=reply.contact_person,
        contact_phone=reply.contact_phone,
        signed_at=reply.signed_at,
        approved_at=reply.approved_at,
        sent_on=reply.sent_on,
        published_on=reply.published_on,
        published_url=reply.published_url,
        heading=facts.heading,
        copy_to=list(facts.copy_to),
        route=facts.route,
        recipients=[
            Recipient(id=p.id, name=p.name, kind=p.kind, salutation=salutation(p))
            for p in facts.recipients
        ],
        format_problems=[
            FormatProblemRead(field=p.field, message=p.message, rule_id=p.rule_id)
            for p in reply_format_problems(session, reply, facts)
        ],
        reviews=[ReviewRead.model_validate(r) for r in reviews],
        version=reply.version,
    )


def visible_reply(session: Session, principal: Principal, reply_id: int) -> Reply:
    reply = session.get(Reply, reply_id)
    if reply is None:
        raise ApiError(404, "答复不存在")
    assignment = service.reply_assignment(session, reply)
    repository.visible_item(session, principal, assignment.item_id)
    if principal.is_unit and assignment.unit_id != principal.unit_id:
        raise ApiError(404, "答复不存在")
    return reply


def _answer(session: Session, reply: Reply, response: Response) -> ReplyRead:
    session.flush()
    set_etag(response, reply.version)
    return reply_read(session, reply)


@router.post(
    "/items/{item_id}/replies",
    operation_id="replies-create",
    response_model=ReplyRead,
    status_code=201,
)
def create_reply(
    item_id: Id,
    data: ReplyCreate,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.write"))],
) -> ReplyRead:
    item = repository.visible_item(session, principal, item_id)
    return _answer(session, service.create_reply(session, principal, item, data), response)


@router.get(
    "/items/{item_id}/replies", operation_id="replies-of-item", response_model=list[ReplyRead]
)
def replies_of_item(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.read"))],
) -> list[ReplyRead]:
    item = repository.visible_item(session, principal, item_id)
    query = select(Reply).join(Assignment, Assignment.id == Reply.assignment_id)
    if item.merge_group_id is not None:
        query = query.join(Item, Item.id == Assignment.item_id).where(
            Item.merge_group_id == item.merge_group_id
        )
    else:
        query = query.where(Assignment.item_id == item.id)
    if principal.is_unit:
        query = query.where(Assignment.unit_id == principal.unit_id)
    return [reply_read(session, r) for r in session.scalars(query.order_by(Reply.id))]


@router.get("/replies/{reply_id}", operation_id="replies-get", response_model=ReplyRead)
def get_reply(
    reply_id: Id,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.read"))],
) -> ReplyRead:
    reply = visible_reply(session, principal, reply_id)
    return _answer(session, reply, response)


@router.patch("/replies/{reply_id}", operation_id="replies-update", response_model=ReplyRead)
def update_reply(
    reply_id: Id,
    data: ReplyUpdate,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.write"))],
) -> ReplyRead:
    """Edits a draft or a returned reply; send If-Match to refuse a stale edit (412)."""
    reply = visible_reply(session, principal, reply_id)
    check_if_match(request, reply.version)
    service.update_reply(session, principal, reply, data)
    return _answer(session, reply, response)


@router.post("/replies/{reply_id}/sign", operation_id="replies-sign", response_model=ReplyRead)
def sign_reply(
    reply_id: Id,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.sign"))],
) -> ReplyRead:
    """领导签发 (R-RP-10): the leader in charge signs; the reply goes to the office."""
    reply = visible_reply(session, principal, reply_id)
    check_if_match(request, reply.version)
    service.sign(session, principal, reply)
    return _answer(session, reply, response)


@router.post("/replies/{reply_id}/return", operation_id="replies-return", response_model=ReplyRead)
def return_reply(
    reply_id: Id,
    data: ReturnBody,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.review"))],
) -> ReplyRead:
    """复前审核退回 with reasons (R-RP-9)."""
    reply = visible_reply(session, principal, reply_id)
    check_if_match(request, reply.version)
    service.return_reply(session, principal, reply, data.reasons)
    return _answer(session, reply, response)


@router.post(
    "/replies/{reply_id}/approve", operation_id="replies-approve", response_model=ReplyRead
)
def approve_reply(
    reply_id: Id,
    data: ApproveBody,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.review"))],
) -> ReplyRead:
    """审核通过, correcting the class if needed (R-RP-9)."""
    reply = visible_reply(session, principal, reply_id)
    check_if_match(request, reply.version)
    service.approve(session, principal, reply, data)
    return _answer(session, reply, response)


@router.post("/replies/{reply_id}/send", operation_id="replies-send", response_model=ReplyRead)
def send_reply(
    reply_id: Id,
    data: SendBody,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.send"))],
) -> ReplyRead:
    """答复代表委员 on a date (R-RP-4 route; refused unless in the standard format, R-RP-7)."""
    reply = visible_reply(session, principal, reply_id)
    check_if_match(request, reply.version)
    service.send(session, principal, reply, data.sent_on or today())
    return _answer(session, reply, response)


@router.post(
    "/replies/{reply_id}/publish", operation_id="replies-publish", response_model=ReplyRead
)
def publish_reply(
    reply_id: Id,
    data: PublishBody,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.publish"))],
) -> ReplyRead:
    """网上公开 with its URL (R-DL-5); refused for secret or non-disclosed replies (R-RP-2)."""
    reply = visible_reply(session, principal, reply_id)
    check_if_match(request, reply.version)
    service.publish(session, reply, data.published_on, data.url)
    return _answer(session, reply, response)


@router.get("/reply-templates", operation_id="templates-list", response_model=list[TemplateRead])
def list_templates(
    session: SessionDep, principal: Annotated[Principal, Depends(allow("templates.read"))]
) -> list[ReplyTemplate]:
    query = select(ReplyTemplate).order_by(ReplyTemplate.name)
    if principal.is_unit:
        query = query.where(ReplyTemplate.unit_id == principal.unit_id)
    return list(session.scalars(query))


@router.post(
    "/reply-templates",
    operation_id="templates-create",
    response_model=TemplateRead,
    status_code=201,
)
def create_template(
    data: TemplateBody,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("templates.write"))],
) -> ReplyTemplate:
    if principal.unit_id is None:
        raise ApiError(422, "答复模板属于承办单位", field="unit_id")
    template = ReplyTemplate(unit_id=principal.unit_id, **data.model_dump())
    session.add(template)
    session.flush()
    return template


@router.put(
    "/reply-templates/{template_id}", operation_id="templates-update", response_model=TemplateRead
)
def update_template(
    template_id: Id,
    data: TemplateBody,
    request: Request,
    response: Response,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("templates.write"))],
) -> ReplyTemplate:
    template = get_or_404(session, ReplyTemplate, template_id, "答复模板")
    if template.unit_id != principal.unit_id:
        raise ApiError(404, "答复模板不存在")
    check_if_match(request, template.version)
    template.name, template.body = data.name, data.body
    session.flush()
    set_etag(response, template.version)
    return template
