"""Every model, enum and options class of the spec exists with the right fields and wire names."""

from __future__ import annotations

import typing
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

import attrs
import pytest

from batchjobs import models
from batchjobs._serialization import wire_name
from tests.helpers import load_fixture

EXPECTED = load_fixture("models_expected.json")


def test_counts_match_the_spec():
    assert len(EXPECTED["models"]) == 72
    assert len(EXPECTED["enums"]) == 29
    assert len(EXPECTED["options"]) == 12
    exported = set(models.__all__)
    assert exported == set(EXPECTED["models"]) | set(EXPECTED["enums"]) | set(EXPECTED["options"])
    assert models.__all__ == sorted(models.__all__)


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


@pytest.mark.parametrize("name", sorted(EXPECTED["models"]))
def test_model_fields_names_types_and_required(name):
    cls = getattr(models, name)
    expected = EXPECTED["models"][name]
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


@pytest.mark.parametrize("name", sorted(EXPECTED["models"]))
def test_model_is_mutable_and_keyword_only(name):
    cls = getattr(models, name)
    assert cls.__doc__
    with pytest.raises(TypeError):
        cls("positional")


@pytest.mark.parametrize("name", sorted(EXPECTED["enums"]))
def test_enum_members_and_wire_values(name):
    enum = getattr(models, name)
    assert issubclass(enum, Enum)
    assert issubclass(enum, str)
    assert {m.name: m.value for m in enum} == EXPECTED["enums"][name]


@pytest.mark.parametrize("name", sorted(EXPECTED["options"]))
def test_options_fields(name):
    cls = getattr(models, name)
    assert list(attrs.fields_dict(cls)) == list(EXPECTED["options"][name])
    instance = cls()
    assert all(getattr(instance, f) is None for f in EXPECTED["options"][name])


def test_required_fields_are_required():
    with pytest.raises(TypeError, match="pool_info"):
        models.JobAddParameter(id="job-1")  # type: ignore[call-arg]


def test_models_are_mutable():
    job = models.JobAddParameter(id="a", pool_info=models.PoolInformation(pool_id="p"))
    job.priority = 5
    assert job.priority == 5
    assert attrs.evolve(job, id="b").id == "b"
