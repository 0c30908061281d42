"""Bulk import of a session's items from a sheet: all or nothing, idempotent, and held to the
same rules as items made through the API (R-AS-1, the proposers' kinds, one lead …).

How it runs: one transaction for the whole file, in two passes. The first checks every row
and writes nothing (``plan``), so a dry run lists *every* problem as row, column and reason.
The second writes (``write``): new items in chunks, changed items through ``update_item``
and ``set_assignments`` one SAVEPOINT each. At the end a dry run, or any run with a problem,
is rolled back whole; only a clean run is committed. A killed import committed nothing.

Idempotent: items are matched by session and number. An identical row is "unchanged". A row
that differs from its item is reported as a change with every differing field, and is
applied only when the caller asks for it (``update_existing``); otherwise it is a problem
and, like any problem, stops the commit. So importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from api import audit
from api.errors import ApiError
from api.imports.columns import Header, RowData, find_header, parse_rows
from api.imports.plan import Planner, RowPlan
from api.imports.reader import read_table
from api.imports.report import Report
from api.imports.write import Writer
from api.models import CongressSession

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    session_id: int
    dry_run: bool = True
    update_existing: bool = False
    filename: str = ""


@dataclass
class Table:
    header: Header
    rows: list[RowData]


def prepare(data: bytes, filename: str, limit: int) -> Table:
    """The sheet read and parsed; file-level refusals (413/422) are raised here, at once."""
    raw = read_table(data, filename, limit)
    header = find_header(raw)
    rows = parse_rows(raw, header)
    if not rows:
        raise ApiError(422, f"第{header.row}行表头之下没有数据", field="file")
    return Table(header, rows)


def run_import(
    session: Session,
    table: Table,
    options: ImportOptions,
    progress: Progress | None = None,
    job_id: int | None = None,
) -> dict[str, Any]:
    """Runs both passes in the session's transaction and returns the report; the caller
    commits when ``report["committed"]`` is true and rolls back otherwise. Progress counts
    each row twice (checked, then written): ``total`` is twice the rows."""
    congress = session.get(CongressSession, options.session_id)
    if congress is None:
        raise ApiError(422, "会议不存在", field="session_id")
    audit.record(
        session,
        "import",
        "import_jobs",
        str(job_id) if job_id is not None else None,
        changes={"filename": options.filename, "rows": len(table.rows), "dry_run": options.dry_run},
    )
    total, done = 2 * len(table.rows), 0

    def step(rows: int) -> None:
        nonlocal done
        done += rows
        if progress is not None:
            progress(done, total)

    report = Report(table.header, options, congress, len(table.rows))
    planner = Planner(session, table.header, congress, report)
    plans: list[RowPlan] = []
    for data in table.rows:
        found = planner.plan(data, options.update_existing)
        if found is not None:
            plans.append(found)
        step(1)
    _write(session, congress, planner, report, plans, options, step)
    step(total - done)
    return report.as_dict()


def _write(
    session: Session,
    congress: CongressSession,
    planner: Planner,
    report: Report,
    plans: list[RowPlan],
    options: ImportOptions,
    step: Callable[[int], None],
) -> None:
    new = [p for p in plans if p.existing is None]
    changed = [p for p in plans if p.existing is not None and p.changes]
    for plan in plans:
        if plan.existing is not None and not plan.changes:
            report.unchanged(plan.row, plan.existing)
        elif plan.existing is not None and not options.update_existing:
            assert plan.changes is not None
            report.changed(plan.row, plan.existing, plan.changes, applied=False)
    writer = Writer(session, congress, planner, report)
    applied = changed if options.update_existing else []
    writer.make_proposers(new + applied)
    writer.create(new, step)
    for plan in applied:
        writer.update(plan)
        step(1)
