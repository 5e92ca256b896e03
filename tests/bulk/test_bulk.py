"""Bulk calls against the emulator: bounded concurrency, per-item results in order, throttling, cancellation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import assert_type

import anyio
import anyio.lowlevel
import httpx
import pytest

from batchjobs import (
    BatchServiceClient,
    BulkResult,
    ConflictError,
    NotFoundError,
    RetryPolicy,
    models,
)
from batchjobs.emulator import Emulator, create_app
from batchjobs.testing import IN_PROCESS_URL, credentials_for


class Tap(httpx.AsyncBaseTransport):
    """Forwards to the emulator app, counting requests in flight; ``hold`` keeps them from finishing."""

    def __init__(self, emulator: Emulator) -> None:
        self._inner = httpx.ASGITransport(app=create_app(emulator))
        self.started = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.hold: anyio.Event | None = None
        self.target = 0
        self.reached = anyio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.started += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        if self.target and self.in_flight >= self.target:
            self.reached.set()
        try:
            if self.hold is not None:
                await self.hold.wait()
            # The in-process app never waits on I/O; yield once, as a network round trip would.
            await anyio.lowlevel.checkpoint()
            return await self._inner.handle_async_request(request)
        finally:
            self.in_flight -= 1


@pytest.fixture
def emulator() -> Emulator:
    return Emulator(policy="instant")


@pytest.fixture
def tap(emulator: Emulator) -> Tap:
    return Tap(emulator)


@pytest.fixture
async def client(emulator: Emulator, tap: Tap) -> AsyncIterator[BatchServiceClient]:
    async with BatchServiceClient(
        credentials_for(emulator), IN_PROCESS_URL, transport=tap, retry_policy=RetryPolicy.immediate(8)
    ) as client:
        yield client


def job(job_id: str) -> models.JobAddParameter:
    return models.JobAddParameter(id=job_id, pool_info=models.PoolInformation(pool_id="pool-1"))


def adds(emulator: Emulator) -> list[object]:
    return [entry["status"] for entry in emulator.requests() if entry["operation"] == "job.add"]


async def test_add_many_500_jobs_with_503s_and_invalid_ids_accounts_for_every_item(
    client: BatchServiceClient, emulator: Emulator, tap: Tap
) -> None:
    invalid = {7: "has space", 123: "x" * 65, 250: "dots.are.not.allowed", 499: ""}
    jobs = [job(invalid.get(i, f"job-{i:03}")) for i in range(500)]
    jobs[300] = job("job-042")  # the same id twice: exactly one of the two adds wins
    emulator.inject_fault(operation="add", status=503, retry_after=0, count=40)

    results = await client.job.add_many(jobs, max_concurrency=32)

    assert_type(results, list[BulkResult[models.JobAddParameter]])
    assert len(results) == 500
    assert all(result.item is given for result, given in zip(results, jobs, strict=True))
    for index in invalid:
        assert isinstance(results[index].error, ValueError)
        assert not results[index].ok
    duplicate = [results[42], results[300]]
    assert sum(result.ok for result in duplicate) == 1
    loser = next(result for result in duplicate if not result.ok)
    assert isinstance(loser.error, ConflictError)
    assert loser.error.code == "JobExists"
    others = [r for i, r in enumerate(results) if i not in invalid and i not in (42, 300)]
    assert all(result.ok for result in others)
    assert len(emulator.store) == 500 - len(invalid) - 1
    statuses = adds(emulator)
    assert statuses.count(503) == 40  # every throttled attempt was retried
    assert len(statuses) == 500 - len(invalid) + 40  # invalid ids never reached the service
    assert tap.max_in_flight == 32


async def test_bulk_calls_report_per_item_results_in_input_order(
    client: BatchServiceClient, emulator: Emulator
) -> None:
    ids = [f"job-{i}" for i in range(6)]
    assert all(result.ok for result in await client.job.add_many([job(i) for i in ids], max_concurrency=3))

    disabled = await client.job.disable_many([*ids[:3], "missing"], "requeue", max_concurrency=2)
    assert_type(disabled, list[BulkResult[str]])
    assert [result.item for result in disabled] == [*ids[:3], "missing"]
    assert [result.ok for result in disabled] == [True, True, True, False]
    assert isinstance(disabled[3].error, NotFoundError)

    enabled = await client.job.enable_many(ids[:4])
    assert [result.ok for result in enabled] == [True, True, True, False]  # job-3 was never disabled
    assert isinstance(enabled[3].error, ConflictError)

    terminated = await client.job.terminate_many(ids[2:4], "bulk stop")
    assert all(result.ok for result in terminated)
    assert (await client.job.get("job-3")).execution_info.terminate_reason == "bulk stop"  # type: ignore[union-attr]

    deleted = await client.job.delete_many(ids)
    assert all(result.ok for result in deleted)
    assert len(emulator.store) == 0


async def test_cancelling_a_bulk_call_cancels_the_calls_in_flight_and_starts_no_more(
    client: BatchServiceClient, emulator: Emulator, tap: Tap
) -> None:
    await client.job.add(job("keep"))
    tap.hold = anyio.Event()
    tap.started = 0
    tap.target = 8

    with anyio.CancelScope() as scope:
        async with anyio.create_task_group() as group:
            group.start_soon(
                lambda: client.job.delete_many([f"job-{i}" for i in range(100)], max_concurrency=8)
            )
            await tap.reached.wait()
            scope.cancel()

    assert scope.cancelled_caught
    assert tap.started == 8
    assert tap.in_flight == 0
    tap.hold = None
    assert (await client.job.get("keep")).id == "keep"  # the client is still usable


async def test_bulk_calls_check_their_arguments_before_any_request(
    client: BatchServiceClient, emulator: Emulator
) -> None:
    with pytest.raises(TypeError, match="single str"):
        await client.job.delete_many("job-1")
    with pytest.raises(ValueError, match="max_concurrency"):
        await client.job.enable_many(["job-1"], max_concurrency=0)
    with pytest.raises(TypeError, match="operation_config"):
        await client.job.terminate_many(["job-1"], retries=2)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="disable_tasks"):
        await client.job.disable_many(["job-1"], "")
    assert await client.job.add_many([]) == []
    assert emulator.requests() == []


def test_bulk_result_ok_reflects_the_error() -> None:
    assert BulkResult("job-1").ok
    failed = BulkResult("job-2", ValueError("bad"))
    assert not failed.ok
    assert isinstance(failed.error, ValueError)


def test_bulk_calls_run_under_trio() -> None:
    async def main() -> list[bool]:
        emulator = Emulator(policy="instant")
        async with BatchServiceClient(
            credentials_for(emulator), IN_PROCESS_URL, transport=Tap(emulator)
        ) as client:
            results = await client.job.add_many([job("a"), job("b"), job("a b")], max_concurrency=2)
            return [result.ok for result in results]

    assert anyio.run(main, backend="trio") == [True, True, False]
