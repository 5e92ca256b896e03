"""The nine task operations of api-version 2023-05-01.17.0, as azure-batch 14.x names them.

Facts from ``spec/tasks-api.md`` and ``spec/models-tasks.json``; the docstring texts are ours.
"""

from __future__ import annotations

from ..models import (
    CloudTask,
    CloudTaskListSubtasksResult,
    TaskAddCollectionOptions,
    TaskAddCollectionParameter,
    TaskAddCollectionResult,
    TaskAddOptions,
    TaskAddParameter,
    TaskDeleteOptions,
    TaskGetOptions,
    TaskListOptions,
    TaskListSubtasksOptions,
    TaskReactivateOptions,
    TaskTerminateOptions,
    TaskUpdateOptions,
    TaskUpdateParameter,
)
from ._records import Body, Endpoint, Group, Kind, Param

__all__ = ["TASK", "TASK_ENDPOINTS"]

TASK = Group(
    "task",
    "The task operations of a job: add tasks (one or any number), read, list, change and end them.\n\n"
    "Reach it as ``client.task``. Every method takes the azure-batch 14.x parameters; ``raw=True``\n"
    "returns a ``RawResponse`` (list operations then yield ``Page`` objects); ``**operation_config``\n"
    "takes ``request_timeout`` (a client-side deadline in seconds for the whole call, retries\n"
    "included) and ``retry_policy``.",
)

_JOB_ID = Param("job_id", "str", "The id of the job.")
_TASK_ID = Param("task_id", "str", "The id of the task.")
_WRITE_HEADERS = ("ETag", "Last-Modified", "DataServiceId", "request-id", "client-request-id")
_IDS = ("request-id", "client-request-id")
_CONDITION_FAILED = ("PreconditionFailedError", "an If-* condition failed.")
_NOT_FOUND = ("NotFoundError", "``TaskNotFound`` or ``JobNotFound``.")

TASK_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "task.add",
        "POST",
        "/jobs/{job_id}/tasks",
        201,
        TaskAddOptions,
        idempotent=False,
        summary="Add a task to a job.",
        description="The id is checked before sending: 1-64 letters, digits, ``-`` or ``_``; ids are unique\n"
        "in the job regardless of case. The task starts ``active``.",
        params=(_JOB_ID, Param("task", "TaskAddParameter", "The task to add.")),
        body=Body(TaskAddParameter, param="task"),
        response_headers=_WRITE_HEADERS,
        exists_code="TaskExists",
        checks=(("new_task", "task"),),
        raises=(
            ("ValueError", "The id, command line or another property is invalid (nothing was sent)."),
            (
                "ConflictError",
                "``TaskExists`` (or ``TaskMayExistError`` when an earlier attempt of this\n"
                "call failed ambiguously), ``JobCompleted``, ``JobNotActive``.",
            ),
            ("NotFoundError", "``JobNotFound``."),
            ("BadRequestError", "``InvalidPropertyValue``, ``TaskDependenciesNotSpecifiedOnJob``, ..."),
        ),
    ),
    Endpoint(
        "task.add_collection",
        "POST",
        "/jobs/{job_id}/addtaskcollection",
        200,
        TaskAddCollectionOptions,
        idempotent=False,
        summary="Add any number of tasks to a job.",
        params=(_JOB_ID, Param("value", "Iterable[TaskAddParameter]", "The tasks to add.")),
        body=Body(TaskAddCollectionParameter, fields=("value",)),
        returns=TaskAddCollectionResult,
        response_headers=_IDS,
        hand_written=True,
    ),
    Endpoint(
        "task.list",
        "GET",
        "/jobs/{job_id}/tasks",
        200,
        TaskListOptions,
        idempotent=True,
        kind=Kind.LIST,
        summary="List the tasks of a job, following pages lazily.",
        description="With ``raw=True`` it yields one ``Page`` per response, whose ``continuation_token``\n"
        "resumes the listing after that page when passed back as ``continuation_token=``.",
        params=(_JOB_ID,),
        returns=CloudTask,
        response_headers=_IDS,
        raises=(
            ("ValueError", "``max_results`` outside 1-1000 (nothing was sent)."),
            ("NotFoundError", "``JobNotFound``."),
            ("BadRequestError", "an invalid ``$filter``/``$select``/``$expand``."),
        ),
    ),
    Endpoint(
        "task.get",
        "GET",
        "/jobs/{job_id}/tasks/{task_id}",
        200,
        TaskGetOptions,
        idempotent=True,
        summary="Get a task.",
        description="Use ``$select`` to fetch only some properties and ``$expand=stats`` for statistics.\n"
        "A task's ETag does not change with its state.",
        params=(_JOB_ID, _TASK_ID),
        returns=CloudTask,
        response_headers=_WRITE_HEADERS,
        raises=(
            _NOT_FOUND,
            ("NotModifiedError", "304, an If-None-Match/If-Modified-Since condition matched."),
            ("PreconditionFailedError", "an If-Match/If-Unmodified-Since condition failed."),
        ),
    ),
    Endpoint(
        "task.update",
        "PUT",
        "/jobs/{job_id}/tasks/{task_id}",
        200,
        TaskUpdateOptions,
        idempotent=True,
        summary="Replace the constraints of a task.",
        description="Constraints left as ``None`` return the task to the default constraints.",
        params=(
            _JOB_ID,
            _TASK_ID,
            Param("constraints", "TaskConstraints | None", "The task's new constraints.", "None"),
        ),
        body=Body(TaskUpdateParameter, fields=("constraints",)),
        response_headers=_WRITE_HEADERS,
        raises=(_NOT_FOUND, ("ConflictError", "the task is completed."), _CONDITION_FAILED),
    ),
    Endpoint(
        "task.delete",
        "DELETE",
        "/jobs/{job_id}/tasks/{task_id}",
        200,
        TaskDeleteOptions,
        idempotent=True,
        summary="Delete a task and its files on the node.",
        description="A running task is stopped first.",
        params=(_JOB_ID, _TASK_ID),
        response_headers=_IDS,
        raises=(_NOT_FOUND, _CONDITION_FAILED),
    ),
    Endpoint(
        "task.terminate",
        "POST",
        "/jobs/{job_id}/tasks/{task_id}/terminate",
        204,
        TaskTerminateOptions,
        idempotent=False,
        summary="Terminate a task: it never starts, or its process is killed; it ends ``completed``.",
        params=(_JOB_ID, _TASK_ID),
        response_headers=_WRITE_HEADERS,
        raises=(_NOT_FOUND, ("ConflictError", "``TaskCompleted``, ``JobNotActive``."), _CONDITION_FAILED),
    ),
    Endpoint(
        "task.reactivate",
        "POST",
        "/jobs/{job_id}/tasks/{task_id}/reactivate",
        204,
        TaskReactivateOptions,
        idempotent=False,
        summary="Make a failed completed task ``active`` again, with its retry count reset.",
        params=(_JOB_ID, _TASK_ID),
        response_headers=_WRITE_HEADERS,
        raises=(
            _NOT_FOUND,
            ("ConflictError", "the task is not completed or did not fail (``TaskNotFailed``)."),
            _CONDITION_FAILED,
        ),
    ),
    Endpoint(
        "task.list_subtasks",
        "GET",
        "/jobs/{job_id}/tasks/{task_id}/subtasksinfo",
        200,
        TaskListSubtasksOptions,
        idempotent=True,
        summary="List the subtasks of a multi-instance task (one response, not paged).",
        params=(_JOB_ID, _TASK_ID),
        returns=CloudTaskListSubtasksResult,
        response_headers=("ETag", "Last-Modified", "request-id", "client-request-id"),
        raises=(_NOT_FOUND,),
    ),
)
