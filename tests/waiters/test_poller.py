"""The waiters' schedule: backoff bounds, the deadline, argument checks."""

from __future__ import annotations

import pytest

from batchjobs._waiters import Poller
from tests.waiters.support import FakeTime


def make(time: FakeTime, **overrides: float | None) -> Poller:
    settings: dict[str, float | None] = {"min_interval": 1.0, "max_interval": 30.0, "timeout": None}
    settings.update(overrides)
    return Poller.create(**settings, sleep=time.sleep, clock=time.clock)  # type: ignore[arg-type]


async def test_waits_double_up_to_the_maximum_with_jitter_below_each_ceiling() -> None:
    time = FakeTime()
    poller = make(time, min_interval=0.5, max_interval=6)
    poller.start()
    for _ in range(200):
        assert await poller.pause()
    ceilings = [0.5, 1, 2, 4] + [6] * 196
    for delay, ceiling in zip(time.delays, ceilings, strict=True):
        assert 0.5 <= delay <= ceiling
    assert max(time.delays[4:]) > 4  # the jitter spreads over the whole range


async def test_reset_starts_again_from_the_minimum() -> None:
    time = FakeTime()
    poller = make(time, min_interval=1, max_interval=1000)
    poller.start()
    for _ in range(8):
        await poller.pause()
    poller.reset()
    await poller.pause()
    assert time.delays[-1] == 1


async def test_the_last_wait_ends_at_the_deadline_and_then_no_more() -> None:
    time = FakeTime()
    poller = make(time, min_interval=3, max_interval=3, timeout=10)
    poller.start()
    while await poller.pause():
        pass
    assert time.delays == [3, 3, 3, 1]
    assert time.now == 10


async def test_equal_intervals_give_a_fixed_period() -> None:
    time = FakeTime()
    poller = make(time, min_interval=5, max_interval=5)
    poller.start()
    for _ in range(3):
        await poller.pause()
    assert time.delays == [5, 5, 5]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"min_interval": -1}, "min_interval"),
        ({"max_interval": float("nan")}, "max_interval"),
        ({"min_interval": 2, "max_interval": 1}, "max_interval"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": True}, "timeout"),
    ],
)
def test_bad_settings_are_refused(overrides: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make(FakeTime(), **overrides)


def test_sleep_and_clock_must_be_callable() -> None:
    with pytest.raises(TypeError, match="sleep"):
        Poller.create(min_interval=1, max_interval=1, timeout=None, sleep=3, clock=None)  # type: ignore[arg-type]
