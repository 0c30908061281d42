"""Backups. SQLite: an online copy through SQLite's backup API (safe while the API runs).
PostgreSQL: ``pg_dump -Fc`` / ``pg_restore`` — documented, and run here when on the PATH."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def _pg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(url: str, target: Path) -> None:
    """Copies the whole database into ``target`` (a SQLite file, or a pg_dump archive)."""
    path = _sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if path is not None:
        with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    if shutil.which("pg_dump") is None:
        raise RuntimeError("未找到 pg_dump：请安装 PostgreSQL 客户端后重试，或参见 docs/deploy.md")
    subprocess.run(["pg_dump", "-Fc", "-f", str(target), _pg_url(url)], check=True)


def restore(url: str, source: Path) -> None:
    """Replaces the database's contents with the backup in ``source``."""
    if not source.is_file():
        raise FileNotFoundError(f"备份文件不存在：{source}")
    path = _sqlite_path(url)
    if path is not None:
        with sqlite3.connect(source) as backup_db, sqlite3.connect(path) as live:
            backup_db.backup(live)
        return
    if shutil.which("pg_restore") is None:
        raise RuntimeError("未找到 pg_restore：请安装 PostgreSQL 客户端后重试")
    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", _pg_url(url), str(source)],
        check=True,
    )
