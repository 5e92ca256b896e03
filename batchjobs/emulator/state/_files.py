"""A task's directory on its (emulated) node: ``stdout.txt``, ``stderr.txt`` and ``wd/``, with the
file API's rules: listings of direct children or of every descendant, ranged reads, properties,
and deletes that need ``recursive`` for a directory that is not empty.

Paths arrive decoded, with ``/`` or ``\\`` as separators (tasks-api.md §9.2); listings name them
with ``/`` (the emulated node is Linux, so files carry a ``fileMode`` and no creation time).
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from typing import Any

import attrs

from .._errors import BatchServiceError
from .._wire import iso7

__all__ = ["FileEntry", "TaskFiles", "file_not_found", "split_path"]


def file_not_found(path: str) -> BatchServiceError:
    return BatchServiceError(404, "FileNotFound", "The specified file does not exist.", {"FilePath": path})


def split_path(path: str) -> tuple[str, ...]:
    """The steps of a task-relative path; ``.``/``..`` steps and empty paths are refused."""
    steps = tuple(step for step in path.replace("\\", "/").split("/") if step)
    if not steps or any(step in (".", "..") for step in steps):
        raise file_not_found(path)
    return steps


@attrs.define(eq=False)
class FileEntry:
    """One file or directory: its bytes (files only) and times."""

    is_directory: bool
    created: datetime
    modified: datetime
    data: bytearray = attrs.Factory(bytearray)

    def properties(self, name: str) -> dict[str, Any]:
        """``NodeFile.properties`` (files only): sizes as strings, as the service writes them."""
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return {
            "lastModified": iso7(self.modified),
            "contentLength": str(len(self.data)),
            "contentType": content_type,
            "fileMode": "0o100644",
        }


class TaskFiles:
    """The files of one task: a tree of ``FileEntry`` keyed by path steps."""

    def __init__(self, now: datetime) -> None:
        self._entries: dict[tuple[str, ...], FileEntry] = {("wd",): FileEntry(True, now, now)}
        for name in ("stdout.txt", "stderr.txt"):
            self._entries[(name,)] = FileEntry(False, now, now)

    def write(self, path: str, data: bytes, now: datetime, *, append: bool = False) -> None:
        """Create or overwrite (or extend) a file, and its directories."""
        steps = split_path(path)
        for depth in range(1, len(steps)):
            self._entries.setdefault(steps[:depth], FileEntry(True, now, now))
        entry = self._entries.get(steps)
        if entry is None or entry.is_directory:
            entry = self._entries[steps] = FileEntry(False, now, now)
        if not append:
            entry.data.clear()
        entry.data += data
        entry.modified = now

    def entry(self, path: str) -> FileEntry:
        found = self._entries.get(split_path(path))
        if found is None:
            raise file_not_found(path)
        return found

    def read(self, path: str, first: int | None = None, last: int | None = None) -> bytes:
        """The bytes of a file, or of the inclusive range ``first``-``last``; 416 when unsatisfiable."""
        entry = self.entry(path)
        size = len(entry.data)
        if first is None:
            return bytes(entry.data)
        if first >= size:
            raise BatchServiceError(
                416, "InvalidRange", "The range specified is invalid for the current size of the resource."
            )
        end = size - 1 if last is None else min(last, size - 1)
        return bytes(entry.data[first : end + 1])

    def listing(self, recursive: bool) -> list[tuple[str, FileEntry]]:
        """``(name, entry)`` for the direct children, or every descendant, in path order."""
        found = [
            ("/".join(steps), entry) for steps, entry in self._entries.items() if recursive or len(steps) == 1
        ]
        return sorted(found, key=lambda item: item[0])

    def delete(self, path: str, recursive: bool) -> None:
        """Remove a file, or a directory (with ``recursive``, or when it is empty)."""
        steps = split_path(path)
        entry = self.entry(path)
        below = [key for key in self._entries if key[: len(steps)] == steps and key != steps]
        if entry.is_directory and below and not recursive:
            raise BatchServiceError(
                409,
                "DirectoryNotEmpty",
                "The directory is not empty: delete it with recursive=true.",
                {"FilePath": path},
            )  # [INF: status and code]
        for key in [steps, *below]:
            del self._entries[key]
