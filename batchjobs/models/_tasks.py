"""Task specifications carried by a job: job manager, preparation and release tasks and their parts."""

from __future__ import annotations

from datetime import timedelta

import attrs

from ._base import Model
from ._common import (
    ApplicationPackageReference,
    ComputeNodeIdentityReference,
    EnvironmentSetting,
    NameValuePair,
)
from ._enums import (
    AccessScope,
    AutoUserScope,
    ContainerWorkingDirectory,
    ElevationLevel,
    ErrorCategory,
    OutputFileUploadCondition,
)

__all__ = [
    "AuthenticationTokenSettings",
    "AutoUserSpecification",
    "ContainerRegistry",
    "HttpHeader",
    "JobManagerTask",
    "JobPreparationTask",
    "JobReleaseTask",
    "OutputFile",
    "OutputFileBlobContainerDestination",
    "OutputFileDestination",
    "OutputFileUploadOptions",
    "ResourceFile",
    "TaskConstraints",
    "TaskContainerExecutionInformation",
    "TaskContainerSettings",
    "TaskFailureInformation",
    "UserIdentity",
]


@attrs.define(kw_only=True)
class JobManagerTask(Model):
    """The task that starts first in a job and typically creates and watches the other tasks."""

    id: str
    display_name: str | None = None
    command_line: str
    container_settings: TaskContainerSettings | None = None
    resource_files: list[ResourceFile] | None = None
    output_files: list[OutputFile] | None = None
    environment_settings: list[EnvironmentSetting] | None = None
    constraints: TaskConstraints | None = None
    required_slots: int | None = None
    kill_job_on_completion: bool | None = None
    user_identity: UserIdentity | None = None
    run_exclusive: bool | None = None
    application_package_references: list[ApplicationPackageReference] | None = None
    authentication_token_settings: AuthenticationTokenSettings | None = None
    allow_low_priority_node: bool | None = None


@attrs.define(kw_only=True)
class JobPreparationTask(Model):
    """A task that runs on each node before any other task of the job runs there."""

    id: str | None = None
    command_line: str
    container_settings: TaskContainerSettings | None = None
    resource_files: list[ResourceFile] | None = None
    environment_settings: list[EnvironmentSetting] | None = None
    constraints: TaskConstraints | None = None
    wait_for_success: bool | None = None
    user_identity: UserIdentity | None = None
    rerun_on_node_reboot_after_success: bool | None = None


@attrs.define(kw_only=True)
class JobReleaseTask(Model):
    """A task that runs on each node that ran the job's tasks, after the job ends."""

    id: str | None = None
    command_line: str
    container_settings: TaskContainerSettings | None = None
    resource_files: list[ResourceFile] | None = None
    environment_settings: list[EnvironmentSetting] | None = None
    max_wall_clock_time: timedelta | None = None
    retention_time: timedelta | None = None
    user_identity: UserIdentity | None = None


@attrs.define(kw_only=True)
class ResourceFile(Model):
    """A file or blob container that is downloaded to a node before a task runs."""

    auto_storage_container_name: str | None = None
    storage_container_url: str | None = None
    http_url: str | None = None
    blob_prefix: str | None = None
    file_path: str | None = None
    file_mode: str | None = None
    identity_reference: ComputeNodeIdentityReference | None = None


@attrs.define(kw_only=True)
class OutputFile(Model):
    """Files that a task uploads when it finishes."""

    file_pattern: str
    destination: OutputFileDestination
    upload_options: OutputFileUploadOptions


@attrs.define(kw_only=True)
class OutputFileDestination(Model):
    """Where output files are uploaded."""

    container: OutputFileBlobContainerDestination | None = None


@attrs.define(kw_only=True)
class OutputFileBlobContainerDestination(Model):
    """An Azure Storage blob container to upload files to."""

    path: str | None = None
    container_url: str
    identity_reference: ComputeNodeIdentityReference | None = None
    upload_headers: list[HttpHeader] | None = None


@attrs.define(kw_only=True)
class OutputFileUploadOptions(Model):
    """When output files are uploaded."""

    upload_condition: OutputFileUploadCondition | str


@attrs.define(kw_only=True)
class HttpHeader(Model):
    """An HTTP header sent with output file uploads."""

    name: str
    value: str | None = None


@attrs.define(kw_only=True)
class TaskConstraints(Model):
    """Time and retry limits for a task."""

    max_wall_clock_time: timedelta | None = None
    retention_time: timedelta | None = None
    max_task_retry_count: int | None = None


@attrs.define(kw_only=True)
class TaskContainerSettings(Model):
    """The container a task runs in."""

    container_run_options: str | None = None
    image_name: str
    registry: ContainerRegistry | None = None
    working_directory: ContainerWorkingDirectory | str | None = None


@attrs.define(kw_only=True)
class ContainerRegistry(Model):
    """A private container registry and the credentials to log in to it."""

    user_name: str | None = attrs.field(default=None, metadata={"wire": "username"})
    password: str | None = None
    registry_server: str | None = None
    identity_reference: ComputeNodeIdentityReference | None = None


@attrs.define(kw_only=True)
class UserIdentity(Model):
    """The user account a task runs as: a named user or an automatic user."""

    user_name: str | None = attrs.field(default=None, metadata={"wire": "username"})
    auto_user: AutoUserSpecification | None = None


@attrs.define(kw_only=True)
class AutoUserSpecification(Model):
    """How the automatic user account that runs a task is set up."""

    scope: AutoUserScope | str | None = None
    elevation_level: ElevationLevel | str | None = None


@attrs.define(kw_only=True)
class AuthenticationTokenSettings(Model):
    """Which Batch operations a task's authentication token may perform."""

    access: list[AccessScope | str] | None = None


@attrs.define(kw_only=True)
class TaskContainerExecutionInformation(Model):
    """The container a task ran in and its state."""

    container_id: str | None = None
    state: str | None = None
    error: str | None = None


@attrs.define(kw_only=True)
class TaskFailureInformation(Model):
    """Why a task failed."""

    category: ErrorCategory | str
    code: str | None = None
    message: str | None = None
    details: list[NameValuePair] | None = None
