"""The OpenAPI document declares the errors the API really answers, as problem+json.

Every error is RFC 9457 problem+json (``api.errors``), so the document says so: each
operation lists the statuses any route of its kind can answer, with the ``Problem`` schema,
instead of FastAPI's default ``HTTPValidationError`` for 422 (which the API never sends).
Which statuses follow from the operation's shape; a route adds its own (413, 415, 429…)
with ``responses=problems(…)``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from api.errors import PROBLEM, TITLES

WRITES = {"post", "put", "patch", "delete"}
NO_DATABASE = {"health-alive"}


class Problem(BaseModel):
    """RFC 9457 problem details, with the field at fault and the rule that refused."""

    type: str = Field(examples=["https://banli.local/problems/R-AS-1"])
    title: str = Field(examples=["输入有误"])
    status: int = Field(examples=[422])
    detail: str = Field(examples=["主办单位只能有一个"])
    instance: str | None = Field(default=None, examples=["/api/v1/items/15/assignments"])
    field: str | None = Field(default=None, examples=["units"])
    rule_id: str | None = Field(default=None, examples=["R-AS-1"])
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="每个问题（字段与原因；导入文件为行、列与原因）"
    )


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route's own error statuses (the content is filled in below)."""
    return {status: {"description": TITLES.get(status, "请求失败")} for status in statuses}


def _statuses(method: str, operation: dict[str, Any]) -> set[int]:
    """What any operation of this shape can answer, whatever its handler does:

    * a signed-in caller: 401 (no, expired or revoked credential), 403 (role, key scope,
      another unit's record);
    * a path parameter names a record: 404;
    * input (parameters or a body): 422 (validation, or a domain rule refuses);
    * a write: 409 (a unique row, the record's state, an ``Idempotency-Key`` in use), 412
      (``If-Match`` naming an older version, or a concurrent change) and 422 (an
      ``Idempotency-Key`` too long or already used for another body);
    * anything that uses the database: 503 while it is unavailable.
    """
    found: set[int] = set() if operation.get("operationId") in NO_DATABASE else {503}
    if operation.get("security"):
        found |= {401, 403}
    parameters = operation.get("parameters", [])
    if any(p.get("in") == "path" for p in parameters):
        found.add(404)
    if parameters or "requestBody" in operation:
        found.add(422)
    if method in WRITES:
        found |= {409, 412, 422}
    return found


def _document(schema: dict[str, Any]) -> None:
    ref = {"$ref": "#/components/schemas/Problem"}
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for methods in schema.get("paths", {}).values():
        for method, operation in methods.items():
            responses = operation.setdefault("responses", {})
            for status in _statuses(method, operation):
                responses.setdefault(str(status), {})
            operation["responses"] = responses = dict(sorted(responses.items()))
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400:
                    response["description"] = TITLES.get(int(status), "请求失败")
                    response["content"] = {PROBLEM: {"schema": ref}}
    used = str(schema.get("paths"))
    for name in ("HTTPValidationError", "ValidationError"):
        if f"schemas/{name}'" not in used:
            components.pop(name, None)


def install_openapi(app: FastAPI) -> None:
    """Post-processes the generated document once, when it is first asked for."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document(generate())
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
