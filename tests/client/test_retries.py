"""Retries: which failures repeat a call, and that a repeated call is byte-identical. Nothing sleeps."""

from __future__ import annotations

import httpx
import pytest

from batchjobs import BatchTimeoutError, RetryPolicy, ServerError, models
from tests.client.ops import POOL
from tests.client.support import assert_common_request_shape, batch_error


def busy(status: int = 503, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=batch_error("ServerBusy", "busy"), headers=headers)


async def test_get_503_twice_then_200_retries_with_the_same_request_id_each_attempt_signed(router, client):
    route = router.get("/jobs/job-1").mock(
        side_effect=[busy(), busy(), httpx.Response(200, json={"id": "job-1"})]
    )

    job = await client.job.get("job-1", retry_policy=RetryPolicy.immediate())

    assert job.id == "job-1"
    assert route.call_count == 3
    assert len({call.request.headers["client-request-id"] for call in route.calls}) == 1
    for call in route.calls:
        assert_common_request_shape(call.request, has_body=False)


async def test_get_500_forever_raises_server_error_after_max_attempts(router, client):
    route = router.get("/jobs/job-1").mock(return_value=busy(500))

    with pytest.raises(ServerError) as info:
        await client.job.get("job-1", retry_policy=RetryPolicy.immediate(3))

    assert info.value.attempts == 3
    assert route.call_count == 3


async def test_enable_500_is_not_retried_and_says_it_may_have_applied(router, client):
    route = router.post("/jobs/job-1/enable").mock(return_value=busy(500))

    with pytest.raises(ServerError) as info:
        await client.job.enable("job-1", retry_policy=RetryPolicy.immediate())

    assert route.call_count == 1
    assert "may have applied" in str(info.value)


async def test_enable_503_is_retried_because_it_was_not_processed(router, client):
    route = router.post("/jobs/job-1/enable").mock(side_effect=[busy(), httpx.Response(202)])
    await client.job.enable("job-1", retry_policy=RetryPolicy.immediate())
    assert route.call_count == 2


async def test_add_connect_error_then_201_is_retried_once(router, client):
    route = router.post("/jobs").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(201)],
    )
    await client.job.add(
        models.JobAddParameter(id="job-1", pool_info=POOL), retry_policy=RetryPolicy.immediate()
    )
    assert route.call_count == 2
    assert len({call.request.headers["client-request-id"] for call in route.calls}) == 1


async def test_add_read_timeout_is_not_retried(router, client):
    route = router.post("/jobs").mock(side_effect=httpx.ReadTimeout("slow"))

    with pytest.raises(BatchTimeoutError):
        await client.job.add(
            models.JobAddParameter(id="job-1", pool_info=POOL), retry_policy=RetryPolicy.immediate()
        )

    assert route.call_count == 1


async def test_patch_429_retry_after_is_honoured_through_the_sleep_hook(router, client):
    delays: list[float] = []

    async def record(delay: float) -> None:
        delays.append(delay)

    route = router.patch("/jobs/job-1").mock(
        side_effect=[busy(429, **{"Retry-After": "2"}), httpx.Response(200)]
    )
    policy = RetryPolicy(max_attempts=2, sleep=record, jitter=False)

    await client.job.patch("job-1", models.JobPatchParameter(priority=1), retry_policy=policy)

    assert delays == [2.0]
    assert route.call_count == 2


async def test_list_second_page_503_retries_only_that_page(router, client):
    link = "https://myaccount.westus.batch.azure.com/jobs?api-version=2023-05-01.17.0&$skipToken=p2"
    route = router.get("/jobs").mock(
        side_effect=[
            httpx.Response(200, json={"value": [{"id": "job-1"}], "odata.nextLink": link}),
            busy(),
            httpx.Response(200, json={"value": [{"id": "job-2"}]}),
        ]
    )

    jobs = [job.id async for job in client.job.list(retry_policy=RetryPolicy.immediate())]

    assert jobs == ["job-1", "job-2"]
    assert route.call_count == 3
    assert route.calls[1].request.url == route.calls[2].request.url
