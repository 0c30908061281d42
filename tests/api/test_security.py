"""Application controls of GB/T 22239-2019 level 3 (issue 8): lock-out, throttling, password
policy and expiry, idle timeout, TOTP, separation of duties (三员分立), a tamper-evident
audit log, personal data encrypted at rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import sqlalchemy as sa

import api.settings
from api import cli
from api.audit_chain import broken_links
from api.auth import policy
from api.models import AuditEntry, AuthSession, User
from tests.api.conftest import PASSWORD
from tests.api.helpers import V1, ok, problem, user_id
from tests.api.test_accounts import sign_in


def test_five_failures_lock_the_account(world):
    for _ in range(5):
        problem(sign_in(world.client, "handler", "wrong-password"), 401)
    locked = sign_in(world.client, "handler", PASSWORD)  # even the right password
    assert locked.status_code == 423 and "锁定" in locked.json()["detail"]


def test_sign_in_attempts_are_throttled_per_address(world, monkeypatch):
    monkeypatch.setattr(policy, "throttle", policy.Throttle(limit=3, window=60))
    for _ in range(3):
        sign_in(world.client, "nobody", "x")
    throttled = sign_in(world.client, "nobody", "x")
    assert throttled.status_code == 429 and throttled.headers["retry-after"] == "60"


@pytest.mark.parametrize(
    ("password", "reason"),
    [("Short-1", "过短"), ("alllowercase1", "三类"), ("Newuser-2024x", "用户名")],
)
def test_password_complexity(world, password, reason):
    body = {
        "username": "newuser",
        "display_name": "新用户",
        "password": password,
        "role": "office_staff",
    }
    refused = problem(world.post("admin", f"{V1}/users", json=body), 422, field="password")
    assert reason in refused["detail"]


def _forget_password_change(app, username: str) -> None:
    """As after an administrator reset it: never set by its owner."""
    with app.state.sessionmaker() as s:
        s.execute(sa.update(User).where(User.username == username).values(password_changed_at=None))
        s.commit()


def test_an_expired_password_must_be_changed_before_anything_else(world, app):
    _forget_password_change(app, "handler")
    token = ok(sign_in(world.client, "handler", PASSWORD))
    assert token["password_expired"] is True and token["totp_required"] is False
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    assert ok(world.client.get(f"{V1}/auth/me", headers=bearer))["pending"] == "password"
    refused = problem(world.client.get(f"{V1}/items", headers=bearer), 403, field="password")
    assert "修改密码" in refused["detail"]
    changed = world.client.post(
        f"{V1}/auth/password",
        headers=bearer,
        json={"old_password": PASSWORD, "new_password": "Chang-Pass-2025"},
    )
    assert changed.status_code == 204
    assert world.client.get(f"{V1}/items", headers=bearer).status_code == 200  # the same token
    assert ok(sign_in(world.client, "handler", "Chang-Pass-2025"))["password_expired"] is False


def test_an_administrator_binds_totp_before_anything_else(world, app):
    """等保三级: a second factor required of administrators (BANLI_ADMIN_TOTP_REQUIRED)."""
    with app.state.sessionmaker() as s:
        s.execute(
            sa.update(User)
            .where(User.username == "security")
            .values(totp_enabled=False, totp_secret=None)
        )
        s.commit()
    token = ok(sign_in(world.client, "security", PASSWORD))
    assert token["totp_required"] is True
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    problem(world.client.get(f"{V1}/users", headers=bearer), 403, field="totp")
    secret = ok(world.client.post(f"{V1}/auth/totp", headers=bearer))["secret"]
    code = {"code": pyotp.TOTP(secret).now()}
    confirmed = world.client.post(f"{V1}/auth/totp/confirm", headers=bearer, json=code)
    assert confirmed.status_code == 204
    assert ok(world.client.get(f"{V1}/auth/me", headers=bearer))["pending"] is None
    assert world.client.get(f"{V1}/users", headers=bearer).status_code == 200
    staff = ok(sign_in(world.client, "staff", PASSWORD))  # not an administrator: no TOTP
    assert staff["totp_required"] is False


def test_an_idle_session_ends(world, app):
    with app.state.sessionmaker() as s:
        s.execute(
            sa.update(AuthSession).values(last_seen_at=datetime.now(UTC) - timedelta(minutes=31))
        )
        s.commit()
    gone = world.get("handler", f"{V1}/auth/me")
    assert gone.status_code == 401 and "未操作" in gone.json()["detail"]


def test_totp_once_bound_is_required_at_sign_in(world):
    """A rebinding replaces the authenticator: only the new one's codes are accepted."""
    secret = ok(world.post("admin", f"{V1}/auth/totp"))["secret"]
    assert (
        world.post("admin", f"{V1}/auth/totp/confirm", json={"code": "000000"}).status_code == 422
    )
    code = pyotp.TOTP(secret).now()
    assert world.post("admin", f"{V1}/auth/totp/confirm", json={"code": code}).status_code == 204
    problem(sign_in(world.client, "admin", PASSWORD), 401, field="totp")
    response = world.client.post(
        f"{V1}/auth/token",
        data={"username": "admin", "password": PASSWORD, "totp": pyotp.TOTP(secret).now()},
    )
    assert response.status_code == 200


def test_separation_of_duties(world):
    """三员分立: accounts by the system admin, roles and clearances by the security admin,
    the audit log by the audit admin; none does the others' work."""
    auditor = user_id(world, "auditor")
    body = {
        "username": "mimi",
        "display_name": "涉密员",
        "password": "Mimi-Gov-2024x",
        "role": "office_staff",
        "secret_clearance": True,
    }
    problem(world.post("admin", f"{V1}/users", json=body), 403)  # a clearance
    problem(world.put("admin", f"{V1}/users/{auditor}/grant", json={"role": "office_admin"}), 403)
    granted = ok(
        world.put(
            "security",
            f"{V1}/users/{auditor}/grant",
            json={"role": "office_staff", "secret_clearance": True},
        )
    )
    assert (granted["role"], granted["secret_clearance"]) == ("office_staff", True)
    own = user_id(world, "security")
    problem(world.put("security", f"{V1}/users/{own}/grant", json={"role": "office_admin"}), 403)
    problem(world.get("security", f"{V1}/items"), 403)  # no business data
    problem(world.get("admin", f"{V1}/audit"), 403)
    assert ok(world.get("audit_admin", f"{V1}/audit"))["total"] > 0


def test_the_audit_log_is_a_hash_chain_that_detects_tampering(world, app):
    ok(
        world.patch(
            "admin",
            f"{V1}/units/{world.units['transport']}",
            json={"contact_phone": "0310-3510000"},
        )
    )
    with app.state.sessionmaker() as s:
        entries = list(s.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)))
        assert len(entries) > 5 and broken_links(entries) == []
        victim = entries[len(entries) // 2]
        s.execute(
            sa.update(AuditEntry)
            .where(AuditEntry.id == victim.id)
            .values(actor_name="someone else")
        )
        s.commit()
        entries = list(s.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)))
    assert broken_links(entries) == [victim.id]


def test_proposers_phone_numbers_are_encrypted_at_rest(world, app):
    with app.state.engine.connect() as c:
        stored = c.execute(sa.text("SELECT phone FROM proposers")).scalars().all()
    assert stored and all("13812345678" not in value for value in stored)
    proposer = ok(world.get("staff", f"{V1}/proposers", params={"q": "张三"}))["items"][0]
    assert proposer["phone"] == "13812345678"


def test_audit_verify_reports_the_chain_and_how_long_it_reaches_back(tmp_path, monkeypatch, capsys):
    """等保: records kept at least 180 days — the command shows the oldest one's age."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    api.settings.get_settings.cache_clear()
    try:
        assert cli.main(["migrate"]) == 0
        args = ["create-admin", "--username", "root", "--password", "Banli-Gov-2024"]
        assert cli.main(args) == 0
        capsys.readouterr()
        assert cli.main(["audit-verify"]) == 0
    finally:
        monkeypatch.undo()
        api.settings.get_settings.cache_clear()
    printed = capsys.readouterr().out
    today = datetime.now(UTC).date().isoformat()
    assert "条记录校验通过" in printed
    assert f"最早记录：{today}，已保存0天（要求不少于180天）" in printed
