"""The office enters or corrects a year's arrangement (R-DL-13); deadlines that depended on
it are recomputed at once and each affected item's timeline says so (R-DL-12)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api import audit
from api.calendar.service import current_calendar, forget_calendar
from api.items import deadlines as item_deadlines
from api.items.recorded import Recorded
from api.models import Assignment, CalendarOverride, Item
from domain.calendar import Source, WorkCalendar, YearArrangement


def _dues(
    session: Session,
    calendar: WorkCalendar,
    items: list[Item],
    assigned: dict[int, list[Assignment]],
    recorded: Recorded,
) -> dict[tuple[int, str], date | None]:
    far = date(calendar.last_year, 12, 31)
    dues: dict[tuple[int, str], date | None] = {}
    for item in items:
        found = item_deadlines.deadlines_of_item(
            session, item, assigned[item.id], far, recorded, calendar
        )
        for assignment_id, deadlines in found.items():
            for d in deadlines:
                dues[(assignment_id, d.rule.rule_id)] = d.due
    return dues


def _recompute(session: Session, year: int, before: WorkCalendar, reason: str) -> int:
    """Refreshes the items whose deadlines may fall in ``year``; returns how many changed."""
    in_years = Item.year.in_([year - 1, year])
    items = list(session.scalars(select(Item).where(in_years)))
    assigned: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in session.scalars(
        select(Assignment).join(Item, Item.id == Assignment.item_id).where(in_years)
    ):
        assigned[assignment.item_id].append(assignment)
    recorded = Recorded.load(session, in_years)  # the recompute changes no recorded event
    old = _dues(session, before, items, assigned, recorded)
    new = _dues(session, current_calendar(session), items, assigned, recorded)
    changed_items = 0
    for item in items:
        ids = {a.id for a in assigned[item.id]}
        changes = {
            f"{rule}@{aid}": {"old": _iso(old.get((aid, rule))), "new": _iso(due)}
            for (aid, rule), due in new.items()
            if aid in ids and old.get((aid, rule)) != due
        }
        if changes:
            changed_items += 1
            item_deadlines.refresh(session, item, recorded)
            audit.record(
                session,
                "recompute",
                "calendar",
                str(year),
                item_id=item.id,
                changes={"reason": reason, **changes},
            )
    return changed_items


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def set_arrangement(
    session: Session,
    year: int,
    days_off: dict[date, str],
    workdays: dict[date, str],
    source_note: str | None,
) -> int:
    """Validates by the domain, stores, recomputes; returns the number of items affected."""
    YearArrangement(year, days_off, workdays, Source.OVERRIDE, published=True)
    before = current_calendar(session)
    row = session.get(CalendarOverride, year)
    stored_off = {d.isoformat(): n for d, n in sorted(days_off.items())}
    stored_work = {d.isoformat(): n for d, n in sorted(workdays.items())}
    if row is None:
        session.add(
            CalendarOverride(
                year=year, days_off=stored_off, workdays=stored_work, source_note=source_note
            )
        )
    else:
        row.days_off, row.workdays, row.source_note = stored_off, stored_work, source_note
    session.flush()
    forget_calendar(session)
    return _recompute(session, year, before, f"{year}年放假安排已由办公室录入或更正")


def clear_arrangement(session: Session, year: int) -> int:
    """Back to the package's arrangement for ``year``."""
    row = session.get(CalendarOverride, year)
    if row is None:
        return 0
    before = current_calendar(session)
    session.delete(row)
    session.flush()
    forget_calendar(session)
    return _recompute(session, year, before, f"{year}年放假安排恢复为默认（holidays 软件包）")
