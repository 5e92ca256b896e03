"""Job models: request bodies of the job operations and the job as the service reports it."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ._base import Model
from ._common import EnvironmentSetting, MetadataItem, NameValuePair
from ._enums import (
    DisableJobOption,
    ErrorCategory,
    JobPreparationTaskState,
    JobReleaseTaskState,
    JobState,
    OnAllTasksComplete,
    OnTaskFailure,
    TaskExecutionResult,
)
from ._pool import AutoPoolSpecification
from ._tasks import (
    JobManagerTask,
    JobPreparationTask,
    JobReleaseTask,
    TaskContainerExecutionInformation,
    TaskFailureInformation,
)

__all__ = [
    "CloudJob",
    "JobAddParameter",
    "JobConstraints",
    "JobDisableParameter",
    "JobExecutionInformation",
    "JobNetworkConfiguration",
    "JobPatchParameter",
    "JobPreparationAndReleaseTaskExecutionInformation",
    "JobPreparationTaskExecutionInformation",
    "JobReleaseTaskExecutionInformation",
    "JobSchedulingError",
    "JobStatistics",
    "JobTerminateParameter",
    "JobUpdateParameter",
    "PoolInformation",
    "TaskCounts",
    "TaskCountsResult",
    "TaskSlotCounts",
]


@attrs.define(kw_only=True)
class JobAddParameter(Model):
    """A job to create with ``add``: its id, the pool it runs on, and optional tasks and limits."""

    id: str
    display_name: str | None = None
    priority: int | None = None
    max_parallel_tasks: int | None = None
    allow_task_preemption: bool | None = None
    constraints: JobConstraints | None = None
    job_manager_task: JobManagerTask | None = None
    job_preparation_task: JobPreparationTask | None = None
    job_release_task: JobReleaseTask | None = None
    common_environment_settings: list[EnvironmentSetting] | None = None
    pool_info: PoolInformation
    on_all_tasks_complete: OnAllTasksComplete | str | None = None
    on_task_failure: OnTaskFailure | str | None = None
    metadata: list[MetadataItem] | None = None
    uses_task_dependencies: bool | None = None
    network_configuration: JobNetworkConfiguration | None = None


@attrs.define(kw_only=True)
class JobPatchParameter(Model):
    """The job properties to change with ``patch``; fields left as ``None`` stay as they are."""

    priority: int | None = None
    max_parallel_tasks: int | None = None
    allow_task_preemption: bool | None = None
    on_all_tasks_complete: OnAllTasksComplete | str | None = None
    constraints: JobConstraints | None = None
    pool_info: PoolInformation | None = None
    metadata: list[MetadataItem] | None = None


@attrs.define(kw_only=True)
class JobUpdateParameter(Model):
    """All updatable job properties for ``update``; fields left out are reset to their defaults."""

    priority: int | None = None
    max_parallel_tasks: int | None = None
    allow_task_preemption: bool | None = None
    constraints: JobConstraints | None = None
    pool_info: PoolInformation
    metadata: list[MetadataItem] | None = None
    on_all_tasks_complete: OnAllTasksComplete | str | None = None


@attrs.define(kw_only=True)
class JobDisableParameter(Model):
    """The body of ``disable``: what happens to the tasks that are running."""

    disable_tasks: DisableJobOption | str


@attrs.define(kw_only=True)
class JobTerminateParameter(Model):
    """The body of ``terminate``: an optional reason recorded on the job."""

    terminate_reason: str | None = None


@attrs.define(kw_only=True)
class CloudJob(Model):
    """A job as the service reports it, with its state, settings, execution information and statistics."""

    id: str | None = None
    display_name: str | None = None
    uses_task_dependencies: bool | None = None
    url: str | None = None
    e_tag: str | None = None
    last_modified: datetime | None = None
    creation_time: datetime | None = None
    state: JobState | str | None = None
    state_transition_time: datetime | None = None
    previous_state: JobState | str | None = None
    previous_state_transition_time: datetime | None = None
    priority: int | None = None
    allow_task_preemption: bool | None = None
    max_parallel_tasks: int | None = None
    constraints: JobConstraints | None = None
    job_manager_task: JobManagerTask | None = None
    job_preparation_task: JobPreparationTask | None = None
    job_release_task: JobReleaseTask | None = None
    common_environment_settings: list[EnvironmentSetting] | None = None
    pool_info: PoolInformation | None = None
    on_all_tasks_complete: OnAllTasksComplete | str | None = None
    on_task_failure: OnTaskFailure | str | None = None
    network_configuration: JobNetworkConfiguration | None = None
    metadata: list[MetadataItem] | None = None
    execution_info: JobExecutionInformation | None = None
    stats: JobStatistics | None = None


@attrs.define(kw_only=True)
class TaskCountsResult(Model):
    """Task and task-slot counts of a job, grouped by task state."""

    task_counts: TaskCounts
    task_slot_counts: TaskSlotCounts


@attrs.define(kw_only=True)
class JobPreparationAndReleaseTaskExecutionInformation(Model):
    """How the job preparation and release tasks ran on one compute node."""

    pool_id: str | None = None
    node_id: str | None = None
    node_url: str | None = None
    job_preparation_task_execution_info: JobPreparationTaskExecutionInformation | None = None
    job_release_task_execution_info: JobReleaseTaskExecutionInformation | None = None


@attrs.define(kw_only=True)
class JobConstraints(Model):
    """Time and retry limits for a job."""

    max_wall_clock_time: timedelta | None = None
    max_task_retry_count: int | None = None


@attrs.define(kw_only=True)
class JobNetworkConfiguration(Model):
    """The virtual network subnet that the job's tasks run in."""

    subnet_id: str


@attrs.define(kw_only=True)
class PoolInformation(Model):
    """Which pool runs a job: an existing pool id or an automatically created pool."""

    pool_id: str | None = None
    auto_pool_specification: AutoPoolSpecification | None = None


@attrs.define(kw_only=True)
class JobExecutionInformation(Model):
    """When a job started and ended, the pool it ran on and why it ended."""

    start_time: datetime
    end_time: datetime | None = None
    pool_id: str | None = None
    scheduling_error: JobSchedulingError | None = None
    terminate_reason: str | None = None


@attrs.define(kw_only=True)
class JobStatistics(Model):
    """Resource usage and task statistics of a job."""

    url: str
    start_time: datetime
    last_update_time: datetime
    user_cpu_time: timedelta = attrs.field(metadata={"wire": "userCPUTime"})
    kernel_cpu_time: timedelta = attrs.field(metadata={"wire": "kernelCPUTime"})
    wall_clock_time: timedelta
    read_iops: int = attrs.field(metadata={"wire": "readIOps"})
    write_iops: int = attrs.field(metadata={"wire": "writeIOps"})
    read_io_gi_b: float = attrs.field(metadata={"wire": "readIOGiB"})
    write_io_gi_b: float = attrs.field(metadata={"wire": "writeIOGiB"})
    num_succeeded_tasks: int
    num_failed_tasks: int
    num_task_retries: int
    wait_time: timedelta


@attrs.define(kw_only=True)
class TaskCounts(Model):
    """Numbers of tasks of a job in each state."""

    active: int
    running: int
    completed: int
    succeeded: int
    failed: int


@attrs.define(kw_only=True)
class TaskSlotCounts(Model):
    """Numbers of task slots used by the tasks of a job in each state."""

    active: int
    running: int
    completed: int
    succeeded: int
    failed: int


@attrs.define(kw_only=True)
class JobPreparationTaskExecutionInformation(Model):
    """How the job preparation task ran on a node."""

    start_time: datetime
    end_time: datetime | None = None
    state: JobPreparationTaskState | str
    task_root_directory: str | None = None
    task_root_directory_url: str | None = None
    exit_code: int | None = None
    container_info: TaskContainerExecutionInformation | None = None
    failure_info: TaskFailureInformation | None = None
    retry_count: int
    last_retry_time: datetime | None = None
    result: TaskExecutionResult | str | None = None


@attrs.define(kw_only=True)
class JobReleaseTaskExecutionInformation(Model):
    """How the job release task ran on a node."""

    start_time: datetime
    end_time: datetime | None = None
    state: JobReleaseTaskState | str
    task_root_directory: str | None = None
    task_root_directory_url: str | None = None
    exit_code: int | None = None
    container_info: TaskContainerExecutionInformation | None = None
    failure_info: TaskFailureInformation | None = None
    result: TaskExecutionResult | str | None = None


@attrs.define(kw_only=True)
class JobSchedulingError(Model):
    """Why the service could not schedule a job."""

    category: ErrorCategory | str
    code: str | None = None
    message: str | None = None
    details: list[NameValuePair] | None = None
