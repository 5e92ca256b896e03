"""Request validation: bodies, query parameters, api-version and headers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import API, Q, add_job, error_of, get_job


async def post_job(client: httpx.AsyncClient, body: Any) -> httpx.Response:
    return await client.post("/jobs", params=Q, json=body)


@pytest.mark.parametrize(
    ("body", "code", "prop"),
    [
        ({"poolInfo": {"poolId": "p"}}, "MissingRequiredProperty", "id"),
        ({"id": "j"}, "MissingRequiredProperty", "poolInfo"),
        (
            {"id": "j", "poolInfo": {"poolId": "p"}, "jobManagerTask": {"id": "m"}},
            "MissingRequiredProperty",
            "jobManagerTask.commandLine",
        ),
        ({"id": "j", "poolInfo": {"poolId": "p"}, "priority": 1001}, "InvalidPropertyValue", "priority"),
        ({"id": "j", "poolInfo": {"poolId": "p"}, "priority": -1001}, "InvalidPropertyValue", "priority"),
        ({"id": "j", "poolInfo": {"poolId": "p"}, "priority": "high"}, "InvalidPropertyValue", "priority"),
        ({"id": "bad id!", "poolInfo": {"poolId": "p"}}, "InvalidPropertyValue", "id"),
        ({"id": "x" * 65, "poolInfo": {"poolId": "p"}}, "InvalidPropertyValue", "id"),
        (
            {"id": "j", "poolInfo": {"poolId": "p"}, "maxParallelTasks": 0},
            "InvalidPropertyValue",
            "maxParallelTasks",
        ),
        (
            {"id": "j", "poolInfo": {"poolId": "p"}, "onAllTasksComplete": "explode"},
            "InvalidPropertyValue",
            "onAllTasksComplete",
        ),
        (
            {"id": "j", "poolInfo": {"poolId": "p"}, "constraints": {"maxWallClockTime": "soon"}},
            "InvalidPropertyValue",
            "constraints.maxWallClockTime",
        ),
        ({"id": "j", "poolInfo": {}}, "InvalidPropertyValue", "poolInfo"),
        (
            {"id": "j", "poolInfo": {"poolId": "p"}, "jobReleaseTask": {"commandLine": "r"}},
            "InvalidPropertyValue",
            "jobReleaseTask",
        ),
        ({"id": "j", "poolInfo": {"poolId": "p"}, "colour": "red"}, "UnsupportedProperty", "colour"),
        ({"id": "j", "poolInfo": {"poolId": "p", "poolid": "q"}}, "UnsupportedProperty", "poolInfo.poolid"),
        (
            {"id": "j", "poolInfo": {"poolId": "p"}, "metadata": [{"name": "a", "value": "1", "x": 1}]},
            "UnsupportedProperty",
            "metadata[0].x",
        ),
    ],
)
async def test_add_body_errors_name_the_property(
    client: httpx.AsyncClient, body: Any, code: str, prop: str
) -> None:
    status, got, values = error_of(await post_job(client, body))
    assert (status, got, values["PropertyName"]) == (400, code, prop)
    assert (await client.get("/jobs", params=Q)).json()["value"] == []


async def test_bad_json_is_invalid_request_body(client: httpx.AsyncClient) -> None:
    for content in (b"{not json", b"[1, 2]", b""):
        response = await client.post(
            "/jobs", params=Q, content=content, headers={"Content-Type": "application/json"}
        )
        assert error_of(response)[:2] == (400, "InvalidRequestBody")


async def test_disable_needs_a_known_disable_tasks_value(client: httpx.AsyncClient) -> None:
    await add_job(client)
    missing = await client.post("/jobs/job-1/disable", params=Q, json={})
    assert error_of(missing) == (400, "MissingRequiredProperty", {"PropertyName": "disableTasks"})
    wrong = await client.post("/jobs/job-1/disable", params=Q, json={"disableTasks": "pause"})
    assert error_of(wrong)[:2] == (400, "InvalidPropertyValue")


async def test_empty_metadata_name_is_refused(client: httpx.AsyncClient) -> None:
    response = await post_job(
        client, {"id": "j", "poolInfo": {"poolId": "p"}, "metadata": [{"name": "", "value": "v"}]}
    )
    assert error_of(response)[:2] == (400, "EmptyMetadataKey")


async def test_api_version_missing(client: httpx.AsyncClient) -> None:
    status, code, values = error_of(await client.get("/jobs"))
    assert (status, code, values) == (
        400,
        "MissingRequiredQueryParameter",
        {"QueryParameterName": "api-version"},
    )


@pytest.mark.parametrize(
    ("version", "code"),
    [
        ("latest", "InvalidQueryParameterValue"),
        ("2023-05-01.17", "InvalidQueryParameterValue"),
        ("2023-5-01.17.0", "InvalidQueryParameterValue"),
        ("2025-06-01.", "InvalidQueryParameterValue"),
        ("2025-13-01", "InvalidQueryParameterValue"),
        ("2025-02-30.20.0", "InvalidQueryParameterValue"),
        ("2022-01-01.15.0", "UnsupportedRequestVersion"),
        # A bare date sorts as .0.0 of that date: older than 2023-05-01.17.0.
        ("2023-05-01", "UnsupportedRequestVersion"),
        ("2023-05-01.16.9", "UnsupportedRequestVersion"),
        ("2022-12-31", "UnsupportedRequestVersion"),
    ],
)
async def test_api_version_malformed_or_old(client: httpx.AsyncClient, version: str, code: str) -> None:
    assert error_of(await client.get("/jobs", params={"api-version": version}))[:2] == (400, code)


@pytest.mark.parametrize(
    "version", [API, "2023-05-01.17.1", "2023-05-02", "2023-11-01.18.0", "2024-07-01.20.0", "2025-06-01"]
)
async def test_target_and_newer_api_versions_are_served(client: httpx.AsyncClient, version: str) -> None:
    assert (await client.get("/jobs", params={"api-version": version})).status_code == 200


@pytest.mark.parametrize("value", ["0", "1001", "-5"])
async def test_maxresults_out_of_range(client: httpx.AsyncClient, value: str) -> None:
    status, code, values = error_of(await client.get("/jobs", params={**Q, "maxresults": value}))
    assert (status, code, values["QueryParameterName"]) == (
        400,
        "OutOfRangeQueryParameterValue",
        "maxresults",
    )


async def test_maxresults_not_a_number(client: httpx.AsyncClient) -> None:
    assert error_of(await client.get("/jobs", params={**Q, "maxresults": "ten"}))[:2] == (
        400,
        "InvalidQueryParameterValue",
    )


async def test_unknown_query_parameter(client: httpx.AsyncClient) -> None:
    response = await client.get("/jobs/j", params={**Q, "$filter": "id eq 'j'"})
    assert error_of(response) == (400, "UnsupportedQueryParameter", {"QueryParameterName": "$filter"})


async def test_timeout_query_parameter(client: httpx.AsyncClient) -> None:
    assert (await client.get("/jobs", params={**Q, "timeout": "30"})).status_code == 200
    assert error_of(await client.get("/jobs", params={**Q, "timeout": "soon"}))[:2] == (
        400,
        "InvalidQueryParameterValue",
    )


async def test_client_request_id_must_be_a_guid(client: httpx.AsyncClient) -> None:
    response = await client.get("/jobs", params=Q, headers={"client-request-id": "not-a-guid"})
    status, code, values = error_of(response)
    assert (status, code, values["HeaderName"]) == (400, "InvalidHeaderValue", "client-request-id")


async def test_newer_sdk_query_spellings_are_served(client: httpx.AsyncClient) -> None:
    await add_job(client)
    params = {"api-version": "2025-06-01.20.0", "timeOut": "30", "force": "true"}
    assert (await client.post("/jobs/job-1/terminate", params=params)).status_code == 202


@pytest.mark.parametrize("version", ["2022-01-01.15.0", "2023-05-01", "2025-06-01.x"])
async def test_rejected_api_version_names_itself(client: httpx.AsyncClient, version: str) -> None:
    status, _code, values = error_of(await client.get("/jobs/j", params={"api-version": version}))
    assert (status, values["QueryParameterName"], values["QueryParameterValue"]) == (
        400,
        "api-version",
        version,
    )


@pytest.mark.parametrize("operation", ["delete", "terminate"])
@pytest.mark.parametrize("force", ["true", "false", "True"])
async def test_force_is_accepted_on_delete_and_terminate(
    client: httpx.AsyncClient, operation: str, force: str
) -> None:
    await add_job(client)
    params = {"api-version": "2025-06-01", "force": force}
    if operation == "delete":
        response = await client.delete("/jobs/job-1", params=params)
    else:
        response = await client.post("/jobs/job-1/terminate", params=params)
    assert response.status_code == 202, response.text
    # A forced delete/terminate walks the same transitional state as the plain one.
    assert (await get_job(client))["state"] == {"delete": "deleting", "terminate": "terminating"}[operation]


async def test_force_must_be_a_boolean(client: httpx.AsyncClient) -> None:
    await add_job(client)
    response = await client.delete("/jobs/job-1", params={**Q, "force": "yes"})
    assert error_of(response)[:2] == (400, "InvalidQueryParameterValue")
    assert (await get_job(client))["state"] == "active"  # nothing was deleted


async def test_force_is_not_a_parameter_of_other_operations(client: httpx.AsyncClient) -> None:
    await add_job(client)
    response = await client.get("/jobs/job-1", params={**Q, "force": "true"})
    assert error_of(response) == (400, "UnsupportedQueryParameter", {"QueryParameterName": "force"})
