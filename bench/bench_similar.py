"""Similar items over 50,000 items on SQLite, through the HTTP endpoint (issue 6).

Target: a similar-items query under 200 ms over 50,000 items (ten years of 5,000). Also
measured: building the in-memory index (once per process, on first use), and the query
right after items changed (the index refreshes only the changed rows).

    .venv/bin/python bench/bench_similar.py [--items N] [--queries Q]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient
from sqlalchemy import insert, update

from api.auth.security import digest, hash_password
from api.main import create_app
from api.models import AuthSession, CongressSession, Item, User, UserRole
from api.settings import Settings
from api.similar.index import corpora
from bench.common import fresh_database, title_and_content
from domain.model import ItemKind, Level

YEARS = 10


def county(items: int) -> tuple[str, list[int]]:
    url, make = fresh_database()
    rng = random.Random(50)
    per_year = items // YEARS
    now = datetime.now(UTC)
    with make() as session:
        sessions = []
        for n in range(YEARS):
            congress = CongressSession(
                kind=ItemKind.SUGGESTION,
                level=Level.COUNTY,
                body_name="魏县",
                term=9 + n // 5,
                meeting=1 + n % 5,
                year=2015 + n,
            )
            session.add(congress)
            session.flush()
            sessions.append((congress.id, congress.year))
        rows = []
        for session_id, year in sessions:
            for number in range(1, per_year + 1):
                title, content = title_and_content(rng)
                rows.append(
                    {
                        "session_id": session_id,
                        "number": number,
                        "kind": ItemKind.SUGGESTION,
                        "level": Level.COUNTY,
                        "year": year,
                        "title": title,
                        "content": content,
                        "secret": False,
                        "content_consent": False,
                        "between_sessions": False,
                        "office_set_due": {},
                        "leader_supervised": False,
                        "version": 1,
                        "created_at": now - timedelta(minutes=rng.randint(1, 10**6)),
                    }
                )
        for row in rows:  # stamped over the years, as real rows are
            row["updated_at"] = row["created_at"]
        session.execute(insert(Item), rows)
        user = User(
            username="bench",
            display_name="办公室",
            password_hash=hash_password("x" * 12),
            role=UserRole.OFFICE_ADMIN,
            secret_clearance=True,
            active=True,
        )
        session.add(user)
        session.flush()
        session.add(
            AuthSession(
                token_hash=digest("bench"),
                user_id=user.id,
                created_at=now,
                expires_at=now + timedelta(hours=1),
            )
        )
        session.commit()
        ids = [i for (i,) in session.execute(Item.__table__.select().with_only_columns(Item.id))]
    return url, ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    start = time.perf_counter()
    url, ids = county(args.items)
    print(f"{len(ids):,} items written: {time.perf_counter() - start:.1f} s")
    app = create_app(Settings(DATABASE_URL=url, spa_dir=Path("/nonexistent")))
    with app.state.sessionmaker() as session:
        start = time.perf_counter()
        built = corpora(session)
        took = time.perf_counter() - start
        size = len(built.items.index)
        print(f"index built (jieba + TF-IDF), once per process: {took:.1f} s, {size:,} items")
    client = TestClient(app)
    headers = {"Authorization": "Bearer bench"}
    rng = random.Random(1)
    for scope in ("session", "earlier"):
        timings = []
        for item_id in rng.sample(ids[len(ids) // 2 :], args.queries):
            begin = time.perf_counter()
            response = client.get(
                f"/api/v1/items/{item_id}/similar",
                headers=headers,
                params={"scope": scope, "limit": 10},
            )
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, response.text
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"GET /items/{{id}}/similar?scope={scope} over {len(ids):,} items, "
            f"{len(timings)} queries: median {statistics.median(timings):.0f} ms, "
            f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms"
            f" — target < 200 ms: {'OK' if p95 < 200 else 'MISSED'}"
        )
    with app.state.sessionmaker() as session:
        changed = rng.sample(ids, 20)
        session.execute(
            update(Item)
            .where(Item.id.in_(changed))
            .values(title="关于加快农村公路提档升级的建议", updated_at=datetime.now(UTC))
        )
        session.commit()
    begin = time.perf_counter()
    response = client.get(
        f"/api/v1/items/{changed[0]}/similar", headers=headers, params={"scope": "session"}
    )
    took = (time.perf_counter() - begin) * 1000
    print(f"first query after 20 items changed (incremental refresh): {took:.0f} ms")


if __name__ == "__main__":
    main()
