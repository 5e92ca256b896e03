"""Every model, enum and options class of the spec exists with the right fields and wire names."""

from __future__ import annotations

import typing
from datetime import datetime, timedelta
from enum import Enum
from typing import Any
from uuid import UUID

import attrs
import pytest

from batchjobs import models
from batchjobs._serialization import wire_name
from tests.helpers import load_fixture

# From spec/models.json (the job operations) and spec/models-tasks.json (task and task-file operations).
JOB = load_fixture("models_expected.json")
TASK = load_fixture("models_tasks_expected.json")
FIXTURES = {"job": JOB, "task": TASK}


def _cases(kind: str) -> list[Any]:
    """One case per (fixture, name) of ``kind``: a model shared by both fixtures is checked against both."""
    return [
        pytest.param(name, expected, id=f"{fixture}:{name}")
        for fixture, data in FIXTURES.items()
        for name, expected in data[kind].items()
    ]


def test_counts_match_the_spec():
    assert (len(JOB["models"]), len(JOB["enums"]), len(JOB["options"])) == (72, 29, 12)
    assert (len(TASK["models"]), len(TASK["enums"]), len(TASK["options"])) == (42, 12, 13)
    # 21 models and 7 enums of the task operations are the job operations' own; no options class is shared.
    assert len(set(JOB["models"]) & set(TASK["models"])) == 21
    assert len(set(JOB["enums"]) & set(TASK["enums"])) == 7
    assert not set(JOB["options"]) & set(TASK["options"])
    expected = {
        name for data in FIXTURES.values() for kind in ("models", "enums", "options") for name in data[kind]
    }
    assert len(expected) == (72 + 42 - 21) + (29 + 12 - 7) + (12 + 13)
    assert set(models.__all__) == expected
    assert len(models.__all__) == len(expected)  # no name exported twice
    assert models.__all__ == sorted(models.__all__)


@pytest.mark.parametrize("kind", ["models", "enums"])
def test_what_both_specs_share_is_described_alike(kind):
    for name in set(JOB[kind]) & set(TASK[kind]):
        assert JOB[kind][name] == TASK[kind][name], name


def _expected_type(spec: str) -> Any:
    if spec.startswith("list["):
        return list[_expected_type(spec[5:-1])]  # type: ignore[misc]
    if spec.startswith("enum:"):
        return getattr(models, spec[5:]) | str
    if spec.startswith("model:"):
        return getattr(models, spec[6:])
    return {
        "str": str,
        "int": int,
        "float": float,
        "bool": bool,
        "datetime": datetime,
        "duration": timedelta,
        "object": Any,
    }[spec]


@pytest.mark.parametrize(("name", "expected"), _cases("models"))
def test_model_fields_names_types_and_required(name, expected):
    cls = getattr(models, name)
    fields = attrs.fields_dict(cls)
    assert list(fields) == list(expected)
    hints = typing.get_type_hints(cls)
    for field_name, spec in expected.items():
        field = fields[field_name]
        assert field.kw_only
        assert wire_name(cls, field_name) == spec["wire"]
        assert (field.default is attrs.NOTHING) is spec["required"], field_name
        wanted = _expected_type(spec["type"])
        if not spec["required"] and wanted is not Any:
            wanted = wanted | None
        assert hints[field_name] == wanted, field_name


@pytest.mark.parametrize(("name", "expected"), _cases("models"))
def test_model_is_mutable_and_keyword_only(name, expected):
    cls = getattr(models, name)
    assert cls.__doc__
    with pytest.raises(TypeError):
        cls("positional")


@pytest.mark.parametrize(("name", "expected"), _cases("enums"))
def test_enum_members_and_wire_values(name, expected):
    enum = getattr(models, name)
    assert issubclass(enum, Enum)
    assert issubclass(enum, str)
    assert {m.name: m.value for m in enum} == expected


_OPTION_TYPES: dict[str, Any] = {
    "str": str | None,
    "int": int | None,
    "bool": bool | None,
    "uuid": str | UUID | None,
    "rfc-1123 datetime": datetime | None,
}


@pytest.mark.parametrize(("name", "expected"), _cases("options"))
def test_options_fields(name, expected):
    cls = getattr(models, name)
    assert list(attrs.fields_dict(cls)) == list(expected)
    instance = cls()
    assert all(getattr(instance, f) is None for f in expected)
    hints = typing.get_type_hints(cls)
    for field_name, spec in expected.items():
        assert hints[field_name] == _OPTION_TYPES[spec["type"]], field_name
    with pytest.raises(TypeError):
        cls("positional")


def test_required_fields_are_required():
    with pytest.raises(TypeError, match="pool_info"):
        models.JobAddParameter(id="job-1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="command_line"):
        models.TaskAddParameter(id="task-1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="coordination_command_line"):
        models.MultiInstanceSettings(number_of_instances=2)  # type: ignore[call-arg]


def test_models_are_mutable():
    job = models.JobAddParameter(id="a", pool_info=models.PoolInformation(pool_id="p"))
    job.priority = 5
    assert job.priority == 5
    assert attrs.evolve(job, id="b").id == "b"
    task = models.TaskAddParameter(id="t", command_line="echo")
    task.constraints = models.TaskConstraints(max_task_retry_count=3)
    assert task.constraints.max_task_retry_count == 3
    assert attrs.evolve(task, id="u").id == "u"
