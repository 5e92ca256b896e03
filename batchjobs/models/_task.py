"""Task models: request bodies of the task operations and the task as the service reports it."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ._base import Model
from ._common import ApplicationPackageReference, BatchError, EnvironmentSetting
from ._enums import DependencyAction, JobAction, SubtaskState, TaskAddStatus, TaskExecutionResult, TaskState
from ._tasks import (
    AuthenticationTokenSettings,
    OutputFile,
    ResourceFile,
    TaskConstraints,
    TaskContainerExecutionInformation,
    TaskContainerSettings,
    TaskFailureInformation,
    UserIdentity,
)

__all__ = [
    "AffinityInformation",
    "CloudTask",
    "CloudTaskListSubtasksResult",
    "ComputeNodeInformation",
    "ExitCodeMapping",
    "ExitCodeRangeMapping",
    "ExitConditions",
    "ExitOptions",
    "MultiInstanceSettings",
    "SubtaskInformation",
    "TaskAddCollectionParameter",
    "TaskAddCollectionResult",
    "TaskAddParameter",
    "TaskAddResult",
    "TaskDependencies",
    "TaskExecutionInformation",
    "TaskIdRange",
    "TaskStatistics",
    "TaskUpdateParameter",
]


@attrs.define(kw_only=True)
class TaskAddParameter(Model):
    """A task to add to a job with ``add`` or ``add_collection``: its id, command line and options."""

    id: str
    display_name: str | None = None
    command_line: str
    container_settings: TaskContainerSettings | None = None
    exit_conditions: ExitConditions | None = None
    resource_files: list[ResourceFile] | None = None
    output_files: list[OutputFile] | None = None
    environment_settings: list[EnvironmentSetting] | None = None
    affinity_info: AffinityInformation | None = None
    constraints: TaskConstraints | None = None
    required_slots: int | None = None
    user_identity: UserIdentity | None = None
    multi_instance_settings: MultiInstanceSettings | None = None
    depends_on: TaskDependencies | None = None
    application_package_references: list[ApplicationPackageReference] | None = None
    authentication_token_settings: AuthenticationTokenSettings | None = None


@attrs.define(kw_only=True)
class TaskAddCollectionParameter(Model):
    """The body of ``add_collection``: up to 100 tasks to add to a job in one request."""

    value: list[TaskAddParameter]


@attrs.define(kw_only=True)
class TaskUpdateParameter(Model):
    """The body of ``update``: the task's new constraints; left out, they go back to their defaults."""

    constraints: TaskConstraints | None = None


@attrs.define(kw_only=True)
class CloudTask(Model):
    """A task as the service reports it: state, settings, node, execution information and statistics."""

    id: str | None = None
    display_name: str | None = None
    url: str | None = None
    e_tag: str | None = None
    last_modified: datetime | None = None
    creation_time: datetime | None = None
    exit_conditions: ExitConditions | None = None
    state: TaskState | str | None = None
    state_transition_time: datetime | None = None
    previous_state: TaskState | str | None = None
    previous_state_transition_time: datetime | None = None
    command_line: str | None = None
    container_settings: TaskContainerSettings | None = None
    resource_files: list[ResourceFile] | None = None
    output_files: list[OutputFile] | None = None
    environment_settings: list[EnvironmentSetting] | None = None
    affinity_info: AffinityInformation | None = None
    constraints: TaskConstraints | None = None
    required_slots: int | None = None
    user_identity: UserIdentity | None = None
    execution_info: TaskExecutionInformation | None = None
    node_info: ComputeNodeInformation | None = None
    multi_instance_settings: MultiInstanceSettings | None = None
    stats: TaskStatistics | None = None
    depends_on: TaskDependencies | None = None
    application_package_references: list[ApplicationPackageReference] | None = None
    authentication_token_settings: AuthenticationTokenSettings | None = None


@attrs.define(kw_only=True)
class TaskAddCollectionResult(Model):
    """The result of ``add_collection``: one entry per submitted task, in no particular order."""

    value: list[TaskAddResult] | None = None


@attrs.define(kw_only=True)
class TaskAddResult(Model):
    """Whether one task of an ``add_collection`` request was added, and the error if it was not."""

    status: TaskAddStatus | str
    task_id: str
    e_tag: str | None = None
    last_modified: datetime | None = None
    location: str | None = None
    error: BatchError | None = None


@attrs.define(kw_only=True)
class CloudTaskListSubtasksResult(Model):
    """The result of ``list_subtasks``: the subtasks of a multi-instance task (empty for other tasks)."""

    value: list[SubtaskInformation] | None = None


@attrs.define(kw_only=True)
class SubtaskInformation(Model):
    """One subtask of a multi-instance task: where and how it ran."""

    id: int | None = None
    node_info: ComputeNodeInformation | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    exit_code: int | None = None
    container_info: TaskContainerExecutionInformation | None = None
    failure_info: TaskFailureInformation | None = None
    state: SubtaskState | str | None = None
    state_transition_time: datetime | None = None
    previous_state: SubtaskState | str | None = None
    previous_state_transition_time: datetime | None = None
    result: TaskExecutionResult | str | None = None


@attrs.define(kw_only=True)
class AffinityInformation(Model):
    """A hint for the node to start a task on: the ``affinityId`` of a compute node."""

    affinity_id: str


@attrs.define(kw_only=True)
class ExitConditions(Model):
    """What to do when a task ends with given exit codes, fails to start or fails to upload its files."""

    exit_codes: list[ExitCodeMapping] | None = None
    exit_code_ranges: list[ExitCodeRangeMapping] | None = None
    pre_processing_error: ExitOptions | None = None
    file_upload_error: ExitOptions | None = None
    default: ExitOptions | None = None


@attrs.define(kw_only=True)
class ExitCodeMapping(Model):
    """What to do when a task exits with one exit code."""

    code: int
    exit_options: ExitOptions


@attrs.define(kw_only=True)
class ExitCodeRangeMapping(Model):
    """What to do when a task exits with a code in a range, both ends included."""

    start: int
    end: int
    exit_options: ExitOptions


@attrs.define(kw_only=True)
class ExitOptions(Model):
    """The action on the job and on the dependent tasks when an exit condition applies."""

    job_action: JobAction | str | None = None
    dependency_action: DependencyAction | str | None = None


@attrs.define(kw_only=True)
class MultiInstanceSettings(Model):
    """How a multi-instance (MPI) task runs on several nodes at once."""

    number_of_instances: int | None = None
    coordination_command_line: str
    common_resource_files: list[ResourceFile] | None = None


@attrs.define(kw_only=True)
class TaskDependencies(Model):
    """The tasks a task waits for: ids and inclusive ranges of integer ids."""

    task_ids: list[str] | None = None
    task_id_ranges: list[TaskIdRange] | None = None


@attrs.define(kw_only=True)
class TaskIdRange(Model):
    """An inclusive range of integer task ids that a task depends on."""

    start: int
    end: int


@attrs.define(kw_only=True)
class ComputeNodeInformation(Model):
    """The compute node a task ran on and the task's directory there."""

    affinity_id: str | None = None
    node_url: str | None = None
    pool_id: str | None = None
    node_id: str | None = None
    task_root_directory: str | None = None
    task_root_directory_url: str | None = None


@attrs.define(kw_only=True)
class TaskExecutionInformation(Model):
    """When a task ran, how it ended, and how often it was retried or requeued."""

    start_time: datetime | None = None
    end_time: datetime | None = None
    exit_code: int | None = None
    container_info: TaskContainerExecutionInformation | None = None
    failure_info: TaskFailureInformation | None = None
    retry_count: int
    last_retry_time: datetime | None = None
    requeue_count: int
    last_requeue_time: datetime | None = None
    result: TaskExecutionResult | str | None = None


@attrs.define(kw_only=True)
class TaskStatistics(Model):
    """Resource usage statistics of a task."""

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
    wait_time: timedelta
