"""The sync facade against the emulator, in-process and over loopback: the operation suite, threads,
Ctrl-C during a slow call, and no thread left behind."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from batchjobs import ConflictError, NotFoundError, RetryPolicy, models
from batchjobs.emulator import Emulator
from batchjobs.sync import BatchServiceClient
from batchjobs.testing import EmulatorServer, credentials_for, sync_emulator_client

POOL = models.PoolInformation(pool_id="pool-1")


@pytest.fixture(params=["asgi", "loopback"])
def sync_env(request: pytest.FixtureRequest) -> Iterator[tuple[BatchServiceClient, Emulator]]:
    emulator = Emulator()
    if request.param == "asgi":
        with sync_emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
            yield client, emulator
    else:
        with (
            EmulatorServer(emulator) as server,
            BatchServiceClient(
                credentials_for(emulator), server.url, retry_policy=RetryPolicy.immediate()
            ) as client,
        ):
            yield client, emulator


def test_full_operation_suite(sync_env):
    client, emulator = sync_env
    client.job.add(models.JobAddParameter(id="s-1", priority=5, pool_info=POOL))
    client.job.add(
        models.JobAddParameter(
            id="s-2",
            pool_info=POOL,
            job_preparation_task=models.JobPreparationTask(command_line="prep"),
        )
    )
    with pytest.raises(ConflictError, match="JobExists"):
        client.job.add(models.JobAddParameter(id="S-1", pool_info=POOL))
    raw = client.job.get("s-1", raw=True)
    assert raw.output.priority == 5
    client.job.patch("s-1", models.JobPatchParameter(priority=7), models.JobPatchOptions(if_match=raw.etag))
    assert client.job.get("s-1").priority == 7
    client.job.update("s-1", models.JobUpdateParameter(pool_info=POOL))
    assert client.job.get("s-1").priority == 0
    listed = [j.id for j in client.job.list(models.JobListOptions(select="id", max_results=1))]
    assert listed == ["s-1", "s-2"]
    pages = list(client.job.list(models.JobListOptions(max_results=1), raw=True))
    assert [p.items[0].id for p in pages] == ["s-1", "s-2"]
    resumed = [j.id for j in client.job.list(continuation_token=pages[0].continuation_token)]
    assert resumed == ["s-2"]
    emulator.add_job_schedule("sched")
    schedule_job = emulator.add_schedule_job("sched", pool_id="pool-1")
    assert [j.id for j in client.job.list_from_job_schedule("sched")] == [schedule_job]
    assert client.job.get_task_counts("s-1").task_counts.active == 0
    assert list(client.job.list_preparation_and_release_task_status("s-2")) == []
    client.job.disable("s-1", "wait")
    assert client.job.get("s-1").state == models.JobState.disabling
    assert client.job.get("s-1").state == models.JobState.disabled
    client.job.enable("s-1")
    client.job.terminate("s-1", "done")
    client.job.delete("s-2")
    with pytest.raises(NotFoundError):
        client.job.get("missing")


def test_many_threads_share_one_client(sync_env):
    client, _ = sync_env
    client.job.add(models.JobAddParameter(id="shared", pool_info=POOL))
    loop_threads: set[int] = set()

    def work(_: int) -> int:
        ok = 0
        for _ in range(100):
            ok += client.job.get("shared").id == "shared"
        return ok

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(work, range(8))) == 800
    loop_threads.add(client._bridge.loop_thread_id)
    assert threading.get_ident() not in loop_threads


def test_ctrl_c_during_a_slow_call_cancels_it_and_the_client_survives(sync_env):
    client, emulator = sync_env
    client.job.add(models.JobAddParameter(id="slow", pool_info=POOL))
    emulator.inject_fault(operation="get", job_id="slow", delay=30, count=1)
    timer = threading.Timer(0.2, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            client.job.get("slow")
    finally:
        timer.cancel()
    assert client.job.get("slow").id == "slow"


def test_no_thread_remains_after_close():
    before = {t.ident for t in threading.enumerate()}
    emulator = Emulator()
    with EmulatorServer(emulator) as server:
        client = BatchServiceClient(credentials_for(emulator), server.url)
        client.job.add(models.JobAddParameter(id="t-1", pool_info=POOL))
        assert [j.id for j in client.job.list()] == ["t-1"]
        client.close()
    assert {t.ident for t in threading.enumerate()} == before
