"""The yearly KPI report (R-KPI-1..7) as .xlsx and as an editable .docx summary (R-DL-9)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy.orm import Session

from api import audit
from api.attachments.routes import content_disposition
from api.auth.principal import Principal, allow
from api.clock import today
from api.db import SessionDep
from api.kpi.report import YearReport, year_report
from api.kpi.report_docx import summary_docx
from api.kpi.report_xlsx import report_workbook
from api.kpi.service import default_as_of
from api.ledger.workbook import XLSX
from api.letters.routes import DOCX

router = APIRouter(prefix="/kpi", tags=["kpi"])
Year = Annotated[int | None, Query(ge=2000, le=2100, description="年度，默认今年")]
AsOf = Annotated[date | None, Query(description="截至日期，默认今天（往年为12月31日）")]


def _report(session: Session, year: int | None, as_of: date | None, kind: str) -> YearReport:
    chosen = year or today().year
    report = year_report(session, chosen, as_of or default_as_of(chosen, today()))
    audit.record(
        session,
        "export",
        "kpi_report",
        None,
        changes={"year": chosen, "as_of": report.as_of.isoformat(), "format": kind},
    )
    return report


def _download(data: bytes, media_type: str, name: str) -> Response:
    return Response(
        data, media_type=media_type, headers={"Content-Disposition": content_disposition(name)}
    )


@router.get("/report.xlsx", operation_id="kpi-report-xlsx", response_class=Response)
def report_xlsx(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("kpi.read"))],
    year: Year = None,
    as_of: AsOf = None,
) -> Response:
    """County-wide and per unit, ranked, with the items behind every missed target."""
    report = _report(session, year, as_of, "xlsx")
    name = f"{report.year}年度建议提案办理目标完成情况-截至{report.as_of.isoformat()}.xlsx"
    return _download(report_workbook(report), XLSX, name)


@router.get("/report.docx", operation_id="kpi-report-docx", response_class=Response)
def report_docx(
    session: SessionDep,
    _: Annotated[Principal, Depends(allow("kpi.read"))],
    year: Year = None,
    as_of: AsOf = None,
) -> Response:
    """The yearly summary draft the office edits before filing it (R-DL-9)."""
    report = _report(session, year, as_of, "docx")
    name = f"{report.year}年度建议提案办理工作总结（草稿）.docx"
    return _download(summary_docx(report), DOCX, name)
