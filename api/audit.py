"""Every change is audited: a flush hook records old and new values of each changed row.

Rows go to ``audit_log`` at commit, in the same transaction as the change, so a change and
its record commit or roll back together. No endpoint edits or deletes them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from api.audit_chain import append
from api.models import (
    Assignment,
    AuditEntry,
    AuthSession,
    Event,
    IdempotencyRecord,
    Item,
    Reply,
    WebhookDelivery,
)
from api.models.base import Base
from api.stamp import WROTE

NOT_AUDITED = {AuditEntry, IdempotencyRecord, AuthSession, Event, WebhookDelivery}  # derived
SECRET_FIELDS = {"password_hash", "key_hash", "token_hash", "totp_secret"}  # masked everywhere
SECRET_BY_TABLE = {"item_notes": {"body"}, "webhook_subscriptions": {"secret"}}  # and here


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


SKIPPED = frozenset({"created_at", "updated_at", "version"})


def _changes(obj: Base, action: str) -> dict[str, Any]:
    """New values of a created row; old and new values of each changed column otherwise."""
    state = inspect(obj)
    changes: dict[str, Any] = {}
    if action == "create":
        values = state.dict
        for attr in state.mapper.column_attrs:
            new = values.get(attr.key)
            if new is not None and attr.key not in SKIPPED:
                changes[attr.key] = {"new": _plain(new)}
    else:
        attrs = state.attrs
        for attr in state.mapper.column_attrs:
            if attr.key in SKIPPED:
                continue
            history = attrs[attr.key].history
            if history.has_changes():
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                changes[attr.key] = {"old": _plain(old), "new": _plain(new)}
    hidden = SECRET_FIELDS | SECRET_BY_TABLE.get(type(obj).__tablename__, set())
    for key in hidden & changes.keys():
        changes[key] = {"new": "***"}
    return changes


def _entity_id(obj: Base) -> str | None:
    """The row's primary key; read from the instance, as a new row has no identity key yet
    while its flush is still running."""
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return None if any(k is None for k in key) else ",".join(str(k) for k in key)


def _item_id(session: Session, obj: Base) -> int | None:
    if isinstance(obj, Item):
        return obj.id
    item_id = getattr(obj, "item_id", None)
    if item_id is not None:
        return int(item_id)
    reply_id = getattr(obj, "reply_id", None)  # a review of a reply (R-RP-9)
    if reply_id is not None:
        found = session.connection().scalar(
            select(Assignment.item_id)
            .join(Reply, Reply.assignment_id == Assignment.id)
            .where(Reply.id == reply_id)
        )
        return int(found) if found is not None else None
    assignment_id = getattr(obj, "assignment_id", None)
    if assignment_id is not None:
        found = session.connection().scalar(
            select(Assignment.item_id).where(Assignment.id == assignment_id)
        )
        return int(found) if found is not None else None
    return None


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str | None,
    *,
    item_id: int | None = None,
    changes: dict[str, Any] | None = None,
    outcome: str = "success",
    actor: dict[str, Any] | None = None,
) -> None:
    """Writes one audit row directly (sign-ins, exports, refusals that change nothing)."""
    actor = actor or session.info.get("actor") or {}
    _defer(session, [_row(actor, action, entity, entity_id, item_id, changes or {}, outcome)])


def _row(
    actor: dict[str, Any],
    action: str,
    entity: str,
    entity_id: str | None,
    item_id: int | None,
    changes: dict[str, Any],
    outcome: str,
) -> dict[str, Any]:
    return {
        "at": datetime.now(UTC),
        "actor_user_id": actor.get("user_id"),
        "actor_api_key_id": actor.get("api_key_id"),
        "actor_name": actor.get("name"),
        "source_ip": actor.get("ip"),
        "request_id": actor.get("request_id"),
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "item_id": item_id,
        "changes": changes,
        "outcome": outcome,
    }


@event.listens_for(Session, "after_flush")
def _audit_flush(session: Session, _flush: UOWTransaction) -> None:
    actor = session.info.get("actor") or {"name": "system"}
    rows = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if type(obj) in NOT_AUDITED or not isinstance(obj, Base):
                continue
            changes = _changes(obj, action)
            if action == "update" and not changes:
                continue
            entity_id = _entity_id(obj)
            rows.append(
                _row(
                    actor,
                    action,
                    type(obj).__tablename__,
                    entity_id,
                    _item_id(session, obj),
                    changes,
                    "success",
                )
            )
    if rows:
        _defer(session, rows)


# The rows wait on the session until its commit and join the chain there: the chain's lock
# (``api.audit_chain``) is then held for one insert and the commit, not for the whole request,
# so concurrent writers do not queue behind each other. A rolled-back savepoint takes its
# rows back with it; a rolled-back transaction all of them.
PENDING = "audit_pending"
SAVEPOINTS = "audit_savepoints"


def _defer(session: Session, rows: list[dict[str, Any]]) -> None:
    session.info[WROTE] = True  # derived values cached under the old stamp no longer hold
    session.info.setdefault(PENDING, []).extend(rows)


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    session.flush()  # the last changes add their rows before the chain is extended
    rows = session.info.pop(PENDING, None)
    if rows:
        append(session.connection(), rows)


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        session.info.setdefault(SAVEPOINTS, {})[id(transaction)] = len(
            session.info.get(PENDING, [])
        )


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back(session: Session, previous: SessionTransaction) -> None:
    if previous.nested:
        mark = session.info.get(SAVEPOINTS, {}).pop(id(previous), None)
        if mark is not None:
            del session.info.get(PENDING, [])[mark:]
    elif not session.in_transaction():
        session.info.pop(PENDING, None)
        session.info.pop(SAVEPOINTS, None)
