"""How to test code that runs Batch tasks, with the emulator scripting how each task ends.

Your code (here ``run_shards``) adds tasks, waits for them and reports what failed and why. The
tests run it against the emulator's ``simulate`` executor (the default: nothing runs) and script the
tasks' outcomes attempt by attempt: exit codes, stdout and stderr, a flaky first attempt, a program
that cannot start. The last test runs the same code with real command lines (``subprocess``). Run:

    pytest examples/testing_tasks.py

In your own project, enable the fixtures once in ``conftest.py``::

    pytest_plugins = ["batchjobs.testing"]
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import pytest

from batchjobs import BatchServiceClient, RetryPolicy, models
from batchjobs.emulator import Emulator, Outcome
from batchjobs.testing import emulator_client

# --- the code under test ---------------------------------------------------------------------------


@attrs.frozen
class Failure:
    exit_code: int | None  # None: the program never ran
    code: str | None  # failureInfo's code: FailureExitCode, CommandProgramNotFound, ...
    stderr: str


@attrs.frozen
class ShardReport:
    outputs: dict[str, str]  # task id -> stdout, for the tasks that succeeded
    failures: dict[str, Failure]  # task id -> why it failed
    retried: list[str]  # tasks that succeeded, but not at their first attempt


async def read(client: BatchServiceClient, job_id: str, task_id: str, file_path: str) -> str:
    return b"".join([chunk async for chunk in client.file.get_from_task(job_id, task_id, file_path)]).decode()


async def run_shards(
    client: BatchServiceClient,
    job_id: str,
    command_lines: Mapping[str, str],
    *,
    pool_id: str = "pool-1",
    retries: int = 2,
    poll_interval: float = 5.0,
) -> ShardReport:
    """Run one task per shard (task id -> command line) in a new job; report outputs and failures."""
    await client.job.add(
        models.JobAddParameter(
            id=job_id,
            pool_info=models.PoolInformation(pool_id=pool_id),
            constraints=models.JobConstraints(max_task_retry_count=retries),
        )
    )
    tasks = [
        models.TaskAddParameter(id=task_id, command_line=line) for task_id, line in command_lines.items()
    ]
    await client.task.add_collection(job_id, tasks)
    await client.job.patch(job_id, models.JobPatchParameter(on_all_tasks_complete="terminatejob"))  # sealed
    await client.job.wait_for_tasks_complete(
        job_id, min_interval=poll_interval, max_interval=6 * poll_interval
    )

    failures = {}
    async for task in client.task.list_failed(job_id):
        assert task.id is not None
        info = task.execution_info
        failure_code = info.failure_info.code if info and info.failure_info else None
        stderr = (
            await read(client, job_id, task.id, "stderr.txt") if info and info.exit_code is not None else ""
        )
        failures[task.id] = Failure(info.exit_code if info else None, failure_code, stderr)
    outputs, retried = {}, []
    async for task in client.task.list(job_id, models.TaskListOptions(select="id,executionInfo")):
        assert task.id is not None
        if task.id in failures:
            continue
        outputs[task.id] = await read(client, job_id, task.id, "stdout.txt")
        if task.execution_info and task.execution_info.retry_count:
            retried.append(task.id)
    return ShardReport(outputs, failures, retried)


# --- its tests ---------------------------------------------------------------------------------------

SHARDS = {f"shard-{n}": f"python count.py --shard {n}" for n in range(4)}


async def test_every_shard_succeeds(batch_emulator: Emulator, batch_client: BatchServiceClient) -> None:
    for n in range(4):
        batch_emulator.script_tasks("etl", f"shard-{n}", stdout=f"{n * 10}\n")

    report = await run_shards(batch_client, "etl", SHARDS, poll_interval=0)

    assert report == ShardReport({f"shard-{n}": f"{n * 10}\n" for n in range(4)}, {}, [])
    # The job was sealed after its tasks were added, so it ends by itself (through "terminating").
    assert (await batch_client.job.get("etl")).state == models.JobState.terminating
    assert (
        await batch_client.job.wait_for_state("etl", "completed", min_interval=0, max_interval=0)
        == "completed"
    )


async def test_a_failing_shard_is_retried_then_reported_with_its_stderr(
    batch_emulator: Emulator, batch_client: BatchServiceClient
) -> None:
    batch_emulator.script_tasks("etl", "shard-2", exit_code=2, stderr="shard 2: bad header on line 1\n")

    report = await run_shards(batch_client, "etl", SHARDS, retries=2, poll_interval=0)

    assert report.failures == {"shard-2": Failure(2, "FailureExitCode", "shard 2: bad header on line 1\n")}
    assert sorted(report.outputs) == ["shard-0", "shard-1", "shard-3"]
    task = await batch_client.task.get("etl", "shard-2")
    assert task.execution_info is not None
    assert task.execution_info.retry_count == 2  # three attempts in all


async def test_a_flaky_shard_succeeds_on_its_second_attempt(
    batch_emulator: Emulator, batch_client: BatchServiceClient
) -> None:
    # One Outcome per attempt; the last one repeats.
    batch_emulator.script_tasks(
        "etl", "shard-1", Outcome(exit_code=1, stderr="database timeout\n"), Outcome(stdout="10\n")
    )

    report = await run_shards(batch_client, "etl", SHARDS, poll_interval=0)

    assert report.failures == {}
    assert report.outputs["shard-1"] == "10\n"
    assert report.retried == ["shard-1"]


async def test_a_program_that_cannot_start_fails_at_once(
    batch_emulator: Emulator, batch_client: BatchServiceClient
) -> None:
    batch_emulator.script_tasks("etl", "shard-3", failure="CommandProgramNotFound")

    report = await run_shards(batch_client, "etl", SHARDS, poll_interval=0)

    assert report.failures == {"shard-3": Failure(None, "CommandProgramNotFound", "")}
    task = await batch_client.task.get("etl", "shard-3")
    assert task.execution_info is not None
    assert task.execution_info.retry_count == 0  # not retried: it would fail the same way


async def test_throttled_adds_are_retried(batch_emulator: Emulator) -> None:
    batch_emulator.inject_fault(operation="task.add_collection", status=429, code="TooManyRequests", count=1)
    async with emulator_client(batch_emulator, retry_policy=RetryPolicy.immediate()) as client:
        report = await run_shards(client, "etl", SHARDS, poll_interval=0)

    assert len(report.outputs) == 4
    adds = [r["status"] for r in batch_emulator.requests() if r["operation"] == "task.add_collection"]
    assert adds == [429, 200]


@pytest.mark.parametrize("batch_emulator", ["subprocess"], indirect=True)
async def test_the_same_code_with_real_command_lines(batch_client: BatchServiceClient) -> None:
    shards = {
        "shard-0": "/bin/sh -c 'echo 0'",
        "shard-1": "/bin/sh -c 'echo 10'",
        "shard-2": "/bin/sh -c 'echo \"shard 2: bad header on line 1\" >&2; exit 2'",
    }

    report = await run_shards(batch_client, "etl", shards, retries=1, poll_interval=0.05)

    assert report.outputs == {"shard-0": "0\n", "shard-1": "10\n"}
    assert report.failures == {"shard-2": Failure(2, "FailureExitCode", "shard 2: bad header on line 1\n")}
