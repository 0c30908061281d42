"""The second pass of an import: the checked plans written in the one transaction.

New items are written in chunks, as ``create_item`` and ``set_assignments`` write them (same
columns, the lead, the positions, each assignment's main-duty due date from
``domain.deadlines.evaluate`` as ``api.items.deadlines.refresh`` keeps it, the same
``item.assigned`` event for the integration), a flush per chunk instead of several per row:
that is what makes 10,000 rows take seconds, not a minute. ``tests/api/test_imports.py``
compares an imported item, its assignments and its events with one made through the API.
Changes to existing items go through ``update_item`` and ``set_assignments`` themselves,
one SAVEPOINT each, so R-AS-3 and every other rule on changes applies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.calendar.service import current_calendar
from api.errors import ApiError
from api.imports.columns import Problem
from api.imports.directory import Directory
from api.imports.plan import Planner, RowPlan
from api.imports.report import Report
from api.items.deadlines import MAIN_DUTY
from api.items.schemas import ItemUpdate, ProposerLink, UnitRole
from api.items.service import set_assignments, update_item
from api.models import Assignment, CongressSession, Item, ItemProposer
from api.organisation.service import deadline_settings, year_plan
from api.webhooks.events import emit
from domain.deadlines import AssignmentDates, evaluate
from domain.errors import DomainError
from domain.model import Disclosure, Role
from domain.replies import may_publish_reply

CHUNK = 500
Step = Callable[[int], None]


def assigned_payload(item: Item, unit: UnitRole) -> dict[str, object]:
    """What ``set_assignments`` tells the integration of a new assignment (item.assigned)."""
    return {
        "item_id": item.id,
        "number": item.number,
        "kind": item.kind.value,
        "title": item.title,
        "unit_id": unit.unit_id,
        "role": unit.role.value,
    }


class Writer:
    def __init__(
        self, session: Session, congress: CongressSession, planner: Planner, report: Report
    ) -> None:
        self.session, self.congress, self.planner, self.report = session, congress, planner, report
        self.directory: Directory = planner.directory
        calendar = current_calendar(session)
        plan, settings = year_plan(session, congress.year), deadline_settings(session)
        far_future = date(calendar.last_year, 12, 31)  # as refresh() reads the main duty

        @cache
        def main_duty(
            role: Role, secret: bool, first: date | None, second: date | None
        ) -> tuple[date | None, date | None]:
            dates = AssignmentDates(
                role=role,
                publishable=may_publish_reply(secret=secret, disclosure=Disclosure.UNMARKED),
                first_assignment=first,
                second_assignment=second,
            )
            wanted = MAIN_DUTY[role]
            for d in evaluate(calendar, dates, as_of=far_future, plan=plan, settings=settings):
                if d.rule.rule_id == wanted:
                    return d.due, d.done_on
            return None, None

        self._main_duty = main_duty

    def links(self, plan: RowPlan) -> list[ProposerLink]:
        return [
            # built unchecked: 0 (a proposer not yet made) is no row id
            ProposerLink.model_construct(
                proposer_id=self.directory.proposer(name)[0] or 0, is_lead=i == 0
            )
            for i, name in enumerate(plan.names)
        ]

    def make_proposers(self, plans: list[RowPlan]) -> None:
        names = [name for plan in plans for name in plan.names]
        wanted = self.directory.to_make(names)
        if wanted:
            self.directory.make_proposers(self.session, wanted)
            self.report.proposers_made(wanted)

    def create(self, plans: list[RowPlan], step: Step) -> None:
        for start in range(0, len(plans), CHUNK):
            chunk = plans[start : start + CHUNK]
            items = [self._item(plan) for plan in chunk]
            self.session.add_all(items)
            self.session.flush()
            with self.session.no_autoflush:  # the chunk's rows and events go in one flush
                for plan, item in zip(chunk, items, strict=True):
                    self.session.add_all(self._assignments(plan, item))
            self.session.flush()
            for plan, item in zip(chunk, items, strict=True):
                self.report.created(plan.row, item)
            step(len(chunk))

    def _item(self, plan: RowPlan) -> Item:
        links = self.links(plan)
        assert plan.valid is not None  # checked in the first pass, proposers now made
        data = plan.valid.model_copy(update={"proposers": links})
        item = Item(
            session_id=self.congress.id,
            kind=self.congress.kind,
            level=self.congress.level,
            year=self.congress.year,
            **data.model_dump(exclude={"session_id", "proposers", "office_set_due"}),
            office_set_due={},
        )
        item.proposer_links = [
            ItemProposer(
                proposer_id=link.proposer_id, is_lead=link.is_lead or len(links) == 1, position=n
            )
            for n, link in enumerate(links)
        ]
        return item

    def _assignments(self, plan: RowPlan, item: Item) -> list[Assignment]:
        found = []
        for unit in plan.units or ():
            due, done = self._main_duty(
                unit.role, item.secret, item.first_assignment, item.second_assignment
            )
            found.append(
                Assignment(
                    item_id=item.id,
                    unit_id=unit.unit_id,
                    role=unit.role,
                    key_item=False,
                    due_on=due,
                    done_on=done,
                )
            )
            emit(self.session, "item.assigned", assigned_payload(item, unit))
        return found

    def update(self, plan: RowPlan) -> None:
        """A changed item through ``update_item`` / ``set_assignments``; a refusal is a problem."""
        assert plan.existing is not None and plan.changes
        item = plan.existing
        try:
            with self.session.begin_nested():
                update_item(
                    self.session, item, ItemUpdate(proposers=self.links(plan), **plan.fields)
                )
                if plan.units is not None and "承办单位" in plan.changes:
                    set_assignments(self.session, item, plan.units)
        except (ApiError, DomainError) as exc:
            reason = exc.detail if isinstance(exc, ApiError) else exc.message
            self._problem(plan, self.planner.column(exc.field or ""), reason)
            return
        except ValidationError as exc:
            for error in exc.errors():
                self._problem(plan, self.planner.column(str(error["loc"][0])), error["msg"])
            return
        except IntegrityError:
            self._problem(plan, "", "与现有数据冲突（重复或引用不存在的记录）")
            return
        self.report.changed(plan.row, item, plan.changes, applied=True)

    def _problem(self, plan: RowPlan, column: str, reason: str) -> None:
        self.report.problems.append(Problem(plan.row, column, reason))
        assert plan.existing is not None and plan.changes is not None
        self.report.changed(plan.row, plan.existing, plan.changes, applied=False)
