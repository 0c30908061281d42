"""Operations: readiness, metrics, request ids, security headers, backup and restore."""

from __future__ import annotations

import subprocess

import sqlalchemy as sa

from api import cli
from api.settings import get_settings
from tests.api.test_smoke_flow import V1, make_item


def test_ready_when_the_schema_is_current(client):
    body = client.get(f"{V1}/health/ready").json()
    assert body["status"] == "ready" and body["revision"] == body["head"]


def test_every_answer_has_a_request_id_and_security_headers(client):
    response = client.get(f"{V1}/health", headers={"X-Request-ID": "abc123"})
    assert response.headers["x-request-id"] == "abc123"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert len(client.get(f"{V1}/health").headers["x-request-id"]) == 32


def test_metrics_count_requests(client):
    client.get(f"{V1}/health")
    text = client.get(f"{V1}/metrics").text
    assert 'banli_requests_total{method="GET",route="/api/v1/health",status="200"}' in text


def test_a_sqlite_backup_restores_every_item(tmp_path, monkeypatch):
    """banli backup / restore (issue 8): a restored database finds every item."""
    live, saved = tmp_path / "live.sqlite3", tmp_path / "backup.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{live}")
    get_settings.cache_clear()
    try:
        assert cli.main(["migrate"]) == 0
        engine = sa.create_engine(f"sqlite:///{live}")
        with engine.begin() as c:
            c.execute(
                sa.text(
                    "INSERT INTO units (name, kind, active, version, created_at, "
                    "updated_at) VALUES ('县交通运输局', 'department', 1, 1, "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
        assert cli.main(["backup", str(saved)]) == 0
        with engine.begin() as c:
            c.execute(sa.text("DELETE FROM units"))
        assert cli.main(["restore", str(saved)]) == 0
        with engine.connect() as c:
            assert c.execute(sa.text("SELECT name FROM units")).scalars().all() == ["县交通运输局"]
        engine.dispose()
    finally:
        get_settings.cache_clear()


def test_items_survive_a_backup_made_while_the_api_runs(world, tmp_path, app):
    """SQLite: an online copy; PostgreSQL: a pg_dump archive whose items table has them all."""
    from api.backup import backup

    for number in (1, 2, 3):
        make_item(world, number=number, title=f"备份测试第{number}件")
    url = app.state.engine.url.render_as_string(hide_password=False)
    target = tmp_path / "copy.backup"
    backup(url, target)
    if app.state.engine.dialect.name == "sqlite":
        copy = sa.create_engine(f"sqlite:///{target}")
        with copy.connect() as c:
            titles = sorted(c.execute(sa.text("SELECT title FROM items")).scalars())
        copy.dispose()
    else:
        dumped = subprocess.run(
            ["pg_restore", "--data-only", "-t", "items", "-f", "-", str(target)],
            check=True,
            capture_output=True,
            text=True,
        )
        titles = sorted(
            t for t in ("备份测试第1件", "备份测试第2件", "备份测试第3件") if t in dumped.stdout
        )
    assert titles == ["备份测试第1件", "备份测试第2件", "备份测试第3件"]
