"""The reply workflow: draft → signed by the leader (R-RP-10) → office review, returned with
reasons or approved, class corrected if needed (R-RP-9) → sent (R-RP-4), format-checked (R-RP-7)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from api.assignments.service import own_assignment
from api.auth.principal import Principal
from api.errors import ApiError
from api.items import deadlines as item_deadlines
from api.models import (
    Assignment,
    Item,
    Reply,
    ReplyReview,
    ReplyStatus,
    ReplyTemplate,
    ReviewAction,
)
from api.replies.letters import letter_facts, reply_format_problems
from api.replies.schemas import ApproveBody, ReplyCreate, ReplyUpdate
from api.webhooks.events import emit, reply_payload
from domain.model import Level, Role
from domain.replies import LetterType, may_publish_reply

EDITABLE = {ReplyStatus.DRAFT, ReplyStatus.RETURNED}


def _require(reply: Reply, allowed: set[ReplyStatus], doing: str) -> None:
    if reply.status not in allowed:
        raise ApiError(409, f"答复当前为“{reply.status.label}”，不能{doing}", field="status")


def create_reply(session: Session, principal: Principal, item: Item, data: ReplyCreate) -> Reply:
    """A draft for the unit's main or split assignment; one per merge group (R-MG-1)."""
    assignment = own_assignment(session, principal, item, {Role.MAIN, Role.SPLIT})
    existing = select(Reply.id).where(Reply.assignment_id == assignment.id)
    if item.merge_group_id is not None:
        existing = select(Reply.id).where(
            or_(Reply.assignment_id == assignment.id, Reply.merge_group_id == item.merge_group_id)
        )
    if session.scalar(existing) is not None:
        raise ApiError(409, "该件（或其并案组）已有答复，请编辑原答复", rule_id="R-MG-1")
    fields = data.model_dump(exclude={"template_id"})
    if data.template_id is not None:
        template = session.get(ReplyTemplate, data.template_id)
        if template is None or template.unit_id != assignment.unit_id:
            raise ApiError(422, "答复模板不存在", field="template_id")
        fields["body"] = fields["body"] or template.body
    facts_unit = letter_facts(session, assignment, LetterType.REPLY).unit
    fields["signing_leader"] = fields["signing_leader"] or facts_unit.leader_in_charge
    fields["contact_person"] = fields["contact_person"] or facts_unit.contact_person
    fields["contact_phone"] = fields["contact_phone"] or facts_unit.contact_phone
    reply = Reply(
        assignment_id=assignment.id,
        merge_group_id=item.merge_group_id,
        status=ReplyStatus.DRAFT,
        **fields,
    )
    session.add(reply)
    session.flush()
    return reply


def reply_assignment(session: Session, reply: Reply) -> Assignment:
    assignment = session.get(Assignment, reply.assignment_id)
    assert assignment is not None
    return assignment


def _own_unit(principal: Principal, assignment: Assignment) -> None:
    if not principal.is_unit or principal.unit_id != assignment.unit_id:
        raise ApiError(403, "只有承办该件的单位可以操作此答复")


def update_reply(session: Session, principal: Principal, reply: Reply, data: ReplyUpdate) -> None:
    _own_unit(principal, reply_assignment(session, reply))
    _require(reply, EDITABLE, "修改")
    for key, value in data.model_dump(exclude_unset=True).items():
        setattr(reply, key, value)
    session.flush()


def _problems_or_refuse(session: Session, reply: Reply, doing: str) -> None:
    facts = letter_facts(session, reply_assignment(session, reply), LetterType.REPLY)
    problems = reply_format_problems(session, reply, facts)
    if problems:
        listed = "；".join(p.message for p in problems)
        raise ApiError(
            422,
            f"答复函格式不规范，不能{doing}：{listed}",
            field=problems[0].field,
            rule_id="R-RP-7",
            errors=[
                {"field": p.field, "message": p.message, "rule_id": p.rule_id} for p in problems
            ],
        )


def sign(session: Session, principal: Principal, reply: Reply) -> None:
    """R-RP-10: the unit's leader in charge signs; the reply goes to the office for review."""
    _own_unit(principal, reply_assignment(session, reply))
    _require(reply, EDITABLE, "签发")
    reply.signing_leader = reply.signing_leader or principal.name
    _problems_or_refuse(session, reply, "签发")
    reply.status = ReplyStatus.SUBMITTED
    reply.signed_by = principal.user_id
    reply.signed_at = datetime.now(UTC)
    session.flush()
    emit(session, "reply.submitted", reply_payload(session, reply.id))


def _review(session: Session, principal: Principal, reply: Reply, **fields: object) -> None:
    session.add(
        ReplyReview(
            reply_id=reply.id, reviewer_id=principal.user_id, at=datetime.now(UTC), **fields
        )
    )


def return_reply(session: Session, principal: Principal, reply: Reply, reasons: str) -> None:
    """R-RP-9: vague, off the point or badly formatted replies go back with reasons."""
    _require(reply, {ReplyStatus.SUBMITTED}, "退回")
    reply.status = ReplyStatus.RETURNED
    _review(session, principal, reply, action=ReviewAction.RETURNED, reasons=reasons)
    session.flush()
    emit(session, "reply.returned", reply_payload(session, reply.id))


def approve(session: Session, principal: Principal, reply: Reply, data: ApproveBody) -> None:
    """R-RP-9: the office approves, correcting the A/B/C class if needed (recorded)."""
    _require(reply, {ReplyStatus.SUBMITTED}, "审核通过")
    corrected = data.reply_class is not None and data.reply_class != reply.reply_class
    if corrected:
        reply.unit_class = reply.reply_class
        reply.reply_class = data.reply_class
    reply.status = ReplyStatus.APPROVED
    reply.approved_by = principal.user_id
    reply.approved_at = datetime.now(UTC)
    _review(
        session,
        principal,
        reply,
        action=ReviewAction.APPROVED,
        reasons=data.note,
        class_from=reply.unit_class if corrected else None,
        class_to=reply.reply_class if corrected else None,
    )
    session.flush()
    emit(session, "reply.approved", reply_payload(session, reply.id))


def send(session: Session, principal: Principal, reply: Reply, sent_on: date) -> None:
    """Sent to the proposers: by the unit on a county item, through the office on a city
    item (R-RP-4); only in the standard format (R-RP-7). Every merged item counts (R-MG-3)."""
    _require(reply, {ReplyStatus.APPROVED}, "发出")
    assignment = reply_assignment(session, reply)
    item = session.get(Item, assignment.item_id)
    assert item is not None
    if item.level is Level.CITY and not principal.is_office:
        raise ApiError(403, "市级建议提案由县政府答复，须经县政府办公室发出", rule_id="R-RP-4")
    if item.level is Level.COUNTY and not principal.is_office:
        _own_unit(principal, assignment)
    if assignment.due_on is None:
        raise ApiError(
            422,
            "该件尚未登记第二次交办日期（或办公室确定的期限），无法判断是否按时答复",
            field="second_assignment",
            rule_id="R-DL-4",
        )
    _problems_or_refuse(session, reply, "发出")
    reply.status = ReplyStatus.SENT
    reply.sent_on = sent_on
    reply.format_ok = True
    session.flush()
    emit(session, "reply.sent", reply_payload(session, reply.id))
    for answered in letter_facts(session, assignment, LetterType.REPLY).items:
        item_deadlines.refresh(session, answered)


def publish(session: Session, reply: Reply, published_on: date, url: str) -> None:
    """Full text on the portal within a week of the reply (R-DL-5) — never a secret item or
    a reply whose unit disagreed (R-RP-2)."""
    _require(reply, {ReplyStatus.SENT}, "公开")
    if reply.published_on is not None:
        raise ApiError(
            409,
            f"该答复已于{reply.published_on.isoformat()}公开，公开日期不能更改",
            field="published_on",
            rule_id="R-DL-5",
        )
    assignment = reply_assignment(session, reply)
    item = session.get(Item, assignment.item_id)
    assert item is not None
    if not may_publish_reply(secret=item.secret, disclosure=reply.disclosure):
        raise ApiError(
            422, "涉密件或标明不同意公开的答复不得公开", rule_id="R-RP-2", field="disclosure"
        )
    assert reply.sent_on is not None
    if published_on < reply.sent_on:
        raise ApiError(422, "公开日期不能早于答复日期", field="published_on", rule_id="R-DL-5")
    reply.published_on, reply.published_url = published_on, url
    session.flush()
    emit(session, "reply.published", reply_payload(session, reply.id))
    for answered in letter_facts(session, assignment, LetterType.REPLY).items:
        item_deadlines.refresh(session, answered)
