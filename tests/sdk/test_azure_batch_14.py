"""azure-batch 14.x through a whole job life cycle against the emulator on loopback.

14.x and 15.x are the same import package (``azure.batch``), so 14.x is installed on its own into
pytest's cache directory (its dependencies come with the ``sdk-compat`` extra) and the life cycle
runs in a child process that sees only it. The script asserts every step; this test checks that
it passed and what reached the emulator.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from batchjobs.emulator import ACCOUNT_KEY, ACCOUNT_NAME
from batchjobs.testing import EmulatorServer

from .conftest import PREP_STATUS, TASK_COUNTS

VERSION = "14.0.0"
SCRIPT = Path(__file__).with_name("azure_batch_14_life_cycle.py")


@pytest.fixture(scope="session")
def azure_batch_14(request: pytest.FixtureRequest) -> Path:
    """A directory holding only azure-batch 14.x (installed once, then reused from pytest's cache)."""
    target = Path(request.config.cache.mkdir(f"azure-batch-{VERSION}"))
    if not (target / "azure" / "batch" / "__init__.py").exists():
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
        subprocess.run([*command, f"azure-batch=={VERSION}"], check=True, capture_output=True, timeout=300)
    return target


def test_life_cycle(server: EmulatorServer, azure_batch_14: Path) -> None:
    seeds = json.dumps({"taskCounts": TASK_COUNTS, "prep": PREP_STATUS})
    env = {**os.environ, "PYTHONPATH": str(azure_batch_14)}
    result = subprocess.run(
        [sys.executable, str(SCRIPT), server.url, ACCOUNT_NAME, ACCOUNT_KEY, seeds],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("life cycle passed")

    journal = [entry for entry in server.emulator.requests() if entry["operation"] is not None]
    assert {parse_qs(entry["query"])["api-version"][0] for entry in journal} == {"2023-05-01.17.0"}
    assert all(entry["status"] < 500 for entry in journal)
    operations = {entry["operation"] for entry in journal}
    assert operations == {
        "job.add", "job.get", "job.list", "job.get_task_counts", "job.patch", "job.update", "job.disable",
        "job.enable", "job.list_from_job_schedule", "job.list_preparation_and_release_task_status",
        "job.terminate", "job.delete",
    }  # fmt: skip
    assert [entry["status"] for entry in journal if entry["operation"] == "job.list"] == [200, 200, 200]
