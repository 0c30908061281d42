"""Import jobs: made by the upload, run in the background, read for progress and the report.

While a job runs its progress lives in this process (``live``): on SQLite the import's one
transaction holds the database's write lock, so nothing else could write a progress row
until it ends. On other databases progress is also written to the job row every 2% through
a connection of its own. A job's final status and report are written when it ends; when it
commits, in the same transaction as the imported rows.

A job records the process that runs it (``owner``). When that process dies (``kill -9``, a
crash, the machine restarting) the job's transaction never committed: nothing was imported.
Such a job reads as interrupted at once (``owner_alive``), and the API marks it so when it
starts (``interrupt_orphans``); a job of another host, which cannot be checked from here,
reads as interrupted once nothing was heard of it for a while (``api.imports.routes``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from api.errors import ApiError
from api.imports.service import ImportOptions, Table, run_import
from api.models import ImportJob, ImportStatus

log = logging.getLogger(__name__)
_live: dict[tuple[str, int], tuple[int, int]] = {}
_lock = threading.Lock()


def _key(session: Session, job_id: int) -> tuple[str, int]:
    return str(session.get_bind().engine.url), job_id


INTERRUPTED_REPORT = {
    "ok": False,
    "committed": False,
    "error": "导入进程意外中止（如服务重启），未导入任何数据，请重新导入",
}
_WAITING = (ImportStatus.QUEUED, ImportStatus.RUNNING)


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return "-"


def _started(pid: int) -> str | None:
    """The process's start time (clock ticks since boot, Linux), which tells a reused pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def this_process() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}|{_boot_id()}|{pid}|{_started(pid) or '-'}"


def owner_alive(owner: str | None) -> bool | None:
    """Whether the process named by ``owner`` still runs; ``None`` when this host cannot
    tell (no owner recorded, another host)."""
    parts = (owner or "").split("|")
    if len(parts) != 4 or parts[0] != socket.gethostname() or not parts[2].isdigit():
        return None
    _, boot, pid, started = parts
    if boot != _boot_id():
        return False  # the machine restarted since
    if started != "-":
        return _started(int(pid)) == started
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def interrupt_orphans(make_session: sessionmaker[Session]) -> list[int]:
    """Marks the waiting jobs whose process is gone as interrupted (at the API's start).

    Never raises: a database not migrated yet, or locked by another process's import, is
    left for the next start (and such jobs read as interrupted anyway)."""
    try:
        with make_session() as session:
            waiting = session.execute(
                select(ImportJob.id, ImportJob.owner).where(ImportJob.status.in_(_WAITING))
            ).all()
            orphans = [job_id for job_id, owner in waiting if owner_alive(owner) is False]
            for job_id in orphans:
                values = {"status": ImportStatus.INTERRUPTED, "report": INTERRUPTED_REPORT}
                _set(session, job_id, **values, finished_at=datetime.now(UTC))
            session.commit()
    except SQLAlchemyError as exc:
        log.warning("could not check for interrupted import jobs: %s", exc)
        return []
    if orphans:
        log.warning("import jobs %s were interrupted: their process is gone", orphans)
    return orphans


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
        owner=this_process(),
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
