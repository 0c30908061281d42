"""Import jobs: made by the upload, run in the background, read for progress and the report.

While a job runs its progress lives in this process (``live``): on SQLite the import's one
transaction holds the database's write lock, so nothing else could write a progress row
until it ends. On other databases progress is also written to the job row every 2% through
a connection of its own. A job's final status and report are written when it ends; when it
commits, in the same transaction as the imported rows.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from api.errors import ApiError
from api.imports.service import ImportOptions, Table, run_import
from api.models import ImportJob, ImportStatus

log = logging.getLogger(__name__)
_live: dict[tuple[str, int], tuple[int, int]] = {}
_lock = threading.Lock()


def _key(session: Session, job_id: int) -> tuple[str, int]:
    return str(session.get_bind().engine.url), job_id


def live(session: Session, job_id: int) -> tuple[int, int] | None:
    """(done, total) of a job running in this process, else ``None``."""
    with _lock:
        return _live.get(_key(session, job_id))


def create_job(
    session: Session, options: ImportOptions, total: int, user_id: int | None
) -> ImportJob:
    job = ImportJob(
        status=ImportStatus.QUEUED,
        filename=options.filename[:255],
        session_id=options.session_id,
        dry_run=options.dry_run,
        update_existing=options.update_existing,
        total=total,
        done=0,
        report={},
        created_by=user_id,
    )
    session.add(job)
    session.flush()
    return job


def _set(session: Session, job_id: int, **values: Any) -> None:
    """Plain UPDATE: progress and reports are not audited row changes (see the model)."""
    session.execute(update(ImportJob).where(ImportJob.id == job_id).values(**values))


def run_job(
    make_session: sessionmaker[Session],
    job_id: int,
    table: Table,
    options: ImportOptions,
    actor: dict[str, Any],
) -> None:
    """The whole import of one job; never raises (the job's status tells how it ended)."""
    total = len(table.rows)
    with make_session() as session:
        session.info["actor"] = actor
        key = _key(session, job_id)
        with _lock:
            _live[key] = (0, total)
        try:
            _set(session, job_id, status=ImportStatus.RUNNING)
            session.commit()
            _run(session, job_id, table, options, total)
        except Exception:
            log.exception("import job %s failed", job_id)
            session.rollback()
            report = {"ok": False, "committed": False, "error": "导入出错，未导入任何数据"}
            _finish(session, job_id, ImportStatus.FAILED, 0, report)
        finally:
            with _lock:
                _live.pop(key, None)


def _run(session: Session, job_id: int, table: Table, options: ImportOptions, total: int) -> None:
    engine = session.get_bind().engine
    step = max(1, total // 50)

    def progress(done: int, total: int) -> None:
        with _lock:
            _live[_key(session, job_id)] = (done, total)
        if engine.dialect.name != "sqlite" and (done % step == 0 or done == total):
            with engine.begin() as connection:
                connection.execute(
                    update(ImportJob).where(ImportJob.id == job_id).values(done=done)
                )

    try:
        report = run_import(session, table, options, progress, job_id)
    except ApiError as exc:
        session.rollback()
        problem = {"row": None, "column": exc.field, "reason": exc.detail}
        report = {"ok": False, "committed": False, "problems": [problem]}
        _finish(session, job_id, ImportStatus.REFUSED, 0, report)
        return
    if report["committed"]:
        _finish(session, job_id, ImportStatus.DONE, total, report)
        return
    session.rollback()
    status = ImportStatus.DONE if options.dry_run else ImportStatus.REFUSED
    _finish(session, job_id, status, total, report)


def _finish(
    session: Session, job_id: int, status: ImportStatus, done: int, report: dict[str, Any]
) -> None:
    _set(session, job_id, status=status, done=done, report=report, finished_at=datetime.now(UTC))
    session.commit()
