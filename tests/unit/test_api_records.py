"""The operation records (batchjobs._api) agree with what azure-batch 14.0.0 does, as extracted
from the spec into tests/fixtures/{job,task}_operations_expected.json."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from batchjobs import models
from batchjobs._api import ENDPOINTS, GROUPS, Kind, by_id

_FIXTURES = Path(__file__).parents[1] / "fixtures"
EXPECTED = [
    spec
    for name in ("job_operations_expected.json", "task_operations_expected.json")
    for spec in json.loads((_FIXTURES / name).read_text(encoding="utf-8"))["operations"]
]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@pytest.mark.parametrize("spec", EXPECTED, ids=lambda spec: f"{spec['group']}.{spec['name']}")
def test_record_matches_the_sdk(spec: dict[str, Any]) -> None:
    endpoint = by_id(f"{spec['group']}.{spec['name']}")
    assert endpoint.method == spec["http_method"]
    assert endpoint.path == re.sub(r"\{(\w+)\}", lambda m: "{" + _snake(m.group(1)) + "}", spec["url"])
    assert endpoint.path_params == tuple(spec["path_parameters"])
    assert [endpoint.ok] == spec["success_status_codes"]
    positional = [param.name for param in endpoint.params]
    optional = spec["python_signature_optional"]
    if endpoint.kind is Kind.STREAM:  # 14.x's download takes a progress callback after raw
        assert optional[-1] == "callback"
        optional = optional[:-1]
    assert positional == spec["python_signature_required"] + optional[:-3]
    assert optional[-3:] == [endpoint.options_param, "custom_headers", "raw"]
    assert [wire for _, wire in endpoint.query_args] == [
        name for name in spec.get("query_parameters", ()) if name in {"recursive"}
    ]
    assert endpoint.options_type.__name__ == spec["options"]["class"]
    assert {field.name for field in attrs.fields(endpoint.options_type)} == set(spec["options"]["fields"])
    assert endpoint.conditional == ("if_match" in spec["options"]["fields"])
    body = spec["request_body"]
    assert (endpoint.body.model.__name__ if endpoint.body else None) == (body["model"] if body else None)
    if endpoint.body is not None and endpoint.body.param is not None:
        assert endpoint.body.param == body["python_param"]
    if endpoint.body is not None and body.get("built_by_sdk"):  # a model built from the arguments
        assert f"({endpoint.body.fields[0]}=" in body["built_by_sdk"]
    assert endpoint.body is None or endpoint.body.optional == (not body["required"])
    response = spec["response_body"] or {}
    assert (endpoint.kind is Kind.LIST) == ("paged_class" in response)
    assert (endpoint.kind is Kind.STREAM) == ("stream" in response)
    assert (endpoint.kind is Kind.HEAD) == (spec["http_method"] == "HEAD")
    if endpoint.kind in (Kind.CALL, Kind.LIST):
        returns = response.get("item_model") or response.get("model")
        assert (endpoint.returns.__name__ if endpoint.returns else None) == returns
    if endpoint.kind is Kind.CALL:
        assert set(endpoint.response_headers) == set(spec["response_headers"])
    elif endpoint.kind is Kind.HEAD:  # the service sends no ETag for files (tasks-api.md §9.4)
        assert set(endpoint.response_headers) == set(spec["response_headers"]) - {"ETag"}
    else:  # msrest exposes no headers of listings and downloads; the service sends the ids there too
        assert set(spec["response_headers"]) <= set(endpoint.response_headers)


def test_every_record_is_in_the_sdk() -> None:
    assert sorted(ENDPOINTS) == sorted(f"{spec['group']}.{spec['name']}" for spec in EXPECTED)


def test_ids_are_qualified_and_groups_complete() -> None:
    for endpoint_id, endpoint in ENDPOINTS.items():
        assert endpoint_id == endpoint.id == f"{endpoint.group}.{endpoint.name}"
        assert endpoint in GROUPS[endpoint.group][1]
        assert endpoint.span_name == f"{endpoint.group.capitalize()}Operations.{endpoint.name}"


def test_only_the_create_has_an_exists_code_and_writes_that_are_not_idempotent_are_posts() -> None:
    exists = {e.id: e.exists_code for e in ENDPOINTS.values() if e.exists_code}
    assert exists == {"job.add": "JobExists", "task.add": "TaskExists"}
    assert {e.id for e in ENDPOINTS.values() if not e.idempotent} == {
        "job.add", "job.disable", "job.enable", "job.terminate",
        "task.add", "task.add_collection", "task.terminate", "task.reactivate",
    }  # fmt: skip
    assert all(e.method == "POST" for e in ENDPOINTS.values() if not e.idempotent)


def test_path_for_quotes_every_parameter_and_dot_segments() -> None:
    get = by_id("job.get")
    assert get.path_for({"job_id": "a/b c"}) == "/jobs/a%2Fb%20c"
    assert get.path_for({"job_id": ".."}) == "/jobs/%2E%2E"
    with pytest.raises(ValueError, match="job_id must not be empty"):
        get.path_for({"job_id": ""})
    with pytest.raises(TypeError, match="job_id must be a str"):
        get.path_for({"job_id": 3})


def test_records_name_only_known_checks_and_arguments() -> None:
    from batchjobs.operations._checks import CHECKS

    for endpoint in ENDPOINTS.values():
        names = {param.name for param in endpoint.params}
        for check, argument in endpoint.checks:
            assert check in CHECKS, endpoint.id
            assert argument in names, endpoint.id
        assert set(endpoint.path_params) <= names
        assert {argument for argument, _ in endpoint.query_args} <= names
        if endpoint.body is not None:
            assert {endpoint.body.param, *endpoint.body.fields} - {None} <= names
        for param in endpoint.params:
            for word in re.split(r"[\s|\[\]]+", param.annotation):
                known = {"", "str", "None", "int", "bool", "Iterable"}
                assert word in known or hasattr(models, word), (endpoint.id, word)
