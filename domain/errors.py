"""Domain errors: every refusal names the rule that refuses it."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused something.

    ``rule_id`` cites RULES.md (``R-MG-2``); ``field`` names the input at fault, when one is;
    ``message`` is Simplified Chinese, written for the office staff who will read it.
    """

    def __init__(self, message: str, *, rule_id: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.rule_id = rule_id
        self.field = field

    def __repr__(self) -> str:
        return f"DomainError({self.message!r}, rule_id={self.rule_id!r}, field={self.field!r})"
