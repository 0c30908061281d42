"""The office's tools: bulk import jobs and the outbox of messages (daily digests) to deliver."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, Timestamped, enum_type, utcnow


class ImportStatus(StrEnum):
    QUEUED = "queued"  # 排队中
    RUNNING = "running"  # 导入中
    DONE = "done"  # 已完成（试导入：已检查完毕）
    REFUSED = "refused"  # 有问题，未导入任何数据
    FAILED = "failed"  # 出错，未导入任何数据
    INTERRUPTED = "interrupted"  # 进程中止（未提交），未导入任何数据

    @property
    def label(self) -> str:
        return {
            "queued": "排队中",
            "running": "导入中",
            "done": "已完成",
            "refused": "有问题，未导入",
            "failed": "出错，未导入",
            "interrupted": "已中断，未导入",
        }[self.value]


class ImportJob(Timestamped, Base):
    """批量导入: one uploaded sheet taken into one congress session, all or nothing.

    Progress (``done`` of ``total`` rows) and the report are written with plain UPDATEs, so the
    audit log keeps the job's creation and the imported rows, not every progress tick.
    """

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[ImportStatus] = mapped_column(enum_type(ImportStatus), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    session_id: Mapped[int] = mapped_column(ForeignKey("congress_sessions.id"))
    dry_run: Mapped[bool] = mapped_column(Boolean, default=True)
    update_existing: Mapped[bool] = mapped_column(Boolean, default=False)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finished_at: Mapped[datetime | None]
    # The process running the job (host, boot, pid, start time): a job whose process is gone
    # was interrupted, its one transaction never committed (``api.imports.jobs``).
    owner: Mapped[str | None] = mapped_column(String(160))


class OutboxMessage(Base):
    """A message waiting for the integration work to deliver (SMS, OA, e-mail).

    ``dedupe_key`` makes writing idempotent: one daily digest per unit and day.
    """

    __tablename__ = "outbox"
    __table_args__ = (UniqueConstraint("event_type", "unit_id", "dedupe_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    dedupe_key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(index=True)
