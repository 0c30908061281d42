"""The audit log as a hash chain: each row's hash covers its content and the previous hash,
so an edited, deleted or inserted row breaks the chain from there on (等保: 审计记录保护).

Writers take a transaction-scoped lock (PostgreSQL advisory lock; SQLite serialises writers
anyway) so the chain never forks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text

from api.models import AuditEntry

LOCK_ID = 73_510_001
FIELDS = (
    "at",
    "actor_user_id",
    "actor_api_key_id",
    "actor_name",
    "source_ip",
    "request_id",
    "action",
    "entity",
    "entity_id",
    "item_id",
    "changes",
    "outcome",
)


def _moment(value: object) -> str:
    """One spelling of a moment for every database: naive UTC, microseconds."""
    if isinstance(value, datetime):
        naive = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        return naive.isoformat(timespec="microseconds")
    return str(value)


def digest(prev: str | None, row: dict[str, Any]) -> str:
    content = {k: _moment(row[k]) if k == "at" else row.get(k) for k in FIELDS}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return str(hashlib.sha256(f"{prev or ''}|{canonical}".encode()).hexdigest())


def append(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Inserts rows at the chain's end, one after another."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
    prev = connection.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    for row in rows:
        row["prev_hash"] = prev
        row["hash"] = prev = digest(prev, row)
    connection.execute(insert(AuditEntry), rows)  # ids follow list order: the chain's order


def broken_links(entries: Iterable[AuditEntry]) -> list[int]:
    """Ids of rows whose hash or link does not match: empty for an intact log."""
    bad, prev = [], None
    for entry in entries:
        row = {k: getattr(entry, k) for k in FIELDS}
        if entry.prev_hash != prev or entry.hash != digest(prev, row):
            bad.append(entry.id)
        prev = entry.hash
    return bad
