"""Real files for the import tests: workbooks made with openpyxl, CSV in GBK or UTF-8, and the
broken ones an office meets (truncated, formulas, zip bombs, not a workbook at all)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook

from tests.api.flows import V1, ok

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
ROWS: list[list[Any]] = [
    [
        1,
        "关于加快农村公路提档升级的建议",
        "建议加快农村公路提档升级，完善安全防护设施。",
        "张三",
        "李四、王五",
        "交通",
        "县交通运输局",
        "县财政局",
        "2024-04-11",
    ],
    [
        2,
        "关于改善城区学校办学条件的建议",
        "建议新建教学楼，缓解大班额问题。",
        "李四",
        None,
        "教育",
        "县教育体育局",
        None,
        date(2024, 4, 11),
    ],
    [
        "第3号",
        "关于加强城关镇环境卫生整治的建议",
        "建议增加保洁人员，完善垃圾收运设施。",
        "新代表甲",
        "张三",
        "城建",
        "城关镇人民政府",
        None,
        "2024年4月11日",
    ],
]
TITLE = "魏县第十届人民代表大会第三次会议代表建议交办表"


def xlsx(
    rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER, title: str | None = TITLE
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[Any]], encoding: str, header: Sequence[str] = HEADER
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding)


def zip_bomb() -> bytes:
    """A "workbook" whose sheet expands from a few KB to 20 MB of spaces (> 100:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))
    return out.getvalue()


def garbled_workbook() -> bytes:
    """A valid zip with a workbook part that is not XML at all."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "not xml <<<")
        archive.writestr("xl/workbook.xml", "not xml either <<<")
    return out.getvalue()


def upload(
    world,
    data: bytes,
    name: str = "建议交办表.xlsx",
    *,
    session: str = "npc_county",
    dry_run: bool = True,
    update: bool = False,
    who: str = "staff",
):
    form = {
        "session_id": str(world.sessions[session]),
        "dry_run": "true" if dry_run else "false",
        "update_existing": "true" if update else "false",
    }
    return world.post(who, f"{V1}/imports", data=form, files={"file": (name, data)})


def imported(world, data: bytes, name: str = "建议交办表.xlsx", **kw: Any) -> dict[str, Any]:
    """Uploads, then reads the finished job (the test client runs the job before returning)."""
    job = ok(upload(world, data, name, **kw), 202)
    assert job["status"] == "queued" and job["total"] >= 1
    return ok(world.get("staff", f"{V1}/imports/{job['id']}"))
