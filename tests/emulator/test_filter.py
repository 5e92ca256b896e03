"""The $filter compiler on its own: grammar, typing and evaluation."""

from __future__ import annotations

from typing import Any

import pytest

from batchjobs.emulator._filter import FilterError, compile_filter
from batchjobs.models import CloudJob

DOC: dict[str, Any] = {
    "id": "job-1",
    "displayName": "It's mine",
    "state": "active",
    "priority": 5,
    "usesTaskDependencies": False,
    "creationTime": "2023-06-01T12:00:00.1234567Z",
    "constraints": {"maxWallClockTime": "PT1H", "maxTaskRetryCount": 0},
    "executionInfo": {"poolId": "p1"},
}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("state eq 'active'", True),
        ("STATE EQ 'Active'", None),  # property names are case-sensitive
        ("state eq 'ACTIVE'", True),  # enum values are not
        ("id eq 'JOB-1'", False),
        ("displayName eq 'It''s mine'", True),
        ("priority gt 4 and priority lt 6", True),
        ("priority eq 5 or nope eq 1", None),
        ("not priority eq 5", False),
        ("'active' eq state", True),
        ("5 lt priority", False),
        ("usesTaskDependencies eq false", True),
        ("executionInfo/poolId ne 'p2'", True),
        ("executionInfo/endTime eq null", True),
        ("executionInfo/endTime ne null", False),
        ("executionInfo/endTime gt 2020-01-01T00:00:00Z", False),
        ("constraints/maxWallClockTime eq 'PT01H00M00S'", True),
        ("creationTime eq datetime'2023-06-01T12:00:00.123456Z'", True),
        ("creationTime ge '2023-06-01T12:00:00Z'", True),
        ("endswith(id,'-1') and substringof('ob', id) and contains(id, 'job')", True),
        ("((state eq 'active'))", True),
    ],
)
def test_filter_evaluation(expression: str, expected: bool | None) -> None:
    if expected is None:
        with pytest.raises(FilterError):
            compile_filter(expression, CloudJob)
    else:
        assert compile_filter(expression, CloudJob)(DOC) is expected


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "and",
        "state eq 'a' and",
        "priority eq true",
        "state gt null",
        "frobnicate(id,'a')",
        "startswith(id)",
        "id eq 1.5.3",
    ],
)
def test_filter_errors(expression: str) -> None:
    with pytest.raises(FilterError):
        compile_filter(expression, CloudJob)


def test_aliases() -> None:
    predicate = compile_filter("state eq 'x'", CloudJob, {"state": "id"})
    assert predicate({"id": "x"}) is True
