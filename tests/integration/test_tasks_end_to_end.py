"""A whole task pipeline through ``client.task`` and ``client.file`` against the emulator, in-process
and over a real loopback socket: add many tasks, wait, read failures and output, follow and save files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from batchjobs import BatchServiceClient, ConflictError, NotFoundError, models
from batchjobs.emulator import Emulator, Outcome
from batchjobs.testing import EmulatorServer, emulator_client, sync_emulator_client

POOL = models.PoolInformation(pool_id="pool-1")


@pytest.fixture(params=["in-process", "loopback"])
async def pipeline(request: pytest.FixtureRequest) -> AsyncIterator[tuple[BatchServiceClient, Emulator]]:
    emulator = Emulator(policy="instant")
    if request.param == "in-process":
        async with emulator_client(emulator) as client:
            yield client, emulator
    else:
        with EmulatorServer(emulator, max_lifetime=120) as server:
            async with server.client() as client:
                yield client, emulator


async def no_wait(seconds: float) -> None:
    return None


async def test_a_pipeline_of_250_tasks(pipeline: tuple[BatchServiceClient, Emulator], tmp_path: Path) -> None:
    client, emulator = pipeline
    await client.job.add(models.JobAddParameter(id="words", pool_info=POOL))
    emulator.script_tasks("words", "shard-*", stdout="3 words\n")
    emulator.script_tasks("words", "shard-007", exit_code=2, stderr="shard 7 is corrupt\n")
    tasks = [
        models.TaskAddParameter(
            id=f"shard-{n:03d}",
            command_line=f"/bin/sh -c 'wc -w shard-{n}.txt'",
            constraints=models.TaskConstraints(max_task_retry_count=1),
        )
        for n in range(250)
    ]
    result = await client.task.add_collection("words", tasks, threads=4)
    assert [r.task_id for r in result.value] == [t.id for t in tasks]
    assert all(r.status == models.TaskAddStatus.success for r in result.value)

    await client.job.patch("words", models.JobPatchParameter(on_all_tasks_complete="terminatejob"))
    counts = await client.job.wait_for_tasks_complete("words", sleep=no_wait)
    assert (counts.task_counts.succeeded, counts.task_counts.failed) == (249, 1)
    assert await client.job.wait_for_state("words", "completed", sleep=no_wait) == "completed"

    failed = [task async for task in client.task.list_failed("words")]
    assert [task.id for task in failed] == ["shard-007"]
    info = failed[0].execution_info
    assert (info.exit_code, info.retry_count, info.failure_info.code) == (2, 1, "FailureExitCode")
    stderr = b"".join(
        [chunk async for chunk in client.file.get_from_task("words", "shard-007", "stderr.txt")]
    )
    assert stderr == b"shard 7 is corrupt\n"

    total = 0
    async for task in client.task.list(
        "words", models.TaskListOptions(filter="executionInfo/result eq 'success'")
    ):
        output = b"".join([c async for c in client.file.get_from_task("words", task.id, "stdout.txt")])
        total += int(output.split()[0])
    assert total == 3 * 249

    properties = await client.file.get_properties_from_task("words", "shard-001", "stdout.txt")
    assert (properties.content_length, properties.is_directory, properties.file_mode) == (
        8,
        False,
        "0o100644",
    )
    files = {f.name async for f in client.file.list_from_task("words", "shard-001", recursive=True)}
    assert files == {"stdout.txt", "stderr.txt", "wd"}
    saved = tmp_path / "out.txt"
    assert await client.file.download_to_path("words", "shard-001", "stdout.txt", saved) == 8
    assert saved.read_bytes() == b"3 words\n"
    assert [c async for c in client.file.follow("words", "shard-001", sleep=no_wait)] == [b"3 words\n"]

    with pytest.raises(ConflictError) as info_exc:
        await client.task.add("words", models.TaskAddParameter(id="late", command_line="x"))
    assert info_exc.value.code == "JobCompleted"


async def test_task_calls_and_their_errors(pipeline: tuple[BatchServiceClient, Emulator]) -> None:
    client, emulator = pipeline
    emulator.set_policy("held")
    await client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
    await client.task.add("j", models.TaskAddParameter(id="t", command_line="x"))
    raw = await client.task.get("j", "t", raw=True)
    assert (raw.output.state, raw.etag) == (models.TaskState.active, raw.output.e_tag)
    await client.task.update("j", "t", models.TaskConstraints(max_task_retry_count=3))
    assert (await client.task.get("j", "t")).constraints.max_task_retry_count == 3
    assert (await client.task.list_subtasks("j", "t")).value == []
    await client.task.terminate("j", "t")
    assert (
        await client.task.wait_for_state("j", "t", "completed", sleep=no_wait) == models.TaskState.completed
    )
    await client.task.reactivate("j", "t")
    assert (await client.task.get("j", "t")).state == models.TaskState.active
    with pytest.raises(ConflictError) as conflict:  # a HEAD's error has no body, so no code
        await client.file.get_properties_from_task("j", "t", "stdout.txt")
    assert conflict.value.status_code == 409
    with pytest.raises(ConflictError) as unavailable:
        await anext(client.file.get_from_task("j", "t", "stdout.txt"))
    assert unavailable.value.code == "TaskFilesUnavailable"
    await client.task.delete("j", "t")
    with pytest.raises(NotFoundError) as missing:
        await client.task.get("j", "t")
    assert missing.value.code == "TaskNotFound"


async def test_follow_yields_what_each_attempt_writes(pipeline: tuple[BatchServiceClient, Emulator]) -> None:
    client, emulator = pipeline
    emulator.set_policy("held")
    await client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
    await client.task.add("j", models.TaskAddParameter(id="t", command_line="x"))
    emulator.script_tasks("j", "t", Outcome(stdout="partial\n"))
    emulator.release_tasks("j", "t")  # running: the files exist, still empty
    steps = iter([lambda: None, lambda: emulator.release_tasks("j", "t")])

    async def sleep(seconds: float) -> None:
        next(steps)()

    chunks = [chunk async for chunk in client.file.follow("j", "t", interval=0.5, sleep=sleep)]
    assert b"".join(chunks) == b"partial\n"


def test_the_sync_facade_runs_a_small_pipeline() -> None:
    emulator = Emulator(policy="instant")
    with sync_emulator_client(emulator) as client:
        client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
        emulator.script_tasks("j", stdout="hi\n")
        result = client.task.add_collection(
            "j", [models.TaskAddParameter(id=f"t{n}", command_line="x") for n in range(3)]
        )
        assert len(result.value) == 3
        client.job.wait_for_tasks_complete("j", sleep=no_wait)
        assert b"".join(client.file.get_from_task("j", "t2", "stdout.txt")) == b"hi\n"
        assert [task.id for task in client.task.list("j")] == ["t0", "t1", "t2"]
