"""Small shared pieces of the HTTP layer: ETags, pages, lookups that answer 404."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from annotated_types import Interval
from fastapi import Request, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from api.errors import ApiError

T = TypeVar("T")
M = TypeVar("M")

MAX_ID = 2**31 - 1
Id = Annotated[int, Interval(ge=1, le=MAX_ID)]
"""A row id, wherever a client names one (path, query, form or body): 1 … 2³¹−1, the range of
the tables' ``integer`` keys. Anything else names no row and is a 422 before it reaches the
database (PostgreSQL refuses to store it; SQLite cannot even bind an integer past 2⁶³)."""


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


def etag_of(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def check_if_match(request: Request, version: int) -> None:
    """A stale write (If-Match naming an older version) changes nothing: 412."""
    wanted = request.headers.get("if-match")
    if wanted is None or wanted.strip() == "*":
        return
    tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
    if etag_of(version) not in tags:
        raise ApiError(
            412,
            f"数据已被他人修改（当前版本 {version}），请刷新后重试",
            headers={"ETag": etag_of(version)},
        )


def get_or_404(session: Session, model: type[M], ident: object, what: str) -> M:
    found = session.get(model, ident)
    if found is None:
        raise ApiError(404, f"{what}不存在")
    return found
