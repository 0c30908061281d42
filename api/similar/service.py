"""Similar items (R-MG-1 merge candidates, R-RP-8 raised again) and repeated replies (R-RP-8)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.principal import Principal
from api.items.repository import visible
from api.models import Assignment, Item, Reply, Unit
from api.similar.index import ItemMeta, corpora
from api.similar.tokens import item_terms, terms
from domain.model import ItemKind, Level
from domain.similarity import MERGE_CANDIDATE_SCORE, is_repeat


class Scope(StrEnum):
    SESSION = "session"  # 同次会议：并案候选 (R-MG-1)
    EARLIER = "earlier"  # 往年：重复提出 (R-RP-8)


class SimilarItem(BaseModel):
    id: int
    session_id: int
    year: int
    kind: ItemKind
    level: Level
    number: int
    label: str = Field(examples=["2023年第12号建议"])
    title: str
    score: float = Field(description="相似度 0–1（TF-IDF 余弦）")
    merge_candidate: bool = Field(description="同次会议且足够相似，可考虑并案（R-MG-1）")


class RepeatCheck(BaseModel):
    reply_id: int
    raised_before: bool = Field(description="该件与往年的建议提案相似（重复提出）")
    similar_reply_id: int | None
    similar_item_id: int | None
    similar_item_label: str | None
    similar_unit_name: str | None
    score: float | None
    warning: str | None = Field(description="与往年答复高度相似时的提示（R-RP-8），不阻止办理")
    rule_id: str = "R-RP-8"


def _label(meta: ItemMeta) -> str:
    return f"{meta.year}年第{meta.number}号{meta.kind.label}"


def similar_items(
    session: Session, principal: Principal, item: Item, scope: Scope, limit: int
) -> list[SimilarItem]:
    """The items most like ``item`` in its own session, or in earlier years, that the
    principal may see; best first."""
    found = corpora(session).items
    if scope is Scope.SESSION:

        def allowed(key: int) -> bool:
            return found.meta[key].session_id == item.session_id
    else:

        def allowed(key: int) -> bool:
            return found.meta[key].year < item.year

    words = item_terms(item.title, item.content)
    matches = found.similar(words, limit=limit * 3 + 20, allowed=allowed, exclude=item.id)
    ids = [m.key for m in matches]
    seen = set(session.scalars(select(Item.id).where(Item.id.in_(ids), visible(principal))))
    results = []
    for match in matches:
        key = match.key
        if key not in seen:
            continue
        meta = found.meta[key]
        results.append(
            SimilarItem(
                id=key,
                session_id=meta.session_id,
                year=meta.year,
                kind=meta.kind,
                level=meta.level,
                number=meta.number,
                label=_label(meta),
                title=meta.title,
                score=match.score,
                merge_candidate=scope is Scope.SESSION and match.score >= MERGE_CANDIDATE_SCORE,
            )
        )
    return results[:limit]


def repeat_check(session: Session, reply: Reply) -> RepeatCheck:
    """R-RP-8: is this reply nearly an earlier year's sent reply? A warning, never a refusal."""
    assignment = session.get(Assignment, reply.assignment_id)
    item = session.get(Item, assignment.item_id) if assignment else None
    assert assignment is not None and item is not None
    indexes = corpora(session)
    earlier_items = indexes.items.similar(
        item_terms(item.title, item.content),
        limit=1,
        allowed=lambda key: indexes.items.meta[key].year < item.year,
        min_score=MERGE_CANDIDATE_SCORE,
    )

    def earlier_sent(key: int) -> bool:
        meta = indexes.replies.meta[key]
        return meta.sent and meta.year < item.year

    best = indexes.replies.similar(
        terms(reply.body), limit=1, allowed=earlier_sent, exclude=reply.id
    )
    if not best:
        return RepeatCheck(
            reply_id=reply.id,
            raised_before=bool(earlier_items),
            similar_reply_id=None,
            similar_item_id=None,
            similar_item_label=None,
            similar_unit_name=None,
            score=None,
            warning=None,
        )
    match = best[0]
    other = indexes.replies.meta[match.key]
    other_item = indexes.items.meta.get(other.item_id)
    label = _label(other_item) if other_item else None
    unit_name = session.scalar(select(Unit.name).where(Unit.id == other.unit_id))
    warning = None
    if is_repeat(match.score):
        warning = (
            f"答复内容与{unit_name or ''}对{label or '往年建议提案'}的答复高度相似"
            f"（相似度{match.score:.0%}），应答复新的办理进展，不能简单重复往年答复（R-RP-8）"
        )
    return RepeatCheck(
        reply_id=reply.id,
        raised_before=bool(earlier_items),
        similar_reply_id=match.key,
        similar_item_id=other.item_id,
        similar_item_label=label,
        similar_unit_name=unit_name,
        score=match.score,
        warning=warning,
    )
