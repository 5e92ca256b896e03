"""Clocks and the policy that decides when a transitional job state settles.

The real service moves a job from ``disabling`` to ``disabled`` (and ``enabling``, ``terminating``,
``deleting`` onwards) some time after the request. The emulator does it deterministically: at once,
after the job has been read N times in the in-between state, once an injectable clock has moved on
by some time, or only when released. Nothing runs in the background: a pending change is settled
when the job is next looked at.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

import attrs

__all__ = ["MAX_SECONDS", "Clock", "ManualClock", "TransitionPolicy", "check_seconds", "system_clock"]

#: A clock is any callable returning the current time as an aware UTC datetime.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The wall clock, in UTC."""
    return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to, for tests of time-based transitions.

    Thread-safe, so a test thread can advance the clock of an emulator served from another thread.
    """

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime(2023, 6, 1, 12, 0, 0, tzinfo=UTC)
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta | float) -> datetime:
        """Move the clock forward by a timedelta or a number of seconds; returns the new time."""
        seconds = delta.total_seconds() if isinstance(delta, timedelta) else delta
        if isinstance(seconds, int | float) and seconds < 0:
            raise ValueError("a clock does not go backwards")
        step = timedelta(seconds=check_seconds(seconds))
        with self._lock:
            self._now += step
            return self._now


Mode = Literal["instant", "reads", "clock", "held"]

#: The longest time anything in the emulator waits for: ten years (longer cannot be added to a date).
MAX_SECONDS = 10 * 365.25 * 86_400.0


def check_seconds(value: float, what: str = "seconds", maximum: float = MAX_SECONDS) -> float:
    """``value`` if it is a finite number of seconds from 0 to ``maximum``; else ``ValueError``
    (JSON's ``true`` is not 1 second, nor ``"soon"`` a time)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a number, not {value!r}")
    if not 0 <= value <= maximum:
        raise ValueError(f"{what} must be between 0 and {maximum:g}, not {value!r}")
    return float(value)


def _seconds(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    check_seconds(value, attribute.name)


@attrs.frozen(kw_only=True)
class TransitionPolicy:
    """When a transitional state (disabling, enabling, terminating, deleting) settles.

    Attributes:
        mode: ``instant`` (the request returns with the final state already reached), ``reads``
            (after ``reads`` reads that showed the in-between state), ``clock`` (once the clock is
            ``seconds`` past the request) or ``held`` (only when released through the control plane).
        reads: For ``reads``: how many reads see the in-between state first.
        seconds: For ``clock``: how long the in-between state lasts.
    """

    mode: Mode = "reads"
    reads: int = attrs.field(default=1, validator=[attrs.validators.ge(0), attrs.validators.le(1_000_000)])
    seconds: float = attrs.field(default=0.0, validator=_seconds)

    @classmethod
    def instant(cls) -> TransitionPolicy:
        return cls(mode="instant")

    @classmethod
    def after_reads(cls, reads: int = 1) -> TransitionPolicy:
        return cls(mode="reads", reads=reads)

    @classmethod
    def after(cls, seconds: float | timedelta) -> TransitionPolicy:
        value = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
        return cls(mode="clock", seconds=value)

    @classmethod
    def held(cls) -> TransitionPolicy:
        return cls(mode="held")

    @classmethod
    def parse(cls, text: str) -> TransitionPolicy:
        """Read the CLI/JSON spelling: ``instant``, ``reads``, ``reads:3``, ``clock:2.5``, ``held``."""
        name, _, arg = text.strip().lower().partition(":")
        try:
            if name == "instant" and not arg:
                return cls.instant()
            if name == "held" and not arg:
                return cls.held()
            if name == "reads":
                return cls.after_reads(int(arg) if arg else 1)
            if name in ("clock", "after"):
                return cls.after(float(arg))
        except ValueError:
            pass
        raise ValueError(f"not a transition policy: {text!r} (use instant, reads[:N], clock:SECONDS or held)")

    def to_text(self) -> str:
        """The spelling ``parse`` reads back."""
        if self.mode == "reads":
            return f"reads:{self.reads}"
        if self.mode == "clock":
            return f"clock:{self.seconds:g}"
        return self.mode
