"""Every example runs against the emulator: the quickstart, the worker, the web backend, the notebook."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import nbclient
import nbformat

from batchjobs import BatchServiceClient
from batchjobs.emulator import Emulator
from batchjobs.testing import emulator_client

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(EXAMPLES))

import async_service  # noqa: E402
import web_backend  # noqa: E402


def test_quickstart_walks_a_job_through_its_life():
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "against the in-process emulator" in out
    for step in ("add", "get", "list ($filter, $select)", "get_task_counts", "patch (If-Match)"):
        assert f"| {step}" in out or f"{step} " in out
    assert "disabling -> disabled" in out
    assert "enabling -> active" in out
    assert "terminating -> completed" in out
    assert "terminateReason='quickstart done'" in out


def test_quickstart_exits_non_zero_with_a_clear_message_on_failure():
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "BATCH_ACCOUNT_URL": "https://nobody.westus.batch.azure.com",
            "BATCH_ACCOUNT_NAME": "nobody",
            "BATCH_ACCOUNT_KEY": "this is not base64!",
        },
        check=False,
    )
    assert result.returncode == 1
    assert "quickstart failed: " in result.stderr
    assert "not valid Base64" in result.stderr
    assert "Traceback" not in result.stderr


def test_async_service_submits_watches_and_cleans_up(capsys):
    assert async_service.main(["--jobs", "25", "--concurrency", "5", "--poll", "0"]) == 0
    out = capsys.readouterr().out
    assert "submitted 25 jobs" in out
    assert "completed=25" in out
    assert "all 25 jobs completed and deleted" in out


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
    outputs = [
        "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]
    assert outputs[0] == "batchjobs.sync.BatchServiceClient(batch_url='http://localhost')"
    assert outputs[1] == "notebook-1 active 10 2:00:00\n"
    assert outputs[2] == "notebook-0 0\nnotebook-1 10\nnotebook-2 20\n"
    assert outputs[3] == "disabling -> disabled\n"
    assert outputs[4] == "404 JobNotFound\n"
    assert outputs[5] == "closed: True\n"
