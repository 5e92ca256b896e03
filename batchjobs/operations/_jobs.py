"""``JobOperations``: the twelve job operations of azure-batch 14.x, as coroutines and async generators."""

from __future__ import annotations

import builtins
import re
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Mapping
from contextlib import aclosing, nullcontext
from typing import Any, Literal, TypeVar, Unpack, overload

from .. import _bulk, _tracing, _waiters, models
from .._bulk import BulkResult
from .._config import OperationConfig, check_operation_config
from .._paging import hand_over, paginate, resume_url
from .._response import Page, RawResponse
from .._serialization import parse_json, to_json_bytes
from .._transport import API_VERSION, Endpoint, Pipeline, RequestOptions
from ..models import (
    CloudJob,
    DisableJobOption,
    JobAddOptions,
    JobAddParameter,
    JobDeleteOptions,
    JobDisableOptions,
    JobDisableParameter,
    JobEnableOptions,
    JobGetOptions,
    JobGetTaskCountsOptions,
    JobListFromJobScheduleOptions,
    JobListOptions,
    JobListPreparationAndReleaseTaskStatusOptions,
    JobPatchOptions,
    JobPatchParameter,
    JobPreparationAndReleaseTaskExecutionInformation,
    JobState,
    JobTerminateOptions,
    JobTerminateParameter,
    JobUpdateOptions,
    JobUpdateParameter,
    TaskCountsResult,
)

__all__ = ["JobOperations"]

T = TypeVar("T")

_ADD = Endpoint("add", "POST", "/jobs", 201, idempotent=False, options_type=JobAddOptions)
_DELETE = Endpoint("delete", "DELETE", "/jobs/{job_id}", 202, idempotent=True, options_type=JobDeleteOptions)
_DISABLE = Endpoint(
    "disable", "POST", "/jobs/{job_id}/disable", 202, idempotent=False, options_type=JobDisableOptions
)
_ENABLE = Endpoint(
    "enable", "POST", "/jobs/{job_id}/enable", 202, idempotent=False, options_type=JobEnableOptions
)
_GET = Endpoint("get", "GET", "/jobs/{job_id}", 200, idempotent=True, options_type=JobGetOptions)
_GET_TASK_COUNTS = Endpoint(
    "get_task_counts",
    "GET",
    "/jobs/{job_id}/taskcounts",
    200,
    idempotent=True,
    options_type=JobGetTaskCountsOptions,
)
_LIST = Endpoint("list", "GET", "/jobs", 200, idempotent=True, options_type=JobListOptions)
_LIST_FROM_JOB_SCHEDULE = Endpoint(
    "list_from_job_schedule",
    "GET",
    "/jobschedules/{job_schedule_id}/jobs",
    200,
    idempotent=True,
    options_type=JobListFromJobScheduleOptions,
)
_LIST_PREP_RELEASE = Endpoint(
    "list_preparation_and_release_task_status",
    "GET",
    "/jobs/{job_id}/jobpreparationandreleasetaskstatus",
    200,
    idempotent=True,
    options_type=JobListPreparationAndReleaseTaskStatusOptions,
)
_PATCH = Endpoint("patch", "PATCH", "/jobs/{job_id}", 200, idempotent=True, options_type=JobPatchOptions)
_TERMINATE = Endpoint(
    "terminate", "POST", "/jobs/{job_id}/terminate", 202, idempotent=False, options_type=JobTerminateOptions
)
_UPDATE = Endpoint("update", "PUT", "/jobs/{job_id}", 200, idempotent=True, options_type=JobUpdateOptions)

_JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class JobOperations:
    """The job operations of an account: create, read, list, change and end jobs.

    Reach it as ``client.job``. Every method takes the azure-batch 14.x parameters; ``raw=True``
    returns a ``RawResponse`` (list operations then yield ``Page`` objects); ``**operation_config``
    takes ``request_timeout`` (a client-side deadline in seconds for the whole call, retries
    included) and ``retry_policy``.
    """

    api_version = API_VERSION
    models = models

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    @overload
    async def _call(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        config: OperationConfig,
        body: object = None,
        *,
        returns: type[T],
        **params: str,
    ) -> RawResponse[T]: ...
    @overload
    async def _call(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        config: OperationConfig,
        body: object = None,
        *,
        returns: None = None,
        **params: str,
    ) -> RawResponse[None]: ...
    async def _call(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        config: OperationConfig,
        body: object = None,
        *,
        returns: type[Any] | None = None,
        **params: str,
    ) -> RawResponse[Any]:
        check_operation_config(config)
        request_options = RequestOptions.from_options(options, endpoint.options_type, custom_headers)
        url = endpoint.url(self._pipeline.base_url, request_options, **params)
        content = None if body is None else to_json_bytes(body)
        with _tracing.call_span(endpoint.name, params) if _tracing.ENABLED else nullcontext():
            response = await self._pipeline.send(endpoint, url, request_options, config, body=content)
            output = None if returns is None else parse_json(response.content, returns, response=response)
        return RawResponse(output, response)

    async def _list(
        self,
        endpoint: Endpoint,
        options: object,
        custom_headers: Mapping[str, str] | None,
        config: OperationConfig,
        item_cls: type[T],
        continuation_token: str | None,
        raw: bool,
        **params: str,
    ) -> AsyncGenerator[T | Page[T], None]:
        """The listing's pages (``raw``) or their items, one page fetched at a time."""
        check_operation_config(config)
        request_options = RequestOptions.from_options(options, endpoint.options_type, custom_headers)
        url = endpoint.url(self._pipeline.base_url, request_options, **params)
        if continuation_token is not None:
            url = resume_url(self._pipeline.base_url, continuation_token, request_options)
        # The listing's span is never made current: this generator yields to the caller's code.
        span = _tracing.start_listing(endpoint.name, params) if _tracing.ENABLED else None
        try:
            async with aclosing(
                paginate(self._pipeline, endpoint, url, request_options, config, item_cls, trace_parent=span)
            ) as pages:
                async for page in pages:
                    if raw:
                        yield page
                        del page  # not kept alive while the next page is fetched
                    else:
                        items = page.items
                        del page  # its response body goes now; each item once the caller drops it
                        for item in hand_over(items):
                            yield item
        except Exception as exc:
            if span is not None:
                _tracing.record_error(span, exc)
            raise
        finally:
            if span is not None:
                span.end()

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

        Raises:
            ValueError: The id, priority or pool information is invalid (nothing was sent).
            ConflictError: ``JobExists`` (or ``JobMayExistError`` when an earlier attempt of this
                call failed ambiguously), ``JobScheduleWithSameIdExists``.
            BadRequestError: ``InvalidPropertyValue``, ``MissingRequiredProperty``, ...
        """
        if not isinstance(job, JobAddParameter):
            raise TypeError(f"job must be a JobAddParameter, got {type(job).__name__}")
        if not isinstance(job.id, str) or not _JOB_ID.fullmatch(job.id):
            raise ValueError(f"job id {job.id!r} is invalid: use 1-64 letters, digits, '-' or '_'")
        if job.pool_info is None:
            raise ValueError("job.pool_info is required: give a pool_id or an auto_pool_specification")
        _check_priority(job.priority)
        result = await self._call(_ADD, job_add_options, custom_headers, operation_config, job)
        return result if raw else None

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

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobBeingDeleted``.
            PreconditionFailedError: an If-* condition failed.
        """
        result = await self._call(
            _DELETE, job_delete_options, custom_headers, operation_config, job_id=job_id
        )
        return result if raw else None

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

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: the job is completed, terminating, being deleted or enabling.
            PreconditionFailedError: an If-* condition failed.
        """
        if not disable_tasks:
            raise ValueError("disable_tasks is required: requeue, terminate or wait")
        body = JobDisableParameter(disable_tasks=disable_tasks)
        result = await self._call(
            _DISABLE, job_disable_options, custom_headers, operation_config, body, job_id=job_id
        )
        return result if raw else None

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

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: the job is not disabled.
            PreconditionFailedError: an If-* condition failed.
        """
        result = await self._call(
            _ENABLE, job_enable_options, custom_headers, operation_config, job_id=job_id
        )
        return result if raw else None

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

        Raises:
            NotFoundError: ``JobNotFound``.
            NotModifiedError: 304, an If-None-Match/If-Modified-Since condition matched.
            PreconditionFailedError: an If-Match/If-Unmodified-Since condition failed.
        """
        result = await self._call(
            _GET, job_get_options, custom_headers, operation_config, returns=CloudJob, job_id=job_id
        )
        return result if raw else result.output

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

        Raises:
            NotFoundError: ``JobNotFound``.
        """
        result = await self._call(
            _GET_TASK_COUNTS,
            job_get_task_counts_options,
            custom_headers,
            operation_config,
            returns=TaskCountsResult,
            job_id=job_id,
        )
        return result if raw else result.output

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
    async def list(
        self,
        job_list_options: JobListOptions | None = None,
        custom_headers: Mapping[str, str] | None = None,
        raw: bool = False,
        *,
        continuation_token: str | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> AsyncGenerator[CloudJob | Page[CloudJob], None]:
        """List the jobs of the account, following pages lazily.

        Iterate with ``async for``. With ``raw=True`` it yields one ``Page`` per response,
        whose ``continuation_token`` resumes the listing after that page when passed back as
        ``continuation_token=``.

        Raises:
            ValueError: ``max_results`` outside 1-1000 (nothing was sent).
            BadRequestError: an invalid ``$filter``/``$select``/``$expand``.
        """
        listing = self._list(
            _LIST, job_list_options, custom_headers, operation_config, CloudJob, continuation_token, raw
        )
        async with aclosing(listing):
            async for entry in listing:
                yield entry
                del entry  # a page is not kept alive while the next one is fetched

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
    async def list_from_job_schedule(
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

        Paging works as in ``list``.

        Raises:
            NotFoundError: ``JobScheduleNotFound``.
        """
        listing = self._list(
            _LIST_FROM_JOB_SCHEDULE,
            job_list_from_job_schedule_options,
            custom_headers,
            operation_config,
            CloudJob,
            continuation_token,
            raw,
            job_schedule_id=job_schedule_id,
        )
        async with aclosing(listing):
            async for entry in listing:
                yield entry
                del entry  # a page is not kept alive while the next one is fetched

    @overload
    def list_preparation_and_release_task_status(
        self,
        job_id: str,
        job_list_preparation_and_release_task_status_options: (
            JobListPreparationAndReleaseTaskStatusOptions | None
        ) = None,
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
        job_list_preparation_and_release_task_status_options: (
            JobListPreparationAndReleaseTaskStatusOptions | None
        ) = None,
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
        job_list_preparation_and_release_task_status_options: (
            JobListPreparationAndReleaseTaskStatusOptions | None
        ) = None,
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
    async def list_preparation_and_release_task_status(
        self,
        job_id: str,
        job_list_preparation_and_release_task_status_options: (
            JobListPreparationAndReleaseTaskStatusOptions | None
        ) = None,
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

        Paging works as in ``list``.

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobPreparationTaskNotSpecified`` (the job has no preparation task).
        """
        listing = self._list(
            _LIST_PREP_RELEASE,
            job_list_preparation_and_release_task_status_options,
            custom_headers,
            operation_config,
            JobPreparationAndReleaseTaskExecutionInformation,
            continuation_token,
            raw,
            job_id=job_id,
        )
        async with aclosing(listing):
            async for entry in listing:
                yield entry
                del entry  # a page is not kept alive while the next one is fetched

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

        Raises:
            NotFoundError: ``JobNotFound``.
            BadRequestError: ``InvalidPropertyValue``.
            ConflictError: the job is completed, terminating or being deleted.
            PreconditionFailedError: an If-* condition failed.
        """
        if not isinstance(job_patch_parameter, JobPatchParameter):
            raise TypeError(
                f"job_patch_parameter must be a JobPatchParameter, got {type(job_patch_parameter).__name__}"
            )
        _check_priority(job_patch_parameter.priority)
        result = await self._call(
            _PATCH, job_patch_options, custom_headers, operation_config, job_patch_parameter, job_id=job_id
        )
        return result if raw else None

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

        Raises:
            NotFoundError: ``JobNotFound``.
            ConflictError: ``JobBeingTerminated``, ``JobCompleted``, ``JobBeingDeleted``.
            PreconditionFailedError: an If-* condition failed.
        """
        body = None if terminate_reason is None else JobTerminateParameter(terminate_reason=terminate_reason)
        result = await self._call(
            _TERMINATE, job_terminate_options, custom_headers, operation_config, body, job_id=job_id
        )
        return result if raw else None

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

        Raises:
            ValueError: ``pool_info`` is missing (nothing was sent).
            NotFoundError: ``JobNotFound``.
            ConflictError: the job is completed, terminating or being deleted.
            PreconditionFailedError: an If-* condition failed.
        """
        if not isinstance(job_update_parameter, JobUpdateParameter):
            kind = type(job_update_parameter).__name__
            raise TypeError(f"job_update_parameter must be a JobUpdateParameter, got {kind}")
        if job_update_parameter.pool_info is None:
            raise ValueError("job_update_parameter.pool_info is required by update (PUT)")
        _check_priority(job_update_parameter.priority)
        result = await self._call(
            _UPDATE, job_update_options, custom_headers, operation_config, job_update_parameter, job_id=job_id
        )
        return result if raw else None

    @overload
    async def wait_for_state(
        self,
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
        self,
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
        self,
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
        if not _tracing.ENABLED:
            return await _waiters.wait_for_state(
                self, job_id, wanted, gone=gone, poller=poller, config=operation_config
            )
        attributes = {"batch.job.id": job_id, "batch.wait.states": sorted(wanted), "batch.wait.gone": gone}
        with _tracing.operation_span("wait_for_state", attributes) as span:
            state = await _waiters.wait_for_state(
                self, job_id, wanted, gone=gone, poller=poller, config=operation_config
            )
            span.set_attribute("batch.wait.polls", poller.polls)
            return state

    async def wait_for_tasks_complete(
        self,
        job_id: str,
        *,
        on_poll: Callable[[TaskCountsResult], object] | None = None,
        min_interval: float = 1.0,
        max_interval: float = 30.0,
        timeout: float | None = None,  # noqa: ASYNC109 - a polling budget on `clock`, not a cancel scope
        sleep: Callable[[float], Awaitable[object]] | None = None,
        clock: Callable[[], float] | None = None,
        **operation_config: Unpack[OperationConfig],
    ) -> TaskCountsResult:
        """Wait until no task of a job is active or running, polling ``get_task_counts``.

        One small request per poll, however many tasks the job has. A job without tasks counts as
        complete. The service may report counts a few seconds late. Waits between polls back off
        exponentially with jitter from ``min_interval`` to ``max_interval``.

        Args:
            job_id: The job whose tasks to watch.
            on_poll: Called with every poll's ``TaskCountsResult``, the last one included (e.g. to
                show progress); a function or a coroutine function. It runs on the client's event
                loop, so keep it quick.
            min_interval: The shortest wait between polls, in seconds.
            max_interval: The longest wait between polls, in seconds.
            timeout: Give up after this many seconds, measured on ``clock``; ``None`` waits forever.
            sleep: The coroutine function that waits (default ``anyio.sleep``); tests inject one.
            clock: The monotonic clock, in seconds, for ``timeout`` (default ``anyio.current_time``).
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
        if not _tracing.ENABLED:
            return await _waiters.wait_for_tasks_complete(
                self, job_id, on_poll=on_poll, poller=poller, config=operation_config
            )
        with _tracing.operation_span("wait_for_tasks_complete", {"batch.job.id": job_id}) as span:
            counts = await _waiters.wait_for_tasks_complete(
                self, job_id, on_poll=on_poll, poller=poller, config=operation_config
            )
            span.set_attribute("batch.wait.polls", poller.polls)
            return counts

    async def add_many(
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
        items = _bulk.collect(jobs, "jobs")

        def call(job: JobAddParameter) -> Awaitable[None]:
            return self.add(job, **operation_config)

        return await self._bulk("add_many", call, items, max_concurrency, operation_config)

    async def delete_many(
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
        items = _bulk.collect(job_ids, "job_ids")

        def call(job_id: str) -> Awaitable[None]:
            return self.delete(job_id, **operation_config)

        return await self._bulk("delete_many", call, items, max_concurrency, operation_config)

    async def disable_many(
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
        items = _bulk.collect(job_ids, "job_ids")
        if not disable_tasks:
            raise ValueError("disable_tasks is required: requeue, terminate or wait")

        def call(job_id: str) -> Awaitable[None]:
            return self.disable(job_id, disable_tasks, **operation_config)

        return await self._bulk("disable_many", call, items, max_concurrency, operation_config)

    async def enable_many(
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
        items = _bulk.collect(job_ids, "job_ids")

        def call(job_id: str) -> Awaitable[None]:
            return self.enable(job_id, **operation_config)

        return await self._bulk("enable_many", call, items, max_concurrency, operation_config)

    async def terminate_many(
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
        items = _bulk.collect(job_ids, "job_ids")

        def call(job_id: str) -> Awaitable[None]:
            return self.terminate(job_id, terminate_reason, **operation_config)

        return await self._bulk("terminate_many", call, items, max_concurrency, operation_config)

    async def _bulk(
        self,
        name: str,
        call: Callable[[T], Awaitable[None]],
        items: builtins.list[T],
        max_concurrency: int,
        config: OperationConfig,
    ) -> builtins.list[BulkResult[T]]:
        _bulk.check_concurrency(max_concurrency)
        check_operation_config(config)  # once, rather than as the same error for every item
        if not _tracing.ENABLED:
            return await _bulk.run_bulk(call, items, max_concurrency)
        attributes = {"batch.bulk.items": len(items), "batch.bulk.max_concurrency": max_concurrency}
        with _tracing.operation_span(name, attributes) as span:
            results = await _bulk.run_bulk(call, items, max_concurrency)
            span.set_attribute("batch.bulk.failed", sum(not result.ok for result in results))
            return results


def _check_priority(priority: int | None) -> None:
    if priority is not None and not -1000 <= priority <= 1000:
        raise ValueError(f"priority must be between -1000 and 1000, got {priority}")
