"""GENERATED from batchjobs/operations/_task_helpers.py by scripts/generate.py; do not edit.

Blocking ``TaskHelpers``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Unpack

from .._config import OperationConfig
from ..models import (
    TaskAddCollectionOptions,
    TaskAddCollectionResult,
    TaskAddParameter,
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
