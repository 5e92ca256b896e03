"""Pre-send checks that an operation record names (``Endpoint.checks``): bad input fails here,
with a clear message and before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["CHECKS"]

_JOB_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _priority(value: int | None) -> None:
    if value is not None and not -1000 <= value <= 1000:
        raise ValueError(f"priority must be between -1000 and 1000, got {value}")


def new_job(job: Any) -> None:
    """A job to create: a valid id (ids compare case-insensitively on the service), a pool, a priority."""
    if not isinstance(job.id, str) or not _JOB_ID.fullmatch(job.id):
        raise ValueError(f"job id {job.id!r} is invalid: use 1-64 letters, digits, '-' or '_'")
    if job.pool_info is None:
        raise ValueError("job.pool_info is required: give a pool_id or an auto_pool_specification")
    _priority(job.priority)


def replacement_job(job: Any) -> None:
    """A job's replacement (PUT): the pool is required there, unlike in a patch."""
    if job.pool_info is None:
        raise ValueError("job_update_parameter.pool_info is required by update (PUT)")
    _priority(job.priority)


def priority(change: Any) -> None:
    _priority(change.priority)


def disable_tasks(value: Any) -> None:
    if not value:
        raise ValueError("disable_tasks is required: requeue, terminate or wait")


CHECKS: dict[str, Callable[[Any], None]] = {
    "new_job": new_job,
    "replacement_job": replacement_job,
    "priority": priority,
    "disable_tasks": disable_tasks,
}
