"""The subprocess executor: task command lines really run, in a node-like directory with the
service's environment; exit codes, retries, time limits, kills checked from the OS, slots, files
read while written, and the refusals that keep such an emulator local."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from batchjobs import BatchServiceClient, ConflictError, models
from batchjobs.emulator import Emulator, ManualClock, create_app
from batchjobs.emulator._errors import BatchServiceError
from batchjobs.emulator._executor import Finished, Run, SubprocessExecutor
from batchjobs.emulator.state._files import DirectoryFiles
from batchjobs.testing import EmulatorServer, emulator_client

POOL = models.PoolInformation(pool_id="local")


@pytest.fixture
async def local() -> AsyncIterator[tuple[BatchServiceClient, Emulator]]:
    with Emulator(executor="subprocess", slots=4) as emulator:
        async with emulator_client(emulator) as client:
            await client.job.add(
                models.JobAddParameter(
                    id="j",
                    pool_info=POOL,
                    common_environment_settings=[models.EnvironmentSetting(name="SHARED", value="from-job")],
                )
            )
            yield client, emulator


async def finished(client: BatchServiceClient, job_id: str = "j") -> models.TaskCountsResult:
    return await client.job.wait_for_tasks_complete(job_id, min_interval=0.02, max_interval=0.1, timeout=30)


def sh(script: str) -> str:
    return f"/bin/sh -c '{script}'"


async def read(client: BatchServiceClient, task_id: str, path: str = "stdout.txt") -> bytes:
    return b"".join([chunk async for chunk in client.file.get_from_task("j", task_id, path)])


def until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Poll ``condition`` until it holds or the deadline passes (for what the OS does on its own)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def alive(pid: int) -> bool:
    """Whether the process still runs (a zombie waiting for a reaper does not count)."""
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):  # gone, also between the two steps
        return False


async def test_command_lines_run_in_a_node_like_directory_with_the_service_environment(
    local: tuple[BatchServiceClient, Emulator],
) -> None:
    client, emulator = local
    script = 'echo "$AZ_BATCH_JOB_ID $AZ_BATCH_TASK_ID $SHARED $OWN"; pwd; echo oops >&2; exit 3'
    own = [models.EnvironmentSetting(name="OWN", value="from-task")]
    await client.task.add(
        "j", models.TaskAddParameter(id="t", command_line=sh(script), environment_settings=own)
    )
    await finished(client)
    task = await client.task.get("j", "t")
    info = task.execution_info
    assert (info.exit_code, info.result, info.failure_info.code) == (3, "failure", "FailureExitCode")
    first, working = (await read(client, "t")).decode().splitlines()
    assert first == "j t from-job from-task"
    assert working == str(emulator.tasks.runner.task_directory("j", "t") / "wd")
    assert await read(client, "t", "stderr.txt") == b"oops\n"


async def test_non_zero_exits_are_retried_and_programs_that_cannot_start_are_not(
    local: tuple[BatchServiceClient, Emulator],
) -> None:
    client, _ = local
    marker = '"$AZ_BATCH_NODE_SHARED_DIR/seen"'
    flaky = sh(f'test -f {marker} && exit 0; mkdir -p "$AZ_BATCH_NODE_SHARED_DIR"; touch {marker}; exit 1')
    retry = models.TaskConstraints(max_task_retry_count=2)
    await client.task.add_collection(
        "j",
        [
            models.TaskAddParameter(id="flaky", command_line=flaky, constraints=retry),
            models.TaskAddParameter(id="missing", command_line="/no/such/program --flag", constraints=retry),
        ],
    )
    await finished(client)
    flaky_info = (await client.task.get("j", "flaky")).execution_info
    assert (flaky_info.exit_code, flaky_info.retry_count, flaky_info.result) == (0, 1, "success")
    missing = (await client.task.get("j", "missing")).execution_info
    assert (missing.exit_code, missing.retry_count, missing.failure_info.code) == (
        None,
        0,
        "CommandProgramNotFound",
    )


async def test_max_wall_clock_time_kills_the_task(local: tuple[BatchServiceClient, Emulator]) -> None:
    client, _ = local
    limit = models.TaskConstraints(max_wall_clock_time=timedelta(milliseconds=300), max_task_retry_count=3)
    await client.task.add("j", models.TaskAddParameter(id="slow", command_line="sleep 30", constraints=limit))
    await finished(client)
    info = (await client.task.get("j", "slow")).execution_info
    assert (info.failure_info.code, info.retry_count, info.exit_code) == ("MaxWallClockTimeExpiry", 0, None)


async def test_terminate_kills_the_whole_process_group(local: tuple[BatchServiceClient, Emulator]) -> None:
    client, emulator = local
    script = "sleep 30 & echo $! > child; echo $$ > pid; wait"
    await client.task.add("j", models.TaskAddParameter(id="t", command_line=sh(script)))
    working = emulator.tasks.runner.task_directory("j", "t") / "wd"
    assert until(lambda: (working / "child").exists() and (working / "child").read_text().strip() != "")
    assert until(lambda: (working / "pid").exists() and (working / "pid").read_text().strip() != "")
    pids = [int((working / name).read_text()) for name in ("pid", "child")]
    assert all(alive(pid) for pid in pids)
    await client.task.terminate("j", "t")
    assert until(lambda: not any(alive(pid) for pid in pids))  # checked from the OS
    task = await client.task.get("j", "t")
    assert (task.state, task.execution_info.failure_info.code) == ("completed", "TaskEnded")


async def test_closing_the_emulator_leaves_no_process(tmp_path: object) -> None:
    with Emulator(executor="subprocess") as emulator:
        async with emulator_client(emulator) as client:
            await client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
            await client.task.add(
                "j", models.TaskAddParameter(id="t", command_line=sh("echo $$ > pid; exec sleep 30"))
            )
            pid_file = emulator.tasks.runner.task_directory("j", "t") / "wd" / "pid"
            assert until(lambda: pid_file.exists() and pid_file.read_text().strip() != "")
            pid = int(pid_file.read_text())
            root = emulator.tasks.runner.root
    assert until(lambda: not alive(pid))
    assert not root.exists()  # its own temporary directory is gone too


async def test_tasks_wait_for_free_slots(local: tuple[BatchServiceClient, Emulator]) -> None:
    client, emulator = local
    log = '"$AZ_BATCH_NODE_SHARED_DIR/log"'
    script = f"echo start $(date +%s%N) >> {log}; sleep 0.2; echo end $(date +%s%N) >> {log}"
    os.makedirs(emulator.tasks.runner.root / "shared", exist_ok=True)
    tasks = [models.TaskAddParameter(id=f"t{n}", command_line=sh(script), required_slots=2) for n in range(3)]
    await client.task.add_collection("j", tasks)
    await finished(client)
    events = (emulator.tasks.runner.root / "shared" / "log").read_text().split("\n")
    running = peak = 0
    for event in sorted((int(line.split()[1]), line.split()[0]) for line in events if line):
        running += 1 if event[1] == "start" else -1
        peak = max(peak, running)
    assert peak == 2  # 4 slots, 2 per task


async def test_free_slots_go_to_the_higher_priority_job_first_then_in_the_order_of_adding() -> None:
    with Emulator(executor="subprocess", slots=1) as emulator:
        async with emulator_client(emulator) as client:
            for job_id, priority in (("low", 0), ("high", 100)):
                await client.job.add(models.JobAddParameter(id=job_id, pool_info=POOL, priority=priority))
            os.makedirs(emulator.tasks.runner.root / "shared", exist_ok=True)
            order = '"$AZ_BATCH_NODE_SHARED_DIR/order"'
            # The gate holds the one slot until every other task is added: nothing depends on timing.
            gate = sh('while [ ! -e "$AZ_BATCH_NODE_SHARED_DIR/go" ]; do sleep 0.01; done')
            await client.task.add("low", models.TaskAddParameter(id="gate", command_line=gate))
            assert await client.task.wait_for_state("low", "gate", "running", min_interval=0.01) == "running"
            for job_id, ids in (("low", ["l1", "l2"]), ("high", ["h1", "h2"])):
                tasks = [
                    models.TaskAddParameter(id=task_id, command_line=sh(f"echo {task_id} >> {order}"))
                    for task_id in ids
                ]
                await client.task.add_collection(job_id, tasks)
            (emulator.tasks.runner.root / "shared" / "go").touch()
            await finished(client, "low")
            await finished(client, "high")
            ran = (emulator.tasks.runner.root / "shared" / "order").read_text().split()
    assert ran == ["h1", "h2", "l1", "l2"]


async def test_a_task_reads_no_input(local: tuple[BatchServiceClient, Emulator]) -> None:
    """As on a node, standard input is empty: a command that reads it ends at once."""
    client, _ = local
    constraints = models.TaskConstraints(max_wall_clock_time=timedelta(seconds=20))
    await client.task.add(
        "j", models.TaskAddParameter(id="reads", command_line="/bin/cat", constraints=constraints)
    )
    await finished(client)
    task = await client.task.get("j", "reads")
    assert task.execution_info.exit_code == 0, task.execution_info.failure_info


def test_a_task_directory_the_executor_has_not_made_yet_has_no_files(tmp_path: Path) -> None:
    """The executor makes a running task's directory off the emulator's lock, a moment after it starts."""
    files = DirectoryFiles(tmp_path / "workitems" / "j" / "job-1" / "t")
    assert files.listing(recursive=True) == []
    assert files.listing(recursive=False) == []
    with pytest.raises(BatchServiceError) as info:
        files.entry("stdout.txt")
    assert (info.value.status, info.value.code) == (404, "FileNotFound")


async def test_a_task_directory_is_removed_when_its_retention_time_has_passed() -> None:
    clock = ManualClock(datetime.now(UTC))  # starts at the wall clock: requests are signed with it
    with Emulator(executor="subprocess", clock=clock) as emulator:
        async with emulator_client(emulator) as client:
            await client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
            constraints = models.TaskConstraints(retention_time=timedelta(minutes=1))
            task = models.TaskAddParameter(id="t", command_line=sh("echo kept"), constraints=constraints)
            await client.task.add("j", task)
            await finished(client)
            directory = emulator.tasks.runner.task_directory("j", "t")
            assert (directory / "stdout.txt").read_bytes() == b"kept\n"
            clock.advance(60)
            with pytest.raises(ConflictError) as info:
                await read(client, "t")
            assert info.value.code == "TaskFilesCleanedup"
            assert not directory.exists()


async def test_a_file_is_read_while_the_task_writes_it(local: tuple[BatchServiceClient, Emulator]) -> None:
    client, _ = local
    await client.task.add(
        "j", models.TaskAddParameter(id="t", command_line=sh("echo one; sleep 0.3; echo two"))
    )
    chunks = [chunk async for chunk in client.file.follow("j", "t", interval=0.05)]
    assert b"".join(chunks) == b"one\ntwo\n"


async def test_dependencies_and_job_completion_with_real_runs(
    local: tuple[BatchServiceClient, Emulator],
) -> None:
    client, _ = local
    await client.job.add(models.JobAddParameter(id="deps", pool_info=POOL, uses_task_dependencies=True))
    parents = [models.TaskAddParameter(id=str(n), command_line=sh(f"echo {n}")) for n in range(3)]
    merge = models.TaskAddParameter(
        id="merge",
        command_line=sh("echo merged"),
        depends_on=models.TaskDependencies(task_id_ranges=[models.TaskIdRange(start=0, end=2)]),
    )
    await client.task.add_collection("deps", [merge, *parents])
    await client.job.patch("deps", models.JobPatchParameter(on_all_tasks_complete="terminatejob"))
    await finished(client, "deps")
    merged = await client.task.get("deps", "merge")
    starts = [(await client.task.get("deps", str(n))).execution_info.end_time for n in range(3)]
    assert merged.execution_info.start_time >= max(starts)
    assert await client.job.wait_for_state("deps", "completed", min_interval=0.02, timeout=10) == "completed"


async def test_it_answers_only_requests_to_a_loopback_host() -> None:
    with Emulator(executor="subprocess") as emulator:
        transport = httpx.ASGITransport(app=create_app(emulator))
        async with httpx.AsyncClient(transport=transport, base_url="http://attacker.example") as raw:
            response = await raw.post("/_emulator/reset")
            assert response.status_code == 403
            assert response.json()["code"] == "HostNotAllowed"
            data = await raw.get("/jobs", params={"api-version": "2023-05-01.17.0"})
            assert data.status_code == 403


def test_running_command_lines_needs_auth_and_a_loopback_interface() -> None:
    with pytest.raises(ValueError, match="keeps authentication on"):
        Emulator(executor="subprocess", auth=False)
    with Emulator(executor="subprocess") as emulator, pytest.raises(ValueError, match="loopback host only"):
        EmulatorServer(emulator, host="0.0.0.0")
    cli = [sys.executable, "-m", "batchjobs.emulator", "--executor", "subprocess", "--host", "0.0.0.0"]
    result = subprocess.run(cli, capture_output=True, text=True, timeout=60)
    assert (result.returncode, "loopback" in result.stderr) == (2, True)
    no_auth = subprocess.run([*cli[:5], "--no-auth"], capture_output=True, text=True, timeout=60)
    assert (no_auth.returncode, "authentication" in no_auth.stderr) == (2, True)


async def test_over_a_loopback_server() -> None:
    with EmulatorServer(Emulator(executor="subprocess"), max_lifetime=60) as server:
        async with server.client() as client:
            await client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
            await client.task.add("j", models.TaskAddParameter(id="t", command_line=sh("echo over loopback")))
            await finished(client)
            assert await read(client, "t") == b"over loopback\n"
        server.emulator.close()


@pytest.mark.parametrize("batch_emulator", ["subprocess"], indirect=True)
async def test_the_pytest_fixture_takes_the_executor(
    batch_client: BatchServiceClient, batch_emulator: Emulator
) -> None:
    assert batch_emulator.runs_commands
    await batch_client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
    await batch_client.task.add("j", models.TaskAddParameter(id="t", command_line=sh("echo fixture")))
    await finished(batch_client)
    assert await read(batch_client, "t") == b"fixture\n"


async def test_resource_files_are_fetched_into_the_working_directory(
    local: tuple[BatchServiceClient, Emulator], tmp_path: object
) -> None:
    from pathlib import Path

    client, _ = local
    source = Path(str(tmp_path)) / "words.txt"
    source.write_text("alpha beta gamma\n")
    with EmulatorServer(
        max_lifetime=60
    ) as files_server:  # any HTTP server will do: this one answers 501 JSON
        fetched = models.ResourceFile(http_url=source.as_uri(), file_path="in/words.txt")
        missing = models.ResourceFile(http_url=f"{files_server.url}/no/such/file", file_path="x")
        await client.task.add_collection(
            "j",
            [
                models.TaskAddParameter(
                    id="counts", command_line="wc -w in/words.txt", resource_files=[fetched]
                ),
                models.TaskAddParameter(id="missing", command_line="true", resource_files=[missing]),
                models.TaskAddParameter(
                    id="container",
                    command_line="true",
                    resource_files=[models.ResourceFile(storage_container_url="https://x/y", file_path="z")],
                ),
            ],
        )
        await finished(client)
    assert (await read(client, "counts")).split()[0] == b"3"
    codes = {}
    for task_id in ("missing", "container"):
        codes[task_id] = (await client.task.get("j", task_id)).execution_info.failure_info.code
    assert codes == {"missing": "BlobDownloadMiscError", "container": "ResourceFileSourceNotSupported"}


async def test_a_container_task_without_a_container_runtime_fails_clearly() -> None:
    from batchjobs.emulator._executor import ContainerExecutor

    executor = ContainerExecutor()
    executor.runtime = None  # as on a machine with neither docker nor podman
    with Emulator(executor=executor) as emulator:
        async with emulator_client(emulator) as client:
            await client.job.add(models.JobAddParameter(id="j", pool_info=POOL))
            settings = models.TaskContainerSettings(image_name="ubuntu:22.04")
            await client.task.add_collection(
                "j",
                [
                    models.TaskAddParameter(id="boxed", command_line="echo hi", container_settings=settings),
                    models.TaskAddParameter(id="plain", command_line=sh("echo plain")),
                ],
            )
            await finished(client)
            boxed = (await client.task.get("j", "boxed")).execution_info
            assert (boxed.result, boxed.failure_info.code) == ("failure", "ContainerRuntimeNotFound")
            assert (
                await read(client, "plain") == b"plain\n"
            )  # tasks without containerSettings run as processes


FORK_SCRIPT = """
import os, shutil, sys, tempfile, time
from pathlib import Path
from batchjobs import models
from batchjobs.emulator import Emulator
from batchjobs.testing import sync_emulator_client

def alive(pid):
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False

def until(condition):
    deadline = time.monotonic() + 30
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()

root = Path(tempfile.mkdtemp())
emulator = Emulator(executor="subprocess", task_root=root)
with sync_emulator_client(emulator) as client:
    client.job.add(models.JobAddParameter(id="j", pool_info=models.PoolInformation(pool_id="p")))
    command = "sh -c 'echo $$ > pid.txt; exec sleep 60'"
    client.task.add("j", models.TaskAddParameter(id="t", command_line=command))
    client.task.wait_for_state("j", "t", "running", timeout=30)
    pid_file = root / "workitems" / "j" / "job-1" / "t" / "wd" / "pid.txt"
    until(lambda: pid_file.exists() and pid_file.read_text().endswith("\\n"))
    pid = int(pid_file.read_text())
    print("running:", alive(pid), flush=True)  # flushed: the child must not print it again
    child = os.fork()
    if child == 0:  # a child that closes the emulator and exits, as a forked worker would
        emulator.close()
        sys.exit(0)
    print("child exit:", os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]))
    print("still running:", alive(pid))
emulator.close()
print("killed by the parent's close:", until(lambda: not alive(pid)))
shutil.rmtree(root, ignore_errors=True)
"""


def test_a_forked_child_neither_hangs_nor_touches_the_parents_task_processes() -> None:
    # The timeout only keeps a regression (the child waiting for the parent's loop thread) from
    # hanging the suite.
    result = subprocess.run([sys.executable, "-c", FORK_SCRIPT], capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "running: True",
        "child exit: 0",
        "still running: True",
        "killed by the parent's close: True",
    ]


def test_an_attempt_stopped_before_its_process_starts_never_runs(tmp_path: Path) -> None:
    """A terminate can reach the executor while the attempt is still making its directory."""
    executor = SubprocessExecutor()
    reports: queue.Queue[Finished] = queue.Queue()
    marker = tmp_path / "ran"
    try:
        run = Run(
            key=("j", "t", 1),
            command_line=f"/bin/sh -c 'touch {marker}; sleep 30'",
            directory=tmp_path / "t",
            environment=dict(os.environ),
            wall_clock_seconds=None,
            report=reports.put,
        )
        executor.start(run)
        executor.stop(run.key)
        finished = reports.get(timeout=10)  # not the 30 s of the command
    finally:
        executor.close()
    assert finished.exit_code != 0
    assert not marker.exists()
