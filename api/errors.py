"""One error shape for the whole API: RFC 9457 problem+json with a Chinese ``detail``.

Every refusal names the field at fault (``field``) and, when a rule refused it, the rule id
(``rule_id``), so a form can show the message next to the right input.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
)
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.errors import DomainError

PROBLEM = "application/problem+json"
TITLES = {
    400: "请求有误",
    401: "未登录或登录已失效",
    403: "无权执行此操作",
    404: "未找到",
    405: "不支持该请求方法",
    409: "与现有数据冲突",
    412: "数据已被他人修改",
    413: "上传内容过大",
    415: "不支持的内容类型",
    422: "输入有误",
    428: "缺少前置条件",
    429: "请求过于频繁",
    500: "服务器内部错误",
    501: "未实现",
    503: "服务暂不可用",
}


class ApiError(Exception):
    """An error the API raises on purpose, with its HTTP status."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        field: str | None = None,
        rule_id: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
    ):
        super().__init__(detail)
        self.status, self.detail, self.field, self.rule_id = status, detail, field, rule_id
        self.headers, self.errors = headers, errors


def problem(
    status: int,
    detail: str,
    *,
    field: str | None = None,
    rule_id: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://banli.local/problems/{rule_id or status}",
        "title": TITLES.get(status, "请求失败"),
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if field:
        body["field"] = field
    if rule_id:
        body["rule_id"] = rule_id
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


_MESSAGES = {
    "missing": "缺少必填项",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_inexact": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "datetime_parsing": "时间格式应为 ISO 8601",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "json_invalid": "请求体不是有效的 JSON",
    "extra_forbidden": "不允许的字段",
}


def _field_of(err: dict[str, Any]) -> str:
    if err["type"] == "json_invalid":  # its loc is ("body", character position)
        return "body"
    parts = [str(p) for p in err["loc"] if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "body"


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        message = _MESSAGES.get(err["type"], "取值无效")
        if err["type"] == "enum" and "expected" in err.get("ctx", {}):
            message += f"（可选：{str(err['ctx']['expected']).replace(' or ', '、')}）"
        errors.append({"field": _field_of(dict(err)), "message": message})
    return errors


def _unparsable(detail: str) -> str:
    """Why a body could not be read, from FastAPI's or Starlette's English detail."""
    if "maximum size" in detail:
        return "表单字段过大"
    if detail.startswith("Too many"):
        return "表单字段或文件过多"
    return "请求体无法解析（应为 UTF-8 编码的 JSON 或表单）"


def _phrase(status: int) -> str | None:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return problem(
            exc.status,
            exc.detail,
            field=exc.field,
            rule_id=exc.rule_id,
            errors=exc.errors,
            instance=request.url.path,
            headers=exc.headers,
        )

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
        listed = getattr(exc, "errors", None)
        return problem(
            422,
            exc.message,
            field=exc.field,
            rule_id=exc.rule_id,
            instance=request.url.path,
            errors=listed() if callable(listed) else None,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        detail = "；".join(f"{e['field']}：{e['message']}" for e in errors)
        return problem(
            422,
            detail,
            field=errors[0]["field"] if errors else None,
            errors=errors,
            instance=request.url.path,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # The framework's answer to a body it cannot decode (not UTF-8, a broken
            # multipart form; the API itself never raises a 400): the same 422 as any other
            # body that is not valid JSON, in Chinese.
            reason = _unparsable(str(exc.detail))
            return problem(
                422,
                f"body：{reason}",
                field="body",
                errors=[{"field": "body", "message": reason}],
                instance=request.url.path,
            )
        # Starlette's own details are English status phrases ("Method Not Allowed"): say it
        # in Chinese instead; a detail raised on purpose is kept.
        default = _phrase(exc.status_code)
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != default else None
        return problem(
            exc.status_code,
            detail or TITLES.get(exc.status_code, "请求失败"),
            instance=request.url.path,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        return problem(
            412, "数据已被他人同时修改，本次修改未保存，请刷新后重试", instance=request.url.path
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        return problem(409, "与现有数据冲突（重复或引用不存在的记录）", instance=request.url.path)

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError):
            # The database went away (a restart, a failover) or kept a lock too long: the
            # transaction rolled back, a retry will do, and the pool reconnects by itself.
            return problem(
                503,
                "数据库暂时不可用，请稍后重试",
                instance=request.url.path,
                headers={"Retry-After": "1"},
            )
        if isinstance(exc, DataError):
            # A value the database cannot store that no schema rule caught (PostgreSQL
            # refuses NUL characters in text): the client's input, not a fault.
            return problem(
                422,
                "输入的内容无法保存：含有不允许的字符（如 NUL）或超出范围",
                instance=request.url.path,
            )
        return problem(500, "服务器内部错误，请稍后重试或联系管理员", instance=request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, "服务器内部错误，请稍后重试或联系管理员", instance=request.url.path)
