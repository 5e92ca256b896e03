from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from batchjobs import BatchServiceClient, RetryPolicy
from batchjobs.emulator import Emulator, ManualClock
from batchjobs.testing import emulator_client
from tests.waiters.support import FakeTime


@pytest.fixture
def emulator() -> Emulator:
    """Transitions settle after one read of the in-between state, on a clock that only tests move."""
    return Emulator(clock=ManualClock(), policy="reads:1")


@pytest.fixture
def time(emulator: Emulator) -> FakeTime:
    assert isinstance(emulator.clock, ManualClock)
    return FakeTime(emulator.clock)


@pytest.fixture
async def client(emulator: Emulator) -> AsyncIterator[BatchServiceClient]:
    async with emulator_client(emulator, retry_policy=RetryPolicy.immediate(max_attempts=3)) as client:
        yield client
