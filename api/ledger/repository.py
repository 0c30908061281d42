"""The ledger's own query (the rest is ``api.items.recorded``): proposers per item, read once."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from api.models import (
    Item,
    ItemProposer,
    Proposer,
)


def proposers(session: Session, in_years: ColumnElement[bool]) -> dict[int, tuple[str | None, int]]:
    names: dict[int, list[tuple[bool, int, str]]] = defaultdict(list)
    for item_id, is_lead, position, name in session.execute(
        select(ItemProposer.item_id, ItemProposer.is_lead, ItemProposer.position, Proposer.name)
        .join(Proposer, Proposer.id == ItemProposer.proposer_id)
        .join(Item, Item.id == ItemProposer.item_id)
        .where(in_years)
    ):
        names[item_id].append((is_lead, position, name))
    return {
        item_id: (
            next((n for lead, _, n in sorted(rows, key=lambda r: r[1]) if lead), None),
            len(rows),
        )
        for item_id, rows in names.items()
    }
