"""GENERATED from batchjobs/_api/tasks.py by scripts/generate.py; do not edit.

``TaskOperations``: one method per record, over the executor in ``operations/_group.py``.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
from typing import Literal, Unpack, overload

from .._api import by_id
from .._config import OperationConfig
from .._response import Page, RawResponse
from ..models import (
    CloudTask,
    CloudTaskListSubtasksResult,
    TaskAddOptions,
    TaskAddParameter,
    TaskConstraints,
    TaskDeleteOptions,
    TaskGetOptions,
    TaskListOptions,
    TaskListSubtasksOptions,
    TaskReactivateOptions,
    TaskTerminateOptions,
    TaskUpdateOptions,
)
from ._group import OperationGroup
from ._task_helpers import TaskHelpers

__all__ = ["TaskOperations"]

_ADD = by_id("task.add")
_ADD_COLLECTION = by_id("task.add_collection")
_LIST = by_id("task.list")
_GET = by_id("task.get")
_UPDATE = by_id("task.update")
_DELETE = by_id("task.delete")
_TERMINATE = by_id("task.terminate")
_REACTIVATE = by_id("task.reactivate")
_LIST_SUBTASKS = by_id("task.list_subtasks")


class TaskOperations(TaskHelpers, OperationGroup):
    """The task operations of a job: add tasks (one or any number), read, list, change and end them.

    Reach it as ``client.task``. Every method takes the azure-batch 14.x parameters; ``raw=True``
    returns a ``RawResponse`` (list operations then yield ``Page`` objects); ``**operation_config``
    takes ``request_timeout`` (a client-side deadline in seconds for the whole call, retries
    included) and ``retry_policy``.
    """

    @overload
    async def add(
        self,
        job_id: str,
        task: TaskAddParameter,
        task_add_options: TaskAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def add(
        self,
        job_id: str,
        task: TaskAddParameter,
        task_add_options: TaskAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def add(
        self,
        job_id: str,
        task: TaskAddParameter,
        task_add_options: TaskAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def add(
        self,
        job_id: str,
        task: TaskAddParameter,
        task_add_options: TaskAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Add a task to a job.

        The id is checked before sending: 1-64 letters, digits, ``-`` or ``_``; ids are unique
        in the job regardless of case. The task starts ``active``.

        Args:
            job_id: The id of the job.
            task: The task to add.
            task_add_options: Request options (``TaskAddOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            ValueError: The id, command line or another property is invalid (nothing was sent).
            ConflictError: ``TaskExists`` (or ``TaskMayExistError`` when an earlier attempt of this
                call failed ambiguously), ``JobCompleted``, ``JobNotActive``.
            NotFoundError: ``JobNotFound``.
            BadRequestError: ``InvalidPropertyValue``, ``TaskDependenciesNotSpecifiedOnJob``, ...
        """
        return await self._call(
            _ADD, task_add_options, custom_headers, raw, operation_config, {"job_id": job_id, "task": task}
        )

    @overload
    def list(
        self,
        job_id: str,
        task_list_options: TaskListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudTask, None]: ...
    @overload
    def list(
        self,
        job_id: str,
        task_list_options: TaskListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[Page[CloudTask], None]: ...
    @overload
    def list(
        self,
        job_id: str,
        task_list_options: TaskListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudTask | Page[CloudTask], None]: ...
    def list(
        self,
        job_id: str,
        task_list_options: TaskListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudTask | Page[CloudTask], None]:
        """List the tasks of a job, following pages lazily.

        Iterate with ``async for`` (call it without ``await``).
        With ``raw=True`` it yields one ``Page`` per response, whose ``continuation_token``
        resumes the listing after that page when passed back as ``continuation_token=``.

        Args:
            job_id: The id of the job.
            task_list_options: Request options (``TaskListOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Yield one ``Page`` per response instead of the items.
            continuation_token: A ``Page.continuation_token``: resume the listing after that page.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Yields:
            ``CloudTask`` items, or with ``raw=True`` one ``Page`` per response (headers: request-id,
            client-request-id).

        Raises:
            ValueError: ``max_results`` outside 1-1000 (nothing was sent).
            NotFoundError: ``JobNotFound``.
            BadRequestError: an invalid ``$filter``/``$select``/``$expand``.
        """
        return self._list(
            _LIST,
            task_list_options,
            custom_headers,
            raw,
            continuation_token,
            operation_config,
            {"job_id": job_id},
        )

    @overload
    async def get(
        self,
        job_id: str,
        task_id: str,
        task_get_options: TaskGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> CloudTask: ...
    @overload
    async def get(
        self,
        job_id: str,
        task_id: str,
        task_get_options: TaskGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudTask]: ...
    @overload
    async def get(
        self,
        job_id: str,
        task_id: str,
        task_get_options: TaskGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudTask] | CloudTask: ...
    async def get(
        self,
        job_id: str,
        task_id: str,
        task_get_options: TaskGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudTask] | CloudTask:
        """Get a task.

        Use ``$select`` to fetch only some properties and ``$expand=stats`` for statistics.
        A task's ETag does not change with its state.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            task_get_options: Request options (``TaskGetOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            The ``CloudTask``; with ``raw=True`` a ``RawResponse`` carrying it and the response headers
            (ETag, Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            NotModifiedError: 304, an If-None-Match/If-Modified-Since condition matched.
            PreconditionFailedError: an If-Match/If-Unmodified-Since condition failed.
        """
        return await self._call(
            _GET,
            task_get_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id},
        )

    @overload
    async def update(
        self,
        job_id: str,
        task_id: str,
        constraints: TaskConstraints | None = None,
        task_update_options: TaskUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def update(
        self,
        job_id: str,
        task_id: str,
        constraints: TaskConstraints | None = None,
        task_update_options: TaskUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def update(
        self,
        job_id: str,
        task_id: str,
        constraints: TaskConstraints | None = None,
        task_update_options: TaskUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def update(
        self,
        job_id: str,
        task_id: str,
        constraints: TaskConstraints | None = None,
        task_update_options: TaskUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Replace the constraints of a task.

        Constraints left as ``None`` return the task to the default constraints.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            constraints: The task's new constraints.
            task_update_options: Request options (``TaskUpdateOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            ConflictError: the task is completed.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _UPDATE,
            task_update_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id, "constraints": constraints},
        )

    @overload
    async def delete(
        self,
        job_id: str,
        task_id: str,
        task_delete_options: TaskDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def delete(
        self,
        job_id: str,
        task_id: str,
        task_delete_options: TaskDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def delete(
        self,
        job_id: str,
        task_id: str,
        task_delete_options: TaskDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def delete(
        self,
        job_id: str,
        task_id: str,
        task_delete_options: TaskDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Delete a task and its files on the node.

        A running task is stopped first.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            task_delete_options: Request options (``TaskDeleteOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (request-id,
            client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _DELETE,
            task_delete_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id},
        )

    @overload
    async def terminate(
        self,
        job_id: str,
        task_id: str,
        task_terminate_options: TaskTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def terminate(
        self,
        job_id: str,
        task_id: str,
        task_terminate_options: TaskTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def terminate(
        self,
        job_id: str,
        task_id: str,
        task_terminate_options: TaskTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def terminate(
        self,
        job_id: str,
        task_id: str,
        task_terminate_options: TaskTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Terminate a task: it never starts, or its process is killed; it ends ``completed``.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            task_terminate_options: Request options (``TaskTerminateOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            ConflictError: ``TaskCompleted``, ``JobNotActive``.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _TERMINATE,
            task_terminate_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id},
        )

    @overload
    async def reactivate(
        self,
        job_id: str,
        task_id: str,
        task_reactivate_options: TaskReactivateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def reactivate(
        self,
        job_id: str,
        task_id: str,
        task_reactivate_options: TaskReactivateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def reactivate(
        self,
        job_id: str,
        task_id: str,
        task_reactivate_options: TaskReactivateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def reactivate(
        self,
        job_id: str,
        task_id: str,
        task_reactivate_options: TaskReactivateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Make a failed completed task ``active`` again, with its retry count reset.

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            task_reactivate_options: Request options (``TaskReactivateOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
            ConflictError: the task is not completed or did not fail (``TaskNotFailed``).
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _REACTIVATE,
            task_reactivate_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id},
        )

    @overload
    async def list_subtasks(
        self,
        job_id: str,
        task_id: str,
        task_list_subtasks_options: TaskListSubtasksOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> CloudTaskListSubtasksResult: ...
    @overload
    async def list_subtasks(
        self,
        job_id: str,
        task_id: str,
        task_list_subtasks_options: TaskListSubtasksOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudTaskListSubtasksResult]: ...
    @overload
    async def list_subtasks(
        self,
        job_id: str,
        task_id: str,
        task_list_subtasks_options: TaskListSubtasksOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudTaskListSubtasksResult] | CloudTaskListSubtasksResult: ...
    async def list_subtasks(
        self,
        job_id: str,
        task_id: str,
        task_list_subtasks_options: TaskListSubtasksOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudTaskListSubtasksResult] | CloudTaskListSubtasksResult:
        """List the subtasks of a multi-instance task (one response, not paged).

        Args:
            job_id: The id of the job.
            task_id: The id of the task.
            task_list_subtasks_options: Request options (``TaskListSubtasksOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            The ``CloudTaskListSubtasksResult``; with ``raw=True`` a ``RawResponse`` carrying it and the
            response headers (ETag, Last-Modified, request-id, client-request-id).

        Raises:
            NotFoundError: ``TaskNotFound`` or ``JobNotFound``.
        """
        return await self._call(
            _LIST_SUBTASKS,
            task_list_subtasks_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "task_id": task_id},
        )
