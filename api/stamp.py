"""Values derived from the data, kept between requests while the data has not changed.

Every change is audited in its own transaction (``api.audit``), so the last audit record —
its id and hash — stamps the whole database: the same stamp means the same data, in every
API worker. A transaction reads the stamp once (one indexed row); one that has written
anything computes afresh, since its own change is not yet behind the stamp it read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from api.models import AuditEntry

T = TypeVar("T")
Stamp = tuple[str, int, str | None]
WROTE = "wrote"  # set on session.info by the audit hook


def data_stamp(session: Session) -> Stamp | None:
    """The database and its last audit record; ``None`` once this session has written."""
    if session.info.get(WROTE):
        return None
    stamp: Stamp | None = session.info.get("stamp")
    if stamp is None:
        last = session.execute(
            select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).first()
        url = session.get_bind().engine.url.render_as_string(hide_password=True)
        stamp = (url, last.id, last.hash) if last else (url, 0, None)
        session.info["stamp"] = stamp
    return stamp


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _next_transaction(session: Session) -> None:
    """A new transaction may see newer data, this session's own committed writes included."""
    session.info.pop("stamp", None)
    session.info.pop(WROTE, None)


class StampedCache(Generic[T]):
    """A few derived values per key, each valid for the stamp it was computed under.

    Values are shared between requests and threads: they must be immutable.
    """

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[Stamp, Hashable], T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        stamp = data_stamp(session)
        if stamp is None:
            return compute()
        full = (stamp, key)
        with self._lock:
            if full in self._entries:
                self._entries.move_to_end(full)
                return self._entries[full]
        value = compute()
        with self._lock:
            self._entries[full] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value
