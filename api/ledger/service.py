"""The ledger (台账) for a year, county-wide or one unit's; a unit sees only its own rows."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from api import audit
from api.auth.principal import Principal
from api.errors import ApiError
from api.ledger.facts import Scope, gather
from api.ledger.workbook import ledger_filename, ledger_workbook
from api.models import Unit


def unit_scope(session: Session, principal: Principal, unit_id: int | None) -> Unit | None:
    """The unit asked for: a unit user gets its own, whatever it asks; 404 for an unknown one."""
    if principal.is_unit:
        if unit_id is not None and unit_id != principal.unit_id:
            raise ApiError(403, "只能查看本单位的台账", field="unit_id")
        unit_id = principal.unit_id
    if unit_id is None:
        return None
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise ApiError(404, "单位不存在", field="unit_id")
    return unit


def ledger(
    session: Session, principal: Principal, year: int, unit_id: int | None, as_of: date
) -> tuple[str, bytes]:
    """(file name, .xlsx bytes); the export is recorded in the audit log."""
    unit = unit_scope(session, principal, unit_id)
    rows = gather(session, Scope((year,), unit.id if unit else None), as_of, principal)
    data = ledger_workbook(rows, f"{year}年台账")
    audit.record(
        session,
        "export",
        "ledger",
        None,
        changes={"year": year, "unit_id": unit.id if unit else None, "rows": len(rows)},
    )
    return ledger_filename(year, unit.name if unit else None, as_of), data
