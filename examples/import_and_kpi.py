"""县信息中心示例：用 API 密钥批量导入交办表，然后拉取年度考核指标。

Example for county IT: bulk-import a sheet with an API key, wait for the import job,
then pull the year's KPIs. Copy it, set the three variables, run it:

    BANLI_URL=https://banli.example.gov.cn BANLI_API_KEY=bl_... \
        python import_and_kpi.py 交办表.xlsx --session-id 3 --year 2026 [--commit]

Without --commit it is a dry run: every problem is printed as row, column and reason, and
nothing changes. The same file imported twice changes nothing (idempotent).
The API key needs the scopes ``imports.*`` and ``kpi.read`` (create it as office admin:
POST /api/v1/api-keys).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import httpx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--session-id", type=int, required=True, help="会议（届次）ID")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--commit", action="store_true", help="正式导入（默认仅试导入）")
    args = parser.parse_args()
    base = os.environ.get("BANLI_URL", "http://127.0.0.1:8000").rstrip("/") + "/api/v1"
    headers = {"X-API-Key": os.environ["BANLI_API_KEY"]}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as api:
        with args.file.open("rb") as sheet:
            response = api.post(
                "/imports",
                data={"session_id": str(args.session_id), "dry_run": str(not args.commit).lower()},
                files={"file": (args.file.name, sheet)},
                headers={"Idempotency-Key": f"import-{args.file.name}-{args.commit}"},
            )
        if response.is_error:
            problem = response.json()
            print(f"导入被拒绝：{problem.get('detail')}（{problem.get('field')}）", file=sys.stderr)
            return 1
        job = response.json()
        while job["status"] in ("queued", "running"):
            print(f"\r进度 {job['done']}/{job['total']}", end="", flush=True)
            time.sleep(1)
            job = api.get(f"/imports/{job['id']}").raise_for_status().json()
        print(f"\n导入结果：{job['status']}")
        for problem in job.get("report", {}).get("problems", []):
            print(f"  第{problem.get('row')}行 {problem.get('column')}：{problem.get('reason')}")
        kpi = api.get("/kpi", params={"year": args.year}).raise_for_status().json()
        print(f"\n{args.year}年全县考核指标（截至{kpi['as_of']}）：")
        for result in kpi["results"]:
            mark = {True: "达标", False: "未达标", None: "—"}[result["met"]]
            print(f"  {result['rule_id']} {result['name']}：{result['display']} {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
