"""The control plane: over HTTP (no Shared Key needed) and as Python methods."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx
import pytest

from batchjobs.emulator import Emulator, Fault

from .conftest import Q, add_job, error_of, get_job


async def control(client: httpx.AsyncClient, method: str, path: str, body: Any = None) -> httpx.Response:
    # A client without auth: the control plane needs none from loopback, for JSON requests.
    async with httpx.AsyncClient(transport=client._transport, base_url="http://localhost") as plain:
        content = None if body is None else json.dumps(body)
        headers = {"content-type": "application/json"}
        return await plain.request(method, f"/_emulator/{path}", content=content, headers=headers)


async def test_health_and_reset(emulator: Emulator, client: httpx.AsyncClient) -> None:
    await add_job(client)
    health = (await control(client, "GET", "health")).json()
    assert health == {
        "status": "ok",
        "jobs": 1,
        "accountName": "devaccount",
        "auth": True,
        "policy": "reads:1",
    }
    await control(client, "PUT", "policy", {"policy": "held"})
    assert (await control(client, "POST", "reset")).status_code == 200
    assert (await control(client, "GET", "health")).json()["jobs"] == 0
    assert (await control(client, "GET", "policy")).json() == {"policy": "reads:1"}


async def test_policy_and_release_over_http(client: httpx.AsyncClient) -> None:
    await add_job(client)
    assert (await control(client, "PUT", "policy", {"policy": "held", "jobId": "job-1"})).status_code == 200
    await client.post("/jobs/job-1/terminate", params=Q)
    assert (await get_job(client))["state"] == "terminating"
    assert (await control(client, "POST", "release", {"jobId": "job-1"})).json() == {"settled": 1}
    assert (await get_job(client))["state"] == "completed"
    bad = await control(client, "PUT", "policy", {"policy": "sometimes"})
    assert error_of(bad)[:2] == (400, "InvalidRequestBody")


async def test_clock_advance_over_http(client: httpx.AsyncClient) -> None:
    await control(client, "PUT", "policy", {"policy": "clock:10"})
    await add_job(client)
    await client.post("/jobs/job-1/disable", params=Q, json={"disableTasks": "wait"})
    assert (await get_job(client))["state"] == "disabling"
    now = (await control(client, "POST", "clock/advance", {"seconds": 10})).json()["now"]
    assert now == "2023-06-01T12:00:10.0000000Z"
    assert (await get_job(client))["state"] == "disabled"


async def test_clock_advance_needs_a_manual_clock() -> None:
    from .conftest import signed_client

    async with signed_client(Emulator()) as client:
        response = await control(client, "POST", "clock/advance", {"seconds": 1})
    assert error_of(response)[:2] == (409, "OperationInvalidForCurrentState")


@pytest.mark.parametrize(
    ("status", "code"), [(429, "TooManyRequests"), (503, "ServerBusy"), (500, "InternalError")]
)
async def test_error_faults_with_retry_after(
    emulator: Emulator, client: httpx.AsyncClient, status: int, code: str
) -> None:
    await add_job(client)
    emulator.inject_fault(operation="get", status=status, retry_after=2, count=2)
    for _ in range(2):
        response = await client.get("/jobs/job-1", params=Q)
        assert error_of(response)[:2] == (status, code)
        assert response.headers["Retry-After"] == "2"
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 200


async def test_faults_match_operation_and_job(emulator: Emulator, client: httpx.AsyncClient) -> None:
    await add_job(client, "a")
    await add_job(client, "b")
    emulator.inject_fault(operation="get", job_id="A", status=503)
    assert (await client.get("/jobs/b", params=Q)).status_code == 200
    assert (await client.patch("/jobs/a", params=Q, json={})).status_code == 200
    assert (await client.get("/jobs/a", params=Q)).status_code == 503
    assert (await client.get("/jobs/a", params=Q)).status_code == 200


async def test_apply_then_fail(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.inject_fault(operation="add", status=500, apply_first=True)
    response = await client.post("/jobs", params=Q, json={"id": "job-1", "poolInfo": {"poolId": "p"}})
    assert error_of(response)[:2] == (500, "InternalError")
    assert (await get_job(client))["id"] == "job-1"


async def test_dropped_connection(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.inject_fault(operation="add", drop=True)
    with pytest.raises(httpx.RemoteProtocolError):
        await client.post("/jobs", params=Q, json={"id": "job-1", "poolInfo": {"poolId": "p"}})
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 404
    emulator.inject_fault(operation="add", drop=True, apply_first=True)
    with pytest.raises(httpx.RemoteProtocolError):
        await client.post("/jobs", params=Q, json={"id": "job-1", "poolInfo": {"poolId": "p"}})
    assert (await client.get("/jobs/job-1", params=Q)).status_code == 200


async def test_delay_fault_holds_the_response(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.inject_fault(operation="list", delay=30)
    with pytest.raises(TimeoutError):
        with anyio.fail_after(0.05):
            await client.get("/jobs", params=Q)
    emulator.inject_fault(operation="list", delay=0.001)
    assert (await client.get("/jobs", params=Q)).status_code == 200


async def test_faults_over_http(client: httpx.AsyncClient) -> None:
    created = await control(
        client, "POST", "faults", {"operation": "list", "status": 503, "retryAfter": 1, "count": 3}
    )
    assert created.status_code == 201
    assert created.json()["count"] == 3
    assert (await client.get("/jobs", params=Q)).status_code == 503
    listed = (await control(client, "GET", "faults")).json()["value"]
    assert [(f["operation"], f["count"]) for f in listed] == [("list", 2)]
    await control(client, "DELETE", "faults")
    assert (await client.get("/jobs", params=Q)).status_code == 200
    for bad in ({"operation": "fly"}, {"status": 200}, {"count": 0}, {"colour": "red"}):
        assert error_of(await control(client, "POST", "faults", bad))[:2] == (400, "InvalidRequestBody")


def test_fault_validation() -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        Fault(operation="fly")
    assert Fault(status=503).error_code() == "ServerBusy"
    assert Fault(status=418, code="Teapot").error_code() == "Teapot"


async def test_journal_records_requests_without_authorization(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    await add_job(client)
    await client.get(
        "/jobs/nope",
        params={**Q, "$select": "id"},
        headers={"client-request-id": "9c4d50ee-2d56-4cd3-8152-34347dc9f2b0"},
    )
    entries = emulator.requests()
    assert [(e["method"], e["operation"], e["status"]) for e in entries] == [
        ("POST", "job.add", 201),
        ("GET", "job.get", 404),
    ]
    last = entries[-1]
    assert last["path"] == "/jobs/nope"
    assert last["jobId"] == "nope"
    assert "%24select=id" in last["query"] or "$select=id" in last["query"]
    assert last["headers"]["client-request-id"] == "9c4d50ee-2d56-4cd3-8152-34347dc9f2b0"
    assert last["auth"] == "SharedKey"
    text = str((await control(client, "GET", "journal")).json())
    assert "authorization" not in text.lower()
    assert "SharedKey devaccount:" not in text
    await control(client, "DELETE", "journal")
    assert emulator.requests() == []


async def test_seeding_over_http(client: httpx.AsyncClient) -> None:
    assert (await control(client, "POST", "jobschedules", {"id": "sched"})).status_code == 201
    made = await control(client, "POST", "jobschedules/sched/jobs", {"poolId": "p9"})
    assert made.json() == {"id": "sched:job-1"}
    listed = (await client.get("/jobschedules/sched/jobs", params=Q)).json()["value"]
    assert [(j["id"], j["poolInfo"]["poolId"]) for j in listed] == [("sched:job-1", "p9")]
    second = await control(client, "POST", "jobschedules/sched/jobs", {"priority": 5})
    assert second.json() == {"id": "sched:job-2"}
    assert (await get_job(client, "sched:job-2"))["priority"] == 5
    counts = {"taskCounts": {"active": 1, "running": 2, "completed": 3, "succeeded": 2, "failed": 1}}
    assert (await control(client, "PUT", "jobs/sched%3Ajob-1/taskcounts", counts)).status_code == 200
    got = (await client.get("/jobs/sched%3Ajob-1/taskcounts", params=Q)).json()
    assert got["taskCounts"] == got["taskSlotCounts"] == counts["taskCounts"]
    await add_job(client, "prep", jobPreparationTask={"commandLine": "x"}, onAllTasksComplete="terminatejob")
    status = {
        "value": [
            {
                "nodeId": "n1",
                "jobPreparationTaskExecutionInfo": {
                    "state": "running",
                    "startTime": "2023-06-01T10:00:00Z",
                    "retryCount": 0,
                },
            }
        ]
    }
    assert (
        await control(client, "PUT", "jobs/prep/preparationandreleasetaskstatus", status)
    ).status_code == 200
    items = (await client.get("/jobs/prep/jobpreparationandreleasetaskstatus", params=Q)).json()["value"]
    assert items[0]["nodeId"] == "n1"
    bad_status = {"value": [{"nodeId": "n1", "bogus": 1}]}
    assert error_of(await control(client, "PUT", "jobs/prep/preparationandreleasetaskstatus", bad_status))[
        :2
    ] == (400, "UnsupportedProperty")
    assert (await control(client, "POST", "jobs/prep/alltaskscomplete")).status_code == 200
    assert (await get_job(client, "prep"))["state"] == "terminating"
    missing = await control(client, "POST", "jobs/nope/alltaskscomplete")
    assert error_of(missing)[:2] == (404, "JobNotFound")


async def test_unknown_control_paths_and_methods_are_4xx(client: httpx.AsyncClient) -> None:
    assert error_of(await control(client, "GET", "nothing"))[:2] == (404, "ResourceNotFound")
    wrong_method = await control(client, "POST", "health")
    assert error_of(wrong_method)[:2] == (405, "UnsupportedHttpVerb")
    assert wrong_method.headers["allow"] == "GET"
