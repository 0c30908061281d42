"""``banli`` command line: migrate the database, create the first office admin."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from api.db import make_engine, make_sessionmaker
from api.imports import cli as import_cli
from api.migrate import upgrade
from api.reminders import cli as digest_cli
from api.settings import get_settings


def _migrate(_: argparse.Namespace) -> int:
    upgrade(get_settings().database_url)
    print("数据库已升级到最新版本")
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    """The first office admin; later accounts are made through the API by an admin."""
    import api.audit  # noqa: F401
    from api.accounts.schemas import UserCreate
    from api.accounts.service import create_user
    from api.models import User, UserRole

    password = args.password or getpass.getpass("密码（至少10位）：")
    engine = make_engine(get_settings().database_url)
    with make_sessionmaker(engine)() as session:
        session.info["actor"] = {"name": "banli create-admin"}
        if session.scalar(select(User.id).where(User.username == args.username)):
            print(f"用户 {args.username} 已存在", file=sys.stderr)
            return 1
        data = UserCreate(
            username=args.username,
            display_name=args.display_name,
            password=password,
            role=UserRole(args.role),
        )
        create_user(session, data)
        session.commit()
    print(f"已创建{UserRole(args.role).label} {args.username}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    """Fills an empty database with the demo county and prints the accounts once."""
    import api.audit  # noqa: F401
    from api.clock import today
    from api.demo import build_demo, is_empty

    engine = make_engine(get_settings().database_url)
    with make_sessionmaker(engine)() as session:
        if not is_empty(session):
            print("数据库中已有数据，未生成演示数据")
            return 0
        passwords = build_demo(session, today=today(), seed=args.seed)
        session.commit()
    print("已生成演示县数据。演示账号（密码只显示这一次）：")
    for username, password in passwords.items():
        print(f"  {username:<12} {password}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from api.backup import backup

    backup(get_settings().database_url, Path(args.file))
    print(f"已备份到 {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from api.backup import restore

    restore(get_settings().database_url, Path(args.file))
    print(f"已从 {args.file} 恢复")
    return 0


def _worker(args: argparse.Namespace) -> int:
    """Delivers webhooks from the outbox and emits deadline events, until stopped."""
    import api.audit  # noqa: F401
    from api.webhooks.worker import serve

    serve(make_sessionmaker(make_engine(get_settings().database_url)), once=args.once)
    return 0


def _audit_verify(_: argparse.Namespace) -> int:
    """Walks the audit log's hash chain; non-zero exit when any row was altered."""
    from api.audit_chain import broken_links
    from api.models import AuditEntry

    engine = make_engine(get_settings().database_url)
    with make_sessionmaker(engine)() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).yield_per(1000)
        bad = broken_links(entries)
        total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        oldest = session.scalar(select(func.min(AuditEntry.at)))
    if bad:
        print(f"审计日志被篡改：{len(bad)}条记录校验失败，首条ID {bad[0]}", file=sys.stderr)
        return 2
    print(f"审计日志完整：{total}条记录校验通过")
    if oldest is not None:  # 等保: kept at least 180 days; banli never prunes it
        days = (datetime.now(UTC).date() - oldest.date()).days
        print(f"最早记录：{oldest.date().isoformat()}，已保存{days}天（要求不少于180天）")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="banli", description="建议提案办理系统")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="升级数据库结构").set_defaults(run=_migrate)
    admin = commands.add_parser("create-admin", help="创建办公室管理员")
    admin.add_argument("--username", required=True)
    admin.add_argument("--display-name", default="办公室管理员")
    admin.add_argument("--password", help="省略时交互输入")
    admin.add_argument(
        "--role",
        default="office_admin",
        choices=["office_admin", "security_admin", "audit_admin"],
        help="系统管理员 / 安全管理员 / 审计管理员（三员分立）",
    )
    admin.set_defaults(run=_create_admin)
    demo = commands.add_parser("demo", help="生成演示县数据（仅空库）")
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(run=_demo)
    commands.add_parser("audit-verify", help="校验审计日志哈希链").set_defaults(run=_audit_verify)
    worker = commands.add_parser("worker", help="投递 webhook 并发出期限事件")
    worker.add_argument("--once", action="store_true", help="处理一轮后退出")
    worker.set_defaults(run=_worker)
    for name, run, text in (("backup", _backup, "备份数据库"), ("restore", _restore, "从备份恢复")):
        command = commands.add_parser(name, help=text)
        command.add_argument("file")
        command.set_defaults(run=run)
    import_cli.add_parser(commands)
    digest_cli.add_parser(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
