"""An import's report: every problem as row, column and reason; what would be (or was)
created, changed or left alone; proposers made; unit names that matched nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from api.congress.routes import session_ref
from api.imports.columns import Header, Problem
from api.models import CongressSession, Item
from domain.model import ProposerKind
from domain.replies import session_name

if TYPE_CHECKING:
    from api.imports.service import ImportOptions


class Report:
    def __init__(
        self, header: Header, options: ImportOptions, congress: CongressSession, rows: int
    ) -> None:
        self.header, self.options, self.rows = header, options, rows
        self.session_name = session_name(session_ref(congress))
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self._created: list[dict[str, Any]] = []
        self._changed: list[dict[str, Any]] = []
        self._unchanged: list[dict[str, Any]] = []
        self._proposers: dict[str, str] = {}
        self._unmatched: dict[str, list[str]] = {}

    def warn(self, row: int, column: str, reason: str) -> None:
        self.warnings.append(Problem(row, column, reason))

    def created(self, row: int, item: Item) -> None:
        self._created.append({"row": row, "number": item.number, "title": item.title})

    def unchanged(self, row: int, item: Item) -> None:
        self._unchanged.append({"row": row, "number": item.number, "item_id": item.id})

    def changed(self, row: int, item: Item, changes: dict[str, Any], *, applied: bool) -> None:
        self._changed.append(
            {
                "row": row,
                "number": item.number,
                "item_id": item.id,
                "changes": changes,
                "applied": applied,
            }
        )

    def proposers_made(self, made: dict[str, ProposerKind]) -> None:
        for name, kind in made.items():
            self._proposers.setdefault(name, kind.value)

    def unmatched_unit(self, name: str, candidates: list[str]) -> None:
        self._unmatched.setdefault(name, candidates)

    def as_dict(self) -> dict[str, Any]:
        ok = not self.problems
        return {
            "filename": self.options.filename,
            "session_id": self.options.session_id,
            "session_name": self.session_name,
            "dry_run": self.options.dry_run,
            "update_existing": self.options.update_existing,
            "header_row": self.header.row,
            "columns": dict(self.header.titles),
            "ignored_columns": list(self.header.ignored),
            "ok": ok,
            "committed": ok and not self.options.dry_run,
            "summary": {
                "rows": self.rows,
                "create": len(self._created),
                "change": len(self._changed),
                "unchanged": len(self._unchanged),
                "proposers_created": len(self._proposers),
                "problems": len(self.problems),
                "warnings": len(self.warnings),
            },
            "problems": [p.as_dict() for p in self.problems],
            "warnings": [w.as_dict() for w in self.warnings],
            "created": self._created,
            "changed": self._changed,
            "unchanged": self._unchanged,
            "proposers_created": [{"name": n, "kind": k} for n, k in self._proposers.items()],
            "unmatched_units": self._unmatched,
        }
