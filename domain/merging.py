"""Merging items into one letter (并案办理答复, R-MG).

A merge group only links the original items: merging never deletes or rewrites an item,
and every merged item keeps its own number, proposers, deadlines and KPI counts (R-MG-3,
R-MG-4). Undoing a merge unlinks them again, until the reply is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from domain.errors import DomainError
from domain.model import ItemKind, Level


@dataclass(frozen=True)
class MergeCandidate:
    """What merging needs to know about one item."""

    item_id: int
    kind: ItemKind
    level: Level
    session_id: int
    number: int
    main_unit_id: int | None
    reply_sent: bool
    merge_group_id: int | None
    secret: bool


@dataclass(frozen=True)
class Refusal:
    """One reason a request is refused, the rule behind it and the items at fault."""

    rule_id: str
    message: str
    item_ids: tuple[int, ...]


def _label(item: MergeCandidate) -> str:
    return f"第{item.number}号{item.kind.label}"


def _labels(items: Sequence[MergeCandidate]) -> str:
    return "、".join(_label(item) for item in items)


def _refuse_if_mixed(
    items: Sequence[MergeCandidate],
    key: Callable[[MergeCandidate], Hashable],
    rule_id: str,
    message: str,
) -> list[Refusal]:
    if len({key(item) for item in items}) < 2:
        return []
    return [Refusal(rule_id, message, tuple(item.item_id for item in items))]


def _mixing_refusals(items: Sequence[MergeCandidate]) -> list[Refusal]:
    """Everything one letter must share: kind, level, session, main unit, secrecy."""
    return [
        *_refuse_if_mixed(items, lambda i: i.kind, "R-MG-2", "代表建议与政协提案不能并案答复"),
        *_refuse_if_mixed(
            items, lambda i: i.level, "R-MG-2", "市级件与县级件答复途径不同，不能并案"
        ),
        *_refuse_if_mixed(
            items,
            lambda i: i.session_id,
            "R-MG-3",
            "并案答复函的标题只能写明一次会议，不同会议的建议提案不能并案",
        ),
        *_refuse_if_mixed(
            [item for item in items if item.main_unit_id is not None],
            lambda i: i.main_unit_id,
            "R-MG-1",
            "并案答复函由一个主办单位答复，主办单位不同的建议提案不能并案",
        ),
        *_refuse_if_mixed(
            items,
            lambda i: i.secret,
            "R-RP-2",
            "涉密件答复不公开，涉密件与非涉密件不能并案",
        ),
    ]


def _item_refusals(items: Sequence[MergeCandidate], group_id: int | None) -> list[Refusal]:
    """What disqualifies an item on its own: no main unit, another group, a sent reply."""
    refusals = []
    unassigned = [item for item in items if item.main_unit_id is None]
    if unassigned:
        message = f"{_labels(unassigned)}没有主办单位，不能并案答复"
        refusals.append(Refusal("R-MG-1", message, tuple(i.item_id for i in unassigned)))
    grouped = [i for i in items if i.merge_group_id is not None and i.merge_group_id != group_id]
    if grouped:
        message = f"{_labels(grouped)}已并入其他并案组，须先撤销原并案"
        refusals.append(Refusal("R-MG-4", message, tuple(i.item_id for i in grouped)))
    replied = [item for item in items if item.reply_sent]
    if replied:
        message = f"{_labels(replied)}已答复，并案须在答复前确定"
        refusals.append(Refusal("R-MG-4", message, tuple(i.item_id for i in replied)))
    return refusals


def merge_refusals(
    items: Sequence[MergeCandidate], *, group_id: int | None = None
) -> list[Refusal]:
    """Every reason the items cannot share one letter; empty when they can (R-MG-1 … R-MG-4).

    ``group_id`` names the group being extended, so its own members are not refused as
    "already merged"; leave it None for a new group.
    """
    distinct = list({item.item_id: item for item in items}.values())
    refusals = []
    if len(distinct) < 2:
        ids = tuple(item.item_id for item in distinct)
        refusals.append(Refusal("R-MG-1", "并案至少需要两件不同的建议或提案", ids))
    return refusals + _mixing_refusals(distinct) + _item_refusals(distinct, group_id)


def validate_merge(items: Sequence[MergeCandidate], *, group_id: int | None = None) -> None:
    """Raise one DomainError naming every reason, under the first reason's rule id."""
    refusals = merge_refusals(items, group_id=group_id)
    if refusals:
        message = "；".join(refusal.message for refusal in refusals)
        raise DomainError(message, rule_id=refusals[0].rule_id, field="item_ids")


def can_undo_merge(*, reply_sent: bool) -> bool:
    """A merge can be undone until its letter has been sent (R-MG-4)."""
    return not reply_sent


def check_undo_merge(*, reply_sent: bool) -> None:
    """Refuse to undo a merge whose reply has gone out (R-MG-4)."""
    if not can_undo_merge(reply_sent=reply_sent):
        raise DomainError(
            "并案答复函已发出，不能撤销并案", rule_id="R-MG-4", field="merge_group_id"
        )
