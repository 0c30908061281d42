"""``banli`` command line: migrate the database, create the first office admin."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select

from api.db import make_engine, make_sessionmaker
from api.migrate import upgrade
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
            role=UserRole.OFFICE_ADMIN,
        )
        create_user(session, data)
        session.commit()
    print(f"已创建办公室管理员 {args.username}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="banli", description="建议提案办理系统")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="升级数据库结构").set_defaults(run=_migrate)
    admin = commands.add_parser("create-admin", help="创建办公室管理员")
    admin.add_argument("--username", required=True)
    admin.add_argument("--display-name", default="办公室管理员")
    admin.add_argument("--password", help="省略时交互输入")
    admin.set_defaults(run=_create_admin)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
