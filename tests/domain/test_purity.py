"""domain/ stays pure: the standard library, ``holidays`` and itself, nothing else."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "domain"
ALLOWED = set(sys.stdlib_module_names) | {"holidays", "domain"}
FORBIDDEN_STDLIB = {"sqlite3", "socket", "urllib", "http", "subprocess", "shutil", "tempfile"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_domain_imports_only_the_standard_library_and_holidays():
    offenders = {
        f"{path.name}: {name}"
        for path in DOMAIN.glob("**/*.py")
        for name in imported_modules(path)
        if name not in ALLOWED or name in FORBIDDEN_STDLIB
    }
    assert not offenders, f"domain/ must stay pure, found: {sorted(offenders)}"


def test_the_check_catches_an_impure_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom fastapi import FastAPI\nimport datetime\n")
    assert imported_modules(bad) - ALLOWED == {"sqlalchemy", "fastapi"}
