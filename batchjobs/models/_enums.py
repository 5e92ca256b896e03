"""Enumerations. Fields typed with them also take plain strings, so new service values never break."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AccessScope",
    "AutoUserScope",
    "CachingType",
    "CertificateStoreLocation",
    "CertificateVisibility",
    "ComputeNodeFillType",
    "ContainerType",
    "ContainerWorkingDirectory",
    "DependencyAction",
    "DiffDiskPlacement",
    "DisableJobOption",
    "DiskEncryptionTarget",
    "DynamicVNetAssignmentScope",
    "ElevationLevel",
    "ErrorCategory",
    "IPAddressProvisioningType",
    "InboundEndpointProtocol",
    "JobAction",
    "JobPreparationTaskState",
    "JobReleaseTaskState",
    "JobState",
    "LoginMode",
    "NetworkSecurityGroupRuleAccess",
    "NodeCommunicationMode",
    "NodePlacementPolicyType",
    "OnAllTasksComplete",
    "OnTaskFailure",
    "OutputFileUploadCondition",
    "PoolLifetimeOption",
    "StorageAccountType",
    "SubtaskState",
    "TaskAddStatus",
    "TaskExecutionResult",
    "TaskState",
]


class AccessScope(StrEnum):
    """Batch operations a task's authentication token may perform."""

    job = "job"


class AutoUserScope(StrEnum):
    """Whether an automatic user is shared by the tasks of a pool or made per task."""

    task = "task"
    pool = "pool"


class CachingType(StrEnum):
    """Disk caching mode of a data disk."""

    none = "none"
    read_only = "readonly"
    read_write = "readwrite"


class CertificateStoreLocation(StrEnum):
    """Windows certificate store location."""

    current_user = "currentuser"
    local_machine = "localmachine"


class CertificateVisibility(StrEnum):
    """Which user accounts can see a certificate."""

    start_task = "starttask"
    task = "task"
    remote_user = "remoteuser"


class ComputeNodeFillType(StrEnum):
    """How tasks are distributed across nodes."""

    spread = "spread"
    pack = "pack"


class ContainerType(StrEnum):
    """The container technology of a pool."""

    docker_compatible = "dockerCompatible"
    cri_compatible = "criCompatible"


class ContainerWorkingDirectory(StrEnum):
    """The working directory of a container task."""

    task_working_directory = "taskWorkingDirectory"
    container_image_default = "containerImageDefault"


class DependencyAction(StrEnum):
    """Whether a failed task lets the tasks that depend on it run or keeps them waiting."""

    satisfy = "satisfy"
    block = "block"


class DiffDiskPlacement(StrEnum):
    """Where an ephemeral OS disk is placed."""

    cache_disk = "CacheDisk"


class DisableJobOption(StrEnum):
    """What ``disable`` does with running tasks."""

    requeue = "requeue"
    terminate = "terminate"
    wait = "wait"


class DiskEncryptionTarget(StrEnum):
    """A disk that can be encrypted."""

    os_disk = "osdisk"
    temporary_disk = "temporarydisk"


class DynamicVNetAssignmentScope(StrEnum):
    """Scope of dynamic virtual network assignment."""

    none = "none"
    job = "job"


class ElevationLevel(StrEnum):
    """Administrator or ordinary user."""

    non_admin = "nonadmin"
    admin = "admin"


class ErrorCategory(StrEnum):
    """Whether an error was caused by the user or the service."""

    user_error = "usererror"
    server_error = "servererror"


class IPAddressProvisioningType(StrEnum):
    """How public IP addresses are provided."""

    batch_managed = "batchmanaged"
    user_managed = "usermanaged"
    no_public_ip_addresses = "nopublicipaddresses"


class InboundEndpointProtocol(StrEnum):
    """Protocol of an inbound endpoint."""

    tcp = "tcp"
    udp = "udp"


class JobAction(StrEnum):
    """What the service does to the job when a task ends with a given exit condition."""

    none = "none"
    disable = "disable"
    terminate = "terminate"


class JobPreparationTaskState(StrEnum):
    """State of a job preparation task on a node."""

    running = "running"
    completed = "completed"


class JobReleaseTaskState(StrEnum):
    """State of a job release task on a node."""

    running = "running"
    completed = "completed"


class JobState(StrEnum):
    """State of a job."""

    active = "active"
    disabling = "disabling"
    disabled = "disabled"
    enabling = "enabling"
    terminating = "terminating"
    completed = "completed"
    deleting = "deleting"


class LoginMode(StrEnum):
    """Windows login mode of a user account."""

    batch = "batch"
    interactive = "interactive"


class NetworkSecurityGroupRuleAccess(StrEnum):
    """Allow or deny traffic."""

    allow = "allow"
    deny = "deny"


class NodeCommunicationMode(StrEnum):
    """How nodes communicate with the Batch service."""

    default = "default"
    classic = "classic"
    simplified = "simplified"


class NodePlacementPolicyType(StrEnum):
    """Regional or zonal node placement."""

    regional = "regional"
    zonal = "zonal"


class OnAllTasksComplete(StrEnum):
    """What the service does when all tasks of a job are complete."""

    no_action = "noaction"
    terminate_job = "terminatejob"


class OnTaskFailure(StrEnum):
    """What the service does when a task of the job fails."""

    no_action = "noaction"
    perform_exit_options_job_action = "performexitoptionsjobaction"


class OutputFileUploadCondition(StrEnum):
    """When output files are uploaded."""

    task_success = "tasksuccess"
    task_failure = "taskfailure"
    task_completion = "taskcompletion"


class PoolLifetimeOption(StrEnum):
    """Whether an automatic pool lives as long as a job or a job schedule."""

    job_schedule = "jobschedule"
    job = "job"


class StorageAccountType(StrEnum):
    """Storage account type of a data disk."""

    standard_lrs = "standard_lrs"
    premium_lrs = "premium_lrs"


class SubtaskState(StrEnum):
    """State of a subtask of a multi-instance task."""

    preparing = "preparing"
    running = "running"
    completed = "completed"


class TaskAddStatus(StrEnum):
    """Outcome of adding one task of an ``add_collection`` request."""

    success = "success"
    client_error = "clienterror"
    server_error = "servererror"


class TaskExecutionResult(StrEnum):
    """Whether a task succeeded or failed."""

    success = "success"
    failure = "failure"


class TaskState(StrEnum):
    """State of a task."""

    active = "active"
    preparing = "preparing"
    running = "running"
    completed = "completed"
