"""``banli digest [--date YYYY-MM-DD]``: each unit's daily digest of overdue and due-soon
deadlines, written to the outbox once per unit and day (running it again adds nothing)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from api.db import make_engine, make_sessionmaker
from api.settings import get_settings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("digest", help="生成各单位每日办理提醒（写入发件箱）")
    parser.add_argument("--date", type=date.fromisoformat, help="日期 YYYY-MM-DD，默认今天")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import api.audit  # noqa: F401
    from api.clock import today
    from api.reminders.service import write_digests

    day = args.date or today()
    engine = make_engine(get_settings().database_url)
    with make_sessionmaker(engine)() as session:
        session.info["actor"] = {"name": "banli digest"}
        written, existing = write_digests(session, day)
        session.commit()
    print(f"{day.isoformat()}：新写入{written}个单位的提醒，已存在{existing}个（未重复写入）")
    return 0
