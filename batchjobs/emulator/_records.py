"""Plain records of the emulator's state: a job, a snapshot of it for rendering, and the parsed
``If-*`` conditions a write or read is checked against."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ._errors import BatchServiceError
from ._policy import TransitionPolicy
from ._wire import rfc1123

__all__ = ["Conditions", "JobRecord", "JobView", "Pending", "with_previous_state", "zero_counts"]


@attrs.frozen(kw_only=True)
class Conditions:
    """The ``If-*`` request headers, parsed. ETags compare without surrounding quotes."""

    if_match: str | None = None
    if_none_match: str | None = None
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None

    def check(self, etag: str, last_modified: datetime, *, read: bool) -> None:
        """Raise 304 (a read whose If-None-Match/If-Modified-Since matched) or 412 ConditionNotMet."""
        modified = last_modified.replace(microsecond=0)  # HTTP dates have whole seconds
        not_modified = (self.if_none_match is not None and _etag_in(etag, self.if_none_match)) or (
            self.if_modified_since is not None and modified <= self.if_modified_since
        )
        failed = (self.if_match is not None and not _etag_in(etag, self.if_match)) or (
            self.if_unmodified_since is not None and modified > self.if_unmodified_since
        )
        if failed or (not_modified and not read):
            raise BatchServiceError(
                412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met."
            )
        if not_modified:
            headers = {"ETag": etag, "Last-Modified": rfc1123(last_modified)}
            raise BatchServiceError(304, "ConditionNotMet", "Not modified.", headers=headers)


def _etag_in(etag: str, header: str) -> bool:
    candidates = [part.strip().removeprefix("W/").strip('"') for part in header.split(",")]
    return "*" in candidates or etag in candidates


@attrs.frozen
class JobView:
    """A snapshot of a job for rendering: its wire document (eTag, lastModified included)."""

    doc: dict[str, Any]
    last_modified: datetime

    @property
    def id(self) -> str:
        return str(self.doc["id"])

    @property
    def etag(self) -> str:
        return str(self.doc["eTag"])


@attrs.define(eq=False)
class Pending:
    policy: TransitionPolicy
    due: datetime | None = None
    reads_seen: int = 0
    terminate_reason: str | None = None


@attrs.define(eq=False)
class JobRecord:
    """One job: its document and what the Job API cannot show or set directly."""

    seq: int
    doc: dict[str, Any]
    created: datetime
    last_modified: datetime
    schedule_key: str | None = None
    policy: TransitionPolicy | None = None
    pending: Pending | None = None
    deadline: datetime | None = None
    all_tasks_complete: bool = False
    task_counts: dict[str, Any] | None = None
    prep_release: list[dict[str, Any]] = attrs.Factory(list)

    def view(self) -> JobView:
        return JobView(dict(self.doc), self.last_modified)


def with_previous_state(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with room for previousState right after stateTransitionTime, as the service orders it."""
    out: dict[str, Any] = {}
    for key, value in doc.items():
        out[key] = value
        if key == "stateTransitionTime":
            out["previousState"] = out["previousStateTransitionTime"] = None
    return out


def zero_counts() -> dict[str, int]:
    return {"active": 0, "running": 0, "completed": 0, "succeeded": 0, "failed": 0}
