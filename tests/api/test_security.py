"""Application controls of GB/T 22239-2019 level 3 (issue 8): lock-out, throttling, password
policy and expiry, idle timeout, TOTP, separation of duties (三员分立), a tamper-evident
audit log, personal data encrypted at rest."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import sqlalchemy as sa

import api.settings
from api import cli
from api.audit_chain import broken_links
from api.auth import policy
from api.models import AuditEntry, AuthSession, User
from tests.api.conftest import PASSWORD, TOTP_SECRET
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


def test_an_api_key_never_carries_an_administrators_powers(world):
    """三员分立 holds for keys too: no administrator role, clearance only by the security admin."""
    as_security = {"name": "审计对接", "role": "security_admin", "scopes": ["*"]}
    problem(world.post("admin", f"{V1}/api-keys", json=as_security), 403, field="role")
    cleared = {"name": "涉密对接", "role": "office_staff", "secret_clearance": True}
    problem(world.post("admin", f"{V1}/api-keys", json=cleared), 403, field="secret_clearance")
    plain = {"name": "县OA系统", "role": "office_staff", "scopes": ["items.read"]}
    assert ok(world.post("admin", f"{V1}/api-keys", json=plain), 201)["role"] == "office_staff"


def test_a_new_accounts_initial_password_is_changed_at_first_sign_in(world):
    body = {
        "username": "xinren",
        "display_name": "新同事",
        "password": "Init-Pass-2024",
        "role": "office_staff",
    }
    ok(world.post("admin", f"{V1}/users", json=body), 201)
    token = ok(sign_in(world.client, "xinren", "Init-Pass-2024"))
    assert token["password_expired"] is True
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    problem(world.client.get(f"{V1}/items", headers=bearer), 403, field="password")


def test_secrets_never_reach_the_audit_log(world):
    """A TOTP secret and a webhook's signing secret are masked like password hashes."""
    ok(world.post("security", f"{V1}/auth/totp"))
    hook = {
        "name": "县OA",
        "url": "https://oa.example.gov.cn/hook",
        "event_types": ["item.assigned"],
    }
    created = ok(world.post("admin", f"{V1}/webhooks", json=hook), 201)
    log = ok(world.get("audit_admin", f"{V1}/audit", params={"page_size": 500}))["items"]
    totp = [e["changes"]["totp_secret"] for e in log if "totp_secret" in e["changes"]]
    secrets = [e["changes"]["secret"] for e in log if e["entity"] == "webhook_subscriptions"]
    assert totp and all(c == {"new": "***"} for c in totp)
    assert secrets == [{"new": "***"}] and created["secret"] not in str(log)


def test_the_audit_log_filters_by_time_and_outcome_and_exports_as_csv(world):
    problem(sign_in(world.client, "handler", "wrong-password"), 401)
    failures = ok(world.get("audit_admin", f"{V1}/audit", params={"outcome": "failure"}))
    assert [(e["action"], e["actor_name"]) for e in failures["items"]] == [("sign_in", "handler")]
    later = {"since": "2999-01-01T00:00:00Z"}
    assert ok(world.get("audit_admin", f"{V1}/audit", params=later))["total"] == 0
    backwards = {"since": "2024-02-01T00:00:00", "until": "2024-01-01T00:00:00"}
    problem(world.get("audit_admin", f"{V1}/audit", params=backwards), 422, field="until")
    problem(world.get("audit_admin", f"{V1}/audit", params={"outcome": "maybe"}), 422)

    exported = world.get("audit_admin", f"{V1}/audit/export.csv", params={"outcome": "failure"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "时间(UTC)", "操作人"] and rows[0][-1] == "哈希"
    assert [(r[2], r[7], r[11]) for r in rows[1:]] == [("handler", "sign_in", "failure")]
    exports = ok(world.get("audit_admin", f"{V1}/audit", params={"action": "export"}))
    assert exports["items"][0]["changes"] == {"rows": 1, "outcome": "failure"}
    problem(world.get("admin", f"{V1}/audit/export.csv"), 403)


def test_a_cell_a_spreadsheet_would_run_is_quoted_in_the_export(world):
    sign_in(world.client, "=HYPERLINK(1)", "x")  # the name tried is recorded as the actor
    exported = world.get("audit_admin", f"{V1}/audit/export.csv", params={"outcome": "failure"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_a_bound_authenticator_is_asked_for_not_counted_as_a_failure(world):
    asked = problem(sign_in(world.client, "admin", PASSWORD), 401, field="totp")
    assert asked["detail"] == "请输入动态口令"
    log = ok(world.get("audit_admin", f"{V1}/audit", params={"action": "sign_in"}))["items"]
    assert (log[0]["outcome"], log[0]["changes"]) == ("challenge", {"reason": "需要动态口令"})
    wrong = world.client.post(
        f"{V1}/auth/token", data={"username": "admin", "password": PASSWORD, "totp": "000000"}
    )
    assert problem(wrong, 401, field="totp")["detail"] == "动态口令错误"
    right = pyotp.TOTP(TOTP_SECRET).now()
    signed = world.client.post(
        f"{V1}/auth/token", data={"username": "admin", "password": PASSWORD, "totp": right}
    )
    assert signed.status_code == 200 and signed.json()["totp_required"] is False


def test_the_security_administrator_reads_the_policy_in_force_and_the_units(world):
    policy_now = ok(world.get("security", f"{V1}/security/policy"))
    assert policy_now == {
        "password_min_length": 10,
        "password_kinds": 3,
        "password_max_age_days": 90,
        "max_failed_logins": 5,
        "lockout_minutes": 15,
        "sign_in_attempts_per_minute": 20,
        "idle_timeout_minutes": 30,
        "token_lifetime_minutes": 120,
        "admin_totp_required": True,
    }
    names = {u["name"] for u in ok(world.get("security", f"{V1}/units"))}
    assert "县交通运输局" in names
    problem(world.get("handler", f"{V1}/security/policy"), 403)
