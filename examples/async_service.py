"""A long-running asyncio worker: submit jobs with bounded concurrency and watch them finish.

It submits ``--jobs`` jobs, at most ``--concurrency`` requests at a time, then polls their states
with one listing per round (``$select=id,state``, filtered to this run's jobs) until every job has
completed, terminating each one after its (simulated) work is done. Against the bundled emulator by
default; set BATCH_ACCOUNT_URL / BATCH_ACCOUNT_NAME / BATCH_ACCOUNT_KEY for a real account.

    python examples/async_service.py --jobs 20 --concurrency 4
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from batchjobs import BatchJobsError, BatchServiceClient, RetryPolicy, SharedKeyCredentials, models


@asynccontextmanager
async def open_client() -> AsyncIterator[BatchServiceClient]:
    policy = RetryPolicy(max_attempts=6, max_backoff=10)  # a worker should ride out throttling
    url = os.environ.get("BATCH_ACCOUNT_URL")
    if not url:
        from batchjobs.testing import emulator_client

        async with emulator_client(retry_policy=policy) as client:
            yield client
        return
    credentials = SharedKeyCredentials(os.environ["BATCH_ACCOUNT_NAME"], os.environ["BATCH_ACCOUNT_KEY"])
    async with BatchServiceClient(credentials, url, retry_policy=policy, request_timeout=120) as client:
        yield client


async def submit(client: BatchServiceClient, job_ids: list[str], pool_id: str, concurrency: int) -> None:
    """Add every job, never more than ``concurrency`` requests in flight."""
    limiter = anyio.CapacityLimiter(concurrency)

    async def add(job_id: str) -> None:
        async with limiter:
            job = models.JobAddParameter(
                id=job_id,
                pool_info=models.PoolInformation(pool_id=pool_id),
                on_all_tasks_complete=models.OnAllTasksComplete.terminate_job,
                metadata=[models.MetadataItem(name="submitted-by", value="async_service")],
            )
            await client.job.add(job)

    async with anyio.create_task_group() as group:
        for job_id in job_ids:
            group.start_soon(add, job_id)


async def watch(client: BatchServiceClient, prefix: str, expected: int, poll: float) -> Counter[str]:
    """Poll the run's jobs with one listing per round until all are completed; finish the active ones."""
    options = models.JobListOptions(filter=f"startswith(id, '{prefix}')", select="id,state")
    while True:
        states: Counter[str] = Counter()
        to_finish = []
        async for job in client.job.list(options):
            states[str(job.state)] += 1
            if job.state == models.JobState.active:
                to_finish.append(job.id or "")
        print("  " + ", ".join(f"{state}={count}" for state, count in sorted(states.items())))
        if states["completed"] == expected:
            return states
        for job_id in to_finish:  # stands in for "the job's work is done"
            await client.job.terminate(job_id, "work done")
        await anyio.sleep(poll)


async def run(jobs: int, concurrency: int, poll: float) -> Counter[str]:
    prefix = f"svc-{uuid.uuid4().hex[:6]}-"
    job_ids = [f"{prefix}{i:04d}" for i in range(jobs)]
    async with open_client() as client:
        await submit(client, job_ids, os.environ.get("BATCH_POOL_ID", "batchjobs-service"), concurrency)
        print(f"submitted {jobs} jobs with prefix {prefix}")
        states = await watch(client, prefix, jobs, poll)
        async with anyio.create_task_group() as group:
            for job_id in job_ids:
                group.start_soon(client.job.delete, job_id)
        print(f"all {jobs} jobs completed and deleted")
        return states


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--poll", type=float, default=0.0 if not os.environ.get("BATCH_ACCOUNT_URL") else 5.0)
    args = parser.parse_args(argv)
    try:
        asyncio.run(run(args.jobs, args.concurrency, args.poll))
    except BatchJobsError as exc:
        print(f"async_service failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
