"""GENERATED from batchjobs/_api/jobs.py by scripts/generate.py; do not edit.

Blocking ``JobOperations``: each method runs its async twin on the client's loop thread.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal, Unpack, overload

from .. import models
from .._config import OperationConfig
from .._response import Page, RawResponse
from .._transport import API_VERSION
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
from ..operations import JobOperations as AsyncJobOperations
from ._bridge import Bridge
from ._job_helpers import JobHelpers

__all__ = ["JobOperations"]


class JobOperations(JobHelpers):
    """Blocking twin of the async ``JobOperations``: every call runs on the client's loop thread."""

    api_version = API_VERSION
    models = models

    def __init__(self, bridge: Bridge, core: AsyncJobOperations) -> None:
        self._bridge = bridge
        self._core = core

    @overload
    def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    def add(
        self,
        job: JobAddParameter,
        job_add_options: JobAddOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def add(
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
        return self._bridge.call(
            self._core.add, job, job_add_options, custom_headers, raw, **operation_config
        )

    @overload
    def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    def delete(
        self,
        job_id: str,
        job_delete_options: JobDeleteOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def delete(
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
        return self._bridge.call(
            self._core.delete, job_id, job_delete_options, custom_headers, raw, **operation_config
        )

    @overload
    def disable(
        self,
        job_id: str,
        disable_tasks: DisableJobOption | str,
        job_disable_options: JobDisableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def disable(
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
    def disable(
        self,
        job_id: str,
        disable_tasks: DisableJobOption | str,
        job_disable_options: JobDisableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def disable(
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
        return self._bridge.call(
            self._core.disable,
            job_id,
            disable_tasks,
            job_disable_options,
            custom_headers,
            raw,
            **operation_config,
        )

    @overload
    def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None]: ...
    @overload
    def enable(
        self,
        job_id: str,
        job_enable_options: JobEnableOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def enable(
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
        return self._bridge.call(
            self._core.enable, job_id, job_enable_options, custom_headers, raw, **operation_config
        )

    @overload
    def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> CloudJob: ...
    @overload
    def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudJob]: ...
    @overload
    def get(
        self,
        job_id: str,
        job_get_options: JobGetOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[CloudJob] | CloudJob: ...
    def get(
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
        return self._bridge.call(
            self._core.get, job_id, job_get_options, custom_headers, raw, **operation_config
        )

    @overload
    def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> TaskCountsResult: ...
    @overload
    def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[TaskCountsResult]: ...
    @overload
    def get_task_counts(
        self,
        job_id: str,
        job_get_task_counts_options: JobGetTaskCountsOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[TaskCountsResult] | TaskCountsResult: ...
    def get_task_counts(
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
        return self._bridge.call(
            self._core.get_task_counts,
            job_id,
            job_get_task_counts_options,
            custom_headers,
            raw,
            **operation_config,
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
    ) -> Iterator[CloudJob]: ...
    @overload
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        *,
        raw: Literal[True],
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> Iterator[Page[CloudJob]]: ...
    @overload
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> Iterator[CloudJob | Page[CloudJob]]: ...
    def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> Iterator[CloudJob | Page[CloudJob]]:
        """List the jobs of the account, following pages lazily.

        Iterate with ``for``.
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
        return self._bridge.iterate_listing(
            self._core.list,
            raw,
            job_list_options,
            custom_headers,
            continuation_token=continuation_token,
            **operation_config,
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
    ) -> Iterator[CloudJob]: ...
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
    ) -> Iterator[Page[CloudJob]]: ...
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
    ) -> Iterator[CloudJob | Page[CloudJob]]: ...
    def list_from_job_schedule(
        self,
        job_schedule_id: str,
        job_list_from_job_schedule_options: JobListFromJobScheduleOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> Iterator[CloudJob | Page[CloudJob]]:
        """List the jobs created by a job schedule, following pages lazily.

        Iterate with ``for``.
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
        return self._bridge.iterate_listing(
            self._core.list_from_job_schedule,
            raw,
            job_schedule_id,
            job_list_from_job_schedule_options,
            custom_headers,
            continuation_token=continuation_token,
            **operation_config,
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
    ) -> Iterator[JobPreparationAndReleaseTaskExecutionInformation]: ...
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
    ) -> Iterator[Page[JobPreparationAndReleaseTaskExecutionInformation]]: ...
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
    ) -> Iterator[
        JobPreparationAndReleaseTaskExecutionInformation
        | Page[JobPreparationAndReleaseTaskExecutionInformation]
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
    ) -> Iterator[
        JobPreparationAndReleaseTaskExecutionInformation
        | Page[JobPreparationAndReleaseTaskExecutionInformation]
    ]:
        """List how the job preparation and release tasks ran on each node, following pages lazily.

        Iterate with ``for``.
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
        return self._bridge.iterate_listing(
            self._core.list_preparation_and_release_task_status,
            raw,
            job_id,
            job_list_preparation_and_release_task_status_options,
            custom_headers,
            continuation_token=continuation_token,
            **operation_config,
        )

    @overload
    def patch(
        self,
        job_id: str,
        job_patch_parameter: JobPatchParameter,
        job_patch_options: JobPatchOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def patch(
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
    def patch(
        self,
        job_id: str,
        job_patch_parameter: JobPatchParameter,
        job_patch_options: JobPatchOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def patch(
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
        return self._bridge.call(
            self._core.patch,
            job_id,
            job_patch_parameter,
            job_patch_options,
            custom_headers,
            raw,
            **operation_config,
        )

    @overload
    def terminate(
        self,
        job_id: str,
        terminate_reason: str | None = None,
        job_terminate_options: JobTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def terminate(
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
    def terminate(
        self,
        job_id: str,
        terminate_reason: str | None = None,
        job_terminate_options: JobTerminateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def terminate(
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
        return self._bridge.call(
            self._core.terminate,
            job_id,
            terminate_reason,
            job_terminate_options,
            custom_headers,
            raw,
            **operation_config,
        )

    @overload
    def update(
        self,
        job_id: str,
        job_update_parameter: JobUpdateParameter,
        job_update_options: JobUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: Literal[False] = False,
        **operation_config: Unpack[OperationConfig],
    ) -> None: ...
    @overload
    def update(
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
    def update(
        self,
        job_id: str,
        job_update_parameter: JobUpdateParameter,
        job_update_options: JobUpdateOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        **operation_config: Unpack[OperationConfig],
    ) -> RawResponse[None] | None: ...
    def update(
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
        return self._bridge.call(
            self._core.update,
            job_id,
            job_update_parameter,
            job_update_options,
            custom_headers,
            raw,
            **operation_config,
        )
