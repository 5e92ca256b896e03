"""Waiting for a job: for its state (cheap conditional polls) or for its tasks (task counts, O(1) a poll).

Errors of a poll propagate (after the call's retry policy): a waiter never swallows them. It holds
no resources between polls, so cancelling it at any point is safe.
"""

from __future__ import annotations

import inspect
import random
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Literal, Protocol, Unpack

import anyio
import attrs

from ._config import OperationConfig
from ._response import RawResponse
from .errors import NotFoundError, NotModifiedError, WaitTimeoutError
from .models import JobGetOptions, JobState, TaskGetOptions, TaskState

if TYPE_CHECKING:  # the job models are not loaded for a program that only waits on tasks
    from .models import CloudJob, CloudTask, TaskCountsResult

__all__ = [
    "JobReader",
    "Poller",
    "TaskReader",
    "check_states",
    "check_task_states",
    "wait_for_state",
    "wait_for_task_state",
    "wait_for_tasks_complete",
]


class JobReader(Protocol):
    """What the waiters call: the two reads of ``client.job``."""

    async def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudJob]: ...

    async def get_task_counts(
        self, job_id: str, **operation_config: Unpack[OperationConfig]
    ) -> TaskCountsResult: ...


Sleep = Callable[[float], Awaitable[object]]
Clock = Callable[[], float]

#: States the service leaves on its own. It does so without a new ETag, so an If-None-Match poll
#: would answer 304 although the state changed: poll these unconditionally.
_TRANSITIONAL = frozenset({"disabling", "enabling", "terminating", "deleting"})
#: After this many 304s in a row, poll once without If-None-Match, because an automatic termination
#: (all tasks complete, maxWallClockTime reached) also changes the state but not the ETag.
REVALIDATE_AFTER = 3


@attrs.define
class Poller:
    """When to poll next: exponential backoff with jitter between two intervals, until a deadline.

    The n-th wait (from 0) is drawn uniformly between ``min_interval`` and
    ``min(max_interval, min_interval * 2**n)``; the last one is cut short at the deadline, so the
    final poll happens when the timeout expires. Time is read from ``clock`` and spent in ``sleep``:
    tests inject both to run without real waiting.
    """

    min_interval: float
    max_interval: float
    timeout: float | None
    sleep: Sleep
    clock: Clock
    polls: int = 0
    _deadline: float | None = None
    _step: int = 0

    @classmethod
    def create(
        cls,
        *,
        min_interval: float,
        max_interval: float,
        timeout: float | None,
        sleep: Sleep | None,
        clock: Clock | None,
    ) -> Poller:
        """Check the waiter's arguments (before any I/O) and build its poller."""
        for name, value in (("min_interval", min_interval), ("max_interval", max_interval)):
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:  # NaN too
                raise ValueError(f"{name} must be a number of seconds >= 0, got {value!r}")
        if max_interval < min_interval:
            raise ValueError(f"max_interval ({max_interval}) must not be below min_interval ({min_interval})")
        if timeout is not None and (
            isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0
        ):
            raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")
        for name, function in (("sleep", sleep), ("clock", clock)):
            if function is not None and not callable(function):
                raise TypeError(f"{name} must be callable, got {type(function).__name__}")
        return cls(
            float(min_interval),
            float(max_interval),
            None if timeout is None else float(timeout),
            sleep if sleep is not None else anyio.sleep,
            clock if clock is not None else anyio.current_time,
        )

    def start(self) -> None:
        self._deadline = None if self.timeout is None else self.clock() + self.timeout

    def reset(self) -> None:
        """Back to short waits: the job just moved, so the next change may follow soon."""
        self._step = 0

    async def pause(self) -> bool:
        """Wait until the next poll; False, without waiting, once the deadline has passed."""
        now = self.clock()
        if self._deadline is not None and now >= self._deadline:
            return False
        ceiling = min(self.max_interval, self.min_interval * 2**self._step)
        if ceiling < self.max_interval:
            self._step += 1
        delay = random.uniform(self.min_interval, ceiling)
        if self._deadline is not None:
            delay = min(delay, self._deadline - now)
        await self.sleep(delay)
        return True


_KNOWN_STATES = frozenset(state.value for state in JobState)


def check_states(states: Iterable[object], gone: bool) -> frozenset[str]:
    """The awaited job states as wire values, refused before any I/O as ``_wanted`` says."""
    not_a_state = {"gone": "'gone' is not a job state: pass gone=True to wait for the job to disappear"}
    wanted = _wanted(states, "job", _KNOWN_STATES, not_a_state)
    if not wanted and not gone:
        raise ValueError("give at least one state to wait for, or gone=True")
    return wanted


def _wanted(
    states: Iterable[object], kind: str, known: frozenset[str], not_a_state: Mapping[str, str] | None = None
) -> frozenset[str]:
    """The awaited states as wire values. A misspelt state would never match and the wait would last
    until its timeout, so anything but a known state is refused."""
    wanted = set()
    for state in states:
        if not isinstance(state, str):
            raise TypeError(
                f"states must be {kind.capitalize()}State members or str, got {type(state).__name__}"
            )
        value = str(state).lower()
        if not_a_state and value in not_a_state:
            raise ValueError(not_a_state[value])
        if value not in known:
            raise ValueError(f"{state!r} is not a {kind} state; use one of {sorted(known)}")
        wanted.add(value)
    return frozenset(wanted)


async def wait_for_state(
    jobs: JobReader,
    job_id: str,
    wanted: frozenset[str],
    *,
    gone: bool,
    poller: Poller,
    config: OperationConfig,
) -> JobState | str | None:
    """Poll ``$select=id,state`` until the state is one of ``wanted`` (or the job is gone, if asked)."""
    etag: str | None = None
    last_state: JobState | str | None = None
    unchanged = 0
    poller.start()
    while True:
        conditional = etag is not None and last_state not in _TRANSITIONAL and unchanged < REVALIDATE_AFTER
        options = JobGetOptions(select="id,state", if_none_match=etag if conditional else None)
        poller.polls += 1
        try:
            result = await jobs.get(job_id, options, raw=True, **config)
        except NotModifiedError:
            unchanged += 1
        except NotFoundError as exc:
            if gone and exc.code == "JobNotFound":
                return None
            raise
        else:
            unchanged = 0
            etag = result.etag
            state = result.output.state
            if state != last_state:
                poller.reset()
            last_state = state
            if state is not None and str(state).lower() in wanted:
                return state
        if not await poller.pause():
            targets = sorted(wanted) + (["gone"] if gone else [])
            raise WaitTimeoutError(
                f"job {job_id!r} did not reach {' or '.join(targets)} within {poller.timeout:g}s "
                f"({poller.polls} polls); last state seen: {last_state}",
                last_state=last_state,
                attempts=poller.polls,
            )


async def wait_for_tasks_complete(
    jobs: JobReader,
    job_id: str,
    *,
    on_poll: Callable[[TaskCountsResult], object] | None,
    poller: Poller,
    config: OperationConfig,
    confirm: Callable[[], Awaitable[bool]] | None = None,
) -> TaskCountsResult:
    """Poll the task counts until no task is active or running; call ``on_poll`` with every result.

    The service's counts lag behind the tasks (by minutes, at times), so counts that say "done"
    are checked with ``confirm`` (one small filtered listing) before they are believed.
    """
    poller.start()
    while True:
        poller.polls += 1
        counts = await jobs.get_task_counts(job_id, **config)
        if on_poll is not None:
            outcome = on_poll(counts)
            if inspect.isawaitable(outcome):
                await outcome
        tasks = counts.task_counts
        if tasks.active == 0 and tasks.running == 0 and (confirm is None or await confirm()):
            return counts
        # No reset on progress: a steadily progressing job would otherwise be polled at min_interval.
        if not await poller.pause():
            raise WaitTimeoutError(
                f"the tasks of job {job_id!r} did not complete within {poller.timeout:g}s "
                f"({poller.polls} polls); last counts: active={tasks.active}, running={tasks.running}, "
                f"completed={tasks.completed}",
                last_state=counts,
                attempts=poller.polls,
            )


class TaskReader(Protocol):
    """What the task waiter calls: one read of ``client.task``."""

    async def get(
        self,
        job_id: str,
        task_id: str,
        task_get_options: TaskGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> CloudTask: ...


_TASK_STATES = frozenset(state.value for state in TaskState)


def check_task_states(states: Iterable[object]) -> frozenset[str]:
    """The awaited task states as wire values, refused before any I/O as ``_wanted`` says."""
    wanted = _wanted(states, "task", _TASK_STATES)
    if not wanted:
        raise ValueError("give at least one task state to wait for")
    return wanted


async def wait_for_task_state(
    tasks: TaskReader,
    job_id: str,
    task_id: str,
    wanted: frozenset[str],
    *,
    poller: Poller,
    config: OperationConfig,
) -> TaskState | str:
    """Poll ``$select=id,state`` until the task's state is one of ``wanted``.

    Unconditional polls: a task's ETag does not change with its state, so If-None-Match cannot
    tell that nothing happened.
    """
    options = TaskGetOptions(select="id,state")
    last_state: TaskState | str | None = None
    poller.start()
    while True:
        poller.polls += 1
        task = await tasks.get(job_id, task_id, options, **config)
        state = task.state
        if state != last_state:
            poller.reset()
        last_state = state
        if state is not None and str(state).lower() in wanted:
            return state
        if not await poller.pause():
            raise WaitTimeoutError(
                f"task {task_id!r} of job {job_id!r} did not reach {' or '.join(sorted(wanted))} within "
                f"{poller.timeout:g}s ({poller.polls} polls); last state seen: {last_state}",
                last_state=last_state,
                attempts=poller.polls,
            )
