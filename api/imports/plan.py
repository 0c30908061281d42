"""The first pass of an import: every row checked, nothing written. Each row becomes a plan
(create, unchanged, change) or problems (row, column, reason).

A new item is checked against the rules ``create_item`` and ``set_assignments`` apply, asked
of the same sources: the ``ItemCreate`` schema, the proposers' kinds (``ALLOWED_PROPOSERS``),
one lead, units that exist and are active, and R-AS-1 from ``domain.assignment``.
``tests/api/test_imports.py`` checks that an imported item equals one made through the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.imports.columns import Header, Problem, RowData
from api.imports.compare import differences
from api.imports.directory import Directory
from api.imports.report import Report
from api.items.repository import related
from api.items.schemas import ItemCreate, ProposerLink, UnitRole
from api.models import CongressSession, Item
from domain.assignment import assignment_problems
from domain.model import Role

ITEM_FIELDS = (
    "title",
    "content",
    "topic",
    "first_assignment",
    "second_assignment",
    "secret",
    "content_consent",
    "between_sessions",
)
UNIT_FIELDS = {"main_units": Role.MAIN, "co_units": Role.CO, "split_units": Role.SPLIT}
ERROR_FIELDS = {"proposers": "lead", "units": "main_units", "session_id": "number"}
UNKNOWN = -1  # the id of a proposer the import will make


@dataclass
class RowPlan:
    row: int
    number: int
    fields: dict[str, Any]
    names: list[str]  # lead first
    units: list[UnitRole] | None  # None: the sheet has no unit columns
    existing: Item | None = None
    changes: dict[str, Any] | None = None
    valid: ItemCreate | None = None  # a new item as the API would take it


class Planner:
    def __init__(
        self, session: Session, header: Header, congress: CongressSession, report: Report
    ) -> None:
        self.header, self.congress, self.report = header, congress, report
        self.directory = Directory(session, congress.kind)
        items = session.scalars(select(Item).where(Item.session_id == congress.id))
        self.existing = {item.number: item for item in items}
        self.related = related(session, list(self.existing.values()))
        self.numbers: dict[int, int] = {}

    def column(self, name: str, data: RowData | None = None) -> str:
        if name == "units" and data is not None:  # the column the refused units came from
            filled = [f for f in ("main_units", "split_units", "co_units") if data.names(f)]
            name = filled[0] if filled else "main_units"
        name = ERROR_FIELDS.get(name, name)
        return self.header.titles.get(name) or name

    def plan(self, data: RowData, update_existing: bool) -> RowPlan | None:
        """The row's plan, or ``None`` with its problems added to the report."""
        problems = list(data.problems)
        number = data.values.get("number")
        if isinstance(number, int):
            if number in self.numbers:
                reason = f"编号{number}与第{self.numbers[number]}行重复"
                problems.append(Problem(data.row, self.column("number"), reason))
            else:
                self.numbers[number] = data.row
        units = self._units(data, problems)
        if problems or not isinstance(number, int):
            self.report.problems += problems
            return None
        names = data.names("lead") + data.names("co_proposers")
        found = RowPlan(data.row, number, _fields(data), names, units, self.existing.get(number))
        add = self.report.problems.append
        if found.existing is None:
            refused = self._new_item_problems(found, data)
            for column, reason in refused:
                add(Problem(data.row, column, reason))
            return None if refused else found
        links = self._links(found)
        found.changes = differences(
            found.existing, found.fields, links, names, units, self.related, self.directory
        )
        if found.changes and not update_existing:
            listed = "、".join(found.changes)
            reason = (
                f"第{number}号已存在且与文件不同（{listed}）；"
                "如需以文件为准更新，请选择“更新已有”后重新导入"
            )
            add(Problem(data.row, self.column("number"), reason))
        return found

    def _links(self, plan: RowPlan) -> list[ProposerLink]:
        return [
            # built unchecked: UNKNOWN is no row id (the import makes the proposer later)
            ProposerLink.model_construct(
                proposer_id=self.directory.proposer(n)[0] or UNKNOWN, is_lead=i == 0
            )
            for i, n in enumerate(plan.names)
        ]

    def _new_item_problems(self, plan: RowPlan, data: RowData) -> list[tuple[str, str]]:
        """What ``create_item`` and ``set_assignments`` would refuse, as (column, reason)."""
        found: list[tuple[str, str]] = []
        try:
            plan.valid = ItemCreate(
                session_id=self.congress.id,
                number=plan.number,
                proposers=self._links(plan),
                **plan.fields,
            )
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else ""
                found.append((self.column(field), error["msg"]))
        if len({self.directory.key(n) for n in plan.names}) != len(plan.names):
            found.append((self.column("lead"), "提出人重复"))
        for name in plan.names:
            if self.directory.proposer(name)[1]:
                column = self.column("lead" if name == plan.names[0] else "co_proposers")
                self.report.warn(
                    data.row, column, f"有多位同名的“{name}”，已选用最早登记的一位，请核对"
                )
        if plan.units:
            pairs = [(u.unit_id, u.role) for u in plan.units]
            for reason in assignment_problems(pairs):
                found.append((self.column("units", data), f"{reason}（R-AS-1）"))
            inactive = [
                self.directory.unit_name(u.unit_id)
                for u in plan.units
                if not self.directory.active(u.unit_id)
            ]
            if inactive:
                found.append((self.column("units", data), f"承办单位已停用：{'、'.join(inactive)}"))
        elif plan.units is not None:
            self.report.warn(
                data.row, self.column("main_units"), "未填写承办单位，导入后须另行交办"
            )
        return found

    def _units(self, data: RowData, problems: list[Problem]) -> list[UnitRole] | None:
        """The row's units and roles; ``None`` when the sheet has no unit columns at all."""
        if not UNIT_FIELDS.keys() & data.present:
            return None
        units = []
        for name, role in UNIT_FIELDS.items():
            for unit_name in data.names(name):
                unit = self.directory.unit(unit_name)
                if unit is not None:
                    units.append(UnitRole(unit_id=unit.id, role=role))
                    continue
                candidates = self.directory.unit_candidates(unit_name)
                reason = f"承办单位“{unit_name}”不存在" + (
                    f"，是否为：{'、'.join(candidates)}？" if candidates else ""
                )
                problems.append(Problem(data.row, self.column(name), reason, candidates))
                self.report.unmatched_unit(unit_name, candidates)
        return units


def _fields(data: RowData) -> dict[str, Any]:
    """The item's fields the sheet gives (a column it lacks is left alone)."""
    fields = {f: data.values.get(f) for f in ITEM_FIELDS if f in data.present}
    for flag in ("secret", "content_consent", "between_sessions"):
        if flag in fields and fields[flag] is None:
            fields[flag] = False
    if "content" in fields and fields["content"] is None:
        fields["content"] = ""
    return fields
