"""Liveness, readiness (database reachable, migrations current) and Prometheus metrics."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from sqlalchemy import Engine

from api.errors import ApiError
from api.migrate import alembic_config
from api.openapi import problems

router = APIRouter(tags=["health"])


class Readiness(BaseModel):
    status: str
    database: str
    revision: str | None
    head: str | None


def _revisions(engine: Engine) -> tuple[str | None, str | None]:
    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head


@router.get(
    "/health/ready",
    operation_id="health-ready",
    response_model=Readiness,
    responses=problems(503),
)
def ready(request: Request) -> Readiness:
    """Ready when the database answers and its schema is at the latest migration."""
    try:
        current, head = _revisions(request.app.state.engine)
    except Exception as exc:
        raise ApiError(503, f"数据库不可用：{type(exc).__name__}") from exc
    if current != head:
        raise ApiError(503, f"数据库结构版本 {current} 不是最新版本 {head}，请运行 banli migrate")
    return Readiness(status="ready", database="ok", revision=current, head=head)


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
