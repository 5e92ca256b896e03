"""azure-batch 15.x (``BatchClient``, sync and ``azure.batch.aio``, api-version 2025-06-01) through a
whole job life cycle against the emulator on loopback.

One life cycle serves both flavours: ``_run`` awaits what the aio client returns and passes the sync
client's results through, so every step is written once.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from azure.batch import BatchClient, models
from azure.batch.aio import BatchClient as AsyncBatchClient
from azure.core import MatchConditions
from azure.core.credentials import AzureNamedKeyCredential
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError
from azure.core.pipeline import PipelineRequest, PipelineResponse
from azure.core.pipeline.policies import SansIOHTTPPolicy

from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME
from batchjobs.testing import EmulatorServer

from .conftest import PREP_STATUS, TASK_COUNTS

WRONG_KEY = "d3Jvbmcga2V5IHdyb25nIGtleSB3cm9uZyBrZXk="


class JobStates(SansIOHTTPPolicy):  # type: ignore[type-arg]
    """Records the state in every job the client reads, as the client received it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def on_response(self, request: PipelineRequest, response: PipelineResponse) -> None:  # type: ignore[type-arg]
        http = response.http_response
        path = http.request.url.split("?")[0].split("/")
        if http.request.method == "GET" and path[-2] == "jobs" and http.status_code == 200:
            self.seen.append(json.loads(http.text())["state"])

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen


async def _run(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def _pages(paged: Any) -> list[list[Any]]:
    if hasattr(paged, "__aiter__"):
        return [[item async for item in page] async for page in paged.by_page()]
    return [list(page) for page in paged.by_page()]


async def _error(call: Any) -> HttpResponseError:
    with pytest.raises(HttpResponseError) as info:
        await _run(call())
    return info.value


def _job(job_id: str, **fields: Any) -> models.BatchJobCreateOptions:
    return models.BatchJobCreateOptions(id=job_id, pool_info=models.BatchPoolInfo(pool_id="pool-1"), **fields)


async def _life_cycle(client: Any, states: JobStates, server: EmulatorServer) -> None:
    emulator = server.emulator
    fast = {"polling_interval": 0}

    # create, and the same id again
    mount = models.ContainerHostBatchBindMountEntry(source="Shared", is_read_only=True)
    container = models.BatchTaskContainerSettings(
        image_name="ubuntu", container_host_batch_bind_mounts=[mount]
    )
    prep = models.BatchJobPreparationTask(command_line="/bin/sh -c 'echo prep'", container_settings=container)
    await _run(client.create_job(_job("j1", priority=10, job_preparation_task=prep)))
    error = await _error(lambda: client.create_job(_job("J1")))  # ids compare case-insensitively
    assert isinstance(error, ResourceExistsError)
    assert (error.status_code, error.error.code) == (409, "JobExists")

    # get
    job = await _run(client.get_job("j1"))
    assert (job.id, job.state, job.priority, job.pool_info.pool_id) == ("j1", "active", 10, "pool-1")
    assert job.job_preparation_task.command_line == "/bin/sh -c 'echo prep'"
    [mount] = job.job_preparation_task.container_settings.container_host_batch_bind_mounts
    assert (mount.source, mount.is_read_only) == ("Shared", True)
    first_etag = job.etag

    # a paged listing: 5 jobs, 2 per page
    for n in range(2, 6):
        await _run(client.create_job(_job(f"j{n}")))
    pages = await _pages(client.list_jobs(max_results=2))
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sorted(job.id for page in pages for job in page) == ["j1", "j2", "j3", "j4", "j5"]
    filtered = await _pages(client.list_jobs(filter="priority eq 10", select=["id", "priority"]))
    assert [(j.id, j.priority, j.state) for page in filtered for j in page] == [("j1", 10, None)]

    # task counts
    emulator.set_task_counts("j1", TASK_COUNTS)
    counts = await _run(client.get_job_task_counts("j1"))
    assert (counts.task_counts.active, counts.task_counts.failed) == (2, 1)
    assert counts.task_slot_counts.completed == 3

    # patch, with what 2024-07-01.20.0 added to it
    network = models.BatchJobNetworkConfiguration(subnet_id="/subnets/a", skip_withdraw_from_vnet=True)
    await _run(
        client.update_job("j1", models.BatchJobUpdateOptions(priority=20, network_configuration=network))
    )
    job = await _run(client.get_job("j1"))
    assert (job.priority, job.network_configuration.skip_withdraw_from_vnet) == (20, True)

    # a stale If-Match
    error = await _error(
        lambda: client.update_job(
            "j1",
            models.BatchJobUpdateOptions(priority=1),
            etag=first_etag,
            match_condition=MatchConditions.IfNotModified,
        )
    )
    assert (error.status_code, error.error.code) == (412, "ConditionNotMet")
    assert (await _run(client.get_job("j1"))).priority == 20

    # replace: the job read back, changed, sent as the new job; and one without a pool
    job.priority = 30
    job.max_parallel_tasks = 4
    await _run(client.replace_job("j1", job))
    job = await _run(client.get_job("j1"))
    assert (job.priority, job.max_parallel_tasks) == (30, 4)
    error = await _error(lambda: client.replace_job("j1", models.BatchJob(priority=1)))
    assert (error.status_code, error.error.code) == (400, "MissingRequiredProperty")

    # disable and enable: the pollers see the transitional state, then the settled one
    states.take()
    disable = models.BatchJobDisableOptions(disable_tasks="requeue")
    poller = await _run(client.begin_disable_job("j1", disable, **fast))
    await _run(poller.result())
    assert (poller.status(), states.take()) == ("Succeeded", ["disabling", "disabled"])
    poller = await _run(client.begin_enable_job("j1", **fast))
    await _run(poller.result())
    assert states.take() == ["enabling", "active"]

    # from a job schedule
    emulator.add_schedule_job("nightly")
    emulator.add_schedule_job("nightly")
    listed = await _pages(client.list_jobs_from_schedule("nightly"))
    assert [j.id for page in listed for j in page] == ["nightly:job-1", "nightly:job-2"]

    # preparation and release task status
    emulator.set_prep_release_status("j1", [PREP_STATUS])
    status = await _pages(client.list_job_preparation_and_release_task_status("j1"))
    [[item]] = status
    assert (item.node_id, item.job_preparation_task_execution_info.state) == ("node-1", "completed")

    # terminate (forced) and delete (forced)
    # 15.1 keeps BatchJobTerminateOptions private and fails without options: send its JSON form.
    terminate = {"terminateReason": "done"}
    poller = await _run(client.begin_terminate_job("j1", terminate, force=True, **fast))
    await _run(poller.result())
    assert states.take() == ["terminating", "completed"]
    job = await _run(client.get_job("j1"))
    assert (job.state, job.execution_info.termination_reason) == ("completed", "done")
    states.take()
    poller = await _run(client.begin_delete_job("j1", force=True, **fast))
    await _run(poller.result())
    assert states.take() == ["deleting"]  # the next poll found no job
    error = await _error(lambda: client.get_job("j1"))
    assert isinstance(error, ResourceNotFoundError)
    assert (error.status_code, error.error.code) == (404, "JobNotFound")

    # every request carried the api-version of 15.x, and none of them got a 500
    journal = emulator.requests()
    assert {parse_qs(entry["query"])["api-version"][0] for entry in journal} == {"2025-06-01"}
    assert all(entry["status"] < 500 for entry in journal)


def test_sync_client_life_cycle(server: EmulatorServer) -> None:
    states = JobStates()
    client = BatchClient(
        server.url, AzureNamedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY), per_call_policies=[states]
    )
    with client:
        asyncio.run(_life_cycle(client, states, server))


@pytest.fixture
async def aio_client(server: EmulatorServer) -> AsyncIterator[tuple[AsyncBatchClient, JobStates]]:
    states = JobStates()
    credential = AzureNamedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY)
    async with AsyncBatchClient(server.url, credential, per_call_policies=[states]) as client:
        yield client, states


async def test_aio_client_life_cycle(
    server: EmulatorServer, aio_client: tuple[AsyncBatchClient, JobStates]
) -> None:
    client, states = aio_client
    await _life_cycle(client, states, server)


async def test_aio_client_with_a_wrong_key_is_refused(server: EmulatorServer) -> None:
    async with AsyncBatchClient(server.url, AzureNamedKeyCredential(ACCOUNT_NAME, WRONG_KEY)) as client:
        error = await _error(lambda: client.get_job("j1"))
    assert (error.status_code, error.error.code) == (403, "AuthenticationFailed")
    assert server.emulator.requests()[-1]["status"] == 403


def test_sync_client_with_a_wrong_key_is_refused(server: EmulatorServer) -> None:
    credential = AzureNamedKeyCredential(ACCOUNT_NAME, WRONG_KEY)
    with BatchClient(server.url, credential) as client, pytest.raises(HttpResponseError) as info:
        client.create_job(_job("j1"))
    assert (info.value.status_code, info.value.error.code) == (403, "AuthenticationFailed")
    assert server.emulator.requests()[-1]["operation"] == "job.add"


def test_sync_client_adds_250_tasks_and_reads_their_files(server: EmulatorServer) -> None:
    """azure-batch 15.x's own bulk add (``create_tasks``) and file calls against the emulator."""
    emulator = server.emulator
    emulator.set_policy("instant")
    emulator.script_tasks("words", "t-*", stdout="hello from a task\n")
    emulator.script_tasks("words", "t-013", exit_code=4, stderr="bad shard\n")
    credential = AzureNamedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY)
    with BatchClient(server.url, credential) as client:
        client.create_job(_job("words"))
        tasks = [
            models.BatchTaskCreateOptions(id=f"t-{n:03d}", command_line="/bin/sh -c 'wc -w x'")
            for n in range(250)
        ]
        result = client.create_tasks("words", tasks, max_concurrency=4)
        assert sorted(r.task_id for r in result.result_values) == sorted(t.id for t in tasks)
        assert {str(r.status).lower() for r in result.result_values} == {"success"}
        states = {task.id: task.state for task in client.list_tasks("words")}
        assert len(states) == 250
        assert set(states.values()) == {"completed"}
        failed = client.get_task("words", "t-013")
        assert (failed.execution_info.exit_code, failed.execution_info.failure_info.code) == (
            4,
            "FailureExitCode",
        )
        assert b"".join(client.download_task_file("words", "t-013", "stderr.txt")) == b"bad shard\n"
        assert (
            b"".join(client.download_task_file("words", "t-001", "stdout.txt", ocp_range="bytes=0-4"))
            == b"hello"
        )
        properties = client.get_task_file_properties("words", "t-001", "stdout.txt")
        assert (properties.content_length, properties.is_directory) == (18, False)
        names = {f.name for f in client.list_task_files("words", "t-001", recursive=True)}
        assert names == {"stdout.txt", "stderr.txt", "wd"}
        counts = client.get_job_task_counts("words")
        assert (counts.task_counts.succeeded, counts.task_counts.failed) == (249, 1)
    add_requests = [e for e in emulator.requests() if e["operation"] == "task.add_collection"]
    assert len(add_requests) == 3  # chunks of at most 100


def test_the_pool_and_node_reads_tools_make_before_adding_tasks(server: EmulatorServer) -> None:
    with BatchClient(server.url, AzureNamedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY)) as client:
        client.create_job(_job("j"))
        pool = client.get_pool("pool-1")
        assert (pool.state, pool.allocation_state, pool.current_dedicated_nodes) == ("active", "steady", 1)
        assert pool.resize_errors is None
        assert [p.id for p in client.list_pools()] == ["pool-1"]
        [node] = list(client.list_nodes("pool-1"))
        assert node.state == "idle"
        with pytest.raises(ResourceNotFoundError) as missing:
            client.get_pool("elsewhere")
        assert missing.value.error.code == "PoolNotFound"


def test_azure_batch_15_runs_tasks_on_the_subprocess_executor() -> None:
    from batchjobs.emulator import Emulator

    credential = AzureNamedKeyCredential(ACCOUNT_NAME, ACCOUNT_KEY)
    with (
        Emulator(executor="subprocess", policy="instant") as emulator,
        EmulatorServer(emulator, max_lifetime=60) as server,
        BatchClient(server.url, credential) as client,
    ):
        client.create_job(_job("real"))
        tasks = [
            models.BatchTaskCreateOptions(id=f"t{n}", command_line="/bin/sh -c 'echo $AZ_BATCH_TASK_ID'")
            for n in range(5)
        ]
        client.create_tasks("real", tasks)
        for _ in range(500):
            counts = client.get_job_task_counts("real").task_counts
            if counts.completed == 5:
                break
            time.sleep(0.02)
        assert counts.succeeded == 5
        assert b"".join(client.download_task_file("real", "t3", "stdout.txt")) == b"t3\n"
