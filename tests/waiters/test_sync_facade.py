"""The waiters through the blocking facade: same results, callbacks run, errors arrive as the same classes."""

from __future__ import annotations

from typing import assert_type

import pytest

from batchjobs import RetryPolicy, WaitTimeoutError, models
from batchjobs.emulator import Emulator, ManualClock
from batchjobs.testing import sync_emulator_client
from tests.waiters.support import FakeTime, job, statuses


def test_sync_wait_for_state_and_wait_for_tasks_complete() -> None:
    emulator = Emulator(clock=ManualClock(), policy="reads:2")
    assert isinstance(emulator.clock, ManualClock)
    time = FakeTime(emulator.clock)
    with sync_emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
        client.job.add(job())
        client.job.disable("job-1", "requeue")
        state = client.job.wait_for_state("job-1", "disabled", sleep=time.sleep, clock=time.clock)
        assert_type(state, models.JobState | str)
        assert state == "disabled"
        assert statuses(emulator) == [200, 200, 200]

        emulator.set_policy("held")
        client.job.enable("job-1")
        with pytest.raises(WaitTimeoutError) as info:
            client.job.wait_for_state("job-1", "active", timeout=5, sleep=time.sleep, clock=time.clock)
        assert info.value.last_state == "enabling"

        emulator.set_task_counts("job-1", {"active": 1, "running": 1})
        time.at_sleep(
            len(time.delays) + 1,
            lambda: emulator.set_task_counts("job-1", {"completed": 2, "succeeded": 2}),
        )
        seen: list[int] = []
        final = client.job.wait_for_tasks_complete(
            "job-1",
            on_poll=lambda c: seen.append(c.task_counts.completed),
            sleep=time.sleep,
            clock=time.clock,
        )
        assert_type(final, models.TaskCountsResult)
        assert seen == [0, 2]
        assert final.task_counts.succeeded == 2
