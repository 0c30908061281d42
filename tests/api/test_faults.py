"""Faults (issue 8) against the real API process: ``kill -9`` of the API while an import job
writes, and a PostgreSQL restart under load. Afterwards the data is whole (all or nothing,
no half-done write), nothing stays "running" forever, and the API heals without anyone
touching it."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from api.audit_chain import broken_links
from api.imports import jobs
from api.models import AuditEntry, ImportJob, ImportStatus, Item, ItemProposer, Proposer
from tests.api.flows import V1, db
from tests.api.servers import Uvicorn
from tests.api.sheets import xlsx

IMPORT_ROWS = 1500


def count(world, model, *where: Any) -> int:
    with db(world) as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def big_workbook(rows: int) -> bytes:
    def row(n: int) -> list[Any]:
        title = f"关于第{n}号事项的建议"
        return [n, title, "内容", "张三", "李四", "交通", "县交通运输局", None, "2024-04-11"]

    return xlsx([row(n) for n in range(1, rows + 1)])


def post_import(api: Uvicorn, world, data: bytes) -> int:
    form = {"session_id": str(world.sessions["npc_county"]), "dry_run": "false"}
    response = httpx.post(
        f"{api.url}{V1}/imports",
        headers=world.headers("staff"),
        data=form,
        files={"file": ("交办表.xlsx", data)},
        timeout=30,
    )
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


def read_job(api: Uvicorn, world, job_id: int) -> dict[str, Any]:
    response = httpx.get(f"{api.url}{V1}/imports/{job_id}", headers=world.headers("staff"))
    assert response.status_code == 200, response.text
    return dict(response.json())


def finished(api: Uvicorn, world, job_id: int, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = read_job(api, world, job_id)
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"import job {job_id} still running after {timeout:g} s:\n{api.tail()}")


def test_an_api_killed_during_an_import_leaves_nothing_and_the_job_reads_interrupted(
    world, db_url, tmp_path
):
    """``kill -9`` of the API while its import job writes (rows inserted, not committed):
    no row stays, the restarted API shows the job interrupted with a Chinese message instead
    of "running" forever, and the same file posted again is imported whole."""
    data = big_workbook(IMPORT_ROWS)
    log = tmp_path / "api.log"
    api = Uvicorn(db_url, log)
    try:
        job_id = post_import(api, world, data)
        seen: list[tuple[int, int]] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # progress counts each row twice: checked, written
            job = read_job(api, world, job_id)
            seen.append((job["done"], job["total"]))
            if job["status"] != "running" or job["done"] > job["total"] * 0.6:
                break
            time.sleep(0.02)
    finally:
        api.kill()
    done, total = seen[-1]
    assert total == 2 * IMPORT_ROWS and total // 2 < done < total * 0.9, (seen[-5:], api.tail())
    assert count(world, Item) == 0 and count(world, Proposer) == 6  # none of the rows

    api = Uvicorn(db_url, log)  # the same database, a new process
    try:
        job = read_job(api, world, job_id)
        assert (job["status"], job["status_label"]) == ("interrupted", "已中断，未导入")
        assert "未导入任何数据" in job["report"]["error"], job
        with db(world) as session:  # marked so at start, not only shown so
            stored = session.get(ImportJob, job_id)
            assert stored is not None and stored.status is ImportStatus.INTERRUPTED
            assert stored.finished_at is not None

        again = finished(api, world, post_import(api, world, data))
        assert again["status"] == "done" and again["report"]["committed"], again["report"]
        assert count(world, Item) == IMPORT_ROWS  # whole, and no row of the first attempt
        assert count(world, ItemProposer) == 2 * IMPORT_ROWS
    finally:
        api.stop()


def test_a_waiting_job_reads_interrupted_as_soon_as_its_process_is_gone(world, app):
    """Without waiting for the staleness timeout: a job of a process that no longer runs on
    this host is interrupted at once and marked so when the API starts; a job of a live
    process, or of another host (which cannot be checked from here), is left waiting."""
    me = jobs.this_process()
    host, boot, pid, _ = me.split("|")
    owners = {
        "alive": me,
        "gone": f"{host}|{boot}|{pid}|0",  # this pid, but another start: a reused pid
        "rebooted": f"{host}|another-boot|{pid}|-",
        "elsewhere": f"another-host|{boot}|{pid}|-",
    }
    ids = {}
    with db(world) as session:
        for name, owner in owners.items():
            job = ImportJob(
                status=ImportStatus.RUNNING,
                filename=f"{name}.xlsx",
                session_id=world.sessions["npc_county"],
                total=10,
                done=0,
                report={},
                owner=owner,
            )
            session.add(job)
            session.flush()
            ids[name] = job.id
        session.commit()

    def status(name: str) -> str:
        found = world.get("staff", f"{V1}/imports/{ids[name]}").json()
        return str(found["status"])

    shown = {name: status(name) for name in owners}
    assert shown == {
        "alive": "running",
        "gone": "interrupted",
        "rebooted": "interrupted",
        "elsewhere": "running",
    }
    assert sorted(jobs.interrupt_orphans(app.state.sessionmaker)) == [
        ids["gone"],
        ids["rebooted"],
    ]
    with db(world) as session:
        stored = {n: session.get(ImportJob, i) for n, i in ids.items()}
        assert {n: j.status.value for n, j in stored.items() if j} == shown
        assert stored["gone"] is not None and stored["gone"].report == jobs.INTERRUPTED_REPORT


# --- PostgreSQL restart under load ----------------------------------------------------------


def _cluster(url: str) -> tuple[str, str] | str:
    """The local cluster (version, name) serving ``url``, or why it cannot be restarted."""
    if shutil.which("pg_ctlcluster") is None or shutil.which("pg_lsclusters") is None:
        return "pg_ctlcluster is not installed (Debian's postgresql-common)"
    if os.geteuid() != 0:
        return "restarting PostgreSQL needs root"
    parsed = sa.engine.make_url(url)
    if parsed.host not in (None, "127.0.0.1", "localhost", "::1"):
        return f"PostgreSQL at {parsed.host} is not on this machine"
    listed = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout
    for line in listed.splitlines():
        version, name, port, *_ = line.split()
        if int(port) == (parsed.port or 5432):
            return version, name
    return f"no local cluster listens on port {parsed.port or 5432}"


def _pg_ctl(cluster: tuple[str, str], action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, action],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _pg_up(url: str, timeout: float = 60) -> None:
    engine = sa.create_engine(url, connect_args={"connect_timeout": 2}, poolclass=sa.NullPool)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect() as c:
                    c.execute(sa.text("SELECT 1"))
                return
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        engine.dispose()


@dataclass
class Outcome:
    started: float
    ended: float
    kind: str  # "read" or "write"
    status: int | None  # None: no HTTP answer at all
    number: int | None = None  # the item a write created
    detail: str = ""


@dataclass
class Load:
    """A few clients listing items and creating items (with two proposers each) in turn."""

    api: Uvicorn
    world: Any
    clients: int = 4
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self, index: int) -> None:
        headers = self.world.headers("staff")
        session = self.world.sessions["npc_county"]
        lead, other = self.world.proposers["zhang"], self.world.proposers["li"]
        n = 0
        with httpx.Client(base_url=self.api.url, headers=headers, timeout=10) as client:
            while not self.stop.is_set():
                n += 1
                number = 10_000 * (index + 1) + n  # 10001…, apart from the fixture's items
                write = n % 2 == 0
                started = time.monotonic()
                try:
                    if write:
                        body = {
                            "session_id": session,
                            "number": number,
                            "title": f"关于第{number}号事项的建议",
                            "content": "重启期间写入",
                            "proposers": [
                                {"proposer_id": lead, "is_lead": True},
                                {"proposer_id": other, "is_lead": False},
                            ],
                        }
                        response = client.post(f"{V1}/items", json=body)
                    else:
                        response = client.get(f"{V1}/items", params={"page_size": 20})
                    status, detail = response.status_code, response.text[:200]
                except httpx.HTTPError as exc:
                    status, detail = None, repr(exc)
                outcome = Outcome(started, time.monotonic(), "write" if write else "read", status)
                outcome.number, outcome.detail = (number if write else None), detail
                self.outcomes.append(outcome)
                time.sleep(0.01)

    @property
    def threads(self) -> Iterator[threading.Thread]:
        for i in range(self.clients):
            yield threading.Thread(target=self.run, args=(i,), daemon=True)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_api_recovers_from_a_postgresql_restart_with_no_half_done_write(
    world, db_url, tmp_path
):
    """PostgreSQL restarted while clients read and write: requests fail only while it is
    down (503 problem+json, never a 500), succeed again within seconds through the same API
    process (the pool pre-pings and reconnects), and every write is whole or absent: each
    acknowledged item is stored with both proposers, none is stored twice or without them,
    and the audit log's hash chain is intact."""
    cluster = _cluster(db_url)
    if isinstance(cluster, str):
        pytest.skip(f"cannot restart PostgreSQL here: {cluster}")
    api = Uvicorn(db_url, tmp_path / "api.log")
    load = Load(api, world)
    threads = list(load.threads)
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while len(load.outcomes) < 8 * load.clients and time.monotonic() < deadline:
            time.sleep(0.1)  # under way: every client has been answered a few times
        restart_began = time.monotonic()
        _pg_ctl(cluster, "restart")
        back = time.monotonic()  # PostgreSQL accepts connections again
        time.sleep(5)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=15)
        api.stop()
        if _cluster_down(cluster):  # whatever happened, leave PostgreSQL running
            _pg_ctl(cluster, "start")
        _pg_up(db_url)

    outcomes = sorted(load.outcomes, key=lambda o: o.started)
    before = [o for o in outcomes if o.ended < restart_began]
    failed = [o for o in outcomes if o.status not in (200, 201)]
    assert before and all(o.status in (200, 201) for o in before), before[-3:]
    assert failed, "the restart should have failed some requests (was PostgreSQL restarted?)"
    assert {o.status for o in failed} == {503}, [(o.status, o.detail) for o in failed[:5]]
    last_failure = max(o.ended for o in failed)
    recovered = max(0.0, last_failure - back)
    first_ok = min(o.ended for o in outcomes if o.started >= back and o.status in (200, 201))
    after = [o for o in outcomes if o.started > last_failure]
    figure = (
        f"PostgreSQL restart took {back - restart_began:.1f} s; the API answered again "
        f"{first_ok - back:.2f} s after PostgreSQL was back, its last failure "
        f"{recovered:.2f} s after; {len(failed)} requests failed (all 503), "
        f"{len(after)} succeeded afterwards"
    )
    print(f"\n{figure}")
    assert recovered < 5, figure
    assert len({o.kind for o in after}) == 2 and len(after) >= 20, len(after)

    acknowledged = {o.number for o in outcomes if o.kind == "write" and o.status == 201}
    attempted = {o.number for o in outcomes if o.kind == "write"}
    with db(world) as session:
        links = dict(
            session.execute(
                select(Item.number, func.count(ItemProposer.proposer_id))
                .join(ItemProposer, ItemProposer.item_id == Item.id)
                .where(Item.number > 10_000)
                .group_by(Item.number)
            ).all()
        )
        stored = list(session.scalars(select(Item.number).where(Item.number > 10_000)))
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        assert broken_links(entries) == []
    assert acknowledged <= set(stored) <= attempted
    assert len(stored) == len(set(stored))
    assert all(links.get(number) == 2 for number in stored), links


def _cluster_down(cluster: tuple[str, str]) -> bool:
    listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
    return any(
        line.split()[:2] == list(cluster) and "online" not in line
        for line in listed.stdout.splitlines()
    )
