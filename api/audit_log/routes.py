"""The audit log, read-only: there is deliberately no endpoint that edits or deletes it."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Select, func, select

from api import audit
from api.auth.principal import Principal, allow
from api.common import Id, Page
from api.db import SessionDep
from api.errors import ApiError
from api.models import AuditEntry

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor_user_id: int | None
    actor_api_key_id: int | None
    actor_name: str | None
    source_ip: str | None
    action: str
    entity: str
    entity_id: str | None
    item_id: int | None
    changes: dict[str, Any]
    outcome: str


Outcome = Literal["success", "failure", "challenge"]


@dataclass(frozen=True)
class AuditFilter:
    entity: str | None = None
    action: str | None = None
    outcome: str | None = None
    item_id: int | None = None
    actor_user_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None

    def query(self) -> Select[AuditEntry]:
        query = select(AuditEntry)
        for column, value in (
            (AuditEntry.entity, self.entity),
            (AuditEntry.action, self.action),
            (AuditEntry.outcome, self.outcome),
            (AuditEntry.item_id, self.item_id),
            (AuditEntry.actor_user_id, self.actor_user_id),
        ):
            if value is not None:
                query = query.where(column == value)
        if self.since is not None:
            query = query.where(AuditEntry.at >= _naive_utc(self.since))
        if self.until is not None:
            query = query.where(AuditEntry.at < _naive_utc(self.until))
        return query


def _naive_utc(moment: datetime) -> datetime:
    """Stored as naive UTC (``api.audit_chain``); an offset given by the caller is honoured."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def audit_filter(
    entity: str | None = None,
    action: str | None = None,
    outcome: Annotated[
        Outcome | None, Query(description="success 成功、failure 失败、challenge 要求动态口令")
    ] = None,
    item_id: Id | None = None,
    actor_user_id: Id | None = None,
    since: Annotated[datetime | None, Query(description="起始时间（含）")] = None,
    until: Annotated[datetime | None, Query(description="截止时间（不含）")] = None,
) -> AuditFilter:
    if since is not None and until is not None and _naive_utc(until) <= _naive_utc(since):
        raise ApiError(422, "截止时间须晚于起始时间", field="until")
    return AuditFilter(entity, action, outcome, item_id, actor_user_id, since, until)


Filter = Annotated[AuditFilter, Depends(audit_filter)]


@router.get("", operation_id="audit-list", response_model=Page[AuditRead])
def list_audit(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("audit.read"))],
    f: Filter,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Page[AuditRead]:
    query = f.query()
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(AuditEntry.id.desc()).offset((page - 1) * page_size).limit(page_size)
    )
    return Page(
        items=[AuditRead.model_validate(r) for r in rows],
        total=total,
        page=page,
        page_size=page_size,
    )


EXPORT_LIMIT = 200_000
COLUMNS = [
    *("id", "at", "actor_name", "actor_user_id", "actor_api_key_id", "source_ip", "request_id"),
    *("action", "entity", "entity_id", "item_id", "outcome", "changes"),
]
HEADERS = [
    *("序号", "时间(UTC)", "操作人", "用户ID", "API密钥ID", "来源地址", "请求ID"),
    *("操作", "对象", "对象ID", "建议提案ID", "结果", "变更内容", "哈希"),
]


@router.get(
    "/export.csv",
    operation_id="audit-export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "审计日志（CSV，UTF-8）"}},
)
def export_audit(
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("audit.read"))],
    f: Filter,
) -> Response:
    """The filtered log as CSV (Excel opens it: UTF-8 with a byte-order mark), oldest first,
    each row with its chain hash; the export itself is audited (等保: 审计记录导出)."""
    total = session.scalar(select(func.count()).select_from(f.query().subquery())) or 0
    if total > EXPORT_LIMIT:
        raise ApiError(
            422, f"一次最多导出{EXPORT_LIMIT}条，请缩小时间范围（本次{total}条）", field="since"
        )
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for entry in session.scalars(f.query().order_by(AuditEntry.id)).yield_per(1000):
        values = [getattr(entry, c) for c in COLUMNS[:-1]]
        changes = json.dumps(entry.changes, ensure_ascii=False, sort_keys=True)
        writer.writerow([_cell(v) for v in values] + [_cell(changes), entry.hash or ""])
    audit.record(session, "export", "audit_log", None, changes={"rows": total, **_described(f)})
    name = f"audit-{datetime.now(UTC):%Y%m%d%H%M%S}.csv"
    return Response(
        out.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _cell(value: object) -> str:
    """A cell as text; one that a spreadsheet would run as a formula is quoted (CSV injection)."""
    text = value.isoformat() if isinstance(value, datetime) else "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _described(f: AuditFilter) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(f).items() if v}
