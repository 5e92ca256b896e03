"""Reliability over a real loopback socket: cancellation leaks no connection, and trio works end to end."""

from __future__ import annotations

import anyio
import httpcore
import pytest

from batchjobs import BatchServiceClient, RetryPolicy, ServerError, models
from batchjobs.emulator import Emulator
from batchjobs.testing import EmulatorServer, credentials_for

POOL = models.PoolInformation(pool_id="pool-1")


def _pool(client: BatchServiceClient) -> httpcore.AsyncConnectionPool:
    return client._http._transport._inner._pool  # type: ignore[attr-defined,no-any-return]


async def test_cancelling_200_in_flight_calls_leaks_no_connection():
    emulator = Emulator()
    with EmulatorServer(emulator) as server:
        async with BatchServiceClient(credentials_for(emulator), server.url, max_connections=50) as client:
            await client.job.add(models.JobAddParameter(id="slow", pool_info=POOL))
            emulator.inject_fault(operation="get", job_id="slow", delay=30, count=200)
            with anyio.move_on_after(0.5):
                async with anyio.create_task_group() as group:
                    for _ in range(200):
                        group.start_soon(client.job.get, "slow")
            pool = _pool(client)
            assert pool._requests == []  # nothing waiting for or holding a connection
            assert all(not c.is_available() or c.is_idle() for c in pool.connections)
            assert len(pool.connections) <= 50
            emulator.clear_faults()
            assert (await client.job.get("slow")).id == "slow"
            assert len(pool.connections) <= 50


def test_operation_suite_under_trio_over_loopback():
    emulator = Emulator(policy="instant")

    async def main() -> list[str]:
        seen = []
        with EmulatorServer(emulator) as server:
            policy = RetryPolicy.immediate()
            async with BatchServiceClient(
                credentials_for(emulator), server.url, retry_policy=policy
            ) as client:
                for i in range(3):
                    await client.job.add(models.JobAddParameter(id=f"trio-{i}", pool_info=POOL))
                seen += [j.id or "" async for j in client.job.list(models.JobListOptions(max_results=2))]
                await client.job.disable("trio-0", "requeue")
                seen.append(str((await client.job.get("trio-0")).state))
                emulator.inject_fault(operation="get", status=503, count=2)
                seen.append(str((await client.job.get("trio-1", request_timeout=10)).state))
                emulator.inject_fault(operation="delete", status=500, count=10)
                with pytest.raises(ServerError):
                    await client.job.delete("trio-2")
                await client.job.terminate("trio-1")
        return seen

    assert anyio.run(main, backend="trio") == ["trio-0", "trio-1", "trio-2", "disabled", "active"]
