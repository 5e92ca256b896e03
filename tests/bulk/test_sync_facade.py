"""A bulk call through the blocking facade returns the same per-item results."""

from __future__ import annotations

from typing import assert_type

from batchjobs import BulkResult, ConflictError, RetryPolicy, models
from batchjobs.emulator import Emulator
from batchjobs.testing import sync_emulator_client


def test_sync_add_many_and_delete_many() -> None:
    emulator = Emulator(policy="instant")
    jobs = [
        models.JobAddParameter(id=f"job-{i}", pool_info=models.PoolInformation(pool_id="p"))
        for i in range(20)
    ]
    with sync_emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
        client.job.add(jobs[5])
        results = client.job.add_many(jobs, max_concurrency=4)
        assert_type(results, list[BulkResult[models.JobAddParameter]])
        assert [result.item for result in results] == jobs
        assert [i for i, result in enumerate(results) if not result.ok] == [5]
        assert isinstance(results[5].error, ConflictError)
        deleted = client.job.delete_many([job.id for job in jobs if job.id])
        assert all(result.ok for result in deleted)
    assert len(emulator.store) == 0
