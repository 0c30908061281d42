"""Bulk import: upload a sheet (a job runs it in the background), then read its progress and
report. The file is read and checked before the job is made, so a file that cannot be read
safely is a 413 or 422 at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Depends,
    File,
    Form,
    Query,
    Request,
    Response,
    UploadFile,
)
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.auth.principal import Principal, allow
from api.common import Id, get_or_404
from api.db import SessionDep
from api.errors import ApiError
from api.imports import jobs
from api.imports.service import ImportOptions, prepare
from api.models import CongressSession, ImportJob, ImportStatus
from api.openapi import problems

router = APIRouter(prefix="/imports", tags=["imports"])


class ImportJobRead(BaseModel):
    id: int
    status: ImportStatus
    status_label: str
    filename: str
    session_id: int
    dry_run: bool
    update_existing: bool
    total: int
    done: int
    percent: int = Field(description="进度（%）")
    created_at: datetime
    finished_at: datetime | None
    report: dict[str, Any] | None = Field(
        description="完成后：问题（行、列、原因）、将新增/变更/未变的件、新建的提出人、未匹配的单位"
    )

    @classmethod
    def of(cls, job: ImportJob, live: tuple[int, int] | None, with_report: bool) -> ImportJobRead:
        done, total = live if live is not None else (job.done, job.total)
        status, report = job.status, job.report
        if status in _WAITING:
            status = ImportStatus.RUNNING if live is not None else _unless_gone(job)
            if status is ImportStatus.INTERRUPTED:
                report = jobs.INTERRUPTED_REPORT
        return cls(
            id=job.id,
            status=status,
            status_label=status.label,
            filename=job.filename,
            session_id=job.session_id,
            dry_run=job.dry_run,
            update_existing=job.update_existing,
            total=total,
            done=done,
            percent=100 * done // total if total else 0,
            created_at=job.created_at,
            finished_at=job.finished_at,
            report=(report or None) if with_report else None,
        )


_WAITING = {ImportStatus.QUEUED, ImportStatus.RUNNING}
#: A job of a process this host cannot check (another host, or none recorded) that was not
#: heard of (progress bumps ``updated_at`` on PostgreSQL) for this long died with its
#: process: its one transaction never committed.
STALE = timedelta(minutes=10)


def _unless_gone(job: ImportJob) -> ImportStatus:
    """A waiting job not running here: interrupted once its process is known to be gone."""
    alive = jobs.owner_alive(job.owner)
    if alive is not None:
        return job.status if alive else ImportStatus.INTERRUPTED
    heard = job.updated_at if job.updated_at.tzinfo else job.updated_at.replace(tzinfo=UTC)
    return ImportStatus.INTERRUPTED if datetime.now(UTC) - heard > STALE else job.status


@router.post(
    "",
    operation_id="imports-create",
    response_model=ImportJobRead,
    status_code=202,
    responses=problems(413, 415),
)
def create_import(
    request: Request,
    response: Response,
    background: BackgroundTasks,
    session: SessionDep,
    principal: Annotated[Principal, Depends(allow("imports.write"))],
    file: Annotated[UploadFile, File(description=".xlsx 或 .csv（UTF-8 / GBK）")],
    session_id: Annotated[Id, Form(description="导入到哪次会议")],
    dry_run: Annotated[bool, Form(description="试导入：只检查并报告，不保存")] = True,
    update_existing: Annotated[
        bool, Form(description="已有同号件与文件不同时，以文件为准更新；否则视为问题、不导入")
    ] = False,
) -> ImportJobRead:
    """All or nothing: a dry run reports every problem (row, column, reason); a real run
    saves only a file without problems, in one transaction. The same file twice changes
    nothing."""
    limit: int = request.app.state.settings.import_max_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise ApiError(413, f"文件超过上限（{limit / 1024 / 1024:g} MB）", field="file")
    if session.get(CongressSession, session_id) is None:
        raise ApiError(422, "会议不存在", field="session_id")
    data = file.file.read(limit + 1)
    name = (file.filename or "导入.xlsx").replace("/", "_").replace("\\", "_")
    table = prepare(data, name, limit)
    options = ImportOptions(session_id, dry_run, update_existing, name)
    job = jobs.create_job(session, options, len(table.rows), principal.user_id)
    actor = dict(session.info.get("actor") or {})
    background.add_task(jobs.run_job, request.app.state.sessionmaker, job.id, table, options, actor)
    response.headers["Location"] = f"{request.url.path}/{job.id}"
    return ImportJobRead.of(job, None, with_report=False)


@router.get("", operation_id="imports-list", response_model=list[ImportJobRead])
def list_imports(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("imports.read"))],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[ImportJobRead]:
    """The latest jobs first, without their reports."""
    rows = session.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(limit))
    return [ImportJobRead.of(job, jobs.live(session, job.id), with_report=False) for job in rows]


@router.get("/{job_id}", operation_id="imports-get", response_model=ImportJobRead)
def get_import(
    job_id: Id,
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("imports.read"))],
) -> ImportJobRead:
    """Progress while running; the report once done."""
    job = get_or_404(session, ImportJob, job_id, "导入任务")
    return ImportJobRead.of(job, jobs.live(session, job.id), with_report=True)
