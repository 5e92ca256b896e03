"""A job's own tasks in the emulator: the job manager (added with the job, ending it when it completes),
the preparation task (before the job's first task on the node), the release task (when the job ends,
keeping it terminating until done), simulated and really run."""

from __future__ import annotations

from typing import Any

import httpx

from batchjobs import models
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client

from .conftest import Q, add_job, error_of, get_job

POOL = models.PoolInformation(pool_id="local")


async def tasks_of(client: httpx.AsyncClient, job_id: str = "job-1") -> list[dict[str, Any]]:
    body = (await client.get(f"/jobs/{job_id}/tasks", params=Q)).json()
    value: list[dict[str, Any]] = body["value"]
    return value


async def prep_release(client: httpx.AsyncClient, job_id: str = "job-1") -> list[dict[str, Any]]:
    response = await client.get(f"/jobs/{job_id}/jobpreparationandreleasetaskstatus", params=Q)
    assert response.status_code == 200, response.text
    value: list[dict[str, Any]] = response.json()["value"]
    return value


async def test_the_job_manager_is_a_task_of_the_job_and_ends_it(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, jobManagerTask={"id": "manager", "commandLine": "run-everything"})
    [manager] = await tasks_of(client)
    assert (manager["id"], manager["state"], manager["commandLine"]) == (
        "manager",
        "completed",
        "run-everything",
    )
    assert "killJobOnCompletion" not in manager
    job = await get_job(client)
    assert (job["state"], job["executionInfo"]["terminateReason"]) == ("completed", "JMComplete")


async def test_a_job_manager_without_kill_job_on_completion_leaves_the_job(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, jobManagerTask={"id": "m", "commandLine": "x", "killJobOnCompletion": False})
    assert (await get_job(client))["state"] == "active"


async def test_preparation_runs_before_the_first_task_and_release_when_the_job_ends(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(
        client,
        jobPreparationTask={"commandLine": "prepare"},
        jobReleaseTask={"commandLine": "clean up"},
    )
    assert await prep_release(client) == []  # no task has run on the node yet
    await client.post("/jobs/job-1/tasks", params=Q, json={"id": "t1", "commandLine": "work"})
    [item] = await prep_release(client)
    assert item["nodeId"]
    assert item["poolId"] == "pool-1"
    prep = item["jobPreparationTaskExecutionInfo"]
    assert (prep["state"], prep["exitCode"], prep["result"], prep["retryCount"]) == (
        "completed",
        0,
        "success",
        0,
    )
    assert "jobReleaseTaskExecutionInfo" not in item
    await client.post("/jobs/job-1/terminate", params=Q)
    assert (await get_job(client))["state"] == "completed"
    [item] = await prep_release(client)
    assert (
        item["jobReleaseTaskExecutionInfo"]["state"],
        item["jobReleaseTaskExecutionInfo"]["exitCode"],
    ) == (
        "completed",
        0,
    )


async def test_a_failing_preparation_holds_the_tasks_of_the_job(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(
        client, jobPreparationTask={"commandLine": "prepare", "constraints": {"maxTaskRetryCount": 1}}
    )
    emulator.script_tasks("job-1", "jobpreparation", exit_code=9)
    await client.post("/jobs/job-1/tasks", params=Q, json={"id": "t1", "commandLine": "work"})
    [task] = await tasks_of(client)
    assert task["state"] == "active"  # waits for a preparation that failed (waitForSuccess)
    [item] = await prep_release(client)
    prep = item["jobPreparationTaskExecutionInfo"]
    assert (prep["exitCode"], prep["retryCount"], prep["result"]) == (9, 1, "failure")


async def test_without_wait_for_success_tasks_run_anyway(
    emulator: Emulator, client: httpx.AsyncClient
) -> None:
    emulator.set_policy("instant")
    await add_job(client, jobPreparationTask={"commandLine": "prepare", "waitForSuccess": False})
    emulator.script_tasks("job-1", "jobpreparation", exit_code=9)
    await client.post("/jobs/job-1/tasks", params=Q, json={"id": "t1", "commandLine": "work"})
    assert (await tasks_of(client))[0]["state"] == "completed"


async def test_a_job_without_preparation_has_no_status(client: httpx.AsyncClient) -> None:
    await add_job(client)
    response = await client.get("/jobs/job-1/jobpreparationandreleasetaskstatus", params=Q)
    assert error_of(response)[:2] == (409, "JobPreparationTaskNotSpecified")


async def test_really_run_the_job_stays_terminating_until_release_ends() -> None:
    with Emulator(executor="subprocess", policy="instant") as emulator:
        async with emulator_client(emulator) as client:
            job = models.JobAddParameter(
                id="j",
                pool_info=POOL,
                job_preparation_task=models.JobPreparationTask(
                    command_line="/bin/sh -c 'echo prepared > ../../prep.txt'"
                ),
                job_release_task=models.JobReleaseTask(command_line="/bin/sh -c 'sleep 0.3; echo released'"),
                job_manager_task=models.JobManagerTask(
                    id="manager", command_line="/bin/sh -c 'echo managed'", run_exclusive=True
                ),
            )
            await client.job.add(job)
            states = []
            while True:
                state = (await client.job.get("j")).state
                if not states or states[-1] != state:
                    states.append(state)
                if state == "completed":
                    break
                await emulator_sleep()
            assert states[-2:] == ["terminating", "completed"]
            status = [s async for s in client.job.list_preparation_and_release_task_status("j")]
            release = status[0].job_release_task_execution_info
            assert (release.state, release.exit_code) == ("completed", 0)
            manager = b"".join([c async for c in client.file.get_from_task("j", "manager", "stdout.txt")])
            assert manager == b"managed\n"
            job_dir = emulator.tasks.runner.task_directory("j", "manager").parent
            assert (job_dir / "prep.txt").read_text() == "prepared\n"


async def emulator_sleep() -> None:
    import anyio

    await anyio.sleep(0.02)
