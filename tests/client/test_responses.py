"""What the operations return: models parsed from the spec examples, and ``raw=True`` views."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import respx

from batchjobs import BatchServiceClient, DeserializationError, RawResponse, models
from tests.client.conftest import ClientFactory
from tests.client.ops import POOL, TASK_COUNTS_BODY
from tests.client.support import (
    CLIENT_REQUEST_ID,
    ETAG,
    OCP_DATE,
    REQUEST_ID,
    RESPONSE_HEADERS,
    collect,
    raw_target,
)
from tests.helpers import load_fixture

EXAMPLE_BASE_URL = "https://account.region.batch.azure.com"
MAX_DURATION = timedelta(days=10675199, seconds=10085, microseconds=477581)


def example_body(name: str, status: str = "200") -> Any:
    return load_fixture(f"examples/{name}")["responses"][status]["body"]


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)


@pytest.fixture
def example_router() -> respx.Router:
    return respx.Router(base_url=EXAMPLE_BASE_URL, assert_all_called=True)


@pytest.fixture
def example_client(example_router: respx.Router, make_client: ClientFactory) -> BatchServiceClient:
    """A client for the account the spec examples use, so their nextLinks are on the same host."""
    return make_client(httpx.MockTransport(example_router.async_handler), EXAMPLE_BASE_URL)


async def test_get_example_body_parses_to_cloud_job(router, client):
    body = example_body("neighbor-versions/2021-06-01.14.0/JobGet.json")
    body["odata.metadata"] = f"{EXAMPLE_BASE_URL}/$metadata#jobs/@Element"
    router.get("/jobs/jobId").respond(200, json=body)

    job = await client.job.get("jobId")

    assert isinstance(job, models.CloudJob)
    assert job.id == "jobId"
    assert job.url == "https://account.region.batch.azure.com/jobs/jobId"
    assert job.e_tag == "0x8D4100FC49F0278"
    assert job.last_modified == utc(2016, 11, 19, 0, 5, 27, 539160)
    assert job.creation_time == utc(2016, 11, 19, 0, 5, 25, 311915)
    assert job.state is models.JobState.completed
    assert job.state_transition_time == utc(2016, 11, 19, 0, 5, 27, 578581)
    assert job.previous_state is models.JobState.active
    assert job.previous_state_transition_time == utc(2016, 11, 19, 0, 5, 27, 213771)
    assert job.priority == 0
    assert job.max_parallel_tasks == -1
    assert job.uses_task_dependencies is False
    assert job.constraints == models.JobConstraints(max_wall_clock_time=MAX_DURATION, max_task_retry_count=0)
    assert job.pool_info == models.PoolInformation(pool_id="poolId")
    assert job.execution_info == models.JobExecutionInformation(
        start_time=utc(2016, 11, 19, 0, 5, 25, 330910),
        end_time=utc(2016, 11, 19, 0, 5, 27, 578581),
        pool_id="poolId",
        terminate_reason="UserTerminate",
    )
    assert job.on_all_tasks_complete is models.OnAllTasksComplete.no_action
    assert job.on_task_failure is models.OnTaskFailure.no_action
    assert job.stats is None


async def test_get_unknown_enum_value_and_unknown_keys_are_kept_or_ignored(router, client):
    router.get("/jobs/weird").respond(
        200,
        json={
            "id": "weird",
            "state": "hibernating",
            "someFutureProperty": {"a": 1},
            "previousState": "ACTIVE",
        },
    )
    job = await client.job.get("weird")
    assert job.state == "hibernating"
    assert job.previous_state is models.JobState.active


async def test_get_task_counts_example_body_parses_to_task_counts_result(router, client):
    router.get("/jobs/jobId/taskcounts").respond(200, json=example_body("JobGetTaskCounts.json"))

    counts = await client.job.get_task_counts("jobId")

    numbers = {"active": 5, "running": 7, "completed": 4, "succeeded": 2, "failed": 2}
    assert counts == models.TaskCountsResult(
        task_counts=models.TaskCounts(**numbers), task_slot_counts=models.TaskSlotCounts(**numbers)
    )


def _expected_listed_job(
    max_parallel_tasks: int | None, allow_task_preemption: bool | None
) -> models.CloudJob:
    return models.CloudJob(
        id="jobId",
        url="https://account.region.batch.azure.com/jobs/jobId",
        e_tag="0x8D4100FC46D5BF4",
        last_modified=utc(2016, 11, 19, 0, 5, 27, 213771),
        creation_time=utc(2016, 11, 19, 0, 5, 25, 311915),
        state=models.JobState.active,
        state_transition_time=utc(2016, 11, 19, 0, 5, 27, 213771),
        previous_state=models.JobState.disabled,
        previous_state_transition_time=utc(2016, 11, 19, 0, 5, 26, 887770),
        priority=0,
        max_parallel_tasks=max_parallel_tasks,
        allow_task_preemption=allow_task_preemption,
        uses_task_dependencies=False,
        constraints=models.JobConstraints(max_wall_clock_time=MAX_DURATION, max_task_retry_count=0),
        pool_info=models.PoolInformation(pool_id="poolId"),
        execution_info=models.JobExecutionInformation(
            start_time=utc(2016, 11, 19, 0, 5, 25, 330910), pool_id="poolId"
        ),
        on_all_tasks_complete=models.OnAllTasksComplete.no_action,
        on_task_failure=models.OnTaskFailure.no_action,
    )


async def test_list_example_body_yields_cloud_jobs(example_router, example_client):
    example_router.get("/jobs").respond(200, json=example_body("JobList.json"))
    jobs = await collect(example_client.job.list())
    assert jobs == [_expected_listed_job(max_parallel_tasks=-1, allow_task_preemption=False)]


async def test_list_from_job_schedule_example_body_yields_cloud_jobs(example_router, example_client):
    route = example_router.get("/jobschedules/jobScheduleId/jobs").respond(
        200, json=example_body("JobListFromJobSchedule.json")
    )
    jobs = await collect(example_client.job.list_from_job_schedule("jobScheduleId"))
    assert jobs == [_expected_listed_job(max_parallel_tasks=None, allow_task_preemption=None)]
    assert route.call_count == 1


async def test_list_preparation_and_release_task_status_example_yields_items_and_follows_next_link(
    example_router, example_client
):
    body = example_body("neighbor-versions/2022-10-01.16.0/JobListPreparationAndReleaseTaskStatus.json")
    first = example_router.get("/jobs/jobId/jobpreparationandreleasetaskstatus").respond(200, json=body)
    # The example's nextLink (sic: "...releasestatus") is opaque and followed exactly as given.
    second = example_router.get("/jobs/myjob/jobpreparationandreleasestatus").respond(200, json={"value": []})

    items = await collect(example_client.job.list_preparation_and_release_task_status("jobId"))

    node = "tvm-2167304207_1-20140905t174658z"
    files = f"{EXAMPLE_BASE_URL}/pools/poolId/nodes/{node}/files/tasks/myjob/job-1"
    assert items == [
        models.JobPreparationAndReleaseTaskExecutionInformation(
            pool_id="poolId",
            node_id=node,
            node_url=f"{EXAMPLE_BASE_URL}/pools/poolId/nodes/{node}",
            job_preparation_task_execution_info=models.JobPreparationTaskExecutionInformation(
                state=models.JobPreparationTaskState.completed,
                start_time=utc(2015, 5, 1, 10, 20, 31),
                end_time=utc(2015, 5, 2, 20, 12, 42),
                task_root_directory="tasks/myjob/job-1/myjobpreptask",
                task_root_directory_url=f"{files}/myjobpreptask",
                exit_code=0,
                retry_count=0,
            ),
            job_release_task_execution_info=models.JobReleaseTaskExecutionInformation(
                state=models.JobReleaseTaskState.completed,
                start_time=utc(2015, 5, 1, 10, 20, 31),
                end_time=utc(2015, 5, 2, 20, 12, 42),
                task_root_directory="tasks/myjob/job-1/myjobreleasetask",
                task_root_directory_url=f"{files}/myjobreleasetask",
                exit_code=0,
            ),
        )
    ]
    assert first.call_count == 1
    assert raw_target(second.calls.last.request) == (
        f"/jobs/myjob/jobpreparationandreleasestatus?$skipToken={node}&api-version=2022-10-01.16.0"
    )


RawCall = Callable[[BatchServiceClient], Awaitable[RawResponse[Any]]]

RAW_CALLS: dict[str, tuple[str, str, int, Any, RawCall]] = {
    "add": (
        "POST",
        "/jobs",
        201,
        None,
        lambda c: c.job.add(models.JobAddParameter(id="job-1", pool_info=POOL), raw=True),
    ),
    "delete": ("DELETE", "/jobs/job-1", 202, None, lambda c: c.job.delete("job-1", raw=True)),
    "disable": (
        "POST",
        "/jobs/job-1/disable",
        202,
        None,
        lambda c: c.job.disable("job-1", "wait", raw=True),
    ),
    "enable": ("POST", "/jobs/job-1/enable", 202, None, lambda c: c.job.enable("job-1", raw=True)),
    "get": ("GET", "/jobs/job-1", 200, {"id": "job-1"}, lambda c: c.job.get("job-1", raw=True)),
    "get_task_counts": (
        "GET",
        "/jobs/job-1/taskcounts",
        200,
        TASK_COUNTS_BODY,
        lambda c: c.job.get_task_counts("job-1", raw=True),
    ),
    "patch": (
        "PATCH",
        "/jobs/job-1",
        200,
        None,
        lambda c: c.job.patch("job-1", models.JobPatchParameter(priority=1), raw=True),
    ),
    "terminate": (
        "POST",
        "/jobs/job-1/terminate",
        202,
        None,
        lambda c: c.job.terminate("job-1", raw=True),
    ),
    "update": (
        "PUT",
        "/jobs/job-1",
        200,
        None,
        lambda c: c.job.update("job-1", models.JobUpdateParameter(pool_info=POOL), raw=True),
    ),
}


@pytest.mark.parametrize("name", sorted(RAW_CALLS))
async def test_single_ops_raw_returns_output_and_response_headers(name, router, client):
    method, path, status, body, call = RAW_CALLS[name]
    kwargs: dict[str, Any] = {"headers": RESPONSE_HEADERS}
    if body is not None:
        kwargs["json"] = body
    router.route(method=method, path=path).respond(status, **kwargs)

    result = await call(client)

    assert isinstance(result, RawResponse)
    assert result.status_code == status
    if name == "get":
        assert result.output == models.CloudJob(id="job-1")
    elif name == "get_task_counts":
        assert isinstance(result.output, models.TaskCountsResult)
        assert result.output.task_counts.running == 7
    else:
        assert result.output is None
    assert result.etag == ETAG
    assert result.last_modified == OCP_DATE
    assert result.last_modified is not None
    assert result.last_modified.utcoffset() == timedelta(0)
    assert result.request_id == REQUEST_ID
    assert result.client_request_id == CLIENT_REQUEST_ID
    assert result.data_service_id == "https://myaccount.westus.batch.azure.com/jobs/job-1"
    assert result.headers["DataServiceVersion"] == "3.0"


async def test_delete_raw_without_optional_headers_gives_none(router, client):
    route = router.delete("/jobs/job-1").respond(202, headers={"request-id": REQUEST_ID})

    result = await client.job.delete("job-1", raw=True)

    assert result.etag is None
    assert result.last_modified is None
    assert result.data_service_id is None
    assert result.request_id == REQUEST_ID
    # Not echoed by the service: the id this call sent is reported.
    assert result.client_request_id == route.calls.last.request.headers["client-request-id"]


async def test_get_without_raw_returns_the_model_only(router, client):
    router.get("/jobs/job-1").respond(200, json={"id": "job-1"}, headers=RESPONSE_HEADERS)
    assert await client.job.get("job-1") == models.CloudJob(id="job-1")


async def test_add_without_raw_returns_none(router, client):
    router.post("/jobs").respond(201, headers={**RESPONSE_HEADERS, "Location": "https://x/jobs/job-1"})
    assert await client.job.add(models.JobAddParameter(id="job-1", pool_info=POOL)) is None


async def test_get_raw_with_two_etag_headers_is_a_malformed_response(router, client):
    router.get("/jobs/job-1").respond(200, json={"id": "job-1"}, headers=[("ETag", "0x1"), ("ETag", "0x2")])

    result = await client.job.get("job-1", raw=True)

    with pytest.raises(DeserializationError, match="2 ETag headers") as info:
        _ = result.etag
    assert info.value.path == "headers.ETag"
    assert info.value.response is result.response
