"""The twelve operations with test data (calls, canned responses, wire captures), for parametrized tests."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from batchjobs import BatchServiceClient, models
from batchjobs._api import Endpoint, Kind, by_id
from tests.client.support import collect

Headers = Mapping[str, str] | None
Call = Callable[..., Awaitable[Any]]

POOL = models.PoolInformation(pool_id="pool-1")

TASK_COUNTS_BODY = {
    "taskCounts": {"active": 5, "running": 7, "completed": 4, "succeeded": 2, "failed": 2},
    "taskSlotCounts": {"active": 5, "running": 7, "completed": 4, "succeeded": 2, "failed": 2},
}


@dataclass(frozen=True)
class Op:
    """One operation: how to call it with defaults and what the 14.x SDK put on the wire for it.

    Method, path, status and options come from the operation's record in ``batchjobs._api``.
    """

    name: str
    call: Call
    response: Any = None  # JSON body of the success response
    body: Any = None  # the JSON body sent with defaults
    defaults_capture: str = ""
    all_options_capture: str = ""
    capture_id: str = "job-1"
    all_options_id: str = "job-1"
    all_options_call: Call | None = None

    def __str__(self) -> str:
        return self.name

    @property
    def endpoint(self) -> Endpoint:
        return by_id(f"job.{self.name}")

    @property
    def method(self) -> str:
        return self.endpoint.method

    @property
    def path(self) -> str:
        """The path template, ``{id}`` standing for the job (or job schedule) id."""
        return re.sub(r"\{\w+\}", "{id}", self.endpoint.path)

    @property
    def status(self) -> int:
        return self.endpoint.ok

    @property
    def options_cls(self) -> type:
        return self.endpoint.options_type

    @property
    def paged(self) -> bool:
        return self.endpoint.kind is Kind.LIST

    @property
    def takes_id(self) -> bool:
        return bool(self.endpoint.path_params)

    def target(self, resource_id: str = "job-1") -> str:
        return self.path.format(id=resource_id)


async def _add(client: BatchServiceClient, _: str, options: Any, headers: Headers, **config: Any) -> Any:
    return await client.job.add(
        models.JobAddParameter(id="job-1", pool_info=POOL), options, headers, **config
    )


async def _add_all(client: BatchServiceClient, _: str, options: Any, headers: Headers, **config: Any) -> Any:
    job = models.JobAddParameter(
        id="job-1",
        display_name="Job One",
        priority=100,
        max_parallel_tasks=4,
        constraints=models.JobConstraints(
            max_wall_clock_time=timedelta(hours=1, minutes=30), max_task_retry_count=-1
        ),
        pool_info=POOL,
        on_all_tasks_complete=models.OnAllTasksComplete.terminate_job,
        on_task_failure=models.OnTaskFailure.perform_exit_options_job_action,
        metadata=[models.MetadataItem(name="owner", value="ünïcode ☃")],
        uses_task_dependencies=True,
    )
    return await client.job.add(job, options, headers, **config)


async def _delete(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.delete(job_id, options, headers, **config)


async def _disable(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.disable(job_id, models.DisableJobOption.requeue, options, headers, **config)


async def _disable_all(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.disable(job_id, "terminate", options, headers, **config)


async def _enable(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.enable(job_id, options, headers, **config)


async def _get(client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any) -> Any:
    return await client.job.get(job_id, options, headers, **config)


async def _get_task_counts(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.get_task_counts(job_id, options, headers, **config)


async def _list(client: BatchServiceClient, _: str, options: Any, headers: Headers, **config: Any) -> Any:
    return await collect(client.job.list(options, headers, **config))


async def _list_from_job_schedule(
    client: BatchServiceClient, schedule_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await collect(client.job.list_from_job_schedule(schedule_id, options, headers, **config))


async def _list_prep_release(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await collect(
        client.job.list_preparation_and_release_task_status(job_id, options, headers, **config)
    )


async def _patch(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.patch(job_id, models.JobPatchParameter(priority=10), options, headers, **config)


async def _patch_all(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    parameter = models.JobPatchParameter(
        priority=5,
        max_parallel_tasks=2,
        allow_task_preemption=True,
        on_all_tasks_complete="TerminateJob",
        constraints=models.JobConstraints(max_wall_clock_time=timedelta(days=2, seconds=3.5)),
        metadata=[],
    )
    return await client.job.patch(job_id, parameter, options, headers, **config)


async def _terminate(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.terminate(job_id, None, options, headers, **config)


async def _terminate_all(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.terminate(job_id, "done by user", options, headers, **config)


async def _update(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    return await client.job.update(
        job_id, models.JobUpdateParameter(pool_info=POOL), options, headers, **config
    )


async def _update_all(
    client: BatchServiceClient, job_id: str, options: Any, headers: Headers, **config: Any
) -> Any:
    parameter = models.JobUpdateParameter(
        priority=0,
        max_parallel_tasks=-1,
        constraints=models.JobConstraints(max_task_retry_count=3),
        pool_info=models.PoolInformation(pool_id="pool-2"),
        on_all_tasks_complete=models.OnAllTasksComplete.no_action,
    )
    return await client.job.update(job_id, parameter, options, headers, **config)


OPS: list[Op] = [
    Op(
        "add",
        _add,
        body={"id": "job-1", "poolInfo": {"poolId": "pool-1"}},
        defaults_capture="add (defaults)",
        all_options_capture="add (all options)",
        all_options_call=_add_all,
    ),
    Op(
        "delete",
        _delete,
        defaults_capture="delete (defaults)",
        all_options_capture="delete (all options)",
        all_options_id="job 1/ü",
    ),
    Op(
        "disable",
        _disable,
        body={"disableTasks": "requeue"},
        defaults_capture="disable (defaults)",
        all_options_capture="disable (all options)",
        all_options_call=_disable_all,
    ),
    Op(
        "enable",
        _enable,
        defaults_capture="enable (defaults)",
        all_options_capture="enable (all options)",
    ),
    Op(
        "get",
        _get,
        response={"id": "job-1", "state": "active"},
        defaults_capture="get (defaults)",
        all_options_capture="get (all options)",
    ),
    Op(
        "get_task_counts",
        _get_task_counts,
        response=TASK_COUNTS_BODY,
        defaults_capture="get_task_counts (defaults)",
        all_options_capture="get_task_counts (all options)",
    ),
    Op(
        "list",
        _list,
        response={"value": [{"id": "job-1"}]},
        defaults_capture="list (defaults, iterates two pages)",
        all_options_capture="list (all options)",
    ),
    Op(
        "list_from_job_schedule",
        _list_from_job_schedule,
        response={"value": [{"id": "job-1"}]},
        defaults_capture="list_from_job_schedule (defaults)",
        all_options_capture="list_from_job_schedule (all options)",
        capture_id="sched-1",
        all_options_id="sched-1",
    ),
    Op(
        "list_preparation_and_release_task_status",
        _list_prep_release,
        response={"value": [{"nodeId": "tvm-1"}]},
        defaults_capture="list_preparation_and_release_task_status (defaults)",
        all_options_capture="list_preparation_and_release_task_status (all options)",
    ),
    Op(
        "patch",
        _patch,
        body={"priority": 10},
        defaults_capture="patch (defaults)",
        all_options_capture="patch (all options)",
        all_options_call=_patch_all,
    ),
    Op(
        "terminate",
        _terminate,
        defaults_capture="terminate (defaults, no reason -> no body)",
        all_options_capture="terminate (all options, with reason)",
        all_options_call=_terminate_all,
    ),
    Op(
        "update",
        _update,
        body={"poolInfo": {"poolId": "pool-1"}},
        defaults_capture="update (defaults)",
        all_options_capture="update (all options)",
        all_options_call=_update_all,
    ),
]

BY_NAME = {op.name: op for op in OPS}
ID_OPS = [op for op in OPS if op.takes_id]
SINGLE_OPS = [op for op in OPS if not op.paged]
PAGED_OPS = [op for op in OPS if op.paged]

_BASE = {"timeout", "client_request_id", "return_client_request_id", "ocp_date"}
_CONDITIONS = {"if_match", "if_none_match", "if_modified_since", "if_unmodified_since"}

#: Which option fields each operation takes (jobs-api.md sections 3.1 and 3.2).
OPTION_FIELDS: dict[str, set[str]] = {
    "add": _BASE,
    "delete": _BASE | _CONDITIONS,
    "disable": _BASE | _CONDITIONS,
    "enable": _BASE | _CONDITIONS,
    "get": _BASE | _CONDITIONS | {"select", "expand"},
    "get_task_counts": _BASE,
    "list": _BASE | {"filter", "select", "expand", "max_results"},
    "list_from_job_schedule": _BASE | {"filter", "select", "expand", "max_results"},
    "list_preparation_and_release_task_status": _BASE | {"filter", "select", "max_results"},
    "patch": _BASE | _CONDITIONS,
    "terminate": _BASE | _CONDITIONS,
    "update": _BASE | _CONDITIONS,
}
