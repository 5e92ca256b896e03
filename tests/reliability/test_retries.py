"""Retries: which calls are repeated, how long they wait, and what survives exhaustion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import anyio
import httpx
import pytest

from batchjobs import (
    BatchConnectionError,
    BatchErrorException,
    BatchTimeoutError,
    ConflictError,
    DeleteMayHaveSucceededError,
    JobMayExistError,
    NotFoundError,
    RetryPolicy,
    ServerError,
    SharedKeyCredentials,
    TerminateMayHaveSucceededError,
    ThrottledError,
    models,
)
from batchjobs._auth import SharedKeyAuth
from tests.client.support import expected_authorization
from tests.reliability.conftest import ACCOUNT, KEY, Script, error

JOB = {"id": "job-1", "state": "active"}
NEW_JOB = models.JobAddParameter(id="job-1", pool_info=models.PoolInformation(pool_id="pool-1"))


async def test_get_503_then_success_retries_with_the_same_client_request_id(make_client, sleep):
    script = Script([error(503, "ServerBusy"), httpx.Response(200, json=JOB)])
    async with make_client(script) as client:
        job = await client.job.get("job-1")
    assert job.id == "job-1"
    assert len(script.requests) == 2
    ids = {r.headers["client-request-id"] for r in script.requests}
    assert len(ids) == 1
    assert sleep.delays == [0.5]


async def test_retry_after_seconds_is_honoured(make_client, sleep):
    script = Script([error(429, "TooManyRequests", **{"Retry-After": "2"}), httpx.Response(200, json=JOB)])
    async with make_client(script) as client:
        await client.job.get("job-1")
    assert sleep.delays == [2.0]


async def test_retry_after_ms_wins_over_retry_after(make_client, sleep):
    busy = error(503, "ServerBusy", **{"Retry-After": "9", "retry-after-ms": "250"})
    async with make_client(Script([busy, httpx.Response(200, json=JOB)])) as client:
        await client.job.get("job-1")
    assert sleep.delays == [0.25]


async def test_retry_after_http_date_is_honoured_and_capped(make_client, sleep):
    later = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    busy = error(503, "ServerBusy", **{"Retry-After": later})
    async with make_client(Script([busy, httpx.Response(200, json=JOB)])) as client:
        await client.job.get("job-1")
    assert sleep.delays == [60.0]


async def test_backoff_grows_exponentially_up_to_the_cap(make_client, sleep):
    policy = RetryPolicy(max_attempts=6, initial_backoff=1, max_backoff=5, jitter=False, sleep=sleep)
    script = Script([error(500, "InternalError")] * 5 + [httpx.Response(200, json=JOB)])
    async with make_client(script, retry_policy=policy) as client:
        await client.job.get("job-1")
    assert sleep.delays == [1, 2, 4, 5, 5]


def test_full_jitter_stays_within_the_backoff():
    policy = RetryPolicy(initial_backoff=1, max_backoff=8)
    for retry in range(1, 6):
        delays = {policy.backoff(retry) for _ in range(50)}
        assert all(0 <= d <= min(8, 2 ** (retry - 1)) for d in delays)
        assert len(delays) > 1


async def test_exhaustion_keeps_status_code_and_request_id(make_client, sleep):
    script = Script([error(503, "ServerBusy", "The server is busy.")])
    async with make_client(script) as client:
        with pytest.raises(ServerError) as info:
            await client.job.get("job-1")
    assert info.value.status_code == 503
    assert info.value.code == "ServerBusy"
    assert info.value.request_id == "r-503"
    assert info.value.attempts == 4
    assert len(script.requests) == 4


async def test_throttling_exhaustion_raises_throttled_error(make_client):
    async with make_client(Script([error(429, "TooManyRequests")])) as client:
        with pytest.raises(ThrottledError) as info:
            await client.job.get("job-1")
    assert info.value.attempts == 4


@pytest.mark.parametrize("status", [400, 403, 404, 409, 412])
async def test_client_errors_are_not_retried(make_client, status):
    script = Script([error(status, "Whatever")])
    async with make_client(script) as client:
        with pytest.raises(BatchErrorException) as info:
            await client.job.get("job-1")
    assert info.value.status_code == status
    assert len(script.requests) == 1


async def test_add_is_retried_after_503_and_connect_error(make_client):
    script = Script([error(503, "ServerBusy"), httpx.ConnectError("refused"), httpx.Response(201)])
    async with make_client(script) as client:
        await client.job.add(NEW_JOB)
    assert len(script.requests) == 3


@pytest.mark.parametrize("status", [500, 502, 504, 408])
async def test_add_is_not_retried_after_an_ambiguous_status(make_client, status):
    script = Script([error(status, "InternalError"), httpx.Response(201)])
    async with make_client(script) as client:
        with pytest.raises(Exception, match="may have applied this add") as info:
            await client.job.add(NEW_JOB)
    assert info.value.status_code == status
    assert len(script.requests) == 1


async def test_add_read_timeout_is_not_retried_by_default(make_client):
    script = Script([httpx.ReadTimeout("slow"), httpx.Response(201)])
    async with make_client(script) as client:
        with pytest.raises(BatchTimeoutError, match="may have applied this add") as info:
            await client.job.add(NEW_JOB)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert len(script.requests) == 1


async def test_add_read_timeout_then_job_exists_says_the_job_may_have_been_created(make_client, sleep):
    policy = RetryPolicy(retry_ambiguous_writes=True, jitter=False, sleep=sleep)
    script = Script([httpx.ReadTimeout("slow"), error(409, "JobExists", "The specified job already exists.")])
    async with make_client(script, retry_policy=policy) as client:
        with pytest.raises(JobMayExistError, match="may have created the job") as info:
            await client.job.add(NEW_JOB)
    assert isinstance(info.value, ConflictError)
    assert info.value.code == "JobExists"
    assert info.value.attempts == 2


async def test_add_job_exists_without_an_earlier_failure_is_a_plain_conflict(make_client):
    async with make_client(Script([error(409, "JobExists")])) as client:
        with pytest.raises(ConflictError) as info:
            await client.job.add(NEW_JOB)
    assert type(info.value) is ConflictError


@pytest.mark.parametrize("op", ["disable", "enable", "terminate"])
async def test_actions_follow_the_add_rule(make_client, op):
    calls = {
        "disable": lambda c: c.job.disable("job-1", "requeue"),
        "enable": lambda c: c.job.enable("job-1"),
        "terminate": lambda c: c.job.terminate("job-1"),
    }
    retried = Script([error(503, "ServerBusy"), httpx.Response(202)])
    async with make_client(retried) as client:
        await calls[op](client)
    assert len(retried.requests) == 2
    ambiguous = Script([error(500, "InternalError"), httpx.Response(202)])
    async with make_client(ambiguous) as client:
        with pytest.raises(ServerError):
            await calls[op](client)
    assert len(ambiguous.requests) == 1


async def test_idempotent_writes_are_retried_after_500(make_client):
    script = Script([error(500, "InternalError"), httpx.Response(200)])
    async with make_client(script) as client:
        await client.job.patch("job-1", models.JobPatchParameter(priority=1))
    assert len(script.requests) == 2


async def test_connection_errors_exhaust_into_batch_connection_error(make_client):
    async with make_client(Script([httpx.ConnectError("refused")])) as client:
        with pytest.raises(BatchConnectionError) as info:
            await client.job.get("job-1")
    assert info.value.attempts == 4
    assert isinstance(info.value.__cause__, httpx.ConnectError)


async def test_per_call_retry_policy_overrides_the_client_default(make_client):
    script = Script([error(503, "ServerBusy")])
    async with make_client(script) as client:
        with pytest.raises(ServerError):
            await client.job.get("job-1", retry_policy=RetryPolicy.no_retries())
    assert len(script.requests) == 1


async def test_request_timeout_bounds_a_call_whose_every_attempt_hangs(make_client):
    async def hang(request):
        await anyio.sleep_forever()

    script = Script([hang])
    async with make_client(script, retry_policy=RetryPolicy.immediate()) as client:
        with pytest.raises(BatchTimeoutError, match="request_timeout"):
            await client.job.get("job-1", request_timeout=0.05)
        script.steps = [httpx.Response(200, json=JOB)]
        assert (await client.job.get("job-1")).id == "job-1"


async def test_deadline_stops_retrying_when_the_next_wait_would_pass_it(make_client, sleep):
    busy = error(503, "ServerBusy", **{"Retry-After": "30"})
    script = Script([busy])
    async with make_client(script, request_timeout=5) as client:
        with pytest.raises(ServerError) as info:
            await client.job.get("job-1")
    assert info.value.status_code == 503
    assert sleep.delays == []
    assert len(script.requests) == 1


async def test_paging_retries_only_the_failing_page(make_client):
    pages = {
        i: {"value": [{"id": f"job-{i}-{k}"} for k in range(3)], "odata.nextLink": f"{BASE}?p={i + 1}"}
        for i in range(5)
    }
    pages[4].pop("odata.nextLink")
    failures = {"left": 2}

    def handler(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("p", "0"))
        if page == 2 and failures["left"]:
            failures["left"] -= 1
            return error(503, "ServerBusy")
        return httpx.Response(200, json=pages[page])

    script = Script([handler])
    async with make_client(script) as client:
        ids = [job.id async for job in client.job.list()]
    assert ids == [f"job-{i}-{k}" for i in range(5) for k in range(3)]
    assert [int(r.url.params.get("p", "0")) for r in script.requests] == [0, 1, 2, 2, 2, 3, 4]


BASE = "https://contosobatch.westus.batch.azure.com/jobs"


# ---------------------------------------------------------------- every attempt dated and signed anew


class SteppingClock:
    """Epoch seconds that move 20 minutes on at every reading: each attempt is signed at a new time."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 20 * 60
        return self.now


async def test_each_retry_is_dated_and_signed_afresh_with_the_same_client_request_id(make_client):
    script = Script([error(503, "ServerBusy"), error(500, "InternalError"), httpx.Response(200, json=JOB)])
    auth = SharedKeyAuth(SharedKeyCredentials(ACCOUNT, KEY), clock=SteppingClock())
    async with make_client(script, credentials=auth) as client:
        await client.job.get("job-1")
    assert len(script.requests) == 3
    assert len({r.headers["ocp-date"] for r in script.requests}) == 3
    assert len({r.headers["Authorization"] for r in script.requests}) == 3
    assert len({r.headers["client-request-id"] for r in script.requests}) == 1
    for request in script.requests:
        assert request.headers["Authorization"] == expected_authorization(request, ACCOUNT, KEY)


async def test_a_retry_keeps_the_ocp_date_the_caller_set(make_client):
    script = Script([error(503, "ServerBusy"), httpx.Response(200, json=JOB)])
    auth = SharedKeyAuth(SharedKeyCredentials(ACCOUNT, KEY), clock=SteppingClock())
    options = models.JobGetOptions(ocp_date=datetime(2023, 6, 1, 12, 30, 45, tzinfo=UTC))
    async with make_client(script, credentials=auth) as client:
        await client.job.get("job-1", options)
    assert {r.headers["ocp-date"] for r in script.requests} == {"Thu, 01 Jun 2023 12:30:45 GMT"}


# ---------------------------------------------------- a retry that meets what its earlier attempt did


async def test_delete_500_then_job_not_found_says_the_earlier_attempt_may_have_deleted_it(make_client):
    script = Script(
        [error(500, "InternalError"), error(404, "JobNotFound", "The specified job does not exist.")]
    )
    async with make_client(script) as client:
        with pytest.raises(DeleteMayHaveSucceededError, match="may have deleted it") as info:
            await client.job.delete("job-1")
    assert isinstance(info.value, NotFoundError)
    assert info.value.code == "JobNotFound"
    assert info.value.attempts == 2


async def test_task_and_file_deletes_after_a_read_timeout_name_their_own_not_found_code(make_client):
    script = Script([httpx.ReadTimeout("slow"), error(404, "TaskNotFound")])
    async with make_client(script) as client:
        with pytest.raises(DeleteMayHaveSucceededError):
            await client.task.delete("job-1", "task-1")
        script.steps = [httpx.ReadTimeout("slow"), error(404, "FileNotFound")]
        with pytest.raises(DeleteMayHaveSucceededError):
            await client.file.delete_from_task("job-1", "task-1", "wd/out.txt")
        # The job is gone, not the task: not something this call's earlier attempt did.
        script.steps = [httpx.ReadTimeout("slow"), error(404, "JobNotFound")]
        with pytest.raises(NotFoundError) as info:
            await client.task.delete("job-1", "task-1")
    assert type(info.value) is NotFoundError


async def test_delete_not_found_without_an_ambiguous_failure_is_a_plain_not_found(make_client):
    for steps in ([error(404, "JobNotFound")], [error(503, "ServerBusy"), error(404, "JobNotFound")]):
        async with make_client(Script(steps)) as client:
            with pytest.raises(NotFoundError) as info:
                await client.job.delete("job-1")
        assert type(info.value) is NotFoundError


@pytest.mark.parametrize("code", ["JobCompleted", "JobBeingTerminated"])
async def test_terminate_read_timeout_then_completed_says_the_earlier_attempt_may_have_terminated_it(
    make_client, sleep, code
):
    policy = RetryPolicy(retry_ambiguous_writes=True, jitter=False, sleep=sleep)
    script = Script([httpx.ReadTimeout("slow"), error(409, code)])
    async with make_client(script, retry_policy=policy) as client:
        with pytest.raises(TerminateMayHaveSucceededError, match="may have terminated it") as info:
            await client.job.terminate("job-1")
    assert isinstance(info.value, ConflictError)
    assert info.value.code == code


async def test_task_terminate_500_then_task_completed_may_have_succeeded(make_client, sleep):
    policy = RetryPolicy(retry_ambiguous_writes=True, jitter=False, sleep=sleep)
    script = Script([error(500, "InternalError"), error(409, "TaskCompleted")])
    async with make_client(script, retry_policy=policy) as client:
        with pytest.raises(TerminateMayHaveSucceededError):
            await client.task.terminate("job-1", "task-1")


async def test_terminate_completed_after_a_503_is_a_plain_conflict(make_client):
    script = Script([error(503, "ServerBusy"), error(409, "JobCompleted")])
    async with make_client(script) as client:
        with pytest.raises(ConflictError) as info:
            await client.job.terminate("job-1")
    assert type(info.value) is ConflictError


# ---------------------------------------------------------------- waits a server cannot poison


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "nan"},
        {"retry-after-ms": "nan"},
        {"Retry-After": "inf"},
        {"retry-after-ms": "-inf", "Retry-After": "NaN"},
    ],
)
async def test_a_retry_after_that_is_not_a_finite_number_falls_back_to_the_backoff(
    make_client, sleep, headers
):
    script = Script([error(503, "ServerBusy", **headers), httpx.Response(200, json=JOB)])
    async with make_client(script) as client:
        assert (await client.job.get("job-1")).id == "job-1"
    assert sleep.delays == [0.5]


async def test_retry_after_ms_nan_falls_back_to_retry_after(make_client, sleep):
    busy = error(503, "ServerBusy", **{"retry-after-ms": "nan", "Retry-After": "3"})
    async with make_client(Script([busy, httpx.Response(200, json=JOB)])) as client:
        await client.job.get("job-1")
    assert sleep.delays == [3.0]
