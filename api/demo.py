"""The demo county: about 40 units and 300 items in every state, for trying every screen.

Built straight through the models (fast) but with the domain's rules: assignments valid by
R-AS-1, replies in the standard format, visits of the lead only, deadlines refreshed by the
domain. Deterministic for a given seed and "today".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.security import hash_password, new_password
from api.calendar.service import current_calendar
from api.demo_data import (
    DEPARTMENTS,
    GIVEN,
    ORGANISATIONS,
    SUBDISTRICTS,
    SURNAMES,
    TOPICS,
    TOWNSHIPS,
)
from api.items import deadlines as item_deadlines
from api.models import (
    Assignment,
    Breakdown,
    CongressSession,
    CoOpinion,
    FeedbackForm,
    Item,
    ItemProposer,
    LookBack,
    MergeGroup,
    OpenDoorRecord,
    Proposer,
    Referral,
    Reply,
    ReplyStatus,
    SupervisionKind,
    SupervisionMeans,
    SupervisionRecord,
    Unit,
    UnitKind,
    User,
    UserRole,
    Visit,
    YearPlan,
)
from domain.model import (
    Disclosure,
    ItemKind,
    Level,
    ProposerKind,
    ReplyClass,
    Role,
    Satisfaction,
    VisitMode,
)


@dataclass
class Demo:
    session: Session
    today: date
    rng: random.Random
    units: list[Unit] = field(default_factory=list)
    by_topic: dict[str, Unit] = field(default_factory=dict)
    people: dict[ProposerKind, list[Proposer]] = field(default_factory=dict)
    serial: dict[int, int] = field(default_factory=dict)

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, 2))

    def phone(self) -> str:
        return f"1{self.rng.choice('358')}{self.rng.randrange(10**8, 10**9)}"


def _units(d: Demo) -> None:
    rows: list[tuple[str, UnitKind, str | None, str | None]]
    rows = [(n, UnitKind.TOWNSHIP, None, None) for n in TOWNSHIPS]
    rows += [(n, UnitKind.SUBDISTRICT, None, None) for n in SUBDISTRICTS]
    rows += [(n, UnitKind.DEPARTMENT, code, topic) for n, code, topic in DEPARTMENTS]
    for i, (name, kind, code, topic) in enumerate(rows):
        unit = Unit(
            name=name,
            kind=kind,
            issuer_code=code or f"{name[:2]}政函",
            leader_in_charge=d.name(),
            contact_person=d.name(),
            contact_phone=f"0310-35{19000 + i * 7:05d}",
            active=True,
        )
        d.session.add(unit)
        d.units.append(unit)
        if topic:
            d.by_topic[topic] = unit
    d.session.flush()


def _people(d: Demo) -> None:
    for kind, count in ((ProposerKind.DEPUTY, 120), (ProposerKind.MEMBER, 80)):
        d.people[kind] = [
            Proposer(
                name=d.name(),
                kind=kind,
                phone=d.phone(),
                affiliation=d.rng.choice(TOWNSHIPS) + "代表团"
                if kind is ProposerKind.DEPUTY
                else "界别委员",
            )
            for _ in range(count)
        ]
    d.people[ProposerKind.ORGANISATION] = [
        Proposer(name=n, kind=ProposerKind.ORGANISATION) for n in ORGANISATIONS
    ]
    for group in d.people.values():
        d.session.add_all(group)
    d.session.flush()


def _sessions(d: Demo, year: int) -> dict[tuple[ItemKind, Level, int], CongressSession]:
    found = {}
    for y, meeting in ((year - 1, 4), (year, 5)):
        for kind in ItemKind:
            for level, body in ((Level.COUNTY, "魏县"), (Level.CITY, "邯郸市")):
                row = CongressSession(
                    kind=kind, level=level, body_name=body, term=10, meeting=meeting, year=y
                )
                d.session.add(row)
                found[(kind, level, y)] = row
    d.session.flush()
    return found


def _proposers(d: Demo, kind: ItemKind) -> list[Proposer]:
    if kind is ItemKind.SUGGESTION:
        return d.rng.sample(d.people[ProposerKind.DEPUTY], d.rng.choice([1, 1, 1, 2, 3, 4]))
    if d.rng.random() < 0.1:
        return [d.rng.choice(d.people[ProposerKind.ORGANISATION])]
    return d.rng.sample(d.people[ProposerKind.MEMBER], d.rng.choice([1, 1, 1, 2, 3]))


def _item(d: Demo, congress: CongressSession, number: int, assigned: date) -> Item:
    topic = d.rng.choice(list(TOPICS))
    place = d.rng.choice(TOWNSHIPS)
    subject = d.rng.choice(TOPICS[topic]).format(place=place)
    item = Item(
        session_id=congress.id,
        number=number,
        kind=congress.kind,
        level=congress.level,
        year=congress.year,
        title=f"关于{subject}的{congress.kind.label}",
        topic=topic,
        content=f"{place}群众反映……建议{subject}。",
        secret=d.rng.random() < 0.01,
        content_consent=d.rng.random() < 0.7,
        first_assignment=assigned - timedelta(days=14),
        second_assignment=assigned,
    )
    people = _proposers(d, congress.kind)
    item.proposer_links = [
        ItemProposer(proposer_id=p.id, is_lead=i == 0, position=i) for i, p in enumerate(people)
    ]
    d.session.add(item)
    d.session.flush()
    main = (
        d.by_topic[topic]
        if "{place}" not in subject or d.rng.random() < 0.5
        else next(u for u in d.units if u.name == place)
    )
    others = [u for u in d.units if u.id != main.id]
    roles = [(main, Role.MAIN)]
    if d.rng.random() < 0.05:
        roles = [(main, Role.SPLIT), (d.rng.choice(others), Role.SPLIT)]
    if d.rng.random() < 0.3:
        roles.append((d.rng.choice([u for u in others if u not in dict(roles)]), Role.CO))
    for unit, role in roles:
        d.session.add(Assignment(item_id=item.id, unit_id=unit.id, role=role, key_item=False))
    d.session.flush()
    return item


def _reply(d: Demo, item: Item, assignment: Assignment, unit: Unit, outcome: str) -> None:
    due = assignment.due_on or (item.second_assignment or d.today) + timedelta(days=90)
    late = outcome == "late"
    sent_on = (
        due + timedelta(days=d.rng.randint(1, 20))
        if late
        else ((item.second_assignment or d.today) + timedelta(days=d.rng.randint(25, 85)))
    )
    sent_on = min(sent_on, d.today - timedelta(days=1))
    d.serial[unit.id] = d.serial.get(unit.id, 0) + 1
    status = {
        "draft": ReplyStatus.DRAFT,
        "submitted": ReplyStatus.SUBMITTED,
        "returned": ReplyStatus.RETURNED,
        "approved": ReplyStatus.APPROVED,
    }.get(outcome, ReplyStatus.SENT)
    reply_class = d.rng.choices(list(ReplyClass), [55, 30, 15])[0]
    disclosure = Disclosure.DISAGREE if d.rng.random() < 0.05 else Disclosure.UNMARKED
    sent = status is ReplyStatus.SENT
    published = None
    if sent and disclosure is not Disclosure.DISAGREE and not item.secret and d.rng.random() < 0.9:
        published = sent_on + timedelta(days=d.rng.choice([1, 2, 3, 4, 5, 6, 6, 9]))
    reply = Reply(
        assignment_id=assignment.id,
        merge_group_id=item.merge_group_id,
        status=status,
        reply_class=reply_class,
        disclosure=disclosure,
        document_number=f"{unit.issuer_code}〔{item.year}〕{d.serial[unit.id]}号",
        body=f"经研究，现就{item.title[2:-3]}答复如下：一、基本情况……二、下一步工作……",
        letter_date=sent_on - timedelta(days=1) if sent else None,
        signing_leader=unit.leader_in_charge,
        contact_person=unit.contact_person,
        contact_phone=unit.contact_phone,
        sent_on=sent_on if sent else None,
        format_ok=True if sent else None,
        published_on=published if published and published <= d.today else None,
        published_url=f"https://www.weixian.gov.cn/jyta/{item.year}/{item.id}.html"
        if published and published <= d.today
        else None,
        signed_at=datetime.now(UTC) if status is not ReplyStatus.DRAFT else None,
    )
    d.session.add(reply)
    if sent:
        _after_reply(d, item, assignment, unit, reply_class, sent_on)


def _after_reply(
    d: Demo, item: Item, assignment: Assignment, unit: Unit, reply_class: ReplyClass, sent_on: date
) -> None:
    lead = next(link.proposer_id for link in item.proposer_links if link.is_lead)
    if d.rng.random() < 0.97:
        mode = d.rng.choices(list(VisitMode), [75, 15, 7, 3])[0]
        visited = min(sent_on + timedelta(days=d.rng.randint(1, 20)), d.today)
        d.session.add(
            Visit(
                item_id=item.id,
                unit_id=unit.id,
                proposer_id=lead,
                mode=mode,
                visited_on=visited,
                place=f"{unit.name}会议室",
                visitors=f"{unit.leader_in_charge}、{unit.contact_person}",
                attitude_comment="态度认真",
                result_comment="基本满意",
                submitted_on=visited + timedelta(days=3),
            )
        )
    voters = (
        [link.proposer_id for link in item.proposer_links]
        if (item.kind is ItemKind.SUGGESTION)
        else [lead]
    )
    for proposer_id in voters:
        if d.rng.random() < 0.2:
            continue
        verdict = d.rng.choices(list(Satisfaction), [70, 22, 8])[0]
        received = min(sent_on + timedelta(days=d.rng.randint(3, 14)), d.today)
        form = FeedbackForm(
            item_id=item.id,
            unit_id=unit.id,
            proposer_id=proposer_id,
            form_seq=1,
            received_on=received,
            satisfaction=verdict,
            attitude_comment="好",
            result_comment="希望继续跟进",
        )
        d.session.add(form)
        d.session.flush()
        if verdict is Satisfaction.DISSATISFIED:
            referred = min(received + timedelta(days=3), d.today)
            done = d.rng.random() < 0.5
            d.session.add(
                Referral(
                    feedback_id=form.id,
                    item_id=item.id,
                    unit_id=unit.id,
                    referred_on=referred,
                    face_to_face_on=referred + timedelta(days=5) if done else None,
                    written_reply_on=referred + timedelta(days=12) if done else None,
                    summary="已当面沟通并书面反馈" if done else None,
                )
            )
    if assignment.role is Role.MAIN and (item.year < d.today.year or d.rng.random() < 0.3):
        d.session.add(
            LookBack(
                assignment_id=assignment.id,
                checked_on=min(sent_on + timedelta(days=60), d.today),
                progress=reply_class is not ReplyClass.C,
                details="已落实" if reply_class is ReplyClass.A else "正在推进",
                filed_on=min(sent_on + timedelta(days=65), d.today),
            )
        )


OUTCOMES = ["sent"] * 88 + ["late"] * 7 + ["overdue"] * 5
IN_PROGRESS = ["none", "draft", "submitted", "returned", "approved", "sent"]
ACCOUNTS = [
    ("admin", "办公室管理员", UserRole.OFFICE_ADMIN, None, True),
    ("office", "督查室工作人员", UserRole.OFFICE_STAFF, None, False),
    ("auditor", "审计员", UserRole.AUDITOR, None, False),
    ("npc", "人大选任工委联络员", UserRole.NPC_LIAISON, None, False),
    ("cppcc", "政协提案委联络员", UserRole.CPPCC_LIAISON, None, False),
    ("jt_handler", "交通局经办人", UserRole.UNIT_HANDLER, "县交通运输局", False),
    ("jt_leader", "交通局分管领导", UserRole.UNIT_LEADER, "县交通运输局", False),
    ("jy_handler", "教体局经办人", UserRole.UNIT_HANDLER, "县教育体育局", False),
    ("jy_leader", "教体局分管领导", UserRole.UNIT_LEADER, "县教育体育局", False),
    ("wc_handler", "魏城镇经办人", UserRole.UNIT_HANDLER, "魏城镇", False),
    ("wc_leader", "魏城镇分管领导", UserRole.UNIT_LEADER, "魏城镇", False),
]


def _make_items(
    d: Demo, sessions: dict[tuple[ItemKind, Level, int], CongressSession], year: int
) -> list[Item]:
    items = []
    plan = {
        (ItemKind.SUGGESTION, Level.COUNTY): 110,
        (ItemKind.PROPOSAL, Level.COUNTY): 80,
        (ItemKind.SUGGESTION, Level.CITY): 25,
        (ItemKind.PROPOSAL, Level.CITY): 15,
    }
    for (kind, level), count in plan.items():
        for number in range(1, count + 1):
            items.append(_item(d, sessions[(kind, level, year)], number, date(year, 3, 20)))
    for number in range(1, 41):
        kind = ItemKind.SUGGESTION if number % 2 else ItemKind.PROPOSAL
        items.append(
            _item(d, sessions[(kind, Level.COUNTY, year - 1)], number, date(year - 1, 3, 22))
        )
    for number in range(111, 131):  # 闭会期间交办 (R-DL-10)
        item = _item(
            d,
            sessions[(ItemKind.SUGGESTION, Level.COUNTY, year)],
            number,
            d.today - timedelta(days=d.rng.randint(3, 40)),
        )
        item.between_sessions = True
        assigned = item.second_assignment or d.today
        item.office_set_due = {
            "R-DL-4": (assigned + timedelta(days=d.rng.randint(35, 75))).isoformat()
        }
        items.append(item)
    return items


def _merge_some(d: Demo, items: list[Item]) -> None:
    """Three groups of two county suggestions with the same main unit (R-MG-1)."""
    by_unit: dict[tuple[int, int], list[Item]] = {}
    for item in items:
        if item.kind is ItemKind.SUGGESTION and item.level is Level.COUNTY and not item.secret:
            roles = list(d.session.scalars(select(Assignment).filter_by(item_id=item.id)))
            mains = [a.unit_id for a in roles if a.role is Role.MAIN]
            if mains and not item.between_sessions:
                by_unit.setdefault((item.session_id, mains[0]), []).append(item)
    pairs = [group[:2] for group in by_unit.values() if len(group) >= 2][:3]
    for pair in pairs:
        main = d.session.scalar(
            select(Assignment.unit_id).filter_by(item_id=pair[0].id, role=Role.MAIN)
        )
        group = MergeGroup(
            kind=pair[0].kind,
            session_id=pair[0].session_id,
            main_unit_id=main,
            reason="内容相近，并案办理",
        )
        d.session.add(group)
        d.session.flush()
        for item in pair:
            item.merge_group_id = group.id


def _unit_work(d: Demo, items: list[Item]) -> None:
    units = {u.id: u for u in d.units}
    answered_groups: set[int] = set()
    calendar = current_calendar(d.session)
    for item in items:
        item_deadlines.refresh(d.session, item)
        for a in d.session.scalars(select(Assignment).filter_by(item_id=item.id)):
            unit = units[a.unit_id]
            if a.role is Role.CO:
                delivered = (item.second_assignment or d.today) + timedelta(
                    days=d.rng.randint(10, 40)
                )
                if delivered < d.today:
                    a.co_opinion_delivered = delivered
                    d.session.add(
                        CoOpinion(
                            assignment_id=a.id,
                            body="我单位意见如下……",
                            disclosure=Disclosure.UNMARKED,
                            delivered_on=delivered,
                            sent_to_office_on=delivered,
                            signing_leader=unit.leader_in_charge,
                        )
                    )
                continue
            start = item.second_assignment or d.today
            due = calendar.add_working_days(start, 15)
            delivered = due - timedelta(days=d.rng.randint(-3, 10))
            if delivered < d.today:
                for link in item.proposer_links:
                    d.session.add(
                        Breakdown(
                            assignment_id=a.id,
                            proposer_id=link.proposer_id,
                            leader_in_charge=unit.leader_in_charge or "",
                            handling_office="办公室",
                            contact_person=unit.contact_person or "",
                            contact_phone=unit.contact_phone or "",
                            delivered_on=delivered,
                        )
                    )
                a.breakdown_delivered = delivered
            if item.merge_group_id in answered_groups:
                continue
            if item.merge_group_id:
                answered_groups.add(item.merge_group_id)
            outcome = (
                "sent"
                if item.year < d.today.year
                else d.rng.choice(IN_PROGRESS if item.between_sessions else OUTCOMES)
            )
            if outcome not in ("overdue", "none"):
                _reply(d, item, a, unit, outcome)
    d.session.flush()


def _key_items(d: Demo, year: int) -> None:
    for unit in d.units:
        mains = list(
            d.session.scalars(
                select(Assignment)
                .join(Item, Item.id == Assignment.item_id)
                .where(
                    Assignment.unit_id == unit.id, Assignment.role == Role.MAIN, Item.year == year
                )
            )
        )
        for a in mains[: d.rng.choice([1, 2])]:
            a.key_item = True
            a.key_registration_filed = date(year, 4, 3)
            d.session.add(
                OpenDoorRecord(
                    assignment_id=a.id,
                    written_plan="开门办案方案……",
                    proposers_invited=True,
                    supervising_body_invited=True,
                    activity="forum",
                    held_on=date(year, 5, 20),
                    written_record="座谈记录……",
                )
            )
    for item in d.session.scalars(select(Item).where(Item.year == year).limit(5)):
        item.leader_supervised, item.supervising_leader = True, "县政府副县长"


def build_demo(session: Session, *, today: date, seed: int = 2026) -> dict[str, str]:
    """Fills an empty database; returns each demo account's password (shown once)."""
    d = Demo(session, today, random.Random(seed))
    session.info["actor"] = {"name": "演示数据"}
    year = today.year
    session.add(
        YearPlan(year=year, visit_cards_due=date(year, 9, 30), lookback_due=date(year, 12, 31))
    )
    _units(d)
    _people(d)
    items = _make_items(d, _sessions(d, year), year)
    _merge_some(d, items)
    _unit_work(d, items)
    _key_items(d, year)
    session.add(
        SupervisionRecord(
            kind=SupervisionKind.SPECIAL,
            means=SupervisionMeans.MEETING,
            title="重点建议提案专项督查",
            held_on=date(year, 6, 15),
            unit_ids=[u.id for u in d.units[:5]],
        )
    )
    late_units = [u.id for u in d.units[20:23]]
    session.add(
        SupervisionRecord(
            kind=SupervisionKind.CIRCULAR,
            means=SupervisionMeans.CIRCULAR,
            title="关于建议提案办理进度的通报",
            held_on=date(year, 7, 1),
            unit_ids=late_units,
            detail="以下单位办理进度滞后……",
        )
    )
    session.flush()
    for item in items:
        item_deadlines.refresh(session, item)
    names = {u.name: u.id for u in d.units}
    passwords = {}
    for username, display, role, unit, cleared in ACCOUNTS:
        passwords[username] = new_password()
        session.add(
            User(
                username=username,
                display_name=display,
                role=role,
                password_hash=hash_password(passwords[username]),
                unit_id=names[unit] if unit else None,
                secret_clearance=cleared,
                active=True,
            )
        )
    session.flush()
    return passwords


def is_empty(session: Session) -> bool:
    return session.scalar(select(Unit.id).limit(1)) is None
