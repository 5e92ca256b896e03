"""An asyncio service that feeds tasks to one Batch job as work arrives, then seals the job.

Work arrives over time: here a producer makes ``--items`` numbers to factor at random moments; in
your service they would come from a message queue or an HTTP endpoint. The feeder adds what arrived
in batches (whatever came within ``--window`` seconds of the first, at most 100 per call) while the
tasks already added run. When the input ends, it *seals* the job: it sets
``onAllTasksComplete=terminatejob`` after the last add, and the job then ends by itself once its
last task completes (at once, if they all had already).

Why not create the job with ``terminatejob``? The job would end as soon as all the tasks it has so
far are complete, which happens whenever the tasks catch up with the work between two batches; the
next add then fails with ``JobCompleted``. ``--seal-at-creation`` shows that race.

Each task runs ``factor`` (coreutils) on its number; the service reads every task's stdout back and
checks the factors. Against the bundled emulator, with the tasks running on this machine, unless
BATCH_ACCOUNT_URL / BATCH_ACCOUNT_NAME / BATCH_ACCOUNT_KEY and BATCH_POOL_ID (a pool of Linux nodes)
are set:

    python examples/task_feeder.py --items 60 --window 0.2
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import sys
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import anyio
from anyio.abc import ObjectReceiveStream, ObjectSendStream

from batchjobs import BatchJobsError, BatchServiceClient, RetryPolicy, SharedKeyCredentials, models

#: The service's limit for one add_collection request; larger batches would also work (the client
#: splits them), but a batch is what arrived together, and 100 keeps each add one request.
MAX_BATCH = 100


@asynccontextmanager
async def open_client() -> AsyncIterator[tuple[BatchServiceClient, str]]:
    """A client and the pool id: the configured account, or an emulator that runs the tasks here."""
    policy = RetryPolicy(max_attempts=6, max_backoff=10)  # a service should ride out throttling
    url = os.environ.get("BATCH_ACCOUNT_URL")
    if not url:
        from batchjobs.emulator import Emulator
        from batchjobs.testing import emulator_client

        with Emulator(executor="subprocess", slots=4) as emulator:
            async with emulator_client(emulator, retry_policy=policy) as client:
                yield client, "local"
        return
    pool_id = os.environ.get("BATCH_POOL_ID")
    if not pool_id:
        raise BatchJobsError("set BATCH_POOL_ID to the id of an existing pool of Linux nodes")
    credentials = SharedKeyCredentials(os.environ["BATCH_ACCOUNT_NAME"], os.environ["BATCH_ACCOUNT_KEY"])
    async with BatchServiceClient(credentials, url, retry_policy=policy, request_timeout=120) as client:
        yield client, pool_id


async def create_job(
    client: BatchServiceClient, job_id: str, pool_id: str, *, seal_at_creation: bool
) -> None:
    job = models.JobAddParameter(
        id=job_id,
        pool_info=models.PoolInformation(pool_id=pool_id),
        constraints=models.JobConstraints(max_task_retry_count=2),
        # Left at noaction, the job stays open for the work still to come; see seal().
        on_all_tasks_complete=models.OnAllTasksComplete.terminate_job if seal_at_creation else None,
    )
    await client.job.add(job)


def task_for(number: int, value: int) -> models.TaskAddParameter:
    return models.TaskAddParameter(id=f"factor-{number:05d}", command_line=f"factor {value}")


async def add_batch(client: BatchServiceClient, job_id: str, batch: Sequence[tuple[int, int]]) -> None:
    """Add one batch of (number, value) work items as tasks; a task the service refused is an error."""
    result = await client.task.add_collection(job_id, [task_for(n, value) for n, value in batch])
    refused = [r for r in result.value or [] if r.status != models.TaskAddStatus.success]
    if refused:
        raise BatchJobsError(f"{len(refused)} tasks refused, e.g. {refused[0].task_id}: {refused[0].error}")


async def seal(client: BatchServiceClient, job_id: str) -> None:
    """No more tasks: let the job end once the ones it has are complete."""
    patch = models.JobPatchParameter(on_all_tasks_complete=models.OnAllTasksComplete.terminate_job)
    await client.job.patch(job_id, patch)


async def feed(
    client: BatchServiceClient, job_id: str, work: ObjectReceiveStream[tuple[int, int]], window: float
) -> int:
    """Add the work as it arrives, in batches, until the input ends; then seal the job. Returns how
    many tasks were added."""
    added = 0
    async with work:
        while True:
            try:
                batch = [await work.receive()]  # wait as long as it takes for the next item
            except anyio.EndOfStream:
                break
            with anyio.move_on_after(window):  # then gather what else arrives soon after it
                while len(batch) < MAX_BATCH:
                    try:
                        batch.append(await work.receive())
                    except anyio.EndOfStream:
                        break
            await add_batch(client, job_id, batch)
            added += len(batch)
            print(f"  added {len(batch):3} task(s), {added} so far")
    await seal(client, job_id)
    print(f"  sealed {job_id} after its last task ({added} in all)")
    return added


async def produce(
    out: ObjectSendStream[tuple[int, int]], items: int, pace: float, sent: dict[str, int]
) -> None:
    """Stands in for the work arriving: ``items`` numbers to factor, at random intervals; each one
    is also noted in ``sent`` (by task id), to check the answers against."""
    rng = random.Random()
    async with out:
        for number in range(items):
            await anyio.sleep(rng.uniform(0, 2 * pace))
            value = rng.randrange(10**8, 10**10)
            sent[task_for(number, value).id] = value
            await out.send((number, value))


def check_factors(line: str) -> int:
    """``factor``'s output, ``N: p1 p2 ...``, checked: the factors multiply to N. Returns N."""
    value, factors = line.split(":")
    if math.prod(int(p) for p in factors.split()) != int(value):
        raise BatchJobsError(f"wrong factors: {line!r}")
    return int(value)


async def verify(client: BatchServiceClient, job_id: str, expected: dict[str, int]) -> int:
    """Read every task's stdout.txt (at most 16 at a time) and check its factors."""
    limiter = anyio.CapacityLimiter(16)
    checked = 0

    async def check(task_id: str, value: int) -> None:
        nonlocal checked
        async with limiter:
            chunks = [chunk async for chunk in client.file.get_from_task(job_id, task_id, "stdout.txt")]
        if check_factors(b"".join(chunks).decode().strip()) != value:
            raise BatchJobsError(f"{task_id} factored another number")
        checked += 1

    async with anyio.create_task_group() as group:
        for task_id, value in expected.items():
            group.start_soon(check, task_id, value)
    return checked


async def run(items: int, window: float, pace: float, seal_at_creation: bool) -> None:
    job_id = f"feeder-{uuid.uuid4().hex[:6]}"
    sent: dict[str, int] = {}
    async with open_client() as (client, pool_id):
        await create_job(client, job_id, pool_id, seal_at_creation=seal_at_creation)
        print(f"feeding {job_id} as work arrives")
        try:
            send, receive = anyio.create_memory_object_stream[tuple[int, int]](MAX_BATCH)
            async with anyio.create_task_group() as group:
                group.start_soon(produce, send, items, pace, sent)
                group.start_soon(feed, client, job_id, receive, window)
            await client.job.wait_for_tasks_complete(job_id, progress=True, min_interval=0.1, max_interval=2)
            await client.job.wait_for_state(job_id, "completed", min_interval=0.1, max_interval=2)
            job = await client.job.get(job_id, models.JobGetOptions(select="id,executionInfo"))
            reason = job.execution_info.terminate_reason if job.execution_info else None
            print(f"{job_id} ended by itself ({reason})")
            checked = await verify(client, job_id, sent)
            print(f"checked the factors of all {checked} numbers")
        finally:
            with anyio.CancelScope(shield=True):
                await client.job.delete(job_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--items", type=int, default=60, help="how many work items arrive")
    parser.add_argument("--window", type=float, default=0.2, help="seconds to gather a batch")
    parser.add_argument("--pace", type=float, default=0.05, help="mean seconds between two items")
    parser.add_argument(
        "--seal-at-creation", action="store_true", help="create the job with terminatejob (shows the race)"
    )
    args = parser.parse_args(argv)
    failure = None
    try:
        asyncio.run(run(args.items, args.window, args.pace, args.seal_at_creation))
    except* BatchJobsError as group:  # raised in the task group, or alone
        failure = group.exceptions[0]
    if failure is not None:
        print(f"task_feeder failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
