"""Microsoft's own SDKs as independent clients of the emulator, over a real loopback server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from batchjobs.testing import EmulatorServer

#: Seeds of what the Job API cannot create, shared by the 14.x and 15.x life cycles.
TASK_COUNTS = {"active": 2, "running": 1, "completed": 3, "succeeded": 2, "failed": 1}
PREP_STATUS = {
    "poolId": "pool-1",
    "nodeId": "node-1",
    "jobPreparationTaskExecutionInfo": {
        "startTime": "2026-12-01T10:00:00.0000000Z",
        "endTime": "2026-12-01T10:00:05.0000000Z",
        "state": "completed",
        "exitCode": 0,
        "retryCount": 0,
        "result": "success",
    },
}


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    """A fresh emulator on loopback; transitional states settle after one read (the default)."""
    with EmulatorServer(max_lifetime=120) as running:
        yield running
