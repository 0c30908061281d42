"""Who and which units a sheet names: units matched by name (with the closest names offered
when none matches), proposers matched by name within the kinds the session allows, or made.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.congress.schemas import ProposerCreate
from api.items.service import ALLOWED_PROPOSERS
from api.models import Proposer, Unit
from domain.model import ItemKind, ProposerKind

_SPACES = re.compile(r"[\s\u3000]+")
_BRACKETS = str.maketrans("（）【】", "()[]")
#: A proposal's proposer named like this is an organisation (党派、团体、界别), not a member.
_ORGANISATION = re.compile(
    r"(民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|工商联|总支|支部|委员会|界别|界$|"
    r"联合会|协会|学会|商会|小组|党组|团体|妇联|共青团|侨联|科协|无党派)"
)


def normalise(name: str) -> str:
    return _SPACES.sub("", name).translate(_BRACKETS)


class Directory:
    """The units and the session's kind of proposers, loaded once per import."""

    def __init__(self, session: Session, kind: ItemKind) -> None:
        self.kind = kind
        self.units = {normalise(u.name): u for u in session.scalars(select(Unit))}
        self._unit_names = [u.name for u in self.units.values()]
        self._by_id = {u.id: u for u in self.units.values()}
        allowed = ALLOWED_PROPOSERS[kind]
        self._proposers: dict[str, list[int]] = defaultdict(list)
        for row in session.execute(
            select(Proposer.id, Proposer.name)
            .where(Proposer.kind.in_(allowed))
            .order_by(Proposer.id)
        ):
            self._proposers[normalise(row.name)].append(row.id)
        self._made: dict[str, int] = {}

    def key(self, name: str) -> str:
        return normalise(name)

    def unit_name(self, unit_id: int) -> str:
        return self._by_id[unit_id].name

    def active(self, unit_id: int) -> bool:
        return self._by_id[unit_id].active

    def unit(self, name: str) -> Unit | None:
        return self.units.get(normalise(name))

    def unit_candidates(self, name: str, n: int = 3) -> list[str]:
        """The closest unit names, best first, for a name that matched none."""
        close = difflib.get_close_matches(name, self._unit_names, n=n, cutoff=0.3)
        if close:
            return close
        scored = sorted(
            self._unit_names,
            key=lambda u: -difflib.SequenceMatcher(None, name, u).ratio(),
        )
        return scored[:n]

    def proposer(self, name: str) -> tuple[int | None, bool]:
        """(id, ambiguous): ``None`` when the proposer is to be made; ambiguous when several
        share the name (the first recorded is used)."""
        key = normalise(name)
        found = self._proposers.get(key)
        if found:
            return found[0], len(found) > 1
        return self._made.get(key), False

    def new_proposer_kind(self, name: str) -> ProposerKind:
        if self.kind is ItemKind.SUGGESTION:
            return ProposerKind.DEPUTY
        return ProposerKind.ORGANISATION if _ORGANISATION.search(name) else ProposerKind.MEMBER

    def to_make(self, names: list[str]) -> dict[str, ProposerKind]:
        """The names no proposer answers to yet, each with the kind it will be made as."""
        return {
            normalise(n): self.new_proposer_kind(n) for n in names if self.proposer(n)[0] is None
        }

    def make_proposers(self, session: Session, names: dict[str, ProposerKind]) -> None:
        """The sheet's new proposers, made in one flush (validated as the API validates)."""
        rows = [
            Proposer(**ProposerCreate(name=name, kind=kind).model_dump())
            for name, kind in names.items()
        ]
        session.add_all(rows)
        session.flush()
        self._made.update({row.name: row.id for row in rows})
