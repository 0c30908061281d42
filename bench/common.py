"""A fresh SQLite county for the office-tools benchmarks: units, a session, deputies."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

import api.audit  # noqa: F401  (the audit hook runs in the benchmarks as in production)
from api.db import make_engine, make_sessionmaker
from api.demo_data import DEPARTMENTS, GIVEN, SUBDISTRICTS, SURNAMES, TOPICS, TOWNSHIPS
from api.migrate import upgrade
from api.models import CongressSession, Proposer, Unit, UnitKind
from domain.model import ItemKind, Level, ProposerKind

PHRASES = (
    "农村公路",
    "提档升级",
    "安全防护",
    "饮水安全",
    "污水处理",
    "垃圾分类",
    "学校建设",
    "大班额",
    "医疗卫生",
    "养老服务",
    "农田水利",
    "特色产业",
    "电商物流",
    "文化广场",
    "停车难",
    "路灯照明",
    "河道治理",
    "人才引进",
    "营商环境",
    "就业创业",
)


def fresh_database() -> tuple[str, sessionmaker[Session]]:
    folder = Path(tempfile.mkdtemp(prefix="banli-bench-"))
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    upgrade(url)
    return url, make_sessionmaker(make_engine(url))


def unit_names() -> list[str]:
    return [name for name, *_ in DEPARTMENTS] + TOWNSHIPS + SUBDISTRICTS


def person(rng: random.Random) -> str:
    given = rng.randrange(len(GIVEN) // 2) * 2
    return rng.choice(SURNAMES) + GIVEN[given : given + 2]


def seed_county(make: sessionmaker[Session], year: int = 2024) -> int:
    """Units, one suggestion session of ``year`` and 300 deputies; returns the session id."""
    rng = random.Random(year)
    with make() as session:
        session.info["actor"] = {"name": "bench"}
        for name in unit_names():
            session.add(Unit(name=name, kind=UnitKind.DEPARTMENT, active=True))
        names = {person(rng) for _ in range(400)}
        for name in sorted(names)[:300]:
            session.add(Proposer(name=name, kind=ProposerKind.DEPUTY))
        congress = CongressSession(
            kind=ItemKind.SUGGESTION,
            level=Level.COUNTY,
            body_name="魏县",
            term=10,
            meeting=year - 2021,
            year=year,
        )
        session.add(congress)
        session.commit()
        return congress.id


def title_and_content(rng: random.Random) -> tuple[str, str]:
    """A title from the demo county's topics and a few sentences about it."""
    topic = rng.choice(sorted(TOPICS))
    place = rng.choice(TOWNSHIPS)
    title = "关于" + rng.choice(TOPICS[topic]).format(place=place) + "的建议"
    sentences = [
        f"{place}{rng.choice(PHRASES)}存在短板，群众反映强烈",
        f"建议在{topic}方面加大投入，推进{rng.choice(PHRASES)}和{rng.choice(PHRASES)}",
        f"完善{rng.choice(PHRASES)}长效机制，落实{rng.choice(PHRASES)}责任",
        f"{rng.choice(TOPICS[topic]).format(place=place)}，切实解决实际困难",
    ]
    rng.shuffle(sentences)
    return title, "。".join(sentences[: rng.randint(2, 4)]) + "。"
