"""Virtual time for waiter tests: a clock that moves only when the waiter sleeps, and the emulator's with it."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from batchjobs import models
from batchjobs.emulator import Emulator, ManualClock

Action = Callable[[], object]


class FakeTime:
    """``sleep`` and ``clock`` for a waiter: sleeping moves the clock (and the emulator's ManualClock)
    at once, and may run an action at a given sleep, as another actor changing the job meanwhile."""

    def __init__(self, emulator_clock: ManualClock | None = None) -> None:
        self.now = 0.0
        self.delays: list[float] = []
        self._emulator_clock = emulator_clock
        self._actions: dict[int, Action] = {}

    def clock(self) -> float:
        return self.now

    def at_sleep(self, number: int, action: Action) -> None:
        """Run ``action`` (a function or coroutine function) during the ``number``-th sleep (from 1)."""
        self._actions[number] = action

    async def sleep(self, delay: float) -> None:
        self.delays.append(delay)
        self.now += delay
        if self._emulator_clock is not None:
            self._emulator_clock.advance(delay)
        action = self._actions.pop(len(self.delays), None)
        if action is not None:
            outcome = action()
            if inspect.isawaitable(outcome):
                await outcome


def job(job_id: str = "job-1", **fields: object) -> models.JobAddParameter:
    return models.JobAddParameter(id=job_id, pool_info=models.PoolInformation(pool_id="pool-1"), **fields)  # type: ignore[arg-type]


def gets(emulator: Emulator) -> list[dict[str, Any]]:
    """The journal's ``get`` requests."""
    return [entry for entry in emulator.requests() if entry["operation"] == "job.get"]


def statuses(emulator: Emulator, operation: str = "job.get") -> list[object]:
    return [entry["status"] for entry in emulator.requests() if entry["operation"] == operation]


def counts(active: int, running: int, succeeded: int, failed: int = 0) -> dict[str, int]:
    """Task counts in wire form, the completed ones split into succeeded and failed."""
    return {
        "active": active,
        "running": running,
        "completed": succeeded + failed,
        "succeeded": succeeded,
        "failed": failed,
    }
