"""Cancellation at any point leaves the client usable, and the async core also runs under trio."""

from __future__ import annotations

import asyncio

import anyio
import httpx
import pytest

from batchjobs import BatchServiceClient, RetryPolicy, SharedKeyCredentials, models
from tests.reliability.conftest import ACCOUNT, BASE_URL, KEY, Script, error

JOB = {"id": "job-1", "state": "active"}


async def test_cancelling_200_in_flight_calls_leaves_the_client_usable(make_client):
    release = anyio.Event()
    all_started = anyio.Event()
    started = {"n": 0}

    async def blocked(request: httpx.Request) -> httpx.Response:
        started["n"] += 1
        if started["n"] == 200:
            all_started.set()
        await release.wait()
        return httpx.Response(200, json=JOB)

    script = Script([blocked])
    async with make_client(script) as client:
        async with anyio.create_task_group() as tg:
            for _ in range(200):
                tg.start_soon(client.job.get, "job-1")
            await all_started.wait()
            tg.cancel_scope.cancel()
        script.steps = [httpx.Response(200, json=JOB)]
        assert (await client.job.get("job-1")).id == "job-1"


async def test_wait_for_timeout_cancels_the_call_and_the_client_survives(make_client):
    async def hang(request: httpx.Request) -> httpx.Response:
        await anyio.sleep_forever()
        raise AssertionError

    script = Script([hang])
    async with make_client(script) as client:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(client.job.get("job-1"), timeout=0.01)
        script.steps = [httpx.Response(200, json=JOB)]
        assert (await client.job.get("job-1")).id == "job-1"


async def test_cancel_during_a_retry_wait(make_client):
    waiting = anyio.Event()

    async def slow_sleep(delay: float) -> None:
        waiting.set()
        await anyio.sleep_forever()

    policy = RetryPolicy(sleep=slow_sleep)
    script = Script([error(503, "ServerBusy")])
    async with make_client(script, retry_policy=policy) as client:
        async with anyio.create_task_group() as tg:
            tg.start_soon(client.job.get, "job-1")
            await waiting.wait()
            tg.cancel_scope.cancel()
        assert len(script.requests) == 1
        script.steps = [httpx.Response(200, json=JOB)]
        assert (await client.job.get("job-1", retry_policy=RetryPolicy.no_retries())).id == "job-1"


async def test_breaking_out_of_a_listing_mid_page_closes_cleanly(make_client):
    page = {"value": [{"id": f"j{i}"} for i in range(5)], "odata.nextLink": f"{BASE_URL}/jobs?p=2"}
    script = Script([httpx.Response(200, json=page)])
    async with make_client(script) as client:
        listing = client.job.list()
        async for job in listing:
            if job.id == "j2":
                break
        await listing.aclose()
    assert len(script.requests) == 1


def test_operations_run_under_trio():
    async def main() -> list[str]:
        def handler(request: httpx.Request) -> httpx.Response:
            if request.method == "GET" and request.url.path == "/jobs":
                return httpx.Response(200, json={"value": [JOB]})
            if request.method == "GET":
                return httpx.Response(200, json=JOB)
            return httpx.Response(201 if request.url.path == "/jobs" else 202)

        credentials = SharedKeyCredentials(ACCOUNT, KEY)
        policy = RetryPolicy.immediate()
        transport = httpx.MockTransport(handler)
        async with BatchServiceClient(
            credentials, BASE_URL, transport=transport, retry_policy=policy
        ) as client:
            await client.job.add(
                models.JobAddParameter(id="job-1", pool_info=models.PoolInformation(pool_id="p"))
            )
            job = await client.job.get("job-1", request_timeout=5)
            await client.job.terminate("job-1")
            listed = [j.id async for j in client.job.list()]
            return [job.id or "", *[i or "" for i in listed]]

    assert anyio.run(main, backend="trio") == ["job-1", "job-1"]


def test_retry_waits_use_trio_sleep_under_trio():
    async def main() -> int:
        script = Script([error(503, "ServerBusy"), httpx.Response(200, json=JOB)])
        policy = RetryPolicy(initial_backoff=0.001, max_backoff=0.001)
        transport = httpx.MockTransport(script)
        async with BatchServiceClient(
            SharedKeyCredentials(ACCOUNT, KEY), BASE_URL, transport=transport, retry_policy=policy
        ) as client:
            await client.job.get("job-1")
        return len(script.requests)

    assert anyio.run(main, backend="trio") == 2
