"""``wait_for_state`` against the emulator: transitions, ETags and 304s, timeouts, errors, cancellation."""

from __future__ import annotations

import pickle
from typing import assert_type

import anyio
import httpx
import pytest
from starlette.applications import Starlette

from batchjobs import (
    BatchServiceClient,
    BatchTimeoutError,
    NotFoundError,
    RetryPolicy,
    ServerError,
    WaitTimeoutError,
    models,
)
from batchjobs._waiters import REVALIDATE_AFTER
from batchjobs.emulator import Emulator, ManualClock, create_app
from batchjobs.testing import IN_PROCESS_URL, credentials_for
from tests.waiters.support import FakeTime, gets, job, statuses


async def test_wait_for_state_after_n_reads_returns_the_state(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    emulator.set_policy("reads:3")
    await client.job.add(job())
    await client.job.disable("job-1", "requeue")

    state = await client.job.wait_for_state(
        "job-1", models.JobState.disabled, min_interval=1, max_interval=8, sleep=time.sleep, clock=time.clock
    )

    assert_type(state, models.JobState | str)
    assert state == models.JobState.disabled
    polls = gets(emulator)
    assert len(polls) == 4  # three reads see "disabling", the fourth "disabled"
    assert len(time.delays) == 3
    assert all(1 <= delay <= 8 for delay in time.delays)
    for entry in polls:
        assert "$select=id%2Cstate" in str(entry["query"])
        assert "if-none-match" not in entry["headers"]  # a transitional state settles without a new ETag


async def test_wait_for_state_already_reached_polls_once_and_never_sleeps(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    assert await client.job.wait_for_state("job-1", "ACTIVE", sleep=time.sleep, clock=time.clock) == "active"
    assert len(gets(emulator)) == 1
    assert time.delays == []


async def test_wait_for_state_sends_the_etag_and_takes_304_as_unchanged(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    etag = (await client.job.add(job(), raw=True)).etag

    async def someone_disables() -> None:
        await client.job.disable("job-1", "requeue")

    time.at_sleep(3, someone_disables)
    state = await client.job.wait_for_state("job-1", "disabled", sleep=time.sleep, clock=time.clock)

    assert state == "disabled"
    assert statuses(emulator) == [200, 304, 304, 200, 200]
    polls = gets(emulator)
    assert "if-none-match" not in polls[0]["headers"]
    assert polls[1]["headers"]["if-none-match"] == etag
    assert polls[2]["headers"]["if-none-match"] == etag
    assert polls[3]["headers"]["if-none-match"] == etag  # answered 200: the disable made a new ETag
    assert "if-none-match" not in polls[4]["headers"]  # from "disabling": unconditional


async def test_wait_for_state_revalidates_after_304s_to_see_an_automatic_termination(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job(on_all_tasks_complete=models.OnAllTasksComplete.terminate_job))
    # All tasks completing terminates the job without a new ETag, so If-None-Match keeps answering 304.
    time.at_sleep(1, lambda: emulator.complete_all_tasks("job-1"))

    state = await client.job.wait_for_state("job-1", "completed", sleep=time.sleep, clock=time.clock)

    assert state == "completed"
    assert statuses(emulator) == [200] + [304] * REVALIDATE_AFTER + [200, 200]
    polls = gets(emulator)
    assert "if-none-match" not in polls[1 + REVALIDATE_AFTER]["headers"]


async def test_wait_for_state_backs_off_and_starts_short_again_after_a_change(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    time.at_sleep(4, lambda: client.job.terminate("job-1"))

    await client.job.wait_for_state(
        "job-1", "completed", min_interval=1, max_interval=100, sleep=time.sleep, clock=time.clock
    )

    ceilings = [1, 2, 4, 8, 1]  # doubling, then back to min_interval once "terminating" is seen
    assert len(time.delays) == len(ceilings)
    for delay, ceiling in zip(time.delays, ceilings, strict=True):
        assert 1 <= delay <= ceiling


async def test_wait_for_state_times_out_with_the_last_state_seen(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    emulator.set_policy("held")
    await client.job.add(job())
    await client.job.disable("job-1", "wait")

    with pytest.raises(WaitTimeoutError) as info:
        await client.job.wait_for_state(
            "job-1", "disabled", min_interval=2, max_interval=2, timeout=9, sleep=time.sleep, clock=time.clock
        )

    error = info.value
    assert isinstance(error, BatchTimeoutError)
    assert error.last_state == models.JobState.disabling
    assert pickle.loads(pickle.dumps(error)).last_state == models.JobState.disabling
    assert "disabling" in str(error)
    assert "disabled" in str(error)
    assert time.delays == [2, 2, 2, 2, 1]  # the last wait is cut short: a final poll at the deadline
    assert time.now == 9
    assert len(gets(emulator)) == 6
    assert error.attempts == 6


async def test_wait_for_state_follows_the_emulator_clock(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    emulator.set_policy("clock:30")
    await client.job.add(job())
    await client.job.disable("job-1", "requeue")

    with pytest.raises(WaitTimeoutError) as info:
        await client.job.wait_for_state(
            "job-1",
            "disabled",
            min_interval=5,
            max_interval=5,
            timeout=20,
            sleep=time.sleep,
            clock=time.clock,
        )
    assert info.value.last_state == "disabling"

    state = await client.job.wait_for_state(
        "job-1", "disabled", min_interval=5, max_interval=5, timeout=60, sleep=time.sleep, clock=time.clock
    )
    assert state == "disabled"
    assert time.now == 30  # the transition is due 30 s after the disable, on the emulator's clock


async def test_wait_for_state_gone_after_delete_returns_none(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    emulator.set_policy("reads:2")
    await client.job.add(job())
    await client.job.delete("job-1")

    result = await client.job.wait_for_state("job-1", gone=True, sleep=time.sleep, clock=time.clock)

    assert_type(result, models.JobState | str | None)
    assert result is None
    assert statuses(emulator) == [200, 200, 404]


async def test_wait_for_state_gone_or_a_state_returns_whichever_comes(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    assert await client.job.wait_for_state("job-1", "active", gone=True, sleep=time.sleep) == "active"


async def test_wait_for_state_without_gone_raises_not_found(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    with pytest.raises(NotFoundError) as info:
        await client.job.wait_for_state("missing", "completed", sleep=time.sleep, clock=time.clock)
    assert info.value.code == "JobNotFound"
    assert time.delays == []


async def test_wait_for_state_propagates_a_500_that_outlives_the_retries(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    await client.job.terminate("job-1")
    emulator.inject_fault(operation="get", status=500, count=3)

    with pytest.raises(ServerError) as info:
        await client.job.wait_for_state("job-1", "completed", sleep=time.sleep, clock=time.clock)

    assert info.value.status_code == 500
    assert info.value.code == "InternalError"
    assert info.value.attempts == 3
    assert statuses(emulator) == [500, 500, 500]
    assert time.delays == []  # the error ends the wait at once: it is not taken for "not yet"


async def test_wait_for_state_rides_out_a_500_the_retries_absorb(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    await client.job.add(job())
    await client.job.terminate("job-1")
    emulator.inject_fault(operation="get", status=500, count=2)

    assert await client.job.wait_for_state("job-1", "completed", sleep=time.sleep, clock=time.clock)
    assert statuses(emulator) == [500, 500, 200, 200]


async def test_wait_for_state_is_cancelled_cleanly_while_sleeping(
    client: BatchServiceClient, emulator: Emulator
) -> None:
    await client.job.add(job())
    sleeping = anyio.Event()

    async def sleep(delay: float) -> None:
        sleeping.set()
        await anyio.sleep_forever()

    with anyio.CancelScope() as scope:
        async with anyio.create_task_group() as group:
            group.start_soon(lambda: client.job.wait_for_state("job-1", "disabled", sleep=sleep))
            await sleeping.wait()
            scope.cancel()
    assert scope.cancelled_caught
    assert (await client.job.get("job-1")).state == "active"


async def test_wait_for_state_is_cancelled_cleanly_during_a_poll(emulator: Emulator) -> None:
    in_flight = anyio.Event()
    inner = httpx.ASGITransport(app=_app(emulator))

    class Blocking(httpx.AsyncBaseTransport):
        block = True

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if self.block and request.method == "GET":
                in_flight.set()
                await anyio.sleep_forever()
            return await inner.handle_async_request(request)

    transport = Blocking()
    async with BatchServiceClient(
        credentials_for(emulator), IN_PROCESS_URL, transport=transport, retry_policy=RetryPolicy.immediate()
    ) as client:
        await client.job.add(job())
        async with anyio.create_task_group() as group:
            group.start_soon(lambda: client.job.wait_for_state("job-1", "disabled"))
            await in_flight.wait()
            group.cancel_scope.cancel()
        transport.block = False
        assert (await client.job.get("job-1")).id == "job-1"


def _app(emulator: Emulator) -> Starlette:
    return create_app(emulator)


async def test_wait_for_state_checks_its_arguments_before_any_request(
    client: BatchServiceClient, emulator: Emulator
) -> None:
    with pytest.raises(ValueError, match="at least one state"):
        await client.job.wait_for_state("job-1")
    with pytest.raises(TypeError, match="JobState"):
        await client.job.wait_for_state("job-1", 3)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="not a job state"):
        await client.job.wait_for_state("job-1", "disabeld")
    with pytest.raises(ValueError, match="gone=True"):
        await client.job.wait_for_state("job-1", "gone")
    with pytest.raises(ValueError, match="max_interval"):
        await client.job.wait_for_state("job-1", "active", min_interval=5, max_interval=1)
    with pytest.raises(ValueError, match="timeout"):
        await client.job.wait_for_state("job-1", "active", timeout=0)
    with pytest.raises(ValueError, match="min_interval"):
        await client.job.wait_for_state("job-1", "active", min_interval=-1)
    with pytest.raises(TypeError, match="operation_config"):
        await client.job.wait_for_state("job-1", "active", poll_every=3)  # type: ignore[call-overload]
    assert emulator.requests() == []


def test_wait_for_state_runs_under_trio() -> None:
    async def main() -> tuple[object, list[float]]:
        emulator = Emulator(clock=ManualClock(), policy="reads:2")
        assert isinstance(emulator.clock, ManualClock)
        time = FakeTime(emulator.clock)
        transport = httpx.ASGITransport(app=_app(emulator))
        async with BatchServiceClient(
            credentials_for(emulator), IN_PROCESS_URL, transport=transport
        ) as client:
            await client.job.add(job())
            await client.job.terminate("job-1")
            state = await client.job.wait_for_state("job-1", "completed", sleep=time.sleep, clock=time.clock)
            return state, time.delays

    state, delays = anyio.run(main, backend="trio")
    assert state == "completed"
    assert len(delays) == 2


async def test_task_wait_for_state_polls_the_state_alone_and_unconditionally(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    emulator.set_policy("reads:2")
    await client.job.add(job())
    await client.task.add("job-1", models.TaskAddParameter(id="t1", command_line="x"))
    emulator.clear_journal()

    state = await client.task.wait_for_state(
        "job-1",
        "t1",
        models.TaskState.completed,
        min_interval=1,
        max_interval=8,
        sleep=time.sleep,
        clock=time.clock,
    )

    assert_type(state, models.TaskState | str)
    assert state == models.TaskState.completed
    polls = [entry for entry in emulator.requests() if entry["operation"] == "task.get"]
    assert len(polls) == 5  # two reads each of active and running, then completed
    assert len(time.delays) == 4
    for entry in polls:
        assert "$select=id%2Cstate" in str(entry["query"])
        assert "if-none-match" not in entry["headers"]  # a task's ETag does not change with its state


async def test_task_wait_for_state_checks_its_arguments_and_times_out_with_the_last_state(
    client: BatchServiceClient, emulator: Emulator, time: FakeTime
) -> None:
    emulator.set_policy("held")
    await client.job.add(job())
    await client.task.add("job-1", models.TaskAddParameter(id="t1", command_line="x"))
    emulator.clear_journal()
    with pytest.raises(ValueError, match="at least one task state"):
        await client.task.wait_for_state("job-1", "t1")
    with pytest.raises(TypeError, match="TaskState members"):
        await client.task.wait_for_state("job-1", "t1", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a task state"):
        await client.task.wait_for_state("job-1", "t1", "finished")
    assert emulator.requests() == []

    with pytest.raises(WaitTimeoutError) as info:
        await client.task.wait_for_state(
            "job-1", "t1", "completed", timeout=5, sleep=time.sleep, clock=time.clock
        )
    assert info.value.last_state == models.TaskState.active
