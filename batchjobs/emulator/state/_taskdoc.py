"""The task as a wire document: built from an add with the service's defaults, its constraints
replaced by update, checked against the service's limits, and the exit-condition rules that decide
what a finished task means for its job and its dependents. Pure functions on plain dicts.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..._serialization import MAX_DURATION, format_duration
from .._errors import BatchServiceError, bad_property
from .._inferred import DEFAULT_RETENTION, RESERVED_TASK_IDS
from .._wire import iso7

__all__ = ["check_task", "constraints_of", "depends_on_ids", "exit_options", "new_task_doc"]

_TASK_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_UNLIMITED = format_duration(MAX_DURATION)
_MAX_DEPENDENCY_CHARACTERS = 64_000
_DEFAULT_IDENTITY = {"autoUser": {"scope": "pool", "elevationLevel": "nonadmin"}}
#: Where the client's properties go in the document the service returns, in its order.
_ECHOED = (
    "displayName",
    "commandLine",
    "containerSettings",
    "exitConditions",
    "resourceFiles",
    "outputFiles",
    "environmentSettings",
    "affinityInfo",
)
_ECHOED_LATE = (
    "multiInstanceSettings",
    "dependsOn",
    "applicationPackageReferences",
    "authenticationTokenSettings",
)


def check_task(body: dict[str, Any], job_doc: dict[str, Any], where: str = "") -> None:
    """The service-side limits of a task body (wire form); raise the 400/409 the service would send."""
    task_id = body.get("id", "")
    if not _TASK_ID.fullmatch(task_id):
        raise bad_property(f"{where}id", task_id, "must be 1-64 letters, digits, hyphens or underscores")
    reserved = RESERVED_TASK_IDS.get(task_id.casefold())
    if reserved is not None:
        raise BatchServiceError(409, reserved[0], reserved[1], {"TaskId": task_id})
    if len(body.get("displayName", "")) > 1024:
        raise bad_property(f"{where}displayName", body["displayName"], "must be at most 1024 characters")
    slots = body.get("requiredSlots")
    if slots is not None and slots < 1:
        raise bad_property(f"{where}requiredSlots", slots, "must be at least 1")
    if "dependsOn" in body:
        if not job_doc.get("usesTaskDependencies"):
            raise BatchServiceError(
                400,
                "TaskDependenciesNotSpecifiedOnJob",
                "The job does not allow task dependencies: create it with usesTaskDependencies set to true.",
                {"TaskId": task_id},
            )
        ids = body["dependsOn"].get("taskIds") or []
        if sum(len(parent) for parent in ids) >= _MAX_DEPENDENCY_CHARACTERS:
            raise BatchServiceError(
                400,
                "TaskDependencyListTooLong",
                "The list of task dependencies is too long.",
                {"TaskId": task_id},
            )
    if job_doc.get("onTaskFailure", "noaction") == "noaction" and _sets_job_action(
        body.get("exitConditions")
    ):
        raise bad_property(
            f"{where}exitConditions",
            "jobAction",
            "a jobAction needs the job's onTaskFailure to be performexitoptionsjobaction",
        )


def _sets_job_action(conditions: dict[str, Any] | None) -> bool:
    if not conditions:
        return False
    options = [entry.get("exitOptions") or {} for entry in conditions.get("exitCodes") or ()]
    options += [entry.get("exitOptions") or {} for entry in conditions.get("exitCodeRanges") or ()]
    options += [conditions.get(key) or {} for key in ("preProcessingError", "fileUploadError", "default")]
    return any(option.get("jobAction") not in (None, "none") for option in options)


def constraints_of(given: dict[str, Any] | None, job_doc: dict[str, Any]) -> dict[str, Any]:
    """Constraints with the service's defaults; the retry count comes from the job when left out."""
    given = given or {}
    return {
        "maxWallClockTime": given.get("maxWallClockTime", _UNLIMITED),
        "retentionTime": given.get("retentionTime", DEFAULT_RETENTION),
        "maxTaskRetryCount": given.get("maxTaskRetryCount", job_doc["constraints"]["maxTaskRetryCount"]),
    }


def new_task_doc(
    body: dict[str, Any], job_doc: dict[str, Any], *, now: datetime, etag: str
) -> dict[str, Any]:
    """The CloudTask document of a new task: what was given plus what the service fills in."""
    stamp = iso7(now)
    doc: dict[str, Any] = {"id": body["id"]}
    if "displayName" in body:
        doc["displayName"] = body["displayName"]
    doc.update(
        {
            "url": None,  # filled in per response from the address the client used
            "eTag": etag,
            "creationTime": stamp,
            "lastModified": stamp,
            "state": "active",
            "stateTransitionTime": stamp,
        }
    )
    for key in _ECHOED[1:]:
        if body.get(key) is not None:
            doc[key] = body[key]
    doc["userIdentity"] = body.get("userIdentity") or _DEFAULT_IDENTITY
    doc["constraints"] = constraints_of(body.get("constraints"), job_doc)
    doc["requiredSlots"] = body.get("requiredSlots", 1)
    doc["executionInfo"] = {"retryCount": 0, "requeueCount": 0}
    for key in _ECHOED_LATE:
        if body.get(key) is not None:
            doc[key] = body[key]
    return doc


def depends_on_ids(doc: dict[str, Any]) -> tuple[list[str], list[tuple[int, int]]]:
    """The parents a task waits for: ids, and inclusive ranges of integer ids."""
    depends = doc.get("dependsOn") or {}
    ranges = [(int(r["start"]), int(r["end"])) for r in depends.get("taskIdRanges") or ()]
    return list(depends.get("taskIds") or ()), ranges


def exit_options(doc: dict[str, Any], exit_code: int | None) -> tuple[str, str]:
    """``(jobAction, dependencyAction)`` for a finished attempt (tasks-api.md §6.1).

    ``exit_code`` None means the task could not start (a pre-processing error).
    """
    conditions = doc.get("exitConditions") or {}
    chosen: dict[str, Any] | None = None
    if exit_code is None:
        chosen = conditions.get("preProcessingError") or conditions.get("default")
    else:
        for entry in conditions.get("exitCodes") or ():
            if entry.get("code") == exit_code:
                chosen = entry.get("exitOptions") or {}
                break
        else:
            for entry in conditions.get("exitCodeRanges") or ():
                if entry.get("start", 0) <= exit_code <= entry.get("end", 0):
                    chosen = entry.get("exitOptions") or {}
                    break
            else:
                if exit_code != 0 or "default" in conditions:
                    chosen = conditions.get("default")
    success = exit_code == 0
    chosen = chosen or {}
    job_action = chosen.get("jobAction") or ("none" if success else "terminate")
    dependency_action = chosen.get("dependencyAction") or ("satisfy" if success else "block")
    return str(job_action).lower(), str(dependency_action).lower()
