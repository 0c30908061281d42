"""The ASGI app: routers under ``/api/v1``, one error handler, and the built SPA at ``/``."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.calendar.routes import router as calendar_router
from api.errors import install_error_handlers
from api.health.routes import router as health_router
from api.settings import get_settings

API_PREFIX = "/api/v1"


def create_app() -> FastAPI:
    app = FastAPI(
        title="banli 建议提案办理系统",
        version="1.0.0",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    install_error_handlers(app)
    for router in (health_router, calendar_router):
        app.include_router(router, prefix=API_PREFIX)
    spa = get_settings().spa_dir
    if spa.is_dir():
        app.mount("/", StaticFiles(directory=spa, html=True), name="spa")
    return app


app = create_app()
