"""Hand-written job helpers: waiting for a job's state or tasks, and bulk calls over many jobs.

``JobHelpers`` is a base class of the generated ``JobOperations``: its methods use the generated
operations (``get``, ``add``, ...) through ``self``, typed by the ``JobCalls`` protocol.
"""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Iterable
from contextlib import aclosing
from typing import Literal, Protocol, TypeVar, Unpack, overload

from .. import _bulk, _instrument, _progress, _waiters
from .._api import by_id
from .._bulk import BulkResult
from .._config import OperationConfig, check_operation_config
from ..models import (
    DisableJobOption,
    JobAddParameter,
    JobState,
    TaskCountsResult,
    TaskListOptions,
)
from ..operations._checks import CHECKS
from ..operations._group import Executor

__all__ = ["JobCalls", "JobHelpers"]

T = TypeVar("T")


class JobCalls(_waiters.JobReader, Executor, Protocol):
    """The generated job operations the helpers call, and the executor that runs any record."""

    async def add(self, job: JobAddParameter, **operation_config: Unpack[OperationConfig]) -> None: ...
    async def delete(self, job_id: str, **operation_config: Unpack[OperationConfig]) -> None: ...
    async def disable(
        self, job_id: str, disable_tasks: DisableJobOption | str, **operation_config: Unpack[OperationConfig]
    ) -> None: ...
    async def enable(self, job_id: str, **operation_config: Unpack[OperationConfig]) -> None: ...
    async def terminate(
        self, job_id: str, terminate_reason: str | None = None, **operation_config: Unpack[OperationConfig]
    ) -> None: ...


class JobHelpers:
    """Waiters and bulk calls of ``client.job``."""

    @overload
    async def wait_for_state(
        self: JobCalls,
        job_id: str,
        *states: JobState | str,
        gone: Literal[False] = False,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,  # noqa: ASYNC109 - a polling budget on `clock`, not a cancel scope
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> JobState | str: ...
    @overload
    async def wait_for_state(
        self: JobCalls,
        job_id: str,
        *states: JobState | str,
        gone: bool,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,  # noqa: ASYNC109 - a polling budget on `clock`, not a cancel scope
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> JobState | str | None: ...
    async def wait_for_state(
        self: JobCalls,
        job_id: str,
        *states: JobState | str,
        gone: bool = False,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,  # noqa: ASYNC109 - a polling budget on `clock`, not a cancel scope
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> JobState | str | None:
        """Wait until a job is in one of ``states``, or (``gone=True``) until it no longer exists.

        For example ``wait_for_state(job_id, "disabled")`` after ``disable``, ``"completed"`` after
        ``terminate``, ``gone=True`` after ``delete``. Each poll reads only ``$select=id,state``. Polls
        from a stable state send ``If-None-Match`` with the last ETag, and a 304 counts as
        "unchanged"; polls from a transitional state (disabling, enabling, terminating, deleting), and
        one poll after every three 304s, are unconditional, because the service finishes transitions
        and automatic terminations without a new ETag. Waits between polls back off exponentially with
        jitter from ``min_interval`` to ``max_interval``, and start short again when the state changes.

        Args:
            job_id: The job to watch.
            states: The states to wait for (``JobState`` members or their wire strings).
            gone: Also stop, returning ``None``, when the job does not exist (404 ``JobNotFound``);
                without it a 404 raises ``NotFoundError``.
            min_interval: The shortest wait between polls, in seconds.
            max_interval: The longest wait between polls, in seconds.
            timeout: Give up after this many seconds, measured on ``clock``; ``None`` waits forever. A
                final poll happens when it expires. A poll in flight is bounded by ``request_timeout``.
            sleep: The coroutine function that waits (default ``anyio.sleep``); tests inject one.
            clock: The monotonic clock, in seconds, for ``timeout`` (default ``anyio.current_time``).
            operation_config: ``request_timeout`` and ``retry_policy`` for each poll.

        Returns:
            The state reached, or ``None`` when ``gone=True`` and the job no longer exists.

        Raises:
            WaitTimeoutError: ``timeout`` passed first; ``.last_state`` is the last state seen.
            NotFoundError: ``JobNotFound`` without ``gone=True``.
            BatchErrorException, BatchConnectionError: a poll failed after its retries.
            ValueError: no state and not ``gone``, an unknown state, or a bad interval or timeout
                (nothing was sent).
        """
        wanted = _waiters.check_states(states, gone)
        check_operation_config(operation_config)
        poller = _waiters.Poller.create(
            min_interval=min_interval, max_interval=max_interval, timeout=timeout, sleep=sleep, clock=clock
        )
        attributes = {"batch.job.id": job_id, "batch.wait.states": sorted(wanted), "batch.wait.gone": gone}
        with _instrument.operation("JobOperations.wait_for_state", attributes) as record:
            state = await _waiters.wait_for_state(
                self, job_id, wanted, gone=gone, poller=poller, config=operation_config
            )
            record("batch.wait.polls", poller.polls)
            return state

    async def wait_for_tasks_complete(
        self: JobCalls,
        job_id: str,
        *,
        on_poll: Callable[[TaskCountsResult], object] | None = None,
        progress: bool | None = None,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,  # noqa: ASYNC109 - a polling budget on `clock`, not a cancel scope
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        confirm: bool = True,
        **operation_config: Unpack[OperationConfig],
    ) -> TaskCountsResult:
        """Wait until no task of a job is active or running, polling ``get_task_counts``.

        One small request per poll, however many tasks the job has. A job without tasks counts as
        complete. The service's counts lag behind its tasks (by minutes, at times), so counts that
        say "done" are confirmed by listing at most one unfinished task (``$filter=state ne
        'completed'``, ``$select=id``) before the wait ends. Waits between polls back off
        exponentially with jitter from ``min_interval`` to ``max_interval``.

        Args:
            job_id: The job whose tasks to watch.
            on_poll: Called with every poll's ``TaskCountsResult``, the last one included (e.g. to
                show progress); a function or a coroutine function. It runs on the client's event
                loop, so keep it quick.
            progress: Show the counts (active, running, completed, failed), the rate of completions
                and an estimate of the time left while waiting, updated in place: in Jupyter as
                an output of the cell, on a terminal as a tqdm bar (``batchjobs[progress]``) or
                else one status line. ``None`` (the default) shows it only in Jupyter or when
                stdout is a terminal; ``True`` also elsewhere, as one line per change of the
                counts; ``False`` never.
            min_interval: The shortest wait between polls, in seconds.
            max_interval: The longest wait between polls, in seconds.
            timeout: Give up after this many seconds, measured on ``clock``; ``None`` waits forever.
            sleep: The coroutine function that waits (default ``anyio.sleep``); tests inject one.
            clock: The monotonic clock, in seconds, for ``timeout`` (default ``anyio.current_time``).
            confirm: Check counts that say "done" with the listing (``False``: trust the counts).
            operation_config: ``request_timeout`` and ``retry_policy`` for each poll.

        Returns:
            The final counts.

        Raises:
            WaitTimeoutError: ``timeout`` passed first; ``.last_state`` is the last ``TaskCountsResult``.
            NotFoundError: ``JobNotFound``.
            BatchErrorException, BatchConnectionError: a poll failed after its retries.
        """
        if on_poll is not None and not callable(on_poll):
            raise TypeError(f"on_poll must be callable, got {type(on_poll).__name__}")
        check_operation_config(operation_config)
        poller = _waiters.Poller.create(
            min_interval=min_interval, max_interval=max_interval, timeout=timeout, sleep=sleep, clock=clock
        )
        with (
            _instrument.operation(
                "JobOperations.wait_for_tasks_complete", {"batch.job.id": job_id}
            ) as record,
            _progress.watching(progress, job_id, poller.clock, on_poll) as callback,
        ):
            check = _no_unfinished_task(self, job_id, operation_config) if confirm else None
            counts = await _waiters.wait_for_tasks_complete(
                self, job_id, on_poll=callback, poller=poller, config=operation_config, confirm=check
            )
            record("batch.wait.polls", poller.polls)
            return counts

    async def add_many(
        self: JobCalls,
        jobs: Iterable[JobAddParameter],
        *,
        max_concurrency: int = 16,
        **operation_config: Unpack[OperationConfig],
    ) -> builtins.list[BulkResult[JobAddParameter]]:
        """Create many jobs, at most ``max_concurrency`` at a time.

        Every job gets its own ``add`` call with its own retries (throttling included) per the
        retry policy. One failing job does not stop the others. Cancelling the call cancels the
        calls in flight and starts no more.

        Args:
            jobs: The jobs to create.
            max_concurrency: The most calls in flight at once.
            operation_config: ``request_timeout`` and ``retry_policy`` for each call.

        Returns:
            One ``BulkResult`` per job, in input order: ``.ok``, or ``.error`` with the exception
            ``add`` raised for it (e.g. ``ValueError`` for an invalid id, ``ConflictError`` for
            ``JobExists``).
        """
        items = _bulk.collect(jobs, "jobs")

        def call(job: JobAddParameter) -> Awaitable[None]:
            return self.add(job, **operation_config)

        return await _run_bulk("JobOperations.add_many", call, items, max_concurrency, operation_config)

    async def delete_many(
        self: JobCalls,
        job_ids: Iterable[str],
        *,
        max_concurrency: int = 16,
        **operation_config: Unpack[OperationConfig],
    ) -> builtins.list[BulkResult[str]]:
        """Delete many jobs, at most ``max_concurrency`` at a time.

        Each job enters ``deleting``; ``wait_for_state(job_id, gone=True)`` waits for it to go.
        Failures and cancellation behave as in ``add_many``.

        Args:
            job_ids: The jobs to delete.
            max_concurrency: The most calls in flight at once.
            operation_config: ``request_timeout`` and ``retry_policy`` for each call.

        Returns:
            One ``BulkResult`` per job id, in input order.
        """
        items = _bulk.collect(job_ids, "job_ids")

        def call(job_id: str) -> Awaitable[None]:
            return self.delete(job_id, **operation_config)

        return await _run_bulk("JobOperations.delete_many", call, items, max_concurrency, operation_config)

    async def disable_many(
        self: JobCalls,
        job_ids: Iterable[str],
        disable_tasks: DisableJobOption | str,
        *,
        max_concurrency: int = 16,
        **operation_config: Unpack[OperationConfig],
    ) -> builtins.list[BulkResult[str]]:
        """Disable many jobs, at most ``max_concurrency`` at a time.

        Failures and cancellation behave as in ``add_many``.

        Args:
            job_ids: The jobs to disable.
            disable_tasks: What happens to their running tasks: requeue, terminate or wait.
            max_concurrency: The most calls in flight at once.
            operation_config: ``request_timeout`` and ``retry_policy`` for each call.

        Returns:
            One ``BulkResult`` per job id, in input order.
        """
        items = _bulk.collect(job_ids, "job_ids")
        CHECKS["disable_tasks"](disable_tasks)  # the record's own check, once instead of per job

        def call(job_id: str) -> Awaitable[None]:
            return self.disable(job_id, disable_tasks, **operation_config)

        return await _run_bulk("JobOperations.disable_many", call, items, max_concurrency, operation_config)

    async def enable_many(
        self: JobCalls,
        job_ids: Iterable[str],
        *,
        max_concurrency: int = 16,
        **operation_config: Unpack[OperationConfig],
    ) -> builtins.list[BulkResult[str]]:
        """Enable many disabled jobs, at most ``max_concurrency`` at a time.

        Failures and cancellation behave as in ``add_many``.

        Args:
            job_ids: The jobs to enable.
            max_concurrency: The most calls in flight at once.
            operation_config: ``request_timeout`` and ``retry_policy`` for each call.

        Returns:
            One ``BulkResult`` per job id, in input order.
        """
        items = _bulk.collect(job_ids, "job_ids")

        def call(job_id: str) -> Awaitable[None]:
            return self.enable(job_id, **operation_config)

        return await _run_bulk("JobOperations.enable_many", call, items, max_concurrency, operation_config)

    async def terminate_many(
        self: JobCalls,
        job_ids: Iterable[str],
        terminate_reason: str | None = None,
        *,
        max_concurrency: int = 16,
        **operation_config: Unpack[OperationConfig],
    ) -> builtins.list[BulkResult[str]]:
        """Terminate many jobs, at most ``max_concurrency`` at a time.

        Failures and cancellation behave as in ``add_many``.

        Args:
            job_ids: The jobs to terminate.
            terminate_reason: Recorded in each job's ``execution_info.terminate_reason``.
            max_concurrency: The most calls in flight at once.
            operation_config: ``request_timeout`` and ``retry_policy`` for each call.

        Returns:
            One ``BulkResult`` per job id, in input order.
        """
        items = _bulk.collect(job_ids, "job_ids")

        def call(job_id: str) -> Awaitable[None]:
            return self.terminate(job_id, terminate_reason, **operation_config)

        return await _run_bulk("JobOperations.terminate_many", call, items, max_concurrency, operation_config)


async def _run_bulk(
    name: str,
    call: Callable[[T], Awaitable[None]],
    items: builtins.list[T],
    max_concurrency: int,
    config: OperationConfig,
) -> builtins.list[BulkResult[T]]:
    _bulk.check_concurrency(max_concurrency)
    check_operation_config(config)  # once, rather than as the same error for every item
    attributes = {"batch.bulk.items": len(items), "batch.bulk.max_concurrency": max_concurrency}
    with _instrument.operation(name, attributes) as record:
        results = await _bulk.run_bulk(call, items, max_concurrency)
        record("batch.bulk.failed", sum(not result.ok for result in results))
        return results


_TASK_LIST = by_id("task.list")


def _no_unfinished_task(
    jobs: JobCalls, job_id: str, config: OperationConfig
) -> Callable[[], Awaitable[bool]]:
    """Whether a listing of at most one task that is not completed comes back empty."""
    options = TaskListOptions(filter="state ne 'completed'", select="id", max_results=1)

    async def check() -> bool:
        listing = jobs._list(_TASK_LIST, options, None, True, None, config, {"job_id": job_id})
        async with aclosing(listing):
            page = await anext(listing)
        return not page.items

    return check
