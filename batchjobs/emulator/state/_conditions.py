"""What reads and writes of any resource share: the parsed ``If-*`` request headers they are checked
against, and the snapshot of a resource they render."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from .._errors import BatchServiceError
from .._wire import rfc1123

__all__ = ["Conditions", "View"]


@attrs.frozen
class View:
    """A snapshot of a job or task for rendering: its wire document (eTag, lastModified included)."""

    doc: dict[str, Any]
    last_modified: datetime

    @property
    def id(self) -> str:
        return str(self.doc["id"])

    @property
    def etag(self) -> str:
        return str(self.doc["eTag"])


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
