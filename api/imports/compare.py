"""What differs between an item already recorded and its row in the sheet (idempotency)."""

from __future__ import annotations

from datetime import date
from typing import Any

from api.imports.columns import LABELS
from api.imports.directory import Directory
from api.items.repository import Related
from api.items.schemas import ProposerLink, UnitRole
from api.models import Item


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def differences(
    item: Item,
    fields: dict[str, Any],
    links: list[ProposerLink],
    names: list[str],
    units: list[UnitRole] | None,
    related: Related,
    directory: Directory,
) -> dict[str, dict[str, Any]]:
    """``{column label: {"old": …, "new": …}}`` for every field the sheet gives that differs;
    a column the sheet does not have is not compared (nor changed)."""
    changes: dict[str, dict[str, Any]] = {}
    for name, new in fields.items():
        old = getattr(item, name)
        if (old or None) != (new or None):
            changes[LABELS.get(name, name)] = {"old": _plain(old), "new": _plain(new)}
    recorded = related.proposers.get(item.id, [])
    old_people = (
        next((p.id for p, lead in recorded if lead), None),
        frozenset(p.id for p, lead in recorded if not lead),
    )
    new_people = (
        next((link.proposer_id for link in links if link.is_lead), None),
        frozenset(link.proposer_id for link in links if not link.is_lead),
    )
    if old_people != new_people:
        changes["提出人"] = {
            "old": [p.name for p, _ in recorded],
            "new": names,
        }
    if units is not None:
        current = related.assignments.get(item.id, [])
        if {(a.unit_id, a.role) for a, _ in current} != {(u.unit_id, u.role) for u in units}:
            unit_names = {u.id: u.name for u in directory.units.values()}
            changes["承办单位"] = {
                "old": [f"{name}（{a.role.label}）" for a, name in current],
                "new": [f"{unit_names.get(u.unit_id, u.unit_id)}（{u.role.label}）" for u in units],
            }
    return changes
