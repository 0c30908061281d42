"""Accounts (issue 3): sign-in with short-lived bearer tokens, argon2 passwords, API keys kept
only as hashes, every sign-in audited, and the CLI that makes the first office admin."""

from __future__ import annotations

from pathlib import Path

import pyotp
from fastapi.testclient import TestClient
from sqlalchemy import select

import api.settings
from api import cli
from api.auth.security import digest, verify_password
from api.main import create_app
from api.models import ApiKey, AuditEntry, AuthSession, User
from api.settings import Settings
from tests.api.conftest import PASSWORD
from tests.api.helpers import V1, db, ok, problem, user_id


def sign_in(client, username: str, password: str):
    return client.post(f"{V1}/auth/token", data={"username": username, "password": password})


def bind_totp(client, token: str) -> None:
    bearer = {"Authorization": f"Bearer {token}"}
    secret = ok(client.post(f"{V1}/auth/totp", headers=bearer))["secret"]
    code = {"code": pyotp.TOTP(secret).now()}
    assert client.post(f"{V1}/auth/totp/confirm", headers=bearer, json=code).status_code == 204


def test_sign_in_gives_a_bearer_token_for_auth_me(world):
    answer = ok(sign_in(world.client, "handler", PASSWORD))
    assert answer["token_type"] == "bearer" and answer["expires_in"] == 7200
    me = world.client.get(
        f"{V1}/auth/me", headers={"Authorization": f"Bearer {answer['access_token']}"}
    )
    assert ok(me) == {
        "id": user_id(world, "handler"),
        "username": "handler",
        "display_name": "handler用户",
        "role": "unit_handler",
        "role_label": "承办单位经办人",
        "unit_id": world.units["transport"],
        "unit_name": "县交通运输局",
        "secret_clearance": False,
        "pending": None,
    }


def test_a_token_is_stored_only_as_its_digest(world):
    token = ok(sign_in(world.client, "staff", PASSWORD))["access_token"]
    with db(world) as session:
        hashes = list(session.scalars(select(AuthSession.token_hash)))
    assert digest(token) in hashes and token not in hashes


def test_a_wrong_password_is_401_naming_the_password(world):
    body = problem(sign_in(world.client, "handler", "wrong-password"), 401, field="password")
    assert body["detail"] == "用户名或密码错误"


def test_an_unknown_user_is_refused_like_a_wrong_password(world):
    """No hint whether the user name exists."""
    body = problem(sign_in(world.client, "nobody", PASSWORD), 401, field="password")
    assert body["detail"] == "用户名或密码错误"


def test_an_inactive_user_cannot_sign_in(world):
    ok(world.patch("admin", f"{V1}/users/{user_id(world, 'leader')}", json={"active": False}))
    problem(sign_in(world.client, "leader", PASSWORD), 401, field="password")


def test_sign_in_successes_and_failures_are_audited(world):
    ok(sign_in(world.client, "handler", PASSWORD))
    problem(sign_in(world.client, "handler", "wrong-password"), 401)
    problem(sign_in(world.client, "nobody", "wrong-password"), 401)
    entries = ok(world.get("audit_admin", f"{V1}/audit", params={"action": "sign_in"}))
    assert entries["total"] == 3
    seen = [
        (e["actor_name"], e["actor_user_id"], e["entity"], e["entity_id"], e["outcome"])
        for e in reversed(entries["items"])  # newest first
    ]
    handler = user_id(world, "handler")
    assert seen == [
        ("handler", handler, "users", str(handler), "success"),
        ("handler", handler, "users", str(handler), "failure"),
        ("nobody", None, "users", None, "failure"),
    ]
    assert all(e["source_ip"] for e in entries["items"])
    assert all("password" not in str(e["changes"]) for e in entries["items"])


def test_the_audit_log_is_for_the_audit_admin_and_the_auditor(world):
    """三员分立: the system and security administrators cannot read the audit log."""
    assert world.get("auditor", f"{V1}/audit").status_code == 200
    assert world.get("audit_admin", f"{V1}/audit").status_code == 200
    for who in ("staff", "admin", "security"):
        problem(world.get(who, f"{V1}/audit"), 403)


def test_passwords_are_stored_as_argon2_hashes(world):
    body = {
        "username": "wangwu",
        "display_name": "王五",
        "password": "Xinmima-2024",
        "role": "unit_handler",
        "unit_id": world.units["finance"],
    }
    created = ok(world.post("admin", f"{V1}/users", json=body), 201)
    assert "password" not in created and "password_hash" not in created
    with db(world) as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "wangwu"))
        audited = session.scalar(
            select(AuditEntry.changes).where(
                AuditEntry.entity == "users", AuditEntry.entity_id == str(created["id"])
            )
        )
    assert stored.startswith("$argon2id$") and "Xinmima-2024" not in stored
    assert verify_password(stored, "Xinmima-2024")
    assert audited["password_hash"] == {"new": "***"}  # not even the hash is audited
    assert ok(sign_in(world.client, "wangwu", "Xinmima-2024"))["access_token"]


def test_a_changed_password_replaces_the_hash(world):
    uid = user_id(world, "staff")
    ok(world.patch("admin", f"{V1}/users/{uid}", json={"password": "Gengxin-2024x"}))
    problem(sign_in(world.client, "staff", PASSWORD), 401)
    assert ok(sign_in(world.client, "staff", "Gengxin-2024x"))["access_token"]


def test_user_input_is_checked(world):
    base = {"username": "zhaoliu", "display_name": "赵六", "password": "Xinmima-2024"}
    problem(
        world.post("admin", f"{V1}/users", json={**base, "role": "unit_handler"}),
        422,
        field="unit_id",
    )
    problem(
        world.post("admin", f"{V1}/users", json={**base, "password": "short", "role": "auditor"}),
        422,
        field="password",
    )
    problem(
        world.post("admin", f"{V1}/users", json={**base, "username": "admin", "role": "auditor"}),
        409,
        field="username",
    )


def test_api_keys_are_stored_only_as_hashes_and_shown_once(world):
    created = ok(
        world.post("admin", f"{V1}/api-keys", json={"name": "县OA系统", "scopes": ["items.*"]}),
        201,
    )
    key = created["key"]
    assert key.startswith("bl_") and created["prefix"] == key[:10]
    with db(world) as session:
        row = session.get(ApiKey, created["id"])
        assert row is not None
        stored = {c.key: getattr(row, c.key) for c in ApiKey.__table__.columns}
        audited = session.scalar(select(AuditEntry.changes).where(AuditEntry.entity == "api_keys"))
    assert stored["key_hash"] == digest(key)
    assert key not in str(stored)  # the key itself is nowhere in its row
    assert audited["key_hash"] == {"new": "***"}
    listed = ok(world.get("admin", f"{V1}/api-keys"))
    assert [k["name"] for k in listed] == ["县OA系统"]
    assert "key" not in listed[0] and key not in str(listed)


def test_cli_migrates_and_creates_an_office_admin_who_can_sign_in(tmp_path: Path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    api.settings.get_settings.cache_clear()
    try:
        assert cli.main(["migrate"]) == 0
        args = ["create-admin", "--username", "root", "--password", "Banli-Gov-2024"]
        assert cli.main([*args, "--display-name", "督查室管理员"]) == 0
        assert cli.main(args) == 1  # once only
        auditor = [
            "create-admin",
            "--username",
            "shenji",
            "--password",
            "Audit-Gov-2024x",
            "--role",
            "audit_admin",
        ]
        assert cli.main(auditor) == 0
    finally:
        monkeypatch.undo()
        api.settings.get_settings.cache_clear()

    app = create_app(Settings(DATABASE_URL=url, spa_dir=tmp_path / "no-spa"))
    with TestClient(app) as client:
        token = ok(sign_in(client, "root", "Banli-Gov-2024"))["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        me = ok(client.get(f"{V1}/auth/me", headers=bearer))
        audit_token = ok(sign_in(client, "shenji", "Audit-Gov-2024x"))["access_token"]
        bind_totp(client, audit_token)  # an administrator's first sign-in binds an authenticator
        params = {"entity": "users", "action": "create"}
        audit = ok(
            client.get(
                f"{V1}/audit", params=params, headers={"Authorization": f"Bearer {audit_token}"}
            )
        )
    app.state.engine.dispose()
    assert (me["username"], me["display_name"], me["role"]) == (
        "root",
        "督查室管理员",
        "office_admin",
    )
    assert [e["actor_name"] for e in audit["items"]] == ["banli create-admin"] * 2
