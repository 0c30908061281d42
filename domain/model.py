"""The shared vocabulary of the domain: kinds, levels, roles and the small value types.

Values are frozen dataclasses and string enums, so they compare by value, hash, and
serialise to JSON as their ``value``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    """建议 (a deputies' suggestion) or 提案 (a CPPCC proposal)."""

    SUGGESTION = "suggestion"  # 代表建议
    PROPOSAL = "proposal"  # 政协提案

    @property
    def label(self) -> str:
        return {"suggestion": "建议", "proposal": "提案"}[self.value]


class Level(StrEnum):
    """Whose congress raised the item: the city's or the county's (R-RP-4)."""

    CITY = "city"  # 市级
    COUNTY = "county"  # 县级

    @property
    def label(self) -> str:
        return {"city": "市级", "county": "县级"}[self.value]


class Role(StrEnum):
    """A unit's part in one item (R-AS-1)."""

    MAIN = "main"  # 主办
    CO = "co"  # 会办
    SPLIT = "split"  # 分办

    @property
    def label(self) -> str:
        return {"main": "主办", "co": "会办", "split": "分办"}[self.value]

    @property
    def replies(self) -> bool:
        """Main and split units reply to the proposers; co-units send opinions (R-RP-4)."""
        return self is not Role.CO


class ProposerKind(StrEnum):
    DEPUTY = "deputy"  # 人大代表
    MEMBER = "member"  # 政协委员
    ORGANISATION = "organisation"  # 党派、团体、界别

    @property
    def form_of_address(self) -> str:
        """The word after a person's name in a salutation (张三代表：); none for organisations."""
        return {"deputy": "代表", "member": "委员", "organisation": ""}[self.value]


class ReplyClass(StrEnum):
    """办理结果类别, printed above the document number (R-RP-1)."""

    A = "A"  # 得到解决 / 予以采纳
    B = "B"  # 列入计划拟解决 / 拟采纳
    C = "C"  # 作出说明解释 / 工作中参考

    @property
    def label(self) -> str:
        return f"{self.value}类"

    @property
    def meaning(self) -> str:
        return {
            "A": "提出问题得到解决、意见建议予以采纳",
            "B": "提出问题列入计划拟解决、意见建议拟采纳",
            "C": "对提出问题作出说明解释或工作中参考",
        }[self.value]


class Disclosure(StrEnum):
    """是否同意公开, marked top right of a reply's first page (R-RP-2)."""

    AGREE = "agree"  # 同意公开
    DISAGREE = "disagree"  # 不同意公开
    UNMARKED = "unmarked"  # 未作标注: counts as agree

    @property
    def label(self) -> str:
        return {
            "agree": "同意公开",
            "disagree": "不同意公开",
            "unmarked": "未标注（视作同意公开）",
        }[self.value]


class VisitMode(StrEnum):
    """How a unit contacted a proposer (R-VS-1)."""

    FACE_TO_FACE = "face_to_face"  # 面对面
    PHONE = "phone"  # 电话
    WECHAT = "wechat"  # 微信
    VIDEO = "video"  # 视频

    @property
    def label(self) -> str:
        return {"face_to_face": "面对面", "phone": "电话", "wechat": "微信", "video": "视频"}[
            self.value
        ]


class Satisfaction(StrEnum):
    """The overall verdict on a feedback form (R-FB-1)."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意

    @property
    def label(self) -> str:
        return {"satisfied": "满意", "basically_satisfied": "基本满意", "dissatisfied": "不满意"}[
            self.value
        ]

    @property
    def counts_as_satisfied(self) -> bool:
        """R-KPI-5 counts 满意 and 基本满意."""
        return self is not Satisfaction.DISSATISFIED


@dataclass(frozen=True)
class Proposer:
    """A deputy, a member or an organisation who raised an item; ``is_lead`` marks 领衔."""

    id: int
    name: str
    kind: ProposerKind
    is_lead: bool = False


@dataclass(frozen=True)
class SessionRef:
    """A congress session as a letter heading names it (R-RP-7).

    ``body_name`` is configuration, not code: 魏县 / 邯郸市 …; ``term`` and ``meeting`` are
    the ordinal numbers of 第十届 … 第三次会议.
    """

    kind: ItemKind
    level: Level
    body_name: str
    term: int
    meeting: int
