"""Bulk import through HTTP (and the ``banli import`` command) with real files: a dry run
reports every problem and saves nothing, a commit is all or nothing and idempotent, imported
items obey the same rules as typed ones (R-AS-1), and unreadable files are 413/422."""

from __future__ import annotations

import copy
import os
import re
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.cli import main as banli
from api.imports.service import ImportOptions, prepare, run_import
from api.models import Assignment, AuditEntry, ImportJob, ImportStatus, Item, Proposer
from api.models.webhooks import Event
from api.settings import get_settings
from tests.api.flows import V1, assign, db, make_item, ok, problem
from tests.api.sheets import (
    HEADER,
    ROWS,
    csv_bytes,
    garbled_workbook,
    imported,
    upload,
    xlsx,
    zip_bomb,
)


def count(world, model) -> int:
    with db(world) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def items_by_number(world) -> dict[int, dict]:
    listed = ok(world.get("staff", f"{V1}/items", params={"page_size": 100}))["items"]
    return {i["number"]: ok(world.get("staff", f"{V1}/items/{i['id']}")) for i in listed}


def test_a_dry_run_reports_what_would_be_created_and_saves_nothing(world):
    job = imported(world, xlsx(ROWS))
    report = job["report"]
    assert job["status"] == "done" and job["percent"] == 100 and job["done"] == 3
    assert report["ok"] and not report["committed"] and report["dry_run"]
    assert report["header_row"] == 2  # the sheet's title row above the header is skipped
    assert report["columns"]["number"] == "建议号" and report["columns"]["lead"] == "领衔代表"
    assert [c["number"] for c in report["created"]] == [1, 2, 3]
    assert report["proposers_created"] == [{"name": "新代表甲", "kind": "deputy"}]
    assert report["problems"] == []
    assert count(world, Item) == 0 and count(world, Proposer) == 6


def test_a_commit_creates_the_items_through_the_same_services(world):
    job = imported(world, xlsx(ROWS), dry_run=False)
    assert job["report"]["committed"], job["report"]
    items = items_by_number(world)
    assert sorted(items) == [1, 2, 3]
    first = items[1]
    assert [(p["name"], p["is_lead"]) for p in first["proposers"]] == [
        ("张三", True),
        ("李四", False),
        ("王五", False),
    ]
    roles = {(a["unit_name"], a["role"]) for a in first["assignments"]}
    assert roles == {("县交通运输局", "main"), ("县财政局", "co")}
    main = next(a for a in first["assignments"] if a["role"] == "main")
    reply = next(d for d in main["deadlines"] if d["rule_id"] == "R-DL-4")
    assert first["second_assignment"] == "2024-04-11" and reply["due"] == "2024-07-11"
    assert first["topic"] == "交通" and items[3]["proposers"][0]["name"] == "新代表甲"
    with db(world) as session:  # audited like any change, and the import itself recorded
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"import", "create"} <= actions


def test_the_same_file_twice_changes_nothing(world):
    data = xlsx(ROWS)
    imported(world, data, dry_run=False)
    before = {n: i["version"] for n, i in items_by_number(world).items()}
    again = imported(world, data, dry_run=False)["report"]
    assert again["ok"] and again["summary"]["create"] == 0
    assert [u["number"] for u in again["unchanged"]] == [1, 2, 3]
    assert {n: i["version"] for n, i in items_by_number(world).items()} == before
    assert count(world, Proposer) == 7  # 新代表甲 made once


def test_a_changed_row_is_refused_unless_the_caller_asks_to_update(world):
    imported(world, xlsx(ROWS), dry_run=False)
    rows = copy.deepcopy(ROWS)
    rows[0][1] = "关于加快农村公路提档升级改造的建议"
    rows[1][6] = "县财政局"
    refused = imported(world, xlsx(rows), dry_run=False)
    assert refused["status"] == "refused" and not refused["report"]["committed"]
    changed = {c["number"]: c for c in refused["report"]["changed"]}
    assert set(changed) == {1, 2} and not changed[1]["applied"]
    assert "标题" in changed[1]["changes"] and "承办单位" in changed[2]["changes"]
    assert {(p["row"], p["column"]) for p in refused["report"]["problems"]} == {
        (3, "建议号"),
        (4, "建议号"),
    }
    assert items_by_number(world)[1]["title"] == ROWS[0][1]

    updated = imported(world, xlsx(rows), dry_run=False, update=True)["report"]
    assert updated["committed"] and all(c["applied"] for c in updated["changed"])
    items = items_by_number(world)
    assert items[1]["title"] == rows[0][1]
    assert [a["unit_name"] for a in items[2]["assignments"]] == ["县财政局"]


def test_a_gbk_csv_with_unknown_units_offers_the_closest_names(world):
    rows = copy.deepcopy(ROWS)
    rows[0][6] = "县交通局"
    rows[1][6] = "教育局"
    job = imported(world, csv_bytes(rows, "gbk"), "建议.csv", dry_run=False)
    report = job["report"]
    assert job["status"] == "refused" and not report["committed"]
    by_row = {p["row"]: p for p in report["problems"]}
    assert set(by_row) == {2, 3}
    assert by_row[2]["column"] == "主办单位" and by_row[2]["candidates"][0] == "县交通运输局"
    assert "县交通局" in by_row[2]["reason"] and "县交通运输局" in by_row[2]["reason"]
    assert by_row[3]["candidates"][0] == "县教育体育局"
    assert report["unmatched_units"]["县交通局"][0] == "县交通运输局"
    assert count(world, Item) == 0  # all or nothing: row 4 was fine, yet nothing is saved


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_excel_saves(world, encoding):
    report = imported(world, csv_bytes(ROWS, encoding), "建议.csv", dry_run=False)["report"]
    assert report["committed"] and report["summary"]["create"] == 3
    assert items_by_number(world)[1]["title"] == ROWS[0][1]


def test_every_problem_is_reported_with_row_column_and_reason(world):
    rows = [
        [1, "", "", "张三", None, None, "县交通运输局", None, "2024-04-11"],
        ["十五", "关于某事的建议", "", "张三", None, None, "县交通运输局", None, None],
        [4, "关于某事的建议", "", "张三", None, None, "县交通运输局", None, "2024-13-45"],
        [4, "关于另一事的建议", "", "李四", None, None, "县交通运输局", None, None],
        [5, "关于两个主办的建议", "", "王五", None, None, "县交通运输局、县财政局", None, None],
        [6, "关于好的建议", "", "王五", None, None, "县交通运输局", None, None],
    ]
    report = imported(world, xlsx(rows, title=None), dry_run=False)["report"]
    found = {(p["row"], p["column"]) for p in report["problems"]}
    assert found == {
        (2, "案由"),  # empty title
        (3, "建议号"),  # not a number
        (4, "交办日期"),  # not a date
        (5, "建议号"),  # number repeated
        (6, "主办单位"),  # R-AS-1: one main unit, asked of the domain through set_assignments
    }
    reasons = {p["row"]: p["reason"] for p in report["problems"]}
    assert "主办单位只能有一个" in reasons[6] and "第4行" in reasons[5]
    assert not report["committed"] and count(world, Item) == 0


def test_imported_items_obey_the_same_rules_as_typed_ones(world):
    """R-AS-1: a lone split unit is refused, as the assignment endpoint refuses it."""
    header = [*HEADER[:7], "分办单位"]
    rows = [[1, "关于某事的建议", "", "张三", None, None, None, "县财政局"]]
    report = imported(world, xlsx(rows, header=header), dry_run=False)["report"]
    (only,) = report["problems"]
    assert only["column"] == "分办单位" and "分办须有两个及以上单位" in only["reason"]


def test_a_proposal_session_makes_members_and_organisations(world):
    header = ["提案号", "案由", "提案人", "附议人", "主办单位"]
    rows = [
        [8, "关于发展特色农业的提案", "民盟魏县总支", None, "县财政局"],
        [9, "关于加强养老服务的提案", "新委员乙、赵六", None, "县财政局"],
    ]
    report = imported(world, xlsx(rows, header=header), session="cppcc_county", dry_run=False)
    made = {p["name"]: p["kind"] for p in report["report"]["proposers_created"]}
    assert made == {"新委员乙": "member"}  # 民盟魏县总支 and 赵六 are known
    assert report["report"]["committed"]


@pytest.mark.parametrize(
    ("make", "name", "status", "needle"),
    [
        (lambda: xlsx(ROWS)[:2000], "truncated.xlsx", 422, "损坏"),
        (garbled_workbook, "garbled.xlsx", 422, "损坏"),
        (lambda: b"plain text, not a zip", "fake.xlsx", 422, "损坏"),
        (zip_bomb, "bomb.xlsx", 413, "压缩炸弹"),
        (lambda: b"\xd0\xcf\x11\xe0 old excel", "old.xls", 415, ".xls"),
        (lambda: b"", "empty.csv", 422, "为空"),
        (lambda: csv_bytes([["a", "b"]], "utf-8", header=["甲", "乙"]), "x.csv", 422, "表头"),
    ],
    ids=["truncated", "garbled", "not-a-zip", "zip-bomb", "xls", "empty", "no-header"],
)
def test_unreadable_files_are_refused_clearly(world, make, name, status, needle):
    body = problem(upload(world, make(), name), status, field="file")
    assert needle in body["detail"]
    assert ok(world.get("staff", f"{V1}/imports")) == []  # no job was made


def test_formulas_are_refused_with_their_cells(world):
    rows = copy.deepcopy(ROWS)
    rows[1][0] = "=1+1"
    body = problem(upload(world, xlsx(rows)), 422, field="file")
    assert "公式" in body["detail"] and "A4" in body["detail"]
    assert body["errors"][0]["row"] == 4 and body["errors"][0]["column"] == "A"


def test_an_oversized_file_is_413(world, monkeypatch):
    monkeypatch.setattr(world.client.app.state.settings, "import_max_bytes", 4096)
    body = problem(upload(world, xlsx(ROWS * 20)), 413, field="file")
    assert "上限" in body["detail"]


def test_only_the_office_imports_and_the_auditor_reads_jobs(world):
    problem(upload(world, xlsx(ROWS), who="handler"), 403)
    job = imported(world, xlsx(ROWS))
    assert ok(world.get("auditor", f"{V1}/imports/{job['id']}"))["report"]["ok"]
    problem(world.get("handler", f"{V1}/imports/{job['id']}"), 403)
    listed = ok(world.get("staff", f"{V1}/imports"))
    assert [j["id"] for j in listed] == [job["id"]] and listed[0]["report"] is None
    problem(world.get("staff", f"{V1}/imports/999999"), 404)
    body = {"session_id": "999999", "dry_run": "true"}
    missing = world.post("staff", f"{V1}/imports", data=body, files={"file": ("a.xlsx", b"x")})
    problem(missing, 422, field="session_id")


def test_an_interrupted_import_leaves_the_database_as_it_was(world):
    """Rows already written inside the one transaction vanish when it never commits."""
    table = prepare(xlsx(ROWS), "a.xlsx", 10**6)
    options = ImportOptions(world.sessions["npc_county"], dry_run=False)
    written = []

    def killed(done: int, total: int) -> None:
        if done > total // 2:  # the rows are written: stop before the commit
            written.append(session.scalar(select(func.count()).select_from(Item)))
            raise KeyboardInterrupt

    with db(world) as session, pytest.raises(KeyboardInterrupt):
        run_import(session, table, options, killed)
    assert written == [3]
    assert count(world, Item) == 0 and count(world, Proposer) == 6


def test_the_command_line_import(world, tmp_path, monkeypatch, capsys, db_url):
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    try:
        path = tmp_path / "交办表.xlsx"
        path.write_bytes(xlsx(ROWS))
        session = str(world.sessions["npc_county"])
        assert banli(["import", str(path), "--session", session, "--dry-run"]) == 0
        assert "试导入" in capsys.readouterr().out and count(world, Item) == 0
        report = tmp_path / "report.json"
        assert banli(["import", str(path), "--session", session, "--report", str(report)]) == 0
        assert "已导入" in capsys.readouterr().out and count(world, Item) == 3
        assert '"committed": true' in report.read_text(encoding="utf-8")
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"broken")
        assert banli(["import", str(bad), "--session", session]) == 2
        assert "损坏" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()


FIELDS = ("title", "content", "topic", "first_assignment", "second_assignment", "secret")


def _stored(world, item_id: int) -> tuple:
    with db(world) as session:
        item = session.get(Item, item_id)
        assert item is not None
        links = [(p.proposer_id, p.is_lead, p.position) for p in item.proposer_links]
        units = sorted(
            (a.unit_id, a.role, a.key_item, a.due_on, a.done_on)
            for a in session.scalars(select(Assignment).where(Assignment.item_id == item_id))
        )
        events = sorted(  # what the integration hears (webhooks), ids aside
            (e.event_type, sorted((k, v) for k, v in e.payload.items() if k != "item_id"))
            for e in session.scalars(select(Event))
            if e.payload.get("item_id") == item_id
        )
        return tuple(getattr(item, f) for f in FIELDS), links, units, events


@pytest.mark.parametrize("split", [False, True], ids=["main-and-co", "split-secret"])
def test_an_imported_item_equals_one_made_through_the_api(world, split):
    """The import writes new items in bulk: they must be exactly what ``create_item`` and
    ``set_assignments`` make of the same data (fields, lead, positions, due dates)."""
    header = [*HEADER, "第一次交办日期", "是否涉密", "分办单位"]
    title, content = ROWS[0][1], ROWS[0][2]
    units = (
        [("transport", "split"), ("finance", "split")]
        if split
        else [
            ("transport", "main"),
            ("finance", "co"),
        ]
    )
    row = [1, title, content, "张三", "李四、王五", "交通"]
    row += [None, None] if split else ["县交通运输局", "县财政局"]
    row += ["2024-04-11", "2024-03-20", "是" if split else "否"]
    row += ["县交通运输局、县财政局" if split else None]
    made = make_item(
        world,
        1,
        proposers=("zhang", "li", "wang"),
        title=title,
        content=content,
        topic="交通",
        first_assignment="2024-03-20",
        secret=split,
        who="admin",  # cleared for secret items (R-RP-2)
    )
    assign(world, made["id"], units, who="admin")
    job = imported(world, xlsx([row], header=header), session="npc_city", dry_run=False)
    assert job["report"]["committed"], job["report"]["problems"]
    with db(world) as session:
        copy_id = session.scalar(
            select(Item.id).where(Item.session_id == world.sessions["npc_city"])
        )
    assert copy_id is not None
    copied, original = _stored(world, copy_id), _stored(world, made["id"])
    assert copied == original and len(original[3]) == 2  # one item.assigned per unit


def test_a_killed_import_process_leaves_the_database_as_it_was(world, tmp_path, db_url):
    """``kill -9`` in the middle of writing: the one transaction never committed."""
    rows = [
        [
            n,
            f"关于第{n}号事项的建议",
            "内容",
            "张三",
            "李四",
            "交通",
            "县交通运输局",
            None,
            "2024-04-11",
        ]
        for n in range(1, 3001)
    ]
    path = tmp_path / "big.xlsx"
    path.write_bytes(xlsx(rows))
    command = [sys.executable, "-m", "api.cli", "import", str(path)]
    command += ["--session", str(world.sessions["npc_county"])]
    env = {**os.environ, "DATABASE_URL": db_url}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert process.stderr is not None
    seen = b""
    try:
        while not re.search(r"写入: +[1-9]\d?%".encode(), seen):  # writing, not yet committed
            chunk = process.stderr.read1(4096)
            assert chunk, seen.decode(errors="replace")
            seen += chunk
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert count(world, Item) == 0 and count(world, Proposer) == 6
    assert imported(world, xlsx(ROWS), dry_run=False)["report"]["committed"]  # not locked


def test_a_job_whose_process_died_reads_as_interrupted(world):
    old = datetime.now(UTC) - timedelta(hours=1)
    with db(world) as session:
        job = ImportJob(
            status=ImportStatus.RUNNING,
            filename="a.xlsx",
            session_id=world.sessions["npc_county"],
            total=10,
            done=0,
            report={},
            created_at=old,
            updated_at=old,
        )
        session.add(job)
        session.commit()
        job_id = job.id
    found = ok(world.get("staff", f"{V1}/imports/{job_id}"))
    assert (found["status"], found["status_label"]) == ("interrupted", "已中断，未导入")
