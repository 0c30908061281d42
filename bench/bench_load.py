"""Load (issue 8): simulated users against the real API — uvicorn with 2 workers on
loopback — on a fresh demo county, mixing reads and writes with each role's own token.

    .venv/bin/python bench/bench_load.py [--users 50] [--seconds 60] [--workers 2]
                                         [--pg postgresql+psycopg://…/banli_load]

The database is new: a temporary SQLite file, or the PostgreSQL database named by --pg
(emptied and refilled). Each user works without pause (the next request when the last one
is answered): office staff, unit handlers and leaders of ten units, NPC/CPPCC liaisons and
an auditor list items with filters, open items and their timelines and read KPIs; the office
and handlers add notes, handlers draft replies and edit them with ``If-Match`` and record
visits. Prints throughput and p50/p95/p99 per operation and overall. Exit status 1 on any
error: a 5xx, an unexpected 4xx or no answer. A 412 on an ``If-Match`` edit (another user
changed the reply in between) is the optimistic lock at work: counted, not an error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa
from sqlalchemy import select, update
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import api.audit  # noqa: F401  (the demo's writes are audited as in production)
from api.auth.security import digest
from api.clock import today
from api.db import make_engine, make_sessionmaker
from api.demo import build_demo
from api.migrate import upgrade
from api.models import (
    Assignment,
    AuthSession,
    Base,
    Item,
    Reply,
    ReplyStatus,
    Unit,
    UnitKind,
    User,
    UserRole,
)
from domain.model import Role
from tests.api.servers import Uvicorn

V1 = "/api/v1"
HANDLER_UNITS = 10
LEADS = (Role.MAIN, Role.SPLIT)


# --- the county ----------------------------------------------------------------------------


@dataclass
class County:
    """What the simulated users work on: their tokens, and the items each may touch."""

    year: int
    items: dict[str, list[int]]  # not secret, by kind: what the office and liaisons open
    tokens: dict[str, list[str]] = field(default_factory=dict)  # persona -> one per user
    unit_items: dict[int, list[int]] = field(default_factory=dict)
    visit_items: dict[int, list[int]] = field(default_factory=dict)  # replied, unit leads
    unanswered: dict[int, list[int]] = field(default_factory=dict)  # unit leads, no reply
    drafts: dict[int, list[int]] = field(default_factory=dict)  # replies of the unit
    unit_of: dict[str, int] = field(default_factory=dict)  # persona -> unit


def fresh(pg: str | None) -> str:
    if pg is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='banli-load-')) / 'load.sqlite3'}"
    else:
        url = pg
        server = sa.create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
        name = url.rsplit("/", 1)[1]
        with server.connect() as c:
            if not c.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname=:n"), {"n": name}):
                c.execute(sa.text(f'CREATE DATABASE "{name}"'))
        server.dispose()
        engine = sa.create_engine(url)
        with engine.begin() as c:
            Base.metadata.drop_all(c)
            c.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    upgrade(url)
    return url


def seed(url: str, users: int) -> County:
    """The demo county, handlers and leaders for ten departments, one token per user."""
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        build_demo(session, today=today(), seed=2026)
        session.flush()
        year = today().year
        units = _busiest_departments(session, year)
        for unit in units:
            for role, prefix in ((UserRole.UNIT_HANDLER, "h"), (UserRole.UNIT_LEADER, "l")):
                session.add(
                    User(
                        username=f"{prefix}{unit.id}",
                        display_name=f"{unit.name}{role.label}",
                        role=role,
                        password_hash="!",  # signs in by the token below only
                        unit_id=unit.id,
                        active=True,
                    )
                )
        session.flush()
        now = datetime.now(UTC)
        session.execute(update(User).values(password_changed_at=now))  # no pending step
        county = County(year, _items(session, year))
        by_name = {u.username: u for u in session.scalars(select(User))}
        for persona, username, unit_id in _personas(users, units):
            token = secrets.token_urlsafe(24)
            session.add(
                AuthSession(
                    token_hash=digest(token),
                    user_id=by_name[username].id,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + timedelta(hours=4),
                )
            )
            county.tokens.setdefault(persona, []).append(token)
            if unit_id is not None:
                county.unit_of[persona] = unit_id
        for unit in units:
            _unit_work(session, county, unit.id, year)
        session.commit()
    engine.dispose()
    return county


def _busiest_departments(session: Session, year: int) -> list[Unit]:
    leads = (
        select(Assignment.unit_id, sa.func.count().label("n"))
        .join(Item, Item.id == Assignment.item_id)
        .where(Assignment.role.in_(LEADS), Item.year == year, Item.secret.is_(False))
        .group_by(Assignment.unit_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(Unit)
            .join(leads, leads.c.unit_id == Unit.id)
            .where(Unit.kind == UnitKind.DEPARTMENT)
            .order_by(leads.c.n.desc(), Unit.id)
            .limit(HANDLER_UNITS)
        )
    )


def _items(session: Session, year: int) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    rows = select(Item.kind, Item.id).where(Item.year == year, Item.secret.is_(False))
    for kind, item in session.execute(rows):
        found[kind.value].append(item)
        found["all"].append(item)
    return dict(found)


def _personas(users: int, units: list[Unit]) -> list[tuple[str, str, int | None]]:
    """(persona, username, unit): about 16% office, 60% handlers, 12% leaders, the rest
    liaisons and the auditor; ``persona`` names the user's role and unit."""
    out: list[tuple[str, str, int | None]] = []
    for i in range(users):
        slot = i % 25
        unit = units[i % len(units)]
        if slot < 4:
            out.append(("office", "office", None))
        elif slot < 19:
            out.append((f"handler:{unit.id}", f"h{unit.id}", unit.id))
        elif slot < 22:
            out.append((f"leader:{unit.id}", f"l{unit.id}", unit.id))
        elif slot < 24:
            out.append(("npc" if slot == 22 else "cppcc", "npc" if slot == 22 else "cppcc", None))
        else:
            out.append(("auditor", "auditor", None))
    return out


def _unit_work(session: Session, county: County, unit_id: int, year: int) -> None:
    mine = (
        select(Assignment.item_id, Assignment.role, Assignment.id)
        .join(Item, Item.id == Assignment.item_id)
        .where(Assignment.unit_id == unit_id, Item.year == year, Item.secret.is_(False))
    )
    rows = session.execute(mine).all()
    county.unit_items[unit_id] = sorted({item for item, _, _ in rows})
    replies = {
        a: (r, status)
        for a, r, status in session.execute(
            select(Reply.assignment_id, Reply.id, Reply.status).where(
                Reply.assignment_id.in_([a for _, _, a in rows])
            )
        )
    }
    merged = set(session.scalars(select(Item.id).where(Item.merge_group_id.is_not(None))))
    leads = [(item, a) for item, role, a in rows if role in LEADS]
    county.visit_items[unit_id] = [
        item for item, a in leads if a in replies and replies[a][1] is ReplyStatus.SENT
    ]
    county.unanswered[unit_id] = [
        item for item, a in leads if a not in replies and item not in merged
    ]
    county.drafts[unit_id] = [
        reply
        for _, (reply, status) in replies.items()
        if status in (ReplyStatus.DRAFT, ReplyStatus.RETURNED)
    ]


# --- the users -----------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[tuple[str, int | None, str]] = field(default_factory=list)
    conflicts: int = 0


@dataclass
class Simulated:
    persona: str
    client: httpx.AsyncClient
    county: County
    stats: Stats
    rng: random.Random
    reply_id: int | None = None

    @property
    def unit(self) -> int | None:
        return self.county.unit_of.get(self.persona)

    async def call(
        self, op: str, method: str, url: str, expect: tuple[int, ...] = (200,), **kw: object
    ) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kw)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            self.stats.errors.append((op, None, f"{self.persona}: {exc!r}"))
            return None
        self.stats.latencies[op].append((time.perf_counter() - started) * 1000)
        if response.status_code not in expect:
            detail = f"{self.persona}: {response.text[:300]}"
            self.stats.errors.append((op, response.status_code, detail))
            return None
        return response

    def _item(self) -> int:
        """An item this user may open: its unit's, or of the kind a liaison follows."""
        if self.unit is not None:
            return self.rng.choice(self.county.unit_items[self.unit])
        kind = {"npc": "suggestion", "cppcc": "proposal"}.get(self.persona, "all")
        return self.rng.choice(self.county.items[kind])

    # reads

    async def list_items(self) -> None:
        params: dict[str, object] = {"page_size": 20, "year": self.county.year}
        params["state"] = self.rng.choice(["open", "overdue", "due_soon", "done", None])
        if self.unit is not None:
            params["unit_id"] = self.unit
        elif self.rng.random() < 0.3:
            params["q"] = self.rng.choice(["道路", "学校", "农村", "医疗", "养老"])
        params["page"] = self.rng.choice([1, 1, 1, 2])
        query = {k: v for k, v in params.items() if v is not None}
        await self.call("list items", "GET", f"{V1}/items", params=query)

    async def detail(self) -> None:
        await self.call("item detail", "GET", f"{V1}/items/{self._item()}")

    async def timeline(self) -> None:
        await self.call("timeline", "GET", f"{V1}/items/{self._item()}/timeline")

    async def kpi(self) -> None:
        if self.persona in ("npc", "cppcc"):
            await self.call("KPI", "GET", f"{V1}/kpi", params={"year": self.county.year})
        else:
            await self.call("KPI", "GET", f"{V1}/kpi/units", params={"year": self.county.year})

    # writes

    async def note(self) -> None:
        body = {"body": f"跟进情况：已电话联系承办人（{self.rng.randrange(10**6)}）"}
        await self.call("add note", "POST", f"{V1}/items/{self._item()}/notes", (201,), json=body)

    async def reply(self) -> None:
        """The first time: a draft on an unanswered item of the unit (or a draft of the unit);
        then edits of it, each with the ETag just read."""
        assert self.unit is not None
        if self.reply_id is None:
            free = self.county.unanswered[self.unit]
            if free:
                item = free.pop()
                body = {"reply_class": "A", "body": "经研究，现答复如下：……"}
                made = await self.call(
                    "draft reply", "POST", f"{V1}/items/{item}/replies", (201,), json=body
                )
                if made is not None:
                    self.reply_id = int(made.json()["id"])
                    self.county.drafts[self.unit].append(self.reply_id)
                return
            if not self.county.drafts[self.unit]:
                return await self.note()
            self.reply_id = self.rng.choice(self.county.drafts[self.unit])
        read = await self.call("read reply", "GET", f"{V1}/replies/{self.reply_id}")
        if read is None:
            return
        body = {"body": f"经研究，现答复如下：一、……（第{self.rng.randrange(10**6)}稿）"}
        headers = {"If-Match": read.headers["ETag"]}
        edited = await self.call(
            "edit reply (If-Match)",
            "PATCH",
            f"{V1}/replies/{self.reply_id}",
            (200, 412),
            json=body,
            headers=headers,
        )
        if edited is not None and edited.status_code == 412:
            self.stats.conflicts += 1

    async def visit(self) -> None:
        assert self.unit is not None
        items = self.county.visit_items[self.unit]
        if not items:
            return await self.note()
        card = {"mode": self.rng.choice(["face_to_face", "phone"]), "visitors": "李局长、王五"}
        card["visited_on"] = today().isoformat()
        url = f"{V1}/items/{self.rng.choice(items)}/visits"
        await self.call("record visit", "POST", url, (201,), json=card)

    def plan(self) -> list[tuple[Callable[[], Awaitable[None]], int]]:
        """What the user does, with weights: about three reads to one write."""
        reads = [(self.list_items, 30), (self.detail, 25), (self.timeline, 10), (self.kpi, 8)]
        role = self.persona.split(":")[0]
        if role == "handler":
            return [*reads, (self.note, 10), (self.reply, 12), (self.visit, 5)]
        if role == "office":
            return [*reads, (self.note, 20)]
        return reads


async def simulate(user: Simulated, until: float) -> None:
    actions, weights = zip(*user.plan(), strict=True)
    while time.monotonic() < until:
        await user.rng.choices(actions, weights)[0]()


async def run(base: str, county: County, seconds: float) -> tuple[Stats, float]:
    stats = Stats()
    users: list[Simulated] = []
    rng = random.Random(8)
    for persona, tokens in county.tokens.items():
        for token in tokens:
            client = httpx.AsyncClient(
                base_url=base,
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
                limits=httpx.Limits(max_connections=1),
            )
            users.append(Simulated(persona, client, county, stats, random.Random(rng.random())))
    started = time.monotonic()
    try:
        await asyncio.gather(*(simulate(u, started + seconds) for u in users))
    finally:
        await asyncio.gather(*(u.client.aclose() for u in users))
    return stats, time.monotonic() - started


# --- the report ----------------------------------------------------------------------------


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        value = samples[0] if samples else float("nan")
        return value, value, value
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return q[49], q[94], q[98]


def report(stats: Stats, elapsed: float, users: int, database: str, workers: int) -> int:
    total = sum(len(v) for v in stats.latencies.values())
    print(
        f"\n{users} users, {elapsed:.0f} s, {database}, uvicorn {workers} workers, "
        f"{os.cpu_count()} CPUs (load generator on the same machine)"
    )
    print(f"{'operation':<24}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    rows = sorted(stats.latencies.items(), key=lambda kv: -len(kv[1]))
    everything = [ms for _, samples in rows for ms in samples]
    for name, samples in [*rows, ("all", everything)]:
        p50, p95, p99 = percentiles(samples)
        rate = len(samples) / elapsed
        print(f"{name:<24}{len(samples):>9}{rate:>9.1f}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}")
    print(
        f"throughput {total / elapsed:.0f} req/s; If-Match conflicts (412, expected): "
        f"{stats.conflicts}; errors: {len(stats.errors)}"
    )
    kinds: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for op, status, detail in stats.errors:
        kinds[(op, status)].append(detail)
    for (op, status), details in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"  ERROR {len(details)}× {op}: {status} — {details[0]}")
    return 1 if stats.errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg", help="PostgreSQL URL (emptied and refilled); default SQLite")
    args = parser.parse_args()
    started = time.perf_counter()
    url = fresh(args.pg)
    county = seed(url, args.users)
    database = "PostgreSQL" if args.pg else "SQLite"
    print(
        f"fresh {database} demo county: {len(county.items['all'])} items this year, "
        f"{args.users} users; seeded in {time.perf_counter() - started:.1f} s"
    )
    log = Path(tempfile.mkdtemp(prefix="banli-load-log-")) / "uvicorn.log"
    server = Uvicorn(url, log, workers=args.workers)
    try:
        stats, elapsed = asyncio.run(run(server.url, county, args.seconds))
    finally:
        server.stop()
    status = report(stats, elapsed, args.users, database, args.workers)
    problems = [line for line in server.tail(10_000).splitlines() if '"level": "INFO"' not in line]
    if problems:
        print(f"server log ({log}), besides the access lines:", *problems[-20:], sep="\n  ")
    return status


if __name__ == "__main__":
    sys.exit(main())
