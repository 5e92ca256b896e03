"""Per-operation request options: timeout, OData query, request ids, dates, If-* conditions, byte ranges."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs

__all__ = [
    "FileDeleteFromTaskOptions",
    "FileGetFromTaskOptions",
    "FileGetPropertiesFromTaskOptions",
    "FileListFromTaskOptions",
    "JobAddOptions",
    "JobDeleteOptions",
    "JobDisableOptions",
    "JobEnableOptions",
    "JobGetOptions",
    "JobGetTaskCountsOptions",
    "JobListFromJobScheduleOptions",
    "JobListOptions",
    "JobListPreparationAndReleaseTaskStatusOptions",
    "JobPatchOptions",
    "JobTerminateOptions",
    "JobUpdateOptions",
    "TaskAddCollectionOptions",
    "TaskAddOptions",
    "TaskDeleteOptions",
    "TaskGetOptions",
    "TaskListOptions",
    "TaskListSubtasksOptions",
    "TaskReactivateOptions",
    "TaskTerminateOptions",
    "TaskUpdateOptions",
]


@attrs.define(kw_only=True)
class JobAddOptions:
    """Request options of ``add``."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class JobDeleteOptions:
    """Request options of ``delete``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class JobDisableOptions:
    """Request options of ``disable``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class JobEnableOptions:
    """Request options of ``enable``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class JobGetOptions:
    """Request options of ``get``: OData ``$select``/``$expand`` and If-* conditions."""

    select: str | None = None
    expand: str | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class JobGetTaskCountsOptions:
    """Request options of ``get_task_counts``."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class JobListOptions:
    """Request options of ``list``: OData ``$filter``/``$select``/``$expand`` and page size."""

    filter: str | None = None
    select: str | None = None
    expand: str | None = None
    max_results: int | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class JobListFromJobScheduleOptions:
    """Request options of ``list_from_job_schedule``: OData query and page size."""

    filter: str | None = None
    select: str | None = None
    expand: str | None = None
    max_results: int | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class JobListPreparationAndReleaseTaskStatusOptions:
    """Request options of ``list_preparation_and_release_task_status``."""

    filter: str | None = None
    select: str | None = None
    max_results: int | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class JobPatchOptions:
    """Request options of ``patch``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class JobTerminateOptions:
    """Request options of ``terminate``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class JobUpdateOptions:
    """Request options of ``update``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class TaskAddCollectionOptions:
    """Request options of the task ``add_collection``."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class TaskAddOptions:
    """Request options of the task ``add``."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class TaskDeleteOptions:
    """Request options of the task ``delete``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class TaskGetOptions:
    """Request options of the task ``get``: OData ``$select``/``$expand`` and If-* conditions."""

    select: str | None = None
    expand: str | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class TaskListOptions:
    """Request options of the task ``list``: OData ``$filter``/``$select``/``$expand`` and page size."""

    filter: str | None = None
    select: str | None = None
    expand: str | None = None
    max_results: int | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class TaskListSubtasksOptions:
    """Request options of the task ``list_subtasks``: OData ``$select``."""

    select: str | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class TaskReactivateOptions:
    """Request options of the task ``reactivate``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class TaskTerminateOptions:
    """Request options of the task ``terminate``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class TaskUpdateOptions:
    """Request options of the task ``update``, including If-* conditions."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class FileDeleteFromTaskOptions:
    """Request options of ``delete_from_task``."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None


@attrs.define(kw_only=True)
class FileGetFromTaskOptions:
    """Request options of ``get_from_task``: a byte range (``bytes=a-b``) and If-(Un)Modified-Since."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    ocp_range: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class FileGetPropertiesFromTaskOptions:
    """Request options of ``get_properties_from_task``, including If-Modified-Since/If-Unmodified-Since."""

    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None


@attrs.define(kw_only=True)
class FileListFromTaskOptions:
    """Request options of ``list_from_task``: OData ``$filter`` and page size."""

    filter: str | None = None
    max_results: int | None = None
    timeout: int | None = None
    client_request_id: str | UUID | None = None
    return_client_request_id: bool | None = None
    ocp_date: datetime | None = None
