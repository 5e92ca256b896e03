"""The compiled structure functions accept and reject exactly what the per-field converter does."""

from __future__ import annotations

import json
from typing import Any

import pytest

from batchjobs import models
from batchjobs._serialization import _detailed_converter, converter
from batchjobs.models import JobPreparationAndReleaseTaskExecutionInformation as PrepReleaseInfo
from tests.helpers import FIXTURES, REPLACEMENTS, leaf_paths, replaced
from tests.rich_job import rich_job


def _outcome(conv: Any, data: Any, cls: type) -> Any:
    try:
        return ("ok", conv.structure(data, cls))
    except Exception:
        return ("error", None)


RICH = rich_job()
CASES = [(path, value) for path in leaf_paths(RICH) for value in REPLACEMENTS]


@pytest.mark.parametrize(("path", "value"), CASES, ids=[f"{'.'.join(map(str, p))}={v!r}" for p, v in CASES])
def test_fast_and_detailed_converters_agree_on_every_mutation(path, value):
    data = replaced(RICH, path, value)
    assert _outcome(converter, data, models.CloudJob) == _outcome(
        _detailed_converter(), data, models.CloudJob
    )


def test_fast_and_detailed_converters_agree_on_the_examples():
    for path in (FIXTURES / "examples").rglob("*.json"):
        for response in json.loads(path.read_text(encoding="utf-8"))["responses"].values():
            body = response.get("body")
            if not body or "value" not in body:
                continue
            for item in body["value"]:
                cls = models.CloudJob if "id" in item else PrepReleaseInfo
                assert converter.structure(item, cls) == _detailed_converter().structure(item, cls)
