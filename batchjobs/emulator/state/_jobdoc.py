"""The job as a wire document: built from ``add`` with the service's defaults, changed by ``patch``
and ``update``, checked against the service's limits. Pure functions on plain dicts."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Any

from ..._serialization import MAX_DURATION, format_duration, parse_duration
from ...models import JobAddParameter, JobPatchParameter, JobUpdateParameter
from .._errors import BatchServiceError, bad_property
from .._newer import merge_newer
from .._wire import iso7, to_wire

__all__ = ["apply_changes", "check_limits", "new_job_doc", "wall_clock_deadline"]

_JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_UNLIMITED = format_duration(MAX_DURATION)
_TERMINATEJOB = "terminatejob"


def _constraints(given: dict[str, Any] | None) -> dict[str, Any]:
    """Constraints with the service's defaults for what was left out (no time limit, no retries)."""
    given = given or {}
    return {
        "maxWallClockTime": given.get("maxWallClockTime", _UNLIMITED),
        "maxTaskRetryCount": given.get("maxTaskRetryCount", 0),
    }


def _pool_id(pool_info: dict[str, Any]) -> str:
    if "poolId" in pool_info:
        return str(pool_info["poolId"])
    # An auto pool gets a generated name; the real one is made asynchronously. [INF: name format]
    prefix = pool_info.get("autoPoolSpecification", {}).get("autoPoolIdPrefix")
    return f"{prefix}_{uuid.uuid4()}" if prefix else str(uuid.uuid4())


def check_limits(body: dict[str, Any], *, check_id: bool = True) -> None:
    """The service-side limits of an add/patch/update body (in wire form); raise 400 on a breach."""
    if check_id and not _JOB_ID.fullmatch(body.get("id", "")):
        raise bad_property("id", body.get("id"), "must be 1-64 letters, digits, hyphens or underscores")
    if len(body.get("displayName", "")) > 1024:
        raise bad_property("displayName", body["displayName"], "must be at most 1024 characters")
    priority = body.get("priority")
    if priority is not None and not -1000 <= priority <= 1000:
        raise bad_property("priority", priority, "must be between -1000 and 1000")
    parallel = body.get("maxParallelTasks")
    if parallel is not None and parallel != -1 and parallel < 1:
        raise bad_property("maxParallelTasks", parallel, "must be -1 or greater than 0")
    constraints = body.get("constraints") or {}
    retries = constraints.get("maxTaskRetryCount")
    if retries is not None and retries < -1:
        raise bad_property("constraints.maxTaskRetryCount", retries, "must be -1 or greater")
    wall = constraints.get("maxWallClockTime")
    if wall is not None and parse_duration(wall) <= timedelta(0):
        raise bad_property("constraints.maxWallClockTime", wall, "must be positive")
    pool_info = body.get("poolInfo")
    if pool_info is not None and ("poolId" in pool_info) == ("autoPoolSpecification" in pool_info):
        raise bad_property("poolInfo", pool_info, "give exactly one of poolId and autoPoolSpecification")
    if "jobReleaseTask" in body and "jobPreparationTask" not in body:
        raise bad_property("jobReleaseTask", "", "a job release task requires a job preparation task")
    for item in body.get("metadata") or ():
        if not item.get("name"):
            raise BatchServiceError(400, "EmptyMetadataKey", "A metadata item has an empty name.")


def new_job_doc(
    param: JobAddParameter,
    *,
    now: datetime,
    etag: str,
    check_id: bool = True,
    newer: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The CloudJob document of a new job: what was given plus what the service fills in."""
    body: dict[str, Any] = merge_newer(to_wire(param), newer or {})
    check_limits(body, check_id=check_id)
    stamp = iso7(now)
    doc: dict[str, Any] = {"id": body["id"]}
    if "displayName" in body:
        doc["displayName"] = body["displayName"]
    doc.update(
        {
            "url": None,  # filled in per response from the address the client used
            "eTag": etag,
            "lastModified": stamp,
            "creationTime": stamp,
            "state": "active",
            "stateTransitionTime": stamp,
            "priority": body.get("priority", 0),
            "maxParallelTasks": body.get("maxParallelTasks", -1),
            "allowTaskPreemption": body.get("allowTaskPreemption", False),
            "usesTaskDependencies": body.get("usesTaskDependencies", False),
            "constraints": _constraints(body.get("constraints")),
        }
    )
    for key in ("jobManagerTask", "jobPreparationTask", "jobReleaseTask", "commonEnvironmentSettings"):
        if body.get(key):
            doc[key] = body[key]
    doc["poolInfo"] = body["poolInfo"]
    doc["executionInfo"] = {"startTime": stamp, "poolId": _pool_id(body["poolInfo"])}
    doc["onAllTasksComplete"] = body.get("onAllTasksComplete", "noaction")
    doc["onTaskFailure"] = body.get("onTaskFailure", "noaction")
    if "networkConfiguration" in body:
        doc["networkConfiguration"] = body["networkConfiguration"]
    if body.get("metadata"):
        doc["metadata"] = body["metadata"]
    return doc


def apply_changes(
    doc: dict[str, Any], param: JobPatchParameter | JobUpdateParameter, newer: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The changed document for a patch (only what is given) or an update (omitted fields reset).

    Raises 400 for a breach of a limit and 409 for a pool change while the job is not disabled.
    Nested dicts are replaced, never changed in place, so earlier snapshots stay intact.
    """
    replace = isinstance(param, JobUpdateParameter)
    body: dict[str, Any] = merge_newer(to_wire(param), newer or {})
    check_limits(body, check_id=False)
    if replace:
        body.setdefault("priority", 0)
        body.setdefault("maxParallelTasks", -1)
        body.setdefault("allowTaskPreemption", False)
        body.setdefault("constraints", None)
        body.setdefault("metadata", [])
        body.setdefault("onAllTasksComplete", "noaction")
    if doc["onAllTasksComplete"] == _TERMINATEJOB and body.get("onAllTasksComplete", _TERMINATEJOB) != (
        _TERMINATEJOB
    ):
        raise bad_property(
            "onAllTasksComplete", body["onAllTasksComplete"], "cannot be changed from terminatejob"
        )
    if "poolInfo" in body and body["poolInfo"] != doc["poolInfo"] and doc["state"] != "disabled":
        raise BatchServiceError(
            409,
            "OperationInvalidForCurrentState",
            "The specified operation is not valid for the current state of the resource.",
            [("JobState", doc["state"]), ("PropertyName", "poolInfo")],
        )
    new = dict(doc)
    for key in ("priority", "maxParallelTasks", "allowTaskPreemption", "onAllTasksComplete"):
        if key in body:
            new[key] = body[key]
    if "constraints" in body:
        new["constraints"] = _constraints(body["constraints"])
    if "networkConfiguration" in body:  # PATCH, since 2024-07-01.20.0
        new["networkConfiguration"] = body["networkConfiguration"]
    if "poolInfo" in body and body["poolInfo"] != doc["poolInfo"]:
        new["poolInfo"] = body["poolInfo"]
        new["executionInfo"] = {**doc["executionInfo"], "poolId": _pool_id(body["poolInfo"])}
    if "metadata" in body:
        new.pop("metadata", None)
        if body["metadata"]:
            new["metadata"] = body["metadata"]
    # Keep the service's property order: metadata comes last.
    if "metadata" in new:
        new["metadata"] = new.pop("metadata")
    return new


def wall_clock_deadline(doc: dict[str, Any], created: datetime) -> datetime | None:
    """When the job's maxWallClockTime runs out, or None for no limit."""
    limit = parse_duration(doc["constraints"]["maxWallClockTime"])
    if limit >= MAX_DURATION:
        return None
    try:
        return created + limit
    except OverflowError:  # past the year 9999: as good as no limit
        return None
