"""Every example runs against the emulator: the quickstart, the worker, the web backend, the notebook."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import nbclient
import nbformat
import pytest

from batchjobs import BatchServiceClient, ConflictError, RetryPolicy
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(EXAMPLES))

import async_service  # noqa: E402
import quickstart  # noqa: E402
import task_feeder  # noqa: E402
import tutorial_pipeline  # noqa: E402
import web_backend  # noqa: E402


def run_quickstart(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", **env},
        check=False,
    )


def test_quickstart_runs_a_pipeline_on_this_machine():
    result = run_quickstart()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "against the in-process emulator (tasks run on this machine" in out
    for row in ("add the job", "add 300 tasks", "seal the job", "wait for the tasks", "delete the job"):
        assert f"\n{row} " in out  # a row of the summary table
    assert "300 added in 3 requests" in out  # one add_collection call, split by the client
    # Progress while waiting (off a terminal: one line per change of the counts), then its summary.
    progress = re.findall(r"^quickstart-\w+: completed (\d+)/300 \((\d) failed\), active", out, re.MULTILINE)
    assert progress[-1] == ("300", "1")
    assert re.search(r"^quickstart-\w+: completed 300/300 \(1 failed\) in \d+\.\d s$", out, re.MULTILINE)
    # The failure, explained: exit code, retry, failureInfo and the task's real stderr.
    assert "shard-137 failed with exit code 3 after 1 retry\n" in out
    assert "failureInfo: FailureExitCode: " in out
    assert "    shard-137: unreadable record at line 11, word 11\n" in out
    # The output was computed by the tasks: a sample of one task's stdout is the count of its shard,
    # and the combined counts match the same count done here.
    sample = re.search(r"shard-000's stdout.txt starts with: (.*)$", out, re.MULTILINE)
    assert sample is not None
    shard = quickstart.make_shards()[0].split()
    for line in re.findall(r"'(\d+ \w+)'", sample.group(1)):
        count, word = line.split()
        assert shard.count(word) == int(count)
    counted = re.search(r"words counted by the tasks: ([\d,]+); counted here: ([\d,]+): the same", out)
    assert counted is not None
    assert counted.group(1) == counted.group(2) == "59,800"
    assert "299 succeeded, 1 failed" in out
    # The job ended by itself once sealed.
    assert "completed, terminateReason=AllTasksComplete" in out


def test_quickstart_exits_non_zero_with_a_clear_message_on_failure():
    account = {"BATCH_ACCOUNT_URL": "https://nobody.westus.batch.azure.com", "BATCH_ACCOUNT_NAME": "nobody"}
    result = run_quickstart(**account, BATCH_ACCOUNT_KEY="this is not base64!", BATCH_POOL_ID="pool-1")
    assert result.returncode == 1
    assert "quickstart failed: " in result.stderr
    assert "not valid Base64" in result.stderr
    assert "Traceback" not in result.stderr

    result = run_quickstart(**account, BATCH_ACCOUNT_KEY="a2V5")
    assert result.returncode == 1
    assert "quickstart failed: set BATCH_POOL_ID to the id of an existing pool" in result.stderr
    assert "Traceback" not in result.stderr


def test_async_service_submits_watches_and_cleans_up(capsys):
    assert async_service.main(["--jobs", "25", "--concurrency", "5", "--poll", "0"]) == 0
    out = capsys.readouterr().out
    assert "submitted 25 jobs" in out
    assert "completed=25" in out
    assert "all 25 jobs completed and deleted" in out


def test_task_feeder_adds_work_as_it_arrives_then_seals_the_job(capsys):
    assert task_feeder.main(["--items", "40", "--pace", "0.01", "--window", "0.02"]) == 0
    out = capsys.readouterr().out
    batches = [int(n) for n in re.findall(r"^  added +(\d+) task\(s\)", out, re.MULTILINE)]
    assert sum(batches) == 40
    assert "(40 in all)" in out
    assert re.search(r"^feeder-\w+: completed 40/40 \(0 failed\) in ", out, re.MULTILINE)
    assert "ended by itself (AllTasksComplete)" in out
    assert "checked the factors of all 40 numbers" in out


async def test_task_feeder_seals_late_because_an_early_seal_races_the_work():
    """The race the feeder avoids: tasks that catch up with the work end a job created with
    terminatejob, which then refuses the next batch; a job sealed after its last add does not."""
    emulator = Emulator()  # simulate: tasks succeed as they are read
    async with emulator_client(emulator, retry_policy=RetryPolicy.immediate()) as client:
        for job_id, seal_at_creation in (("late", False), ("early", True)):
            await task_feeder.create_job(client, job_id, "pool-1", seal_at_creation=seal_at_creation)
            await task_feeder.add_batch(client, job_id, [(0, 6), (1, 15)])
            # A pause in the work: the tasks added so far complete.
            await client.job.wait_for_tasks_complete(job_id, min_interval=0, max_interval=0)

        with pytest.raises(ConflictError) as refused:
            await task_feeder.add_batch(client, "early", [(2, 35)])
        assert refused.value.code in {"JobCompleted", "JobBeingTerminated"}

        await task_feeder.add_batch(client, "late", [(2, 35)])
        await task_feeder.seal(client, "late")
        await client.job.wait_for_tasks_complete("late", min_interval=0, max_interval=0)
        state = await client.job.wait_for_state("late", "completed", min_interval=0, max_interval=0)
        assert state == "completed"
        counts = await client.job.get_task_counts("late")
        assert counts.task_counts.succeeded == 3


def test_tutorial_pipeline_gives_each_task_its_input_file(tmp_path, capsys):
    assert tutorial_pipeline.main(["--inputs", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Success! All tasks reached the 'Completed' state" in out
    # Each task ran wc on the resource file it was given: the counts of the file written here.
    for number in range(tutorial_pipeline.INPUT_FILE_COUNT):
        text = (tmp_path / f"taskdata{number}.txt").read_text()
        counts = f"{text.count(chr(10))} {len(text.split())} {len(text)} taskdata{number}.txt"
        assert f"Task: Task{number} (exit code 0)\nStandard output:\n" in out
        assert counts in [" ".join(line.split()) for line in out.splitlines()]
    assert re.search(r"^Deleting job \[PythonTutorialJob-\w+\]", out, re.MULTILINE)


async def test_web_backend_through_asgi_transport():
    emulator = Emulator(policy="instant")

    @asynccontextmanager
    async def factory() -> AsyncIterator[BatchServiceClient]:
        async with emulator_client(emulator) as client:
            yield client

    app = web_backend.create_app(factory)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://backend") as http:
            created = await http.post("/jobs", json={"id": "web-1", "pool_id": "p", "priority": 5})
            assert created.status_code == 201
            assert created.json() == {"id": "web-1", "state": "active", "priority": 5}
            assert (await http.post("/jobs", json={"id": "web-1"})).json()["error"] == "JobExists"
            assert (await http.post("/jobs", json={"id": "bad id"})).status_code == 400
            await http.post("/jobs", json={"id": "web-2"})
            listed = (await http.get("/jobs", params={"state": "active"})).json()["jobs"]
            assert [job["id"] for job in listed] == ["web-1", "web-2"]
            assert (await http.post("/jobs/web-1/cancel")).status_code == 202
            assert (await http.get("/jobs/web-1")).json()["state"] == "completed"
            assert (await http.get("/jobs/nope")).status_code == 404
            assert (await http.post("/jobs/web-1/cancel")).status_code == 409


def test_notebook_runs_in_a_real_jupyter_kernel():
    notebook = nbformat.read(EXAMPLES / "notebook.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    outputs = [
        "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        for cell in code
    ]
    assert outputs[0] == "batchjobs.sync.BatchServiceClient(batch_url='http://localhost')"
    assert outputs[1] == "notebook-1 active 10 2:00:00\n"
    assert outputs[2] == "notebook-0 0\nnotebook-1 10\nnotebook-2 20\n"
    assert outputs[3] == "disabling -> disabled\n"
    assert outputs[4] == "404 JobNotFound\n"
    assert outputs[5] == "added 41 tasks\n"
    # The progress display: one output, updated in place while waiting, ending with the summary.
    (progress,) = code[6].outputs
    assert progress["output_type"] == "display_data"
    assert re.fullmatch(r"roots: completed 41/41 \(1 failed\) in \d+\.\d s", progress["data"]["text/plain"])
    assert '<progress value="41" max="41"' in progress["data"]["text/html"]
    assert outputs[7] == (
        "sum of the squares of the 40 roots: 780\n"
        "root-40 failed (exit code 1): ValueError: math domain error\n"
        "the job ended by itself: completed\n"
    )
    assert outputs[8] == "closed: True\n"
