"""API speed over 100,000 items in PostgreSQL (issue 3): list, detail, all-unit KPI latency,
and item-detail throughput with 2 workers against a bare FastAPI JSON endpoint.

    .venv/bin/python bench/bench_api.py [--items 100000] [--pg postgresql+psycopg://…/banli_bench]

Targets: list p95 < 50 ms, detail p95 < 20 ms, all-unit KPI < 500 ms; detail throughput at
least 40% of the bare endpoint's. The database named by --pg is emptied and refilled.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.auth.security import digest
from api.calendar.service import current_calendar
from api.db import make_engine, make_sessionmaker
from api.main import create_app
from api.migrate import upgrade
from api.models import Base
from api.settings import Settings
from domain.calendar import Period

ROOT = Path(__file__).resolve().parents[1]
BARE = "bench.bare_app:app"


def reset(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as c:
        Base.metadata.drop_all(c)
        c.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    upgrade(url)


def seed(url: str, n: int) -> str:
    """Bulk rows through Core (the audit hook is for the application's own writes)."""
    engine = make_engine(url)
    rng = random.Random(7)
    now = datetime.now(UTC)
    token = "bench-token"
    with engine.begin() as c:
        units = (
            c.execute(
                sa.insert(Base.metadata.tables["units"]).returning(
                    Base.metadata.tables["units"].c.id
                ),
                [
                    {
                        "name": f"单位{i:02d}",
                        "kind": "department",
                        "active": True,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(40)
                ],
            )
            .scalars()
            .all()
        )
        user = c.execute(
            sa.insert(Base.metadata.tables["users"]).returning(Base.metadata.tables["users"].c.id),
            [
                {
                    "username": "bench",
                    "display_name": "测试",
                    "password_hash": "x",
                    "role": "office_staff",
                    "secret_clearance": True,
                    "active": True,
                    "version": 1,
                    "failed_logins": 0,
                    "totp_enabled": False,
                    "password_changed_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        ).scalar_one()
        c.execute(
            sa.insert(Base.metadata.tables["auth_sessions"]),
            [
                {
                    "token_hash": digest(token),
                    "user_id": user,
                    "created_at": now,
                    "last_seen_at": now,
                    "expires_at": now + timedelta(hours=5),
                    "revoked": False,
                }
            ],
        )
        session_id = c.execute(
            sa.insert(Base.metadata.tables["congress_sessions"]).returning(
                Base.metadata.tables["congress_sessions"].c.id
            ),
            [
                {
                    "kind": "suggestion",
                    "level": "county",
                    "body_name": "魏县",
                    "term": 10,
                    "meeting": 3,
                    "year": 2024,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        ).scalar_one()
        proposers = (
            c.execute(
                sa.insert(Base.metadata.tables["proposers"]).returning(
                    Base.metadata.tables["proposers"].c.id
                ),
                [
                    {
                        "name": f"代表{i}",
                        "kind": "deputy",
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for i in range(500)
                ],
            )
            .scalars()
            .all()
        )
        calendar = current_calendar_for(url)
        for start in range(0, n, 5000):
            batch = range(start, min(n, start + 5000))
            assigned = [date(2024, 3, 1) + timedelta(days=rng.randrange(200)) for _ in batch]
            dues = calendar.due_dates([(d, Period.parse("3m")) for d in assigned])
            items = (
                c.execute(
                    sa.insert(Base.metadata.tables["items"]).returning(
                        Base.metadata.tables["items"].c.id
                    ),
                    [
                        {
                            "session_id": session_id,
                            "number": i + 1,
                            "kind": "suggestion",
                            "level": "county",
                            "year": 2024,
                            "title": f"关于第{i + 1}号事项的建议",
                            "content": "建议……",
                            "secret": False,
                            "content_consent": True,
                            "second_assignment": a,
                            "between_sessions": False,
                            "office_set_due": {},
                            "leader_supervised": False,
                            "version": 1,
                            "created_at": now,
                            "updated_at": now,
                        }
                        for i, a in zip(batch, assigned, strict=True)
                    ],
                )
                .scalars()
                .all()
            )
            c.execute(
                sa.insert(Base.metadata.tables["item_proposers"]),
                [
                    {
                        "item_id": item,
                        "proposer_id": rng.choice(proposers),
                        "is_lead": True,
                        "position": 0,
                    }
                    for item in items
                ],
            )
            c.execute(
                sa.insert(Base.metadata.tables["assignments"]),
                [
                    {
                        "item_id": item,
                        "unit_id": rng.choice(units),
                        "role": "main",
                        "key_item": False,
                        "due_on": due,
                        "version": 1,
                        "done_on": due - timedelta(days=3) if rng.random() < 0.8 else None,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for item, (due, _) in zip(items, dues, strict=True)
                ],
            )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(sa.text("ANALYZE"))  # as autovacuum would after a bulk load
    engine.dispose()
    return token


def current_calendar_for(url: str):  # type: ignore[no-untyped-def]
    with make_sessionmaker(make_engine(url))() as session:
        return current_calendar(session)


def timed(call, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(name: str, samples: list[float], target: float) -> None:
    p50 = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[18]
    verdict = "OK" if p95 < target else "MISSED"
    print(
        f"{name:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   target p95 < {target:g} ms: {verdict}"
    )


def throughput(port: int, path: str, headers: dict[str, str], seconds: float = 8.0) -> float:
    done, stop = [0], time.monotonic() + seconds
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
            while time.monotonic() < stop:
                client.get(path).raise_for_status()
                with lock:
                    done[0] += 1

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / seconds


def serve(app: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=0.5)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app} did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/banli_bench")
    args = parser.parse_args()
    admin = sa.create_engine(args.pg.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        name = args.pg.rsplit("/", 1)[1]
        if not c.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname=:n"), {"n": name}
        ).first():
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    t0 = time.perf_counter()
    reset(args.pg)
    token = seed(args.pg, args.items)
    print(f"seeded {args.items:,} items in {time.perf_counter() - t0:.1f} s")
    headers = {"Authorization": f"Bearer {token}"}
    client = TestClient(create_app(Settings(DATABASE_URL=args.pg, spa_dir=Path("/none"))))
    rng = random.Random(1)
    ids = [rng.randrange(1, args.items) for _ in range(300)]

    def listing() -> None:
        client.get(
            "/api/v1/items",
            headers=headers,
            params={
                "state": rng.choice(["overdue", "open", "done"]),
                "unit_id": rng.randrange(1, 40),
                "page": rng.randrange(1, 5),
                "page_size": 50,
            },
        ).raise_for_status()

    def detail() -> None:
        client.get(f"/api/v1/items/{ids[rng.randrange(300)]}", headers=headers).raise_for_status()

    def kpi() -> None:
        client.get(
            "/api/v1/kpi/units", headers=headers, params={"year": 2024, "as_of": "2024-12-31"}
        ).raise_for_status()

    def change() -> None:  # any audited change moves the data stamp (api.stamp)
        note = {"body": "基准测试备注"}
        client.post(f"/api/v1/items/{ids[0]}/notes", headers=headers, json=note).raise_for_status()

    def kpi_after_a_change() -> float:
        change()
        t0 = time.perf_counter()
        kpi()
        return (time.perf_counter() - t0) * 1000

    listing(), detail(), kpi()  # warm caches (calendar index, connection pool)
    report("filtered list page", timed(listing, 200), 50)
    report("item detail", timed(detail, 200), 20)
    report("KPI for all units", timed(kpi, 20), 500)
    cold = [kpi_after_a_change() for _ in range(5)]
    print(
        f"{'KPI just after a change':<28} p50 {statistics.median(cold):7.1f} ms   "
        f"max {max(cold):7.1f} ms   (recomputed from the year's facts; no target)"
    )
    env = {**os.environ, "DATABASE_URL": args.pg, "BANLI_SPA_DIR": "/none"}
    api = serve("api.main:app", 8791, env)
    try:
        ours = throughput(8791, f"/api/v1/items/{ids[0]}", headers)
    finally:
        api.terminate()
        api.wait()
    bare = serve(BARE, 8792, env)
    try:
        baseline = throughput(8792, "/api/v1/health", {})
    finally:
        bare.terminate()
        bare.wait()
    ratio = ours / baseline
    print(
        f"item detail, 2 workers: {ours:.0f} req/s; bare FastAPI JSON: {baseline:.0f} req/s; "
        f"ratio {ratio:.0%} — target ≥ 40%: {'OK' if ratio >= 0.4 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
