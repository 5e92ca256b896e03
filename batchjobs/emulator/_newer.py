"""What api-versions after 2023-05-01.17.0 added to the job operations: request-body properties
and query parameters.

The client's models and operation records are those of 2023-05-01.17.0; azure-batch 15.x
(2024-07-01.20.0 and 2025-06-01) may send these few more. The emulator accepts them, checks their
values as it checks any other property or parameter, and keeps the properties in the job document
where the service would return them.
Source: ``research/peers-tasks.md`` §1.2 (a diff of the 14.0.0 and 15.1.0 models).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import attrs

from ..models import JobNetworkConfiguration, JobPatchParameter, TaskContainerSettings

__all__ = [
    "NEWER_PROPERTIES",
    "NEWER_QUERY",
    "ContainerHostBatchBindMountEntry",
    "ContainerHostDataPath",
    "merge_newer",
]


class ContainerHostDataPath(StrEnum):
    """Which directory of the node a task container may mount (2024-07-01.20.0)."""

    SHARED = "Shared"
    STARTUP = "Startup"
    VFS_MOUNTS = "VfsMounts"
    TASK = "Task"
    JOB_PREP = "JobPrep"
    APPLICATIONS = "Applications"


@attrs.define(kw_only=True)
class ContainerHostBatchBindMountEntry:
    """One entry of ``containerHostBatchBindMounts``."""

    source: ContainerHostDataPath | None = None
    is_read_only: bool | None = None


#: model -> {wire name: (value type, is a list)} of the properties newer api-versions add to it.
NEWER_PROPERTIES: dict[type, dict[str, tuple[Any, bool]]] = {
    # 2024-07-01.20.0: a job's subnet can be changed by PATCH.
    JobPatchParameter: {"networkConfiguration": (JobNetworkConfiguration, False)},
    # 2024-07-01.20.0: keep the job's compute nodes in the subnet when the job ends.
    JobNetworkConfiguration: {"skipWithdrawFromVNet": (bool, False)},
    # 2024-07-01.20.0: node directories mounted into a task's container.
    TaskContainerSettings: {"containerHostBatchBindMounts": (ContainerHostBatchBindMountEntry, True)},
}

#: endpoint id -> the boolean query parameters newer api-versions add to it (names lower-case).
NEWER_QUERY: dict[str, tuple[str, ...]] = {
    # Since 2024-07-01.20.0 (azure-batch 15.x): force=true|false. A forced delete/terminate does
    # not wait for the nodes, which the emulator never does anyway, so it acts as the plain one. [INF]
    "job.delete": ("force",),
    "job.terminate": ("force",),
}


def merge_newer(wire: dict[str, Any], newer: dict[str, Any]) -> dict[str, Any]:
    """``wire`` (a body as the 2023-05-01 models write it) with the newer properties put back in place.

    ``newer`` mirrors the request body but holds only the newer properties (lists item by item).
    """
    if not newer:
        return wire
    out = dict(wire)
    for key, value in newer.items():
        current = out.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            out[key] = merge_newer(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            out[key] = [
                merge_newer(item, extra) if isinstance(item, dict) and isinstance(extra, dict) else item
                for item, extra in zip(current, value, strict=False)
            ]
        else:
            out[key] = value
    return out
