"""How to test your own Batch code with the bundled emulator and its pytest fixtures.

Your code (here ``retire_idle_jobs``) takes a ``BatchServiceClient``; the tests hand it one wired
to an in-process emulator, seed state the Job API cannot create, inject faults, and read the
emulator's request journal. Run with:

    pytest examples/testing_with_emulator.py

In your own project, enable the fixtures once in ``conftest.py``::

    pytest_plugins = ["batchjobs.testing"]
"""

from __future__ import annotations

import pytest

from batchjobs import BatchServiceClient, RetryPolicy, ServerError, models
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client

# --- the code under test ---------------------------------------------------------------------------


async def retire_idle_jobs(client: BatchServiceClient, prefix: str) -> list[str]:
    """Terminate the active jobs whose id starts with ``prefix`` and that have no task left to run."""
    retired = []
    options = models.JobListOptions(filter=f"startswith(id, '{prefix}') and state eq 'active'", select="id")
    async for job in client.job.list(options):
        assert job.id is not None
        counts = await client.job.get_task_counts(job.id)
        if counts.task_counts.active == 0 and counts.task_counts.running == 0:
            await client.job.terminate(job.id, "idle")
            retired.append(job.id)
    return retired


# --- its tests ---------------------------------------------------------------------------------------

POOL = models.PoolInformation(pool_id="pool-1")


@pytest.fixture
def batch_emulator() -> Emulator:
    # The same name as the batchjobs.testing fixture: settle transitions at once for these tests.
    return Emulator(policy="instant")


async def test_only_idle_jobs_are_retired(batch_emulator: Emulator) -> None:
    async with emulator_client(batch_emulator) as client:
        for job_id in ("etl-1", "etl-2", "other-1"):
            await client.job.add(models.JobAddParameter(id=job_id, pool_info=POOL))
        busy = {"active": 3, "running": 1, "completed": 0, "succeeded": 0, "failed": 0}
        batch_emulator.set_task_counts("etl-2", busy)

        assert await retire_idle_jobs(client, "etl-") == ["etl-1"]

        assert (await client.job.get("etl-1")).state == models.JobState.completed
        assert (await client.job.get("etl-2")).state == models.JobState.active
        terminations = [r for r in batch_emulator.requests() if r["operation"] == "job.terminate"]
        assert len(terminations) == 1


async def test_a_busy_service_is_retried(batch_emulator: Emulator) -> None:
    async with emulator_client(batch_emulator, retry_policy=RetryPolicy.immediate()) as client:
        await client.job.add(models.JobAddParameter(id="etl-1", pool_info=POOL))
        batch_emulator.inject_fault(operation="job.get_task_counts", status=503, code="ServerBusy", count=2)

        assert await retire_idle_jobs(client, "etl-") == ["etl-1"]


async def test_a_persistent_failure_reaches_the_caller(batch_emulator: Emulator) -> None:
    async with emulator_client(batch_emulator, retry_policy=RetryPolicy.no_retries()) as client:
        await client.job.add(models.JobAddParameter(id="etl-1", pool_info=POOL))
        batch_emulator.inject_fault(operation="job.terminate", status=500, code="InternalError")

        with pytest.raises(ServerError) as failure:
            await retire_idle_jobs(client, "etl-")
        assert failure.value.code == "InternalError"


async def test_the_batch_client_fixture(batch_client: BatchServiceClient) -> None:
    # ``batch_client`` (from pytest_plugins = ["batchjobs.testing"]) talks to ``batch_emulator``.
    await batch_client.job.add(models.JobAddParameter(id="etl-9", pool_info=POOL))
    assert await retire_idle_jobs(batch_client, "etl-") == ["etl-9"]
