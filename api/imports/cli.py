"""``banli import FILE --session ID [--dry-run] [--update]``: the same import as the API, with a
progress bar on stderr; exit 0 when clean, 1 with problems (nothing saved), 2 when the file
itself is refused, 130 when interrupted (nothing saved)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from api.db import make_engine, make_sessionmaker
from api.errors import ApiError
from api.imports.service import ImportOptions, prepare, run_import
from api.settings import get_settings

SHOWN = 50


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import", help="从 .xlsx / .csv 批量导入建议提案")
    parser.add_argument("file", type=Path, help=".xlsx 或 .csv（UTF-8 / GBK）")
    parser.add_argument("--session", type=int, required=True, help="会议ID（导入到哪次会议）")
    parser.add_argument("--dry-run", action="store_true", help="试导入：只检查并报告，不保存")
    parser.add_argument("--update", action="store_true", help="已有同号件内容不同时以文件为准更新")
    parser.add_argument("--report", type=Path, help="把完整报告写成 JSON 文件")
    parser.set_defaults(run=run)


class _Bars:
    """Two bars on stderr: the rows checked, then the rows written (progress counts each row
    twice, see ``run_import``)."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.bar = tqdm(total=rows, unit="行", desc="检查", file=sys.stderr)
        self.writing = False

    def __call__(self, done: int, total: int) -> None:
        if done > self.rows and not self.writing:
            self.bar.update(self.rows - self.bar.n)
            self.bar.close()
            self.bar = tqdm(total=self.rows, unit="行", desc="写入", file=sys.stderr)
            self.writing = True
        self.bar.update((done - self.rows if self.writing else done) - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def _refused(exc: ApiError) -> int:
    print(f"无法导入：{exc.detail}", file=sys.stderr)
    for error in (exc.errors or [])[:SHOWN]:
        print(f"  {error.get('message', error)}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    import api.audit  # noqa: F401  (the imported rows are audited like any change)

    settings = get_settings()
    path: Path = args.file
    if not path.is_file():
        print(f"文件不存在：{path}", file=sys.stderr)
        return 2
    if path.stat().st_size > settings.import_max_bytes:
        return _refused(ApiError(413, f"文件超过上限（{settings.import_max_bytes} 字节）"))
    try:
        table = prepare(path.read_bytes(), path.name, settings.import_max_bytes)
    except ApiError as exc:
        return _refused(exc)
    options = ImportOptions(args.session, args.dry_run, args.update, path.name)
    engine = make_engine(settings.database_url)
    with make_sessionmaker(engine)() as session:
        session.info["actor"] = {"name": "banli import"}
        bar = _Bars(len(table.rows))
        try:
            report = run_import(session, table, options, bar)
            if report["committed"]:
                session.commit()
            else:
                session.rollback()
        except ApiError as exc:
            session.rollback()
            return _refused(exc)
        except KeyboardInterrupt:
            session.rollback()
            print("\n已中断，未导入任何数据", file=sys.stderr)
            return 130
        finally:
            bar.close()
    if args.report:
        args.report.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    _print(report)
    return 0 if report["ok"] else 1


def _print(report: dict[str, Any]) -> None:
    s = report["summary"]
    print(
        f"{report['session_name']}：共{s['rows']}行；新增{s['create']}件，变更{s['change']}件，"
        f"未变{s['unchanged']}件，新建提出人{s['proposers_created']}人；"
        f"问题{s['problems']}处，提示{s['warnings']}处"
    )
    for kind, entries in (("问题", report["problems"]), ("提示", report["warnings"])):
        for entry in entries[:SHOWN]:
            print(f"  {kind} 第{entry['row']}行 [{entry['column']}] {entry['reason']}")
        if len(entries) > SHOWN:
            print(f"  ……另有{len(entries) - SHOWN}处{kind}，完整内容见 --report")
    if report["committed"]:
        print("已导入（一次提交）")
    elif report["dry_run"]:
        print("试导入：未保存任何数据" + ("，可以正式导入" if report["ok"] else ""))
    else:
        print("有问题，未导入任何数据；请修改文件后重新导入")
