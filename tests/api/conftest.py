"""API tests run on a real database: SQLite, and PostgreSQL when reachable.

``BANLI_TEST_PG_URL`` names the PostgreSQL (default: the local one); where it cannot be
reached the PostgreSQL half skips with a message, unless ``BANLI_REQUIRE_PG=1`` (CI), where
that is a failure. Schemas are made by Alembic, as in production; each test starts from
empty tables.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.auth import policy
from api.auth.security import digest, hash_password
from api.main import create_app
from api.migrate import upgrade
from api.models import (
    AuthSession,
    Base,
    CongressSession,
    Proposer,
    Unit,
    UnitKind,
    User,
    UserRole,
)
from api.settings import Settings
from domain.model import ItemKind, Level, ProposerKind

PG_URL = os.environ.get("BANLI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "Banli-test-2024"
PASSWORD_HASH = hash_password(PASSWORD)


def _reachable(url: str) -> str | None:
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "not here"
        return str(exc).splitlines()[0]


def _reset_schema(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'banli.sqlite3'}"
    problem = _reachable(PG_URL)
    if problem:
        message = f"PostgreSQL at {PG_URL} is not reachable ({problem})"
        if os.environ.get("BANLI_REQUIRE_PG") == "1":
            pytest.fail(message + "; BANLI_REQUIRE_PG=1 makes this a failure")
        pytest.skip(message + "; set BANLI_TEST_PG_URL to run these tests on PostgreSQL")
    _reset_schema(PG_URL)
    return PG_URL


@pytest.fixture(scope="session")
def app(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    upgrade(db_url)
    files = tmp_path_factory.mktemp("attachments")
    return create_app(
        Settings(DATABASE_URL=db_url, spa_dir=Path("/nonexistent"), attachments_dir=files)
    )


def _empty_tables(app: FastAPI) -> None:
    engine: sa.Engine = app.state.engine
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(sa.text(f"DELETE FROM {table}"))


@pytest.fixture
def client(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    _empty_tables(app)
    monkeypatch.setattr(policy, "throttle", policy.Throttle())  # a fresh window per test
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@dataclass
class World:
    """A small county: units, one user per role with a bearer token, sessions, proposers."""

    client: TestClient
    units: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, int] = field(default_factory=dict)
    proposers: dict[str, int] = field(default_factory=dict)

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def request(
        self, who: str, method: str, url: str, *, headers: dict[str, str] | None = None, **kw: Any
    ) -> httpx.Response:
        return self.client.request(
            method, url, headers={**self.headers(who), **(headers or {})}, **kw
        )

    def get(self, who: str, url: str, **kw: Any) -> httpx.Response:
        return self.request(who, "GET", url, **kw)

    def post(self, who: str, url: str, **kw: Any) -> httpx.Response:
        return self.request(who, "POST", url, **kw)

    def patch(self, who: str, url: str, **kw: Any) -> httpx.Response:
        return self.request(who, "PATCH", url, **kw)

    def put(self, who: str, url: str, **kw: Any) -> httpx.Response:
        return self.request(who, "PUT", url, **kw)


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the administrators' authenticator in tests

UNITS = {
    "transport": ("县交通运输局", "魏交函", "李局长"),
    "finance": ("县财政局", "魏财函", "王局长"),
    "education": ("县教育体育局", "魏教函", "赵局长"),
    "town": ("城关镇人民政府", "城政函", "孙镇长"),
}
USERS = {
    "admin": (UserRole.OFFICE_ADMIN, None, True),
    "staff": (UserRole.OFFICE_STAFF, None, False),
    "handler": (UserRole.UNIT_HANDLER, "transport", False),
    "leader": (UserRole.UNIT_LEADER, "transport", False),
    "other_handler": (UserRole.UNIT_HANDLER, "finance", False),
    "other_leader": (UserRole.UNIT_LEADER, "finance", False),
    "npc": (UserRole.NPC_LIAISON, None, False),
    "cppcc": (UserRole.CPPCC_LIAISON, None, False),
    "auditor": (UserRole.AUDITOR, None, False),
    "security": (UserRole.SECURITY_ADMIN, None, False),
    "audit_admin": (UserRole.AUDIT_ADMIN, None, False),
}
PROPOSERS = {
    "zhang": ("张三", ProposerKind.DEPUTY),
    "li": ("李四", ProposerKind.DEPUTY),
    "wang": ("王五", ProposerKind.DEPUTY),
    "zhao": ("赵六", ProposerKind.MEMBER),
    "qian": ("钱七", ProposerKind.MEMBER),
    "minmeng": ("民盟魏县总支", ProposerKind.ORGANISATION),
}


@pytest.fixture
def world(client: TestClient, app: FastAPI) -> World:
    return make_world(client, app)


def make_world(client: TestClient, app: FastAPI) -> World:
    """The county on empty tables (also for fixtures of a wider scope than ``world``)."""
    w = World(client)
    now = datetime.now(UTC)
    with app.state.sessionmaker() as s:
        s.info["actor"] = {"name": "test fixture"}
        for key, (name, code, leader) in UNITS.items():
            unit = Unit(
                name=name,
                kind=UnitKind.DEPARTMENT,
                issuer_code=code,
                leader_in_charge=leader,
                contact_person="王五",
                contact_phone="0310-3519359",
                active=True,
            )
            s.add(unit)
            s.flush()
            w.units[key] = unit.id
        for key, (role, unit_key, cleared) in USERS.items():
            user = User(
                username=key,
                display_name=f"{key}用户",
                password_hash=PASSWORD_HASH,
                role=role,
                unit_id=w.units[unit_key] if unit_key else None,
                secret_clearance=cleared,
                active=True,
                password_changed_at=now,
                totp_secret=TOTP_SECRET if role in policy.ADMIN_ROLES else None,
                totp_enabled=role in policy.ADMIN_ROLES,  # required of administrators
            )
            s.add(user)
            s.flush()
            w.tokens[key] = f"token-{key}"
            s.add(
                AuthSession(
                    token_hash=digest(w.tokens[key]),
                    user_id=user.id,
                    created_at=now,
                    expires_at=now + timedelta(hours=1),
                )
            )
        for key, kind, level, body in (
            ("npc_county", ItemKind.SUGGESTION, Level.COUNTY, "魏县"),
            ("cppcc_county", ItemKind.PROPOSAL, Level.COUNTY, "魏县"),
            ("npc_city", ItemKind.SUGGESTION, Level.CITY, "邯郸市"),
        ):
            congress = CongressSession(
                kind=kind, level=level, body_name=body, term=10, meeting=3, year=2024
            )
            s.add(congress)
            s.flush()
            w.sessions[key] = congress.id
        for key, (name, kind) in PROPOSERS.items():
            proposer = Proposer(name=name, kind=kind, phone="13812345678")
            s.add(proposer)
            s.flush()
            w.proposers[key] = proposer.id
        s.commit()
    return w
