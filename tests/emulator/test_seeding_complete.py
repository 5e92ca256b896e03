"""Seeding "all tasks completed" also moves the task counts to completed."""

from __future__ import annotations

from batchjobs import models
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client


async def test_complete_all_tasks_moves_active_and_running_tasks_to_completed():
    emulator = Emulator(policy="instant")
    async with emulator_client(emulator) as client:
        await client.job.add(
            models.JobAddParameter(
                id="j", pool_info=models.PoolInformation(pool_id="p"), on_all_tasks_complete="terminatejob"
            )
        )
        emulator.set_task_counts(
            "j", {"active": 2, "running": 3, "completed": 4, "succeeded": 3, "failed": 1}
        )
        emulator.complete_all_tasks("j")
        counts = (await client.job.get_task_counts("j")).task_counts
        assert (counts.active, counts.running, counts.completed, counts.succeeded, counts.failed) == (
            0,
            0,
            9,
            8,
            1,
        )
        job = await client.job.get("j")
        assert job.state == models.JobState.completed
        assert job.execution_info.terminate_reason == "AllTasksComplete"
