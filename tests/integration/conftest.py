"""The real BatchServiceClient against the emulator, in-process ("asgi") and over loopback HTTP
("loopback": uvicorn in its own thread, never on the test's event loop)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import attrs
import pytest

from batchjobs import BatchServiceClient, RetryPolicy
from batchjobs.emulator import Emulator, ManualClock
from batchjobs.testing import EmulatorServer, emulator_client

FAST = RetryPolicy.immediate(max_attempts=3)


@attrs.frozen
class Env:
    client: BatchServiceClient
    emulator: Emulator
    clock: ManualClock


@pytest.fixture(scope="session")
def loopback_server() -> Iterator[EmulatorServer]:
    with EmulatorServer(Emulator(clock=ManualClock())) as server:
        yield server


@pytest.fixture(params=["asgi", "loopback"])
async def env(request: pytest.FixtureRequest, loopback_server: EmulatorServer) -> AsyncIterator[Env]:
    if request.param == "asgi":
        emulator = Emulator(clock=ManualClock())
        async with emulator_client(emulator, retry_policy=FAST) as client:
            yield Env(client, emulator, emulator.clock)  # type: ignore[arg-type]
    else:
        emulator = loopback_server.emulator
        emulator.reset()
        async with loopback_server.client(retry_policy=FAST) as client:
            yield Env(client, emulator, emulator.clock)  # type: ignore[arg-type]
