"""``Idempotency-Key`` on POST: a retried request replays the first answer, creates nothing.

Keys are per caller (the credential's hash), so two callers may use the same key. A key
reused with a different body is refused; a key whose first request is still running is 409.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import problem
from api.models import IdempotencyRecord


def _principal(request: Request) -> str:
    credential = request.headers.get("authorization") or request.headers.get("x-api-key") or ""
    return hashlib.sha256(credential.encode()).hexdigest()


class IdempotencyMiddleware:
    """Pure ASGI in front: only a POST that carries the header pays for the buffering below."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.keyed = _KeyedPost(app)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        keyed = scope["type"] == "http" and scope["method"] == "POST"
        if keyed and any(name == b"idempotency-key" for name, _ in scope["headers"]):
            await self.keyed(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class _KeyedPost(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        key = request.headers.get("idempotency-key")
        if request.method != "POST" or not key:
            return await call_next(request)
        if len(key) > 128:
            return problem(422, "Idempotency-Key 过长（最多128个字符）", field="Idempotency-Key")
        body = await request.body()
        digest = hashlib.sha256(request.url.path.encode() + b"\n" + body).hexdigest()
        principal = _principal(request)
        sessions = request.app.state.sessionmaker
        with sessions() as session:
            found = session.get(IdempotencyRecord, (principal, key))
            if found is not None:
                return _replay(found, digest)
            session.add(
                IdempotencyRecord(
                    principal=principal,
                    key=key,
                    method="POST",
                    path=request.url.path,
                    request_hash=digest,
                    created_at=datetime.now(UTC),
                )
            )
            try:
                session.commit()
            except IntegrityError:
                return problem(409, "相同 Idempotency-Key 的请求正在处理", field="Idempotency-Key")
        response = await call_next(request)
        content = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        with sessions() as session:
            record = session.get(IdempotencyRecord, (principal, key))
            if response.status_code >= 500 or record is None:
                session.execute(delete(IdempotencyRecord).filter_by(principal=principal, key=key))
            else:
                record.status_code = response.status_code
                record.response_body = content.decode("utf-8", "replace")
                record.content_type = response.headers.get("content-type")
            session.commit()
        return Response(
            content,
            status_code=response.status_code,
            headers=dict(response.headers),
            media_type=None,
        )


def _replay(record: IdempotencyRecord, digest: str) -> Response:
    if record.request_hash != digest:
        return problem(422, "该 Idempotency-Key 已用于内容不同的请求", field="Idempotency-Key")
    if record.status_code is None:
        return problem(409, "相同 Idempotency-Key 的请求正在处理", field="Idempotency-Key")
    return Response(
        record.response_body or "",
        status_code=record.status_code,
        media_type=record.content_type or "application/json",
        headers={"Idempotent-Replayed": "true"},
    )
