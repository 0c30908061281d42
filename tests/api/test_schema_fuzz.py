"""Schemathesis against the OpenAPI document (issue 8): every operation is called with
generated requests, valid and invalid, as the office admin on a small county, on SQLite and
PostgreSQL. No answer may be a server error, and every answer must match the document: a
declared status, its content type, its schema and its declared headers. The bugs it found
are kept below as plain tests.

Bounded for CI: ``BANLI_FUZZ_EXAMPLES`` generated examples per operation (default 8), besides
schemathesis' explicit and boundary cases; the same cases on every run.

Not checked: ``negative_data_rejection`` (schema-invalid input must be refused). FastAPI
validates in pydantic's lax mode on purpose — "true" or 1 for a boolean, "5" for an integer
are accepted as such — so input the document calls invalid is rightly accepted; what
validation refuses is covered by test_problems.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.auth import policy
from api.auth.security import digest
from api.main import create_app
from api.models import AuthSession, User
from api.settings import Settings
from tests.api.conftest import World, _empty_tables, make_world
from tests.api.flows import V1, assign, make_item, problem, send_reply, visit

EXAMPLES = int(os.environ.get("BANLI_FUZZ_EXAMPLES", "8"))
# The document as served; the calls go to each test's own app (its database).
schema = schemathesis.openapi.from_asgi(
    "/api/v1/openapi.json",
    create_app(Settings(DATABASE_URL="sqlite://", spa_dir=Path("/nonexistent"))),
)


def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    """``not_a_server_error``, except the documented 501 for ``?format=pdf`` where
    LibreOffice is not installed (a deployment choice, not a fault)."""
    if (
        response.status_code == 501
        and case.query
        and case.query.get("format") == "pdf"
        and shutil.which("soffice") is None
    ):
        return None
    return not_a_server_error(ctx, response, case)


CHECKS = [
    no_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture(scope="module")
def county(app: FastAPI) -> Iterator[World]:
    """The test county plus items in several states, so generated ids meet real rows; one
    per database for the whole module (what the fuzzing changes stays, as it would)."""
    _empty_tables(app)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(policy, "throttle", policy.Throttle())
        with TestClient(app, raise_server_exceptions=False) as client:
            world = make_world(client, app)
            first = make_item(world, 1, proposers=("zhang", "li"))
            assign(world, first["id"], [("transport", "main"), ("finance", "co")])
            send_reply(world, first["id"])
            visit(world, first["id"])
            second = make_item(world, 2, proposers=("wang",))
            assign(world, second["id"], [("transport", "main")])
            make_item(world, 3, proposers=("zhao",), session="cppcc_county")
            yield world


class Admin:
    """Keeps the fuzzing admin signed in: the fuzzer may sign it out, deactivate it, change
    its role or start a TOTP binding; each case starts from the stored admin again."""

    def __init__(self, app: FastAPI, token: str):
        self.engine: sa.Engine = app.state.engine
        users, sessions = User.__table__, AuthSession.__table__
        with self.engine.connect() as c:
            self.session = dict(
                c.execute(sa.select(sessions).where(sessions.c.token_hash == digest(token)))
                .mappings()
                .one()
            )
            self.user = dict(
                c.execute(sa.select(users).where(users.c.id == self.session["user_id"]))
                .mappings()
                .one()
            )

    def restore(self) -> None:
        users, sessions = User.__table__, AuthSession.__table__
        now = datetime.now(UTC)
        with self.engine.begin() as c:
            c.execute(
                sa.update(users)
                .where(users.c.id == self.user["id"])
                .values({**self.user, "password_changed_at": now})
            )
            c.execute(
                sa.update(sessions)
                .where(sessions.c.id == self.session["id"])
                .values(
                    {
                        **self.session,
                        "last_seen_at": now,
                        "expires_at": now + timedelta(hours=1),
                        "revoked": False,
                    }
                )
            )


@pytest.fixture(scope="module")
def admin(county) -> Admin:
    return Admin(county.client.app, county.tokens["admin"])


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases on every run: a CI failure reproduces
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_answer_matches_the_document(case, county, admin):
    admin.restore()
    case.call_and_validate(app=county.client.app, headers=county.headers("admin"), checks=CHECKS)


# --- what the fuzzing found, kept as plain tests ---------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"{V1}/items/9223372036854775808",  # past SQLite's 64 bits: could not even be bound
        f"{V1}/webhooks/deliveries/4557553138051/redeliver",  # past PostgreSQL's integer
        f"{V1}/items/0/timeline",
    ],
)
def test_an_id_out_of_range_is_a_422_not_a_server_error(world, path):
    method = "POST" if path.endswith("redeliver") else "GET"
    body = problem(world.request("admin", method, path), 422)
    assert body["errors"][0]["message"] in ("数值过大", "数值过小")


def test_a_page_far_beyond_the_last_is_refused_before_the_database(world):
    problem(world.get("staff", f"{V1}/proposers", params={"page": 10**17}), 422, field="page")


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"body": "\xff\xfe"}', "application/json"),  # not UTF-8
        (  # a part without a name
            b"--x\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--x--\r\n",
            "multipart/form-data; boundary=x",
        ),
        (b"no boundary", "multipart/form-data"),
    ],
    ids=["json-not-utf8", "multipart-nameless-part", "multipart-no-boundary"],
)
def test_a_body_that_cannot_be_decoded_is_a_chinese_422(world, content, content_type):
    item = make_item(world, 1)
    form = content_type.startswith("multipart")
    url = f"{V1}/attachments" if form else f"{V1}/items/{item['id']}/notes"
    response = world.request(
        "staff", "POST", url, content=content, headers={"Content-Type": content_type}
    )
    body = problem(response, 422, field="body")
    assert "无法解析" in body["detail"]


def test_a_nul_character_is_refused_where_the_database_cannot_store_it(world):
    """PostgreSQL keeps no NUL in text: the input is refused (422), not a 500; SQLite keeps it."""
    item = make_item(world, 1)
    response = world.post("staff", f"{V1}/items/{item['id']}/notes", json={"body": "a\x00b"})
    if world.client.app.state.engine.dialect.name == "postgresql":
        assert "NUL" in problem(response, 422)["detail"]
    else:
        assert response.status_code == 201


def test_times_carry_their_offset_on_every_database(world):
    """RFC 3339 date-time: SQLite keeps no zone, the API still says UTC."""
    item = make_item(world, 1)
    for moment in (item["created_at"], item["updated_at"]):
        assert datetime.fromisoformat(moment).utcoffset() == timedelta(0), moment


def test_the_forms_of_a_unit_that_does_not_exist_are_404(world):
    for form in ("breakdown-forms", "key-items-form", "lookback-form"):
        url = f"{V1}/units/999999/{form}"
        problem(world.get("admin", url, params={"year": 2024}), 404)


def test_every_error_is_documented_as_problem_json(client):
    spec = client.get(f"{V1}/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for methods in spec["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], operation
    items = spec["paths"][f"{V1}/items/{{item_id}}"]["patch"]["responses"]
    assert set(items) == {"200", "401", "403", "404", "409", "412", "422", "503"}
