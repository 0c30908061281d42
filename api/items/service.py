"""Items: creation, changes, assignment to units (R-AS-1), and their read models."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal
from api.calendar.service import current_calendar
from api.congress.routes import session_of
from api.errors import ApiError
from api.items import deadlines as item_deadlines
from api.items.recorded import Recorded
from api.items.repository import Related, related
from api.items.schemas import (
    AssignmentRead,
    ItemCreate,
    ItemDeadlineRead,
    ItemRead,
    ItemState,
    ItemSummary,
    ItemUpdate,
    ProposerLink,
    ProposerOnItem,
    UnitRole,
)
from api.models import (
    Assignment,
    CongressSession,
    CoOpinion,
    Item,
    ItemProposer,
    Proposer,
    Reply,
    Unit,
)
from api.webhooks.events import emit
from domain.assignment import validate_assignment
from domain.calendar import WorkCalendar
from domain.deadlines import RULES_BY_ID, Deadline, explain_deadline
from domain.model import ItemKind, ProposerKind

ALLOWED_PROPOSERS = {
    ItemKind.SUGGESTION: {ProposerKind.DEPUTY},
    ItemKind.PROPOSAL: {ProposerKind.MEMBER, ProposerKind.ORGANISATION},
}


def _check_office_dates(office_set_due: dict[str, date]) -> None:
    unknown = sorted(set(office_set_due) - set(RULES_BY_ID))
    if unknown:
        raise ApiError(422, f"未知的期限规则：{'、'.join(unknown)}", field="office_set_due")


def _link_proposers(session: Session, item: Item, links: list[ProposerLink]) -> None:
    ids = [link.proposer_id for link in links]
    if len(set(ids)) != len(ids):
        raise ApiError(422, "提出人重复", field="proposers")
    found = {p.id: p for p in session.scalars(select(Proposer).where(Proposer.id.in_(ids)))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ApiError(422, f"提出人不存在：{missing}", field="proposers")
    wrong = [found[i].name for i in ids if found[i].kind not in ALLOWED_PROPOSERS[item.kind]]
    if wrong:
        who = "人大代表" if item.kind is ItemKind.SUGGESTION else "政协委员或党派团体"
        raise ApiError(
            422, f"{item.kind.label}的提出人应为{who}：{'、'.join(wrong)}", field="proposers"
        )
    leads = [link for link in links if link.is_lead]
    if len(links) > 1 and len(leads) != 1:
        raise ApiError(422, "联名件须指定且只能指定一位领衔人", field="proposers")
    item.proposer_links = [
        ItemProposer(
            proposer_id=link.proposer_id, is_lead=link.is_lead or len(links) == 1, position=n
        )
        for n, link in enumerate(links)
    ]


def create_item(session: Session, data: ItemCreate) -> Item:
    congress = session.get(CongressSession, data.session_id)
    if congress is None:
        raise ApiError(422, "会议不存在", field="session_id")
    taken = session.scalar(select(Item.id).filter_by(session_id=congress.id, number=data.number))
    if taken is not None:
        raise ApiError(409, f"本次会议已有第{data.number}号{congress.kind.label}", field="number")
    _check_office_dates(data.office_set_due)
    item = Item(
        session_id=congress.id,
        kind=congress.kind,
        level=congress.level,
        year=congress.year,
        **data.model_dump(exclude={"session_id", "proposers", "office_set_due"}),
        office_set_due={k: v.isoformat() for k, v in data.office_set_due.items()},
    )
    _link_proposers(session, item, data.proposers)
    session.add(item)
    session.flush()
    return item


def update_item(session: Session, item: Item, data: ItemUpdate) -> Item:
    fields = data.model_dump(exclude_unset=True, exclude={"proposers", "office_set_due"})
    for key, value in fields.items():
        setattr(item, key, value)
    if data.office_set_due is not None:
        _check_office_dates(data.office_set_due)
        item.office_set_due = {k: v.isoformat() for k, v in data.office_set_due.items()}
    if data.proposers is not None:
        _link_proposers(session, item, data.proposers)
    session.flush()
    item_deadlines.refresh(session, item)
    _keep_replied_items_dated(session, item)
    return item


def _keep_replied_items_dated(session: Session, item: Item) -> None:
    """A sent reply is judged on time or late against its due date (R-DL-4, R-KPI-1): the
    date it counts from may be corrected, not taken away."""
    for assignment in session.scalars(select(Assignment).where(Assignment.item_id == item.id)):
        if assignment.role.replies and assignment.done_on is not None and assignment.due_on is None:
            raise ApiError(
                422,
                "该件已答复，不能删除第二次交办日期（或办公室确定的答复期限），否则无法判断是否按时答复",
                field="second_assignment",
                rule_id="R-DL-4",
            )


def set_assignments(session: Session, item: Item, units: list[UnitRole]) -> None:
    """Replaces the item's units (R-AS-1); a unit that has started its answer stays (R-AS-3)."""
    validate_assignment([(u.unit_id, u.role) for u in units])
    known = {
        u.id: u
        for u in session.scalars(select(Unit).where(Unit.id.in_([u.unit_id for u in units])))
    }
    missing = [u.unit_id for u in units if u.unit_id not in known or not known[u.unit_id].active]
    if missing:
        raise ApiError(422, f"承办单位不存在或已停用：{missing}", field="units")
    current = {
        a.unit_id: a
        for a in session.scalars(select(Assignment).where(Assignment.item_id == item.id))
    }
    wanted = {u.unit_id: u.role for u in units}
    for unit_id, assignment in current.items():
        if wanted.get(unit_id) != assignment.role and _has_started(session, assignment):
            unit = session.get(Unit, unit_id)
            raise ApiError(
                409,
                f"{unit.name if unit else unit_id}已开始答复或会办，不能调整",
                field="units",
                rule_id="R-AS-3",
            )
    for unit_id, assignment in current.items():
        if unit_id not in wanted:
            session.delete(assignment)
        elif assignment.role != wanted[unit_id]:
            assignment.role = wanted[unit_id]
            assignment.key_item = False
    for unit_id, role in wanted.items():
        if unit_id not in current:
            session.add(Assignment(item_id=item.id, unit_id=unit_id, role=role, key_item=False))
            emit(
                session,
                "item.assigned",
                {
                    "item_id": item.id,
                    "number": item.number,
                    "kind": item.kind.value,
                    "title": item.title,
                    "unit_id": unit_id,
                    "role": role.value,
                },
            )
    session.flush()
    item_deadlines.refresh(session, item)


def _has_started(session: Session, assignment: Assignment) -> bool:
    for model in (Reply, CoOpinion):
        if session.scalar(select(model.id).where(model.assignment_id == assignment.id)):
            return True
    return False


def _state(
    rows: list[tuple[Assignment, str]], as_of: date, soon_until: date
) -> tuple[str, date | None]:
    if not rows:
        return ItemState.UNASSIGNED.value, None
    open_dues = [a.due_on for a, _ in rows if a.done_on is None and a.due_on is not None]
    if not open_dues:
        done = all(a.done_on is not None for a, _ in rows)
        return (ItemState.DONE if done else ItemState.OPEN).value, None
    due = min(open_dues)
    if due < as_of:
        return ItemState.OVERDUE.value, due
    return (ItemState.DUE_SOON if due <= soon_until else ItemState.OPEN).value, due


def summary(
    item: Item, rel: Related, principal: Principal, as_of: date, soon_until: date
) -> ItemSummary:
    rows = rel.assignments.get(item.id, [])
    scoped = [r for r in rows if not principal.is_unit or r[0].unit_id == principal.unit_id]
    state, next_due = _state(scoped, as_of, soon_until)
    proposers = rel.proposers.get(item.id, [])
    lead = next((p.name for p, is_lead in proposers if is_lead), None)
    reply = rel.replies.get(item.id)
    return ItemSummary(
        id=item.id,
        session_id=item.session_id,
        number=item.number,
        label=f"第{item.number}号{item.kind.label}",
        kind=item.kind,
        level=item.level,
        year=item.year,
        title=item.title,
        topic=item.topic,
        secret=item.secret,
        leader_supervised=item.leader_supervised,
        key_item=any(a.key_item for a, _ in scoped),
        merge_group_id=item.merge_group_id,
        lead_proposer=lead,
        proposer_count=len(proposers),
        units=[f"{name}（{a.role.label}）" for a, name in rows],
        next_due=next_due,
        state=state,
        reply_status=reply.status.value if reply else None,
        reply_class=reply.reply_class if reply else None,
        version=item.version,
    )


def detail(
    session: Session, item: Item, principal: Principal, as_of: date, soon_until: date
) -> ItemRead:
    recorded = Recorded.load(session, Item.id == item.id)
    rel = related(session, [item], recorded)
    base = summary(item, rel, principal, as_of, soon_until)
    assigned = rel.assignments.get(item.id, [])
    calendar = current_calendar(session)
    deadlines = item_deadlines.deadlines_of_item(
        session, item, [a for a, _ in assigned], as_of, recorded
    )
    return ItemRead(
        **base.model_dump(),
        session=session_of(session, item.session_id),
        content=item.content,  # whoever may see the item may read it; consent is for publishing
        content_consent=item.content_consent,
        first_assignment=item.first_assignment,
        second_assignment=item.second_assignment,
        between_sessions=item.between_sessions,
        office_set_due=item.office_set_due or {},
        supervising_leader=item.supervising_leader,
        proposers=[
            ProposerOnItem(id=p.id, name=p.name, kind=p.kind, is_lead=lead)
            for p, lead in rel.proposers.get(item.id, [])
        ],
        assignments=[_assignment_read(calendar, a, name, deadlines[a.id]) for a, name in assigned],
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def _assignment_read(
    calendar: WorkCalendar, assignment: Assignment, unit_name: str, deadlines: list[Deadline]
) -> AssignmentRead:
    rows = []
    for d in deadlines:
        explanation = explain_deadline(calendar, d)
        rows.append(
            ItemDeadlineRead(
                rule_id=d.rule.rule_id,
                name=d.rule.name,
                start=d.start,
                due=d.due,
                state=d.state,
                state_label=d.state.label,
                done_on=d.done_on,
                provisional=d.provisional,
                working_days_left=d.working_days_left,
                set_by_office=d.set_by_office,
                explanation=explanation if isinstance(explanation, str) else explanation.text,
            )
        )
    return AssignmentRead(
        id=assignment.id,
        unit_id=assignment.unit_id,
        unit_name=unit_name,
        role=assignment.role,
        role_label=assignment.role.label,
        key_item=assignment.key_item,
        due_on=assignment.due_on,
        done_on=assignment.done_on,
        deadlines=rows,
    )
