"""Every item query: what a principal may see, filtered lists, and batched summaries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from api.auth.principal import Principal
from api.errors import ApiError
from api.items.recorded import Recorded, replies_of
from api.items.schemas import ItemSort, ItemState
from api.models import Assignment, Item, ItemProposer, Proposer, Reply, Unit, UserRole
from domain.model import ItemKind, Level, ReplyClass, Role


def visible(principal: Principal) -> ColumnElement[bool]:
    """Items the principal may see: secret ones only when cleared (R-RP-2); a unit's own only."""
    conditions: list[ColumnElement[bool]] = []
    if not principal.cleared:
        conditions.append(Item.secret.is_(False))
    if principal.is_unit:
        # correlated on the item only, so it also holds in queries that select assignments
        own = Assignment.item_id == Item.id, Assignment.unit_id == principal.unit_id
        conditions.append(exists().where(*own).correlate(Item))
    elif principal.role is UserRole.NPC_LIAISON:
        conditions.append(Item.kind == ItemKind.SUGGESTION)
    elif principal.role is UserRole.CPPCC_LIAISON:
        conditions.append(Item.kind == ItemKind.PROPOSAL)
    return and_(true(), *conditions)


def visible_item(session: Session, principal: Principal, item_id: int) -> Item:
    """The item, or 404 — also for one the principal may not see (as if it did not exist)."""
    item = session.scalar(select(Item).where(Item.id == item_id, visible(principal)))
    if item is None:
        raise ApiError(404, "建议提案不存在")
    return item


@dataclass(frozen=True)
class ItemFilter:
    unit_id: int | None = None
    kind: ItemKind | None = None
    level: Level | None = None
    session_id: int | None = None
    year: int | None = None
    state: ItemState | None = None
    key: bool | None = None
    leader_supervised: bool | None = None
    reply_class: ReplyClass | None = None
    reply_status: str | None = None
    q: str | None = None
    ids: tuple[int, ...] | None = None


def _assignment_scope(principal: Principal, f: ItemFilter) -> ColumnElement[bool]:
    unit_id = principal.unit_id if principal.is_unit else f.unit_id
    base = Assignment.item_id == Item.id
    return and_(base, Assignment.unit_id == unit_id) if unit_id is not None else base


def _state_condition(
    state: ItemState, scope: ColumnElement[bool], as_of: date, soon_until: date
) -> ColumnElement[bool]:
    open_ = and_(scope, Assignment.done_on.is_(None), Assignment.due_on.is_not(None))
    if state is ItemState.UNASSIGNED:
        return ~exists().where(Assignment.item_id == Item.id)
    if state is ItemState.OVERDUE:
        return exists().where(open_, Assignment.due_on < as_of)
    if state is ItemState.DUE_SOON:
        return exists().where(open_, Assignment.due_on >= as_of, Assignment.due_on <= soon_until)
    if state is ItemState.DONE:
        return and_(
            exists().where(scope),
            ~exists().where(scope, Assignment.done_on.is_(None)),
        )
    return exists().where(open_, Assignment.due_on > soon_until)


def _reply_of_assignment() -> ColumnElement[bool]:
    """The assignment's own reply, or its unit's reply to the item's merge group (R-MG-3)."""
    writer = aliased(Assignment)
    return and_(
        Reply.assignment_id == writer.id,
        writer.unit_id == Assignment.unit_id,
        or_(
            writer.id == Assignment.id,
            and_(Item.merge_group_id.is_not(None), Reply.merge_group_id == Item.merge_group_id),
        ),
    )


def filtered(principal: Principal, f: ItemFilter, as_of: date, soon_until: date) -> Select[Item]:
    query = select(Item).where(visible(principal))
    scope = _assignment_scope(principal, f)
    for column, value in (
        (Item.kind, f.kind),
        (Item.level, f.level),
        (Item.session_id, f.session_id),
        (Item.year, f.year),
        (Item.leader_supervised, f.leader_supervised),
    ):
        if value is not None:
            query = query.where(column == value)
    if f.unit_id is not None:
        query = query.where(exists().where(scope))
    if f.key is not None:
        has_key = exists().where(scope, Assignment.key_item.is_(True))
        query = query.where(has_key if f.key else ~has_key)
    if f.state is not None:
        query = query.where(_state_condition(f.state, scope, as_of, soon_until))
    if f.reply_class is not None or f.reply_status is not None:
        reply = and_(scope, _reply_of_assignment())
        if f.reply_class is not None:
            reply = and_(reply, Reply.reply_class == f.reply_class)
        if f.reply_status is not None:
            reply = and_(reply, Reply.status == f.reply_status)
        query = query.where(exists().where(reply))
    if f.ids is not None:
        query = query.where(Item.id.in_(f.ids))
    if f.q:
        text = f"%{f.q}%"
        number = int(f.q) if f.q.isdigit() else -1
        query = query.where(
            or_(Item.title.like(text), Item.content.like(text), Item.number == number)
        )
    return query


def count(session: Session, query: Select[Item]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def overdue_by_unit(
    session: Session, principal: Principal, year: int | None, as_of: date
) -> list[tuple[int, str, int]]:
    """(unit id, name, overdue items) for each unit with any: the list's unit and overdue
    filters counted in one pass."""
    query = (
        select(Assignment.unit_id, Unit.name, func.count(func.distinct(Assignment.item_id)))
        .join(Item, Item.id == Assignment.item_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(
            visible(principal),
            Assignment.done_on.is_(None),
            Assignment.due_on.is_not(None),
            Assignment.due_on < as_of,
        )
        .group_by(Assignment.unit_id, Unit.name)
    )
    if year is not None:
        query = query.where(Item.year == year)
    if principal.is_unit:
        query = query.where(Assignment.unit_id == principal.unit_id)
    rows = [(unit_id, name, n) for unit_id, name, n in session.execute(query)]
    return sorted(rows, key=lambda r: (-r[2], r[1]))


def page(
    session: Session, query: Select[Item], sort: ItemSort, page: int, size: int
) -> tuple[list[Item], int]:
    total = count(session, query)
    order = {
        ItemSort.NUMBER: (Item.year.desc(), Item.session_id, Item.number),
        ItemSort.NUMBER_DESC: (Item.year.desc(), Item.session_id, Item.number.desc()),
        ItemSort.TITLE: (Item.title, Item.id),
        ItemSort.UPDATED_DESC: (Item.updated_at.desc(), Item.id.desc()),
        ItemSort.DUE: (
            select(func.min(Assignment.due_on))
            .where(Assignment.item_id == Item.id, Assignment.done_on.is_(None))
            .scalar_subquery()
            .nulls_last(),
            Item.id,
        ),
    }[sort]
    rows = session.scalars(query.order_by(*order).offset((page - 1) * size).limit(size))
    return list(rows), total


@dataclass
class Related:
    """What a page of items needs from other tables, in three queries."""

    assignments: dict[int, list[tuple[Assignment, str]]]
    proposers: dict[int, list[tuple[Proposer, bool]]]
    replies: dict[int, Reply]  # the item's reply: the oldest of its own and its group's


def related(session: Session, items: Sequence[Item], recorded: Recorded | None = None) -> Related:
    """``recorded``, when the caller has it, saves reading the replies again."""
    item_ids = [item.id for item in items]
    assignments: dict[int, list[tuple[Assignment, str]]] = defaultdict(list)
    proposers: dict[int, list[tuple[Proposer, bool]]] = defaultdict(list)
    if not item_ids:
        return Related(assignments, proposers, {})
    for assignment, unit_name in session.execute(
        select(Assignment, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.item_id.in_(item_ids))
        .order_by(Assignment.role, Unit.name)
    ):
        assignments[assignment.item_id].append((assignment, unit_name))
    for link, proposer in session.execute(
        select(ItemProposer, Proposer)
        .join(Proposer, Proposer.id == ItemProposer.proposer_id)
        .where(ItemProposer.item_id.in_(item_ids))
        .order_by(ItemProposer.position)
    ):
        proposers[link.item_id].append((proposer, link.is_lead))
    own, by_group = (
        (recorded.replies, recorded.group_replies)
        if recorded is not None
        else replies_of(session, Item.id.in_(item_ids))
    )
    replies: dict[int, Reply] = {}
    for item in items:
        candidates = [own[a.id] for a, _ in assignments.get(item.id, []) if a.id in own]
        if item.merge_group_id is not None:  # answered by its group's one reply (R-MG-3)
            candidates += by_group.get(item.merge_group_id, [])
        if candidates:
            replies[item.id] = min(candidates, key=lambda r: r.id)
    return Related(assignments, proposers, replies)


def main_item_ids(session: Session, unit_id: int, year: int) -> list[int]:
    return list(
        session.scalars(
            select(Assignment.item_id)
            .join(Item, Item.id == Assignment.item_id)
            .where(Assignment.unit_id == unit_id, Assignment.role == Role.MAIN, Item.year == year)
        )
    )
