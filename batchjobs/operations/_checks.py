"""Pre-send checks that an operation record names (``Endpoint.checks``): bad input fails here,
with a clear message and before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["CHECKS"]

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # job and task ids


def _priority(value: int | None) -> None:
    if value is not None and not -1000 <= value <= 1000:
        raise ValueError(f"priority must be between -1000 and 1000, got {value}")


def new_job(job: Any) -> None:
    """A job to create: a valid id (ids compare case-insensitively on the service), a pool, a priority."""
    if not isinstance(job.id, str) or not _ID.fullmatch(job.id):
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


def new_task(task: Any) -> None:
    """A task to add: a valid id (unique in the job, case-insensitively), a command line, the limits."""
    if not isinstance(task.id, str) or not _ID.fullmatch(task.id):
        raise ValueError(f"task id {task.id!r} is invalid: use 1-64 letters, digits, '-' or '_'")
    if not isinstance(task.command_line, str) or not task.command_line.strip():
        raise ValueError(f"task {task.id!r}: command_line is required")
    if task.display_name is not None and len(task.display_name) > 1024:
        raise ValueError(f"task {task.id!r}: display_name must be at most 1024 characters")
    if task.required_slots is not None and task.required_slots < 1:
        raise ValueError(f"task {task.id!r}: required_slots must be at least 1, got {task.required_slots}")


def disable_tasks(value: Any) -> None:
    if not value:
        raise ValueError("disable_tasks is required: requeue, terminate or wait")


CHECKS: dict[str, Callable[[Any], None]] = {
    "new_job": new_job,
    "replacement_job": replacement_job,
    "priority": priority,
    "new_task": new_task,
    "disable_tasks": disable_tasks,
}
