"""Assigning an item to units (R-AS-1): one main unit or several split units, plus co-units."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from domain.errors import DomainError
from domain.model import Role


def assignment_problems(roles: Sequence[tuple[int, Role]]) -> list[str]:
    """Every reason a set of (unit id, role) pairs is not a valid assignment (R-AS-1)."""
    problems = []
    counts = Counter(role for _, role in roles)
    repeated = sorted(u for u, n in Counter(u for u, _ in roles).items() if n > 1)
    if repeated:
        problems.append(f"同一承办单位不能重复交办（单位ID {repeated}）")
    main, split = counts[Role.MAIN], counts[Role.SPLIT]
    if main and split:
        problems.append("主办与分办不能同时存在：要么一个主办单位，要么多个分办单位")
    elif main > 1:
        problems.append("主办单位只能有一个")
    elif split == 1:
        problems.append("分办须有两个及以上单位；只有一个单位时应为主办")
    elif main == 0 and split == 0:
        problems.append("须指定一个主办单位或多个分办单位")
    return problems


def validate_assignment(roles: Sequence[tuple[int, Role]]) -> None:
    problems = assignment_problems(roles)
    if problems:
        raise DomainError("；".join(problems), rule_id="R-AS-1", field="units")
