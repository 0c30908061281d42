"""R-AS-1: one main unit, any co-units, or several split units."""

from __future__ import annotations

import pytest

from domain.assignment import assignment_problems, validate_assignment
from domain.errors import DomainError
from domain.model import Role

M, C, S = Role.MAIN, Role.CO, Role.SPLIT


@pytest.mark.parametrize(
    "roles",
    [
        pytest.param([(1, M)], id="R-AS-1 one main"),
        pytest.param([(1, M), (2, C), (3, C)], id="R-AS-1 main with co-units"),
        pytest.param([(1, S), (2, S)], id="R-AS-1 two split units"),
        pytest.param([(1, S), (2, S), (3, C)], id="R-AS-1 split units with a co-unit"),
    ],
)
def test_valid_assignments(roles):
    validate_assignment(roles)


@pytest.mark.parametrize(
    ("roles", "count"),
    [
        pytest.param([], 1, id="R-AS-1 nobody"),
        pytest.param([(1, C)], 1, id="R-AS-1 co-units only"),
        pytest.param([(1, M), (2, M)], 1, id="R-AS-1 two main units"),
        pytest.param([(1, S)], 1, id="R-AS-1 a single split unit"),
        pytest.param([(1, M), (2, S), (3, S)], 1, id="R-AS-1 main and split mixed"),
        pytest.param([(1, M), (1, C)], 1, id="R-AS-1 a unit twice"),
        pytest.param([(1, M), (1, M)], 2, id="R-AS-1 a unit twice as main: two reasons"),
    ],
)
def test_invalid_assignments_list_every_reason(roles, count):
    assert len(assignment_problems(roles)) == count
    with pytest.raises(DomainError) as refused:
        validate_assignment(roles)
    assert refused.value.rule_id == "R-AS-1" and refused.value.field == "units"
