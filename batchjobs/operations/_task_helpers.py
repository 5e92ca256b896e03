"""Hand-written task helpers: ``add_collection`` for any number of tasks, waiting for a task's
state, and listing the failed tasks of a job.

``TaskHelpers`` is a base class of the generated ``TaskOperations``; its methods send the records
of ``batchjobs._api.tasks`` through the executor of ``OperationGroup``.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Mapping
from typing import Any, Protocol, Unpack

import anyio
import attrs

from .. import _instrument, _waiters
from .._api import by_id
from .._config import AMBIGUOUS_STATUSES, OperationConfig, check_operation_config
from .._serialization import encode_json, unstructure
from ..errors import BatchConnectionError, BatchErrorException
from ..models import (
    BatchError,
    BatchErrorDetail,
    CloudTask,
    ErrorMessage,
    TaskAddCollectionOptions,
    TaskAddCollectionResult,
    TaskAddParameter,
    TaskAddResult,
    TaskAddStatus,
    TaskListOptions,
    TaskState,
)
from ..operations._checks import CHECKS
from ..operations._group import Executor

__all__ = ["MAX_BODY_BYTES", "MAX_TASKS_PER_REQUEST", "MAY_EXIST_DETAIL", "TaskHelpers"]

#: The service's limits for one add_collection request (spec/tasks-api.md §4.1; "less than 1 MB").
MAX_TASKS_PER_REQUEST = 100
MAX_BODY_BYTES = 1_000_000
#: The error detail that marks a ``TaskExists`` result as probably our own earlier, ambiguous attempt.
MAY_EXIST_DETAIL = "MayHaveBeenAddedByThisCall"

_ADD_COLLECTION = by_id("task.add_collection")
_TASK_LIST = by_id("task.list")


class _Executor(_waiters.TaskReader, Executor, Protocol):
    """The generated ``TaskOperations`` the helpers run in: a task reader and an executor."""


@attrs.define
class _Task:
    index: int
    parameter: TaskAddParameter
    wire: dict[str, Any]  # its JSON form, unstructured once
    ambiguous: bool = False  # a request that carried it may have been applied


class TaskHelpers:
    """``add_collection``, ``wait_for_state`` and ``list_failed`` of ``client.task``."""

    async def add_collection(
        self: _Executor,
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
        if raw:
            raise ValueError("raw=True is not available for add_collection: it may send many requests")
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 0:
            raise ValueError(f"threads must be a non-negative int, got {threads!r}")
        check_operation_config(operation_config)
        tasks = _collect(value)
        policy = operation_config.get("retry_policy", self._retry_policy)
        # Ambiguous failures come back to this loop, which knows which tasks they touched.
        config: OperationConfig = {
            **operation_config,
            "retry_policy": attrs.evolve(policy, retry_ambiguous_writes=False),
        }
        results: dict[int, TaskAddResult] = {}
        attributes = {"batch.job.id": job_id, "batch.bulk.items": len(tasks)}
        with _instrument.operation("TaskOperations.add_collection", attributes) as record:
            pending = tasks
            limiter = anyio.CapacityLimiter(max(threads, 1))
            for attempt in range(1, policy.max_attempts + 1):
                again: list[_Task] = []
                request = _Request(
                    self, job_id, task_add_collection_options, custom_headers, config, results, again,
                    last=attempt == policy.max_attempts,
                )  # fmt: skip
                async with anyio.create_task_group() as group:
                    for chunk, content in _requests(pending):
                        group.start_soon(_limited, limiter, request, chunk, content, group.cancel_scope)
                if request.failure is not None:  # the first error; the requests in flight were cancelled
                    raise request.failure
                if not again:
                    break
                pending = sorted(again, key=lambda task: task.index)
                await policy.sleep(policy.backoff(attempt))
            record("batch.bulk.failed", sum(not _succeeded(result) for result in results.values()))
        return TaskAddCollectionResult(value=[results[task.index] for task in tasks])

    async def wait_for_state(
        self: _Executor,
        job_id: str,
        task_id: str,
        *states: TaskState | str,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,  # noqa: ASYNC109 - a polling budget on `clock`, not a cancel scope
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
            sleep: The coroutine function that waits (default ``anyio.sleep``); tests inject one.
            clock: The monotonic clock, in seconds, for ``timeout`` (default ``anyio.current_time``).
            operation_config: ``request_timeout`` and ``retry_policy`` for each poll.

        Returns:
            The state reached.

        Raises:
            WaitTimeoutError: ``timeout`` passed first; ``.last_state`` is the last state seen.
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            ValueError: no state, an unknown state, or a bad interval or timeout (nothing was sent).
        """
        wanted = _waiters.check_task_states(states)
        check_operation_config(operation_config)
        poller = _waiters.Poller.create(
            min_interval=min_interval, max_interval=max_interval, timeout=timeout, sleep=sleep, clock=clock
        )
        attributes = {"batch.job.id": job_id, "batch.task.id": task_id, "batch.wait.states": sorted(wanted)}
        with _instrument.operation("TaskOperations.wait_for_state", attributes) as record:
            state = await _waiters.wait_for_task_state(
                self, job_id, task_id, wanted, poller=poller, config=operation_config
            )
            record("batch.wait.polls", poller.polls)
            return state

    def list_failed(
        self: _Executor, job_id: str, **operation_config: Unpack[OperationConfig]
    ) -> AsyncGenerator[CloudTask, None]:
        """List the tasks of a job that failed, with why: one filtered listing, not every task.

        Iterate with ``async for`` (call it without ``await``). Each task has only ``id`` and
        ``execution_info`` (exit code, ``failure_info``, retry count) set.

        Args:
            job_id: The id of the job.
            operation_config: ``request_timeout`` and ``retry_policy`` for each page.

        Yields:
            The failed tasks (``execution_info.result`` is ``failure``).

        Raises:
            NotFoundError: ``JobNotFound``.
        """
        options = TaskListOptions(filter="executionInfo/result eq 'failure'", select="id,executionInfo")
        return self._list(_TASK_LIST, options, None, False, None, operation_config, {"job_id": job_id})


def _collect(value: Iterable[TaskAddParameter]) -> builtins.list[_Task]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise TypeError(f"value must be an iterable of TaskAddParameter, got {type(value).__name__}")
    tasks = []
    seen: dict[str, int] = {}
    for index, parameter in enumerate(value):
        if not isinstance(parameter, TaskAddParameter):
            raise TypeError(f"value[{index}] must be a TaskAddParameter, got {type(parameter).__name__}")
        CHECKS["new_task"](parameter)
        key = parameter.id.casefold()  # the service compares task ids case-insensitively
        if key in seen:
            raise ValueError(
                f"task id {parameter.id!r} is used twice (value[{seen[key]}] and value[{index}])"
            )
        seen[key] = index
        tasks.append(_Task(index, parameter, unstructure(parameter)))
    return tasks


def _requests(tasks: builtins.list[_Task]) -> builtins.list[tuple[builtins.list[_Task], bytes]]:
    """Consecutive runs of at most 100 tasks whose request body stays under the size limit, with
    those bodies. Each run of 100 is encoded whole; only one over the limit is measured task by task."""
    requests = []
    for start in range(0, len(tasks), MAX_TASKS_PER_REQUEST):
        run = tasks[start : start + MAX_TASKS_PER_REQUEST]
        content = _content(run)
        if len(content) <= MAX_BODY_BYTES:
            requests.append((run, content))
        else:
            requests.extend((chunk, _content(chunk)) for chunk in _by_size(run))
    return requests


def _by_size(tasks: builtins.list[_Task]) -> builtins.list[builtins.list[_Task]]:
    """Tasks packed in order into bodies under the size limit (a task too large on its own goes alone)."""
    chunks: builtins.list[builtins.list[_Task]] = []
    current: builtins.list[_Task] = []
    size = _BODY_FRAME
    for task in tasks:
        grows = len(encode_json(task.wire)) + 1  # the comma
        if current and size + grows > MAX_BODY_BYTES:
            chunks.append(current)
            current, size = [], _BODY_FRAME
        current.append(task)
        size += grows
    if current:
        chunks.append(current)
    return chunks


def _content(chunk: builtins.list[_Task]) -> bytes:
    return encode_json({"value": [task.wire for task in chunk]})


_BODY_FRAME = len(_content([]))


async def _limited(
    limiter: anyio.CapacityLimiter,
    request: _Request,
    chunk: builtins.list[_Task],
    content: bytes,
    scope: anyio.CancelScope,
) -> None:
    async with limiter:
        try:
            request.again.extend(await request.send(chunk, content))
        except Exception as exc:  # no retry helps: stop the others, raise this one
            if request.failure is None:
                request.failure = exc
            scope.cancel()


@attrs.define
class _Request:
    """One round of add_collection requests: where they go and where their outcomes land."""

    group: _Executor
    job_id: str
    options: TaskAddCollectionOptions | None
    headers: Mapping[str, str] | None
    config: OperationConfig
    results: dict[int, TaskAddResult]
    again: builtins.list[_Task]
    last: bool
    failure: Exception | None = None

    async def send(self, chunk: builtins.list[_Task], content: bytes | None = None) -> builtins.list[_Task]:
        """Send one chunk (``content``: its body, if encoded already); record the final results;
        return the tasks to send again."""
        if content is None:
            content = _content(chunk)
        arguments = {"job_id": self.job_id, "value": [task.parameter for task in chunk]}
        try:
            answer: TaskAddCollectionResult = await self.group._call(
                _ADD_COLLECTION, self.options, self.headers, False, self.config, arguments, content=content
            )
        except BatchErrorException as exc:
            if exc.status_code == 413 and exc.code == "RequestBodyTooLarge":
                if len(chunk) == 1:
                    self.results[chunk[0].index] = _refused(chunk[0], exc)
                    return []
                half = len(chunk) // 2
                return [*await self.send(chunk[:half]), *await self.send(chunk[half:])]
            if exc.status_code not in AMBIGUOUS_STATUSES or self.last:
                raise
            return _unknown(chunk)
        except BatchConnectionError:
            if self.last:
                raise
            return _unknown(chunk)
        return _match(chunk, answer, self.last, self.results)


def _unknown(chunk: builtins.list[_Task]) -> builtins.list[_Task]:
    """A request failed after it may have been applied: send its tasks again, remembering that."""
    for task in chunk:
        task.ambiguous = True
    return chunk


def _match(
    chunk: builtins.list[_Task],
    answer: TaskAddCollectionResult,
    last: bool,
    results: dict[int, TaskAddResult],
) -> builtins.list[_Task]:
    """Pair the service's results (in its own order) with the chunk's tasks, by id."""
    by_task_id = {task.parameter.id.casefold(): task for task in chunk}
    again: builtins.list[_Task] = []
    for result in answer.value or ():
        task = by_task_id.pop((result.task_id or "").casefold(), None)
        if task is None:
            continue  # not ours, or a second result for the same task: the first one counts
        status = str(result.status or "").lower()
        if status == "servererror" and not last:
            task.ambiguous = True
            again.append(task)
        elif task.ambiguous and result.error is not None and result.error.code == "TaskExists":
            results[task.index] = _may_exist(result)
        else:
            results[task.index] = result
    for task in by_task_id.values():  # the service left it out: try again, or say so
        if last:
            results[task.index] = _missing(task)
        else:
            task.ambiguous = True
            again.append(task)
    return again


def _may_exist(result: TaskAddResult) -> TaskAddResult:
    error = result.error or BatchError(code="TaskExists")
    message = "The task exists; an earlier attempt of this add_collection may have added it."
    values = [*(error.values or ()), BatchErrorDetail(key=MAY_EXIST_DETAIL, value="true")]
    return attrs.evolve(
        result,
        error=attrs.evolve(error, message=ErrorMessage(lang="en-US", value=message), values=values),
    )


def _refused(task: _Task, exc: BatchErrorException) -> TaskAddResult:
    return TaskAddResult(
        status=TaskAddStatus.client_error,
        task_id=task.parameter.id,
        error=BatchError(code=exc.code, message=ErrorMessage(lang="en-US", value=str(exc.message or exc))),
    )


def _missing(task: _Task) -> TaskAddResult:
    message = "The service returned no result for this task; it may or may not have been added."
    return TaskAddResult(
        status=TaskAddStatus.server_error,
        task_id=task.parameter.id,
        error=BatchError(code="NoResult", message=ErrorMessage(lang="en-US", value=message)),
    )


def _succeeded(result: TaskAddResult) -> bool:
    return str(result.status or "").lower() == "success"
