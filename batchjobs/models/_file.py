"""Task file models: the entries of a task directory listing."""

from __future__ import annotations

from datetime import datetime

import attrs

from ._base import Model

__all__ = [
    "FileProperties",
    "NodeFile",
]


@attrs.define(kw_only=True)
class NodeFile(Model):
    """A file or directory in a task's directory on a compute node."""

    name: str | None = None
    url: str | None = None
    is_directory: bool | None = None
    properties: FileProperties | None = None


@attrs.define(kw_only=True)
class FileProperties(Model):
    """Size, type and times of a file; directories have none."""

    creation_time: datetime | None = None
    last_modified: datetime
    content_length: int
    content_type: str | None = None
    file_mode: str | None = None
