"""Every operation through the real client, against the in-process and the loopback emulator."""

from __future__ import annotations

from datetime import timedelta

import pytest

from batchjobs import (
    BatchConnectionError,
    BatchServiceClient,
    ConflictError,
    NotFoundError,
    NotModifiedError,
    PreconditionFailedError,
    ServerError,
    ThrottledError,
)
from batchjobs import models as m
from batchjobs.emulator import Emulator

from .conftest import Env


def job(job_id: str = "job-1", **kwargs: object) -> m.JobAddParameter:
    return m.JobAddParameter(id=job_id, pool_info=m.PoolInformation(pool_id="pool-1"), **kwargs)  # type: ignore[arg-type]


async def test_add_get_and_defaults(env: Env) -> None:
    await env.client.job.add(
        job(priority=5, constraints=m.JobConstraints(max_wall_clock_time=timedelta(hours=2)))
    )
    got = await env.client.job.get("job-1")
    assert isinstance(got, m.CloudJob)
    assert got.id == "job-1"
    assert got.state == m.JobState.active
    assert got.priority == 5
    assert got.max_parallel_tasks == -1
    assert got.constraints is not None
    assert got.constraints.max_wall_clock_time == timedelta(hours=2)
    assert got.execution_info is not None
    assert got.execution_info.pool_id == "pool-1"
    assert got.url is not None
    assert got.url.endswith("/jobs/job-1")
    assert got.on_task_failure == m.OnTaskFailure.no_action


async def test_raw_responses_carry_etag_for_if_match(env: Env) -> None:
    added = await env.client.job.add(job(), raw=True)
    assert added.status_code == 201
    assert added.etag is not None
    assert added.etag.startswith("0x")
    assert added.data_service_id is not None
    assert added.data_service_id.endswith("/jobs/job-1")
    with pytest.raises(PreconditionFailedError) as failed:
        await env.client.job.patch(
            "job-1", m.JobPatchParameter(priority=1), m.JobPatchOptions(if_match="0x1")
        )
    assert failed.value.code == "ConditionNotMet"
    patched = await env.client.job.patch(
        "job-1", m.JobPatchParameter(priority=1), m.JobPatchOptions(if_match=added.etag), raw=True
    )
    assert patched.etag != added.etag
    with pytest.raises(NotModifiedError):
        await env.client.job.get("job-1", m.JobGetOptions(if_none_match=patched.etag))


async def test_state_changes_and_conflicts(env: Env) -> None:
    await env.client.job.add(job())
    await env.client.job.disable("job-1", m.DisableJobOption.requeue)
    assert (await env.client.job.get("job-1")).state == m.JobState.disabling
    assert (await env.client.job.get("job-1")).state == m.JobState.disabled
    await env.client.job.enable("job-1")
    await env.client.job.terminate("job-1", "finished early")
    with pytest.raises(ConflictError) as conflict:
        await env.client.job.terminate("job-1")
    assert conflict.value.code == "JobBeingTerminated"
    assert (await env.client.job.get("job-1")).state == m.JobState.terminating
    done = await env.client.job.get("job-1")
    assert done.state == m.JobState.completed
    assert done.execution_info is not None
    assert done.execution_info.terminate_reason == "finished early"
    await env.client.job.delete("job-1")
    assert (await env.client.job.get("job-1")).state == m.JobState.deleting
    with pytest.raises(NotFoundError) as missing:
        await env.client.job.get("job-1")
    assert missing.value.code == "JobNotFound"


async def test_update_resets_and_patch_keeps(env: Env) -> None:
    await env.client.job.add(job(priority=9, metadata=[m.MetadataItem(name="a", value="1")]))
    await env.client.job.patch("job-1", m.JobPatchParameter(max_parallel_tasks=3))
    kept = await env.client.job.get("job-1")
    assert (kept.priority, kept.max_parallel_tasks) == (9, 3)
    await env.client.job.update("job-1", m.JobUpdateParameter(pool_info=m.PoolInformation(pool_id="pool-1")))
    reset = await env.client.job.get("job-1")
    assert (reset.priority, reset.max_parallel_tasks, reset.metadata) == (0, -1, None)


async def test_list_pages_with_filter_select_and_continuation(env: Env) -> None:
    for i in range(7):
        await env.client.job.add(job(f"job-{i}", priority=i))
    options = m.JobListOptions(filter="priority ge 2", select="id,priority", max_results=2)
    listed = [j async for j in env.client.job.list(options)]
    assert [(j.id, j.priority, j.state) for j in listed] == [(f"job-{i}", i, None) for i in range(2, 7)]
    pages = env.client.job.list(m.JobListOptions(max_results=3), raw=True)
    first = await anext(pages)
    await pages.aclose()
    assert [j.id for j in first.items] == ["job-0", "job-1", "job-2"]
    assert first.continuation_token is not None
    rest = [
        j.id
        async for j in env.client.job.list(
            m.JobListOptions(max_results=3), continuation_token=first.continuation_token
        )
    ]
    assert rest == ["job-3", "job-4", "job-5", "job-6"]
    with_stats = [j async for j in env.client.job.list(m.JobListOptions(expand="stats", max_results=1))]
    assert all(j.stats is not None and j.stats.num_task_retries == 0 for j in with_stats)


async def test_list_from_job_schedule_and_task_counts(env: Env) -> None:
    job_id = env.emulator.add_schedule_job("nightly")
    listed = [j.id async for j in env.client.job.list_from_job_schedule("nightly")]
    assert listed == [job_id] == ["nightly:job-1"]
    with pytest.raises(NotFoundError) as missing:
        [j async for j in env.client.job.list_from_job_schedule("nope")]
    assert missing.value.code == "JobScheduleNotFound"
    env.emulator.set_task_counts(
        job_id, m.TaskCounts(active=1, running=2, completed=3, succeeded=2, failed=1)
    )
    counts = await env.client.job.get_task_counts(job_id)
    assert counts.task_counts.running == 2
    assert counts.task_slot_counts.completed == 3


async def test_preparation_and_release_task_status(env: Env) -> None:
    await env.client.job.add(job("plain"))
    with pytest.raises(ConflictError) as conflict:
        [s async for s in env.client.job.list_preparation_and_release_task_status("plain")]
    assert conflict.value.code == "JobPreparationTaskNotSpecified"
    await env.client.job.add(job(job_preparation_task=m.JobPreparationTask(command_line="prep")))
    info = m.JobPreparationTaskExecutionInformation(
        start_time=env.clock(), state=m.JobPreparationTaskState.completed, retry_count=0
    )
    nodes = [
        m.JobPreparationAndReleaseTaskExecutionInformation(
            node_id=f"n{i}", job_preparation_task_execution_info=info
        )
        for i in range(3)
    ]
    env.emulator.set_prep_release_status("job-1", nodes)
    options = m.JobListPreparationAndReleaseTaskStatusOptions(max_results=2)
    got = [s async for s in env.client.job.list_preparation_and_release_task_status("job-1", options)]
    assert [s.node_id for s in got] == ["n0", "n1", "n2"]
    assert got[0].job_preparation_task_execution_info is not None
    assert got[0].job_preparation_task_execution_info.start_time == info.start_time


async def test_all_tasks_complete_terminates(env: Env) -> None:
    env.emulator.set_policy("instant")
    await env.client.job.add(job(on_all_tasks_complete=m.OnAllTasksComplete.terminate_job))
    env.emulator.complete_all_tasks("job-1")
    done = await env.client.job.get("job-1")
    assert done.state == m.JobState.completed
    assert done.execution_info is not None
    assert done.execution_info.terminate_reason == "AllTasksComplete"


async def test_retries_ride_through_injected_throttling(env: Env) -> None:
    await env.client.job.add(job())
    env.emulator.inject_fault(operation="get", status=503, retry_after=0, count=2)
    assert (await env.client.job.get("job-1")).id == "job-1"
    statuses = [e["status"] for e in env.emulator.requests() if e["operation"] == "job.get"]
    assert statuses == [503, 503, 200]
    ids = {e["headers"]["client-request-id"] for e in env.emulator.requests() if e["operation"] == "job.get"}
    assert len(ids) == 1  # one logical call, one client-request-id
    env.emulator.inject_fault(operation="get", status=429, count=5)
    with pytest.raises(ThrottledError):
        await env.client.job.get("job-1")
    env.emulator.faults.clear()


async def test_apply_then_fail_and_dropped_connections(env: Env) -> None:
    env.emulator.inject_fault(operation="terminate", status=500, apply_first=True)
    await env.client.job.add(job())
    with pytest.raises(ServerError):
        await env.client.job.terminate("job-1")
    assert (await env.client.job.get("job-1")).state == m.JobState.terminating
    env.emulator.inject_fault(operation="enable", drop=True)
    with pytest.raises(BatchConnectionError):
        await env.client.job.enable("job-1")


async def test_plugin_fixtures_in_process(batch_client: BatchServiceClient, batch_emulator: Emulator) -> None:
    await batch_client.job.add(job())
    assert len(batch_emulator.store) == 1


async def test_plugin_fixtures_loopback(batch_loopback_client: BatchServiceClient) -> None:
    await batch_loopback_client.job.add(job())
    assert [j.id async for j in batch_loopback_client.job.list()] == ["job-1"]
