"""``wait_for_tasks_complete``: task counts set through the emulator's control plane, callbacks, timeouts."""

from __future__ import annotations

from typing import assert_type

import pytest

from batchjobs import BatchServiceClient, NotFoundError, WaitTimeoutError, models
from batchjobs.emulator import Emulator
from tests.waiters.support import FakeTime, counts, job, statuses


async def test_wait_for_tasks_complete_follows_the_control_plane_and_reports_each_poll(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job(on_all_tasks_complete=models.OnAllTasksComplete.terminate_job))
    emulator.set_task_counts("job-1", counts(active=6, running=4, succeeded=0))
    time.at_sleep(1, lambda: emulator.set_task_counts("job-1", counts(active=2, running=4, succeeded=4)))

    def finish() -> None:
        emulator.set_task_counts("job-1", counts(active=0, running=0, succeeded=9, failed=1))
        emulator.complete_all_tasks("job-1")

    time.at_sleep(2, finish)
    seen: list[tuple[int, int, int]] = []

    def progress(result: models.TaskCountsResult) -> None:
        tasks = result.task_counts
        seen.append((tasks.active, tasks.running, tasks.completed))

    final = await client.job.wait_for_tasks_complete(
        "job-1", on_poll=progress, min_interval=2, max_interval=10, sleep=time.sleep, clock=time.clock
    )

    assert_type(final, models.TaskCountsResult)
    assert seen == [(6, 4, 0), (2, 4, 4), (0, 0, 10)]
    assert final.task_counts.succeeded == 9
    assert final.task_counts.failed == 1
    assert statuses(emulator, "job.get_task_counts") == [200, 200, 200]
    assert len(time.delays) == 2
    assert all(2 <= delay <= 10 for delay in time.delays)
    # With onAllTasksComplete=terminatejob the job then ends by itself; wait for that too.
    assert await client.job.wait_for_state("job-1", "completed", sleep=time.sleep) == "completed"


async def test_wait_for_tasks_complete_awaits_an_async_callback(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    emulator.set_task_counts("job-1", counts(active=1, running=0, succeeded=0))
    time.at_sleep(1, lambda: emulator.set_task_counts("job-1", counts(active=0, running=0, succeeded=1)))
    seen: list[int] = []

    async def progress(result: models.TaskCountsResult) -> None:
        seen.append(result.task_counts.completed)

    await client.job.wait_for_tasks_complete("job-1", on_poll=progress, sleep=time.sleep, clock=time.clock)
    assert seen == [0, 1]


async def test_wait_for_tasks_complete_of_a_job_without_tasks_returns_at_once(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    result = await client.job.wait_for_tasks_complete("job-1", sleep=time.sleep, clock=time.clock)
    assert result.task_counts.completed == 0
    assert time.delays == []


async def test_wait_for_tasks_complete_times_out_with_the_last_counts(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    emulator.set_task_counts("job-1", counts(active=3, running=1, succeeded=2))

    with pytest.raises(WaitTimeoutError) as info:
        await client.job.wait_for_tasks_complete(
            "job-1", min_interval=10, max_interval=10, timeout=25, sleep=time.sleep, clock=time.clock
        )

    last = info.value.last_state
    assert isinstance(last, models.TaskCountsResult)
    assert (last.task_counts.active, last.task_counts.running) == (3, 1)
    assert "active=3, running=1" in str(info.value)
    assert time.delays == [10, 10, 5]
    assert len(statuses(emulator, "job.get_task_counts")) == 4


async def test_wait_for_tasks_complete_propagates_errors_and_callback_failures(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    with pytest.raises(NotFoundError):
        await client.job.wait_for_tasks_complete("missing", sleep=time.sleep)
    await client.job.add(job())
    emulator.inject_fault(operation="get_task_counts", status=503, count=5)
    with pytest.raises(Exception, match="ServerBusy"):
        await client.job.wait_for_tasks_complete("job-1", sleep=time.sleep)
    emulator.clear_faults()

    def broken(result: models.TaskCountsResult) -> None:
        raise RuntimeError("display failed")

    with pytest.raises(RuntimeError, match="display failed"):
        await client.job.wait_for_tasks_complete("job-1", on_poll=broken, sleep=time.sleep)
    assert time.delays == []


async def test_wait_for_tasks_complete_checks_its_arguments(
    client: BatchServiceClient, emulator: Emulator
) -> None:
    with pytest.raises(TypeError, match="on_poll"):
        await client.job.wait_for_tasks_complete("job-1", on_poll="print")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout"):
        await client.job.wait_for_tasks_complete("job-1", timeout=-5)
    assert emulator.requests() == []
