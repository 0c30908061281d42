"""Key items (重点处理) and open-door handling (开门办案), R-KY.

A unit picks 1–2 key items from its own main items (R-KY-1). Items the office picks for
county leaders to supervise (领导领衔督办, R-KY-2) are a separate list: they do not count
toward the unit's 1–2. Both kinds are handled open door (R-KY-3).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import DomainError
from domain.merging import Refusal
from domain.model import ItemKind

MIN_KEY_ITEMS = 1
MAX_KEY_ITEMS = 2


def key_item_refusals(
    unit_id: int, selected_item_ids: Sequence[int], main_item_ids_of_unit: Collection[int]
) -> list[Refusal]:
    """Every reason a unit's choice of key items breaks R-KY-1; empty when it is sound."""
    distinct = tuple(dict.fromkeys(selected_item_ids))
    refusals = []
    if len(distinct) < MIN_KEY_ITEMS:
        refusals.append(Refusal("R-KY-1", "须从本单位主办件中确定1至2件重点处理件", ()))
    if len(distinct) > MAX_KEY_ITEMS:
        message = f"重点处理件为1至2件，本次选了{len(distinct)}件"
        refusals.append(Refusal("R-KY-1", message, distinct))
    repeated = tuple(item for item, n in Counter(selected_item_ids).items() if n > 1)
    if repeated:
        message = f"重复选择了同一件（编号 {_ids(repeated)}）"
        refusals.append(Refusal("R-KY-1", message, repeated))
    foreign = tuple(item for item in distinct if item not in main_item_ids_of_unit)
    if foreign:
        message = f"编号 {_ids(foreign)} 不是本单位（{unit_id}）的主办件，不能确定为重点处理件"
        refusals.append(Refusal("R-KY-1", message, foreign))
    return refusals


def validate_key_items(
    unit_id: int, selected_item_ids: Sequence[int], main_item_ids_of_unit: Collection[int]
) -> None:
    """Raise one DomainError naming every reason the choice breaks R-KY-1."""
    refusals = key_item_refusals(unit_id, selected_item_ids, main_item_ids_of_unit)
    if refusals:
        message = "；".join(refusal.message for refusal in refusals)
        raise DomainError(message, rule_id="R-KY-1", field="item_ids")


def items_handled_open_door(
    unit_key_item_ids: Iterable[int], leader_supervised_item_ids: Iterable[int]
) -> frozenset[int]:
    """A unit's key items and the leader-supervised ones are all handled open door (R-KY-3)."""
    return frozenset(unit_key_item_ids) | frozenset(leader_supervised_item_ids)


def _ids(item_ids: Iterable[int]) -> str:
    return "、".join(str(item_id) for item_id in item_ids)


class OpenDoorActivity(StrEnum):
    """The forms the notice names for an open-door meeting (R-KY-3)."""

    FORUM = "forum"  # 座谈交流
    SITE_VISIT = "site_visit"  # 现场视察

    @property
    def label(self) -> str:
        return {"forum": "座谈交流", "site_visit": "现场视察"}[self.value]


@dataclass(frozen=True)
class OpenDoorRecord:
    """What a unit has done to handle one key item open door (开门办案, R-KY-3)."""

    kind: ItemKind
    written_plan: bool = False  # 书面“开门办案”方案
    proposers_invited: bool = False  # 邀请代表委员
    supervising_body_invited: bool = False  # 邀请人大常委会 / 政协主管部门负责同志
    activity: OpenDoorActivity | None = None
    held_on: dt.date | None = None
    written_record: bool = False  # 书面记录


def open_door_missing(record: OpenDoorRecord) -> list[str]:
    """What open-door handling still lacks, in Chinese; empty when complete (R-KY-3)."""
    body = "人大常委会" if record.kind is ItemKind.SUGGESTION else "政协"
    proposers = "代表" if record.kind is ItemKind.SUGGESTION else "委员（单位）"
    checks = (
        (record.written_plan, "未制定书面“开门办案”方案"),
        (record.proposers_invited, f"未邀请提出{record.kind.label}的{proposers}参加"),
        (record.supervising_body_invited, f"未邀请{body}主管部门负责同志参加"),
        (record.activity is not None, "未开展座谈交流或现场视察"),
        (record.held_on is not None, "未记录座谈交流或现场视察的日期"),
        (record.written_record, "未形成书面记录"),
    )
    return [message for done, message in checks if not done]
