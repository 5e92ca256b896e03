"""GENERATED from batchjobs/operations/_task_helpers.py by scripts/generate.py; do not edit.

Blocking ``TaskHelpers``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Unpack

from .._config import OperationConfig
from ..models import (
    CloudTask,
    TaskAddCollectionOptions,
    TaskAddCollectionResult,
    TaskAddParameter,
    TaskState,
)

if TYPE_CHECKING:
    from ..operations import TaskOperations as AsyncTaskOperations
    from ._bridge import Bridge

__all__ = ["TaskHelpers"]


class TaskHelpers:
    """Blocking twin of the async helpers: each call runs on the client's loop thread."""

    _bridge: Bridge
    _core: AsyncTaskOperations

    def add_collection(
        self,
        job_id: str,
        value: Iterable[TaskAddParameter],
        task_add_collection_options: TaskAddCollectionOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        threads: int = 0,
        **operation_config: Unpack[OperationConfig],
    ) -> TaskAddCollectionResult:
        """Add any number of tasks to a job, in requests of at most 100 tasks and under 1 MB.

        At most ``threads`` requests are in flight at once (at least one). A request refused as
        too large (413 ``RequestBodyTooLarge``) is split in halves. Throttled requests are retried
        per the retry policy; so are requests that failed in a way that leaves their effect unknown
        (a 5xx, a dropped connection), and tasks whose result is ``serverError``: each task is
        sent at most ``retry_policy.max_attempts`` times. A task retried after such an unknown
        outcome that then meets ``TaskExists`` was probably added by this call: its result keeps
        the ``TaskExists`` error and carries the detail ``MayHaveBeenAddedByThisCall: true``.

        Args:
            job_id: The id of the job.
            value: The tasks to add; their ids must be unique.
            task_add_collection_options: Request options (``TaskAddCollectionOptions``), for every request.
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Not available: the call makes several requests, and the result holds every task's
                outcome.
            threads: The most requests in flight at once (0 or 1: one at a time).
            operation_config: ``request_timeout`` (per request) and ``retry_policy``.

        Returns:
            One ``TaskAddResult`` per task, in the order of ``value`` (the service answers in its
            own order). A task the service refused has ``status`` ``clientError`` (or, after the
            retries, ``serverError``) and an ``error``.

        Raises:
            ValueError: a task id is invalid or used twice, or another check failed (nothing was sent).
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobCompleted``, ``JobNotActive``: the job takes no more tasks.
            BatchErrorException, BatchConnectionError: a request failed after its retries; tasks
                of other requests may have been added.
        """
        return self._bridge.call(
            self._core.add_collection,
            job_id,
            value,
            task_add_collection_options,
            custom_headers,
            raw,
            threads,
            **operation_config,
        )

    def wait_for_state(
        self,
        job_id: str,
        task_id: str,
        *states: TaskState | str,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> TaskState | str:
        """Wait until a task is in one of ``states`` (e.g. ``"completed"``), polling ``$select=id,state``.

        Polls are unconditional: a task's ETag does not change with its state. Waits between
        polls back off exponentially with jitter from ``min_interval`` to ``max_interval``, and
        start short again when the state changes.

        Args:
            job_id: The id of the job.
            task_id: The task to watch.
            states: The states to wait for (``TaskState`` members or their wire strings).
            min_interval: The shortest wait between polls, in seconds.
            max_interval: The longest wait between polls, in seconds.
            timeout: Give up after this many seconds, measured on ``clock``; ``None`` waits forever.
            sleep: An async function that waits, run on the client's loop thread
                (default ``anyio.sleep``); tests inject one.
            clock: The monotonic clock, in seconds, for ``timeout`` (default ``anyio.current_time``).
            operation_config: ``request_timeout`` and ``retry_policy`` for each poll.

        Returns:
            The state reached.

        Raises:
            WaitTimeoutError: ``timeout`` passed first; ``.last_state`` is the last state seen.
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            ValueError: no state, an unknown state, or a bad interval or timeout (nothing was sent).
        """
        return self._bridge.call(
            self._core.wait_for_state,
            job_id,
            task_id,
            *states,
            min_interval=min_interval,
            max_interval=max_interval,
            timeout=timeout,
            sleep=sleep,
            clock=clock,
            **operation_config,
        )

    def list_failed(self, job_id: str, **operation_config: Unpack[OperationConfig]) -> Iterator[CloudTask]:
        """List the tasks of a job that failed, with why: one filtered listing, not every task.

        Iterate with ``for``. Each task has only ``id`` and
        ``execution_info`` (exit code, ``failure_info``, retry count) set.

        Args:
            job_id: The id of the job.
            operation_config: ``request_timeout`` and ``retry_policy`` for each page.

        Yields:
            The failed tasks (``execution_info.result`` is ``failure``).

        Raises:
            NotFoundError: ``JobNotFound``.
        """
        return self._bridge.iterate(self._core.list_failed, job_id, **operation_config)
