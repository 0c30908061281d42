"""In-memory similarity indexes, one set per database, kept current by a version check.

Each corpus (items, replies) is built on first use and then refreshed before every query:
one cheap query reads the table's row count and latest ``updated_at``; when they moved, only
the rows changed since (and a minute before, for late commits) are segmented again. A corpus
whose count no longer adds up (a row deleted) is rebuilt whole. Several worker processes
each keep their own indexes; the database stays the only truth.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from api.models import Assignment, Item, Reply, ReplyStatus
from api.similar.tokens import item_terms, terms
from domain.model import ItemKind, Level
from domain.similarity import Match, TfIdfIndex

M = TypeVar("M")
#: A change stamped before the latest one seen may commit after it was read: rows stamped
#: this long before the mark are read again at each refresh.
LATE_COMMIT = timedelta(seconds=60)
Rows = Select[*tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class ItemMeta:
    session_id: int
    year: int
    kind: ItemKind
    level: Level
    number: int
    title: str


@dataclass(frozen=True, slots=True)
class ReplyMeta:
    item_id: int
    unit_id: int
    year: int
    sent: bool


class Corpus(Generic[M]):
    """One table's texts in a ``TfIdfIndex`` plus what the scopes filter on (``meta``)."""

    def __init__(
        self,
        rows: Callable[[ColumnElement[bool] | None], Rows],
        version: Rows,
        document: Callable[[Any], tuple[int, M, list[str]]],
    ) -> None:
        self._rows, self._version, self._document = rows, version, document
        self.index: TfIdfIndex[int] = TfIdfIndex()
        self.meta: dict[int, M] = {}
        self._mark: tuple[int, datetime | None] | None = None
        self._lock = threading.RLock()

    def refresh(self, session: Session, updated_at: Any) -> None:
        count, latest = session.execute(self._version).one()
        mark = (int(count or 0), latest)
        if mark == self._mark:
            return
        with self._lock:
            if mark == self._mark:
                return
            since = None if self._mark is None else self._mark[1]
            if since is not None:
                self._load(session, updated_at >= since - LATE_COMMIT)
            if since is None or len(self.meta) != mark[0]:
                self.index, self.meta = TfIdfIndex(), {}
                self._load(session, None)
                # Hundreds of thousands of long-lived objects, none in a reference cycle:
                # out of the cyclic collector's sight, a full collection no longer walks
                # them (it took ~80 ms per query over 50,000 items).
                gc.freeze()
            self._mark = mark

    def similar(self, words: list[str], **options: Any) -> list[Match[int]]:
        """``TfIdfIndex.similar`` under the corpus's lock (a refresh may be running)."""
        with self._lock:
            return self.index.similar(words, **options)

    def _load(self, session: Session, changed: ColumnElement[bool] | None) -> None:
        documents = [self._document(row) for row in session.execute(self._rows(changed))]
        for key, meta, _ in documents:
            self.meta[key] = meta
        self.index.add_many((key, words) for key, _, words in documents)


def _item_rows(changed: ColumnElement[bool] | None) -> Rows:
    query = select(
        Item.id,
        Item.session_id,
        Item.year,
        Item.kind,
        Item.level,
        Item.number,
        Item.title,
        Item.content,
    )
    return query if changed is None else query.where(changed)


def _item_document(row: Any) -> tuple[int, ItemMeta, list[str]]:
    meta = ItemMeta(row.session_id, row.year, row.kind, row.level, row.number, row.title)
    return row.id, meta, item_terms(row.title, row.content)


def _reply_rows(changed: ColumnElement[bool] | None) -> Rows:
    query = (
        select(
            Reply.id, Reply.body, Reply.status, Assignment.item_id, Assignment.unit_id, Item.year
        )
        .join(Assignment, Assignment.id == Reply.assignment_id)
        .join(Item, Item.id == Assignment.item_id)
    )
    return query if changed is None else query.where(changed)


def _reply_document(row: Any) -> tuple[int, ReplyMeta, list[str]]:
    meta = ReplyMeta(row.item_id, row.unit_id, row.year, row.status is ReplyStatus.SENT)
    return row.id, meta, terms(row.body)


@dataclass
class Corpora:
    items: Corpus[ItemMeta]
    replies: Corpus[ReplyMeta]


_corpora: dict[str, Corpora] = {}
_registry_lock = threading.Lock()


def corpora(session: Session) -> Corpora:
    """This database's corpora, refreshed to its current rows."""
    key = str(session.get_bind().engine.url)
    with _registry_lock:
        found = _corpora.get(key)
        if found is None:
            found = _corpora[key] = Corpora(
                Corpus(
                    _item_rows,
                    select(func.count(Item.id), func.max(Item.updated_at)),
                    _item_document,
                ),
                Corpus(
                    _reply_rows,
                    select(func.count(Reply.id), func.max(Reply.updated_at)),
                    _reply_document,
                ),
            )
    found.items.refresh(session, Item.updated_at)
    found.replies.refresh(session, Reply.updated_at)
    return found


def forget(urls: Iterable[str] | None = None) -> None:
    """Drops the indexes (tests that empty their tables between runs; benchmarks)."""
    with _registry_lock:
        for url in list(urls if urls is not None else _corpora):
            _corpora.pop(url, None)
