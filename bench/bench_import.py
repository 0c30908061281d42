"""Bulk import of 10,000 rows on SQLite, through the same services as the API (issue 6).

Target: a committed import of 10,000 rows in under 10 s. Also measured: reading the file,
a dry run, and importing the same file again (idempotent: nothing changes).

    .venv/bin/python bench/bench_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.imports.service import ImportOptions, prepare, run_import
from api.models import Assignment, Item
from bench.common import fresh_database, person, seed_county, title_and_content, unit_names

HEADER = [
    "建议号",
    "案由",
    "内容",
    "领衔代表",
    "联名代表",
    "类别",
    "主办单位",
    "会办单位",
    "交办日期",
]


def workbook(rows: int) -> bytes:
    rng = random.Random(6)
    units = unit_names()
    book = Workbook()  # not write-only: like Excel, it records the sheet's <dimension>
    sheet = book.active
    assert sheet is not None
    sheet.title = "交办表"
    sheet.append(["魏县第十届人民代表大会第三次会议代表建议交办表"])
    sheet.append(HEADER)
    for number in range(1, rows + 1):
        title, content = title_and_content(rng)
        main, co = rng.sample(units, 2)
        people = list(dict.fromkeys(person(rng) for _ in range(rng.randint(1, 4))))
        row = [number, title, content, people[0], "、".join(people[1:]), "综合", main]
        sheet.append([*row, co if number % 3 else "", "2024-04-11"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(label: str, target: float | None, run):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = run()
    took = time.perf_counter() - start
    verdict = (
        "" if target is None else f" — target < {target:g} s: {'OK' if took < target else 'MISSED'}"
    )
    print(f"{label}: {took:.2f} s{verdict}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    url, make = fresh_database()
    session_id = seed_county(make)
    data = timed(f"workbook of {args.rows:,} rows written", None, lambda: workbook(args.rows))
    print(f"file size: {len(data) / 1024 / 1024:.1f} MB")
    table = timed(
        "read and parsed (zip checks, formulas, headers)",
        None,
        lambda: prepare(data, "b.xlsx", 50 * 2**20),
    )

    def run(dry_run: bool):  # type: ignore[no-untyped-def]
        """Everything an import does: read the file, check, write, commit (or roll back)."""
        table = prepare(data, "b.xlsx", 50 * 2**20)
        with make() as session:
            session.info["actor"] = {"name": "bench"}
            report = run_import(session, table, ImportOptions(session_id, dry_run, False, "b.xlsx"))
            session.commit() if report["committed"] else session.rollback()
            return report

    dry = timed(
        f"dry run, {args.rows:,} rows (read + check + write, rolled back)", None, lambda: run(True)
    )
    assert dry["ok"], dry["problems"][:5]
    done = timed(
        f"import committed, {args.rows:,} rows (read + check + write + commit)",
        10,
        lambda: run(False),
    )
    assert done["committed"], done["problems"][:5]
    again = timed("same file again (idempotent)", None, lambda: run(False))
    assert len(table.rows) == args.rows
    with make() as session:
        items = session.scalar(select(func.count()).select_from(Item))
        assignments = session.scalar(select(func.count()).select_from(Assignment))
    print(
        f"items: {items:,}, assignments: {assignments:,}; second import: "
        f"{again['summary']['unchanged']:,} unchanged, {again['summary']['create']} created"
    )
    print(f"database: {url}")


if __name__ == "__main__":
    main()
