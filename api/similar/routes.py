"""Similar items for an item (R-MG-1, R-RP-8) and the repeat check of a reply (R-RP-8)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.auth.principal import Principal, allow
from api.common import Id
from api.db import SessionDep
from api.items import repository
from api.replies.routes import visible_reply
from api.similar import service
from api.similar.service import RepeatCheck, Scope, SimilarItem

router = APIRouter(tags=["similar"])


@router.get(
    "/items/{item_id}/similar", operation_id="items-similar", response_model=list[SimilarItem]
)
def similar_items(
    item_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("items.read"))],
    scope: Annotated[
        Scope, Query(description="session：同次会议（并案候选）；earlier：往年（重复提出）")
    ] = Scope.SESSION,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[SimilarItem]:
    """Ranked by TF-IDF cosine over jieba-segmented title and content; only items the caller
    may see."""
    item = repository.visible_item(session, principal, item_id)
    return service.similar_items(session, principal, item, scope, limit)


@router.get(
    "/replies/{reply_id}/repeat-check",
    operation_id="replies-repeat-check",
    response_model=RepeatCheck,
)
def repeat_check(
    reply_id: Id,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("replies.read"))],
) -> RepeatCheck:
    """R-RP-8: warns when the reply says nearly what an earlier year's reply said."""
    return service.repeat_check(session, visible_reply(session, principal, reply_id))
