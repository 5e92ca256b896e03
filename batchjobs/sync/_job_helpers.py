"""GENERATED from batchjobs/operations/_job_helpers.py by scripts/generate.py; do not edit.

Blocking ``JobHelpers``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Literal, Unpack, overload

from .._bulk import BulkResult
from .._config import OperationConfig
from ..models import DisableJobOption, JobAddParameter, JobState, TaskCountsResult

if TYPE_CHECKING:
    from ..operations import JobOperations as AsyncJobOperations
    from ._bridge import Bridge

__all__ = ["JobHelpers"]


class JobHelpers:
    """Blocking twin of the async helpers: each call runs on the client's loop thread."""

    _bridge: Bridge
    _core: AsyncJobOperations

    @overload
    def wait_for_state(
        self,
        job_id: str,
        *states: JobState | str,
        gone: Literal[False] = False,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> JobState | str: ...

    @overload
    def wait_for_state(
        self,
        job_id: str,
        *states: JobState | str,
        gone: bool,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> JobState | str | None: ...

    def wait_for_state(
        self,
        job_id: str,
        *states: JobState | str,
        gone: bool = False,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,
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
            sleep: An async function that waits, run on the client's loop thread
                (default ``anyio.sleep``); tests inject one.
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
        return self._bridge.call(
            self._core.wait_for_state,
            job_id,
            *states,
            gone=gone,
            min_interval=min_interval,
            max_interval=max_interval,
            timeout=timeout,
            sleep=sleep,
            clock=clock,
            **operation_config,
        )

    def wait_for_tasks_complete(
        self,
        job_id: str,
        *,
        on_poll: Callable[[TaskCountsResult], object] | None = None,
        progress: bool | None = None,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,
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
                show progress); a function, or an async function. It runs on the client's
                event-loop thread, so keep it quick.
            progress: Show the counts (active, running, completed, failed), the rate of completions
                and an estimate of the time left while waiting, updated in place: in Jupyter as
                an output of the cell, on a terminal as a tqdm bar (``batchjobs[progress]``) or
                else one status line. ``None`` (the default) shows it only in Jupyter or when
                stdout is a terminal; ``True`` also elsewhere, as one line per change of the
                counts; ``False`` never.
            min_interval: The shortest wait between polls, in seconds.
            max_interval: The longest wait between polls, in seconds.
            timeout: Give up after this many seconds, measured on ``clock``; ``None`` waits forever.
            sleep: An async function that waits, run on the client's loop thread
                (default ``anyio.sleep``); tests inject one.
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
        return self._bridge.call(
            self._core.wait_for_tasks_complete,
            job_id,
            on_poll=on_poll,
            progress=progress,
            min_interval=min_interval,
            max_interval=max_interval,
            timeout=timeout,
            sleep=sleep,
            clock=clock,
            confirm=confirm,
            **operation_config,
        )

    def add_many(
        self,
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
        return self._bridge.call(
            self._core.add_many, jobs, max_concurrency=max_concurrency, **operation_config
        )

    def delete_many(
        self,
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
        return self._bridge.call(
            self._core.delete_many, job_ids, max_concurrency=max_concurrency, **operation_config
        )

    def disable_many(
        self,
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
        return self._bridge.call(
            self._core.disable_many,
            job_ids,
            disable_tasks,
            max_concurrency=max_concurrency,
            **operation_config,
        )

    def enable_many(
        self,
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
        return self._bridge.call(
            self._core.enable_many, job_ids, max_concurrency=max_concurrency, **operation_config
        )

    def terminate_many(
        self,
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
        return self._bridge.call(
            self._core.terminate_many,
            job_ids,
            terminate_reason,
            max_concurrency=max_concurrency,
            **operation_config,
        )
