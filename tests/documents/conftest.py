"""Realistic sample data for the documents: 魏县's 第十届人大/政协第三次会议 and 邯郸市 items.

- a joint suggestion of three deputies (R-RP-3), answered with two co-units (R-RP-6);
- a joint proposal (lead 李四) and one from an organisation, 民盟魏县总支;
- a merged reply to suggestions 15 and 16 (R-MG-3);
- city items (邯郸市) and co-opinions for attachments 3, 4, 7, 8;
- forms 1, 2, 11–14 with a year plan and configured contacts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from api.documents import (
    BreakdownForm,
    FeedbackForm,
    FormContacts,
    ItemRef,
    KeyItemForm,
    LookbackForm,
    LookbackRow,
    ReplyLetterData,
    ResponsibilityRow,
    VisitCard,
)
from domain.deadlines import YearPlan
from domain.model import (
    Disclosure,
    ItemKind,
    Level,
    Proposer,
    ProposerKind,
    ReplyClass,
    Role,
    Satisfaction,
    SessionRef,
    VisitMode,
)
from domain.replies import Bodies, LetterType

SUGGESTION, PROPOSAL = ItemKind.SUGGESTION, ItemKind.PROPOSAL
REPLY, CO_OPINION = LetterType.REPLY, LetterType.CO_OPINION

COUNTY_NPC = SessionRef(SUGGESTION, Level.COUNTY, "魏县", term=10, meeting=3)
COUNTY_CPPCC = SessionRef(PROPOSAL, Level.COUNTY, "魏县", term=10, meeting=3)
CITY_NPC = SessionRef(SUGGESTION, Level.CITY, "邯郸市", term=10, meeting=3)
CITY_CPPCC = SessionRef(PROPOSAL, Level.CITY, "邯郸市", term=10, meeting=3)

ZHANG = Proposer(1, "张三", ProposerKind.DEPUTY, is_lead=True)
LIHONG = Proposer(2, "李红", ProposerKind.DEPUTY)
ZHAO = Proposer(3, "赵六", ProposerKind.DEPUTY)
SUN = Proposer(4, "孙八", ProposerKind.DEPUTY, is_lead=True)
LI = Proposer(5, "李四", ProposerKind.MEMBER, is_lead=True)
QIAN = Proposer(6, "钱七", ProposerKind.MEMBER)
MINMENG = Proposer(7, "民盟魏县总支", ProposerKind.ORGANISATION, is_lead=True)
ZHOU = Proposer(8, "周九", ProposerKind.DEPUTY, is_lead=True)
WU = Proposer(9, "吴十", ProposerKind.MEMBER, is_lead=True)

ROADS = ItemRef(15, "关于改善城区道路交通状况的建议", (ZHANG, LIHONG, ZHAO))
PARKING = ItemRef(16, "关于整治城区停车秩序的建议", (SUN,))
TEACHERS = ItemRef(8, "关于加强乡村教师队伍建设的提案", (LI, QIAN))
INDUSTRY = ItemRef(9, "关于发展县域特色产业的提案", (MINMENG,))
CITY_BRIDGE = ItemRef(203, "关于加快漳河大桥建设的建议", (ZHOU,))
CITY_WATER = ItemRef(117, "关于保障农村饮水安全的提案", (WU,))

COUNTY_BODIES = Bodies(
    npc_personnel_committee="县人大常委会选举任免代表工作委员会",
    government_office="县政府办公室",
    cppcc_proposals_committee="县政协提案委员会",
)
CITY_BODIES = Bodies(
    npc_personnel_committee="市人大常委会选举任免代表工作委员会",
    government_office="市政府办公室",
    cppcc_proposals_committee="市政协提案委员会",
)
CONTACTS = FormContacts(
    supervision_office="县政府督查室",
    supervision_phone="3519359",
    supervision_email="hongmeng2468@163.com",
    npc_feedback_office="县人大选任工委",
    npc_feedback_phone="3511920",
    cppcc_feedback_office="县政协提案委",
    cppcc_feedback_phone="3520411",
    notice_title="魏县人民政府办公室关于做好2024年人大代表建议政协提案办理工作的通知",
)
BODY = (
    "一、基本情况",
    "城区现有主次干道42条，总长86公里。近年来，我局会同有关部门持续推进道路改造。",
    "二、下一步工作",
    "（一）加快改造。年内完成新华街、建设路两条道路的拓宽改造。",
    "（二）完善设施。增设交通信号灯12处，施划停车泊位600个。",
    "感谢您对交通运输工作的关心和支持。",
)


def letter(
    items: tuple[ItemRef, ...] = (ROADS,),
    session: SessionRef = COUNTY_NPC,
    letter_type: LetterType = REPLY,
    **changes: Any,
) -> ReplyLetterData:
    """A complete letter of 县交通运输局; ``changes`` override any field."""
    data = ReplyLetterData(
        letter_type=letter_type,
        session=session,
        items=items,
        unit_name="县交通运输局",
        letterhead="魏县交通运输局",
        document_number="魏交函〔2024〕15号",
        reply_class=ReplyClass.A,
        disclosure=Disclosure.AGREE,
        body=BODY,
        date=dt.date(2024, 5, 6),
        signing_leader="刘建国",
        contact_person="王强",
        contact_phone="0310-3522101",
        bodies=CITY_BODIES if session.level is Level.CITY else COUNTY_BODIES,
        co_units=("县财政局", "县住房和城乡建设局"),
        main_unit="县住房和城乡建设局" if letter_type is CO_OPINION else None,
    )
    return replace(data, **changes)


# one letter per attachment 3–10, in the notice's order
LETTERS_BY_ATTACHMENT: dict[int, ReplyLetterData] = {
    3: letter((CITY_BRIDGE,), CITY_NPC, CO_OPINION),
    4: letter((CITY_WATER,), CITY_CPPCC, CO_OPINION),
    5: letter((CITY_BRIDGE,), CITY_NPC),
    6: letter((CITY_WATER,), CITY_CPPCC),
    7: letter((ROADS,), COUNTY_NPC, CO_OPINION),
    8: letter((TEACHERS,), COUNTY_CPPCC, CO_OPINION),
    9: letter((ROADS,), COUNTY_NPC),
    10: letter((INDUSTRY,), COUNTY_CPPCC),
}


def responsibility(session: SessionRef, item: ItemRef) -> ResponsibilityRow:
    return ResponsibilityRow(
        session, item.number, item.title, "刘建国", "公路管理股", "王强", "0310-3522101"
    )


def lookback_row(item: ItemRef, reply_class: ReplyClass, progress: bool | None) -> LookbackRow:
    return LookbackRow(
        COUNTY_NPC if item.title.endswith("建议") else COUNTY_CPPCC,
        item.number,
        item.title,
        Role.MAIN,
        reply_class,
        "新华街改造已列入年度计划" if reply_class is ReplyClass.B else "道路已完成拓宽",
        progress,
        "已完成招标，8月开工" if progress else "",
    )


def forms(plan: YearPlan, contacts: FormContacts = CONTACTS) -> dict[int, Any]:
    """One filled form per attachment 1, 2, 11–14 for the plan's year."""
    year = plan.year
    return {
        1: BreakdownForm(
            "魏县交通运输局", ZHANG, (responsibility(COUNTY_NPC, ROADS),),
            dt.date(year, 4, 20), contacts,
        ),
        2: KeyItemForm(
            "魏县交通运输局",
            (responsibility(COUNTY_NPC, ROADS), responsibility(COUNTY_CPPCC, TEACHERS)),
            dt.date(year, 4, 22), contacts,
        ),
        11: FeedbackForm(
            "魏县交通运输局", COUNTY_NPC, 15, ROADS.title, contacts,
            Satisfaction.BASICALLY_SATISFIED, "态度诚恳", "希望加快进度", wants_talk=True,
        ),
        12: FeedbackForm("魏县交通运输局", COUNTY_CPPCC, 8, TEACHERS.title, contacts),
        13: VisitCard(
            "魏县交通运输局", dt.date(year, 6, 12), ZHANG, COUNTY_NPC, 15, ROADS.title,
            VisitMode.FACE_TO_FACE, "魏县交通运输局三楼会议室", plan, contacts,
            "满意", "建议同步改造排水管网",
        ),
        14: LookbackForm(
            "魏县交通运输局", dt.date(year, 12, 10),
            (lookback_row(ROADS, ReplyClass.A, True), lookback_row(PARKING, ReplyClass.B, False)),
            plan, contacts,
        ),
    }  # fmt: skip


@pytest.fixture
def make_letter() -> Callable[..., ReplyLetterData]:
    return letter


@pytest.fixture(scope="session")
def plan() -> YearPlan:
    return YearPlan.default(2024)
