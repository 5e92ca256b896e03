"""The records of the task store: a task as the store keeps it, a snapshot for rendering, a
scripted outcome of a simulated attempt, and the errors and failure infos every task rule uses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ..._serialization import MAX_DURATION, parse_datetime, parse_duration
from .._errors import BatchServiceError
from .._inferred import ILLEGAL_TASK_STATE, TASK_FILES_CLEANED_UP, TASK_FILES_UNAVAILABLE
from .._lifecycle import Pending
from .._policy import TransitionPolicy
from ._conditions import View
from ._files import DirectoryFiles, TaskFiles

__all__ = [
    "NODE_ID",
    "Outcome",
    "TaskRecord",
    "TaskView",
    "failure",
    "files_cleaned_up",
    "files_unavailable",
    "illegal",
    "numbered",
    "refuse_completed",
    "task_not_found",
]

NODE_ID = "tvmps_emulator_node_1"  # the one emulated node every task runs on


def failure(code: str, message: str) -> dict[str, Any]:
    """A ``failureInfo`` of the user-error category (the service writes it in that casing)."""
    return {"category": "usererror", "code": code, "message": message}


def files_unavailable(task_id: str) -> BatchServiceError:
    return BatchServiceError(409, *TASK_FILES_UNAVAILABLE, {"TaskId": task_id})


def files_cleaned_up(task_id: str) -> BatchServiceError:
    return BatchServiceError(409, *TASK_FILES_CLEANED_UP, {"TaskId": task_id})


def task_not_found(task_id: str) -> BatchServiceError:
    return BatchServiceError(404, "TaskNotFound", "The specified task does not exist.", {"TaskId": task_id})


@attrs.frozen(kw_only=True)
class Outcome:
    """How a simulated attempt ends: an exit code, or a failure to start (``failure``: a code such as
    ``CommandProgramNotFound``, no exit code, no retry); and what it wrote."""

    exit_code: int = 0
    stdout: str = ""
    stderr: str = ""
    failure: str | None = None
    failure_message: str = "The task could not be started."


TaskView = View  # a snapshot of a task for rendering


@attrs.define(eq=False)
class TaskRecord:
    seq: int
    job_key: str
    doc: dict[str, Any]
    last_modified: datetime
    policy: TransitionPolicy | None = None
    pending: Pending | None = None
    files: TaskFiles | DirectoryFiles | None = None
    dependency_action: str | None = None  # once completed: "satisfy" or "block"
    attempt: int = 0  # attempts started by a runner, to match what its executor reports
    slots_held: int = 0
    role: str = ""  # "manager", or the key of a job preparation/release run; "" for other tasks
    exclusive: bool = False  # takes the whole node while it runs (a job manager's runExclusive)

    @property
    def key(self) -> str:
        """The task's key in its job (a preparation or release run has its own)."""
        return self.role if self.role.startswith("\x00") else str(self.doc["id"]).casefold()

    @property
    def state(self) -> str:
        return str(self.doc["state"])

    def view(self) -> TaskView:
        return TaskView(dict(self.doc), self.last_modified)

    def files_kept_until(self) -> datetime | None:
        """When the node drops the task's directory: ``retentionTime`` after the task completed
        (None while it has not completed, or when the retention is unlimited)."""
        if self.state != "completed":
            return None
        retention = parse_duration(self.doc["constraints"]["retentionTime"])
        if retention >= MAX_DURATION:
            return None
        ended = self.doc["executionInfo"].get("endTime") or self.doc["stateTransitionTime"]
        return parse_datetime(ended) + retention


def illegal(which: str, rec: TaskRecord) -> BatchServiceError:
    code, message = ILLEGAL_TASK_STATE[which]
    return BatchServiceError(409, code, message, {"TaskId": rec.doc["id"], "TaskState": rec.state})


def refuse_completed(rec: TaskRecord) -> None:
    if rec.state == "completed":
        raise illegal("completed", rec)


def numbered(tasks: dict[str, TaskRecord], number: int) -> TaskRecord | None:
    """The task whose id is the integer ``number`` (leading zeros ignored: the first completed counts)."""
    found = None
    for key, rec in tasks.items():
        if key.isdigit() and int(key) == number:
            if rec.dependency_action is not None:
                return rec
            found = found or rec
    return found
