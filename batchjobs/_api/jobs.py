"""The twelve job operations of api-version 2023-05-01.17.0, as azure-batch 14.x names them.

Facts from ``spec/jobs-api.md`` and ``spec/models.json`` (method, path, success status, options,
response headers); the docstring texts are ours.
"""

from __future__ import annotations

from ..models import (
    CloudJob,
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
    JobTerminateOptions,
    JobTerminateParameter,
    JobUpdateOptions,
    JobUpdateParameter,
    TaskCountsResult,
)
from ._records import Body, Endpoint, Group, Kind, Param

__all__ = ["JOB", "JOB_ENDPOINTS"]

JOB = Group(
    "job",
    "The job operations of an account: create, read, list, change and end jobs.\n\n"
    "Reach it as ``client.job``. Every method takes the azure-batch 14.x parameters; ``raw=True``\n"
    "returns a ``RawResponse`` (list operations then yield ``Page`` objects); ``**operation_config``\n"
    "takes ``request_timeout`` (a client-side deadline in seconds for the whole call, retries\n"
    "included) and ``retry_policy``.",
)

_JOB_ID = Param("job_id", "str", "The id of the job.")
#: What a write returns as headers (``raw=True``); reads return ETag and Last-Modified.
_WRITE_HEADERS = ("ETag", "Last-Modified", "DataServiceId", "request-id", "client-request-id")
_READ_HEADERS = ("ETag", "Last-Modified", "request-id", "client-request-id")
_IDS = ("request-id", "client-request-id")
_CONDITION_FAILED = ("PreconditionFailedError", "an If-* condition failed.")
_NOT_FOUND = ("NotFoundError", "``JobNotFound``.")

JOB_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "job.add",
        "POST",
        "/jobs",
        201,
        JobAddOptions,
        idempotent=False,
        summary="Create a job.",
        description="The id is checked before sending: 1-64 letters, digits, ``-`` or ``_``; ids are unique\n"
        "in the account regardless of case.",
        params=(Param("job", "JobAddParameter", "The job to create."),),
        body=Body(JobAddParameter, param="job"),
        response_headers=_WRITE_HEADERS,
        exists_code="JobExists",
        checks=(("new_job", "job"),),
        raises=(
            ("ValueError", "The id, priority or pool information is invalid (nothing was sent)."),
            (
                "ConflictError",
                "``JobExists`` (or ``JobMayExistError`` when an earlier attempt of this\n"
                "call failed ambiguously), ``JobScheduleWithSameIdExists``.",
            ),
            ("BadRequestError", "``InvalidPropertyValue``, ``MissingRequiredProperty``, ..."),
        ),
    ),
    Endpoint(
        "job.delete",
        "DELETE",
        "/jobs/{job_id}",
        202,
        JobDeleteOptions,
        idempotent=True,
        summary="Delete a job and its tasks.",
        description="The job enters the ``deleting`` state and disappears once its tasks are removed.",
        params=(_JOB_ID,),
        response_headers=_IDS,
        raises=(_NOT_FOUND, ("ConflictError", "``JobBeingDeleted``."), _CONDITION_FAILED),
    ),
    Endpoint(
        "job.disable",
        "POST",
        "/jobs/{job_id}/disable",
        202,
        JobDisableOptions,
        idempotent=False,
        summary="Disable a job so that no new tasks start.",
        description="``disable_tasks`` says what happens to running tasks: ``requeue`` them, ``terminate``\n"
        "them, or ``wait`` for them. The job passes through ``disabling`` to ``disabled``.",
        params=(
            _JOB_ID,
            Param(
                "disable_tasks",
                "DisableJobOption | str",
                "What happens to the job's running tasks: requeue, terminate or wait.",
            ),
        ),
        body=Body(JobDisableParameter, fields=("disable_tasks",)),
        response_headers=_WRITE_HEADERS,
        checks=(("disable_tasks", "disable_tasks"),),
        raises=(
            ("ValueError", "``disable_tasks`` is empty (nothing was sent)."),
            _NOT_FOUND,
            ("ConflictError", "the job is completed, terminating, being deleted or enabling."),
            _CONDITION_FAILED,
        ),
    ),
    Endpoint(
        "job.enable",
        "POST",
        "/jobs/{job_id}/enable",
        202,
        JobEnableOptions,
        idempotent=False,
        summary="Enable a disabled job so that its tasks are scheduled again.",
        description="The job passes through ``enabling`` to ``active``.",
        params=(_JOB_ID,),
        response_headers=_WRITE_HEADERS,
        raises=(_NOT_FOUND, ("ConflictError", "the job is not disabled."), _CONDITION_FAILED),
    ),
    Endpoint(
        "job.get",
        "GET",
        "/jobs/{job_id}",
        200,
        JobGetOptions,
        idempotent=True,
        summary="Get a job.",
        description="Use ``$select`` to fetch only some properties and ``$expand=stats`` for statistics.",
        params=(_JOB_ID,),
        returns=CloudJob,
        response_headers=_READ_HEADERS,
        raises=(
            _NOT_FOUND,
            ("NotModifiedError", "304, an If-None-Match/If-Modified-Since condition matched."),
            ("PreconditionFailedError", "an If-Match/If-Unmodified-Since condition failed."),
        ),
    ),
    Endpoint(
        "job.get_task_counts",
        "GET",
        "/jobs/{job_id}/taskcounts",
        200,
        JobGetTaskCountsOptions,
        idempotent=True,
        summary="Get the numbers of tasks and task slots of a job in each state.",
        description="The service may report counts a few seconds out of date.",
        params=(_JOB_ID,),
        returns=TaskCountsResult,
        response_headers=_IDS,
        raises=(_NOT_FOUND,),
    ),
    Endpoint(
        "job.list",
        "GET",
        "/jobs",
        200,
        JobListOptions,
        idempotent=True,
        kind=Kind.LIST,
        summary="List the jobs of the account, following pages lazily.",
        description="With ``raw=True`` it yields one ``Page`` per response, whose ``continuation_token``\n"
        "resumes the listing after that page when passed back as ``continuation_token=``.",
        returns=CloudJob,
        response_headers=_IDS,
        raises=(
            ("ValueError", "``max_results`` outside 1-1000 (nothing was sent)."),
            ("BadRequestError", "an invalid ``$filter``/``$select``/``$expand``."),
        ),
    ),
    Endpoint(
        "job.list_from_job_schedule",
        "GET",
        "/jobschedules/{job_schedule_id}/jobs",
        200,
        JobListFromJobScheduleOptions,
        idempotent=True,
        kind=Kind.LIST,
        summary="List the jobs created by a job schedule, following pages lazily.",
        description="Paging works as in ``list``.",
        params=(Param("job_schedule_id", "str", "The id of the job schedule."),),
        returns=CloudJob,
        response_headers=_IDS,
        raises=(("NotFoundError", "``JobScheduleNotFound``."),),
    ),
    Endpoint(
        "job.list_preparation_and_release_task_status",
        "GET",
        "/jobs/{job_id}/jobpreparationandreleasetaskstatus",
        200,
        JobListPreparationAndReleaseTaskStatusOptions,
        idempotent=True,
        kind=Kind.LIST,
        summary="List how the job preparation and release tasks ran on each node, following pages lazily.",
        description="Paging works as in ``list``.",
        params=(_JOB_ID,),
        returns=JobPreparationAndReleaseTaskExecutionInformation,
        response_headers=_IDS,
        raises=(
            _NOT_FOUND,
            ("ConflictError", "``JobPreparationTaskNotSpecified`` (the job has no preparation task)."),
        ),
    ),
    Endpoint(
        "job.patch",
        "PATCH",
        "/jobs/{job_id}",
        200,
        JobPatchOptions,
        idempotent=True,
        summary="Change some properties of a job; properties left as ``None`` keep their values.",
        description="An empty ``metadata`` list clears the job's metadata.",
        params=(_JOB_ID, Param("job_patch_parameter", "JobPatchParameter", "The properties to change.")),
        body=Body(JobPatchParameter, param="job_patch_parameter"),
        response_headers=_WRITE_HEADERS,
        checks=(("priority", "job_patch_parameter"),),
        raises=(
            ("ValueError", "the priority is outside -1000..1000 (nothing was sent)."),
            _NOT_FOUND,
            ("BadRequestError", "``InvalidPropertyValue``."),
            ("ConflictError", "the job is completed, terminating or being deleted."),
            _CONDITION_FAILED,
        ),
    ),
    Endpoint(
        "job.terminate",
        "POST",
        "/jobs/{job_id}/terminate",
        202,
        JobTerminateOptions,
        idempotent=False,
        summary="Terminate a job: stop its running tasks and mark it completed.",
        description="``terminate_reason`` is recorded in ``execution_info.terminate_reason``; without it no\n"
        "body is sent. The job passes through ``terminating`` to ``completed``.",
        params=(
            _JOB_ID,
            Param("terminate_reason", "str | None", "Why the job ends (at most 64 characters).", "None"),
        ),
        body=Body(JobTerminateParameter, fields=("terminate_reason",), optional=True),
        response_headers=_WRITE_HEADERS,
        raises=(
            _NOT_FOUND,
            ("ConflictError", "``JobBeingTerminated``, ``JobCompleted``, ``JobBeingDeleted``."),
            _CONDITION_FAILED,
        ),
    ),
    Endpoint(
        "job.update",
        "PUT",
        "/jobs/{job_id}",
        200,
        JobUpdateOptions,
        idempotent=True,
        summary="Replace all updatable properties of a job.",
        description="Properties left as ``None`` are reset to their defaults (priority 0, no constraints, no\n"
        "metadata, ``onAllTasksComplete`` noaction); ``pool_info`` is required.",
        params=(_JOB_ID, Param("job_update_parameter", "JobUpdateParameter", "The job's new properties.")),
        body=Body(JobUpdateParameter, param="job_update_parameter"),
        response_headers=_WRITE_HEADERS,
        checks=(("replacement_job", "job_update_parameter"),),
        raises=(
            ("ValueError", "``pool_info`` is missing (nothing was sent)."),
            _NOT_FOUND,
            ("ConflictError", "the job is completed, terminating or being deleted."),
            _CONDITION_FAILED,
        ),
    ),
)
