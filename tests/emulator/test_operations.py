"""Each of the twelve operations: status, headers and body as the service sends them."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import httpx
import pytest

from batchjobs.emulator import Emulator, TransitionPolicy

from .conftest import BASE, Q, add_job, error_of, get_job

ETAG = re.compile(r"0x[0-9A-F]{15}")
RFC1123 = re.compile(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT")
ISO7 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z")
EXAMPLES = Path(__file__).parents[1] / "fixtures" / "examples"


def common_headers(response: httpx.Response) -> None:
    uuid.UUID(response.headers["request-id"])
    assert response.headers["DataServiceVersion"] == "3.0"


async def test_add_returns_201_with_location_and_etag(client: httpx.AsyncClient) -> None:
    response = await add_job(client, "job-1")
    common_headers(response)
    assert response.content == b""
    assert ETAG.fullmatch(response.headers["ETag"])
    assert RFC1123.fullmatch(response.headers["Last-Modified"])
    assert response.headers["Location"] == f"{BASE}/jobs/job-1"
    assert response.headers["DataServiceId"] == f"{BASE}/jobs/job-1"
    assert "client-request-id" not in response.headers


async def test_client_request_id_echoed_only_when_asked(client: httpx.AsyncClient) -> None:
    rid = str(uuid.uuid4())
    body = {"id": "job-1", "poolInfo": {"poolId": "p"}}
    asked = await client.post(
        "/jobs", params=Q, json=body, headers={"client-request-id": rid, "return-client-request-id": "true"}
    )
    assert asked.headers["client-request-id"] == rid
    unasked = await client.get("/jobs/job-1", params=Q, headers={"client-request-id": rid})
    assert "client-request-id" not in unasked.headers
    failed = await client.get(
        "/jobs/nope", params=Q, headers={"client-request-id": rid, "return-client-request-id": "True"}
    )
    assert failed.headers["client-request-id"] == rid


async def test_get_fills_in_the_service_defaults_like_the_example(client: httpx.AsyncClient) -> None:
    await add_job(client, "jobId", priority=0)
    response = await client.get("/jobs/jobId", params=Q)
    assert response.status_code == 200
    common_headers(response)
    assert response.headers["content-type"] == "application/json;odata=minimalmetadata"
    body = response.json()
    assert response.headers["ETag"] == body["eTag"]
    assert body["odata.metadata"] == f"{BASE}/$metadata#jobs/@Element"
    example = json.loads((EXAMPLES / "JobList.json").read_text())["responses"]["200"]["body"]["value"][0]
    volatile = {
        "eTag",
        "lastModified",
        "creationTime",
        "stateTransitionTime",
        "previousState",
        "previousStateTransitionTime",
    }
    expected = {k: v for k, v in example.items() if k not in volatile}
    expected["url"] = f"{BASE}/jobs/jobId"
    expected["executionInfo"] = {"startTime": body["creationTime"], "poolId": "poolId"}
    expected["poolInfo"] = {"poolId": "pool-1"}
    expected["executionInfo"]["poolId"] = "pool-1"
    actual = {k: v for k, v in body.items() if k not in volatile and k != "odata.metadata"}
    assert actual == expected
    for key in ("lastModified", "creationTime", "stateTransitionTime"):
        assert ISO7.fullmatch(body[key])


async def test_add_keeps_given_settings(client: httpx.AsyncClient) -> None:
    example = json.loads((EXAMPLES / "neighbor-versions/2022-10-01.16.0/JobAdd_Complex.json").read_text())
    job = example["parameters"]["job"]
    response = await client.post("/jobs", params=Q, json=job)
    assert response.status_code == 201, response.text
    body = await get_job(client, "jobId")
    assert body["priority"] == 100
    assert body["constraints"] == {"maxWallClockTime": "PT1H", "maxTaskRetryCount": -1}
    assert body["jobManagerTask"]["commandLine"] == "myprogram.exe"
    assert body["metadata"] == [{"name": "myproperty", "value": "myvalue"}]
    assert body["poolInfo"]["autoPoolSpecification"]["pool"]["vmSize"] == "small"
    assert body["executionInfo"]["poolId"].startswith("mypool_")


async def test_zero_padded_durations_are_accepted(client: httpx.AsyncClient) -> None:
    await add_job(client, constraints={"maxWallClockTime": "PT02H00M00S"})
    assert (await get_job(client))["constraints"]["maxWallClockTime"] == "PT2H"


async def test_job_ids_are_case_insensitive_but_case_preserved(client: httpx.AsyncClient) -> None:
    await add_job(client, "MyJob")
    body = await get_job(client, "myjob")
    assert body["id"] == "MyJob"
    duplicate = await client.post("/jobs", params=Q, json={"id": "MYJOB", "poolInfo": {"poolId": "p"}})
    assert error_of(duplicate)[:2] == (409, "JobExists")


async def test_get_missing_job_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/jobs/nope", params=Q)
    assert error_of(response) == (404, "JobNotFound", {"JobId": "nope"})


async def test_encoded_job_ids_address_the_right_job(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.add_schedule_job("sched")  # service-made ids contain ':'
    response = await client.get("/jobs/sched%3Ajob-1", params=Q)
    assert response.json()["id"] == "sched:job-1"
    assert response.json()["url"] == f"{BASE}/jobs/sched%3Ajob-1"


async def test_delete_returns_202_without_etag(emulator: Emulator, client: httpx.AsyncClient) -> None:
    emulator.set_policy("instant")
    await add_job(client)
    response = await client.delete("/jobs/job-1", params=Q)
    assert response.status_code == 202
    common_headers(response)
    assert "ETag" not in response.headers
    assert error_of(await client.get("/jobs/job-1", params=Q))[:2] == (404, "JobNotFound")


async def test_disable_enable_terminate_return_202_with_action_data_service_id(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy(TransitionPolicy.instant())
    await add_job(client)
    previous = None
    for action, payload in (("disable", {"disableTasks": "requeue"}), ("enable", None), ("terminate", None)):
        response = (
            await client.post(f"/jobs/job-1/{action}", params=Q, json=payload)
            if payload
            else await client.post(f"/jobs/job-1/{action}", params=Q)
        )
        assert response.status_code == 202, response.text
        assert response.content == b""
        assert response.headers["DataServiceId"] == f"{BASE}/jobs/job-1/{action}"
        assert ETAG.fullmatch(response.headers["ETag"])
        assert response.headers["ETag"] != previous
        previous = response.headers["ETag"]
    body = await get_job(client)
    assert body["state"] == "completed"
    assert body["executionInfo"]["terminateReason"] == "UserTerminate"
    assert ISO7.fullmatch(body["executionInfo"]["endTime"])


async def test_terminate_with_reason_and_content_type_but_no_body(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, "a")
    await add_job(client, "b")
    with_reason = await client.post("/jobs/a/terminate", params=Q, json={"terminateReason": "done here"})
    no_body = await client.post(
        "/jobs/b/terminate",
        params=Q,
        headers={"Content-Type": "application/json; odata=minimalmetadata; charset=utf-8"},
    )
    assert (with_reason.status_code, no_body.status_code) == (202, 202)
    assert (await get_job(client, "a"))["executionInfo"]["terminateReason"] == "done here"
    assert (await get_job(client, "b"))["executionInfo"]["terminateReason"] == "UserTerminate"


async def test_patch_and_update_return_200_with_job_data_service_id(client: httpx.AsyncClient) -> None:
    created = await add_job(client)
    patched = await client.patch("/jobs/job-1", params=Q, json={"priority": 5})
    assert patched.status_code == 200
    assert patched.content == b""
    assert patched.headers["DataServiceId"] == f"{BASE}/jobs/job-1"
    assert patched.headers["ETag"] != created.headers["ETag"]
    updated = await client.put(
        "/jobs/job-1", params=Q, json={"poolInfo": {"poolId": "pool-1"}, "priority": 7}
    )
    assert updated.status_code == 200
    assert updated.headers["ETag"] != patched.headers["ETag"]
    assert (await get_job(client))["priority"] == 7


async def test_get_task_counts_defaults_to_zero_and_reports_seeded_counts(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    await add_job(client)
    response = await client.get("/jobs/job-1/taskcounts", params=Q)
    assert response.status_code == 200
    assert "ETag" not in response.headers
    zero = {"active": 0, "running": 0, "completed": 0, "succeeded": 0, "failed": 0}
    body = response.json()
    assert body["taskCounts"] == zero
    assert body["taskSlotCounts"] == zero
    example = json.loads((EXAMPLES / "JobGetTaskCounts.json").read_text())["responses"]["200"]["body"]
    emulator.set_task_counts("job-1", example["taskCounts"], example["taskSlotCounts"])
    body = (await client.get("/jobs/job-1/taskcounts", params=Q)).json()
    assert {k: v for k, v in body.items() if k != "odata.metadata"} == example


async def test_list_returns_jobs_in_creation_order(client: httpx.AsyncClient) -> None:
    for name in ("c", "a", "b"):
        await add_job(client, name)
    response = await client.get("/jobs", params=Q)
    assert response.status_code == 200
    body = response.json()
    assert body["odata.metadata"] == f"{BASE}/$metadata#jobs"
    assert [job["id"] for job in body["value"]] == ["c", "a", "b"]
    assert "odata.nextLink" not in body
    assert "ETag" not in response.headers


async def test_list_from_job_schedule_lists_only_its_jobs(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    await add_job(client, "loose")
    first = emulator.add_schedule_job("nightly")
    second = emulator.add_schedule_job("nightly", {"id": "nightly-custom", "poolInfo": {"poolId": "p2"}})
    emulator.add_job_schedule("empty")
    response = await client.get("/jobschedules/nightly/jobs", params=Q)
    assert response.status_code == 200
    assert (
        [job["id"] for job in response.json()["value"]]
        == [first, second]
        == ["nightly:job-1", "nightly-custom"]
    )
    assert (await client.get("/jobschedules/empty/jobs", params=Q)).json()["value"] == []
    missing = await client.get("/jobschedules/nope/jobs", params=Q)
    assert error_of(missing)[:2] == (404, "JobScheduleNotFound")


PREP = {"jobPreparationTask": {"commandLine": "prep.sh"}, "jobReleaseTask": {"commandLine": "release.sh"}}


def node(name: str, state: str = "completed") -> dict[str, object]:
    return {
        "nodeId": name,
        "jobPreparationTaskExecutionInfo": {
            "state": state,
            "startTime": "2023-06-01T10:00:00Z",
            "retryCount": 0,
            "exitCode": 0,
        },
        "jobReleaseTaskExecutionInfo": {"state": "completed", "startTime": "2023-06-01T11:00:00Z"},
    }


async def test_list_preparation_and_release_task_status(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    await add_job(client, "plain")
    no_prep = await client.get("/jobs/plain/jobpreparationandreleasetaskstatus", params=Q)
    assert error_of(no_prep)[:2] == (409, "JobPreparationTaskNotSpecified")
    await add_job(client, "prepped", **PREP)
    emulator.set_prep_release_status("prepped", [node("n1"), node("n2", "running"), node("n3")])
    url = "/jobs/prepped/jobpreparationandreleasetaskstatus"
    response = await client.get(url, params=Q)
    assert response.status_code == 200
    items = response.json()["value"]
    assert [item["nodeId"] for item in items] == ["n1", "n2", "n3"]
    assert items[0]["poolId"] == "pool-1"
    assert items[0]["nodeUrl"] == f"{BASE}/pools/pool-1/nodes/n1"
    assert items[0]["jobPreparationTaskExecutionInfo"]["startTime"] == "2023-06-01T10:00:00.0000000Z"
    running = await client.get(url, params={**Q, "$filter": "state eq 'running'"})
    assert [item["nodeId"] for item in running.json()["value"]] == ["n2"]
    by_node = await client.get(url, params={**Q, "$filter": "nodeId eq 'n3'", "$select": "nodeId"})
    assert by_node.json()["value"] == [{"nodeId": "n3"}]
    page = (await client.get(url, params={**Q, "maxresults": "2"})).json()
    assert [item["nodeId"] for item in page["value"]] == ["n1", "n2"]
    rest = (await client.get(page["odata.nextLink"])).json()
    assert [item["nodeId"] for item in rest["value"]] == ["n3"]
    assert "odata.nextLink" not in rest


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/certificates", 501, "NotImplemented"),  # Batch has it; the emulator leaves it out
        ("DELETE", "/pools/p", 501, "NotImplemented"),
        ("GET", "/jobs/j/tasks/t/subtasks", 400, "InvalidUri"),  # no such Batch path
        ("GET", "/", 400, "InvalidUri"),
        ("POST", "/jobs/j", 405, "UnsupportedHttpVerb"),
        ("HEAD", "/jobs", 405, "UnsupportedHttpVerb"),
        ("GET", "/jobs/j/disable", 405, "UnsupportedHttpVerb"),
    ],
)
async def test_unserved_paths_and_methods(
    client: httpx.AsyncClient, method: str, path: str, status: int, code: str
) -> None:
    response = await client.request(method, path, params=Q)
    assert response.status_code == status, (method, path)
    if method != "HEAD":
        assert error_of(response)[1] == code
    if status == 405:
        assert response.headers["allow"]
        assert method not in response.headers["allow"]
