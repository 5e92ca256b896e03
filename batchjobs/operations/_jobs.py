"""GENERATED from batchjobs/_api/jobs.py by scripts/generate.py; do not edit.

``JobOperations``: one method per record, over the executor in ``operations/_group.py``.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping
from typing import Literal, Unpack, overload

from .._api import by_id
from .._config import OperationConfig
from .._response import Page, RawResponse
from ..models import (
    CloudJob,
    DisableJobOption,
    JobAddOptions,
    JobAddParameter,
    JobDeleteOptions,
    JobDisableOptions,
    JobEnableOptions,
    JobGetOptions,
    JobGetTaskCountsOptions,
    JobListFromJobScheduleOptions,
    JobListOptions,
    JobListPreparationAndReleaseTaskStatusOptions,
    JobPatchOptions,
    JobPatchParameter,
    JobPreparationAndReleaseTaskExecutionInformation,
    JobTerminateOptions,
    JobUpdateOptions,
    JobUpdateParameter,
    TaskCountsResult,
)
from ._group import OperationGroup
from ._job_helpers import JobHelpers

__all__ = ["JobOperations"]

_ADD = by_id("job.add")
_DELETE = by_id("job.delete")
_DISABLE = by_id("job.disable")
_ENABLE = by_id("job.enable")
_GET = by_id("job.get")
_GET_TASK_COUNTS = by_id("job.get_task_counts")
_LIST = by_id("job.list")
_LIST_FROM_JOB_SCHEDULE = by_id("job.list_from_job_schedule")
_LIST_PREPARATION_AND_RELEASE_TASK_STATUS = by_id("job.list_preparation_and_release_task_status")
_PATCH = by_id("job.patch")
_TERMINATE = by_id("job.terminate")
_UPDATE = by_id("job.update")


class JobOperations(JobHelpers, OperationGroup):
    """The job operations of an account: create, read, list, change and end jobs.

    Reach it as ``client.job``. Every method takes the azure-batch 14.x parameters; ``raw=True``
    returns a ``RawResponse`` (list operations then yield ``Page`` objects); ``**operation_config``
    takes ``request_timeout`` (a client-side deadline in seconds for the whole call, retries
    included) and ``retry_policy``.
    """

    @overload
    async def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Create a job.

        The id is checked before sending: 1-64 letters, digits, ``-`` or ``_``; ids are unique
        in the account regardless of case.

        Args:
            job: The job to create.
            job_add_options: Request options (``JobAddOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            ValueError: The id, priority or pool information is invalid (nothing was sent).
            ConflictError: ``JobExists`` (or ``JobMayExistError`` when an earlier attempt of this
                call failed ambiguously), ``JobScheduleWithSameIdExists``.
            BadRequestError: ``InvalidPropertyValue``, ``MissingRequiredProperty``, ...
        """
        return await self._call(_ADD, job_add_options, custom_headers, raw, operation_config, {"job": job})

    @overload
    async def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Delete a job and its tasks.

        The job enters the ``deleting`` state and disappears once its tasks are removed.

        Args:
            job_id: The id of the job.
            job_delete_options: Request options (``JobDeleteOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (request-id,
            client-request-id).

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobBeingDeleted``.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _DELETE, job_delete_options, custom_headers, raw, operation_config, {"job_id": job_id}
        )

    @overload
    async def disable(
        self,
        job_id: str,
        disable_tasks: DisableJobOption | str,
        job_disable_options: JobDisableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def disable(
        self,
        job_id: str,
        disable_tasks: DisableJobOption | str,
        job_disable_options: JobDisableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def disable(
        self,
        job_id: str,
        disable_tasks: DisableJobOption | str,
        job_disable_options: JobDisableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def disable(
        self,
        job_id: str,
        disable_tasks: DisableJobOption | str,
        job_disable_options: JobDisableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Disable a job so that no new tasks start.

        ``disable_tasks`` says what happens to running tasks: ``requeue`` them, ``terminate``
        them, or ``wait`` for them. The job passes through ``disabling`` to ``disabled``.

        Args:
            job_id: The id of the job.
            disable_tasks: What happens to the job's running tasks: requeue, terminate or wait.
            job_disable_options: Request options (``JobDisableOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            ValueError: ``disable_tasks`` is empty (nothing was sent).
            NotFoundError: ``JobNotFound``.
            ConflictError: the job is completed, terminating, being deleted or enabling.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _DISABLE,
            job_disable_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "disable_tasks": disable_tasks},
        )

    @overload
    async def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Enable a disabled job so that its tasks are scheduled again.

        The job passes through ``enabling`` to ``active``.

        Args:
            job_id: The id of the job.
            job_enable_options: Request options (``JobEnableOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: the job is not disabled.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _ENABLE, job_enable_options, custom_headers, raw, operation_config, {"job_id": job_id}
        )

    @overload
    async def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> CloudJob: ...
    @overload
    async def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudJob]: ...
    @overload
    async def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudJob] | CloudJob: ...
    async def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudJob] | CloudJob:
        """Get a job.

        Use ``$select`` to fetch only some properties and ``$expand=stats`` for statistics.

        Args:
            job_id: The id of the job.
            job_get_options: Request options (``JobGetOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            The ``CloudJob``; with ``raw=True`` a ``RawResponse`` carrying it and the response headers
            (ETag, Last-Modified, request-id, client-request-id).

        Raises:
            NotFoundError: ``JobNotFound``.
            NotModifiedError: 304, an If-None-Match/If-Modified-Since condition matched.
            PreconditionFailedError: an If-Match/If-Unmodified-Since condition failed.
        """
        return await self._call(
            _GET, job_get_options, custom_headers, raw, operation_config, {"job_id": job_id}
        )

    @overload
    async def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> TaskCountsResult: ...
    @overload
    async def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[TaskCountsResult]: ...
    @overload
    async def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[TaskCountsResult] | TaskCountsResult: ...
    async def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[TaskCountsResult] | TaskCountsResult:
        """Get the numbers of tasks and task slots of a job in each state.

        The service may report counts a few seconds out of date.

        Args:
            job_id: The id of the job.
            job_get_task_counts_options: Request options (``JobGetTaskCountsOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            The ``TaskCountsResult``; with ``raw=True`` a ``RawResponse`` carrying it and the response
            headers (request-id, client-request-id).

        Raises:
            NotFoundError: ``JobNotFound``.
        """
        return await self._call(
            _GET_TASK_COUNTS,
            job_get_task_counts_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id},
        )

    @overload
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob, None]: ...
    @overload
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[Page[CloudJob], None]: ...
    @overload
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob | Page[CloudJob], None]: ...
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob | Page[CloudJob], None]:
        """List the jobs of the account, following pages lazily.

        Iterate with ``async for`` (call it without ``await``).
        With ``raw=True`` it yields one ``Page`` per response, whose ``continuation_token``
        resumes the listing after that page when passed back as ``continuation_token=``.

        Args:
            job_list_options: Request options (``JobListOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Yield one ``Page`` per response instead of the items.
            continuation_token: A ``Page.continuation_token``: resume the listing after that page.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Yields:
            ``CloudJob`` items, or with ``raw=True`` one ``Page`` per response (headers: request-id,
            client-request-id).

        Raises:
            ValueError: ``max_results`` outside 1-1000 (nothing was sent).
            BadRequestError: an invalid ``$filter``/``$select``/``$expand``.
        """
        return self._list(
            _LIST, job_list_options, custom_headers, raw, continuation_token, operation_config, {}
        )

    @overload
    def list_from_job_schedule(
        self,
        job_schedule_id: str,
        job_list_from_job_schedule_options: JobListFromJobScheduleOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob, None]: ...
    @overload
    def list_from_job_schedule(
        self,
        job_schedule_id: str,
        job_list_from_job_schedule_options: JobListFromJobScheduleOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[Page[CloudJob], None]: ...
    @overload
    def list_from_job_schedule(
        self,
        job_schedule_id: str,
        job_list_from_job_schedule_options: JobListFromJobScheduleOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob | Page[CloudJob], None]: ...
    def list_from_job_schedule(
        self,
        job_schedule_id: str,
        job_list_from_job_schedule_options: JobListFromJobScheduleOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob | Page[CloudJob], None]:
        """List the jobs created by a job schedule, following pages lazily.

        Iterate with ``async for`` (call it without ``await``).
        Paging works as in ``list``.

        Args:
            job_schedule_id: The id of the job schedule.
            job_list_from_job_schedule_options: Request options (``JobListFromJobScheduleOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Yield one ``Page`` per response instead of the items.
            continuation_token: A ``Page.continuation_token``: resume the listing after that page.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Yields:
            ``CloudJob`` items, or with ``raw=True`` one ``Page`` per response (headers: request-id,
            client-request-id).

        Raises:
            NotFoundError: ``JobScheduleNotFound``.
        """
        return self._list(
            _LIST_FROM_JOB_SCHEDULE,
            job_list_from_job_schedule_options,
            custom_headers,
            raw,
            continuation_token,
            operation_config,
            {"job_schedule_id": job_schedule_id},
        )

    @overload
    def list_preparation_and_release_task_status(
        self,
        job_id: str,
        job_list_preparation_and_release_task_status_options: JobListPreparationAndReleaseTaskStatusOptions
        | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[JobPreparationAndReleaseTaskExecutionInformation, None]: ...
    @overload
    def list_preparation_and_release_task_status(
        self,
        job_id: str,
        job_list_preparation_and_release_task_status_options: JobListPreparationAndReleaseTaskStatusOptions
        | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[Page[JobPreparationAndReleaseTaskExecutionInformation], None]: ...
    @overload
    def list_preparation_and_release_task_status(
        self,
        job_id: str,
        job_list_preparation_and_release_task_status_options: JobListPreparationAndReleaseTaskStatusOptions
        | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[
        JobPreparationAndReleaseTaskExecutionInformation
        | Page[JobPreparationAndReleaseTaskExecutionInformation],
        None,
    ]: ...
    def list_preparation_and_release_task_status(
        self,
        job_id: str,
        job_list_preparation_and_release_task_status_options: JobListPreparationAndReleaseTaskStatusOptions
        | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[
        JobPreparationAndReleaseTaskExecutionInformation
        | Page[JobPreparationAndReleaseTaskExecutionInformation],
        None,
    ]:
        """List how the job preparation and release tasks ran on each node, following pages lazily.

        Iterate with ``async for`` (call it without ``await``).
        Paging works as in ``list``.

        Args:
            job_id: The id of the job.
            job_list_preparation_and_release_task_status_options:
                Request options (``JobListPreparationAndReleaseTaskStatusOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Yield one ``Page`` per response instead of the items.
            continuation_token: A ``Page.continuation_token``: resume the listing after that page.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Yields:
            ``JobPreparationAndReleaseTaskExecutionInformation`` items, or with ``raw=True`` one
            ``Page`` per response (headers: request-id, client-request-id).

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobPreparationTaskNotSpecified`` (the job has no preparation task).
        """
        return self._list(
            _LIST_PREPARATION_AND_RELEASE_TASK_STATUS,
            job_list_preparation_and_release_task_status_options,
            custom_headers,
            raw,
            continuation_token,
            operation_config,
            {"job_id": job_id},
        )

    @overload
    async def patch(
        self,
        job_id: str,
        job_patch_parameter: JobPatchParameter,
        job_patch_options: JobPatchOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def patch(
        self,
        job_id: str,
        job_patch_parameter: JobPatchParameter,
        job_patch_options: JobPatchOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def patch(
        self,
        job_id: str,
        job_patch_parameter: JobPatchParameter,
        job_patch_options: JobPatchOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def patch(
        self,
        job_id: str,
        job_patch_parameter: JobPatchParameter,
        job_patch_options: JobPatchOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Change some properties of a job; properties left as ``None`` keep their values.

        An empty ``metadata`` list clears the job's metadata.

        Args:
            job_id: The id of the job.
            job_patch_parameter: The properties to change.
            job_patch_options: Request options (``JobPatchOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            ValueError: the priority is outside -1000..1000 (nothing was sent).
            NotFoundError: ``JobNotFound``.
            BadRequestError: ``InvalidPropertyValue``.
            ConflictError: the job is completed, terminating or being deleted.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _PATCH,
            job_patch_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "job_patch_parameter": job_patch_parameter},
        )

    @overload
    async def terminate(
        self,
        job_id: str,
        terminate_reason: str | None = None,
        job_terminate_options: JobTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def terminate(
        self,
        job_id: str,
        terminate_reason: str | None = None,
        job_terminate_options: JobTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def terminate(
        self,
        job_id: str,
        terminate_reason: str | None = None,
        job_terminate_options: JobTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def terminate(
        self,
        job_id: str,
        terminate_reason: str | None = None,
        job_terminate_options: JobTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Terminate a job: stop its running tasks and mark it completed.

        ``terminate_reason`` is recorded in ``execution_info.terminate_reason``; without it no
        body is sent. The job passes through ``terminating`` to ``completed``.

        Args:
            job_id: The id of the job.
            terminate_reason: Why the job ends (at most 64 characters).
            job_terminate_options: Request options (``JobTerminateOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobBeingTerminated``, ``JobCompleted``, ``JobBeingDeleted``.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _TERMINATE,
            job_terminate_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "terminate_reason": terminate_reason},
        )

    @overload
    async def update(
        self,
        job_id: str,
        job_update_parameter: JobUpdateParameter,
        job_update_options: JobUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    async def update(
        self,
        job_id: str,
        job_update_parameter: JobUpdateParameter,
        job_update_options: JobUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    async def update(
        self,
        job_id: str,
        job_update_parameter: JobUpdateParameter,
        job_update_options: JobUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    async def update(
        self,
        job_id: str,
        job_update_parameter: JobUpdateParameter,
        job_update_options: JobUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None:
        """Replace all updatable properties of a job.

        Properties left as ``None`` are reset to their defaults (priority 0, no constraints, no
        metadata, ``onAllTasksComplete`` noaction); ``pool_info`` is required.

        Args:
            job_id: The id of the job.
            job_update_parameter: The job's new properties.
            job_update_options: Request options (``JobUpdateOptions``).
            custom_headers: Extra request headers; values from the options object take precedence.
            raw: Return a ``RawResponse`` with the response headers as well.
            operation_config: ``request_timeout`` (a deadline in seconds for the whole call, retries
                included) and ``retry_policy``.

        Returns:
            None; with ``raw=True`` a ``RawResponse`` carrying it and the response headers (ETag,
            Last-Modified, DataServiceId, request-id, client-request-id).

        Raises:
            ValueError: ``pool_info`` is missing (nothing was sent).
            NotFoundError: ``JobNotFound``.
            ConflictError: the job is completed, terminating or being deleted.
            PreconditionFailedError: an If-* condition failed.
        """
        return await self._call(
            _UPDATE,
            job_update_options,
            custom_headers,
            raw,
            operation_config,
            {"job_id": job_id, "job_update_parameter": job_update_parameter},
        )
