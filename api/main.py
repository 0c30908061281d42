"""The ASGI app: routers under ``/api/v1``, one error handler, and the built SPA at ``/``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

import api.audit  # noqa: F401  (registers the audit hook on every session)
from api.accounts.routes import router as accounts_router
from api.assignments.routes import router as assignments_router
from api.attachments.routes import router as attachments_router
from api.audit_log.routes import router as audit_router
from api.auth.routes import router as security_router
from api.calendar.routes import router as calendar_router
from api.co_opinions.routes import router as co_opinions_router
from api.congress.routes import router as congress_router
from api.db import make_engine, make_sessionmaker
from api.errors import ApiError, install_error_handlers
from api.followup.routes import router as followup_router
from api.health.routes import router as health_router
from api.idempotency import IdempotencyMiddleware
from api.imports.jobs import interrupt_orphans
from api.imports.routes import router as imports_router
from api.items.routes import router as items_router
from api.kpi.report_routes import router as kpi_report_router
from api.kpi.routes import router as kpi_router
from api.ledger.routes import router as ledger_router
from api.letters.routes import router as letters_router
from api.merges.routes import router as merges_router
from api.openapi import install_openapi
from api.ops.middleware import RequestContext, configure_logging
from api.ops.routes import router as ops_router
from api.organisation.routes import router as organisation_router
from api.oversight.routes import router as oversight_router
from api.public.routes import router as public_router
from api.reminders.routes import router as reminders_router
from api.replies.routes import router as replies_router
from api.settings import Settings, get_settings
from api.similar.routes import router as similar_router
from api.webhooks.routes import router as webhooks_router

API_PREFIX = "/api/v1"
ROUTERS = (
    health_router,
    ops_router,
    calendar_router,
    accounts_router,
    security_router,
    organisation_router,
    congress_router,
    items_router,
    assignments_router,
    co_opinions_router,
    replies_router,
    merges_router,
    audit_router,
    followup_router,
    oversight_router,
    attachments_router,
    kpi_router,
    public_router,
    letters_router,
    webhooks_router,
    imports_router,
    ledger_router,
    reminders_router,
    similar_router,
    kpi_report_router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="banli 建议提案办理系统",
        version="1.0.0",
        description="人大代表建议、政协提案办理系统 API。错误按 RFC 9457 返回 problem+json。",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    engine = make_engine(settings.database_url)
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.settings = settings
    install_error_handlers(app)
    configure_logging()
    app.add_middleware(IdempotencyMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "X-Request-ID"],
        )
    app.add_middleware(RequestContext)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    install_openapi(app)
    _serve_spa(app, settings.spa_dir)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """At start: import jobs left waiting by a process that died are marked interrupted."""
    await anyio.to_thread.run_sync(interrupt_orphans, app.state.sessionmaker)
    yield


def _serve_spa(app: FastAPI, spa: Path) -> None:
    """The built portal at ``/``; unknown non-API paths get index.html (history routing)."""
    if not (spa / "index.html").is_file():
        return
    app.mount("/assets", StaticFiles(directory=spa / "assets", check_dir=False), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa_file(path: str, request: Request) -> Response:
        if path.startswith("api/"):
            raise ApiError(404, "未找到")
        candidate = (spa / path).resolve()
        if path and candidate.is_file() and spa.resolve() in candidate.parents:
            return FileResponse(candidate)
        return FileResponse(spa / "index.html")


app = create_app()
